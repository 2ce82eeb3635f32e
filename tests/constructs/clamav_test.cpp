// ClamavConstruct: virus scanning for rspamd, slow to start.
#include "mailu/constructs/clamav.hpp"

#include "constructs/construct_test_support.hpp"

namespace {

using namespace mailu::construct_test;

class ClamavConstruct : public ConstructTest {
 protected:
  mailu::ClamavProps props() const { return {.context = context, .resources = resources, .storage = {.size = "15Gi"}}; }
};

TEST_F(ClamavConstruct, ProbesWaitForTheSignatureDatabase) {
  mailu::ClamavConstruct clamav(chart, "clamav", props());
  const Json c = container(clamav.deployment());
  EXPECT_EQ(c.at("livenessProbe"), Json::parse(R"({"failureThreshold": 3, "initialDelaySeconds": 60,
      "periodSeconds": 30, "tcpSocket": {"port": 3310}, "timeoutSeconds": 5})"));
  EXPECT_EQ(c.at("readinessProbe"), Json::parse(R"({"failureThreshold": 3, "initialDelaySeconds": 30,
      "periodSeconds": 10, "tcpSocket": {"port": 3310}, "timeoutSeconds": 3})"));
  EXPECT_FALSE(c.contains("startupProbe"));
}

TEST_F(ClamavConstruct, ExposesClamdOn3310) {
  mailu::ClamavConstruct clamav(chart, "clamav", props());
  EXPECT_EQ(container(clamav.deployment()).at("ports"),
            Json::parse(R"([{"containerPort": 3310, "name": "clamav", "protocol": "TCP"}])"));
  EXPECT_EQ(servicePorts(clamav.service().apiObject().toJson()),
            (std::vector<std::pair<std::string, int>>{{"clamav", 3310}}));
}

TEST_F(ClamavConstruct, KeepsItsSignaturesOnAClaimAtData) {
  mailu::ClamavConstruct clamav(chart, "clamav", props());
  const Json pod = podSpec(clamav.deployment());
  EXPECT_EQ(pod.at("containers").at(0).at("volumeMounts").at(0).at("mountPath"), "/data");
  EXPECT_EQ(pod.at("volumes").at(0).at("persistentVolumeClaim").at("claimName"), clamav.claim().name());
  EXPECT_EQ(clamav.claim().apiObject().toJson().at("spec").at("resources").at("requests").at("storage"), "15Gi");
}

TEST_F(ClamavConstruct, GetsTheSecretKeyButNoDatabaseCredentials) {
  mailu::ClamavProps p = props();
  p.context = withDatabase();
  mailu::ClamavConstruct clamav(chart, "clamav", p);
  EXPECT_EQ(envNames(container(clamav.deployment())), std::vector<std::string>{"SECRET_KEY"});
}

TEST_F(ClamavConstruct, RunsTheClamavImageWithTheGivenResources) {
  mailu::ClamavProps p = props();
  p.resources = {"500m", "1Gi", "2000m", "2Gi"};
  mailu::ClamavConstruct clamav(chart, "clamav", p);
  const Json c = container(clamav.deployment());
  EXPECT_EQ(c.at("image"), "ghcr.io/mailu/clamav:2024.06");
  EXPECT_EQ(c.at("resources"), Json::parse(R"({"limits": {"cpu": "2000m", "memory": "2048Mi"},
                                                "requests": {"cpu": "500m", "memory": "1024Mi"}})"));
}

TEST_F(ClamavConstruct, LabelsItsObjectsAsTheClamavComponent) {
  mailu::ClamavConstruct clamav(chart, "clamav", props());
  EXPECT_EQ(clamav.deployment().apiObject().toJson().at("metadata").at("labels").at("app.kubernetes.io/component"),
            "clamav");
  EXPECT_EQ(clamav.service().apiObject().toJson().at("metadata").at("labels"),
            Json::parse(R"({"app.kubernetes.io/component": "clamav", "app.kubernetes.io/name": "mailu-clamav"})"));
}

}  // namespace
