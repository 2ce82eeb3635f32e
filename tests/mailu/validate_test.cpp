// mailu::validate: a config built in C++ is refused exactly when the same
// config in a file is, and every quantity the manifests write is one
// Kubernetes takes.
#include "mailu/validate.hpp"

#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cdk8s/app.hpp"
#include "cdk8s/testing.hpp"
#include "config_fixtures.hpp"
#include "config_reader.hpp"
#include "mailu/config_loader.hpp"
#include "mailu/mailu_chart.hpp"
#include "yaml_document.hpp"

namespace mailu {
namespace {

using Json = nlohmann::json;

using testconfig::minimalConfig;
using testconfig::withMinimal;
using testconfig::problemsOf;

// What the file reader makes of a text whose only faults are in its values:
// the typed config a C++ caller could have built by hand.
MailuChartConfig typedConfigOf(std::string_view text) {
  std::vector<ConfigProblem> readProblems;
  const validation::NodePtr root = validation::readYamlDocument(text);
  MailuChartConfig config = validation::readConfig(*root, readProblems);
  EXPECT_TRUE(readProblems.empty()) << text << "\n" << (readProblems.empty() ? "" : readProblems[0].toString());
  return config;
}

std::vector<std::string> pathsOf(const std::vector<ConfigProblem>& problems) {
  std::vector<std::string> paths;
  for (const ConfigProblem& problem : problems) paths.push_back(problem.path);
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::vector<std::string> chartProblemPathsOf(const MailuChartConfig& config) {
  cdk8s::App app;
  try {
    MailuChart chart(app, "mailu", config);
  } catch (const ConfigError& error) {
    return pathsOf(error.problems());
  }
  return {};
}

struct RefusedValue {
  std::string_view extra;  // added to kMinimal
  std::string_view path;   // the field the one problem names
};

// Values the reader takes (they have the right type) and the rules refuse.
const RefusedValue kRefusedValues[] = {
    {"resources: {admin: {requests: {cpu: two}}}\n", "resources.admin.requests.cpu"},
    {"resources: {admin: {requests: {cpu: 99999999999999999999999}}}\n", "resources.admin.requests.cpu"},
    {"resources: {admin: {requests: {cpu: '0.0005'}}}\n", "resources.admin.requests.cpu"},
    {"resources: {admin: {requests: {cpu: 0m}}}\n", "resources.admin.requests.cpu"},
    {"resources: {admin: {limits: {memory: 2Ei}}}\n", "resources.admin.limits.memory"},
    // Above the component's default limit, or below its default request.
    {"resources: {dovecot: {requests: {memory: 3Gi}}}\n", "resources.dovecot.requests.memory"},
    {"resources: {front: {limits: {cpu: 50m}}}\n", "resources.front.limits.cpu"},
    {"resources: {clamav: {limits: {memory: 512Mi}}}\n", "resources.clamav.limits.memory"},
    {"storage: {dovecot: {size: 0Gi}}\n", "storage.dovecot.size"},
    {"storage: {dovecot: {size: 1Ki}}\n", "storage.dovecot.size"},
    {"storage: {dovecot: {size: 99999999999999999999999Gi}}\n", "storage.dovecot.size"},
    {"storage: {admin: {size: 2Ei}}\n", "storage.admin.size"},
    {"timezone: Mars/Olympus\n", "timezone"},
    {"ingress: {enabled: true, type: traefik, traefik: {hostname: MAIL.EXAMPLE.COM}}\n", "ingress.traefik.hostname"},
    {"ingress: {enabled: true, type: traefik, traefik: {hostname: x.example.com}}\ncomponents: {front: false}\n",
     "components.front"},
    {"ingress: {enabled: true}\n", "ingress.type"},
    {"database: {type: postgresql}\n", "database.postgresql"},
    {"networkPolicies: {dns: {namespace: kube-system}}\n", "networkPolicies.dns"},
    {"mailu: {initialAccount: {enabled: false, username: admin}}\n"
     "secrets: {mailuSecretKey: k, initialAdminPassword: p}\n",
     "mailu.initialAccount.enabled"},
};

TEST(Validate, CppConfigIsRefusedExactlyLikeTheSameFile) {
  for (const RefusedValue& refused : kRefusedValues) {
    std::string text = withMinimal(refused.extra);
    // A later `secrets:` or `database:` replaces the minimal one.
    for (const char* key : {"secrets:", "database:"}) {
      const std::size_t later = text.rfind(std::string("\n") + key);
      const std::size_t first = text.find(key);
      if (later != std::string::npos && first < later) text.erase(first, text.find('\n', first) - first + 1);
    }
    SCOPED_TRACE(text);
    const MailuChartConfig config = typedConfigOf(text);
    const std::vector<std::string> expected{std::string(refused.path)};
    EXPECT_EQ(pathsOf(configProblems(config)), expected);
    EXPECT_EQ(pathsOf(problemsOf(text)), expected);
    EXPECT_EQ(chartProblemPathsOf(config), expected);
    EXPECT_THROW(validate(config), ConfigError);
  }
}

TEST(Validate, ParseCpuOfWordsNoLongerBecomesZero) {
  MailuChartConfig config = minimalConfig();
  EXPECT_TRUE(configProblems(config).empty());
  config.resources = ResourcesConfig{.admin = ResourceRequirements{.requests = ResourceQuantities{.cpu = "two"}}};
  const auto problems = configProblems(config);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].toString(),
            "resources.admin.requests.cpu: must be a CPU amount: millicores such as 250m, or cores such as 0.5 or 2 "
            "(got \"two\")");
}

TEST(Validate, EmptyRequiredStringsAreNamed) {
  const auto problems = configProblems(MailuChartConfig{});
  EXPECT_EQ(pathsOf(problems), (std::vector<std::string>{"domain", "hostnames", "redis.host",
                                                          "secrets.mailuSecretKey", "subnet"}));
  EXPECT_EQ(problems[0].toString(), "domain: is required");
}

TEST(Validate, RequestsAndLimitsAreComparedAfterTheDefaults) {
  // The message, and where the file reader points it (line:column).
  const auto messageOf = [](std::string_view extra) {
    const auto problems = problemsOf(withMinimal(extra));
    if (problems.size() != 1) return std::to_string(problems.size()) + " problems";
    return problems[0].toString() + " @" + std::to_string(problems[0].line.value_or(0)) + ":" +
           std::to_string(problems[0].column.value_or(0));
  };
  EXPECT_EQ(messageOf("resources: {dovecot: {requests: {memory: 3Gi}}}\n"),
            "resources.dovecot.requests.memory: must not exceed the default memory limit 2Gi "
            "(set resources.dovecot.limits.memory as well) (got \"3Gi\") @7:42");
  EXPECT_EQ(messageOf("resources: {front: {limits: {cpu: 50m}}}\n"),
            "resources.front.limits.cpu: must not be below the default CPU request 100m "
            "(set resources.front.requests.cpu as well) (got \"50m\") @7:35");
  EXPECT_EQ(messageOf("resources: {front: {requests: {cpu: '1'}, limits: {cpu: 500m}}}\n"),
            "resources.front.requests.cpu: must not exceed resources.front.limits.cpu (500m) (got \"1\") @7:37");
  // Both raised together is fine, and so is a request equal to its limit.
  EXPECT_EQ(messageOf("resources: {dovecot: {requests: {memory: 3Gi}, limits: {memory: 3072Mi}}}\n"), "0 problems");
}

// Kubernetes' quantity grammar (k8s.io/apimachinery resource.Quantity): a
// decimal, then one suffix: a binary one, a decimal one or an exponent.
bool isKubernetesQuantity(const std::string& text) {
  static const std::regex kQuantity(R"(^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$)");
  return std::regex_match(text, kQuantity);
}

// Every quantity of the synthesized objects: resources and claim sizes.
void collectQuantities(const Json& node, const std::string& key, std::vector<std::string>& out) {
  if (node.is_object()) {
    for (const auto& [k, v] : node.items()) collectQuantities(v, k, out);
  } else if (node.is_array()) {
    for (const Json& item : node) collectQuantities(item, key, out);
  } else if (key == "cpu" || key == "memory" || key == "storage") {
    out.push_back(node.is_string() ? node.get<std::string>() : node.dump());
  }
}

TEST(Validate, EveryQuantityAcceptedIsWrittenAsAKubernetesQuantity) {
  const char* sizes[] = {"1Mi", "1024Ki", "1.5Mi", "0.5Gi", "1.1Gi", "100Gi", "1.5Ti", "1023Pi", "1Ei"};
  const char* cpus[] = {"1m", "0.001", "0.5", "1.5", "2", "250m", "999999.999", "1000000", "1000000000m"};
  for (std::size_t i = 0; i < std::size(sizes); ++i) {
    MailuChartConfig config = minimalConfig();
    config.storage = StorageConfig{.dovecot = ComponentStorageConfig{.size = sizes[i]}};
    config.resources = ResourcesConfig{.admin = ResourceRequirements{
                                           .requests = ResourceQuantities{.cpu = cpus[i], .memory = "1Mi"},
                                           .limits = ResourceQuantities{.cpu = "1000000", .memory = "1Ei"}}};
    SCOPED_TRACE(std::string(sizes[i]) + " " + cpus[i]);
    ASSERT_TRUE(configProblems(config).empty()) << configProblems(config)[0].toString();
    cdk8s::App app;
    MailuChart chart(app, "mailu", config);
    std::vector<std::string> quantities;
    for (const auto& doc : cdk8s::Testing::synth(chart)) collectQuantities(doc, "", quantities);
    ASSERT_GT(quantities.size(), 20u);
    for (const std::string& quantity : quantities) EXPECT_TRUE(isKubernetesQuantity(quantity)) << quantity;
  }
}

TEST(Validate, QuantitiesThatCannotBeWrittenAreRefused) {
  for (const char* size : {"0Gi", "0.0Mi", "1Ki", "1023Ki", "0.9Mi", "2Ei", "1025Pi", "99999999999999999999999Gi"}) {
    MailuChartConfig config = minimalConfig();
    config.storage = StorageConfig{.postfix = ComponentStorageConfig{.size = size}};
    EXPECT_EQ(pathsOf(configProblems(config)), std::vector<std::string>{"storage.postfix.size"}) << size;
  }
  for (const char* cpu : {"0", "0m", "0.0005", "1.0001", "1000000.001", "1000000001m", "99999999999999999999999"}) {
    MailuChartConfig config = minimalConfig();
    config.resources = ResourcesConfig{
        .webmail = ResourceRequirements{.limits = ResourceQuantities{.cpu = cpu}}};
    const auto paths = pathsOf(configProblems(config));
    ASSERT_FALSE(paths.empty()) << cpu;
    EXPECT_EQ(paths[0], "resources.webmail.limits.cpu") << cpu;
  }
}

TEST(Validate, HostNamesFollowDnsRules) {
  const std::string label(63, 'a');
  const std::string longName = label + "." + label + "." + label + "." + label + ".com";  // 259 characters
  MailuChartConfig config = minimalConfig();
  config.hostnames = {"mail.example.com", longName};
  EXPECT_EQ(pathsOf(configProblems(config)), std::vector<std::string>{"hostnames[1]"});
  config.hostnames = {"MAIL.example.com"};  // DNS ignores case; Mailu is given it as written
  EXPECT_TRUE(configProblems(config).empty());
  for (const std::string& host : {std::string("MAIL.EXAMPLE.COM"), std::string("Mail.example.com"), longName}) {
    config.ingress = IngressConfig{.enabled = true, .type = IngressType::kTraefik,
                                   .traefik = TraefikIngressConfig{.hostname = host}};
    EXPECT_EQ(pathsOf(configProblems(config)), std::vector<std::string>{"ingress.traefik.hostname"}) << host;
  }
}

}  // namespace
}  // namespace mailu
