// AdminConstruct: the web UI / API and front's auth_http backend, on a claim.
#include "mailu/constructs/admin.hpp"

#include "constructs/construct_test_support.hpp"

namespace {

using namespace mailu::construct_test;

class AdminConstruct : public ConstructTest {
 protected:
  mailu::AdminProps props() const { return {.context = context, .resources = resources, .storage = {.size = "5Gi"}}; }
};

TEST_F(AdminConstruct, RunsTheAdminImageFromTheContextRegistry) {
  mailu::AdminProps p = props();
  p.context.images = {.registry = "registry.example.org/mailu",
                      .tag = "2.0",
                      .pullPolicy = cdk8s::plus::ImagePullPolicy::kNever};
  mailu::AdminConstruct admin(chart, "admin", p);
  const Json c = container(admin.deployment());
  EXPECT_EQ(c.at("name"), "admin");
  EXPECT_EQ(c.at("image"), "registry.example.org/mailu/admin:2.0");
  EXPECT_EQ(c.at("imagePullPolicy"), "Never");
}

TEST_F(AdminConstruct, MountsItsClaimAtData) {
  mailu::AdminConstruct admin(chart, "admin", props());
  const Json pod = podSpec(admin.deployment());
  const std::string volume = "pvc-" + admin.claim().name();
  EXPECT_EQ(pod.at("containers").at(0).at("volumeMounts"),
            Json::parse(R"([{"mountPath": "/data", "name": ")" + volume + R"("}])"));
  EXPECT_EQ(pod.at("volumes").at(0).at("name"), volume);
  EXPECT_EQ(pod.at("volumes").at(0).at("persistentVolumeClaim").at("claimName"), admin.claim().name());
}

TEST_F(AdminConstruct, ClaimRequestsTheGivenSizeAndStorageClass) {
  mailu::AdminProps p = props();
  p.storage = {.size = "20Gi", .storageClass = "longhorn"};
  mailu::AdminConstruct admin(chart, "admin", p);
  const Json spec = admin.claim().apiObject().toJson().at("spec");
  EXPECT_EQ(spec.at("resources").at("requests").at("storage"), "20Gi");
  EXPECT_EQ(spec.at("storageClassName"), "longhorn");
  EXPECT_EQ(spec.at("accessModes"), Json::parse(R"(["ReadWriteOnce"])"));
}

TEST_F(AdminConstruct, ClaimLeavesTheStorageClassToTheClusterWhenNotGiven) {
  mailu::AdminConstruct admin(chart, "admin", props());
  EXPECT_FALSE(admin.claim().apiObject().toJson().at("spec").contains("storageClassName"));
}

TEST_F(AdminConstruct, ProbesPingOnPort8080) {
  mailu::AdminConstruct admin(chart, "admin", props());
  const Json c = container(admin.deployment());
  EXPECT_EQ(c.at("livenessProbe"), Json::parse(R"({"failureThreshold": 3, "httpGet": {"path": "/ping", "port": 8080,
      "scheme": "HTTP"}, "initialDelaySeconds": 30, "periodSeconds": 10, "timeoutSeconds": 5})"));
  EXPECT_EQ(c.at("readinessProbe"), Json::parse(R"({"failureThreshold": 3, "httpGet": {"path": "/ping", "port": 8080,
      "scheme": "HTTP"}, "initialDelaySeconds": 10, "periodSeconds": 5, "timeoutSeconds": 3})"));
  EXPECT_EQ(c.at("startupProbe").at("tcpSocket").at("port"), 8080);
}

TEST_F(AdminConstruct, ServiceExposesHttpOn8080ToItsPods) {
  mailu::AdminConstruct admin(chart, "admin", props());
  const Json service = admin.service().apiObject().toJson();
  EXPECT_EQ(service.at("spec").at("type"), "ClusterIP");
  EXPECT_EQ(servicePorts(service), (std::vector<std::pair<std::string, int>>{{"http", 8080}}));
  EXPECT_EQ(service.at("spec").at("selector"), Json(admin.deployment().matchLabels()));
}

TEST_F(AdminConstruct, ReadsDatabaseCredentialsAndSecretKeyFromSecrets) {
  mailu::AdminProps p = props();
  p.context = withDatabase();
  mailu::AdminConstruct admin(chart, "admin", p);
  const Json c = container(admin.deployment());
  EXPECT_EQ(envNames(c), (std::vector<std::string>{"DB_USER", "DB_PW", "SECRET_KEY"}));
  EXPECT_EQ(envVar(c, "DB_USER").at("valueFrom"),
            Json::parse(R"({"secretKeyRef": {"key": "user", "name": "pg-app"}})"));
  EXPECT_EQ(envVar(c, "DB_PW").at("valueFrom"),
            Json::parse(R"({"secretKeyRef": {"key": "pass", "name": "pg-app"}})"));
  EXPECT_EQ(envVar(c, "SECRET_KEY").at("valueFrom"),
            Json::parse(R"({"secretKeyRef": {"key": "secret-key", "name": "mailu-secret"}})"));
  EXPECT_EQ(c.at("envFrom"), Json::parse(R"([{"configMapRef": {"name": ")" + shared.name() + R"("}}])"));
}

TEST_F(AdminConstruct, InitialAccountAndApiTokenFollowTheSecretKey) {
  mailu::AdminProps p = props();
  p.initialAdmin =
      mailu::InitialAdminSettings{"admin-pw", mailu::InitialAccountSettings{"boss", "example.org", mailu::InitialAccountMode::kIfMissing}};
  p.apiTokenSecretName = "api-token";
  mailu::AdminConstruct admin(chart, "admin", p);
  const Json c = container(admin.deployment());
  // INITIAL_ADMIN_PW is what core/admin/start.py reads (D8).
  EXPECT_EQ(envNames(c), (std::vector<std::string>{"SECRET_KEY", "INITIAL_ADMIN_PW", "INITIAL_ADMIN_ACCOUNT",
                                                   "INITIAL_ADMIN_DOMAIN", "INITIAL_ADMIN_MODE", "API_TOKEN"}));
  EXPECT_EQ(envVar(c, "INITIAL_ADMIN_PW").at("valueFrom"),
            Json::parse(R"({"secretKeyRef": {"key": "initial-admin-password", "name": "admin-pw"}})"));
  EXPECT_EQ(envVar(c, "INITIAL_ADMIN_ACCOUNT").at("value"), "boss");
  EXPECT_EQ(envVar(c, "INITIAL_ADMIN_DOMAIN").at("value"), "example.org");
  EXPECT_EQ(envVar(c, "INITIAL_ADMIN_MODE").at("value"), "ifmissing");
  EXPECT_EQ(envVar(c, "API_TOKEN").at("valueFrom"),
            Json::parse(R"({"secretKeyRef": {"key": "token", "name": "api-token"}})"));
}

TEST_F(AdminConstruct, WritesRequestsAndLimitsWithMemoryInMi) {
  mailu::AdminProps p = props();
  p.resources = {"0.25", "1Gi", "2", "1.5Gi"};
  mailu::AdminConstruct admin(chart, "admin", p);
  EXPECT_EQ(container(admin.deployment()).at("resources"),
            Json::parse(R"({"limits": {"cpu": "2", "memory": "1536Mi"},
                            "requests": {"cpu": "0.25", "memory": "1024Mi"}})"));
}

TEST_F(AdminConstruct, LabelsItsObjectsAsTheAdminComponent) {
  mailu::AdminConstruct admin(chart, "admin", props());
  const Json deployment = admin.deployment().apiObject().toJson();
  EXPECT_EQ(deployment.at("metadata").at("labels"), Json::parse(R"({"app.kubernetes.io/component": "admin",
      "app.kubernetes.io/name": "mailu-admin", "app.kubernetes.io/part-of": "mailu"})"));
  EXPECT_EQ(deployment.at("metadata").at("namespace"), "mail");
  EXPECT_EQ(deployment.at("spec").at("replicas"), 1);
  const Json podLabels = deployment.at("spec").at("template").at("metadata").at("labels");
  EXPECT_EQ(podLabels.at("app.kubernetes.io/name"), "mailu-admin");
  EXPECT_FALSE(podLabels.contains("app.kubernetes.io/part-of"));
  EXPECT_FALSE(admin.service().apiObject().toJson().at("metadata").at("labels").contains("app.kubernetes.io/part-of"));
}

}  // namespace
