// WebmailPatchConfigMap: webmail's entrypoint wrapper (Roundcube straight to Dovecot and the relay).
#include "mailu/constructs/webmail_patch_config_map.hpp"

#include "constructs/construct_test_support.hpp"

namespace {

using namespace mailu::construct_test;

class WebmailPatchConfigMapConstruct : public ::testing::Test {
 protected:
  cdk8s::App app;
  cdk8s::Chart chart{app, "test"};
  mailu::WebmailPatchConfigMap patch{chart, "webmail-patch", "mail"};
  std::string wrapper() { return patch.configMap().data().at("entrypoint-wrapper.sh"); }
};

TEST_F(WebmailPatchConfigMapConstruct, LivesInTheNamespaceWithoutLabels) {
  const Json metadata = patch.configMap().apiObject().toJson().at("metadata");
  EXPECT_EQ(metadata.at("namespace"), "mail");
  EXPECT_FALSE(metadata.contains("labels"));
}

TEST_F(WebmailPatchConfigMapConstruct, CarriesOnlyTheEntrypointWrapper) {
  const Json cm = patch.configMap().apiObject().toJson();
  ASSERT_EQ(cm.at("data").size(), 1u);
  EXPECT_TRUE(cm.at("data").contains("entrypoint-wrapper.sh"));
  EXPECT_EQ(cm.at("immutable"), false);
}

TEST_F(WebmailPatchConfigMapConstruct, WrapperIsAPosixShellScript) {
  EXPECT_EQ(wrapper().rfind("#!/bin/sh\n", 0), 0u);
  EXPECT_NE(wrapper().find("set -eu"), std::string::npos);
}

TEST_F(WebmailPatchConfigMapConstruct, WrapperPointsRoundcubeAtImapOn143) {
  EXPECT_NE(wrapper().find("imap://${IMAP_ADDRESS}:143"), std::string::npos);
}

TEST_F(WebmailPatchConfigMapConstruct, WrapperSendsMailThroughTheSubmissionRelayOn10025) {
  EXPECT_NE(wrapper().find("smtp://${SUBMISSION_ADDRESS}:10025"), std::string::npos);
}

TEST_F(WebmailPatchConfigMapConstruct, WrapperRewritesTheThreeRoundcubeEndpoints) {
  const std::string script = wrapper();
  for (const char* key : {"imap_host", "smtp_host", "managesieve_host"}) {
    EXPECT_NE(script.find(key), std::string::npos) << key;
  }
}

}  // namespace
