#include "cdk8s/json_release.hpp"

#include <gtest/gtest.h>

namespace cdk8s {
namespace {

TEST(ReleaseJson, EmptiesEveryContainerAndLeavesScalarsAlone) {
  Json document = Json::parse(R"({"spec": {"containers": [{"name": "a", "ports": [1, 2]}], "replicas": 1}})");
  releaseJson(document);
  EXPECT_TRUE(document.is_object());
  EXPECT_TRUE(document.empty());

  Json list = Json::parse(R"([[1, [2]], {"a": "b"}])");
  releaseJson(list);
  EXPECT_TRUE(list.is_array());
  EXPECT_TRUE(list.empty());

  Json text = "kept";
  releaseJson(text);
  EXPECT_EQ(text, "kept");
}

// Below kReleaseDepth the destructor takes over, whatever the depth: a deep
// tree must neither overflow the stack here nor leak (the sanitizer build
// checks the latter).
TEST(ReleaseJson, LeavesTreesDeeperThanItsLimitToTheDestructor) {
  Json document = Json::array();
  Json* innermost = &document;
  for (int i = 0; i < 100000; ++i) {
    innermost->push_back(Json::array());
    innermost = &innermost->back();
  }
  innermost->push_back("bottom");
  releaseJson(document);
  EXPECT_TRUE(document.empty());
}

}  // namespace
}  // namespace cdk8s
