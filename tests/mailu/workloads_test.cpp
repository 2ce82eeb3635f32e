// Where and how each component's pods run (`workloads.<component>`, issue
// 16): Kubernetes' scheduling shapes passed to the pod spec, pod labels and
// annotations, Service annotations, extra variables (values or Secret
// references), another image, and replicas where the component can run more
// than one pod, with a PodDisruptionBudget and a spreading anti-affinity.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "cdk8s/testing.hpp"
#include "config_fixtures.hpp"
#include "mailu/chart_settings.hpp"
#include "mailu/mailu_chart.hpp"
#include "manifest_objects.hpp"

namespace {

using cdk8s::Json;
using mailu::Component;
using testconfig::withMinimal;
using testmanifest::objectNamed;

struct Synthesized {
  std::vector<Json> objects;
  std::string deployment;  // the component's Deployment name
  std::string service;     // its Service name, when it has one
};

Synthesized synthesize(std::string_view extra, Component component) {
  cdk8s::App app;
  mailu::MailuChart chart(app, "mailu", mailu::parseConfig(withMinimal(extra)));
  Synthesized result{cdk8s::Testing::synth(chart), chart.component(component)->deployment().name(), ""};
  if (!mailu::componentSpec(component).listeners.empty()) result.service = chart.component(component)->service().name();
  return result;
}

const Json& podSpecOf(const Synthesized& s) {
  return objectNamed(s.objects, "Deployment", s.deployment).at("spec").at("template").at("spec");
}

// Synthesized objects come with sorted keys; literals are compared as parsed.
nlohmann::json plain(const Json& json) { return nlohmann::json::parse(json.dump()); }
nlohmann::json parsed(const std::string& text) { return nlohmann::json::parse(text); }

std::vector<const Json*> ofKind(const std::vector<Json>& objects, std::string_view kind) {
  std::vector<const Json*> found;
  for (const Json& object : objects) {
    if (object.at("kind") == kind) found.push_back(&object);
  }
  return found;
}

TEST(Workloads, SchedulingKeysReachThePodSpecAsGiven) {
  const auto s = synthesize(R"(
workloads:
  front:
    nodeSelector: {node-role.example.com/mail: "true"}
    tolerations: [{key: dedicated, operator: Equal, value: mail, effect: NoSchedule},
                  {operator: Exists, effect: NoExecute, tolerationSeconds: 30}]
    affinity:
      nodeAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
          nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/arch, operator: In, values: [amd64, arm64]}]}]
        preferredDuringSchedulingIgnoredDuringExecution:
          - {weight: 50, preference: {matchExpressions: [{key: disktype, operator: Exists}]}}
    topologySpreadConstraints: [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}]
    priorityClassName: mail-critical
)",
                            Component::kFront);
  const Json& pod = podSpecOf(s);
  EXPECT_EQ(plain(pod.at("nodeSelector")), parsed(R"({"node-role.example.com/mail": "true"})"));
  EXPECT_EQ(plain(pod.at("tolerations")), parsed(R"([
      {"key": "dedicated", "operator": "Equal", "value": "mail", "effect": "NoSchedule"},
      {"operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 30}])"));
  EXPECT_EQ(plain(pod.at("affinity")), parsed(R"({"nodeAffinity": {
      "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
          {"matchExpressions": [{"key": "kubernetes.io/arch", "operator": "In", "values": ["amd64", "arm64"]}]}]},
      "preferredDuringSchedulingIgnoredDuringExecution": [
          {"weight": 50, "preference": {"matchExpressions": [{"key": "disktype", "operator": "Exists"}]}}]}})"));
  // Without a selector the constraint counts the component's own pods.
  const Json& selector = objectNamed(s.objects, "Deployment", s.deployment).at("spec").at("selector").at("matchLabels");
  EXPECT_EQ(plain(pod.at("topologySpreadConstraints")),
            plain(Json::array({Json{{"maxSkew", 1},
                              {"topologyKey", "topology.kubernetes.io/zone"},
                              {"whenUnsatisfiable", "ScheduleAnyway"},
                              {"labelSelector", Json{{"matchLabels", selector}}}}})));
  EXPECT_EQ(pod.at("priorityClassName"), "mail-critical");
  // One pod: no budget, no anti-affinity added.
  EXPECT_FALSE(pod.at("affinity").contains("podAntiAffinity"));
  EXPECT_TRUE(ofKind(s.objects, "PodDisruptionBudget").empty());
}

TEST(Workloads, LabelsAnnotationsAndServiceAnnotations) {
  const auto s = synthesize(R"(
workloads:
  admin:
    podLabels: {team: mail, app.kubernetes.io/version: "2024.06"}
    podAnnotations: {prometheus.io/scrape: "false", example.com/note: "two\nlines"}
    serviceAnnotations: {service.beta.kubernetes.io/aws-load-balancer-internal: "true"}
)",
                            Component::kAdmin);
  const Json& metadata = objectNamed(s.objects, "Deployment", s.deployment).at("spec").at("template").at("metadata");
  EXPECT_EQ(metadata.at("labels").at("team"), "mail");
  EXPECT_EQ(metadata.at("labels").at("app.kubernetes.io/version"), "2024.06");
  EXPECT_EQ(metadata.at("labels").at("app.kubernetes.io/name"), "mailu-admin");  // the chart's own stay
  EXPECT_EQ(plain(metadata.at("annotations")), parsed(R"({"example.com/note": "two\nlines", "prometheus.io/scrape": "false"})"));
  // cdk8s's order: annotations before labels.
  EXPECT_EQ(metadata.begin().key(), "annotations");
  EXPECT_EQ(plain(objectNamed(s.objects, "Service", s.service).at("metadata").at("annotations")),
            parsed(R"({"service.beta.kubernetes.io/aws-load-balancer-internal": "true"})"));
  // The Deployment's own labels (which its owner tools select by) do not change.
  EXPECT_FALSE(objectNamed(s.objects, "Deployment", s.deployment).at("metadata").at("labels").contains("team"));
}

TEST(Workloads, ExtraVariablesAreValuesOrSecretReferences) {
  const auto s = synthesize(R"(
workloads:
  postfix:
    extraEnv:
      - {name: POSTFIX_LOG_SYSLOG, value: "local"}
      - name: MY_TOKEN
        valueFrom: {secretKeyRef: {name: postfix-extra, key: token}}
)",
                            Component::kPostfix);
  const Json& env = podSpecOf(s).at("containers").at(0).at("env");
  EXPECT_EQ(plain(env.at(0)), parsed(R"({"name": "POSTFIX_LOG_SYSLOG", "value": "local"})"));
  EXPECT_EQ(plain(env.at(1)), parsed(
                           R"({"name": "MY_TOKEN", "valueFrom": {"secretKeyRef": {"name": "postfix-extra", "key": "token"}}})"));
}

TEST(Workloads, ImageOverridesReplaceThePartsGiven) {
  struct Row {
    std::string extra;
    Component component;
    std::string image;
  };
  const std::vector<Row> rows = {
      {"workloads: {front: {image: {tag: \"2024.06.57\"}}}", Component::kFront, "ghcr.io/mailu/nginx:2024.06.57"},
      {"workloads: {front: {image: {repository: registry.local/mailu/nginx}}}", Component::kFront,
       "registry.local/mailu/nginx:2024.06"},
      {"workloads: {front: {image: {digest: \"sha256:" + std::string(64, 'a') + "\"}}}", Component::kFront,
       "ghcr.io/mailu/nginx:2024.06@sha256:" + std::string(64, 'a')},
      // Another tag of a digest-pinned image drops the chart's digest, which names its build only.
      {"components: {tika: true}\nworkloads: {tika: {image: {tag: 3.2.3.0}}}", Component::kTika, "apache/tika:3.2.3.0"},
      {"workloads: {dovecotSubmission: {image: {tag: \"2.3.21\"}}}", Component::kDovecotSubmission,
       "dovecot/dovecot:2.3.21"},
      {"images: {dovecotSubmission: \"registry.local:5000/dovecot/dovecot:2.3.21@sha256:" + std::string(64, 'b') + "\"}",
       Component::kDovecotSubmission, "registry.local:5000/dovecot/dovecot:2.3.21@sha256:" + std::string(64, 'b')},
  };
  for (const Row& row : rows) {
    const auto s = synthesize(row.extra, row.component);
    EXPECT_EQ(podSpecOf(s).at("containers").at(0).at("image"), row.image) << row.extra;
  }
}

TEST(Workloads, DovecotSubmissionIsPinnedToAmd64UntilTheConfigSaysOtherwise) {
  const auto plainChart = synthesize("", Component::kDovecotSubmission);
  const Json& pinned = podSpecOf(plainChart);
  EXPECT_EQ(plain(pinned.at("nodeSelector")), parsed(R"({"kubernetes.io/arch": "amd64"})"));
  EXPECT_EQ(pinned.at("tolerations").size(), 1u);
  // A multi-arch image of the user's: the given selector and tolerations replace the pin.
  const auto s = synthesize(
      "images: {dovecotSubmission: \"dovecot/dovecot:2.3.21\"}\n"
      "workloads: {dovecotSubmission: {nodeSelector: {kubernetes.io/os: linux}, tolerations: []}}",
      Component::kDovecotSubmission);
  EXPECT_EQ(plain(podSpecOf(s).at("nodeSelector")), parsed(R"({"kubernetes.io/os": "linux"})"));
  EXPECT_FALSE(podSpecOf(s).contains("tolerations"));
}

TEST(Workloads, ReplicasBringABudgetAndSpreadOverNodes) {
  const auto s = synthesize("workloads: {front: {replicas: 3}}", Component::kFront);
  const Json& deployment = objectNamed(s.objects, "Deployment", s.deployment);
  EXPECT_EQ(deployment.at("spec").at("replicas"), 3);
  const Json& selector = deployment.at("spec").at("selector").at("matchLabels");
  EXPECT_EQ(plain(podSpecOf(s).at("affinity")), parsed(R"({"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
      {"weight": 100, "podAffinityTerm": {"labelSelector": {"matchLabels": )" + selector.dump() +
                                                      R"(}, "topologyKey": "kubernetes.io/hostname"}}]}})"));
  const auto budgets = ofKind(s.objects, "PodDisruptionBudget");
  ASSERT_EQ(budgets.size(), 1u);
  EXPECT_EQ(budgets[0]->at("apiVersion"), "policy/v1");
  EXPECT_EQ(budgets[0]->at("metadata").at("namespace"), "mailu");
  EXPECT_EQ(plain(budgets[0]->at("spec")), plain(Json({{"maxUnavailable", 1}, {"selector", Json{{"matchLabels", selector}}}})));
  // A podAntiAffinity of the user's is kept as given, not merged.
  const auto own = synthesize(R"(
workloads:
  front:
    replicas: 2
    affinity:
      podAntiAffinity:
        requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: topology.kubernetes.io/zone}]
)",
                              Component::kFront);
  EXPECT_EQ(plain(podSpecOf(own).at("affinity").at("podAntiAffinity")),
            parsed(R"({"requiredDuringSchedulingIgnoredDuringExecution": [{"labelSelector": {"matchLabels": )" +
                        objectNamed(own.objects, "Deployment", own.deployment).at("spec").at("selector").at("matchLabels").dump() +
                        R"(}, "topologyKey": "topology.kubernetes.io/zone"}]})"));
}

TEST(Workloads, OnlyStatelessComponentsScale) {
  for (const mailu::ComponentSpec& spec : mailu::mailuComponents()) {
    const bool many = spec.replicas.scaling == mailu::Scaling::kMany;
    // A component with a claim keeps its data on a ReadWriteOnce volume: one pod.
    if (!spec.storageSize.empty()) {
      EXPECT_FALSE(many) << spec.name;
    }
    if (!many) {
      EXPECT_FALSE(spec.replicas.why.empty()) << spec.name << " must say why it runs one pod";
    }
  }
  for (Component one : {Component::kDovecot, Component::kPostfix, Component::kAdmin, Component::kFetchmail}) {
    EXPECT_EQ(mailu::componentSpec(one).replicas.scaling, mailu::Scaling::kOne) << mailu::componentSpec(one).name;
  }
}

TEST(Workloads, WithoutWorkloadsNothingChanges) {
  const auto plain = synthesize("", Component::kFront);
  const auto empty = synthesize("workloads: {front: {}}", Component::kFront);
  EXPECT_EQ(plain.objects, empty.objects);
}

TEST(Workloads, RefusedWithTheFieldNamed) {
  const std::string digest(64, 'a');
  const std::vector<testconfig::RefusedCase> rows = {
      {"workloads: {dovecot: {replicas: 2}}", "workloads.dovecot.replicas"},
      {"workloads: {postfix: {replicas: 3}}", "workloads.postfix.replicas"},
      {"workloads: {admin: {replicas: 2}}", "workloads.admin.replicas"},
      {"workloads: {front: {replicas: 0}}", "workloads.front.replicas"},
      {"workloads: {front: {replicas: 1.5}}", "workloads.front.replicas"},
      {"workloads: {fetchmail: {}}", "workloads.fetchmail"},
      {"components: {fetchmail: true}\nworkloads: {fetchmail: {serviceAnnotations: {a: b}}}",
       "workloads.fetchmail.serviceAnnotations"},
      {"workloads: {front: {colour: red}}", "workloads.front.colour", true},
      {"workloads: {frontend: {}}", "workloads.frontend", true},
      {"workloads: {front: {nodeSelector: {\"bad key!\": x}}}", "workloads.front.nodeSelector.\"bad key!\""},
      {"workloads: {front: {podLabels: {app.kubernetes.io/name: other}}}", "workloads.front.podLabels.\"app.kubernetes.io/name\""},
      {"workloads: {front: {podLabels: {cdk8s.io/metadata.addr: x}}}", "workloads.front.podLabels.\"cdk8s.io/metadata.addr\""},
      {"workloads: {front: {tolerations: [{key: a, operator: Equals}]}}", "workloads.front.tolerations[0].operator"},
      {"workloads: {front: {tolerations: [{key: a, operator: Exists, value: b}]}}", "workloads.front.tolerations[0].value"},
      {"workloads: {front: {tolerations: [{value: b}]}}", "workloads.front.tolerations[0].key"},
      {"workloads: {front: {tolerations: [{key: a, effect: NoRun}]}}", "workloads.front.tolerations[0].effect"},
      {"workloads: {front: {tolerations: [{key: a, effect: NoSchedule, tolerationSeconds: 5}]}}",
       "workloads.front.tolerations[0].tolerationSeconds"},
      {"workloads: {front: {affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: "
       "{nodeSelectorTerms: [{matchExpressions: [{key: a, operator: In}]}]}}}}}",
       "workloads.front.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]."
       "matchExpressions[0].values"},
      {"workloads: {front: {affinity: {podAffinity: {preferredDuringSchedulingIgnoredDuringExecution: "
       "[{weight: 101, podAffinityTerm: {topologyKey: kubernetes.io/hostname}}]}}}}",
       "workloads.front.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight"},
      {"workloads: {front: {affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: "
       "[{topologyKey: kubernetes.io/hostname, labelSelector: {matchExpressions: [{key: a, operator: Gt, values: [\"1\"]}]}}]}}}}",
       "workloads.front.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector."
       "matchExpressions[0].operator"},
      {"workloads: {front: {topologySpreadConstraints: [{maxSkew: 0, topologyKey: zone}]}}",
       "workloads.front.topologySpreadConstraints[0].maxSkew"},
      {"workloads: {front: {topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: Never}]}}",
       "workloads.front.topologySpreadConstraints[0].whenUnsatisfiable"},
      {"workloads: {front: {topologySpreadConstraints: [{maxSkew: 1}]}}",
       "workloads.front.topologySpreadConstraints[0].topologyKey"},
      {"workloads: {front: {priorityClassName: High_Priority}}", "workloads.front.priorityClassName"},
      {"workloads: {front: {extraEnv: [{name: A, value: x}, {name: A, value: y}]}}", "workloads.front.extraEnv[1].name"},
      {"workloads: {front: {extraEnv: [{name: A}]}}", "workloads.front.extraEnv[0]"},
      {"workloads: {front: {extraEnv: [{name: A, value: x, valueFrom: {secretKeyRef: {name: s, key: k}}}]}}",
       "workloads.front.extraEnv[0]"},
      {"workloads: {front: {extraEnv: [{name: 1A, value: x}]}}", "workloads.front.extraEnv[0].name"},
      {"workloads: {front: {extraEnv: [{name: A, valueFrom: {secretKeyRef: {name: s, key: k}, configMapKeyRef: {}}}]}}",
       "workloads.front.extraEnv[0].valueFrom.configMapKeyRef", true},
      // Variables the chart sets itself: from its own keys, the addresses, and per container.
      {"workloads: {front: {extraEnv: [{name: SUBNET, value: 0.0.0.0/0}]}}", "workloads.front.extraEnv[0].name"},
      {"workloads: {front: {extraEnv: [{name: ADMIN_ADDRESS, value: evil}]}}", "workloads.front.extraEnv[0].name"},
      {"workloads: {admin: {extraEnv: [{name: SECRET_KEY, value: plain}]}}", "workloads.admin.extraEnv[0].name"},
      // ... and those config keys own even when the config leaves them out, or those that widen trust.
      {"workloads: {postfix: {extraEnv: [{name: RELAYNETS, value: 0.0.0.0/0}]}}", "workloads.postfix.extraEnv[0].name"},
      {"workloads: {postfix: {extraEnv: [{name: SUBNET6, value: \"::/0\"}]}}", "workloads.postfix.extraEnv[0].name"},
      {"workloads: {admin: {extraEnv: [{name: AUTH_RATELIMIT_EXEMPTION, value: 0.0.0.0/0}]}}",
       "workloads.admin.extraEnv[0].name"},
      {"workloads: {front: {extraEnv: [{name: PROXY_PROTOCOL, value: all}]}}", "workloads.front.extraEnv[0].name"},
      {"workloads: {front: {extraEnv: [{name: TLS_FLAVOR, value: cert}]}}", "workloads.front.extraEnv[0].name"},
      {"workloads: {front: {image: {}}}", "workloads.front.image"},
      {"workloads: {front: {image: {digest: \"sha256:abc\"}}}", "workloads.front.image.digest"},
      {"workloads: {front: {image: {repository: \"registry.local/X\"}}}", "workloads.front.image.repository"},
      {"images: {dovecotSubmission: \"dovecot/dovecot:\"}", "images.dovecotSubmission"},
      {"images: {dovecotSubmission: \"dovecot/dovecot:2.3\"}\nworkloads: {dovecotSubmission: {image: {tag: x}}}",
       "workloads.dovecotSubmission.image"},
  };
  for (const auto& row : rows) testconfig::expectRefused(row);
}

TEST(Workloads, CppConfigsAreCheckedToo) {
  mailu::MailuChartConfig config = testconfig::minimalConfig();
  config.workloads = mailu::WorkloadsConfig{
      .front = mailu::WorkloadConfig{.replicas = 0,
                                     .tolerations = std::vector<cdk8s::plus::Toleration>{{.key = "a", .operator_ = "Sometimes"}}},
      .dovecot = mailu::WorkloadConfig{.replicas = 2}};
  EXPECT_EQ(testconfig::chartRefusalPaths(config),
            (std::vector<std::string>{"workloads.front.replicas", "workloads.front.tolerations[0].operator",
                                      "workloads.dovecot.replicas"}));
}

// Every variable a synthesized container gets is the shared ConfigMap's,
// an address, or on the registry's list: extraEnv refusals cannot miss one.
TEST(Workloads, ContainerVariablesListCoversWhatConstructsSet) {
  for (std::string_view extra :
       {std::string_view(""),
        std::string_view("database: {type: postgresql, postgresql: {host: pg, secretName: pg}}\n"
                         "mailu: {apiEnabled: true, initialAccount: {username: admin, mode: update}}\n"
                         "secrets: {mailuSecretKey: k, initialAdminPassword: p, apiToken: t}\n"
                         "components: {fetchmail: true, webdav: true, clamav: true}\n"
                         "relay: {host: smtp.example.net, secretName: relay}\n"
                         "ingress: {enabled: true, type: traefik, traefik: {hostname: mail.example.com}}\n")}) {
    std::string text = withMinimal("");
    if (!extra.empty()) {
      // The second config replaces the minimal database and secrets lines.
      text = "domain: example.com\nhostnames: [mail.example.com]\nsubnet: 10.42.0.0/16\nredis: {host: redis}\n" +
             std::string(extra);
    }
    const mailu::MailuChartConfig config = mailu::parseConfig(text);
    const mailu::ChartSettings settings = mailu::resolveChartSettings(config);
    cdk8s::App app;
    mailu::MailuChart chart(app, "mailu", config);
    for (const Json& object : cdk8s::Testing::synth(chart)) {
      if (object.at("kind") != "Deployment") continue;
      for (const Json& variable : object.at("spec").at("template").at("spec").at("containers").at(0).value("env", Json::array())) {
        const std::string name = variable.at("name");
        EXPECT_TRUE(settings.environment.contains(name) || mailu::isAddressVariable(name) ||
                    mailu::isContainerVariable(name))
            << name << " in " << object.at("metadata").at("name");
      }
    }
  }
}

// Every shared variable the chart writes, for configs that set many keys,
// is on the list extraEnv is refused by (config keys own them).
TEST(Workloads, ConfigVariablesListCoversTheSharedEnvironment) {
  std::vector<std::filesystem::path> files = {std::filesystem::path(EXAMPLES_DIR) / "mailu-all-keys.json"};
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(TEST_DATA_DIR) / "configs")) {
    files.push_back(entry.path());
  }
  std::size_t seen = 0;
  for (const auto& file : files) {
    for (const auto& [name, value] : mailu::resolveChartSettings(mailu::loadConfigFile(file)).environment) {
      bool owned = false;
      for (const mailu::OwnedVariable& variable : mailu::configVariables()) owned = owned || variable.name == name;
      EXPECT_TRUE(owned) << name << " (" << file.filename() << ") is not on mailu::configVariables()";
      ++seen;
    }
  }
  EXPECT_GE(seen, 100u);
}

// Configs are held a thousand at once by the CLI: an absent workloads block
// costs a pointer per component, and copies are deep.
TEST(Workloads, BlocksLiveOnTheHeapAndCopyDeeply) {
  static_assert(sizeof(mailu::WorkloadsConfig) <= 12 * sizeof(void*));
  mailu::HeapOptional<mailu::WorkloadConfig> original = mailu::WorkloadConfig{.replicas = 2};
  mailu::HeapOptional<mailu::WorkloadConfig> copy = original;
  copy->replicas = 3;
  EXPECT_EQ(original->replicas, 2);
  EXPECT_EQ(copy->replicas, 3);
  copy = std::nullopt;
  EXPECT_FALSE(copy);
  copy = std::optional<mailu::WorkloadConfig>(mailu::WorkloadConfig{.replicas = 4});
  EXPECT_EQ((*copy).replicas, 4);
  mailu::HeapOptional<mailu::WorkloadConfig> moved = std::move(copy);
  EXPECT_TRUE(moved.has_value());
}

}  // namespace
