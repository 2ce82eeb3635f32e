// The public parity corpus: each case's config, synthesized as chart
// `chart-ids.json[case]`, must give the expected file byte for byte once the
// project's own file contents are masked (the four keys below).
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "file_contents.hpp"

#include "cdk8s/app.hpp"
#include "cdk8s/yaml.hpp"
#include "mailu/config_loader.hpp"
#include "mailu/mailu_chart.hpp"

namespace mailu {
namespace {

const std::filesystem::path kParity = std::filesystem::path(TEST_DATA_DIR) / "parity";

using testdata::readFile;

// The embedded files are the project's own; the corpus has MASKED there.
void maskEmbeddedFiles(std::vector<cdk8s::Json>& docs) {
  for (cdk8s::Json& doc : docs) {
    if (doc.value("kind", "") != "ConfigMap" || !doc.contains("data")) continue;
    for (const char* key : {"entrypoint-wrapper.sh", "dovecot.conf", "postfix.cf", "postfix.master"}) {
      if (doc["data"].contains(key)) doc["data"][key] = "MASKED";
    }
  }
}

// The corpus leaves out the NetworkPolicies (D15), which must all come after
// the reference's objects; they have tests of their own (network_policy_test.cpp).
std::size_t dropTrailingNetworkPolicies(std::vector<cdk8s::Json>& docs) {
  std::size_t dropped = 0;
  while (!docs.empty() && docs.back().value("kind", "") == "NetworkPolicy") {
    docs.pop_back();
    ++dropped;
  }
  for (const cdk8s::Json& doc : docs) {
    EXPECT_NE(doc.value("kind", ""), "NetworkPolicy") << "a NetworkPolicy before the reference's objects";
  }
  return dropped;
}

std::string synthesizeMasked(const std::string& caseName, const std::string& chartId) {
  cdk8s::App app;
  MailuChart chart(app, chartId, loadConfigFile(kParity / "cases" / (caseName + ".json")));
  std::vector<cdk8s::Json> docs = chart.toJson();
  EXPECT_GT(dropTrailingNetworkPolicies(docs), 0u) << caseName << ": NetworkPolicies are on by default";
  maskEmbeddedFiles(docs);
  return cdk8s::Yaml::stringify(docs);
}

TEST(Parity, EveryPublicCaseIsByteIdenticalAfterMasking) {
  const cdk8s::Json chartIds = cdk8s::Json::parse(readFile(kParity / "cases" / "chart-ids.json"));
  ASSERT_EQ(chartIds.size(), 17u);
  for (auto it = chartIds.begin(); it != chartIds.end(); ++it) {
    const std::string expected = readFile(kParity / "expected" / (it.key() + ".k8s.yaml"));
    ASSERT_FALSE(expected.empty()) << it.key();
    EXPECT_EQ(synthesizeMasked(it.key(), it.value().get<std::string>()), expected) << "case " << it.key();
  }
}

TEST(Parity, MaskingOnlyTouchesTheEmbeddedFiles) {
  cdk8s::App app;
  MailuChart chart(app, "mailu", loadConfigFile(kParity / "cases" / "p01-minimal-sqlite.json"));
  std::vector<cdk8s::Json> docs = chart.toJson();
  const std::vector<cdk8s::Json> unmasked = docs;
  maskEmbeddedFiles(docs);
  int changed = 0;
  for (std::size_t i = 0; i < docs.size(); ++i) changed += docs[i] != unmasked[i] ? 1 : 0;
  EXPECT_EQ(changed, 4);  // nginx patch, webmail patch, dovecot-submission config, postfix overrides
}

}  // namespace
}  // namespace mailu
