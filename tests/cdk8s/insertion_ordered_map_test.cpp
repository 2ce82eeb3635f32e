#include "cdk8s/insertion_ordered_map.hpp"

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "cdk8s/json.hpp"

namespace cdk8s {
namespace {

// Counts how often values are copied, to show that growing the map moves them.
struct CopyCounted {
  static inline int copies = 0;
  int value = 0;
  CopyCounted() = default;
  explicit CopyCounted(int v) : value(v) {}
  CopyCounted(const CopyCounted& other) : value(other.value) { ++copies; }
  CopyCounted(CopyCounted&&) noexcept = default;
  CopyCounted& operator=(const CopyCounted& other) {
    value = other.value;
    ++copies;
    return *this;
  }
  CopyCounted& operator=(CopyCounted&&) noexcept = default;
};

TEST(InsertionOrderedMap, KeepsInsertionOrderAndFirstValueOfAKey) {
  InsertionOrderedMap<std::string, int> map;
  EXPECT_TRUE(map.emplace("b", 1).second);
  EXPECT_TRUE(map.emplace("a", 2).second);
  const auto [it, inserted] = map.emplace("b", 3);
  EXPECT_FALSE(inserted);
  EXPECT_EQ(it->second, 1);
  ASSERT_EQ(map.size(), 2u);
  EXPECT_EQ(map.begin()->first, "b");
  EXPECT_EQ(std::next(map.begin())->first, "a");
}

TEST(InsertionOrderedMap, GrowingMovesMembersInsteadOfCopyingThem) {
  InsertionOrderedMap<std::string, CopyCounted> map;
  CopyCounted::copies = 0;
  for (int i = 0; i < 100; ++i) map.emplace("key" + std::to_string(i), CopyCounted(i));
  EXPECT_EQ(CopyCounted::copies, 0);
  EXPECT_EQ(map.at(std::string_view("key42")).value, 42);
}

TEST(InsertionOrderedMap, LooksUpWithAnyComparableKeyType) {
  InsertionOrderedMap<std::string, int> map{{"name", 1}, {"kind", 2}};
  EXPECT_EQ(map.count("kind"), 1u);
  EXPECT_EQ(map.count(std::string_view("missing")), 0u);
  EXPECT_EQ(map.find(std::string("name"))->second, 1);
  map["labels"] = 3;
  EXPECT_EQ(std::prev(map.end())->first, "labels");
  EXPECT_THROW((void)map.at("missing"), std::out_of_range);
  // Keys that begin alike are different keys.
  EXPECT_EQ(map.count("nam"), 0u);
  EXPECT_EQ(map.count("names"), 0u);
  EXPECT_EQ(map.count(std::string_view("kindness", 4)), 1u);
}

TEST(InsertionOrderedMap, FirstMemberMakesRoomForAFew) {
  InsertionOrderedMap<std::string, int> map;
  map["only"] = 1;
  EXPECT_GE(map.capacity(), (InsertionOrderedMap<std::string, int>::kFirstCapacity));
}

TEST(InsertionOrderedMap, ErasesByKeyAndByPosition) {
  InsertionOrderedMap<std::string, int> map{{"a", 1}, {"b", 2}, {"c", 3}};
  EXPECT_EQ(map.erase("b"), 1u);
  EXPECT_EQ(map.erase("b"), 0u);
  map.erase(map.begin());
  ASSERT_EQ(map.size(), 1u);
  EXPECT_EQ(map.begin()->first, "c");
}

TEST(InsertionOrderedMap, IsTheObjectTypeOfJson) {
  Json object = Json::object();
  object["z"] = 1;
  object["a"] = Json::array({1, 2});
  object["m"] = "text";
  EXPECT_EQ(object.dump(), R"({"z":1,"a":[1,2],"m":"text"})");
  object.erase("a");
  EXPECT_EQ(object.dump(), R"({"z":1,"m":"text"})");
  EXPECT_EQ(Json::parse(R"({"b":1,"a":2})").begin().key(), "b");
  EXPECT_EQ(object, Json::parse(R"({"z":1,"m":"text"})"));
}

using Map = InsertionOrderedMap<std::string, int>;

template <class M>
std::vector<std::string> keysOf(const M& map) {
  std::vector<std::string> keys;
  for (const auto& member : map) keys.push_back(member.first);
  return keys;
}

// The members are private: nothing appends without looking the key up, and
// the map is no vector a caller could reach the members through.
template <class M>
concept CanPushBack = requires(M map, typename M::value_type member) { map.push_back(member); };
template <class M>
concept CanEmplaceBack = requires(M map) { map.emplace_back("key", 1); };
template <class M>
concept CanInsertAtAPosition = requires(M map, typename M::value_type member) { map.insert(map.begin(), member); };
template <class M>
concept CanResize = requires(M map) { map.resize(3); };
template <class M>
concept CanIndexByPosition = requires(M map) { map[std::size_t{0}]; };
template <class M>
concept CanReachTheLastMember = requires(M map) { map.back(); };
static_assert(!CanPushBack<Map>);
static_assert(!CanEmplaceBack<Map>);
static_assert(!CanInsertAtAPosition<Map>);
static_assert(!CanResize<Map>);
static_assert(!CanIndexByPosition<Map>);
static_assert(!CanReachTheLastMember<Map>);
static_assert(!std::is_convertible_v<Map&, std::vector<Map::value_type>&>);
static_assert(!std::is_convertible_v<Json::object_t&, std::vector<Json::object_t::value_type>&>);

TEST(InsertionOrderedMap, EmplaceOfAKeyThereReturnsItsMemberWhateverTheKeyType) {
  Map map;
  map.emplace("a", 1);
  map.emplace("b", 2);
  for (const auto& [it, inserted] : {map.emplace("a", 10), map.emplace(std::string("a"), 11),
                                     map.emplace(std::string_view("a"), 12)}) {
    EXPECT_FALSE(inserted);
    EXPECT_EQ(it, map.begin());
  }
  EXPECT_EQ(map.size(), 2u);
  EXPECT_EQ(map.at("a"), 1);
}

TEST(InsertionOrderedMap, InsertOfAKeyThereKeepsTheFirstValue) {
  Map map{{"a", 1}};
  const Map::value_type copied{"a", 2};
  EXPECT_FALSE(map.insert(copied).second);
  EXPECT_FALSE(map.insert(Map::value_type{"a", 3}).second);
  const std::vector<Map::value_type> more{{"b", 4}, {"a", 5}, {"b", 6}, {"c", 7}};
  map.insert(more.begin(), more.end());
  EXPECT_EQ(keysOf(map), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(map.at("a"), 1);
  EXPECT_EQ(map.at("b"), 4);
}

TEST(InsertionOrderedMap, SubscriptFindsTheMemberThere) {
  Map map;
  map["a"] = 1;
  map[std::string("a")] += 1;
  map[std::string_view("a")] += 1;
  ASSERT_EQ(map.size(), 1u);
  EXPECT_EQ(map.at("a"), 3);
}

TEST(InsertionOrderedMap, ConstructorsKeepTheFirstValueOfARepeatedKey) {
  const Map listed{{"a", 1}, {"b", 2}, {"a", 3}};
  EXPECT_EQ(keysOf(listed), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(listed.at("a"), 1);
  const std::vector<std::pair<std::string, int>> members{{"x", 1}, {"x", 2}, {"y", 3}, {"y", 4}};
  const Map ranged(members.begin(), members.end());
  EXPECT_EQ(keysOf(ranged), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(ranged.at("y"), 3);
}

TEST(InsertionOrderedMap, AKeyErasedAndAddedAgainGoesLast) {
  Map map{{"a", 1}, {"b", 2}, {"c", 3}};
  map.erase("b");
  map.emplace("b", 4);
  EXPECT_EQ(keysOf(map), (std::vector<std::string>{"a", "c", "b"}));
  map.erase(map.begin());
  map["a"] = 5;
  EXPECT_EQ(keysOf(map), (std::vector<std::string>{"c", "b", "a"}));
  map["c"] = 6;  // a member there keeps its place
  map.insert(Map::value_type{"b", 7});
  EXPECT_EQ(keysOf(map), (std::vector<std::string>{"c", "b", "a"}));
  map.erase(std::next(map.begin()), map.end());
  map.emplace("a", 8);
  map.emplace("b", 9);
  EXPECT_EQ(keysOf(map), (std::vector<std::string>{"c", "a", "b"}));
  EXPECT_EQ(map.at("b"), 9);
}

TEST(InsertionOrderedMap, EraseIfKeepsTheOrderOfTheRest) {
  Map map{{"a", 1}, {"b", 2}, {"c", 3}, {"d", 4}};
  EXPECT_EQ(erase_if(map, [](const Map::value_type& member) { return member.second % 2 == 0; }), 2u);
  EXPECT_EQ(keysOf(map), (std::vector<std::string>{"a", "c"}));
}

TEST(InsertionOrderedMap, JsonCannotGetARepeatedKeyEither) {
  Json object = Json::parse(R"({"a":1,"b":2,"a":3})");  // the parser keeps the last, as nlohmann::json does
  EXPECT_EQ(object.dump(), R"({"a":3,"b":2})");
  EXPECT_FALSE(object.emplace("a", 4).second);
  object.push_back(Json::object_t::value_type("b", 5));
  object.push_back({"c", 6});
  const Json more = Json::parse(R"({"c":7,"d":8})");
  object.insert(more.begin(), more.end());
  object["a"] = 9;
  EXPECT_EQ(object.dump(), R"({"a":9,"b":2,"c":6,"d":8})");
  object.update(Json::parse(R"({"b":10,"e":11})"));
  EXPECT_EQ(object.dump(), R"({"a":9,"b":10,"c":6,"d":8,"e":11})");
  const auto& members = object.get_ref<const Json::object_t&>();
  EXPECT_EQ(Json::object_t(members.begin(), members.end()), members);
  EXPECT_EQ(Json(object.begin(), object.end()), object);
}

TEST(InsertionOrderedMap, JsonRoundTripsKeepTheOrder) {
  const std::string text = R"({"zeta":1,"alpha":{"y":[1,{"b":2,"a":1}],"x":null},"mid":"text","10":true,"2":false})";
  const Json parsed = Json::parse(text);
  EXPECT_EQ(parsed.dump(), text);
  EXPECT_EQ(Json::parse(parsed.dump(2)).dump(), text);
  EXPECT_EQ(Json::from_cbor(Json::to_cbor(parsed)).dump(), text);
  EXPECT_EQ(Json::from_msgpack(Json::to_msgpack(parsed)).dump(), text);
  const Json copy = parsed;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_EQ(copy.dump(), text);
  EXPECT_EQ(copy, parsed);
  // Order counts in comparisons, as it does in the output.
  EXPECT_NE(Json::parse(R"({"a":1,"b":2})"), Json::parse(R"({"b":2,"a":1})"));
  EXPECT_LT(Json::parse(R"({"a":1})"), Json::parse(R"({"b":1})"));
  Json patched = parsed;
  patched.merge_patch(Json::parse(R"({"alpha":{"x":0,"w":1},"zeta":null,"new":[]})"));
  EXPECT_EQ(patched.dump(),
            R"({"alpha":{"y":[1,{"b":2,"a":1}],"x":0,"w":1},"mid":"text","10":true,"2":false,"new":[]})");
  Json::object_t swapped{{"only", 1}};
  patched.swap(swapped);
  EXPECT_EQ(patched.dump(), R"({"only":1})");
  EXPECT_EQ(swapped.begin()->first, "alpha");
}

}  // namespace
}  // namespace cdk8s
