// requiredSecrets: the Secrets the manifests name and the chart does not make.
#include "mailu/required_secrets.hpp"

#include <filesystem>

#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "mailu/config_loader.hpp"
#include "mailu/mailu_chart.hpp"

namespace mailu {
namespace {

namespace fs = std::filesystem;

std::string listedFor(const fs::path& config) {
  cdk8s::App app;
  MailuChart chart(app, "mailu", loadConfigFile(config));
  return describeRequiredSecrets(requiredSecrets(chart));
}

TEST(RequiredSecrets, BundledExampleListsEverySecretItNames) {
  EXPECT_EQ(listedFor(fs::path(EXAMPLES_DIR) / "mailu.yaml"),
            // secrets.initialAdminPassword, secrets.mailuSecretKey, the ingress's
            // certificate and database.postgresql.secretName, as examples/mailu.yaml names them.
            "mailu/mailu-initial-admin: key initial-admin-password (read by admin)\n"
            "mailu/mailu-secret-key: key secret-key (read by admin, dovecot, front, postfix, rspamd, webmail)\n"
            "mailu/mailu-tls: keys tls.crt, tls.key (read by Ingress, IngressRouteTCP); "
            "written by cert-manager (ClusterIssuer letsencrypt-cluster-issuer)\n"
            "mailu/postgres-app: keys password, username (read by admin, webmail)\n");
}

TEST(RequiredSecrets, PostgresqlCredentialsAreListedWithTheirKeys) {
  const std::string listed = listedFor(fs::path(TEST_DATA_DIR) / "parity" / "cases" / "p13-multi-hostnames-postgres.json");
  EXPECT_NE(listed.find("/pg-credentials: keys pass, user (read by admin, webmail)\n"), std::string::npos) << listed;
}

TEST(RequiredSecrets, NoneWithoutAnyReference) {
  cdk8s::App app;
  cdk8s::Chart chart(app, "empty");
  EXPECT_TRUE(requiredSecrets(chart).empty());
}

}  // namespace
}  // namespace mailu
