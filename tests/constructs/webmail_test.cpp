// WebmailConstruct: Roundcube or SnappyMail, talking to Dovecot and the relay directly.
#include "mailu/constructs/webmail.hpp"

#include <cdk8s_plus/service.hpp>

#include "constructs/construct_test_support.hpp"

namespace {

using namespace mailu::construct_test;

class WebmailConstruct : public ConstructTest {
 protected:
  cdk8s::plus::ConfigMap patch{chart, "webmail-patch"};
  mailu::WebmailProps props() const {
    return {.context = context,
            .resources = resources,
            .storage = {.size = "5Gi"},
            .addresses = {{"IMAP_ADDRESS", "imap-svc"}, {"SMTP_ADDRESS", "smtp-svc"}, {"FRONT_ADDRESS", "front-svc"}},
            .webmailPatch = &patch};
  }
};

TEST_F(WebmailConstruct, AddsTheWebmailTypeAndServiceNamesAfterTheSecrets) {
  mailu::WebmailProps p = props();
  p.webmailType = mailu::WebmailType::kSnappymail;
  mailu::WebmailConstruct webmail(chart, "webmail", p);
  const Json c = container(webmail.deployment());
  EXPECT_EQ(envNames(c), (std::vector<std::string>{"SECRET_KEY", "WEBMAIL", "IMAP_ADDRESS", "SMTP_ADDRESS",
                                                   "FRONT_ADDRESS"}));
  EXPECT_EQ(envVar(c, "WEBMAIL").at("value"), "snappymail");
  EXPECT_EQ(envVar(c, "IMAP_ADDRESS").at("value"), "imap-svc");
  EXPECT_EQ(envVar(c, "SMTP_ADDRESS").at("value"), "smtp-svc");
  EXPECT_EQ(envVar(c, "FRONT_ADDRESS").at("value"), "front-svc");
}

TEST_F(WebmailConstruct, KeepsRoundcubesDataInPostgresqlWithItsOwnVariables) {
  mailu::WebmailProps p = props();
  p.context = withDatabase();
  mailu::WebmailConstruct webmail(chart, "webmail", p);
  const Json c = container(webmail.deployment());
  // webmails/start.py reads ROUNDCUBE_DB_* (D12) and never DB_USER/DB_PW (D18).
  EXPECT_EQ(envNames(c), (std::vector<std::string>{"ROUNDCUBE_DB_FLAVOR", "ROUNDCUBE_DB_HOST", "ROUNDCUBE_DB_NAME",
                                                   "ROUNDCUBE_DB_USER", "ROUNDCUBE_DB_PW", "SECRET_KEY", "WEBMAIL",
                                                   "IMAP_ADDRESS", "SMTP_ADDRESS", "FRONT_ADDRESS"}));
  EXPECT_EQ(envVar(c, "ROUNDCUBE_DB_FLAVOR").at("value"), "postgresql");
  EXPECT_EQ(envVar(c, "ROUNDCUBE_DB_HOST").at("value"), "pg:5433");
  EXPECT_EQ(envVar(c, "ROUNDCUBE_DB_NAME").at("value"), "mail");
  EXPECT_EQ(envVar(c, "ROUNDCUBE_DB_USER").at("valueFrom"),
            Json::parse(R"({"secretKeyRef": {"key": "user", "name": "pg-app"}})"));
  EXPECT_EQ(envVar(c, "ROUNDCUBE_DB_PW").at("valueFrom"),
            Json::parse(R"({"secretKeyRef": {"key": "pass", "name": "pg-app"}})"));
}

TEST_F(WebmailConstruct, IsRoundcubeByDefault) {
  mailu::WebmailConstruct webmail(chart, "webmail", props());
  EXPECT_EQ(envVar(container(webmail.deployment()), "WEBMAIL").at("value"), "roundcube");
}

TEST_F(WebmailConstruct, MountsItsClaimThenTheEntrypointWrapper) {
  mailu::WebmailConstruct webmail(chart, "webmail", props());
  const Json pod = podSpec(webmail.deployment());
  const Json c = pod.at("containers").at(0);
  EXPECT_EQ(c.at("command"), Json::parse(R"(["/bin/sh", "/usr/local/bin/entrypoint-wrapper.sh"])"));
  ASSERT_EQ(c.at("volumeMounts").size(), 2u);
  EXPECT_EQ(c.at("volumeMounts").at(0).at("mountPath"), "/data");
  EXPECT_EQ(c.at("volumeMounts").at(1),
            Json::parse(R"({"mountPath": "/usr/local/bin/entrypoint-wrapper.sh", "name": "configmap-)" + patch.name() +
                        R"(", "readOnly": true, "subPath": "entrypoint-wrapper.sh"})"));
  EXPECT_EQ(pod.at("volumes").at(0).at("persistentVolumeClaim").at("claimName"), webmail.claim().name());
  EXPECT_EQ(pod.at("volumes").at(1).at("configMap"),
            Json::parse(R"({"defaultMode": 493, "name": ")" + patch.name() + R"("})"));
}

TEST_F(WebmailConstruct, KeepsTheImageEntrypointWithoutAPatch) {
  mailu::WebmailProps p = props();
  p.webmailPatch = nullptr;
  mailu::WebmailConstruct webmail(chart, "webmail", p);
  const Json pod = podSpec(webmail.deployment());
  EXPECT_FALSE(pod.at("containers").at(0).contains("command"));
  EXPECT_EQ(pod.at("volumes").size(), 1u);
}

TEST_F(WebmailConstruct, ServesAndProbesHttpOn80OverTcp) {
  mailu::WebmailConstruct webmail(chart, "webmail", props());
  const Json c = container(webmail.deployment());
  EXPECT_EQ(c.at("image"), "ghcr.io/mailu/webmail:2024.06");
  EXPECT_EQ(c.at("ports"), Json::parse(R"([{"containerPort": 80, "name": "http", "protocol": "TCP"}])"));
  EXPECT_EQ(c.at("livenessProbe"), Json::parse(R"({"failureThreshold": 3, "initialDelaySeconds": 30,
      "periodSeconds": 10, "tcpSocket": {"port": 80}, "timeoutSeconds": 5})"));
  EXPECT_EQ(c.at("readinessProbe"), Json::parse(R"({"failureThreshold": 3, "initialDelaySeconds": 10,
      "periodSeconds": 5, "tcpSocket": {"port": 80}, "timeoutSeconds": 3})"));
  EXPECT_FALSE(c.contains("startupProbe"));
  EXPECT_EQ(servicePorts(webmail.service().apiObject().toJson()),
            (std::vector<std::pair<std::string, int>>{{"http", 80}}));
}

}  // namespace
