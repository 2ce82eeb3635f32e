#include "cdk8s/insertion_ordered_map.hpp"

#include <string>
#include <string_view>

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
  EXPECT_EQ(map.front().first, "b");
  EXPECT_EQ(map.back().first, "a");
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
  EXPECT_EQ(map.back().first, "labels");
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
  EXPECT_EQ(map.front().first, "c");
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

}  // namespace
}  // namespace cdk8s
