// FetchmailConstruct: polls external mailboxes; no Service, no storage.
#include "mailu/constructs/fetchmail.hpp"

#include "cdk8s/testing.hpp"
#include "constructs/construct_test_support.hpp"

namespace {

using namespace mailu::construct_test;

class FetchmailConstruct : public ConstructTest {
 protected:
  mailu::FetchmailProps props() const {
    return {.context = context, .resources = resources, .addresses = {{"FRONT_ADDRESS", "front.mail.svc.cluster.local"}}};
  }
};

TEST_F(FetchmailConstruct, CreatesOnlyADeployment) {
  mailu::FetchmailConstruct fetchmail(chart, "fetchmail", props());
  const std::vector<Json> docs = cdk8s::Testing::synth(chart);
  ASSERT_EQ(docs.size(), 2u);  // the shared ConfigMap of the fixture, and the Deployment
  EXPECT_EQ(docs.at(1).at("kind"), "Deployment");
  EXPECT_TRUE(ofKind(docs, "Service").empty());
  EXPECT_TRUE(ofKind(docs, "PersistentVolumeClaim").empty());
}

TEST_F(FetchmailConstruct, ProbesThatFetchmailIsRunning) {
  mailu::FetchmailConstruct fetchmail(chart, "fetchmail", props());
  const Json c = container(fetchmail.deployment());
  EXPECT_EQ(c.at("livenessProbe"), Json::parse(R"({"exec": {"command": ["pgrep", "-f", "fetchmail"]},
      "failureThreshold": 3, "initialDelaySeconds": 30, "periodSeconds": 60, "timeoutSeconds": 5})"));
  EXPECT_EQ(c.at("readinessProbe"), Json::parse(R"({"exec": {"command": ["pgrep", "-f", "fetchmail"]},
      "failureThreshold": 3, "initialDelaySeconds": 10, "periodSeconds": 10, "timeoutSeconds": 3})"));
}

TEST_F(FetchmailConstruct, PollsEveryTenMinutesWithoutSecretsAndDeliversToFront) {
  mailu::FetchmailProps p = props();
  p.context = withDatabase();
  mailu::FetchmailConstruct fetchmail(chart, "fetchmail", p);
  const Json c = container(fetchmail.deployment());
  // FRONT_ADDRESS is where optional/fetchmail/fetchmail.py delivers (D21).
  EXPECT_EQ(c.at("env"), Json::parse(R"([{"name": "FETCHMAIL_DELAY", "value": "600"},
                                         {"name": "FRONT_ADDRESS", "value": "front.mail.svc.cluster.local"}])"));
  EXPECT_EQ(c.at("envFrom").at(0).at("configMapRef").at("name"), shared.name());
}

TEST_F(FetchmailConstruct, ListensNowhereAndMountsNothing) {
  mailu::FetchmailConstruct fetchmail(chart, "fetchmail", props());
  const Json pod = podSpec(fetchmail.deployment());
  EXPECT_FALSE(pod.at("containers").at(0).contains("ports"));
  EXPECT_FALSE(pod.at("containers").at(0).contains("startupProbe"));
  EXPECT_FALSE(pod.at("containers").at(0).contains("volumeMounts"));
  EXPECT_FALSE(pod.contains("volumes"));
}

TEST_F(FetchmailConstruct, RunsTheFetchmailImageWithTheGivenResources) {
  mailu::FetchmailProps p = props();
  p.resources = {"50m", "128Mi", "200m", "256Mi"};
  p.context.images.tag = "2024.06.5";
  mailu::FetchmailConstruct fetchmail(chart, "fetchmail", p);
  const Json c = container(fetchmail.deployment());
  EXPECT_EQ(c.at("name"), "fetchmail");
  EXPECT_EQ(c.at("image"), "ghcr.io/mailu/fetchmail:2024.06.5");
  EXPECT_EQ(c.at("resources"), Json::parse(R"({"limits": {"cpu": "200m", "memory": "256Mi"},
                                                "requests": {"cpu": "50m", "memory": "128Mi"}})"));
}

}  // namespace
