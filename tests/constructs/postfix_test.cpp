// PostfixConstruct: the SMTP server, with its queue on a claim.
#include "mailu/constructs/postfix.hpp"

#include "constructs/construct_test_support.hpp"

namespace {

using namespace mailu::construct_test;

class PostfixConstruct : public ConstructTest {
 protected:
  mailu::PostfixProps props() const { return {.context = context, .resources = resources, .storage = {.size = "5Gi"}}; }
};

TEST_F(PostfixConstruct, ServiceExposesSmtpAndTheSubmissionRelay) {
  mailu::PostfixConstruct postfix(chart, "postfix", props());
  EXPECT_EQ(servicePorts(postfix.service().apiObject().toJson()),
            (std::vector<std::pair<std::string, int>>{{"smtp", 25}, {"submission", 10025}}));
}

TEST_F(PostfixConstruct, ProbesSmtpOverTcpOn25) {
  mailu::PostfixConstruct postfix(chart, "postfix", props());
  const Json c = container(postfix.deployment());
  EXPECT_EQ(c.at("livenessProbe"), Json::parse(R"({"failureThreshold": 3, "initialDelaySeconds": 30,
      "periodSeconds": 10, "tcpSocket": {"port": 25}, "timeoutSeconds": 5})"));
  EXPECT_EQ(c.at("readinessProbe"), Json::parse(R"({"failureThreshold": 3, "initialDelaySeconds": 10,
      "periodSeconds": 5, "tcpSocket": {"port": 25}, "timeoutSeconds": 3})"));
  EXPECT_EQ(c.at("startupProbe"), Json::parse(R"({"failureThreshold": 3, "tcpSocket": {"port": 25}})"));
  EXPECT_EQ(c.at("ports"), Json::parse(R"([{"containerPort": 25}])"));
}

TEST_F(PostfixConstruct, MountsItsOverridesAtOverridesAndItsQueueClaimAtQueue) {
  mailu::PostfixConstruct postfix(chart, "postfix", props());
  const Json pod = podSpec(postfix.deployment());
  const Json mounts = pod.at("containers").at(0).at("volumeMounts");
  ASSERT_EQ(mounts.size(), 2u);
  // core/postfix/start.py reads /overrides/postfix.cf and /overrides/postfix.master.
  EXPECT_EQ(mounts.at(0).at("mountPath"), "/overrides");
  EXPECT_EQ(pod.at("volumes").at(0).at("configMap").at("name"), postfix.overrides().name());
  EXPECT_EQ(mounts.at(1).at("mountPath"), "/queue");
  EXPECT_EQ(pod.at("volumes").at(1).at("persistentVolumeClaim").at("claimName"), postfix.claim().name());
}

TEST_F(PostfixConstruct, ClaimRequestsTheGivenSize) {
  mailu::PostfixProps p = props();
  p.storage = {.size = "10Gi", .storageClass = "standard"};
  mailu::PostfixConstruct postfix(chart, "postfix", p);
  const Json spec = postfix.claim().apiObject().toJson().at("spec");
  EXPECT_EQ(spec.at("resources").at("requests").at("storage"), "10Gi");
  EXPECT_EQ(spec.at("storageClassName"), "standard");
}

TEST_F(PostfixConstruct, GetsOnlyTheSecretKey) {
  mailu::PostfixProps p = props();
  p.context = withDatabase();
  mailu::PostfixConstruct postfix(chart, "postfix", p);
  // Postfix asks admin (podop) and reads neither DB_* (D18) nor POSTFIX_* variables (D11).
  EXPECT_EQ(envNames(container(postfix.deployment())), std::vector<std::string>{"SECRET_KEY"});
}

TEST_F(PostfixConstruct, WritesTheAnvilLimitsIntoPostfixCf) {
  mailu::PostfixProps p = props();
  mailu::PostfixConstruct defaults(chart, "defaults", p);
  expectAnvilLimits(defaults.overrides().data().at("postfix.cf"), "60", "10", "100", "300", "60s");
  EXPECT_EQ(defaults.overrides().data().count("postfix.master"), 0u);
  p.rateLimits = {.connectionRate = 30, .connectionCount = 5, .messageRate = 50, .recipientRate = 150,
                  .timeUnit = "1m"};
  mailu::PostfixConstruct postfix(chart, "postfix", p);
  expectAnvilLimits(postfix.overrides().data().at("postfix.cf"), "30", "5", "50", "150", "1m");
}

TEST_F(PostfixConstruct, DefaultAnvilLimitsAreTheSeedsOnes) {
  expectAnvilLimits(mailu::postfixMainOverrides({}), "60", "10", "100", "300", "60s");
}

TEST_F(PostfixConstruct, AddsThePROXYListenerOn2525OnlyWhenAsked) {
  mailu::PostfixProps p = props();
  p.proxyProtocolListener = true;
  mailu::PostfixConstruct postfix(chart, "postfix", p);
  const std::string master = postfix.overrides().data().at("postfix.master");
  EXPECT_NE(master.find("\n2525/inet = 2525 inet n - n - - smtpd "), std::string::npos) << master;
  EXPECT_NE(master.find(" -o smtpd_upstream_proxy_protocol=haproxy "), std::string::npos) << master;
  // A PROXY header can claim a pod address: none is trusted on this listener.
  EXPECT_NE(master.find(" -o mynetworks=127.0.0.1/32\n"), std::string::npos) << master;
  // Mailu's start script runs each line as `postconf -Me "LINE"` in a shell.
  EXPECT_EQ(master.find_first_of("\"$`"), std::string::npos);
  EXPECT_EQ(servicePorts(postfix.service().apiObject().toJson()),
            (std::vector<std::pair<std::string, int>>{{"smtp", 25}, {"submission", 10025}, {"smtp-proxy", 2525}}));
}

TEST_F(PostfixConstruct, RunsThePostfixImageWithTheGivenResources) {
  mailu::PostfixProps p = props();
  p.resources = {"100m", "512Mi", "500m", "1Gi"};
  mailu::PostfixConstruct postfix(chart, "postfix", p);
  const Json c = container(postfix.deployment());
  EXPECT_EQ(c.at("image"), "ghcr.io/mailu/postfix:2024.06");
  EXPECT_EQ(c.at("resources"), Json::parse(R"({"limits": {"cpu": "500m", "memory": "1024Mi"},
                                                "requests": {"cpu": "100m", "memory": "512Mi"}})"));
}

TEST_F(PostfixConstruct, LabelsItsObjectsAsThePostfixComponent) {
  mailu::PostfixConstruct postfix(chart, "postfix", props());
  const Json labels = postfix.deployment().apiObject().toJson().at("metadata").at("labels");
  EXPECT_EQ(labels.at("app.kubernetes.io/name"), "mailu-postfix");
  EXPECT_EQ(labels.at("app.kubernetes.io/component"), "postfix");
  EXPECT_EQ(postfix.service().apiObject().toJson().at("metadata").at("labels"),
            Json::parse(R"({"app.kubernetes.io/component": "postfix", "app.kubernetes.io/name": "mailu-postfix"})"));
}

}  // namespace
