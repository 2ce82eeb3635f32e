// The object type of cdk8s::Json: members kept in insertion order, as in a
// JavaScript object.
//
// nlohmann's own ordered_map stores std::pair<const Key, T>. Such a pair
// cannot be moved without copying its key, so it is not nothrow-movable and
// std::vector copies every member, deep, whenever it grows: adding one key to
// an object that holds a container spec copies the whole spec. Here the key
// is not const, members move on growth, and lookups take any key type
// comparable with the stored one (const char*, std::string_view) without
// building a string first.
//
// Lookups are linear, as in ordered_map: Kubernetes objects have few keys per
// level. Callers must not change a key through an iterator.
#pragma once

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace cdk8s {

template <class Key, class T, class IgnoredLess = std::less<Key>,
          class IgnoredAllocator = std::allocator<std::pair<const Key, T>>>
struct InsertionOrderedMap : std::vector<std::pair<Key, T>> {
  using Members = std::vector<std::pair<Key, T>>;
  using key_type = Key;
  using mapped_type = T;
  using value_type = typename Members::value_type;
  using size_type = typename Members::size_type;
  using iterator = typename Members::iterator;
  using const_iterator = typename Members::const_iterator;
  // Transparent, so nlohmann passes keys through as the caller gave them.
  using key_compare = std::equal_to<>;

  template <class K>
  static constexpr bool kComparableKey =
      requires(const Key& stored, const K& key) {
        { stored == key } -> std::convertible_to<bool>;
      } && !std::is_convertible_v<const K&, const_iterator>;

  static constexpr size_type kFirstCapacity = 4;

  InsertionOrderedMap() noexcept = default;
  template <std::input_iterator It>
  InsertionOrderedMap(It first, It last) : Members(first, last) {}
  InsertionOrderedMap(std::initializer_list<value_type> init) : Members(init) {}

  template <class K>
    requires kComparableKey<K>
  iterator find(const K& key) {
    return findIn(*this, key);
  }

  template <class K>
    requires kComparableKey<K>
  const_iterator find(const K& key) const {
    return findIn(*this, key);
  }

  template <class K>
    requires kComparableKey<K>
  size_type count(const K& key) const {
    return find(key) == this->end() ? 0 : 1;
  }

  template <class K>
    requires kComparableKey<K>
  std::pair<iterator, bool> emplace(K&& key, T&& value) {
    if (auto it = find(key); it != this->end()) return {it, false};
    // Objects are filled one member at a time; growing 1, 2, 4 would
    // allocate three times for what most objects hold.
    if (this->capacity() < kFirstCapacity) this->reserve(kFirstCapacity);
    this->emplace_back(std::forward<K>(key), std::move(value));
    return {std::prev(this->end()), true};
  }

  template <class K>
    requires kComparableKey<K>
  T& operator[](K&& key) {
    return emplace(std::forward<K>(key), T{}).first->second;
  }

  template <class K>
    requires kComparableKey<K>
  T& at(const K& key) {
    if (auto it = find(key); it != this->end()) return it->second;
    throw std::out_of_range("key not found");
  }

  template <class K>
    requires kComparableKey<K>
  const T& at(const K& key) const {
    if (auto it = find(key); it != this->end()) return it->second;
    throw std::out_of_range("key not found");
  }

  template <class K>
    requires kComparableKey<K>
  size_type erase(const K& key) {
    auto it = find(key);
    if (it == this->end()) return 0;
    Members::erase(it);
    return 1;
  }

  iterator erase(iterator pos) { return Members::erase(pos); }
  iterator erase(iterator first, iterator last) { return Members::erase(first, last); }

  std::pair<iterator, bool> insert(value_type&& member) {
    return emplace(std::move(member.first), std::move(member.second));
  }

  std::pair<iterator, bool> insert(const value_type& member) { return emplace(Key(member.first), T(member.second)); }

  template <std::input_iterator It>
  void insert(It first, It last) {
    for (; first != last; ++first) insert(*first);
  }

 private:
  // Text keys are compared as string views: a const char* key would
  // otherwise be measured again for every member it is compared with.
  template <class Self, class K>
  static auto findIn(Self& self, const K& key) {
    if constexpr (std::is_convertible_v<const K&, std::string_view> &&
                  std::is_convertible_v<const Key&, std::string_view>) {
      const std::string_view wanted(key);
      return std::find_if(self.begin(), self.end(),
                          [&](const value_type& member) { return std::string_view(member.first) == wanted; });
    } else {
      return std::find_if(self.begin(), self.end(), [&](const value_type& member) { return member.first == key; });
    }
  }
};

}  // namespace cdk8s
