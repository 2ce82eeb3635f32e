// The config loader: the public corpus, the refused corpus, and how it
// behaves on everything in between (types, keys, syntax, hostile input).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "config_fixtures.hpp"
#include "mailu/config.hpp"
#include "mailu/config_error.hpp"
#include "mailu/config_loader.hpp"

namespace mailu {
namespace {

namespace fs = std::filesystem;

const fs::path kParity = fs::path(TEST_DATA_DIR) / "parity";

using testconfig::kMinimal;
using testconfig::listed;
using testconfig::problemsOf;
using testconfig::withMinimal;

std::string identifier(std::string name) {
  std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

std::vector<std::string> publicCaseNames() {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(kParity / "cases", error)) {
    const fs::path& file = entry.path();
    if (file.extension() == ".json" && file.stem() != "chart-ids") names.push_back(file.stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// file name -> the word its error message must contain
std::vector<std::pair<std::string, std::string>> refusedCases() {
  std::vector<std::pair<std::string, std::string>> cases;
  std::ifstream in(kParity / "bad" / "expected-errors.json");
  if (!in) return cases;
  const nlohmann::json expected = nlohmann::json::parse(in, nullptr, false);
  if (!expected.is_object()) return cases;
  for (const auto& [file, word] : expected.items()) {
    if (word.is_string()) cases.emplace_back(file, word.get<std::string>());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

class PublicCase : public ::testing::TestWithParam<std::string> {};

TEST_P(PublicCase, Loads) {
  try {
    loadConfigFile(kParity / "cases" / (GetParam() + ".json"));
  } catch (const ConfigError& error) {
    ADD_FAILURE() << GetParam() << " was refused:\n" << error.what();
  }
}

INSTANTIATE_TEST_SUITE_P(Parity, PublicCase, ::testing::ValuesIn(publicCaseNames()),
                         [](const auto& info) { return identifier(info.param); });

class RefusedCase : public ::testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(RefusedCase, IsRefusedNamingTheField) {
  const auto& [file, word] = GetParam();
  try {
    loadConfigFile(kParity / "bad" / file);
    ADD_FAILURE() << file << " was accepted";
  } catch (const ConfigError& error) {
    EXPECT_NE(std::string(error.what()).find(word), std::string::npos)
        << file << " should mention '" << word << "' but says:\n" << error.what();
  }
}

INSTANTIATE_TEST_SUITE_P(Parity, RefusedCase, ::testing::ValuesIn(refusedCases()),
                         [](const auto& info) { return identifier(info.param.first); });

TEST(ParityCorpus, HoldsEveryCase) {
  EXPECT_EQ(publicCaseNames().size(), 17u) << "in " << (kParity / "cases");
  EXPECT_EQ(refusedCases().size(), 15u) << "in " << (kParity / "bad" / "expected-errors.json");
}

TEST(LoadedValues, MinimalConfigLeavesEverythingOptionalUnset) {
  const MailuChartConfig config = loadConfigFile(kParity / "cases" / "p01-minimal-sqlite.json");
  EXPECT_EQ(config.domain, "example.com");
  EXPECT_EQ(config.hostnames, std::vector<std::string>{"mail.example.com"});
  EXPECT_EQ(config.subnet, "10.42.0.0/16");
  EXPECT_EQ(config.database.type, DatabaseType::kSqlite);
  EXPECT_FALSE(config.database.postgresql.has_value());
  EXPECT_EQ(config.redis.host, "redis");
  EXPECT_FALSE(config.redis.port.has_value());
  EXPECT_EQ(config.secrets.mailuSecretKey, "mailu-secret-key");
  EXPECT_FALSE(config.namespace_.has_value());
  EXPECT_FALSE(config.timezone.has_value());
  EXPECT_FALSE(config.components.has_value());
  EXPECT_FALSE(config.resources.has_value());
  EXPECT_FALSE(config.ingress.has_value());
}

TEST(LoadedValues, PostgresqlAndRedisSettingsArriveIntact) {
  const MailuChartConfig config = loadConfigFile(kParity / "cases" / "p13-multi-hostnames-postgres.json");
  EXPECT_EQ(config.hostnames, (std::vector<std::string>{"mail.example.net", "smtp.example.net", "imap.example.net"}));
  ASSERT_TRUE(config.database.postgresql.has_value());
  const PostgresqlConfig& pg = *config.database.postgresql;
  EXPECT_EQ(config.database.type, DatabaseType::kPostgresql);
  EXPECT_EQ(pg.host, "pg.db.svc.cluster.local");
  EXPECT_EQ(pg.port, 6432);
  EXPECT_EQ(pg.database, "mailu_prod");
  EXPECT_EQ(pg.secretName, "pg-credentials");
  ASSERT_TRUE(pg.secretKeys.has_value());
  EXPECT_EQ(pg.secretKeys->username, "user");
  EXPECT_EQ(pg.secretKeys->password, "pass");
  EXPECT_EQ(config.redis.port, 6380);
  EXPECT_EQ(config.timezone, "Europe/Berlin");
}

TEST(LoadedValues, QuotedWordsThatLookLikeOtherTypesStayStrings) {
  const MailuChartConfig config = loadConfigFile(kParity / "cases" / "p14-yaml-quoting.json");
  EXPECT_EQ(config.database.postgresql->host, "yes");
  EXPECT_EQ(config.database.postgresql->database, "0777");
  EXPECT_EQ(config.database.postgresql->secretName, "on");
  EXPECT_EQ(config.redis.host, "true");
  EXPECT_EQ(config.secrets.mailuSecretKey, "null");
  EXPECT_EQ(config.namespace_, "off");
  EXPECT_EQ(config.storage->storageClass, "1e3");
  EXPECT_EQ(config.timezone, "Etc/GMT+1");
  EXPECT_EQ(config.mailu->logLevel, "y");
}

TEST(LoadedValues, ResourceAmountsKeepTheirSpelling) {
  const MailuChartConfig config = loadConfigFile(kParity / "cases" / "p05-resource-overrides.json");
  ASSERT_TRUE(config.resources && config.resources->rspamd && config.resources->front);
  EXPECT_EQ(config.resources->front->requests->cpu, "0.25");
  EXPECT_EQ(config.resources->rspamd->requests->memory, "1.5Gi");
  EXPECT_EQ(memoryToMi(*config.resources->rspamd->requests->memory), "1536Mi");
  EXPECT_EQ(memoryToMi(*config.resources->front->limits->memory), "1024Mi");
  ASSERT_TRUE(config.resources->dovecotSubmission.has_value());
  EXPECT_EQ(config.resources->dovecotSubmission->limits->memory, "256Mi");
  EXPECT_FALSE(config.resources->admin->limits.has_value());
}

TEST(LoadedValues, EnumerationsAndIngress) {
  const MailuChartConfig full = loadConfigFile(kParity / "cases" / "p03-full-example.json");
  EXPECT_EQ(full.mailu->initialAccount->mode, InitialAccountMode::kUpdate);
  EXPECT_EQ(full.mailu->initialAccount->enabled, true);
  EXPECT_EQ(full.mailu->messageSizeLimit, 50);
  EXPECT_EQ(full.images->pullPolicy, PullPolicy::kIfNotPresent);
  EXPECT_EQ(full.components->fetchmail, false);

  const MailuChartConfig traefik = loadConfigFile(kParity / "cases" / "p04-all-components-traefik.json");
  EXPECT_EQ(traefik.mailu->webmailType, WebmailType::kSnappymail);
  EXPECT_EQ(traefik.ingress->type, IngressType::kTraefik);
  EXPECT_EQ(traefik.ingress->traefik->hostname, "mail.example.com");
  EXPECT_FALSE(traefik.ingress->traefik->smtpConnectionLimit.has_value());

  const MailuChartConfig account = loadConfigFile(kParity / "cases" / "p09-initial-account-api.json");
  EXPECT_EQ(account.mailu->initialAccount->mode, InitialAccountMode::kIfMissing);
  EXPECT_EQ(account.secrets.apiToken, "mailu-api-token");

  const MailuChartConfig limit = loadConfigFile(kParity / "cases" / "p15-ingress-smtp-limit.json");
  EXPECT_EQ(limit.ingress->traefik->smtpConnectionLimit, 50);
}

TEST(ConfigLoader, ReportsEveryProblemNotJustTheFirst) {
  const auto problems = problemsOf(
      "domain: example\n"
      "hostnames: [mail.example.com, bad host]\n"
      "subnet: 10.42.0.0\n"
      "database: {type: sqlite}\n"
      "redis: {host: redis}\n"
      "secrets: {mailuSecretKey: mailu-secret-key}\n"
      "storage: {dovecot: {size: 100GB}}\n"
      "resources: {admin: {requests: {cpu: 1.5 cores}}}\n"
      "mailu: {webmailType: horde}\n"
      "colour: blue\n");
  const std::vector<std::string> expected = {"domain",
                                             "hostnames[1]",
                                             "subnet",
                                             "storage.dovecot.size",
                                             "resources.admin.requests.cpu",
                                             "mailu.webmailType",
                                             "colour"};
  std::vector<std::string> paths;
  for (const ConfigProblem& problem : problems) paths.push_back(problem.path);
  EXPECT_EQ(paths, expected) << listed(problems);  // in the file's order
}

TEST(ConfigLoader, SuggestsNearestKnownKey) {
  const auto top = problemsOf(withMinimal("hostname: mail.example.com\n"));
  ASSERT_EQ(top.size(), 1u) << listed(top);
  EXPECT_EQ(top[0].toString(), "hostname: unknown key; did you mean 'hostnames'?");

  const auto nested = problemsOf(withMinimal("resources: {admin: {request: {cpu: 100m}}}\n"
                                             "storage: {storage_class: fast}\n"
                                             "ingress: {traefik: {hostname: mail.example.com, certIsuer: x}}\n"));
  ASSERT_EQ(nested.size(), 3u) << listed(nested);
  EXPECT_EQ(nested[0].toString(), "resources.admin.request: unknown key; did you mean 'requests'?");
  EXPECT_EQ(nested[1].toString(), "storage.storage_class: unknown key; did you mean 'storageClass'?");
  EXPECT_EQ(nested[2].toString(), "ingress.traefik.certIsuer: unknown key; did you mean 'certIssuer'?");

  const auto far = problemsOf(withMinimal("images: {colour: blue}\n"));
  ASSERT_EQ(far.size(), 1u) << listed(far);
  EXPECT_EQ(far[0].toString(), "images.colour: unknown key; known keys here: registry, tag, pullPolicy, dovecotSubmission");
}

TEST(ConfigLoader, RefusesStringWhereListIsDue) {
  const auto problems = problemsOf(
      "domain: example.com\nhostnames: mail.example.com\nsubnet: 10.42.0.0/16\n"
      "database: {type: sqlite}\nredis: {host: redis}\nsecrets: {mailuSecretKey: k}\n");
  ASSERT_EQ(problems.size(), 1u) << listed(problems);
  EXPECT_EQ(problems[0].path, "hostnames");
  EXPECT_EQ(problems[0].got, "\"mail.example.com\"");
  EXPECT_NE(problems[0].message.find("must be a list"), std::string::npos);
}

TEST(ConfigLoader, RefusesListOrMappingWhereStringIsDue) {
  const auto problems = problemsOf(
      "domain: [example.com]\nhostnames: [{a: b}]\nsubnet: 10.42.0.0/16\n"
      "database: {type: sqlite}\nredis: {host: redis}\nsecrets: sealed\n");
  ASSERT_EQ(problems.size(), 3u) << listed(problems);
  EXPECT_EQ(problems[0].toString(), "domain: must be a domain name such as mail.example.com (got a list)");
  EXPECT_EQ(problems[1].toString(), "hostnames[0]: must be a domain name such as mail.example.com (got a mapping)");
  EXPECT_EQ(problems[2].toString(), "secrets: must be a mapping of keys to values (got \"sealed\")");
}

TEST(ConfigLoader, ReportsSyntaxErrorLineAndColumn) {
  const auto yaml = problemsOf("domain: example.com\nhostnames: [mail.example.com\nsubnet: 10.42.0.0/16\n");
  ASSERT_EQ(yaml.size(), 1u) << listed(yaml);
  EXPECT_TRUE(yaml[0].path.empty());
  EXPECT_EQ(yaml[0].message.rfind("line 3, column 7: syntax error", 0), 0u) << yaml[0].message;
  EXPECT_EQ(yaml[0].line, 3u);
  EXPECT_EQ(yaml[0].column, 7u);

  const auto json = problemsOf("{\n  \"domain\": \"example.com\",\n  \"hostnames\": [\"a.example.com\" \"b.example.com\"]\n}\n");
  ASSERT_EQ(json.size(), 1u) << listed(json);
  EXPECT_EQ(json[0].message.rfind("line 3, column ", 0), 0u) << json[0].message;
}

TEST(ConfigLoader, PointsAtTheLineAndColumnOfEachValue) {
  const auto problems = problemsOf(
      "domain: example.com\nhostnames:\n  - mail.example.com\n  - bad host\nsubnet: 10.42.0.0/16\n"
      "database: {type: sqlite}\nredis: {host: redis}\nsecrets: {mailuSecretKey: k}\n");
  ASSERT_EQ(problems.size(), 1u) << listed(problems);
  EXPECT_EQ(problems[0].path, "hostnames[1]");
  EXPECT_EQ(problems[0].line, 4u);
  EXPECT_EQ(problems[0].column, 5u);
}

TEST(ConfigLoader, WhatListsOneProblemPerLine) {
  try {
    parseConfig("domain: example\nhostnames: []\nsubnet: 10.42.0.0\n"
                "database: {type: sqlite}\nredis: {host: redis}\nsecrets: {mailuSecretKey: k}\n");
    FAIL() << "accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(std::string(error.what()),
              "domain: must be a domain name such as mail.example.com (got \"example\")\n"
              "hostnames: must name at least one host (got [])\n"
              "subnet: must be an IPv4 network in CIDR notation such as 10.42.0.0/16 (got \"10.42.0.0\")");
  }
}

TEST(ConfigLoader, RequiresTheKeysTheReferenceRequires) {
  const auto problems = problemsOf("namespace: mailu\n");
  std::vector<std::string> paths;
  for (const ConfigProblem& problem : problems) paths.push_back(problem.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"domain", "hostnames", "subnet", "database", "redis", "secrets"}))
      << listed(problems);
  for (const ConfigProblem& problem : problems) EXPECT_EQ(problem.message, "is required");

  const auto nested = problemsOf(
      "domain: example.com\nhostnames: [mail.example.com]\nsubnet: 10.42.0.0/16\n"
      "database: {type: postgresql, postgresql: {port: 5432}}\nredis: {port: 6379}\nsecrets: {apiToken: t}\n"
      "storage: {admin: {storageClass: fast}}\nmailu: {initialAccount: {mode: create}}\n");
  paths.clear();
  for (const ConfigProblem& problem : nested) paths.push_back(problem.path);
  std::sort(paths.begin(), paths.end());
  EXPECT_EQ(paths, (std::vector<std::string>{"database.postgresql.host", "database.postgresql.secretName",
                                             "mailu.initialAccount.username", "redis.host", "secrets.mailuSecretKey",
                                             "storage.admin.size"}))
      << listed(nested);
}

TEST(ConfigLoader, NullMeansNotGiven) {
  const MailuChartConfig config = parseConfig(withMinimal("timezone: ~\nnamespace: null\ncomponents:\n"));
  EXPECT_FALSE(config.timezone.has_value());
  EXPECT_FALSE(config.namespace_.has_value());
  const auto problems = problemsOf(
      "domain: null\nhostnames: [mail.example.com]\nsubnet: 10.42.0.0/16\n"
      "database: {type: sqlite}\nredis: {host: redis}\nsecrets: ~\n");
  ASSERT_EQ(problems.size(), 2u) << listed(problems);
  EXPECT_EQ(problems[0].toString(), "domain: is required");
  EXPECT_EQ(problems[1].toString(), "secrets: is required");
}

TEST(ConfigLoader, NumbersMustBeUnquotedWholeNumbersInRange) {
  const auto problems = problemsOf(withMinimal(
      "mailu: {messageSizeLimit: 0}\n"
      "ingress: {traefik: {hostname: mail.example.com, smtpConnectionLimit: 2.5}}\n"));
  ASSERT_EQ(problems.size(), 2u) << listed(problems);
  EXPECT_EQ(problems[0].toString(), "mailu.messageSizeLimit: must be a whole number from 1 to 4294967296 (got 0)");
  EXPECT_EQ(problems[1].toString(),
            "ingress.traefik.smtpConnectionLimit: must be a whole number from 1 to 1000000 (got 2.5)");

  for (const char* port : {"0", "65536", "-1", "5432.0", "1e3", "0x1538", "99999999999999999999999", "[5432]"}) {
    const auto refused = problemsOf(
        "domain: example.com\nhostnames: [mail.example.com]\nsubnet: 10.42.0.0/16\n"
        "database: {type: sqlite}\nsecrets: {mailuSecretKey: k}\nredis: {host: redis, port: " +
        std::string(port) + "}\n");
    ASSERT_EQ(refused.size(), 1u) << port << "\n" << listed(refused);
    EXPECT_EQ(refused[0].path, "redis.port") << port;
  }
  EXPECT_EQ(parseConfig(withMinimal("mailu: {messageSizeLimit: 75}\n")).mailu->messageSizeLimit, 75);
}

TEST(ConfigLoader, RefusesQuotedNumbers) {
  const auto problems = problemsOf(
      "domain: example.com\nhostnames: [mail.example.com]\nsubnet: 10.42.0.0/16\n"
      "database: {type: postgresql, postgresql: {host: pg, port: \"5432\", secretName: pg}}\n"
      "redis: {host: redis}\nsecrets: {mailuSecretKey: k}\nmailu: {messageSizeLimit: \"fifty\"}\n");
  ASSERT_EQ(problems.size(), 2u) << listed(problems);
  EXPECT_EQ(problems[0].toString(),
            "database.postgresql.port: must be a whole number from 1 to 65535, written without quotes (got \"5432\")");
  EXPECT_EQ(problems[1].toString(), "mailu.messageSizeLimit: must be a whole number from 1 to 4294967296 (got \"fifty\")");
}

TEST(ConfigLoader, AsksForQuotesWhenYamlReadsAStringAsANumber) {
  const auto problems = problemsOf(withMinimal("images: {tag: 2024.06}\n"));
  ASSERT_EQ(problems.size(), 1u) << listed(problems);
  EXPECT_EQ(problems[0].path, "images.tag");
  EXPECT_NE(problems[0].message.find("put it in quotes"), std::string::npos) << problems[0].message;
  EXPECT_EQ(problems[0].got, "2024.06");

  EXPECT_EQ(parseConfig(withMinimal("images: {tag: \"2024.06\"}\n")).images->tag, "2024.06");
  EXPECT_EQ(parseConfig(withMinimal("images: {tag: !!str 2024.10}\n")).images->tag, "2024.10");
}

TEST(ConfigLoader, TakesPlainNumbersAsCpuAmounts) {
  const MailuChartConfig config =
      parseConfig(withMinimal("resources: {admin: {requests: {cpu: 0.5}, limits: {cpu: 2}}}\n"));
  EXPECT_EQ(config.resources->admin->requests->cpu, "0.5");
  EXPECT_EQ(config.resources->admin->limits->cpu, "2");
}

TEST(ConfigLoader, PlainYamlWordsAreStringsButBooleansAreNot) {
  const MailuChartConfig config = parseConfig(
      "namespace: off\ndomain: example.com\nhostnames: [mail.example.com]\nsubnet: 10.42.0.0/16\n"
      "database: {type: sqlite}\nredis: {host: yes}\nsecrets: {mailuSecretKey: no}\n");
  EXPECT_EQ(config.namespace_, "off");
  EXPECT_EQ(config.redis.host, "yes");
  EXPECT_EQ(config.secrets.mailuSecretKey, "no");

  const auto problems = problemsOf(withMinimal("timezone: true\ncomponents: {clamav: yes, webdav: \"true\"}\n"));
  ASSERT_EQ(problems.size(), 3u) << listed(problems);
  EXPECT_EQ(problems[0].toString(), "timezone: must be a time zone name such as UTC or Europe/Berlin (got true)");
  EXPECT_EQ(problems[1].toString(), "components.clamav: must be true or false (got \"yes\")");
  EXPECT_EQ(problems[2].toString(), "components.webdav: must be true or false (got \"true\")");
}

TEST(ConfigLoader, ListsTheAllowedValuesOfEnumerations) {
  const auto problems = problemsOf(
      "domain: example.com\nhostnames: [mail.example.com]\nsubnet: 10.42.0.0/16\n"
      "database: {type: postgres}\nredis: {host: redis}\nsecrets: {mailuSecretKey: k}\n"
      "mailu: {webmailType: horde, initialAccount: {username: admin, mode: always}}\n"
      "images: {pullPolicy: ifnotpresent}\ningress: {type: istio}\n");
  ASSERT_EQ(problems.size(), 5u) << listed(problems);
  EXPECT_EQ(problems[0].toString(), "database.type: must be one of 'sqlite', 'postgresql' (got \"postgres\")");
  EXPECT_EQ(problems[1].toString(), "mailu.webmailType: must be one of 'roundcube', 'snappymail' (got \"horde\")");
  EXPECT_EQ(problems[2].toString(),
            "mailu.initialAccount.mode: must be one of 'create', 'update', 'ifmissing' (got \"always\")");
  EXPECT_EQ(problems[3].toString(),
            "images.pullPolicy: must be one of 'Always', 'IfNotPresent', 'Never' (got \"ifnotpresent\")");
  EXPECT_EQ(problems[4].toString(), "ingress.type: must be one of 'traefik', 'nginx', 'none' (got \"istio\")");
}

TEST(ConfigLoader, ChecksKubernetesNamesAndOtherFormats) {
  const auto problems = problemsOf(
      "namespace: Mail_U\ndomain: example.com\nhostnames: [mail.example.com]\nsubnet: 10.42.0.0/16\n"
      "database: {type: sqlite}\nredis: {host: 'redis:6379', secretKey: 'a/b'}\nsecrets: {mailuSecretKey: Secret_Key}\n"
      "storage: {storageClass: Fast SSD}\nmailu: {initialAccount: {username: admin@example.com, domain: example}}\n"
      "images: {registry: 'https://ghcr.io/mailu'}\ningress: {traefik: {hostname: mail.example.com, certIssuer: LE}}\n");
  std::vector<std::string> paths;
  for (const ConfigProblem& problem : problems) paths.push_back(problem.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"namespace", "redis.host", "redis.secretKey", "secrets.mailuSecretKey",
                                             "storage.storageClass", "mailu.initialAccount.username",
                                             "mailu.initialAccount.domain", "images.registry",
                                             "ingress.traefik.certIssuer"}))
      << listed(problems);
}

TEST(ConfigLoader, RefusesEmptyStringsAndControlCharacters) {
  const auto problems = problemsOf(withMinimal("timezone: \"\"\nmailu: {logLevel: \"IN\\tFO\"}\n"));
  ASSERT_EQ(problems.size(), 2u) << listed(problems);
  EXPECT_EQ(problems[0].toString(), "timezone: must not be empty (got \"\")");
  EXPECT_EQ(problems[1].toString(),
            "mailu.logLevel: must not contain control characters or line breaks (got \"IN\\tFO\")");
}

TEST(ConfigLoader, RefusesDuplicateKeys) {
  const auto problems = problemsOf(
      "{\n  \"domain\": \"example.com\",\n  \"hostnames\": [\"mail.example.com\"],\n  \"subnet\": \"10.42.0.0/16\",\n"
      "  \"database\": {\"type\": \"sqlite\", \"type\": \"postgresql\"},\n  \"redis\": {\"host\": \"redis\"},\n"
      "  \"secrets\": {\"mailuSecretKey\": \"k\"},\n  \"domain\": \"example.org\"\n}\n");
  ASSERT_EQ(problems.size(), 2u) << listed(problems);
  EXPECT_EQ(problems[0].toString(), "database.type: is given more than once");
  EXPECT_EQ(problems[0].line, 5u);
  EXPECT_EQ(problems[1].toString(), "domain: is given more than once");
  EXPECT_EQ(problems[1].line, 8u);
}

TEST(ConfigLoader, RequiresAPostgresqlBlockForPostgresql) {
  const auto problems = problemsOf(
      "domain: example.com\nhostnames: [mail.example.com]\nsubnet: 10.42.0.0/16\n"
      "database: {type: postgresql}\nredis: {host: redis}\nsecrets: {mailuSecretKey: k}\n");
  ASSERT_EQ(problems.size(), 1u) << listed(problems);
  EXPECT_EQ(problems[0].toString(), "database.postgresql: is required when database.type is 'postgresql'");
}

TEST(ConfigLoader, PostfixCannotBeDisabledButOtherCoreComponentsCan) {
  const auto problems = problemsOf(withMinimal("components: {postfix: false}\n"));
  ASSERT_EQ(problems.size(), 1u) << listed(problems);
  EXPECT_EQ(problems[0].path, "components.postfix");
  EXPECT_EQ(problems[0].line, 7u);

  // As in the reference (and the p12 case): these may go.
  const MailuChartConfig config =
      parseConfig(withMinimal("components: {admin: false, front: false, dovecot: false, rspamd: false}\n"));
  EXPECT_EQ(config.components->dovecot, false);
}

TEST(ConfigLoader, TraefikIngressNeedsItsHostnameAndFront) {
  const auto withoutBlock = problemsOf(withMinimal("ingress: {enabled: true, type: traefik}\n"));
  ASSERT_EQ(withoutBlock.size(), 1u) << listed(withoutBlock);
  EXPECT_EQ(withoutBlock[0].toString(), "ingress.traefik.hostname: is required when the Traefik ingress is enabled");

  const auto withoutFront = problemsOf(withMinimal(
      "components: {front: false}\ningress: {enabled: true, type: traefik, traefik: {hostname: mail.example.com}}\n"));
  ASSERT_EQ(withoutFront.size(), 1u) << listed(withoutFront);
  EXPECT_EQ(withoutFront[0].path, "components.front");

  // A disabled ingress needs neither.
  EXPECT_NO_THROW(parseConfig(withMinimal("components: {front: false}\ningress: {enabled: false, type: traefik}\n")));
}

TEST(ConfigLoader, FetchmailNeedsFrontToDeliverTo) {
  const auto problems = problemsOf(withMinimal("components: {front: false, fetchmail: true}\n"));
  ASSERT_EQ(problems.size(), 1u) << listed(problems);
  EXPECT_EQ(problems[0].path, "components.fetchmail");
  EXPECT_NO_THROW(parseConfig(withMinimal("components: {front: false, fetchmail: false}\n")));
}

TEST(ConfigLoader, PostfixRateLimitsArePositiveCountsAndAPostfixTime) {
  const MailuChartConfig config = parseConfig(withMinimal(
      "postfix:\n  rateLimits: {connectionRate: 30, connectionCount: 5, messageRate: 50, recipientRate: 150, "
      "timeUnit: 1m}\n"));
  ASSERT_TRUE(config.postfix && config.postfix->rateLimits);
  const mailu::PostfixRateLimits& limits = *config.postfix->rateLimits;
  EXPECT_EQ(limits.connectionRate, 30);
  EXPECT_EQ(limits.connectionCount, 5);
  EXPECT_EQ(limits.messageRate, 50);
  EXPECT_EQ(limits.recipientRate, 150);
  EXPECT_EQ(limits.timeUnit, "1m");
  EXPECT_FALSE(parseConfig(withMinimal("postfix: {rateLimits: {messageRate: 7}}\n")).postfix->rateLimits->timeUnit);

  for (const char* bad : {"connectionRate: 0", "connectionCount: -1", "messageRate: 1.5", "recipientRate: '300'",
                          "connectionRate: 1000001"}) {
    const auto problems = problemsOf(withMinimal(std::string("postfix: {rateLimits: {") + bad + "}}\n"));
    ASSERT_EQ(problems.size(), 1u) << bad << "\n" << listed(problems);
    const std::string key(bad, std::string_view(bad).find(':'));
    EXPECT_EQ(problems[0].path, "postfix.rateLimits." + key) << bad;
  }
  for (const char* bad : {"0s", "60x", "s", "'-60'", "60 s", "'2147483648'", "3551w", "1.5m", "60"}) {
    const auto problems = problemsOf(withMinimal(std::string("postfix: {rateLimits: {timeUnit: ") + bad + "}}\n"));
    ASSERT_EQ(problems.size(), 1u) << bad << "\n" << listed(problems);
    EXPECT_EQ(problems[0].path, "postfix.rateLimits.timeUnit") << bad;
  }
  for (const char* good : {"'60'", "60s", "1m", "2h", "1d", "1w", "'3600'", "'2147483647'", "3550w"}) {
    EXPECT_NO_THROW(parseConfig(withMinimal(std::string("postfix: {rateLimits: {timeUnit: ") + good + "}}\n")))
        << good;
  }
  const auto unknown = problemsOf(withMinimal("postfix: {rateLimits: {messageRates: 5}}\n"));
  ASSERT_EQ(unknown.size(), 1u) << listed(unknown);
  EXPECT_EQ(unknown[0].toString(), "postfix.rateLimits.messageRates: unknown key; did you mean 'messageRate'?");
}

TEST(ConfigLoader, ProxyProtocolIsABoolean) {
  const std::string traefik = "ingress: {enabled: true, type: traefik, traefik: {hostname: mail.example.com, ";
  EXPECT_EQ(parseConfig(withMinimal(traefik + "proxyProtocol: false}}\n")).ingress->traefik->proxyProtocol, false);
  EXPECT_FALSE(parseConfig(withMinimal(traefik + "}}\n")).ingress->traefik->proxyProtocol);
  const auto problems = problemsOf(withMinimal(traefik + "proxyProtocol: 'yes'}}\n"));
  ASSERT_EQ(problems.size(), 1u) << listed(problems);
  EXPECT_EQ(problems[0].path, "ingress.traefik.proxyProtocol");
}

TEST(ConfigLoader, AnEnabledIngressNeedsAType) {
  const auto problems =
      problemsOf(withMinimal("ingress: {enabled: true, traefik: {hostname: mail.example.com}}\n"));
  ASSERT_EQ(problems.size(), 1u) << listed(problems);
  EXPECT_EQ(problems[0].path, "ingress.type");
}

TEST(ConfigLoader, InitialAccountCannotBeDisabledWhileItsPasswordIsGiven) {
  const std::string base =
      "domain: example.com\nhostnames: [mail.example.com]\nsubnet: 10.42.0.0/16\n"
      "database: {type: sqlite}\nredis: {host: redis}\nmailu: {initialAccount: {enabled: false, username: admin}}\n";
  const auto problems = problemsOf(base + "secrets: {mailuSecretKey: k, initialAdminPassword: admin-pw}\n");
  ASSERT_EQ(problems.size(), 1u) << listed(problems);
  EXPECT_EQ(problems[0].path, "mailu.initialAccount.enabled");
  EXPECT_NO_THROW(parseConfig(base + "secrets: {mailuSecretKey: k}\n"));
}

TEST(ConfigLoader, RequestsMustNotExceedLimits) {
  const auto problems = problemsOf(withMinimal(
      "resources:\n"
      "  admin: {requests: {cpu: '1', memory: 2Gi}, limits: {cpu: 500m, memory: 1536Mi}}\n"
      "  front: {requests: {cpu: 500m, memory: 1Gi}, limits: {cpu: '0.5', memory: 1024Mi}}\n"));
  ASSERT_EQ(problems.size(), 2u) << listed(problems);
  EXPECT_EQ(problems[0].toString(),
            "resources.admin.requests.cpu: must not exceed resources.admin.limits.cpu (500m) (got \"1\")");
  EXPECT_EQ(problems[1].toString(),
            "resources.admin.requests.memory: must not exceed resources.admin.limits.memory (1536Mi) (got \"2Gi\")");
}

TEST(ConfigLoader, MemoryIsAWholeNumberOfMebibytes) {
  const MailuChartConfig config =
      parseConfig(withMinimal("resources: {admin: {requests: {memory: 1.5Gi}, limits: {memory: 2097152Ki}}}\n"));
  EXPECT_EQ(config.resources->admin->requests->memory, "1.5Gi");
  EXPECT_EQ(config.resources->admin->limits->memory, "2097152Ki");
  const auto problems = problemsOf(withMinimal("resources: {webdav: {limits: {memory: 100Ki}}}\n"));
  ASSERT_EQ(problems.size(), 1u) << listed(problems);
  EXPECT_EQ(problems[0].path, "resources.webdav.limits.memory");
}

TEST(ConfigLoader, FollowsAliasesButRefusesCycles) {
  const MailuChartConfig config = parseConfig(withMinimal(
      "resources:\n  front: &small {requests: {cpu: 50m, memory: 64Mi}}\n  admin: *small\n"));
  EXPECT_EQ(config.resources->admin->requests->memory, "64Mi");

  const auto cycle = problemsOf("domain: &loop [*loop]\n");
  ASSERT_EQ(cycle.size(), 1u) << listed(cycle);
  EXPECT_NE(cycle[0].message.find("alias refers to a node that contains it"), std::string::npos);
}

TEST(ConfigLoader, RefusesUnusualYamlTags) {
  const auto problems = problemsOf(withMinimal("timezone: !!binary VVRD\n"));
  ASSERT_EQ(problems.size(), 1u) << listed(problems);
  EXPECT_EQ(problems[0].toString(), "timezone: has the YAML tag !!binary, which a config does not use (got !!binary \"VVRD\")");
}

TEST(ConfigLoader, AcceptsJsonAsItIs) {
  const MailuChartConfig config = parseConfig(
      "{\n\t\"domain\": \"example.com\",\n\t\"hostnames\": [\"mail.example.com\"],\n\t\"subnet\": \"10.42.0.0\\/16\",\n"
      "\t\"database\": {\"type\": \"sqlite\"},\n\t\"redis\": {\"host\": \"redis\", \"port\": 6379},\n"
      "\t\"secrets\": {\"mailuSecretKey\": \"k\"}\n}\n");
  EXPECT_EQ(config.subnet, "10.42.0.0/16");
  EXPECT_EQ(config.redis.port, 6379);
}

TEST(ConfigLoader, RefusesWhatIsNotOneConfig) {
  for (const char* empty : {"", "# nothing here\n", "~\n", "---\n"}) {
    const auto problems = problemsOf(empty);
    ASSERT_EQ(problems.size(), 1u) << listed(problems);
    EXPECT_EQ(problems[0].message, "the config is empty");
  }
  const auto list = problemsOf("- domain: example.com\n");
  ASSERT_EQ(list.size(), 1u) << listed(list);
  EXPECT_EQ(list[0].toString(), "<document>: must be a mapping of keys to values (got a list)");

  const auto twoDocuments = problemsOf(fmt::format("{}---\n{}", kMinimal, kMinimal));
  ASSERT_EQ(twoDocuments.size(), 1u) << listed(twoDocuments);
  EXPECT_EQ(twoDocuments[0].message.rfind("line 7: a second YAML document", 0), 0u) << twoDocuments[0].message;
}

TEST(ConfigLoader, RefusesTextThatIsNotCleanUtf8) {
  const std::vector<std::pair<std::string, std::string>> texts = {
      {withMinimal("timezone: Europe/Berl\xffn\n"), "line 7, column 22: the text is not valid UTF-8"},
      {withMinimal("timezone: \xc0\xafUTC\n"), "line 7, column 11: the text is not valid UTF-8"},   // overlong
      {withMinimal("timezone: \xed\xa0\x80UTC\n"), "line 7, column 11: the text is not valid UTF-8"},  // surrogate
      {std::string("domain: exa\0mple.com\n", 20), "line 1, column 12: the text contains a NUL byte"},
      {"domain: \x1b[31mred\n", "line 1, column 9: the text contains the control character 0x1b"},
  };
  for (const auto& [text, message] : texts) {
    const auto problems = problemsOf(text);
    ASSERT_EQ(problems.size(), 1u) << listed(problems);
    EXPECT_EQ(problems[0].message, message);
  }
  EXPECT_EQ(parseConfig(withMinimal("timezone: UTC # Z\xc3\xbcrich later\n")).timezone, "UTC");
}

TEST(ConfigLoader, RefusesDeepNestingAndHugeText) {
  const auto deep = problemsOf(fmt::format("domain: {}\n", std::string(100000, '[')));
  ASSERT_EQ(deep.size(), 1u) << listed(deep);
  EXPECT_NE(deep[0].message.find("nests deeper than 64 levels"), std::string::npos) << deep[0].message;

  std::string huge = withMinimal("");
  huge += std::string(2u << 20, '#');
  const auto large = problemsOf(huge);
  ASSERT_EQ(large.size(), 1u) << listed(large);
  EXPECT_NE(large[0].message.find("larger than"), std::string::npos);
}

TEST(ConfigLoader, SummarisesFloodsOfProblems) {
  std::string text = withMinimal("images:\n");
  for (int i = 0; i < 300; ++i) text += fmt::format("  unknown{}: x\n", i);
  const auto problems = problemsOf(text);
  ASSERT_EQ(problems.size(), 101u);
  EXPECT_EQ(problems.back().message, "... and 200 more problems not listed");
}

TEST(ConfigLoader, KeepsTheSourceName) {
  try {
    parseConfig("domain: x\n", "tenant-a.yaml");
    FAIL() << "accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.source(), "tenant-a.yaml");
  }
  const fs::path file = kParity / "bad" / "b01-domain-no-tld.json";
  try {
    loadConfigFile(file);
    FAIL() << "accepted";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.source(), file.string());
  }
}

TEST(ConfigLoader, UnreadableFilesAreConfigErrors) {
  for (const fs::path& path : {fs::path("/nonexistent/mailu.yaml"), fs::temp_directory_path()}) {
    try {
      loadConfigFile(path);
      ADD_FAILURE() << path << " was read";
    } catch (const ConfigError& error) {
      ASSERT_EQ(error.problems().size(), 1u);
      EXPECT_TRUE(error.problems()[0].path.empty());
      EXPECT_EQ(error.source(), path.string());
    }
  }
}

// A FIFO with no writer would block an open() for reading, and /dev/zero
// never ends: neither is a config file, and both are refused at once.
TEST(ConfigLoader, RefusesWhatIsNotARegularFileWithoutBlocking) {
  const fs::path fifo = fs::temp_directory_path() / ("mailu-loader-fifo-" + std::to_string(::getpid()));
  fs::remove(fifo);
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const fs::path& path : {fifo, fs::path("/dev/zero"), fs::path("/dev/null")}) {
    auto loading = std::async(std::launch::async, [path] {
      try {
        loadConfigFile(path);
      } catch (const ConfigError& error) {
        return error.problems().size() == 1 ? error.problems()[0].message : std::string(error.what());
      }
      return std::string("was read");
    });
    if (loading.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
      ADD_FAILURE() << path << ": loadConfigFile blocked";
      // Unblock it so the test ends: a writer that closes at once.
      const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
      if (fd >= 0) ::close(fd);
    }
    EXPECT_EQ(loading.get(), "is not a regular file") << path;
  }
  fs::remove(fifo);
}

// Whatever the bytes, the loader returns or throws ConfigError: nothing else.
void expectOnlyConfigErrors(const std::string& text, const std::string& label) {
  try {
    parseConfig(text);
  } catch (const ConfigError& error) {
    EXPECT_FALSE(error.problems().empty()) << label;
    EXPECT_NE(std::string(error.what()), "") << label;
  } catch (const std::exception& error) {
    ADD_FAILURE() << label << ": threw " << error.what();
  } catch (...) {
    ADD_FAILURE() << label << ": threw something that is not an exception";
  }
}

TEST(ConfigLoader, NeverThrowsOtherExceptionsOnGarbage) {
  std::mt19937 random(20240611);
  const auto pick = [&](std::size_t bound) { return std::uniform_int_distribution<std::size_t>(0, bound - 1)(random); };
  const std::string yamlish = "{}[],:-?&*!|>'\"%@`# \n\t.0123456789abcdeyntrul~";

  for (int round = 0; round < 1500; ++round) {
    std::string bytes(pick(200), '\0');
    for (char& c : bytes) c = static_cast<char>(pick(256));
    expectOnlyConfigErrors(bytes, fmt::format("random bytes, round {}", round));

    std::string punctuation(pick(120), ' ');
    for (char& c : punctuation) c = yamlish[pick(yamlish.size())];
    expectOnlyConfigErrors(punctuation, "YAML punctuation: " + punctuation);
  }

  std::vector<std::string> seeds = {std::string(kMinimal)};
  for (const std::string& name : publicCaseNames()) {
    std::ifstream in(kParity / "cases" / (name + ".json"), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    seeds.push_back(text.str());
  }
  for (int round = 0; round < 3000; ++round) {
    std::string text = seeds[pick(seeds.size())];
    for (std::size_t edits = 1 + pick(4); edits > 0 && !text.empty(); --edits) {
      const std::size_t at = pick(text.size());
      switch (pick(3)) {
        case 0:
          text[at] = yamlish[pick(yamlish.size())];
          break;
        case 1:
          text.erase(at, 1 + pick(8));
          break;
        default:
          text.insert(at, 1, yamlish[pick(yamlish.size())]);
      }
    }
    expectOnlyConfigErrors(text, "mutated config:\n" + text);
  }

  const std::vector<std::pair<std::string, std::string>> hostile = {
      {"deep flow sequence", std::string(50000, '[')},
      {"deep flow mapping", std::string(50000, '{')},
      {"deep block mapping",
       [] {
         std::string text;
         for (int depth = 0; depth < 200; ++depth) {
           text.append(static_cast<std::size_t>(depth), ' ');  // appended: GCC 12 misreports string + literal
           text += "a:\n";
         }
         return text;
       }()},
      {"alias fan-out",
       [] {
         std::string text = "domain: &a0 x\n";
         for (int level = 1; level < 30; ++level) {
           text += fmt::format("k{0}: &a{0} [", level);
           for (int i = 0; i < 10; ++i) text += fmt::format("{}*a{}", i ? ", " : "", level - 1);
           text += "]\n";
         }
         return text;
       }()},
      {"resources through one alias",
       withMinimal("resources: {front: &r {requests: &q {cpu: &c 1, memory: 1Gi}, limits: *q}, admin: *r, postfix: *r}\n")},
      {"huge numbers", withMinimal(fmt::format("redis: {{host: r, port: 1{}}}\nmailu: {{messageSizeLimit: -9223372036854775809}}\n",
                                           std::string(5000, '0')))},
      {"huge sizes", withMinimal(fmt::format("resources: {{front: {{limits: {{memory: {0}Ei, cpu: {0}}}}}}}\n"
                                          "storage: {{admin: {{size: {0}.5Ki}}}}\n",
                                          std::string(400, '9')))},
      {"long key", withMinimal(std::string(100000, 'k') + ": 1\n")},
      {"long value", withMinimal(fmt::format("timezone: {}\n", std::string(500000, 'x')))},
      {"anchors everywhere", "&a domain: &b x\n"},
      {"complex key", withMinimal("? [a, b]\n: c\n")},
      {"tagged mapping", withMinimal("mailu: !custom {logLevel: INFO}\n")},
      {"directive", fmt::format("%YAML 1.2\n%TAG ! tag:example.com,2000:\n---\n{}", kMinimal)},
      {"byte order mark", fmt::format("\xef\xbb\xbf{}", kMinimal)},
      {"lone surrogate escape", withMinimal("timezone: \"\\ud800\"\n")},
      {"escaped NUL", withMinimal("timezone: \"a\\0b\"\n")},
      {"CR only", "domain: example.com\rhostnames: [a.example.com]\r"},
  };
  for (const auto& [label, text] : hostile) expectOnlyConfigErrors(text, label);
}

}  // namespace
}  // namespace mailu

namespace mailu {
namespace {

TEST(ConfigLoader, NetworkPolicyPeersArePodsOrNetworks) {
  std::string postgres = withMinimal("");
  postgres.replace(postgres.find("{type: sqlite}"), 14, "{type: postgresql, postgresql: {host: pg, secretName: pg}}");
  const MailuChartConfig config = parseConfig(postgres +
      "networkPolicies:\n"
      "  enabled: true\n"
      "  ingressController: {namespace: traefik, podLabels: {app.kubernetes.io/name: traefik, tier: ''}}\n"
      "  egress: true\n"
      "  dns: {cidrs: [169.254.20.10/32]}\n"
      "  database: {namespace: db}\n"
      "  redis: {podLabels: {app: redis}}\n");
  ASSERT_TRUE(config.networkPolicies);
  const NetworkPoliciesConfig& policies = *config.networkPolicies;
  EXPECT_EQ(policies.enabled, true);
  EXPECT_EQ(policies.egress, true);
  EXPECT_EQ(policies.ingressController->namespace_, "traefik");
  EXPECT_EQ(policies.ingressController->podLabels,
            (std::map<std::string, std::string>{{"app.kubernetes.io/name", "traefik"}, {"tier", ""}}));
  EXPECT_EQ(policies.dns->cidrs, std::vector<std::string>{"169.254.20.10/32"});
  EXPECT_EQ(policies.database->namespace_, "db");
  EXPECT_FALSE(policies.database->podLabels);
  EXPECT_EQ(policies.redis->podLabels, (std::map<std::string, std::string>{{"app", "redis"}}));

  const std::pair<const char*, const char*> refused[] = {
      {"{enabled: 'yes'}", "networkPolicies.enabled"},
      {"{ingressController: {}}", "networkPolicies.ingressController"},
      {"{ingressController: {namespace: Traefik}}", "networkPolicies.ingressController.namespace"},
      {"{ingressController: {podLabels: {'-app': x}}}", "networkPolicies.ingressController.podLabels.-app"},
      {"{ingressController: {podLabels: {app: 'a b'}}}", "networkPolicies.ingressController.podLabels.app"},
      {"{ingressController: {podLabels: {app: true}}}", "networkPolicies.ingressController.podLabels.app"},
      {"{ingressController: {podLabels: [app]}}", "networkPolicies.ingressController.podLabels"},
      {"{ingressController: {namespace: t, cidrs: [10.0.0.0/8]}}", "networkPolicies.ingressController.cidrs"},
      {"{ingressController: {cidrs: [10.0.0.1/8]}}", "networkPolicies.ingressController.cidrs[0]"},
      {"{ingressController: {cidrs: []}}", "networkPolicies.ingressController.cidrs"},
      {"{ingressController: {cidrs: [010.0.0.0/8]}}", "networkPolicies.ingressController.cidrs[0]"},
      {"{ingressController: {cidrs: [10.0.0.0/08]}}", "networkPolicies.ingressController.cidrs[0]"},
      {"{egress: true, database: {namespace: db}}", "networkPolicies.database"},  // withMinimal is SQLite
      {"{egress: true, redis: {cidrs: [300.0.0.0/8]}}", "networkPolicies.redis.cidrs[0]"},
      {"{dns: {cidrs: [10.0.0.10/32]}}", "networkPolicies.dns"},
      {"{egress: false, redis: {namespace: cache}}", "networkPolicies.redis"},
      {"{egres: true}", "networkPolicies.egres"},
  };
  for (const auto& [text, path] : refused) {
    const auto problems = problemsOf(withMinimal(std::string("networkPolicies: ") + text + "\n"));
    ASSERT_EQ(problems.size(), 1u) << text << "\n" << listed(problems);
    EXPECT_EQ(problems[0].path, path) << text;
  }
}

}  // namespace
}  // namespace mailu
