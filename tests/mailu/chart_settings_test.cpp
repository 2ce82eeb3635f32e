// resolveChartSettings: what a config means, decided before any object is
// made. The expected values are Mailu's and the reference's (the parity
// manifests write the same), not read back from the function.
#include "mailu/chart_settings.hpp"

#include <string>
#include <utility>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "mailu/config_loader.hpp"

namespace mailu {
namespace {

// A config with the required keys, each replaced when `extra` gives it.
ChartSettings resolve(const std::string& extra = "") {
  std::string text = R"({"domain": "example.com", "hostnames": ["mail.example.com"], "subnet": "10.42.0.0/16")";
  for (const auto& [key, value] : {std::pair{"database", R"({"type": "sqlite"})"}, std::pair{"redis", R"({"host": "redis"})"},
                                   std::pair{"secrets", R"({"mailuSecretKey": "mailu-secret"})"}}) {
    if (extra.find('"' + std::string(key) + '"') == std::string::npos) text += fmt::format(R"(, "{}": {})", key, value);
  }
  return resolveChartSettings(parseConfig(text + extra + "}"));
}

TEST(ChartSettings, AMinimalConfigRunsTheCoreAndWebmailWithMailusDefaults) {
  const ChartSettings settings = resolve();
  EXPECT_EQ(settings.namespaceName, "mailu");
  EXPECT_EQ(settings.context.namespaceName, "mailu");
  EXPECT_EQ(settings.context.mailuSecretName, "mailu-secret");
  EXPECT_EQ(settings.context.images.registry, "ghcr.io/mailu");
  EXPECT_EQ(settings.context.images.tag, "2024.06");
  EXPECT_FALSE(settings.context.database);
  EXPECT_EQ(settings.context.sharedConfigMap, nullptr);  // made when composing

  EXPECT_TRUE(settings.admin && settings.front && settings.dovecot && settings.rspamd && settings.webmail);
  EXPECT_FALSE(settings.clamav || settings.fetchmail || settings.webdav || settings.traefikIngress);
  EXPECT_TRUE(settings.networkPolicies);  // D15
  EXPECT_FALSE(settings.switches.fetchmail || settings.switches.mailRoutes || settings.switches.proxyProtocol);
  EXPECT_FALSE(settings.admin->initialAdmin);
  EXPECT_EQ(settings.webmail->webmailType, WebmailType::kRoundcube);
  EXPECT_FALSE(settings.postfix.proxyProtocolListener);
  EXPECT_EQ(settings.dovecotSubmission.domain, "example.com");
  EXPECT_TRUE(settings.dovecotSubmission.postfixAddress.empty());  // set when composing

  const auto& env = settings.environment;
  EXPECT_EQ(env.at("TZ"), "UTC");
  EXPECT_EQ(env.at("MESSAGE_SIZE_LIMIT"), "52428800");  // 50 MiB
  EXPECT_EQ(env.at("POSTMASTER"), "postmaster");
  EXPECT_EQ(env.at("DB_FLAVOR"), "sqlite");
  EXPECT_EQ(env.at("REDIS_ADDRESS"), "redis:6379");
  EXPECT_EQ(settings.redisPort, 6379);
  EXPECT_EQ(env.at("HOSTNAMES"), "mail.example.com");
  EXPECT_FALSE(env.contains("DB_HOST"));
  EXPECT_FALSE(env.contains("LOG_LEVEL"));
  EXPECT_FALSE(env.contains("ADMIN_ADDRESS"));  // addresses come with the Services
}

TEST(ChartSettings, ResourcesAndStorageTakeTheRegistrysDefaultsUnlessGiven) {
  const ChartSettings settings = resolve(R"(, "resources": {"dovecot": {"limits": {"memory": "2Gi"}}},
      "storage": {"storageClass": "fast", "dovecot": {"size": "200Gi"}, "admin": {"size": "1Gi", "storageClass": "slow"}})");
  // The seed's "Component Specifications" (D3): dovecot 200m/1Gi, 1000m/2Gi.
  EXPECT_EQ(settings.dovecot->resources.memoryLimit, "2Gi");
  EXPECT_EQ(settings.dovecot->resources.memoryRequest, "1Gi");
  EXPECT_EQ(settings.dovecot->resources.cpuLimit, "1000m");
  EXPECT_EQ(settings.rspamd->resources.memoryRequest, "512Mi");
  EXPECT_EQ(settings.dovecot->storage.size, "200Gi");
  EXPECT_EQ(settings.dovecot->storage.storageClass, "fast");
  EXPECT_EQ(settings.admin->storage.size, "1Gi");
  EXPECT_EQ(settings.admin->storage.storageClass, "slow");
  EXPECT_EQ(settings.rspamd->storage.size, "5Gi");  // learned spam data
  EXPECT_EQ(settings.rspamd->storage.storageClass, "fast");
}

TEST(ChartSettings, PostgresqlOnItsDefaultPortIsTheHostAlone) {
  const ChartSettings byDefault = resolve(R"(, "database": {"type": "postgresql",
      "postgresql": {"host": "pg", "secretName": "pg-credentials"}})");
  ASSERT_TRUE(byDefault.context.database);
  EXPECT_EQ(byDefault.context.database->address, "pg");
  EXPECT_EQ(byDefault.context.database->name, "mailu");
  EXPECT_EQ(byDefault.context.database->usernameKey, "username");
  EXPECT_EQ(byDefault.environment.at("DB_HOST"), "pg");
  EXPECT_EQ(byDefault.environment.at("DB_FLAVOR"), "postgresql");
  EXPECT_EQ(byDefault.postgresqlPort, 5432);

  // Mailu reads DB_HOST alone, so another port rides along (D10).
  const ChartSettings otherPort = resolve(R"(, "database": {"type": "postgresql",
      "postgresql": {"host": "pg", "port": 6432, "database": "mail", "secretName": "pg-credentials",
                     "secretKeys": {"username": "user", "password": "pass"}}}, "redis": {"host": "r", "port": 7000})");
  EXPECT_EQ(otherPort.environment.at("DB_HOST"), "pg:6432");
  EXPECT_EQ(otherPort.environment.at("DB_NAME"), "mail");
  EXPECT_EQ(otherPort.context.database->passwordKey, "pass");
  EXPECT_EQ(otherPort.postgresqlPort, 6432);
  EXPECT_EQ(otherPort.redisPort, 7000);
  EXPECT_EQ(otherPort.environment.at("REDIS_ADDRESS"), "r:7000");
}

TEST(ChartSettings, TraefikDecidesTheMailRoutesAndThePROXYProtocolOfEveryComponent) {
  const std::string traefik = R"(, "ingress": {"enabled": true, "type": "traefik", "traefik": {"hostname": "mail.example.com")";
  const ChartSettings byDefault = resolve(traefik + "}}");
  ASSERT_TRUE(byDefault.traefikIngress);
  EXPECT_TRUE(byDefault.traefikIngress->enableTcp);
  EXPECT_TRUE(byDefault.traefikIngress->proxyProtocol);  // D14
  EXPECT_EQ(byDefault.traefikIngress->smtpConnectionLimit, 15);
  EXPECT_EQ(byDefault.traefikIngress->certIssuer, "letsencrypt-cluster-issuer");
  EXPECT_TRUE(byDefault.switches.mailRoutes && byDefault.switches.proxyProtocol);
  EXPECT_TRUE(byDefault.front->proxyProtocol);
  EXPECT_TRUE(byDefault.postfix.proxyProtocolListener);

  // Without the TCP routes there is nothing to send the PROXY protocol on.
  const ChartSettings noTcp = resolve(traefik + R"(, "enableTcp": false, "smtpConnectionLimit": 3}})");
  EXPECT_FALSE(noTcp.traefikIngress->enableTcp);
  EXPECT_FALSE(noTcp.traefikIngress->proxyProtocol);
  EXPECT_EQ(noTcp.traefikIngress->smtpConnectionLimit, 3);
  EXPECT_FALSE(noTcp.switches.mailRoutes || noTcp.switches.proxyProtocol);
  EXPECT_FALSE(noTcp.front->proxyProtocol);
  EXPECT_FALSE(noTcp.postfix.proxyProtocolListener);

  const ChartSettings noProxy = resolve(traefik + R"(, "proxyProtocol": false}})");
  EXPECT_TRUE(noProxy.switches.mailRoutes);
  EXPECT_FALSE(noProxy.switches.proxyProtocol || noProxy.postfix.proxyProtocolListener || noProxy.front->proxyProtocol);

  // Only the Traefik type makes objects.
  EXPECT_FALSE(resolve(R"(, "ingress": {"enabled": true, "type": "nginx"})").traefikIngress);
  EXPECT_FALSE(
      resolve(R"(, "ingress": {"enabled": false, "type": "traefik", "traefik": {"hostname": "mail.example.com"}})")
          .traefikIngress);
}

TEST(ChartSettings, FetchmailDeliversToFront) {
  const ChartSettings settings = resolve(R"(, "components": {"fetchmail": true, "clamav": true, "webdav": true})");
  EXPECT_TRUE(settings.fetchmail && settings.clamav && settings.webdav);
  EXPECT_TRUE(settings.switches.fetchmail);
  EXPECT_TRUE(settings.front->fetchmailDelivery);  // D21
  EXPECT_FALSE(resolve().front->fetchmailDelivery);
}

TEST(ChartSettings, GivenValuesReplaceOnlyTheirOwnDefaults) {
  const ChartSettings settings = resolve(R"(, "namespace": "mail", "timezone": "Europe/Berlin",
      "images": {"tag": "2024.06.57", "pullPolicy": "Always"},
      "postfix": {"rateLimits": {"connectionRate": 5, "timeUnit": "1m"}},
      "mailu": {"logLevel": "DEBUG", "messageSizeLimit": 10, "webmailType": "snappymail", "apiEnabled": true,
                "initialAccount": {"username": "boss"}},
      "secrets": {"mailuSecretKey": "k", "initialAdminPassword": "admin-pw", "apiToken": "api"},
      "components": {"admin": true, "rspamd": false})");
  EXPECT_EQ(settings.namespaceName, "mail");
  EXPECT_EQ(settings.dovecot->context.namespaceName, "mail");
  EXPECT_EQ(settings.context.images.registry, "ghcr.io/mailu");
  EXPECT_EQ(settings.context.images.tag, "2024.06.57");
  EXPECT_EQ(settings.context.images.pullPolicy, cdk8s::plus::ImagePullPolicy::kAlways);
  EXPECT_EQ(settings.environment.at("TZ"), "Europe/Berlin");
  EXPECT_EQ(settings.environment.at("LOG_LEVEL"), "DEBUG");
  EXPECT_EQ(settings.environment.at("MESSAGE_SIZE_LIMIT"), "10485760");
  EXPECT_EQ(settings.environment.at("POSTMASTER"), "boss");
  EXPECT_EQ(settings.webmail->webmailType, WebmailType::kSnappymail);
  EXPECT_FALSE(settings.rspamd);

  const PostfixRateLimitSettings& limits = settings.postfix.rateLimits;
  EXPECT_EQ(limits.connectionRate, 5);
  EXPECT_EQ(limits.timeUnit, "1m");
  EXPECT_EQ(limits.connectionCount, 10);  // Postfix's anvil defaults as the chart writes them (D11)
  EXPECT_EQ(limits.messageRate, 100);
  EXPECT_EQ(limits.recipientRate, 300);

  ASSERT_TRUE(settings.admin->initialAdmin && settings.admin->initialAdmin->account);
  EXPECT_EQ(settings.admin->initialAdmin->passwordSecretName, "admin-pw");
  EXPECT_EQ(settings.admin->initialAdmin->account->username, "boss");
  EXPECT_EQ(settings.admin->initialAdmin->account->domain, "example.com");
  EXPECT_EQ(settings.admin->initialAdmin->account->mode, InitialAccountMode::kUpdate);
  EXPECT_EQ(settings.admin->apiTokenSecretName, "api");
}

TEST(ChartSettings, NetworkPoliciesCanBeTurnedOff) {
  EXPECT_FALSE(resolve(R"(, "networkPolicies": {"enabled": false})").networkPolicies);
  EXPECT_TRUE(resolve(R"(, "networkPolicies": {"egress": true})").networkPolicies);
  EXPECT_TRUE(resolve(R"(, "networkPolicies": {"enabled": true})").networkPolicies);
}

}  // namespace
}  // namespace mailu
