// Override files (`overrides`, issue 15): each component's image reads its
// /overrides directory at start (core/postfix/start.py, core/dovecot/conf/
// dovecot.conf, core/rspamd/start.py, core/nginx/conf/nginx.conf,
// webmails/start.py). The files given land in a ConfigMap mounted there, or
// the ConfigMap named is mounted; postfix's are merged after the chart's own
// lines. Names the image never reads and lines postconf would not take are
// refused with the field named.
#include <map>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "cdk8s/testing.hpp"
#include "config_fixtures.hpp"
#include "mailu/mailu_chart.hpp"
#include "mailu/validate.hpp"
#include "manifest_objects.hpp"

namespace {

using cdk8s::Json;
using mailu::Component;
using testconfig::withMinimal;
using testmanifest::objectNamed;

// What a component's container finds at /overrides.
struct Mounted {
  bool mounted = false;
  std::string configMapName;                 // the volume's ConfigMap
  bool madeByChart = false;                  // whether the chart writes that ConfigMap
  std::map<std::string, std::string> files;  // its data, when the chart makes it
};

Mounted overridesOf(std::string_view extra, Component component) {
  cdk8s::App app;
  mailu::MailuChart chart(app, "mailu", mailu::parseConfig(withMinimal(extra)));
  const std::vector<Json> objects = cdk8s::Testing::synth(chart);
  const Json& pod = objectNamed(objects, "Deployment", chart.component(component)->deployment().name())
                        .at("spec")
                        .at("template")
                        .at("spec");
  Mounted result;
  std::string volume;
  for (const Json& mount : pod.at("containers").at(0).value("volumeMounts", Json::array())) {
    if (mount.at("mountPath") == "/overrides") volume = mount.at("name");
  }
  if (volume.empty()) return result;
  result.mounted = true;
  for (const Json& entry : pod.at("volumes")) {
    if (entry.at("name") == volume) result.configMapName = entry.at("configMap").at("name");
  }
  for (const Json& object : objects) {
    if (object.at("kind") == "ConfigMap" && object.at("metadata").at("name") == result.configMapName) {
      result.madeByChart = true;
      result.files = object.at("data").get<std::map<std::string, std::string>>();
    }
  }
  return result;
}

struct Placed {
  std::string_view key;  // overrides.<key>
  Component component;   // whose container reads the files
  std::string_view name;
};

const Placed kPlaced[] = {
    {"dovecot", Component::kDovecot, "dovecot.conf"},
    {"rspamd", Component::kRspamd, "actions.conf"},
    {"nginx", Component::kFront, "headers.conf"},
    {"roundcube", Component::kWebmail, "skin.inc.php"},
};

TEST(Overrides, EachComponentsFilesAreMountedAtItsOverrides) {
  for (const Placed& row : kPlaced) {
    const std::string extra =
        "overrides: {" + std::string(row.key) + ": {'" + std::string(row.name) + "': \"a = 1\\n\"}}\n";
    const Mounted mounted = overridesOf(extra, row.component);
    ASSERT_TRUE(mounted.mounted) << row.key;
    EXPECT_TRUE(mounted.madeByChart) << row.key;
    EXPECT_EQ(mounted.files, (std::map<std::string, std::string>{{std::string(row.name), "a = 1\n"}})) << row.key;
    // Nobody else gets them.
    for (const Placed& other : kPlaced) {
      if (other.component != row.component) {
        EXPECT_FALSE(overridesOf(extra, other.component).mounted) << row.key;
      }
    }
  }
}

TEST(Overrides, WithoutTheKeyOnlyPostfixHasAnOverridesVolume) {
  for (const Placed& row : kPlaced) EXPECT_FALSE(overridesOf("", row.component).mounted) << row.key;
  const Mounted postfix = overridesOf("", Component::kPostfix);
  ASSERT_TRUE(postfix.mounted);
  EXPECT_EQ(postfix.files.size(), 1u);  // postfix.cf, the anvil limits
}

TEST(Overrides, AConfigMapOfTheUsersIsMountedAndNotMade) {
  const Mounted mounted = overridesOf("overrides: {dovecot: {configMapName: my-dovecot}}\n", Component::kDovecot);
  ASSERT_TRUE(mounted.mounted);
  EXPECT_EQ(mounted.configMapName, "my-dovecot");
  EXPECT_FALSE(mounted.madeByChart);
}

// postconf -e and -Me apply lines in order: the user's come after the
// chart's, so a parameter or service given in both is the user's.
TEST(Overrides, PostfixFilesMergeAfterTheChartsOwnLines) {
  const std::string extra =
      "ingress: {enabled: true, type: traefik, traefik: {hostname: mail.example.com, proxyProtocol: true}}\n"
      "overrides:\n"
      "  postfix:\n"
      "    postfix.cf: \"smtpd_client_connection_count_limit = 20\\nsmtpd_helo_required = yes\\n\"\n"
      "    postfix.master: \"2526/inet = 2526 inet n - n - - smtpd\\n\"\n"
      "    sender_access.map: \"spam@example.net REJECT\\n\"\n";
  const Mounted chartOnly = overridesOf(
      "ingress: {enabled: true, type: traefik, traefik: {hostname: mail.example.com, proxyProtocol: true}}\n",
      Component::kPostfix);
  const Mounted merged = overridesOf(extra, Component::kPostfix);
  ASSERT_TRUE(merged.madeByChart);
  ASSERT_EQ(merged.files.size(), 3u);
  const std::string& cf = merged.files.at("postfix.cf");
  const std::string& ownCf = chartOnly.files.at("postfix.cf");
  ASSERT_EQ(cf.substr(0, ownCf.size()), ownCf);
  const std::size_t chartLimit = cf.find("smtpd_client_connection_count_limit = 10");
  const std::size_t userLimit = cf.find("smtpd_client_connection_count_limit = 20");
  ASSERT_NE(chartLimit, std::string::npos);
  ASSERT_NE(userLimit, std::string::npos);
  EXPECT_LT(chartLimit, userLimit);
  EXPECT_NE(cf.find("smtpd_helo_required = yes\n"), std::string::npos);
  const std::string& master = merged.files.at("postfix.master");
  const std::string& ownMaster = chartOnly.files.at("postfix.master");
  EXPECT_EQ(master.substr(0, ownMaster.size()), ownMaster);
  EXPECT_LT(master.find("2525/inet"), master.find("2526/inet = 2526 inet n - n - - smtpd\n"));
  EXPECT_EQ(merged.files.at("sender_access.map"), "spam@example.net REJECT\n");
}

const testconfig::RefusedCase kRefused[] = {
    // Names the image never reads.
    {"overrides: {postfix: {main.cf: 'a = b'}}\n", "overrides.postfix.\"main.cf\""},
    {"overrides: {postfix: {logrotate.conf: x}}\n", "overrides.postfix.\"logrotate.conf\""},  // only with a log file
    {"overrides: {dovecot: {local.conf: x}}\n", "overrides.dovecot.\"local.conf\""},
    {"overrides: {nginx: {site.inc: x}}\n", "overrides.nginx.\"site.inc\""},
    {"overrides: {roundcube: {config.php: x}}\n", "overrides.roundcube.\"config.php\""},
    {"overrides: {roundcube: {.inc: x}}\n", "overrides.roundcube.\".inc\""},
    {"overrides: {rspamd: {options.inc: x}}\n", "overrides.rspamd.\"options.inc\""},  // Mailu's own, kept
    {"overrides: {rspamd: {worker-proxy.inc: x}}\n", "overrides.rspamd.\"worker-proxy.inc\""},
    {"overrides: {rspamd: {.hidden: x}}\n", "overrides.rspamd.\".hidden\""},
    {"overrides: {rspamd: {'a b.conf': x}}\n", "overrides.rspamd.\"a b.conf\""},
    // Lines postconf would not get or take as written.
    {"overrides: {postfix: {postfix.cf: 'a = $b'}}\n", "overrides.postfix.\"postfix.cf\""},
    {"overrides: {postfix: {postfix.cf: 'a = \"b\"'}}\n", "overrides.postfix.\"postfix.cf\""},
    {"overrides: {postfix: {postfix.cf: \"a = b\\n  c\"}}\n", "overrides.postfix.\"postfix.cf\""},
    {"overrides: {postfix: {postfix.cf: \"  # indented\"}}\n", "overrides.postfix.\"postfix.cf\""},
    {"overrides: {postfix: {postfix.cf: 'a ='}}\n", "overrides.postfix.\"postfix.cf\""},
    {"overrides: {postfix: {postfix.master: 'smtp inet n - n - - smtpd'}}\n", "overrides.postfix.\"postfix.master\""},
    {"overrides: {postfix: {postfix.master: '2526/tcp = 2526 inet n - n - - smtpd'}}\n",
     "overrides.postfix.\"postfix.master\""},
    // Content.
    {"overrides: {dovecot: {dovecot.conf: 5}}\n", "overrides.dovecot.\"dovecot.conf\""},
    {"overrides: {dovecot: {dovecot.conf: \"a\\rb\"}}\n", "overrides.dovecot.\"dovecot.conf\""},
    {"overrides: {dovecot: {dovecot.conf: [a]}}\n", "overrides.dovecot.\"dovecot.conf\""},
    // ConfigMaps.
    {"overrides: {postfix: {configMapName: mine}}\n", "overrides.postfix.configMapName"},
    {"overrides: {nginx: {configMapName: mine, a.conf: x}}\n", "overrides.nginx.configMapName"},
    {"overrides: {nginx: {configMapName: Mine}}\n", "overrides.nginx.configMapName"},
    {"overrides: {nginx: {}}\n", "overrides.nginx"},
    // Nobody to read them.
    {"components: {webmail: false}\noverrides: {roundcube: {a.inc: x}}\n", "overrides.roundcube"},
    {"mailu: {webmailType: snappymail}\noverrides: {roundcube: {a.inc: x}}\n", "overrides.roundcube"},
    {"overrides: {clamav: {a.conf: x}}\n", "overrides.clamav", true},
    {"overrides: {dovecot: {dovecot.conf: a, dovecot.conf: b}}\n", "overrides.dovecot.\"dovecot.conf\""},
};

TEST(Overrides, RefusedValuesNameTheField) {
  for (const testconfig::RefusedCase& row : kRefused) testconfig::expectRefused(row);
}

// Kubernetes refuses a ConfigMap over 1 MiB. A config file cannot hold that
// much (it is capped at 1 MiB itself), a config built in C++ can.
TEST(Overrides, MoreThanAConfigMapHoldsIsRefused) {
  const std::string big(600 * 1024, 'x');
  mailu::MailuChartConfig config = testconfig::minimalConfig();
  config.overrides = mailu::OverridesConfig{.rspamd = mailu::OverrideFilesConfig{.files = {{"a.map", big}}}};
  EXPECT_TRUE(mailu::configProblems(config).empty());
  config.overrides->rspamd->files.emplace("b.map", big);
  const auto problems = mailu::configProblems(config);
  ASSERT_EQ(problems.size(), 1u) << testconfig::listed(problems);
  EXPECT_EQ(problems.front().path, "overrides.rspamd");
}

// A config built in C++ is refused alike (MailuChart validates it).
TEST(Overrides, CppConfigsAreCheckedToo) {
  mailu::MailuChartConfig config = testconfig::minimalConfig();
  config.overrides = mailu::OverridesConfig{.postfix = mailu::OverrideFilesConfig{.files = {{"postfix.cf", "a = $b"}}},
                                            .dovecot = mailu::OverrideFilesConfig{.files = {{"x.conf", ""}}}};
  EXPECT_EQ(testconfig::chartRefusalPaths(config),
            (std::vector<std::string>{"overrides.postfix.\"postfix.cf\"", "overrides.dovecot.\"x.conf\""}));
}

}  // namespace
