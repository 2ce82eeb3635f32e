// The test suite's NetworkPolicy evaluator (tests/network_policy_evaluator.hpp)
// against the cases of Kubernetes' documentation, on policies written with the
// NetworkPolicy builder.
#include "network_policy_evaluator.hpp"

#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "cdk8s/chart.hpp"
#include "cdk8s/testing.hpp"
#include "cdk8s_plus/network_policy.hpp"

namespace {

using cdk8s::Json;
using cdk8s::plus::IpBlock;
using cdk8s::plus::NetworkPolicy;
using cdk8s::plus::NetworkPolicyProps;
using cdk8s::plus::PolicyType;
using testnet::allowed;
using testnet::Endpoint;
using testnet::Labels;

const Endpoint kDb{"prod", {{"role", "db"}}};
const Endpoint kFrontend{"prod", {{"role", "frontend"}}};
const Endpoint kOtherPod{"prod", {{"role", "batch"}}};
const Endpoint kOtherNamespace{"dev", {{"role", "frontend"}}};
const Endpoint kMonitoring{"monitoring", {{"app", "prometheus"}}, {{"team", "ops"}}};
const Endpoint kInternet{"", {}, {}, "203.0.113.77"};

class Evaluator : public ::testing::Test {
 protected:
  cdk8s::App app;
  cdk8s::Chart chart{app, "test", {.namespace_ = "prod"}};

  NetworkPolicy& policy(const std::string& id, NetworkPolicyProps props) {
    props.metadata.namespace_ = "prod";
    return chart.make<NetworkPolicy>(id, std::move(props));
  }
  std::vector<Json> policies() { return cdk8s::Testing::synth(chart); }
};

TEST_F(Evaluator, WithoutPoliciesEverythingIsOpen) {
  EXPECT_TRUE(allowed(policies(), kOtherNamespace, kDb, 5432));
  EXPECT_TRUE(allowed(policies(), kInternet, kDb, 5432));
}

TEST_F(Evaluator, ASelectedPodAcceptsOnlyWhatARuleAllows) {
  auto& db = policy("db", {.podLabels = {{"role", "db"}}});
  db.allowIngress({.peers = {{.podLabels = Labels{{"role", "frontend"}}}}, .ports = {{.port = 5432}}});
  const auto p = policies();
  EXPECT_TRUE(allowed(p, kFrontend, kDb, 5432));
  EXPECT_FALSE(allowed(p, kFrontend, kDb, 5433));       // another port
  EXPECT_FALSE(allowed(p, kOtherPod, kDb, 5432));       // another pod
  EXPECT_FALSE(allowed(p, kOtherNamespace, kDb, 5432));  // same labels, other namespace
  EXPECT_FALSE(allowed(p, kInternet, kDb, 5432));
  EXPECT_FALSE(allowed(p, kFrontend, kDb, 5432, "UDP"));
  EXPECT_TRUE(allowed(p, kDb, kFrontend, 80));  // the frontend is not selected: open
}

TEST_F(Evaluator, RulesAddUpAcrossPolicies) {
  policy("deny", {.podLabels = {{"role", "db"}}});
  policy("allow", {.podLabels = {{"role", "db"}}, .ingress = {{.ports = {{.port = 5432}}}}});
  EXPECT_TRUE(allowed(policies(), kOtherNamespace, kDb, 5432));
  EXPECT_FALSE(allowed(policies(), kOtherNamespace, kDb, 22));
}

TEST_F(Evaluator, NamespaceAndPodSelectorsTogetherMeanBoth) {
  policy("db", {.podLabels = {{"role", "db"}},
                .ingress = {{.peers = {{.podLabels = Labels{{"app", "prometheus"}},
                                        .namespaceLabels = Labels{{"team", "ops"}}}}}}});
  const auto p = policies();
  EXPECT_TRUE(allowed(p, kMonitoring, kDb, 9187));
  EXPECT_FALSE(allowed(p, Endpoint{"monitoring", {{"app", "grafana"}}, {{"team", "ops"}}}, kDb, 9187));
  EXPECT_FALSE(allowed(p, Endpoint{"other", {{"app", "prometheus"}}}, kDb, 9187));
}

TEST_F(Evaluator, ANamespaceSelectorAloneTakesEveryPodThereAndTheNameLabelWorks) {
  policy("db", {.podLabels = {{"role", "db"}},
                .ingress = {{.peers = {{.namespaceLabels = Labels{{"kubernetes.io/metadata.name", "dev"}}}}}}});
  EXPECT_TRUE(allowed(policies(), kOtherNamespace, kDb, 1));
  EXPECT_FALSE(allowed(policies(), kFrontend, kDb, 1));  // its own namespace is not "dev"
}

TEST_F(Evaluator, IpBlocksMatchOutsideAddressesWithTheirExceptions) {
  policy("db", {.podLabels = {{"role", "db"}},
                .ingress = {{.peers = {{.ipBlock = IpBlock{.cidr = "203.0.113.0/24", .except = {"203.0.113.0/28"}}}}}}});
  const auto p = policies();
  EXPECT_TRUE(allowed(p, kInternet, kDb, 443));
  EXPECT_FALSE(allowed(p, Endpoint{"", {}, {}, "203.0.113.5"}, kDb, 443));   // in the exception
  EXPECT_FALSE(allowed(p, Endpoint{"", {}, {}, "198.51.100.1"}, kDb, 443));  // outside
  EXPECT_FALSE(allowed(p, kFrontend, kDb, 443));                             // a pod is no address
}

TEST_F(Evaluator, PortRangesAndEgressIsolation) {
  policy("frontend", {.podLabels = {{"role", "frontend"}},
                      .isolate = {PolicyType::kEgress},
                      .egress = {{.peers = {{.podLabels = Labels{{"role", "db"}}}},
                                  .ports = {{.port = 5432, .endPort = 5440}}}}});
  const auto p = policies();
  EXPECT_TRUE(allowed(p, kFrontend, kDb, 5440));
  EXPECT_FALSE(allowed(p, kFrontend, kDb, 5441));
  EXPECT_FALSE(allowed(p, kFrontend, kOtherPod, 5432));
  EXPECT_TRUE(allowed(p, kOtherPod, kFrontend, 80));  // ingress is not isolated
}

TEST_F(Evaluator, MatchExpressionsAndDefaultPolicyTypes) {
  const Json policy = Json::parse(R"({"kind": "NetworkPolicy", "metadata": {"namespace": "prod"},
      "spec": {"podSelector": {"matchExpressions": [{"key": "role", "operator": "In", "values": ["db"]}]},
               "ingress": [{"from": [{"podSelector": {"matchExpressions": [
                   {"key": "role", "operator": "NotIn", "values": ["batch"]},
                   {"key": "role", "operator": "Exists"}]}}]}]}})");
  EXPECT_TRUE(allowed({policy}, kFrontend, kDb, 1));
  EXPECT_FALSE(allowed({policy}, kOtherPod, kDb, 1));
  EXPECT_FALSE(allowed({policy}, Endpoint{"prod", {}}, kDb, 1));  // no role label
  EXPECT_TRUE(allowed({policy}, kDb, kOtherNamespace, 1));       // no egress rules: egress open
}

}  // namespace
