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

TEST_F(PostfixConstruct, MountsItsQueueClaimAtQueue) {
  mailu::PostfixConstruct postfix(chart, "postfix", props());
  const Json pod = podSpec(postfix.deployment());
  EXPECT_EQ(pod.at("containers").at(0).at("volumeMounts").at(0).at("mountPath"), "/queue");
  EXPECT_EQ(pod.at("volumes").at(0).at("persistentVolumeClaim").at("claimName"), postfix.claim().name());
}

TEST_F(PostfixConstruct, ClaimRequestsTheGivenSize) {
  mailu::PostfixProps p = props();
  p.storage = {.size = "10Gi", .storageClass = "standard"};
  mailu::PostfixConstruct postfix(chart, "postfix", p);
  const Json spec = postfix.claim().apiObject().toJson().at("spec");
  EXPECT_EQ(spec.at("resources").at("requests").at("storage"), "10Gi");
  EXPECT_EQ(spec.at("storageClassName"), "standard");
}

TEST_F(PostfixConstruct, SetsAnvilRateLimitsAfterTheSecrets) {
  mailu::PostfixProps p = props();
  p.context = withDatabase();
  mailu::PostfixConstruct postfix(chart, "postfix", p);
  const Json c = container(postfix.deployment());
  EXPECT_EQ(envNames(c), (std::vector<std::string>{
                             "DB_USER", "DB_PW", "SECRET_KEY", "POSTFIX_smtpd_client_connection_rate_limit",
                             "POSTFIX_smtpd_client_connection_count_limit", "POSTFIX_smtpd_client_message_rate_limit",
                             "POSTFIX_smtpd_client_recipient_rate_limit", "POSTFIX_anvil_rate_time_unit"}));
  EXPECT_EQ(envVar(c, "POSTFIX_smtpd_client_connection_rate_limit").at("value"), "60");
  EXPECT_EQ(envVar(c, "POSTFIX_smtpd_client_connection_count_limit").at("value"), "10");
  EXPECT_EQ(envVar(c, "POSTFIX_smtpd_client_message_rate_limit").at("value"), "100");
  EXPECT_EQ(envVar(c, "POSTFIX_smtpd_client_recipient_rate_limit").at("value"), "300");
  EXPECT_EQ(envVar(c, "POSTFIX_anvil_rate_time_unit").at("value"), "60s");
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
