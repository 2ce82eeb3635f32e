// WebdavConstruct: Radicale (CalDAV/CardDAV), collections on a claim.
#include "mailu/constructs/webdav.hpp"

#include "constructs/construct_test_support.hpp"

namespace {

using namespace mailu::construct_test;

class WebdavConstruct : public ConstructTest {
 protected:
  mailu::WebdavProps props() const { return {.context = context, .resources = resources, .storage = {.size = "5Gi"}}; }
};

TEST_F(WebdavConstruct, RunsTheRadicaleImage) {
  mailu::WebdavConstruct webdav(chart, "webdav", props());
  const Json c = container(webdav.deployment());
  EXPECT_EQ(c.at("name"), "webdav");
  EXPECT_EQ(c.at("image"), "ghcr.io/mailu/radicale:2024.06");
}

TEST_F(WebdavConstruct, ProbesTheRootOverHttpOn5232) {
  mailu::WebdavConstruct webdav(chart, "webdav", props());
  const Json c = container(webdav.deployment());
  EXPECT_EQ(c.at("livenessProbe"), Json::parse(R"({"failureThreshold": 3, "httpGet": {"path": "/", "port": 5232,
      "scheme": "HTTP"}, "initialDelaySeconds": 30, "periodSeconds": 30, "timeoutSeconds": 5})"));
  EXPECT_EQ(c.at("readinessProbe"), Json::parse(R"({"failureThreshold": 3, "httpGet": {"path": "/", "port": 5232,
      "scheme": "HTTP"}, "initialDelaySeconds": 10, "periodSeconds": 10, "timeoutSeconds": 3})"));
  EXPECT_EQ(c.at("ports"), Json::parse(R"([{"containerPort": 5232, "name": "http", "protocol": "TCP"}])"));
}

TEST_F(WebdavConstruct, ServiceExposesHttpOn5232AndIsPartOfMailu) {
  mailu::WebdavConstruct webdav(chart, "webdav", props());
  const Json service = webdav.service().apiObject().toJson();
  EXPECT_EQ(servicePorts(service), (std::vector<std::pair<std::string, int>>{{"http", 5232}}));
  EXPECT_EQ(service.at("metadata").at("labels"), Json::parse(R"({"app.kubernetes.io/component": "webdav",
      "app.kubernetes.io/name": "mailu-webdav", "app.kubernetes.io/part-of": "mailu"})"));
}

TEST_F(WebdavConstruct, MountsItsCollectionsAtData) {
  mailu::WebdavProps p = props();
  p.storage = {.size = "2Gi", .storageClass = "longhorn"};
  mailu::WebdavConstruct webdav(chart, "webdav", p);
  const Json pod = podSpec(webdav.deployment());
  EXPECT_EQ(pod.at("containers").at(0).at("volumeMounts").at(0).at("mountPath"), "/data");
  EXPECT_EQ(pod.at("volumes").at(0).at("persistentVolumeClaim").at("claimName"), webdav.claim().name());
  const Json spec = webdav.claim().apiObject().toJson().at("spec");
  EXPECT_EQ(spec.at("resources").at("requests").at("storage"), "2Gi");
  EXPECT_EQ(spec.at("storageClassName"), "longhorn");
}

TEST_F(WebdavConstruct, ReadsOnlyTheSharedEnvironment) {
  mailu::WebdavProps p = props();
  p.context = withDatabase();
  mailu::WebdavConstruct webdav(chart, "webdav", p);
  const Json c = container(webdav.deployment());
  EXPECT_FALSE(c.contains("env"));
  EXPECT_EQ(c.at("envFrom"), Json::parse(R"([{"configMapRef": {"name": ")" + shared.name() + R"("}}])"));
}

TEST_F(WebdavConstruct, WritesTheGivenResources) {
  mailu::WebdavProps p = props();
  p.resources = {"50m", "128Mi", "0.2", "256Mi"};
  mailu::WebdavConstruct webdav(chart, "webdav", p);
  EXPECT_EQ(container(webdav.deployment()).at("resources"),
            Json::parse(R"({"limits": {"cpu": "0.2", "memory": "256Mi"},
                            "requests": {"cpu": "50m", "memory": "128Mi"}})"));
}

}  // namespace
