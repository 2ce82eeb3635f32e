// Snapshots of what the examples synthesize, embedded files included, so any
// change to the output (a script, a default, a name) shows up for review.
// Accept a reviewed change with UPDATE_SNAPSHOTS=1.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "cdk8s/testing.hpp"
#include "cdk8s/yaml.hpp"
#include "mailu/config_loader.hpp"
#include "mailu/mailu_chart.hpp"

namespace {

namespace fs = std::filesystem;

// The chart "mailu" of an example config against its snapshot.
void expectExampleMatchesSnapshot(const std::string& example, const std::string& snapshot) {
  cdk8s::App app;
  mailu::MailuChart chart(app, "mailu", mailu::loadConfigFile(fs::path(EXAMPLES_DIR) / example));
  const auto result = cdk8s::Testing::matchSnapshot(cdk8s::Testing::synthYaml(chart), fs::path(SNAPSHOT_DIR) / snapshot);
  EXPECT_TRUE(result.matches) << result.message;
}

TEST(ExampleSnapshot, MailuYamlMatchesItsSnapshot) { expectExampleMatchesSnapshot("mailu.yaml", "mailu.k8s.yaml"); }

// Every key issue 15 added, set at once (examples/mailu-all-keys.json).
TEST(ExampleSnapshot, AllKeysExampleMatchesItsSnapshot) {
  expectExampleMatchesSnapshot("mailu-all-keys.json", "mailu-all-keys.k8s.yaml");
}

// The mail ports on a LoadBalancer without Traefik's TCP routes (issue 16).
TEST(ExampleSnapshot, LoadBalancerExampleMatchesItsSnapshot) {
  expectExampleMatchesSnapshot("mailu-load-balancer.yaml", "mailu-load-balancer.k8s.yaml");
}

#ifdef SIMPLE_DEPLOYMENT_PATH
TEST(ExampleSnapshot, SimpleDeploymentProgramMatchesItsSnapshot) {
  const fs::path outdir = fs::temp_directory_path() / "cdk8s-mailu-simple-deployment";
  fs::remove_all(outdir);
  const std::string command = std::string(SIMPLE_DEPLOYMENT_PATH) + " '" + outdir.string() + "' >/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::ifstream in(outdir / "simple-deployment.k8s.yaml", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  fs::remove_all(outdir);
  const auto result = cdk8s::Testing::matchSnapshot(text.str(), fs::path(SNAPSHOT_DIR) / "simple-deployment.k8s.yaml");
  EXPECT_TRUE(result.matches) << result.message;
}
#else
// Without the example the snapshot would go unchecked; say so instead of passing.
TEST(ExampleSnapshot, SimpleDeploymentProgramMatchesItsSnapshot) {
  FAIL() << "examples/simple_deployment.cpp is not built (CDK8S_MAILU_BUILD_EXAMPLES=OFF): its snapshot is unchecked";
}
#endif

}  // namespace
