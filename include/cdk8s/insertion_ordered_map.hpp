// The object type of cdk8s::Json: members kept in insertion order, as in a
// JavaScript object, each key at most once.
//
// nlohmann's own ordered_map stores std::pair<const Key, T>. Such a pair
// cannot be moved without copying its key, so it is not nothrow-movable and
// std::vector copies every member, deep, whenever it grows: adding one key to
// an object that holds a container spec copies the whole spec. Here the key
// is not const, members move on growth, and lookups take any key type
// comparable with the stored one (const char*, std::string_view) without
// building a string first.
//
// The members live in a private vector, and the public interface is the part
// of a map that nlohmann::basic_json asks of its ObjectType: every way in
// (emplace, insert, operator[], the constructors) looks the key up first and
// keeps the member already there. A vector's push_back or emplace_back would
// append a second member with the same key, so there is none.
//
// Lookups are linear, as in ordered_map: Kubernetes objects have few keys per
// level. The iterators are the vector's: std::sort and std::rotate can reorder
// members through them, and basic_json hands out references to the values.
// The one thing callers must not do through an iterator is change a key or
// assign a whole member, which could make two keys equal.
#pragma once

#include <algorithm>
#include <compare>
#include <concepts>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace cdk8s {

template <class Key, class T, class IgnoredLess = std::less<Key>,
          class IgnoredAllocator = std::allocator<std::pair<const Key, T>>>
class InsertionOrderedMap {
  using Members = std::vector<std::pair<Key, T>>;

 public:
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

  // A key given twice keeps its first value, as in std::map.
  template <std::input_iterator It>
  InsertionOrderedMap(It first, It last) {
    if constexpr (std::forward_iterator<It>) members_.reserve(static_cast<size_type>(std::distance(first, last)));
    insert(first, last);
  }
  InsertionOrderedMap(std::initializer_list<value_type> init) : InsertionOrderedMap(init.begin(), init.end()) {}

  iterator begin() noexcept { return members_.begin(); }
  iterator end() noexcept { return members_.end(); }
  const_iterator begin() const noexcept { return members_.begin(); }
  const_iterator end() const noexcept { return members_.end(); }
  const_iterator cbegin() const noexcept { return members_.cbegin(); }
  const_iterator cend() const noexcept { return members_.cend(); }

  [[nodiscard]] bool empty() const noexcept { return members_.empty(); }
  size_type size() const noexcept { return members_.size(); }
  size_type max_size() const noexcept { return members_.max_size(); }
  size_type capacity() const noexcept { return members_.capacity(); }
  void reserve(size_type count) { members_.reserve(count); }
  void clear() noexcept { members_.clear(); }

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
    return find(key) == end() ? 0 : 1;
  }

  // Adds key with value unless the key is there; either way the iterator
  // points at the key's member, and the bool says whether it was added.
  template <class K, class V>
    requires kComparableKey<K> && std::constructible_from<Key, K> && std::constructible_from<T, V>
  std::pair<iterator, bool> emplace(K&& key, V&& value) {
    return tryEmplace(std::forward<K>(key), std::forward<V>(value));
  }

  template <class K>
    requires kComparableKey<K> && std::constructible_from<Key, K>
  T& operator[](K&& key) {
    return tryEmplace(std::forward<K>(key)).first->second;
  }

  template <class K>
    requires kComparableKey<K>
  T& at(const K& key) {
    if (auto it = find(key); it != end()) return it->second;
    throw std::out_of_range("key not found");
  }

  template <class K>
    requires kComparableKey<K>
  const T& at(const K& key) const {
    if (auto it = find(key); it != end()) return it->second;
    throw std::out_of_range("key not found");
  }

  std::pair<iterator, bool> insert(value_type&& member) {
    return emplace(std::move(member.first), std::move(member.second));
  }

  std::pair<iterator, bool> insert(const value_type& member) { return emplace(member.first, member.second); }

  // Members of another type (those of a std::map<std::string, std::string>)
  // are converted as they are added, not first into a value_type.
  template <std::input_iterator It>
  void insert(It first, It last) {
    for (; first != last; ++first) {
      auto&& member = *first;
      emplace(std::forward<decltype(member)>(member).first, std::forward<decltype(member)>(member).second);
    }
  }

  template <class K>
    requires kComparableKey<K>
  size_type erase(const K& key) {
    auto it = find(key);
    if (it == end()) return 0;
    members_.erase(it);
    return 1;
  }

  iterator erase(const_iterator pos) { return members_.erase(pos); }
  iterator erase(const_iterator first, const_iterator last) { return members_.erase(first, last); }

  // As std::erase_if for the standard containers: removes the members pred
  // holds for, keeping the order of the others, and says how many went.
  template <class Pred>
  friend size_type erase_if(InsertionOrderedMap& map, Pred pred) {
    return std::erase_if(map.members_, std::move(pred));
  }

  void swap(InsertionOrderedMap& other) noexcept { members_.swap(other.members_); }
  friend void swap(InsertionOrderedMap& a, InsertionOrderedMap& b) noexcept { a.swap(b); }

  // Members compare in order, as in ordered_map: {"a", "b"} is not {"b", "a"}.
  friend bool operator==(const InsertionOrderedMap& a, const InsertionOrderedMap& b) {
    return a.members_ == b.members_;
  }
  friend auto operator<=>(const InsertionOrderedMap& a, const InsertionOrderedMap& b) {
    return a.members_ <=> b.members_;
  }

 private:
  template <class K>
  static constexpr bool kTextKey =
      std::is_convertible_v<const K&, std::string_view> && std::is_convertible_v<const Key&, std::string_view>;

  // emplace and operator[]: the member of key, added with a T made of args
  // if the key is not there.
  template <class K, class... Args>
  std::pair<iterator, bool> tryEmplace(K&& key, Args&&... args) {
    if constexpr (kTextKey<K>) {
      const std::string_view text(key);
      if (auto it = findText(text); it != end()) return {it, false};
      // A C string builds the key from the length already measured.
      if constexpr (std::is_pointer_v<std::decay_t<K>> && std::is_constructible_v<Key, std::string_view>) {
        return {append(text, std::forward<Args>(args)...), true};
      } else {
        return {append(std::forward<K>(key), std::forward<Args>(args)...), true};
      }
    } else {
      if (auto it = find(key); it != end()) return {it, false};
      return {append(std::forward<K>(key), std::forward<Args>(args)...), true};
    }
  }

  // Adds a member whose key the caller has looked for and not found.
  template <class K, class... Args>
  iterator append(K&& key, Args&&... args) {
    // Objects are filled one member at a time; growing 1, 2, 4 would
    // allocate three times for what most objects hold. Room made ahead
    // (reserve, the range constructor) is used first.
    if (members_.size() == members_.capacity() && members_.capacity() < kFirstCapacity) {
      members_.reserve(kFirstCapacity);
    }
    members_.emplace_back(std::piecewise_construct, std::forward_as_tuple(std::forward<K>(key)),
                          std::forward_as_tuple(std::forward<Args>(args)...));
    return std::prev(members_.end());
  }

  // Text keys are compared as string views: a const char* key would
  // otherwise be measured again for every member it is compared with.
  template <class Self>
  static auto findTextIn(Self& self, std::string_view wanted) {
    return std::find_if(self.begin(), self.end(),
                        [&](const value_type& member) { return std::string_view(member.first) == wanted; });
  }
  iterator findText(std::string_view wanted) { return findTextIn(*this, wanted); }

  template <class Self, class K>
  static auto findIn(Self& self, const K& key) {
    if constexpr (kTextKey<K>) {
      return findTextIn(self, std::string_view(key));
    } else {
      return std::find_if(self.begin(), self.end(), [&](const value_type& member) { return member.first == key; });
    }
  }

  Members members_;
};

}  // namespace cdk8s
