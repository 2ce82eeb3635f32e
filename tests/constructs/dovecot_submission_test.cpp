// DovecotSubmissionConstruct: the relay webmail sends through (10025 -> postfix:25).
#include "mailu/constructs/dovecot_submission.hpp"

#include "config_fixtures.hpp"
#include "constructs/construct_test_support.hpp"
#include "mailu/chart_settings.hpp"

namespace {

using namespace mailu::construct_test;

constexpr const char* kPostfix = "mailu-postfix-service-c8dc7636.mail.svc.cluster.local";

class DovecotSubmissionConstruct : public ConstructTest {
 protected:
  mailu::DovecotSubmissionProps props() const {
    return {.context = context, .resources = resources, .domain = "example.com", .postfixAddress = kPostfix};
  }
};

// The pin is the registry's (onlyArchitecture), handed over as the workload's
// scheduling; without a workload the construct writes none.
TEST_F(DovecotSubmissionConstruct, PinsPodsToAmd64AndToleratesTheTaint) {
  mailu::DovecotSubmissionProps p = props();
  p.workload = mailu::resolveChartSettings(testconfig::minimalConfig()).dovecotSubmission.workload;
  mailu::DovecotSubmissionConstruct submission(chart, "submission", p);
  const Json pod = podSpec(submission.deployment());
  EXPECT_EQ(pod.at("nodeSelector"), Json::parse(R"({"kubernetes.io/arch": "amd64"})"));
  EXPECT_EQ(pod.at("tolerations"), Json::parse(R"([{"effect": "NoSchedule", "key": "kubernetes.io/arch",
                                                    "operator": "Equal", "value": "amd64"}])"));
}

TEST_F(DovecotSubmissionConstruct, WritesNoSchedulingOfItsOwn) {
  mailu::DovecotSubmissionConstruct submission(chart, "submission", props());
  const Json pod = podSpec(submission.deployment());
  EXPECT_FALSE(pod.contains("nodeSelector"));
  EXPECT_FALSE(pod.contains("tolerations"));
}

TEST_F(DovecotSubmissionConstruct, RunsTheOfficialDovecotImageWithTheContextPullPolicy) {
  mailu::DovecotSubmissionProps p = props();
  p.context.images = {.registry = "registry.example.org/mailu", .pullPolicy = cdk8s::plus::ImagePullPolicy::kAlways};
  mailu::DovecotSubmissionConstruct submission(chart, "submission", p);
  const Json c = container(submission.deployment());
  EXPECT_EQ(c.at("name"), "dovecot-submission");
  EXPECT_EQ(c.at("image"), "dovecot/dovecot:2.3-latest");
  EXPECT_EQ(c.at("imagePullPolicy"), "Always");
}

TEST_F(DovecotSubmissionConstruct, StartsDovecotInTheForegroundOnTheMountedConfig) {
  mailu::DovecotSubmissionConstruct submission(chart, "submission", props());
  const Json pod = podSpec(submission.deployment());
  const std::string volume = "configmap-" + submission.configMap().name();
  EXPECT_EQ(pod.at("containers").at(0).at("command"),
            Json::parse(R"(["/usr/sbin/dovecot", "-F", "-c", "/etc/dovecot/dovecot.conf"])"));
  EXPECT_EQ(pod.at("containers").at(0).at("volumeMounts"),
            Json::parse(R"([{"mountPath": "/etc/dovecot", "name": ")" + volume + R"(", "readOnly": true}])"));
  EXPECT_EQ(pod.at("volumes"), Json::parse(R"([{"configMap": {"name": ")" + submission.configMap().name() +
                                           R"("}, "name": ")" + volume + R"("}])"));
}

TEST_F(DovecotSubmissionConstruct, ConfigRelaysToPostfixOn25AndListensOn10025) {
  mailu::DovecotSubmissionConstruct submission(chart, "submission", props());
  const std::string conf = submission.configMap().data().at("dovecot.conf");
  EXPECT_NE(conf.find(std::string("submission_relay_host = ") + kPostfix + "\n"), std::string::npos);
  EXPECT_NE(conf.find("submission_relay_port = 25\n"), std::string::npos);
  EXPECT_NE(conf.find("submission_relay_trusted = yes\n"), std::string::npos);
  EXPECT_NE(conf.find("port = 10025\n"), std::string::npos);
  EXPECT_NE(conf.find("hostname = example.com\n"), std::string::npos);
  EXPECT_NE(conf.find("postmaster_address = admin@example.com\n"), std::string::npos);
  EXPECT_EQ(conf.find("@DOMAIN@"), std::string::npos);
  EXPECT_EQ(conf.find("@POSTFIX_ADDRESS@"), std::string::npos);
}

TEST_F(DovecotSubmissionConstruct, RenderedConfigLeavesNoPlaceholder) {
  const std::string conf = mailu::renderDovecotSubmissionConf("example.org", "postfix.mail.svc.cluster.local");
  EXPECT_EQ(conf.find("@DOMAIN@"), std::string::npos);
  EXPECT_EQ(conf.find("@POSTFIX_ADDRESS@"), std::string::npos);
  EXPECT_NE(conf.find("postmaster_address = admin@example.org\n"), std::string::npos);
}

TEST_F(DovecotSubmissionConstruct, ServiceAndProbesUseTheSubmissionPort10025) {
  mailu::DovecotSubmissionConstruct submission(chart, "submission", props());
  EXPECT_EQ(servicePorts(submission.service().apiObject().toJson()),
            (std::vector<std::pair<std::string, int>>{{"submission", 10025}}));
  const Json c = container(submission.deployment());
  EXPECT_EQ(c.at("livenessProbe"), Json::parse(R"({"failureThreshold": 3, "initialDelaySeconds": 30,
      "periodSeconds": 10, "tcpSocket": {"port": 10025}, "timeoutSeconds": 5})"));
  EXPECT_EQ(c.at("readinessProbe"), Json::parse(R"({"failureThreshold": 3, "initialDelaySeconds": 10,
      "periodSeconds": 5, "tcpSocket": {"port": 10025}, "timeoutSeconds": 3})"));
}

TEST_F(DovecotSubmissionConstruct, NeedsNoMailuEnvironment) {
  mailu::DovecotSubmissionProps p = props();
  p.context = withDatabase();
  mailu::DovecotSubmissionConstruct submission(chart, "submission", p);
  const Json c = container(submission.deployment());
  EXPECT_FALSE(c.contains("env"));
  EXPECT_FALSE(c.contains("envFrom"));
}

TEST_F(DovecotSubmissionConstruct, ConfigMapIsLabelledAsItsConfiguration) {
  mailu::DovecotSubmissionConstruct submission(chart, "submission", props());
  const Json metadata = submission.configMap().apiObject().toJson().at("metadata");
  EXPECT_EQ(metadata.at("labels"), Json::parse(R"({"app.kubernetes.io/component": "configuration",
                                                   "app.kubernetes.io/name": "mailu-dovecot-submission"})"));
  EXPECT_EQ(metadata.at("namespace"), "mail");
}

}  // namespace
