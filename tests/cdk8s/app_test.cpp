#include "cdk8s/app.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "file_contents.hpp"

#include "cdk8s/api_object.hpp"
#include "cdk8s/chart.hpp"
#include "cdk8s/testing.hpp"

namespace cdk8s {
namespace {

using testdata::readFile;

TEST(App, SynthWritesOneFilePerChartNamedAfterItsDnsLabel) {
  auto app = Testing::app();
  Chart first(*app, "first");
  first.make<ApiObject>("cm", ApiObjectProps{.apiVersion = "v1", .kind = "ConfigMap"});
  Chart upper(*app, "Upper");
  const auto written = app->synth();
  ASSERT_EQ(written.size(), 2u);
  const std::filesystem::path dir = app->outdir();
  EXPECT_TRUE(std::filesystem::exists(dir / "first.k8s.yaml"));
  EXPECT_TRUE(std::filesystem::exists(dir / ("upper-" + upper.addr().substr(0, 8) + ".k8s.yaml")));
  EXPECT_EQ(readFile(dir / "first.k8s.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first-cm-c8104b55\n");
  std::filesystem::remove_all(dir);
}

TEST(App, SynthYamlJoinsAllChartsDocuments) {
  App app;
  Chart a(app, "a");
  a.make<ApiObject>("x", ApiObjectProps{.apiVersion = "v1", .kind = "A", .metadata = {.name = "first"}});
  Chart b(app, "b");
  b.make<ApiObject>("y", ApiObjectProps{.apiVersion = "v1", .kind = "B", .metadata = {.name = "second"}});
  EXPECT_EQ(app.synthYaml(),
            "apiVersion: v1\nkind: A\nmetadata:\n  name: first\n---\napiVersion: v1\nkind: B\nmetadata:\n  name: second\n");
}

TEST(App, ObjectsComeAfterTheirDependencies) {
  App app;
  Chart chart(app, "c");
  ApiObject first(chart, "first", {.apiVersion = "v1", .kind = "A", .metadata = {.name = "first"}});
  ApiObject second(chart, "second", {.apiVersion = "v1", .kind = "B", .metadata = {.name = "second"}});
  first.addDependency(second);
  const auto objects = chart.apiObjects();
  ASSERT_EQ(objects.size(), 2u);
  EXPECT_EQ(objects[0], &second);
  EXPECT_EQ(objects[1], &first);
}

TEST(App, DependencyCycleIsAnError) {
  App app;
  Chart chart(app, "c");
  ApiObject a(chart, "a", {.apiVersion = "v1", .kind = "A"});
  ApiObject b(chart, "b", {.apiVersion = "v1", .kind = "B"});
  a.addDependency(b);
  b.addDependency(a);
  EXPECT_THROW(chart.apiObjects(), std::logic_error);
}

TEST(App, DependentChartsGetIndexedFileNames) {
  auto app = Testing::app();
  Chart a(*app, "a");
  Chart b(*app, "b");
  a.addDependency(b);
  app->synth();
  const std::filesystem::path dir = app->outdir();
  EXPECT_TRUE(std::filesystem::exists(dir / "0000-b.k8s.yaml"));
  EXPECT_TRUE(std::filesystem::exists(dir / "0001-a.k8s.yaml"));
  std::filesystem::remove_all(dir);
}

TEST(App, NestedChartObjectsBelongToTheClosestChart) {
  App app;
  Chart outer(app, "outer");
  Chart inner(outer, "inner");
  inner.make<ApiObject>("x", ApiObjectProps{.apiVersion = "v1", .kind = "A"});
  EXPECT_TRUE(outer.apiObjects().empty());
  EXPECT_EQ(inner.apiObjects().size(), 1u);
}

TEST(App, FailedRenderingWritesNothing) {
  auto app = Testing::app();
  Chart good(*app, "good");
  good.make<ApiObject>("x", ApiObjectProps{.apiVersion = "v1", .kind = "A"});
  Chart bad(*app, "bad");
  ApiObject broken(bad, "y", {.apiVersion = "v1", .kind = "B"});
  broken.addJsonPatch(JsonPatch::remove("/missing"));
  EXPECT_THROW(app->synth(), std::runtime_error);
  EXPECT_TRUE(std::filesystem::is_empty(app->outdir()));
  std::filesystem::remove_all(app->outdir());
}

TEST(Testing, SnapshotMismatchSaysWhere) {
  const auto dir = std::filesystem::temp_directory_path() / "cdk8s-snapshot-test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "snap.yaml") << "a: 1\nb: 2\n";
  }
  EXPECT_TRUE(Testing::matchSnapshot("a: 1\nb: 2\n", dir / "snap.yaml").matches);
  const SnapshotResult result = Testing::matchSnapshot("a: 1\nb: 3\n", dir / "snap.yaml");
  EXPECT_FALSE(result.matches);
  EXPECT_NE(result.message.find("line 2"), std::string::npos) << result.message;
  EXPECT_FALSE(Testing::matchSnapshot("x", dir / "missing.yaml").matches);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cdk8s
