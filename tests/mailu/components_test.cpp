// The optional components oletools and tika (issue 15): each comes with the
// settings its one client reads (rspamd: SCAN_MACROS, OLETOOLS_ADDRESS;
// dovecot: FULL_TEXT_SEARCH_ATTACHMENTS, FTS_ATTACHMENTS_ADDRESS), is refused
// without that client, and none of it appears unless enabled. Who reads each
// variable: tests/data/mailu-contract/env-reads.tsv; who may reach them:
// NetworkPolicies.OletoolsAndTikaTakeOnlyTheirClientAndReachNothing.
#include <map>
#include <set>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "cdk8s/testing.hpp"
#include "config_fixtures.hpp"
#include "manifest_objects.hpp"
#include "mailu/mailu_chart.hpp"

namespace {

using cdk8s::Json;
using testconfig::expectRefused;
using testconfig::listed;
using testconfig::problemsOf;
using testconfig::withMinimal;

struct Synthesized {
  std::vector<Json> objects;
  std::map<std::string, std::string> environment;  // the shared env ConfigMap's data
  std::set<std::string> components;                // of the Deployments
};

Synthesized synthesize(std::string_view extra) {
  cdk8s::App app;
  mailu::MailuChart chart(app, "mailu", mailu::parseConfig(withMinimal(extra)));
  Synthesized out{cdk8s::Testing::synth(chart), {}, {}};
  out.environment = testmanifest::objectNamed(out.objects, "ConfigMap", chart.sharedConfigMap().name())
                        .at("data")
                        .get<std::map<std::string, std::string>>();
  for (const Json& object : out.objects) {
    if (object.at("kind") == "Deployment") {
      out.components.insert(object.at("metadata").at("labels").at("app.kubernetes.io/component").get<std::string>());
    }
  }
  return out;
}

// What the ConfigMap has that the minimal config's has not, and what it lacks.
std::map<std::string, std::string> added(const Synthesized& chart) {
  const Synthesized plain = synthesize("");
  std::map<std::string, std::string> difference;
  for (const auto& [name, value] : chart.environment) {
    const auto found = plain.environment.find(name);
    if (found == plain.environment.end() || found->second != value) difference[name] = value;
  }
  for (const auto& [name, value] : plain.environment) {
    if (!chart.environment.contains(name)) difference[name] = "<removed>";
  }
  return difference;
}

TEST(OptionalComponents, NeitherRunsByDefault) {
  const Synthesized chart = synthesize("");
  EXPECT_FALSE(chart.components.contains("oletools"));
  EXPECT_FALSE(chart.components.contains("tika"));
  for (const char* name : {"SCAN_MACROS", "OLETOOLS_ADDRESS", "FULL_TEXT_SEARCH", "FULL_TEXT_SEARCH_ATTACHMENTS",
                           "FTS_ATTACHMENTS_ADDRESS"}) {
    EXPECT_FALSE(chart.environment.contains(name)) << name;
  }
  cdk8s::App app;
  mailu::MailuChart built(app, "mailu", mailu::parseConfig(withMinimal("")));
  EXPECT_EQ(built.oletools(), nullptr);
  EXPECT_EQ(built.tika(), nullptr);
}

TEST(OptionalComponents, OletoolsTurnsOnRspamdsMacroScanAtItsService) {
  cdk8s::App app;
  mailu::MailuChart chart(app, "mailu", mailu::parseConfig(withMinimal("components: {oletools: true}\n")));
  ASSERT_NE(chart.oletools(), nullptr);
  const std::string service = chart.oletools()->service().name() + ".mailu.svc.cluster.local";
  // Host only: external_services.conf appends ":11343".
  EXPECT_EQ(added(synthesize("components: {oletools: true}\n")),
            (std::map<std::string, std::string>{{"OLETOOLS_ADDRESS", service}, {"SCAN_MACROS", "true"}}));
}

TEST(OptionalComponents, TikaTurnsOnDovecotsAttachmentIndexAtItsService) {
  cdk8s::App app;
  mailu::MailuChart chart(app, "mailu", mailu::parseConfig(withMinimal("components: {tika: true}\n")));
  ASSERT_NE(chart.tika(), nullptr);
  const std::string service = chart.tika()->service().name() + ".mailu.svc.cluster.local";
  // Host only: dovecot.conf writes http://<it>:9998/tika/. FULL_TEXT_SEARCH
  // stays Mailu's default, on in English.
  EXPECT_EQ(added(synthesize("components: {tika: true}\n")),
            (std::map<std::string, std::string>{{"FTS_ATTACHMENTS_ADDRESS", service},
                                                {"FULL_TEXT_SEARCH_ATTACHMENTS", "true"}}));
}

TEST(OptionalComponents, TheirResourcesCanBeSet) {
  const Synthesized chart = synthesize(
      "components: {oletools: true, tika: true}\n"
      "resources: {oletools: {limits: {memory: 1Gi}}, tika: {requests: {cpu: 500m}, limits: {memory: 4Gi}}}\n");
  std::map<std::string, Json> resources;
  for (const Json& object : chart.objects) {
    if (object.at("kind") != "Deployment") continue;
    resources[object.at("metadata").at("labels").at("app.kubernetes.io/component")] =
        object.at("spec").at("template").at("spec").at("containers").at(0).at("resources");
  }
  EXPECT_EQ(resources.at("oletools"), Json::parse(R"({"limits": {"cpu": "500m", "memory": "1024Mi"},
                                                        "requests": {"cpu": "50m", "memory": "128Mi"}})"));
  EXPECT_EQ(resources.at("tika"), Json::parse(R"({"limits": {"cpu": "1000m", "memory": "4096Mi"},
                                                    "requests": {"cpu": "500m", "memory": "512Mi"}})"));
}

// The languages go to dovecot whether or not tika runs; with it, they are
// those of the attachments' text too.
TEST(OptionalComponents, TikaTakesTheFullTextSearchLanguages) {
  std::map<std::string, std::string> got =
      added(synthesize("components: {tika: true}\nmailu: {fullTextSearch: {languages: [en, ru]}}\n"));
  got.erase("FTS_ATTACHMENTS_ADDRESS");
  EXPECT_EQ(got, (std::map<std::string, std::string>{{"FULL_TEXT_SEARCH", "en,ru"}, {"FULL_TEXT_SEARCH_ATTACHMENTS", "true"}}));
}

TEST(OptionalComponents, RefusedWithoutTheirOnlyClient) {
  const testconfig::RefusedCase cases[] = {
      {"components: {oletools: true, rspamd: false}\n", "components.oletools"},
      {"components: {tika: true, dovecot: false}\n", "components.tika"},
      {"components: {tika: true}\nmailu: {fullTextSearch: {enabled: false}}\n", "components.tika"},
      {"components: {oletools: yes}\n", "components.oletools"},
  };
  for (const auto& row : cases) expectRefused(row);
  // Turned off, they ask for nothing.
  EXPECT_EQ(listed(problemsOf(withMinimal("components: {oletools: false, rspamd: false, tika: false, dovecot: false}\n"
                                          "mailu: {fullTextSearch: {enabled: false}}\n"))),
            "");
}

// A config built in C++ is held to the same rules.
TEST(OptionalComponents, ACxxConfigIsCheckedToo) {
  mailu::MailuChartConfig config = testconfig::minimalConfig();
  config.components = mailu::ComponentsConfig{.tika = true};
  config.mailu = mailu::MailuSettings{.fullTextSearch = mailu::FullTextSearchConfig{.enabled = false}};
  cdk8s::App app;
  try {
    mailu::MailuChart chart(app, "mailu", config);
    FAIL() << "accepted tika with the full-text search off";
  } catch (const mailu::ConfigError& error) {
    ASSERT_EQ(error.problems().size(), 1u) << listed(error.problems());
    EXPECT_EQ(error.problems().front().path, "components.tika");
  }
}

}  // namespace
