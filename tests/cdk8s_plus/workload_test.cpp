// Behaviour of the workload builders: the defaults cdk8s-plus writes.
#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "cdk8s/chart.hpp"
#include "cdk8s_plus/cdk8s_plus.hpp"

namespace cdk8s::plus {
namespace {

class WorkloadTest : public ::testing::Test {
 protected:
  App app;
  Chart chart{app, "test"};
};

TEST_F(WorkloadTest, DeploymentSelectsPodsByTheLabelValueOfItsPath) {
  Deployment deployment(chart, "web", {.replicas = 1});
  deployment.addContainer({.name = "web", .image = "nginx"});
  const Json spec = deployment.apiObject().toJson().at("spec");
  const std::string label = spec.at("selector").at("matchLabels").at("cdk8s.io/metadata.addr");
  EXPECT_EQ(label, "test-web-" + deployment.addr().substr(0, 8));
  EXPECT_EQ(spec.at("template").at("metadata").at("labels").at("cdk8s.io/metadata.addr"), label);
  EXPECT_EQ(spec.at("replicas"), 1);
  EXPECT_EQ(spec.at("strategy").at("rollingUpdate").at("maxSurge"), "25%");
  EXPECT_EQ(spec.at("template").at("spec").at("automountServiceAccountToken"), false);
}

TEST_F(WorkloadTest, PodsUseTheClusterDnsByDefault) {
  Deployment deployment(chart, "web");
  deployment.addContainer({.name = "web", .image = "nginx"});
  const Json pod = deployment.apiObject().toJson().at("spec").at("template").at("spec");
  EXPECT_EQ(pod.at("dnsPolicy"), "ClusterFirst");
  EXPECT_EQ(pod.at("setHostnameAsFQDN"), false);
  EXPECT_FALSE(pod.contains("dnsConfig"));
}

TEST_F(WorkloadTest, DnsPolicyNoneWritesTheResolverGiven) {
  Deployment deployment(chart, "web",
                        {.dns = {.policy = DnsPolicy::kNone,
                                 .nameservers = {"1.1.1.1", "2606:4700:4700::1111"},
                                 .searches = {"example.com"},
                                 .options = {{.name = "ndots", .value = "2"}, {.name = "trust-ad"}}}});
  deployment.addContainer({.name = "web", .image = "nginx"});
  const Json pod = deployment.apiObject().toJson().at("spec").at("template").at("spec");
  EXPECT_EQ(pod.at("dnsPolicy"), "None");
  EXPECT_EQ(pod.at("dnsConfig"), Json::parse(R"({"nameservers": ["1.1.1.1", "2606:4700:4700::1111"],
      "options": [{"name": "ndots", "value": "2"}, {"name": "trust-ad"}], "searches": ["example.com"]})"));
}

TEST_F(WorkloadTest, DnsRefusesWhatCdk8sPlusRefuses) {
  const auto render = [&](const std::string& id, PodDnsProps dns) { Deployment(chart, id, {.dns = std::move(dns)}); };
  EXPECT_THROW(render("none", {.policy = DnsPolicy::kNone}), std::invalid_argument);
  EXPECT_THROW(render("four", {.nameservers = {"1.1.1.1", "1.0.0.1", "8.8.8.8", "8.8.4.4"}}), std::invalid_argument);
  EXPECT_THROW(render("seven", {.searches = {"a.io", "b.io", "c.io", "d.io", "e.io", "f.io", "g.io"}}),
               std::invalid_argument);
}

TEST_F(WorkloadTest, DeploymentWithoutContainersIsRefusedAtSynthesis) {
  Deployment deployment(chart, "empty");
  EXPECT_THROW(deployment.apiObject().toJson(), std::runtime_error);
}

TEST_F(WorkloadTest, PortNumberGivesAStartupProbeAndAContainerPort) {
  Deployment deployment(chart, "d");
  deployment.addContainer({.name = "c", .image = "i", .portNumber = 8080});
  const Json container = deployment.apiObject().toJson().at("spec").at("template").at("spec").at("containers").at(0);
  EXPECT_EQ(container.at("ports"), Json::parse(R"([{"containerPort": 8080}])"));
  EXPECT_EQ(container.at("startupProbe"), Json::parse(R"({"failureThreshold": 3, "tcpSocket": {"port": 8080}})"));
}

TEST_F(WorkloadTest, ContainerDefaultsAreStrictAndGeneric) {
  Deployment deployment(chart, "d");
  deployment.addContainer({.image = "i"});
  const Json container = deployment.apiObject().toJson().at("spec").at("template").at("spec").at("containers").at(0);
  EXPECT_EQ(container.at("name"), "main");
  EXPECT_EQ(container.at("imagePullPolicy"), "Always");
  EXPECT_EQ(container.at("securityContext").at("readOnlyRootFilesystem"), true);
  EXPECT_EQ(container.at("securityContext").at("runAsNonRoot"), true);
  EXPECT_EQ(container.at("resources").at("limits").at("memory"), "2048Mi");
  EXPECT_FALSE(container.contains("startupProbe"));
}

TEST_F(WorkloadTest, MountedVolumesAppearOnceInMountOrder) {
  ConfigMap configMap(chart, "cm");
  PersistentVolumeClaim claim(chart, "pvc");
  Deployment deployment(chart, "d");
  Container& container = deployment.addContainer({.image = "i"});
  const Volume data = Volume::fromPersistentVolumeClaim(claim);
  container.mount("/data", data);
  container.mount("/script.sh", Volume::fromConfigMap(configMap, {.defaultMode = 0755}), {.readOnly = true, .subPath = "script.sh"});
  container.mount("/more", data);
  const Json pod = deployment.apiObject().toJson().at("spec").at("template").at("spec");
  ASSERT_EQ(pod.at("volumes").size(), 2u);
  EXPECT_EQ(pod.at("volumes").at(0).at("name"), "pvc-" + claim.name());
  EXPECT_EQ(pod.at("volumes").at(1).at("configMap").at("defaultMode"), 493);
  EXPECT_EQ(pod.at("containers").at(0).at("volumeMounts").size(), 3u);
}

TEST_F(WorkloadTest, ServiceSelectsTheDeploymentAndWritesEmptyExternalIPs) {
  Deployment deployment(chart, "d");
  deployment.addContainer({.image = "i"});
  Service service(chart, "svc", {.selector = &deployment, .ports = {{.port = 80, .name = "http", .targetPort = 8080}}});
  const Json spec = service.apiObject().toJson().at("spec");
  EXPECT_EQ(spec.at("externalIPs"), Json::array());
  EXPECT_EQ(spec.at("type"), "ClusterIP");
  EXPECT_EQ(Json(spec.at("selector")), Json(deployment.matchLabels()));
}

TEST_F(WorkloadTest, ExternalServiceFieldsAreWrittenOnlyWhenGiven) {
  Deployment deployment(chart, "d");
  deployment.addContainer({.image = "i"});
  Service plain(chart, "plain", {.type = ServiceType::kLoadBalancer, .selector = &deployment, .ports = {{.port = 25}}});
  const Json plainSpec = plain.apiObject().toJson().at("spec");
  for (const char* field : {"externalTrafficPolicy", "loadBalancerIP", "loadBalancerSourceRanges"}) {
    EXPECT_FALSE(plainSpec.contains(field)) << field;
  }
  EXPECT_FALSE(plainSpec.at("ports").at(0).contains("nodePort"));
  Service given(chart, "given",
                {.type = ServiceType::kLoadBalancer,
                 .selector = &deployment,
                 .ports = {{.port = 25, .targetPort = 11025, .nodePort = 30125}},
                 .externalTrafficPolicy = ExternalTrafficPolicy::kLocal,
                 .loadBalancerIP = "192.0.2.25",
                 .loadBalancerSourceRanges = {"198.51.100.0/24"}});
  const Json spec = given.apiObject().toJson().at("spec");
  EXPECT_EQ(spec.at("externalTrafficPolicy"), "Local");
  EXPECT_EQ(spec.at("loadBalancerIP"), "192.0.2.25");
  EXPECT_EQ(spec.at("loadBalancerSourceRanges").at(0), "198.51.100.0/24");
  EXPECT_EQ(spec.at("ports").at(0).at("nodePort"), 30125);
  EXPECT_EQ(spec.at("ports").at(0).at("targetPort"), 11025);
}

// What the API server would refuse is refused when it is built.
TEST_F(WorkloadTest, ExternalServiceFieldsOfOtherTypesThrow) {
  EXPECT_THROW(Service(chart, "a", {.externalTrafficPolicy = ExternalTrafficPolicy::kLocal}), std::invalid_argument);
  EXPECT_THROW(Service(chart, "b", {.type = ServiceType::kNodePort, .loadBalancerIP = "192.0.2.1"}), std::invalid_argument);
  Service clusterIp(chart, "c", {.ports = {{.port = 25, .nodePort = 30125}}});
  EXPECT_THROW(clusterIp.apiObject().toJson(), std::runtime_error);  // at synthesis: ports may be bound later
}

TEST_F(WorkloadTest, SecretVolumesProjectTheKeysGiven) {
  Deployment deployment(chart, "d");
  Container& container = deployment.addContainer({.image = "i"});
  container.mount("/certs", Volume::fromSecretName("mail-tls", {.items = {{"tls.crt", "cert.pem"}}}), {.readOnly = true});
  container.mount("/all", Volume::fromSecretName("other"));
  const Json pod = deployment.apiObject().toJson().at("spec").at("template").at("spec");
  EXPECT_EQ(pod.at("volumes").at(0).at("name"), "secret-mail-tls");
  EXPECT_EQ(pod.at("volumes").at(0).at("secret").at("items").at(0).at("path"), "cert.pem");
  EXPECT_EQ(pod.at("volumes").at(1).at("secret").size(), 1u) << "only secretName";
}

TEST_F(WorkloadTest, ServiceWithoutPortsIsRefusedAtSynthesis) {
  Service service(chart, "svc");
  EXPECT_THROW(service.apiObject().toJson(), std::runtime_error);
}

TEST_F(WorkloadTest, ClaimWritesStorageInGibibytesKeepingFractions) {
  PersistentVolumeClaim half(chart, "half", {.accessModes = {PersistentVolumeAccessMode::kReadWriteOnce}, .storage = Size::mebibytes(512)});
  PersistentVolumeClaim big(chart, "big", {.storage = Size::tebibytes(2), .storageClassName = "fast"});
  EXPECT_EQ(half.apiObject().toJson().at("spec").at("resources").at("requests").at("storage"), "0.5Gi");
  EXPECT_EQ(big.apiObject().toJson().at("spec").at("resources").at("requests").at("storage"), "2048Gi");
  EXPECT_EQ(big.apiObject().toJson().at("spec").at("storageClassName"), "fast");
  EXPECT_EQ(half.apiObject().toJson().at("spec").at("volumeMode"), "Filesystem");
}

TEST_F(WorkloadTest, ConfigMapSeesDataAddedAfterConstruction) {
  ConfigMap configMap(chart, "cm", {.data = {{"B", "2"}}});
  configMap.addData("A", "1");
  const Json json = configMap.apiObject().toJson();
  EXPECT_EQ(json.at("data").begin().key(), "A");
  EXPECT_EQ(json.at("immutable"), false);
}

TEST_F(WorkloadTest, EnvKeepsInsertionOrderAndReplacesByName) {
  Env env;
  env.addVariable("Z", EnvValue::fromValue("1"));
  env.addVariable("A", EnvValue::fromSecretValue({"s"}, "k"));
  env.addVariable("Z", EnvValue::fromValue("2"));
  EXPECT_EQ(env.variablesJson(),
            Json::parse(R"([{"name":"Z","value":"2"},{"name":"A","valueFrom":{"secretKeyRef":{"key":"k","name":"s"}}}])"));
}

TEST_F(WorkloadTest, PatchedKeysOfKubeObjectsLandInSortedPlace) {
  Namespace ns(chart, "ns", {.metadata = {.name = "mail"}});
  ns.apiObject().addJsonPatch(JsonPatch::add("/spec/b", 1));
  ns.apiObject().addJsonPatch(JsonPatch::add("/aaa", 1));
  const Json json = ns.apiObject().toJson();
  std::vector<std::string> keys;
  for (auto it = json.begin(); it != json.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"apiVersion", "kind", "metadata", "aaa", "spec"}));
}

TEST_F(WorkloadTest, CpuIsWrittenAsJavaScriptWouldPrintIt) {
  EXPECT_EQ(Cpu::millis(250).amount(), "250m");
  EXPECT_EQ(Cpu::units(0.5).amount(), "0.5");
  EXPECT_EQ(Cpu::units(2).amount(), "2");
}

TEST_F(WorkloadTest, SchedulingIsLeftOutUntilGiven) {
  Deployment deployment(chart, "web");
  deployment.addContainer({.name = "web", .image = "nginx"});
  const Json pod = deployment.apiObject().toJson().at("spec").at("template").at("spec");
  for (const char* key : {"nodeSelector", "tolerations", "affinity", "topologySpreadConstraints", "priorityClassName"}) {
    EXPECT_FALSE(pod.contains(key)) << key;
  }
  EXPECT_FALSE(deployment.apiObject().toJson().at("spec").at("template").at("metadata").contains("annotations"));
}

TEST_F(WorkloadTest, PodTermsWithoutASelectorSelectTheWorkloadsOwnPods) {
  Deployment deployment(
      chart, "web",
      {.podAnnotations = {{"example.com/a", "b"}},
       .scheduling = {.affinity = Affinity{.podAntiAffinity = PodAffinity{.required = {{.topologyKey = "zone"}}}},
                      .topologySpreadConstraints = {{.topologyKey = "zone"}},
                      .priorityClassName = "high"}});
  deployment.addContainer({.name = "web", .image = "nginx"});
  const Json spec = deployment.apiObject().toJson().at("spec");
  const Json& own = spec.at("selector").at("matchLabels");
  const Json& pod = spec.at("template").at("spec");
  EXPECT_EQ(pod.at("affinity").at("podAntiAffinity").at("requiredDuringSchedulingIgnoredDuringExecution").at(0)
                .at("labelSelector").at("matchLabels"),
            own);
  EXPECT_EQ(pod.at("topologySpreadConstraints").at(0).at("labelSelector").at("matchLabels"), own);
  EXPECT_EQ(pod.at("topologySpreadConstraints").at(0).at("whenUnsatisfiable"), "DoNotSchedule");
  EXPECT_EQ(pod.at("priorityClassName"), "high");
  EXPECT_EQ(spec.at("template").at("metadata").at("annotations").at("example.com/a"), "b");
}

TEST_F(WorkloadTest, SchedulingTheApiServerWouldRefuseThrows) {
  const std::vector<PodSchedulingProps> refused = {
      {.tolerations = {{.key = "a", .operator_ = "Is"}}},
      {.tolerations = {{.operator_ = "Exists", .value = "x"}}},
      {.tolerations = {{.value = "x"}}},
      {.affinity = Affinity{.nodeAffinity = NodeAffinity{.preferred = {{.weight = 0, .preference = {{{"a", "Exists"}}}}}}}},
      {.affinity = Affinity{.podAffinity = PodAffinity{.required = {{.topologyKey = ""}}}}},
      {.topologySpreadConstraints = {{.maxSkew = 0, .topologyKey = "zone"}}},
      {.topologySpreadConstraints = {{.topologyKey = "zone", .whenUnsatisfiable = "ScheduleAnyway", .minDomains = 2}}},
      {.priorityClassName = ""},
  };
  for (std::size_t i = 0; i < refused.size(); ++i) {
    EXPECT_THROW(Deployment(chart, "web" + std::to_string(i), {.scheduling = refused[i]}), std::invalid_argument) << i;
  }
  EXPECT_EQ(podSchedulingProblems(refused[0]).at(0).path, "tolerations[0].operator");
}

TEST_F(WorkloadTest, DisruptionBudgetCoversTheDeploymentsPods) {
  Deployment deployment(chart, "web");
  deployment.addContainer({.name = "web", .image = "nginx"});
  PodDisruptionBudget budget(chart, "budget", {.selector = &deployment});
  const Json object = budget.apiObject().toJson();
  EXPECT_EQ(object.at("apiVersion"), "policy/v1");
  EXPECT_EQ(object.at("kind"), "PodDisruptionBudget");
  EXPECT_EQ(object.at("spec").at("maxUnavailable"), 1);
  EXPECT_EQ(object.at("spec").at("selector").at("matchLabels"), deployment.matchLabels());
  EXPECT_THROW(PodDisruptionBudget(chart, "none", {}), std::invalid_argument);
  EXPECT_THROW(PodDisruptionBudget(chart, "zero", {.selector = &deployment, .maxUnavailable = 0}), std::invalid_argument);
}

}  // namespace
}  // namespace cdk8s::plus
