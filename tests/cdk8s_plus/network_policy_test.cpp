// The NetworkPolicy builder: Kubernetes' shape for selectors, peers, ports
// and policy types, and the combinations Kubernetes would refuse or ignore.
#include "cdk8s_plus/network_policy.hpp"

#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "cdk8s/chart.hpp"

namespace cdk8s::plus {
namespace {

class NetworkPolicyTest : public ::testing::Test {
 protected:
  App app;
  Chart chart{app, "test"};
};

TEST_F(NetworkPolicyTest, IsolatesIngressOfTheSelectedPodsByDefaultAndAllowsNothing) {
  NetworkPolicy policy(chart, "deny", {.metadata = {.namespace_ = "mail"}, .podLabels = {{"app", "dovecot"}}});
  const Json object = policy.apiObject().toJson();
  EXPECT_EQ(object.at("apiVersion"), "networking.k8s.io/v1");
  EXPECT_EQ(object.at("kind"), "NetworkPolicy");
  EXPECT_EQ(object.at("metadata").at("namespace"), "mail");
  EXPECT_EQ(object.at("spec"), Json::parse(R"({"ingress": [], "podSelector": {"matchLabels": {"app": "dovecot"}},
                                              "policyTypes": ["Ingress"]})"));
}

TEST_F(NetworkPolicyTest, WritesPeersAndPortsAsKubernetesDoes) {
  NetworkPolicy policy(chart, "dovecot", {.podLabels = {{"app", "dovecot"}}});
  policy.allowIngress({.peers = {{.podLabels = Labels{{"app", "webmail"}}},
                                 {.podLabels = Labels{{"app", "traefik"}},
                                  .namespaceLabels = Labels{{"kubernetes.io/metadata.name", "kube-system"}}},
                                 {.ipBlock = IpBlock{.cidr = "10.0.0.0/8", .except = {"10.1.0.0/16"}}}},
                       .ports = {{.port = 143}, {.port = 30000, .endPort = 30100, .protocol = Protocol::kUdp}}});
  EXPECT_EQ(policy.apiObject().toJson().at("spec").at("ingress"), Json::parse(R"([{
      "from": [{"podSelector": {"matchLabels": {"app": "webmail"}}},
               {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
                "podSelector": {"matchLabels": {"app": "traefik"}}},
               {"ipBlock": {"cidr": "10.0.0.0/8", "except": ["10.1.0.0/16"]}}],
      "ports": [{"port": 143, "protocol": "TCP"}, {"endPort": 30100, "port": 30000, "protocol": "UDP"}]}])"));
}

TEST_F(NetworkPolicyTest, EmptySelectorsAndRulesMeanEverything) {
  NetworkPolicy policy(chart, "open", {.isolate = {PolicyType::kIngress, PolicyType::kEgress}});
  policy.allowIngress({});                                     // every peer, every port
  policy.allowEgress({.peers = {{.namespaceLabels = Labels{}}}});  // every pod of every namespace
  EXPECT_EQ(policy.apiObject().toJson().at("spec"),
            Json::parse(R"({"egress": [{"to": [{"namespaceSelector": {}}]}], "ingress": [{}],
                            "podSelector": {}, "policyTypes": ["Ingress", "Egress"]})"));
}

// Rendering fails as cdk8s does: the object's path, then why.
void expectRefused(NetworkPolicy& policy, const std::string& why) {
  try {
    policy.apiObject().toJson();
    ADD_FAILURE() << "rendered, expected: " << why;
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(why), std::string::npos) << error.what();
  }
}

TEST_F(NetworkPolicyTest, RefusesWhatKubernetesWouldRefuseOrIgnore) {
  NetworkPolicy both(chart, "both");
  both.allowIngress({.peers = {{.podLabels = Labels{}, .ipBlock = IpBlock{.cidr = "0.0.0.0/0"}}}});
  expectRefused(both, "pods or addresses, exactly one");

  NetworkPolicy neither(chart, "neither");
  neither.allowIngress({.peers = {{}}});
  expectRefused(neither, "pods or addresses, exactly one");

  NetworkPolicy ignored(chart, "ignored", {.isolate = {PolicyType::kIngress}});
  ignored.allowEgress({});
  expectRefused(ignored, "egress rules on a NetworkPolicy that does not isolate egress");

  NetworkPolicy none(chart, "none", {.isolate = {}});
  expectRefused(none, "must isolate ingress, egress or both");
}

}  // namespace
}  // namespace cdk8s::plus
