#include "cdk8s/api_object.hpp"

#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "cdk8s/chart.hpp"

namespace cdk8s {
namespace {

TEST(ApiObject, NameDefaultsToTheDnsLabelOfItsPath) {
  App app;
  Chart chart(app, "mailu");
  ApiObject object(chart, "env-config", {.apiVersion = "v1", .kind = "ConfigMap"});
  EXPECT_EQ(object.name(), "mailu-env-config-c82e0567");
}

TEST(ApiObject, RendersApiVersionKindMetadataFirstAndOtherKeysSorted) {
  App app;
  Chart chart(app, "c", {.namespace_ = "ns"});
  ApiObject object(chart, "o",
                   {.apiVersion = "v1",
                    .kind = "ConfigMap",
                    .metadata = {.name = "explicit"},
                    .body = Json{{"immutable", false}, {"data", Json{{"b", "2"}, {"a", "1"}}}}});
  const Json json = object.toJson();
  std::vector<std::string> keys;
  for (auto it = json.begin(); it != json.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"apiVersion", "kind", "metadata", "data", "immutable"}));
  EXPECT_EQ(json.at("data").begin().key(), "a");
  EXPECT_EQ(json.at("metadata"), (Json{{"name", "explicit"}, {"namespace", "ns"}}));
}

TEST(ApiObject, MergesChartLabelsWithItsOwn) {
  App app;
  Chart chart(app, "c", {.labels = {{"team", "mail"}, {"tier", "chart"}}});
  ApiObject object(chart, "o", {.apiVersion = "v1", .kind = "Service", .metadata = {.labels = {{"tier", "own"}}}});
  EXPECT_EQ(object.toJson().at("metadata").at("labels"), (Json{{"team", "mail"}, {"tier", "own"}}));
}

TEST(ApiObject, DropsNullValuesAndEmptyMetadataFields) {
  App app;
  Chart chart(app, "c");
  ApiObject object(chart, "o", {.apiVersion = "v1", .kind = "X", .body = Json{{"spec", Json{{"gone", nullptr}}}}});
  const Json json = object.toJson();
  EXPECT_EQ(json.at("spec"), Json::object());
  EXPECT_FALSE(json.at("metadata").contains("labels"));
  EXPECT_FALSE(json.at("metadata").contains("namespace"));
}

TEST(ApiObject, LazyFieldsSeeChangesMadeAfterConstruction) {
  App app;
  Chart chart(app, "c");
  ApiObject object(chart, "o", {.apiVersion = "v1", .kind = "X"});
  int replicas = 1;
  object.setLazy("spec", [&] { return Json{{"replicas", replicas}}; });
  replicas = 3;
  EXPECT_EQ(object.toJson().at("spec").at("replicas"), 3);
}

TEST(ApiObject, AppliesJsonPatchesAfterRendering) {
  App app;
  Chart chart(app, "c");
  ApiObject object(chart, "o", {.apiVersion = "v1", .kind = "X", .body = Json{{"spec", Json{{"a", 1}}}}});
  object.addJsonPatch(JsonPatch::add("/spec/z", "added"));
  object.addJsonPatch(JsonPatch::replace("/spec/a", 2));
  object.addJsonPatch(JsonPatch::remove("/kind"));
  const Json json = object.toJson();
  EXPECT_EQ(json.at("spec"), (Json{{"a", 2}, {"z", "added"}}));
  EXPECT_FALSE(json.contains("kind"));
}

TEST(ApiObject, FailingPatchNamesTheConstruct) {
  App app;
  Chart chart(app, "c");
  ApiObject object(chart, "o", {.apiVersion = "v1", .kind = "X"});
  object.addJsonPatch(JsonPatch::remove("/nothing/here"));
  try {
    object.toJson();
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("c/o"), std::string::npos) << e.what();
  }
}

TEST(ApiObject, SortsKeysByUtf16CodeUnitsLikeJavaScript) {
  App app;
  Chart chart(app, "c");
  // U+FF21 (FULLWIDTH A) sorts after U+1F4EC (an emoji) in UTF-16, before it in UTF-8.
  ApiObject object(chart, "o",
                   {.apiVersion = "v1", .kind = "X", .body = Json{{"data", Json{{"\xEF\xBC\xA1", 1}, {"\xF0\x9F\x93\xAC", 2}}}}});
  EXPECT_EQ(object.toJson().at("data").begin().key(), "\xF0\x9F\x93\xAC");
}

}  // namespace
}  // namespace cdk8s
