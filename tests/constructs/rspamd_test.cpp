// RspamdConstruct: spam filtering and DKIM, statistics on a claim.
#include "mailu/constructs/rspamd.hpp"

#include "constructs/construct_test_support.hpp"

namespace {

using namespace mailu::construct_test;

class RspamdConstruct : public ConstructTest {
 protected:
  mailu::RspamdProps props() const { return {.context = context, .resources = resources, .storage = {.size = "5Gi"}}; }
};

TEST_F(RspamdConstruct, ServiceExposesMilterFuzzyAndWebPorts) {
  mailu::RspamdConstruct rspamd(chart, "rspamd", props());
  EXPECT_EQ(servicePorts(rspamd.service().apiObject().toJson()),
            (std::vector<std::pair<std::string, int>>{{"milter", 11332}, {"fuzzy", 11333}, {"rspamd", 11334}}));
}

TEST_F(RspamdConstruct, ProbesPingOnTheWebPort) {
  mailu::RspamdConstruct rspamd(chart, "rspamd", props());
  const Json c = container(rspamd.deployment());
  EXPECT_EQ(c.at("livenessProbe"), Json::parse(R"({"failureThreshold": 3, "httpGet": {"path": "/ping", "port": 11334,
      "scheme": "HTTP"}, "initialDelaySeconds": 30, "periodSeconds": 10, "timeoutSeconds": 5})"));
  EXPECT_EQ(c.at("readinessProbe"), Json::parse(R"({"failureThreshold": 3, "httpGet": {"path": "/ping", "port": 11334,
      "scheme": "HTTP"}, "initialDelaySeconds": 10, "periodSeconds": 5, "timeoutSeconds": 3})"));
  EXPECT_EQ(c.at("startupProbe"), Json::parse(R"({"failureThreshold": 3, "tcpSocket": {"port": 11334}})"));
  EXPECT_EQ(c.at("ports"), Json::parse(R"([{"containerPort": 11334}])"));
}

TEST_F(RspamdConstruct, MountsItsStatisticsAtVarLibRspamd) {
  mailu::RspamdConstruct rspamd(chart, "rspamd", props());
  const Json pod = podSpec(rspamd.deployment());
  EXPECT_EQ(pod.at("containers").at(0).at("volumeMounts").at(0).at("mountPath"), "/var/lib/rspamd");
  EXPECT_EQ(pod.at("volumes").at(0).at("persistentVolumeClaim").at("claimName"), rspamd.claim().name());
}

TEST_F(RspamdConstruct, GetsTheSecretKeyButNoDatabaseCredentials) {
  mailu::RspamdProps p = props();
  p.context = withDatabase();
  mailu::RspamdConstruct rspamd(chart, "rspamd", p);
  EXPECT_EQ(envNames(container(rspamd.deployment())), std::vector<std::string>{"SECRET_KEY"});
}

TEST_F(RspamdConstruct, ClaimTakesTheGivenSizeAndClass) {
  mailu::RspamdProps p = props();
  p.storage = {.size = "512Mi", .storageClass = "fast"};
  mailu::RspamdConstruct rspamd(chart, "rspamd", p);
  const Json spec = rspamd.claim().apiObject().toJson().at("spec");
  EXPECT_EQ(spec.at("resources").at("requests").at("storage"), "0.5Gi");
  EXPECT_EQ(spec.at("storageClassName"), "fast");
}

TEST_F(RspamdConstruct, RunsTheRspamdImageWithTheGivenResources) {
  mailu::RspamdProps p = props();
  p.resources = {"100m", "512Mi", "500m", "1Gi"};
  mailu::RspamdConstruct rspamd(chart, "rspamd", p);
  const Json c = container(rspamd.deployment());
  EXPECT_EQ(c.at("image"), "ghcr.io/mailu/rspamd:2024.06");
  EXPECT_EQ(c.at("resources"), Json::parse(R"({"limits": {"cpu": "500m", "memory": "1024Mi"},
                                                "requests": {"cpu": "100m", "memory": "512Mi"}})"));
}

}  // namespace
