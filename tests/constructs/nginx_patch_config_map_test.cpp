// NginxPatchConfigMap: front's entrypoint wrapper (plaintext mail listeners, auth via admin).
#include "mailu/constructs/nginx_patch_config_map.hpp"

#include "constructs/construct_test_support.hpp"

namespace {

using namespace mailu::construct_test;

class NginxPatchConfigMapConstruct : public ::testing::Test {
 protected:
  cdk8s::App app;
  cdk8s::Chart chart{app, "test"};
  mailu::NginxPatchConfigMap patch{chart, "nginx-patch", "mail"};
  std::string wrapper() { return patch.configMap().data().at("entrypoint-wrapper.sh"); }
};

TEST_F(NginxPatchConfigMapConstruct, IsLabelledAsMailuConfigurationInTheNamespace) {
  const Json metadata = patch.configMap().apiObject().toJson().at("metadata");
  EXPECT_EQ(metadata.at("namespace"), "mail");
  EXPECT_EQ(metadata.at("labels"), Json::parse(R"({"app.kubernetes.io/component": "configuration",
      "app.kubernetes.io/name": "mailu-nginx-patch", "app.kubernetes.io/part-of": "mailu"})"));
}

TEST_F(NginxPatchConfigMapConstruct, CarriesOnlyTheEntrypointWrapper) {
  const Json cm = patch.configMap().apiObject().toJson();
  ASSERT_EQ(cm.at("data").size(), 1u);
  EXPECT_TRUE(cm.at("data").contains("entrypoint-wrapper.sh"));
  EXPECT_EQ(cm.at("immutable"), false);
}

TEST_F(NginxPatchConfigMapConstruct, WrapperIsAPosixShellScript) {
  EXPECT_EQ(wrapper().rfind("#!/bin/sh\n", 0), 0u);
  EXPECT_NE(wrapper().find("set -eu"), std::string::npos);
}

TEST_F(NginxPatchConfigMapConstruct, WrapperSendsAuthHttpToTheAdminService) {
  EXPECT_NE(wrapper().find("http://${ADMIN_ADDRESS}:8080/internal/auth/email"), std::string::npos);
}

TEST_F(NginxPatchConfigMapConstruct, WrapperAddsThePlaintextMailListeners) {
  const std::string script = wrapper();
  // The wrapper's list of servers to add, as port:protocol.
  for (const char* listener : {"587:smtp", "465:smtp", "993:imap", "995:pop3"}) {
    EXPECT_NE(script.find(listener), std::string::npos) << listener;
  }
}

TEST_F(NginxPatchConfigMapConstruct, WrapperEndsByRunningNginxInTheForeground) {
  EXPECT_NE(wrapper().find("exec \"${NGINX_BIN}\" -g 'daemon off;'"), std::string::npos);
}

}  // namespace
