// DovecotConstruct: IMAP/POP3 and LMTP delivery, mailboxes on a claim.
#include "mailu/constructs/dovecot.hpp"

#include "constructs/construct_test_support.hpp"

namespace {

using namespace mailu::construct_test;

class DovecotConstruct : public ConstructTest {
 protected:
  mailu::DovecotProps props() const {
    return {.context = context,
            .resources = resources,
            .storage = {.size = "100Gi"},
            .addresses = {{"FRONT_ADDRESS", "postfix.mail.svc.cluster.local"}}};
  }
};

TEST_F(DovecotConstruct, ServiceListsLmtpFirstAndManageSieveLast) {
  mailu::DovecotConstruct dovecot(chart, "dovecot", props());
  // sieve (D13): webmail's filters and vacation replies.
  EXPECT_EQ(servicePorts(dovecot.service().apiObject().toJson()),
            (std::vector<std::pair<std::string, int>>{
                {"lmtp", 2525}, {"imap", 143}, {"imaps", 993}, {"pop3", 110}, {"pop3s", 995}, {"sieve", 4190}}));
}

TEST_F(DovecotConstruct, ProbesImapOverTcpOn143) {
  mailu::DovecotConstruct dovecot(chart, "dovecot", props());
  const Json c = container(dovecot.deployment());
  EXPECT_EQ(c.at("livenessProbe"), Json::parse(R"({"failureThreshold": 3, "initialDelaySeconds": 30,
      "periodSeconds": 10, "tcpSocket": {"port": 143}, "timeoutSeconds": 5})"));
  EXPECT_EQ(c.at("readinessProbe"), Json::parse(R"({"failureThreshold": 3, "initialDelaySeconds": 10,
      "periodSeconds": 5, "tcpSocket": {"port": 143}, "timeoutSeconds": 3})"));
  EXPECT_EQ(c.at("startupProbe").at("tcpSocket").at("port"), 143);
  EXPECT_EQ(c.at("ports"), Json::parse(R"([{"containerPort": 143}])"));
}

TEST_F(DovecotConstruct, MountsTheMailboxesAtMail) {
  mailu::DovecotConstruct dovecot(chart, "dovecot", props());
  const Json pod = podSpec(dovecot.deployment());
  EXPECT_EQ(pod.at("containers").at(0).at("volumeMounts").at(0).at("mountPath"), "/mail");
  EXPECT_EQ(pod.at("volumes").at(0).at("persistentVolumeClaim").at("claimName"), dovecot.claim().name());
}

TEST_F(DovecotConstruct, ClaimRequestsTheGivenSizeReadWriteOnce) {
  mailu::DovecotConstruct dovecot(chart, "dovecot", props());
  const Json spec = dovecot.claim().apiObject().toJson().at("spec");
  EXPECT_EQ(spec.at("resources").at("requests").at("storage"), "100Gi");
  EXPECT_EQ(spec.at("accessModes"), Json::parse(R"(["ReadWriteOnce"])"));
  EXPECT_EQ(spec.at("volumeMode"), "Filesystem");
}

TEST_F(DovecotConstruct, GetsNoDatabaseCredentialsAndSendsRedirectsToItsSubmissionHost) {
  mailu::DovecotProps p = props();
  p.context = withDatabase();
  mailu::DovecotConstruct dovecot(chart, "dovecot", p);
  const Json c = container(dovecot.deployment());
  // Dovecot asks admin and never reads DB_* (D18); its own FRONT_ADDRESS is
  // dovecot.conf's submission_host (D16).
  EXPECT_EQ(envNames(c), (std::vector<std::string>{"SECRET_KEY", "FRONT_ADDRESS"}));
  EXPECT_EQ(envVar(c, "FRONT_ADDRESS").at("value"), "postfix.mail.svc.cluster.local");
}

TEST_F(DovecotConstruct, RunsTheDovecotImageWithTheGivenResources) {
  mailu::DovecotProps p = props();
  p.resources = {"200m", "1Gi", "1000m", "2Gi"};
  mailu::DovecotConstruct dovecot(chart, "dovecot", p);
  const Json c = container(dovecot.deployment());
  EXPECT_EQ(c.at("name"), "dovecot");
  EXPECT_EQ(c.at("image"), "ghcr.io/mailu/dovecot:2024.06");
  EXPECT_EQ(c.at("resources"), Json::parse(R"({"limits": {"cpu": "1000m", "memory": "2048Mi"},
                                                "requests": {"cpu": "200m", "memory": "1024Mi"}})"));
}

TEST_F(DovecotConstruct, ServiceSelectsTheDovecotPods) {
  mailu::DovecotConstruct dovecot(chart, "dovecot", props());
  const Json deployment = dovecot.deployment().apiObject().toJson();
  const Json selector = dovecot.service().apiObject().toJson().at("spec").at("selector");
  EXPECT_EQ(selector, deployment.at("spec").at("selector").at("matchLabels"));
  EXPECT_EQ(deployment.at("spec").at("template").at("metadata").at("labels").at("app.kubernetes.io/component"),
            "dovecot");
}

}  // namespace
