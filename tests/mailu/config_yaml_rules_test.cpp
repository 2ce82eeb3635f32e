// The loader's YAML rules that Kubernetes' own readers would otherwise read
// differently (issue 14): merge keys, the standard tags, and how numbers
// must be written.
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "cdk8s/json.hpp"
#include "cdk8s/testing.hpp"
#include "config_fixtures.hpp"
#include "document.hpp"
#include "mailu/config.hpp"
#include "mailu/config_error.hpp"
#include "mailu/config_loader.hpp"
#include "mailu/mailu_chart.hpp"

namespace mailu {
namespace {

using testconfig::listed;
using testconfig::problemsOf;
using testconfig::withMinimal;

// The one problem of `text`, as toString gives it; a failure when there is
// not exactly one.
std::string onlyProblem(const std::string& text) {
  const auto problems = problemsOf(text);
  if (problems.size() != 1) {
    ADD_FAILURE() << "expected one problem, got " << problems.size() << ":\n" << listed(problems) << "for:\n" << text;
    return {};
  }
  return problems[0].toString();
}

// kMinimal with its redis line replaced, for tests of redis.port.
std::string withRedis(const std::string& redis) {
  std::string text(testconfig::kMinimal);
  const std::size_t at = text.find("redis: {host: redis}");
  return text.replace(at, 20, "redis: " + redis);
}

// --- merge keys ---

TEST(MergeKeys, MergesAnAliasedMapping) {
  const MailuChartConfig config = parseConfig(withMinimal(
      "resources:\n"
      "  front: &small\n"
      "    requests: {cpu: 50m, memory: 64Mi}\n"
      "  admin:\n"
      "    <<: *small\n"));
  ASSERT_TRUE(config.resources->admin && config.resources->admin->requests);
  EXPECT_EQ(config.resources->admin->requests->cpu, "50m");
  EXPECT_EQ(config.resources->admin->requests->memory, "64Mi");
}

// postfix.rateLimits as loaded from the lines of that mapping.
PostfixRateLimits rateLimitsOf(const std::string& lines) {
  return *parseConfig(withMinimal("postfix:\n  rateLimits:\n" + lines)).postfix->rateLimits;
}

TEST(MergeKeys, MergesAnInlineMapping) {
  const PostfixRateLimits limits = rateLimitsOf("    <<: {connectionRate: 7, timeUnit: 1m}\n    messageRate: 9\n");
  EXPECT_EQ(limits.connectionRate, 7);
  EXPECT_EQ(limits.timeUnit, "1m");
  EXPECT_EQ(limits.messageRate, 9);
}

TEST(MergeKeys, EarlierMappingsOfAListWin) {
  const PostfixRateLimits limits = rateLimitsOf(
      "    <<: [{connectionRate: 1}, {connectionRate: 2, messageRate: 3}, {messageRate: 4, recipientRate: 5}]\n");
  EXPECT_EQ(limits.connectionRate, 1);
  EXPECT_EQ(limits.messageRate, 3);
  EXPECT_EQ(limits.recipientRate, 5);
}

TEST(MergeKeys, KeysWrittenInTheMappingWinWhereverTheMergeKeyIs) {
  const PostfixRateLimits limits = rateLimitsOf(
      "    connectionRate: 10\n"
      "    <<: &defaults {connectionRate: 1, messageRate: 2, recipientRate: 3}\n"
      "    recipientRate: 30\n");
  EXPECT_EQ(limits.connectionRate, 10);
  EXPECT_EQ(limits.messageRate, 2);
  EXPECT_EQ(limits.recipientRate, 30);
}

TEST(MergeKeys, MergesMappingsThatMergeThemselves) {
  const MailuChartConfig config = parseConfig(withMinimal(
      "ingress:\n"
      "  enabled: true\n"
      "  type: traefik\n"
      "  traefik:\n"
      "    <<: &withLimit\n"
      "      <<: &base {hostname: mail.example.com, enableTcp: false}\n"
      "      smtpConnectionLimit: 20\n"
      "    enableTcp: true\n"));
  const TraefikIngressConfig& traefik = *config.ingress->traefik;
  EXPECT_EQ(traefik.hostname, "mail.example.com");
  EXPECT_EQ(traefik.smtpConnectionLimit, 20);
  EXPECT_EQ(traefik.enableTcp, true);
}

TEST(MergeKeys, MergesLabelMappingsToo) {
  std::string text = withMinimal(
      "networkPolicies:\n"
      "  ingressController:\n"
      "    podLabels: {<<: {app: traefik, tier: edge}, tier: web}\n");
  const MailuChartConfig config = parseConfig(text);
  const auto& labels = *config.networkPolicies->ingressController->podLabels;
  EXPECT_EQ(labels, (std::map<std::string, std::string>{{"app", "traefik"}, {"tier", "web"}}));
  EXPECT_EQ(onlyProblem(withMinimal("networkPolicies: {ingressController: {podLabels: {<<: x}}}\n")),
            "networkPolicies.ingressController.podLabels.<<: must be a mapping or a list of mappings to merge (got \"x\")");
}

TEST(MergeKeys, ReportsAMergedUnknownKeyWhereItIsWrittenAndHowItCameIn) {
  const auto problems = problemsOf(withMinimal(
      "resources:\n"                             // line 7
      "  front: &small\n"                        // 8
      "    requests: {cpu: 50m, memory: 64Mi}\n" // 9
      "    limtis: {cpu: 1}\n"                   // 10
      "  admin:\n"                               // 11
      "    <<: *small\n"));                      // 12
  ASSERT_EQ(problems.size(), 2u) << listed(problems);
  for (const ConfigProblem& problem : problems) {
    EXPECT_EQ(problem.line, 10u) << problem.toString();
    EXPECT_EQ(problem.column, 5u) << problem.toString();
  }
  EXPECT_EQ(problems[0].toString(),
            "resources.admin.limtis: unknown key; did you mean 'limits'? (it comes in through the merge key << on line 12)");
  EXPECT_EQ(problems[1].toString(), "resources.front.limtis: unknown key; did you mean 'limits'?");
}

TEST(MergeKeys, StillFindsKeysWrittenTwice) {
  const auto problems = problemsOf(withMinimal(
      "postfix: {rateLimits: {<<: {connectionRate: 1}, messageRate: 2, messageRate: 3}}\n"));
  ASSERT_EQ(problems.size(), 1u) << listed(problems);
  EXPECT_EQ(problems[0].toString(), "postfix.rateLimits.messageRate: is given more than once");
}

TEST(MergeKeys, RefusesWhatIsNotAMappingToMerge) {
  const auto problems = problemsOf(withMinimal(
      "resources:\n"
      "  front: {<<: 5}\n"
      "  admin: {<<: [{requests: {cpu: 1m}}, 3]}\n"
      "  postfix: {<<: {}, <<: {}}\n"
      "  dovecot: {<<: !custom {}}\n"
      "  rspamd: {<<: ~}\n"
      "  webmail: {<<: !!seq {requests: {}}}\n"));
  ASSERT_EQ(problems.size(), 6u) << listed(problems);
  EXPECT_EQ(problems[0].toString(), "resources.front.<<: must be a mapping or a list of mappings to merge (got 5)");
  EXPECT_EQ(problems[0].line, 8u);
  EXPECT_EQ(problems[1].toString(),
            "resources.admin.<<: must be a mapping or a list of mappings to merge (got a list)");
  EXPECT_EQ(problems[2].toString(),
            "resources.postfix.<<: is given more than once; merge several mappings with one << and a list of them");
  EXPECT_EQ(problems[3].toString(),
            "resources.dovecot.<<: has the YAML tag !custom, which a config does not use (got {})");
  EXPECT_EQ(problems[4].toString(), "resources.rspamd.<<: must be a mapping or a list of mappings to merge (got null)");
  EXPECT_EQ(problems[5].toString(), "resources.webmail.<<: must be a mapping or a list of mappings to merge (got a mapping)");
  // Nothing is written for a refused file: it does not load at all.
  EXPECT_THROW(parseConfig(withMinimal("components: {<<: true}\n")), ConfigError);
}

TEST(MergeKeys, AQuotedOrJsonKeyIsAnOrdinaryKey) {
  EXPECT_EQ(onlyProblem(withMinimal("components: {\"<<\": {admin: true}}\n")),
            "components.<<: unknown key; known keys here: admin, front, postfix, dovecot, rspamd, webmail, clamav, "
            "fetchmail, webdav, oletools, tika");
  EXPECT_EQ(onlyProblem(withMinimal("components: {'<<': {admin: true}}\n")).substr(0, 27),
            "components.<<: unknown key;");
  const std::string json =
      R"({"domain": "example.com", "hostnames": ["mail.example.com"], "subnet": "10.42.0.0/16",)"
      R"( "database": {"type": "sqlite"}, "redis": {"host": "redis"}, "secrets": {"mailuSecretKey": "k"},)"
      R"( "components": {"<<": {"admin": true}}})";
  EXPECT_EQ(onlyProblem(json).substr(0, 27), "components.<<: unknown key;");
}

TEST(MergeKeys, RefusesMergesThatCopyTooManyKeys) {
  // Each mapping merges the one before and adds a key: n mappings copy
  // n*n/2 keys, 180,000 here from a 20 kB text. Values stay shared, so
  // merging the same mapping many times costs only its keys each time.
  std::string text = withMinimal("x0: &m0 {k0: 1}\n");
  for (int i = 1; i < 600; ++i) text += fmt::format("x{0}: &m{0} {{<<: *m{1}, k{0}: 1}}\n", i, i - 1);
  const auto started = std::chrono::steady_clock::now();
  const auto problems = problemsOf(text);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  ASSERT_EQ(problems.size(), 1u) << listed(problems);
  EXPECT_NE(problems[0].message.find("the merge keys (<<) copy more than 100000 keys in all"), std::string::npos)
      << problems[0].toString();
  EXPECT_TRUE(problems[0].line.has_value());

  // The classic shape, ten aliases of the level below on each of nine
  // levels, copies only ten keys per alias and loads as far as merges go.
  std::string laughs = "x0: &l0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10}\n";
  for (int level = 1; level < 10; ++level) {
    laughs += fmt::format("x{}: &l{} {{<<: [", level, level);
    for (int i = 0; i < 10; ++i) laughs += fmt::format("{}*l{}", i ? ", " : "", level - 1);
    laughs += "]}\n";
  }
  const auto laughed = problemsOf(withMinimal(laughs));
  ASSERT_EQ(laughed.size(), 10u) << listed(laughed);  // x0 to x9: unknown keys, nothing more
  for (const ConfigProblem& problem : laughed) EXPECT_EQ(problem.message.find("merge keys"), std::string::npos);
}

// --- standard tags ---

TEST(StandardTags, TakeTheTypeTheyName) {
  const MailuChartConfig config = parseConfig(withRedis("{host: redis, port: !!int \"6380\"}") +
                                              "components: {admin: !!bool \"false\", webmail: !!bool true}\n"
                                              "timezone: !!null\n"
                                              "namespace: !!null ~\n"
                                              "images: !!map {tag: !!str 2024.10}\n"
                                              "networkPolicies: {egress: true, dns: {cidrs: !!seq [!!str 10.0.0.0/8]}}\n"
                                              "mailu: {messageSizeLimit: !<tag:yaml.org,2002:int> 75}\n"
                                              "resources: {admin: {requests: {cpu: !!float 0.25}, limits: {cpu: !!int 2}}}\n");
  EXPECT_EQ(config.redis.port, 6380);
  EXPECT_EQ(config.components->admin, false);
  EXPECT_EQ(config.components->webmail, true);
  EXPECT_FALSE(config.timezone.has_value());
  EXPECT_FALSE(config.namespace_.has_value());
  EXPECT_EQ(config.images->tag, "2024.10");
  EXPECT_EQ(config.networkPolicies->dns->cidrs, std::vector<std::string>{"10.0.0.0/8"});
  EXPECT_EQ(config.mailu->messageSizeLimit, 75);
  EXPECT_EQ(config.resources->admin->requests->cpu, "0.25");
  EXPECT_EQ(config.resources->admin->limits->cpu, "2");
}

TEST(StandardTags, RefuseAValueOfAnotherTypeNamingTheField) {
  // value of redis.port -> how the problem shows it
  for (const auto& [port, got] : std::vector<std::pair<std::string, std::string>>{{"!!int abc", "!!int \"abc\""},
                                                                                 {"!!bool 5432", "!!bool 5432"},
                                                                                 {"!!str 8080", "!!str \"8080\""},
                                                                                 {"!!float 8080", "!!float 8080"},
                                                                                 {"!!null 8080", "!!null 8080"}}) {
    EXPECT_EQ(onlyProblem(withRedis("{host: redis, port: " + port + "}")),
              "redis.port: must be a whole number from 1 to 65535 (got " + got + ")");
  }
  EXPECT_EQ(onlyProblem(withMinimal("components: {admin: !!str true}\n")),
            "components.admin: must be true or false (got !!str \"true\")");
  EXPECT_EQ(onlyProblem(withMinimal("components: {admin: !!bool yes}\n")),
            "components.admin: must be true or false (got !!bool \"yes\")");
  // No hint to quote a value a tag makes a number: the tag is the mistake.
  EXPECT_EQ(onlyProblem(withMinimal("images: {tag: !!float 2024.06}\n")),
            "images.tag: must be an image tag (letters, digits, '_', '.' and '-', at most 128 characters) "
            "(got !!float 2024.06)");
  EXPECT_EQ(onlyProblem(withMinimal("timezone: !!int UTC\n")),
            "timezone: must be a time zone name such as UTC or Europe/Berlin (got !!int \"UTC\")");
}

TEST(StandardTags, RefuseATagThatDoesNotFitTheNode) {
  EXPECT_EQ(onlyProblem(withMinimal("images: {tag: !!map x}\n")),
            "images.tag: has the YAML tag !!map, which does not fit a single value (got !!map \"x\")");
  EXPECT_EQ(onlyProblem(withMinimal("images: !!seq {tag: x}\n")),
            "images: has the YAML tag !!seq, which does not fit a mapping (got a mapping)");
  EXPECT_EQ(onlyProblem(withMinimal("networkPolicies: {dns: {cidrs: !!int [10.0.0.0/8]}}\n")),
            "networkPolicies.dns.cidrs: has the YAML tag !!int, which does not fit a list (got a list)");
}

TEST(StandardTags, OtherTagsStayRefused) {
  for (const char* tag : {"!custom", "!!binary", "!!timestamp", "!!set", "!!omap", "!!merge",
                          "!<tag:example.com,2000:zone>"}) {
    const auto problems = problemsOf(withMinimal(fmt::format("timezone: {} UTC\n", tag)));
    ASSERT_EQ(problems.size(), 1u) << tag << "\n" << listed(problems);
    EXPECT_EQ(problems[0].path, "timezone") << tag;
    EXPECT_NE(problems[0].message.find("which a config does not use"), std::string::npos) << problems[0].toString();
  }
  EXPECT_EQ(onlyProblem(withMinimal("timezone: !!timestamp 2001-12-14\n")),
            "timezone: has the YAML tag !!timestamp, which a config does not use (got !!timestamp \"2001-12-14\")");
}

// --- numbers ---

TEST(PlainDecimal, TellsPlainDecimalFromOtherNotations) {
  using validation::isPlainDecimal;
  for (const char* yes : {"0", "7", "10", "65535", "-1", "99999999999999999999999"}) {
    EXPECT_TRUE(isPlainDecimal(yes)) << yes;
  }
  for (const char* no : {"", "-", "-0", "00", "012345", "+80", "0o17", "0x1538", "1e3", "80.0", " 1", "1_000", "0.5"}) {
    EXPECT_FALSE(isPlainDecimal(no)) << no;
  }
  for (const char* yes : {"0.5", "0.50", "2", "999999.999", "10.0"}) EXPECT_TRUE(isPlainDecimal(yes, true)) << yes;
  for (const char* no : {".5", "5.", "00.5", "012", "1e3", "+1", "1.2.3"}) EXPECT_FALSE(isPlainDecimal(no, true)) << no;
}

TEST(PlainDecimal, IntegerFieldsTakePlainDecimalOnly) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"012345",
       "must be a whole number from 1 to 65535, written without leading zeros (YAML 1.1 readers, kubectl's among "
       "them, read 012 as octal 10) (got 012345)"},
      {"0o17", "must be a whole number from 1 to 65535, written in decimal digits (got 0o17)"},
      {"0x1538", "must be a whole number from 1 to 65535, written in decimal digits (got 0x1538)"},
      {"1e3", "must be a whole number from 1 to 65535, written in digits without a fraction or exponent (got 1e3)"},
      {"80.0", "must be a whole number from 1 to 65535, written in digits without a fraction or exponent (got 80.0)"},
      {"+80", "must be a whole number from 1 to 65535, written without '+' (got +80)"},
      {"-1", "must be a whole number from 1 to 65535 (got -1)"},
      {"0", "must be a whole number from 1 to 65535 (got 0)"},
      {"80.5", "must be a whole number from 1 to 65535 (got 80.5)"},
      {"99999999999999999999999", "must be a whole number from 1 to 65535 (got 99999999999999999999999)"},
  };
  for (const auto& [port, message] : cases) {
    EXPECT_EQ(onlyProblem(withRedis("{host: redis, port: " + port + "}")), "redis.port: " + message);
  }
  EXPECT_EQ(parseConfig(withRedis("{host: redis, port: 6380}")).redis.port, 6380);
}

TEST(PlainDecimal, JsonNumbersFollowTheSameRule) {
  const auto json = [](const std::string& port) {
    return R"({"domain": "example.com", "hostnames": ["mail.example.com"], "subnet": "10.42.0.0/16",)"
           R"( "database": {"type": "sqlite"}, "secrets": {"mailuSecretKey": "k"}, "redis": {"host": "r", "port": )" +
           port + "}}";
  };
  EXPECT_EQ(parseConfig(json("6380")).redis.port, 6380);
  EXPECT_EQ(onlyProblem(json("1e3")),
            "redis.port: must be a whole number from 1 to 65535, written in digits without a fraction or exponent (got 1e3)");
  EXPECT_EQ(onlyProblem(json("80.0")),
            "redis.port: must be a whole number from 1 to 65535, written in digits without a fraction or exponent (got 80.0)");
  EXPECT_EQ(onlyProblem(json("8E1")),
            "redis.port: must be a whole number from 1 to 65535, written in digits without a fraction or exponent (got 8E1)");
  EXPECT_EQ(onlyProblem(json("-1")), "redis.port: must be a whole number from 1 to 65535 (got -1)");
  EXPECT_EQ(onlyProblem(json("99999999999999999999999")),
            "redis.port: must be a whole number from 1 to 65535 (got 99999999999999999999999)");
}

std::string cpuLimit(const std::string& cpu) {
  return withMinimal("resources: {dovecot: {limits: {cpu: " + cpu + "}}}\n");
}

TEST(PlainDecimal, CpuGivenAsANumberIsPlainDecimal) {
  const std::string mustBe =
      "resources.dovecot.limits.cpu: must be a CPU amount: millicores such as 250m, or cores such as 0.5 or 2";
  EXPECT_EQ(onlyProblem(cpuLimit("012")),
            mustBe + "; a YAML number must be written without leading zeros (YAML 1.1 readers, kubectl's among them, "
                     "read 012 as octal 10) (got 012)");
  EXPECT_EQ(onlyProblem(cpuLimit("00.5")),
            mustBe + "; a YAML number must be written without leading zeros (YAML 1.1 readers, kubectl's among them, "
                     "read 012 as octal 10) (got 00.5)");
  EXPECT_EQ(onlyProblem(cpuLimit("1e3")), mustBe + "; a YAML number must be written without an exponent (got 1e3)");
  EXPECT_EQ(onlyProblem(cpuLimit("0x10")), mustBe + "; a YAML number must be written in decimal digits (got 0x10)");
  EXPECT_EQ(onlyProblem(cpuLimit("+2")), mustBe + "; a YAML number must be written without '+' (got +2)");
  EXPECT_EQ(onlyProblem(cpuLimit("99999999999999999999999")),
            "resources.dovecot.limits.cpu: must be from 1m to 1000000 cores, in whole millicores (Kubernetes counts CPU "
            "in millicores) (got 99999999999999999999999)");
  // A quoted amount is a Kubernetes quantity, read as text: no YAML reader
  // takes "012" for octal.
  EXPECT_EQ(parseConfig(cpuLimit("\"012\"")).resources->dovecot->limits->cpu, "012");
}

TEST(PlainDecimal, CpuIsWrittenAsItsDigits) {
  for (const auto& [given, written] : std::vector<std::pair<std::string, std::string>>{
           {"0.3", "0.3"}, {"999999.999", "999999.999"}, {"1000000", "1000000"}, {"0.001", "0.001"},
           {"0.50", "0.5"}, {"2", "2"}, {"123456.789", "123456.789"}}) {
    cdk8s::App app;
    // The request as well, so that the smallest amounts stay within the limit.
    MailuChart chart(app, "mailu",
                     parseConfig(withMinimal(fmt::format("resources: {{dovecot: {{requests: {{cpu: {0}}}, limits: {{cpu: {0}}}}}}}\n", given))));
    std::string found;
    for (const cdk8s::Json& doc : cdk8s::Testing::synth(chart)) {
      if (doc.at("kind") != "Deployment" ||
          doc.at("metadata").at("labels").at("app.kubernetes.io/component") != "dovecot") {
        continue;
      }
      const cdk8s::Json& resources = doc.at("spec").at("template").at("spec").at("containers").at(0).at("resources");
      found = resources.at("limits").at("cpu");
      EXPECT_EQ(resources.at("requests").at("cpu"), found) << given;
    }
    EXPECT_EQ(found, written) << given;
  }
}

}  // namespace
}  // namespace mailu
