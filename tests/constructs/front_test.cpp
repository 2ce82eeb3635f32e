// FrontConstruct: Mailu's nginx, the authenticating proxy for mail clients.
#include "mailu/constructs/front.hpp"

#include "constructs/construct_test_support.hpp"

namespace {

using namespace mailu::construct_test;

class FrontConstruct : public ConstructTest {
 protected:
  cdk8s::plus::ConfigMap patch{chart, "nginx-patch", {.metadata = {.namespace_ = "mail"}}};
  mailu::FrontProps props(bool withPatch = true) const {
    return {.context = context, .resources = resources, .nginxPatch = withPatch ? &patch : nullptr};
  }
};

TEST_F(FrontConstruct, ServiceListsHttpFirst) {
  mailu::FrontConstruct front(chart, "front", props());
  EXPECT_EQ(servicePorts(front.service().apiObject().toJson()),
            (std::vector<std::pair<std::string, int>>{
                {"http", 80}, {"smtps", 465}, {"submission", 587}, {"imaps", 993}, {"pop3s", 995}}));
}

TEST_F(FrontConstruct, RunsTheNginxImage) {
  mailu::FrontConstruct front(chart, "front", props());
  const Json c = container(front.deployment());
  EXPECT_EQ(c.at("name"), "front");
  EXPECT_EQ(c.at("image"), "ghcr.io/mailu/nginx:2024.06");
  EXPECT_EQ(c.at("imagePullPolicy"), "IfNotPresent");
}

TEST_F(FrontConstruct, ProbesHealthOverHttpOn80) {
  mailu::FrontConstruct front(chart, "front", props());
  const Json c = container(front.deployment());
  EXPECT_EQ(c.at("livenessProbe"), Json::parse(R"({"failureThreshold": 3, "httpGet": {"path": "/health", "port": 80,
      "scheme": "HTTP"}, "initialDelaySeconds": 30, "periodSeconds": 10, "timeoutSeconds": 5})"));
  EXPECT_EQ(c.at("readinessProbe"), Json::parse(R"({"failureThreshold": 3, "httpGet": {"path": "/health", "port": 80,
      "scheme": "HTTP"}, "initialDelaySeconds": 10, "periodSeconds": 5, "timeoutSeconds": 3})"));
}

TEST_F(FrontConstruct, DeclaresNoContainerPortAndNoStartupProbe) {
  mailu::FrontConstruct front(chart, "front", props());
  const Json c = container(front.deployment());
  EXPECT_FALSE(c.contains("ports"));
  EXPECT_FALSE(c.contains("startupProbe"));
}

TEST_F(FrontConstruct, RunsTheEntrypointWrapperOfTheNginxPatch) {
  mailu::FrontConstruct front(chart, "front", props());
  const Json pod = podSpec(front.deployment());
  const Json c = pod.at("containers").at(0);
  const std::string volume = "configmap-" + patch.name();
  EXPECT_EQ(c.at("command"), Json::parse(R"(["/bin/sh", "/usr/local/bin/entrypoint-wrapper.sh"])"));
  EXPECT_EQ(c.at("volumeMounts"), Json::parse(R"([{"mountPath": "/usr/local/bin/entrypoint-wrapper.sh", "name": ")" +
                                              volume + R"(", "readOnly": true, "subPath": "entrypoint-wrapper.sh"}])"));
  EXPECT_EQ(pod.at("volumes"),
            Json::parse(R"([{"configMap": {"defaultMode": 493, "name": ")" + patch.name() + R"("}, "name": ")" +
                        volume + R"("}])"));
}

TEST_F(FrontConstruct, KeepsTheImageEntrypointWithoutAPatch) {
  mailu::FrontConstruct front(chart, "front", props(false));
  const Json pod = podSpec(front.deployment());
  EXPECT_FALSE(pod.at("containers").at(0).contains("command"));
  EXPECT_FALSE(pod.at("containers").at(0).contains("volumeMounts"));
  EXPECT_FALSE(pod.contains("volumes"));
}

TEST_F(FrontConstruct, GetsTheSecretKeyButNoDatabaseCredentials) {
  mailu::FrontProps p = props();
  p.context = withDatabase();
  mailu::FrontConstruct front(chart, "front", p);
  const Json c = container(front.deployment());
  EXPECT_EQ(envNames(c), std::vector<std::string>{"SECRET_KEY"});
  EXPECT_EQ(c.at("envFrom").at(0).at("configMapRef").at("name"), shared.name());
}

TEST_F(FrontConstruct, RunsAsRootWithAWritableRootFilesystemUnderTheDefaultSeccompProfile) {
  mailu::FrontConstruct front(chart, "front", props());
  const Json pod = podSpec(front.deployment());
  // D20: RuntimeDefault seccomp, no NET_RAW.
  EXPECT_EQ(pod.at("containers").at(0).at("securityContext"),
            Json::parse(R"({"allowPrivilegeEscalation": false, "capabilities": {"drop": ["NET_RAW"]},
                            "privileged": false, "readOnlyRootFilesystem": false, "runAsNonRoot": false,
                            "seccompProfile": {"type": "RuntimeDefault"}})"));
  EXPECT_EQ(pod.at("securityContext").at("runAsNonRoot"), false);
}

TEST_F(FrontConstruct, TakesThePROXYProtocolOnTheMailPortsWhenTraefikSendsIt) {
  mailu::FrontProps p = props();
  EXPECT_EQ(envVar(container(mailu::FrontConstruct(chart, "plain", p).deployment()), "PROXY_PROTOCOL"), nullptr);
  p.proxyProtocol = true;
  mailu::FrontConstruct front(chart, "front", p);
  // Mailu's own variable (socrate): the nginx patch puts these listeners behind PROXY (D14).
  EXPECT_EQ(envVar(container(front.deployment()), "PROXY_PROTOCOL").at("value"), "465,587,993,995");
}

TEST_F(FrontConstruct, ExposesSmtpAndLmtpOnlyForFetchmail) {
  mailu::FrontProps p = props();
  std::vector<std::pair<std::string, int>> expected = {
      {"http", 80}, {"smtps", 465}, {"submission", 587}, {"imaps", 993}, {"pop3s", 995}};
  EXPECT_EQ(servicePorts(mailu::FrontConstruct(chart, "alone", p).service().apiObject().toJson()), expected);
  p.fetchmailDelivery = true;
  expected.insert(expected.end(), {{"smtp", 25}, {"lmtp", 2525}});
  EXPECT_EQ(servicePorts(mailu::FrontConstruct(chart, "front", p).service().apiObject().toJson()), expected);
}

}  // namespace
