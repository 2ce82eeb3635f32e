// The JSON value type used throughout the library.
//
// cdk8s works on JavaScript objects, whose keys keep their insertion order
// (after integer-like keys, which JavaScript always lists first). An ordered
// JSON type keeps "keys as given", so documents reach the YAML writer in the
// order the caller built them; the writer applies the integer-key rule.
// It is nlohmann's JSON with InsertionOrderedMap (which moves, where
// nlohmann::ordered_json copies, when an object grows) as its object type.
//
// jsonObject("a", 1, "b", jsonObject("c", "d")) builds {"a": 1, "b": {"c": "d"}}
// member by member, moving each value in. An initializer list
// (Json{{"a", 1}, ...}) builds every member as a two-element array first and
// converts it, several allocations per member; use jsonObject where objects
// are built often. A key given twice keeps its first value, as everywhere in
// InsertionOrderedMap.
#pragma once

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "cdk8s/insertion_ordered_map.hpp"

namespace cdk8s {

using Json = nlohmann::basic_json<InsertionOrderedMap>;

namespace json_detail {

inline void addMembers(Json::object_t&) {}

template <class Key, class Value, class... Rest>
void addMembers(Json::object_t& members, Key&& key, Value&& value, Rest&&... rest) {
  members.emplace(std::forward<Key>(key), std::forward<Value>(value));
  addMembers(members, std::forward<Rest>(rest)...);
}

}  // namespace json_detail

template <class... KeysAndValues>
Json jsonObject(KeysAndValues&&... keysAndValues) {
  static_assert(sizeof...(KeysAndValues) % 2 == 0, "jsonObject takes a value after each key");
  Json object(Json::value_t::object);
  auto& members = object.get_ref<Json::object_t&>();
  members.reserve(sizeof...(KeysAndValues) / 2);
  json_detail::addMembers(members, std::forward<KeysAndValues>(keysAndValues)...);
  return object;
}

}  // namespace cdk8s
