#include "cdk8s/json.hpp"

#include <map>
#include <string>

#include <gtest/gtest.h>

#include "cdk8s/json_patch.hpp"

namespace cdk8s {
namespace {

TEST(JsonObject, BuildsMembersInOrderFromMixedValueTypes) {
  const std::map<std::string, std::string> labels{{"b", "2"}, {"a", "1"}};
  const std::string name = "web";
  const Json object = jsonObject("name", name, "port", 80, "open", true, "labels", labels, "kind", "Service",
                                 "nested", jsonObject("x", nullptr));
  EXPECT_EQ(object.dump(),
            R"({"name":"web","port":80,"open":true,"labels":{"a":"1","b":"2"},"kind":"Service","nested":{"x":null}})");
  EXPECT_EQ(name, "web");  // lvalues are copied
}

TEST(JsonObject, MovesRvalueValuesIn) {
  Json inner = Json::array({1, 2, 3});
  const Json object = jsonObject("items", std::move(inner));
  EXPECT_EQ(object.at("items").size(), 3u);
  EXPECT_TRUE(inner.is_null());  // NOLINT(bugprone-use-after-move): moved, not copied
}

TEST(JsonObject, WithoutMembersIsAnEmptyObject) { EXPECT_EQ(jsonObject().dump(), "{}"); }

TEST(JsonObject, KeepsTheFirstValueOfARepeatedKey) {
  EXPECT_EQ(jsonObject("a", 1, "b", 2, "a", 3).dump(), R"({"a":1,"b":2})");
}

TEST(JsonPatch, AppliesInPlaceAndAsACopyAlike) {
  const Json document = jsonObject("spec", jsonObject("replicas", 2));
  const std::vector<JsonPatch> ops{JsonPatch::replace("/spec/replicas", 3), JsonPatch::add("/spec/paused", true)};
  const Json copy = JsonPatch::apply(document, ops);
  Json inPlace = document;
  JsonPatch::applyInPlace(inPlace, ops);
  EXPECT_EQ(copy.dump(), R"({"spec":{"replicas":3,"paused":true}})");
  EXPECT_EQ(inPlace, copy);
  EXPECT_EQ(document.dump(), R"({"spec":{"replicas":2}})");
  EXPECT_THROW(JsonPatch::applyInPlace(inPlace, {JsonPatch::remove("/missing")}), nlohmann::json::exception);
}

}  // namespace
}  // namespace cdk8s
