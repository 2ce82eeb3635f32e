// MailuChart: the whole deployment from one config, and the deliberate
// differences from the reference library (D1-D21, docs/migration.md).
#include "mailu/mailu_chart.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "cdk8s/testing.hpp"
#include "config_fixtures.hpp"
#include "constructs/construct_test_support.hpp"
#include "mailu/config_error.hpp"
#include "text_predicates.hpp"
#include "value_formats.hpp"

namespace {

using namespace mailu::construct_test;
using mailu::MailuChart;
using mailu::MailuChartConfig;

using testconfig::minimalConfig;

MailuChartConfig allComponents() {
  MailuChartConfig config = minimalConfig();
  config.components = mailu::ComponentsConfig{.clamav = true, .fetchmail = true, .webdav = true};
  return config;
}

// Each Deployment's first container, by the Deployment's component label.
std::map<std::string, Json> containersByComponent(MailuChart& chart) {
  std::map<std::string, Json> containers;
  for (const Json& d : ofKind(cdk8s::Testing::synth(chart), "Deployment")) {
    containers[d.at("metadata").at("labels").at("app.kubernetes.io/component")] =
        d.at("spec").at("template").at("spec").at("containers").at(0);
  }
  return containers;
}

Json resourcesOf(const std::string& cpuRequest, const std::string& memoryRequest, const std::string& cpuLimit,
                 const std::string& memoryLimit) {
  return Json{{"limits", Json{{"cpu", cpuLimit}, {"memory", memoryLimit}}},
              {"requests", Json{{"cpu", cpuRequest}, {"memory", memoryRequest}}}};
}

TEST(MailuChart, ServiceAddressesUseTheEffectiveNamespace) {
  cdk8s::App app;
  MailuChart byDefault(app, "mailu", minimalConfig());
  const auto& data = byDefault.sharedConfigMap().data();
  EXPECT_EQ(data.at("ADMIN_ADDRESS"), "mailu-admin-service-c8ad3a23.mailu.svc.cluster.local");
  for (const char* key : {"ANTISPAM_ADDRESS", "FRONT_ADDRESS", "IMAP_ADDRESS", "SMTP_ADDRESS", "SUBMISSION_ADDRESS",
                          "WEBMAIL_ADDRESS"}) {
    EXPECT_TRUE(data.at(key).ends_with(".mailu.svc.cluster.local")) << key << ": " << data.at(key);
  }

  cdk8s::App other;
  MailuChartConfig config = minimalConfig();
  config.namespace_ = "mail";
  MailuChart named(other, "mailu", config);
  EXPECT_EQ(named.sharedConfigMap().data().at("SMTP_ADDRESS"), "mailu-postfix-service-c8dc7636.mail.svc.cluster.local");
  EXPECT_EQ(named.mailuNamespace().name(), "mail");
}

TEST(MailuChart, WebmailIsOnUnlessDisabled) {
  cdk8s::App app;
  MailuChart byDefault(app, "on", minimalConfig());
  ASSERT_NE(byDefault.webmail(), nullptr);
  EXPECT_TRUE(byDefault.sharedConfigMap().data().contains("WEBMAIL_ADDRESS"));

  MailuChartConfig config = minimalConfig();
  config.components = mailu::ComponentsConfig{.webmail = false};
  MailuChart disabled(app, "off", config);
  EXPECT_EQ(disabled.webmail(), nullptr);
  EXPECT_FALSE(disabled.sharedConfigMap().data().contains("WEBMAIL_ADDRESS"));
  EXPECT_FALSE(containersByComponent(disabled).contains("webmail"));
}

TEST(MailuChart, OptionalComponentsAreAbsentUnlessEnabled) {
  cdk8s::App app;
  MailuChart chart(app, "mailu", minimalConfig());
  EXPECT_EQ(chart.clamav(), nullptr);
  EXPECT_EQ(chart.fetchmail(), nullptr);
  EXPECT_EQ(chart.webdav(), nullptr);
  EXPECT_EQ(chart.traefikIngress(), nullptr);
  std::set<std::string> components;
  for (const auto& [component, container] : containersByComponent(chart)) components.insert(component);
  EXPECT_EQ(components, (std::set<std::string>{"admin", "dovecot", "dovecot-submission", "front", "postfix", "rspamd",
                                               "webmail"}));
}

TEST(MailuChart, DisabledComponentsLeaveNoAddressBehind) {
  cdk8s::App app;
  MailuChartConfig config = minimalConfig();
  config.components = mailu::ComponentsConfig{.admin = false, .front = false, .dovecot = false, .rspamd = false};
  MailuChart chart(app, "mailu", config);
  const auto& data = chart.sharedConfigMap().data();
  for (const char* key : {"ADMIN_ADDRESS", "FRONT_ADDRESS", "IMAP_ADDRESS", "ANTISPAM_ADDRESS"}) {
    EXPECT_FALSE(data.contains(key)) << key;
  }
  EXPECT_TRUE(data.contains("SMTP_ADDRESS"));
  EXPECT_TRUE(data.contains("SUBMISSION_ADDRESS"));
  EXPECT_EQ(envNames(containersByComponent(chart).at("webmail")),
            (std::vector<std::string>{"SECRET_KEY", "WEBMAIL", "SMTP_ADDRESS"}));
}

TEST(MailuChart, EveryContainerHasRequestsAndLimits) {
  cdk8s::App app;
  MailuChart chart(app, "mailu", allComponents());
  const std::map<std::string, Json> expected{
      {"admin", resourcesOf("100m", "256Mi", "500m", "512Mi")},
      {"front", resourcesOf("100m", "256Mi", "500m", "512Mi")},
      {"webmail", resourcesOf("100m", "256Mi", "500m", "512Mi")},
      {"postfix", resourcesOf("100m", "512Mi", "500m", "1024Mi")},
      {"rspamd", resourcesOf("100m", "512Mi", "500m", "1024Mi")},
      {"dovecot", resourcesOf("200m", "1024Mi", "1000m", "2048Mi")},
      {"dovecot-submission", resourcesOf("100m", "256Mi", "300m", "512Mi")},
      {"clamav", resourcesOf("500m", "1024Mi", "2000m", "2048Mi")},
      {"fetchmail", resourcesOf("50m", "128Mi", "200m", "256Mi")},
      {"webdav", resourcesOf("50m", "128Mi", "200m", "256Mi")},
  };
  const auto containers = containersByComponent(chart);
  ASSERT_EQ(containers.size(), expected.size());
  for (const auto& [component, resources] : expected) {
    EXPECT_EQ(containers.at(component).at("resources"), resources) << component;
  }
}

TEST(MailuChart, ResourceOverridesReplaceOnlyTheFieldsGiven) {
  cdk8s::App app;
  MailuChartConfig config = minimalConfig();
  config.resources = mailu::ResourcesConfig{
      .admin = mailu::ResourceRequirements{.requests = mailu::ResourceQuantities{.cpu = "0.25"},
                                           .limits = mailu::ResourceQuantities{.memory = "1.5Gi"}}};
  MailuChart chart(app, "mailu", config);
  EXPECT_EQ(containersByComponent(chart).at("admin").at("resources"), resourcesOf("0.25", "256Mi", "500m", "1536Mi"));
}

TEST(MailuChart, DovecotSubmissionReadsItsOwnResources) {
  cdk8s::App app;
  MailuChartConfig config = minimalConfig();
  config.resources = mailu::ResourcesConfig{
      .dovecot = mailu::ResourceRequirements{.requests = mailu::ResourceQuantities{.cpu = "400m", .memory = "1.5Gi"}}};
  MailuChart onlyDovecot(app, "one", config);
  EXPECT_EQ(containersByComponent(onlyDovecot).at("dovecot-submission").at("resources"),
            resourcesOf("100m", "256Mi", "300m", "512Mi"));

  config.resources->dovecotSubmission = mailu::ResourceRequirements{
      .requests = mailu::ResourceQuantities{.cpu = "150m", .memory = "300Mi"},
      .limits = mailu::ResourceQuantities{.cpu = "0.5", .memory = "1Gi"}};
  MailuChart both(app, "two", config);
  const auto containers = containersByComponent(both);
  EXPECT_EQ(containers.at("dovecot-submission").at("resources"), resourcesOf("150m", "300Mi", "0.5", "1024Mi"));
  EXPECT_EQ(containers.at("dovecot").at("resources"), resourcesOf("400m", "1536Mi", "1000m", "2048Mi"));
}

TEST(MailuChart, PullPolicyReachesEveryContainer) {
  cdk8s::App app;
  MailuChartConfig config = allComponents();
  config.images =
      mailu::ImagesConfig{.registry = "registry.example.org/mailu", .pullPolicy = mailu::PullPolicy::kNever};
  MailuChart chart(app, "mailu", config);
  const auto containers = containersByComponent(chart);
  ASSERT_EQ(containers.size(), 10u);
  for (const auto& [component, container] : containers) {
    EXPECT_EQ(container.at("imagePullPolicy"), "Never") << component;
  }
  EXPECT_EQ(containers.at("admin").at("image"), "registry.example.org/mailu/admin:2024.06");
  EXPECT_EQ(containers.at("dovecot-submission").at("image"), "dovecot/dovecot:2.3-latest");
}

TEST(MailuChart, StorageClassFallsBackToTheGlobalOne) {
  cdk8s::App app;
  MailuChartConfig config = minimalConfig();
  config.storage = mailu::StorageConfig{
      .storageClass = "longhorn",
      .dovecot = mailu::ComponentStorageConfig{.size = "200Gi", .storageClass = "fast"}};
  MailuChart chart(app, "mailu", config);
  const Json dovecot = chart.dovecot()->claim().apiObject().toJson().at("spec");
  EXPECT_EQ(dovecot.at("storageClassName"), "fast");
  EXPECT_EQ(dovecot.at("resources").at("requests").at("storage"), "200Gi");
  const Json admin = chart.admin()->claim().apiObject().toJson().at("spec");
  EXPECT_EQ(admin.at("storageClassName"), "longhorn");
  EXPECT_EQ(admin.at("resources").at("requests").at("storage"), "5Gi");
}

TEST(MailuChart, ClaimsTakeTheDefaultSizesAndTheClusterClass) {
  cdk8s::App app;
  MailuChart chart(app, "mailu", allComponents());
  std::map<std::string, std::string> sizes;
  for (const Json& claim : ofKind(cdk8s::Testing::synth(chart), "PersistentVolumeClaim")) {
    EXPECT_FALSE(claim.at("spec").contains("storageClassName")) << claim.at("metadata").at("name");
    sizes[claim.at("metadata").at("name")] = claim.at("spec").at("resources").at("requests").at("storage");
  }
  EXPECT_EQ(sizes, (std::map<std::string, std::string>{
                       {chart.admin()->claim().name(), "5Gi"}, {chart.postfix()->claim().name(), "5Gi"},
                       {chart.dovecot()->claim().name(), "100Gi"}, {chart.rspamd()->claim().name(), "5Gi"},
                       {chart.webmail()->claim().name(), "5Gi"}, {chart.clamav()->claim().name(), "15Gi"},
                       {chart.webdav()->claim().name(), "5Gi"}}));
}

// --- Chart ids ------------------------------------------------------------------

// Ids of every length around the 63-character cut, with the pieces cdk8s
// leaves out of names ("default", "resource") in front.
std::vector<std::string> chartIdSamples() {
  std::vector<std::string> ids = {"mailu", "Mailu-Prod", "x", "default", "Default-Resource", "default-mail",
                                  "resource-9", "default-1x", "a--b", "mail-", "-mail", "9lives", "1mail",
                                  "Mail_Box", "mail.box", "a b", "caf\xc3\xa9", std::string(80, 'd'),
                                  "default-" + std::string(70, 'x') + "-1", std::string(60, 'a') + "-9b"};
  std::mt19937 random(14);  // fixed seed: the same ids on every run
  const std::string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789----";
  std::uniform_int_distribution<std::size_t> length(1, 90);
  std::uniform_int_distribution<std::size_t> letter(0, alphabet.size() - 1);
  for (int i = 0; i < 120; ++i) {
    std::string id(length(random), ' ');
    for (char& c : id) c = alphabet[letter(random)];
    if (i % 4 == 0) id = (i % 8 == 0 ? "default-" : "Resource-") + id;
    ids.push_back(std::move(id));
  }
  return ids;
}

MailuChartConfig everyObject() {
  MailuChartConfig config = allComponents();
  config.ingress = mailu::IngressConfig{.enabled = true, .type = mailu::IngressType::kTraefik,
                                        .traefik = mailu::TraefikIngressConfig{.hostname = "mail.example.com"}};
  return config;
}

// What Kubernetes asks of a name of this kind (Namespaces are named by the
// config, not the id).
bool nameFitsKind(const std::string& kind, const std::string& name) {
  const bool label = mailu::validation::isDns1123Label(name);
  if (kind == "Service") return label && name.front() >= 'a' && name.front() <= 'z';  // RFC 1035
  return label;
}

// The rule is enough: every id it takes gives valid names to every object of
// a chart with every component, the ingress and the NetworkPolicies.
TEST(MailuChart, ChartIdRuleGivesValidNames) {
  std::size_t accepted = 0;
  for (const std::string& id : chartIdSamples()) {
    if (MailuChart::chartIdProblem(id)) continue;
    ++accepted;
    cdk8s::App app;
    MailuChart chart(app, id, everyObject());
    for (cdk8s::ApiObject* object : chart.apiObjects()) {
      EXPECT_TRUE(nameFitsKind(object->kind(), object->name())) << id << ": " << object->kind() << " " << object->name();
    }
  }
  EXPECT_GT(accepted, 40u);
}

// ... and not stricter than it must be where names are not cut: what it
// refuses would give some object an invalid name (a Service in a chart of
// that id, named the way cdk8s names it). Only ids with a character cdk8s
// drops from names (a space, a non-ASCII letter) are refused by choice: their
// names would not show the id as it was given ("a b" names "ab-...").
TEST(MailuChart, ChartIdsRefusedWouldGiveInvalidNames) {
  const auto keptInNames = [](char c) { return mailu::validation::isAlnum(c) || c == '-' || c == '_' || c == '.'; };
  std::size_t refused = 0;
  for (const std::string& id : chartIdSamples()) {
    if (id.empty() || id.size() > 20 || !MailuChart::chartIdProblem(id)) continue;
    if (!std::all_of(id.begin(), id.end(), keptInNames)) continue;
    ++refused;
    cdk8s::App app;
    cdk8s::Chart chart(app, id);
    cdk8s::Construct postfix(chart, "postfix");
    cdk8s::ApiObject service(postfix, "service", cdk8s::ApiObjectProps{.apiVersion = "v1", .kind = "Service"});
    EXPECT_FALSE(nameFitsKind("Service", service.name())) << id << " gives " << service.name();
  }
  EXPECT_GE(refused, 8u);
}

TEST(MailuChart, RefusesChartIdsThatMakeInvalidNames) {
  for (const char* id : {"1mail", "Mail_Box", "mail.box", "default-1x", ""}) {
    cdk8s::App app;
    try {
      MailuChart chart(app, id, minimalConfig());
      ADD_FAILURE() << "chart id " << id << " was accepted";
    } catch (const mailu::ConfigError& error) {
      ASSERT_EQ(error.problems().size(), 1u);
      EXPECT_EQ(error.problems().front().path, "chart id") << id;
      EXPECT_EQ(error.problems().front().message, *MailuChart::chartIdProblem(id)) << id;
    }
  }
  EXPECT_EQ(MailuChart::chartIdProblem("9lives"),
            "must start with a letter (pieces 'default' and 'resource' are left out of names), as Service names do "
            "(got \"9lives\")");
  EXPECT_EQ(MailuChart::chartIdProblem("a.b"),
            "must be ASCII letters, digits and '-', as it starts every object name (got \"a.b\")");
  for (const char* id : {"Mailu-Prod", "default", "mail-", "-mail"}) {
    cdk8s::App app;
    EXPECT_NO_THROW(MailuChart(app, id, minimalConfig())) << id;
  }
}

TEST(MailuChart, NamesObjectsLikeTheReferenceLibrary) {
  cdk8s::App app;
  MailuChart chart(app, "mailu", minimalConfig());
  EXPECT_EQ(chart.admin()->deployment().name(), "mailu-admin-deployment-c83400dc");
  EXPECT_EQ(chart.front()->service().name(), "mailu-front-service-c89f5122");
  EXPECT_EQ(chart.postfix()->service().name(), "mailu-postfix-service-c8dc7636");
  EXPECT_EQ(chart.dovecotSubmission()->configMap().name(), "mailu-dovecot-submission-configmap-c8544fc0");
  EXPECT_EQ(chart.sharedConfigMap().name(), "mailu-env-config-c8ffb9e6");
}

TEST(MailuChart, DovecotSubmissionRelaysToThePostfixServiceFqdn) {
  cdk8s::App app;
  MailuChart chart(app, "mailu", minimalConfig());
  const std::string conf = chart.dovecotSubmission()->configMap().data().at("dovecot.conf");
  // The postfix Service's FQDN in the effective namespace, and the chart's mail domain.
  EXPECT_NE(conf.find("\nsubmission_relay_host = mailu-postfix-service-c8dc7636.mailu.svc.cluster.local\n"),
            std::string::npos);
  EXPECT_NE(conf.find("\nsubmission_relay_port = 25\n"), std::string::npos);
  EXPECT_NE(conf.find("\nhostname = example.com\n"), std::string::npos);
}

TEST(MailuChart, TraefikIngressRoutesToFrontAndPostfixAndNeedsFront) {
  MailuChartConfig config = minimalConfig();
  config.ingress = mailu::IngressConfig{.enabled = true, .type = mailu::IngressType::kTraefik,
                                        .traefik = mailu::TraefikIngressConfig{.hostname = "mail.example.com"}};
  cdk8s::App app;
  MailuChart chart(app, "mailu", config);
  ASSERT_NE(chart.traefikIngress(), nullptr);
  const std::vector<Json> docs = cdk8s::Testing::synth(chart);
  EXPECT_EQ(ofKind(docs, "Ingress").at(0).at("spec").at("rules").at(0).at("http").at("paths").at(0).at("backend"),
            Json::parse(R"({"service": {"name": "mailu-front-service-c89f5122", "port": {"number": 80}}})"));
  EXPECT_EQ(ofKind(docs, "IngressRouteTCP").size(), 5u);

  // Without front the ingress would route to nothing: refused, as in a file,
  // and the refused chart leaves nothing in the app.
  config.components = mailu::ComponentsConfig{.front = false};
  EXPECT_THROW(MailuChart(app, "nofront", config), mailu::ConfigError);
  EXPECT_EQ(app.children().size(), 1u);
}

TEST(MailuChart, SharedConfigMapCarriesTheMailuSettings) {
  MailuChartConfig config = minimalConfig();
  config.database = mailu::DatabaseConfig{.type = mailu::DatabaseType::kPostgresql,
                                          .postgresql = mailu::PostgresqlConfig{.host = "pg", .secretName = "pg-app"}};
  config.mailu = mailu::MailuSettings{.messageSizeLimit = 25};
  config.timezone = "Europe/Berlin";
  cdk8s::App app;
  MailuChart chart(app, "mailu", config);
  const auto& data = chart.sharedConfigMap().data();
  EXPECT_EQ(data.at("MESSAGE_SIZE_LIMIT"), "26214400");
  EXPECT_EQ(data.at("DB_FLAVOR"), "postgresql");
  EXPECT_EQ(data.at("DB_HOST"), "pg");
  EXPECT_EQ(data.count("DB_PORT"), 0u);  // read by nothing (D10)
  EXPECT_EQ(data.at("DB_NAME"), "mailu");
  EXPECT_EQ(data.at("TZ"), "Europe/Berlin");  // D9
  EXPECT_EQ(data.count("TIMEZONE"), 0u);
  EXPECT_EQ(data.at("REDIS_ADDRESS"), "redis:6379");
  EXPECT_EQ(data.at("TLS_FLAVOR"), "notls");
  EXPECT_EQ(envVar(containersByComponent(chart).at("admin"), "DB_PW").at("valueFrom"),
            Json::parse(R"({"secretKeyRef": {"key": "password", "name": "pg-app"}})"));
}

MailuChartConfig withTraefik(MailuChartConfig config, mailu::TraefikIngressConfig traefik = {.hostname = "mail.example.com"}) {
  config.ingress = mailu::IngressConfig{.enabled = true, .type = mailu::IngressType::kTraefik, .traefik = traefik};
  return config;
}

MailuChartConfig withPostgresql(MailuChartConfig config, std::optional<int> port) {
  config.database = mailu::DatabaseConfig{
      .type = mailu::DatabaseType::kPostgresql,
      .postgresql = mailu::PostgresqlConfig{.host = "pg.db", .port = port, .database = "mail", .secretName = "pg-app"}};
  return config;
}

TEST(MailuChart, DatabaseHostCarriesAPortOtherThan5432) {
  cdk8s::App app;
  MailuChart custom(app, "custom", withPostgresql(minimalConfig(), 6432));
  EXPECT_EQ(custom.sharedConfigMap().data().at("DB_HOST"), "pg.db:6432");  // D10
  EXPECT_EQ(envVar(containersByComponent(custom).at("webmail"), "ROUNDCUBE_DB_HOST").at("value"), "pg.db:6432");
  MailuChart standard(app, "standard", withPostgresql(minimalConfig(), 5432));
  EXPECT_EQ(standard.sharedConfigMap().data().at("DB_HOST"), "pg.db");
}

TEST(MailuChart, OnlyAdminAndWebmailGetDatabaseCredentials) {
  cdk8s::App app;
  MailuChart chart(app, "mailu", withPostgresql(allComponents(), std::nullopt));
  std::set<std::string> withCredentials;
  for (const auto& [component, container] : containersByComponent(chart)) {
    for (const std::string& name : envNames(container)) {
      if (name.find("DB_USER") != std::string::npos || name.find("DB_PW") != std::string::npos) {
        withCredentials.insert(component + ":" + name);
      }
    }
  }
  // D18: postfix and dovecot ask admin; Roundcube reads its own names (D12).
  EXPECT_EQ(withCredentials, (std::set<std::string>{"admin:DB_PW", "admin:DB_USER", "webmail:ROUNDCUBE_DB_PW",
                                                    "webmail:ROUNDCUBE_DB_USER"}));
}

TEST(MailuChart, SharesTheAntivirusAndWebdavAddressesOnlyWhenEnabled) {
  cdk8s::App app;
  MailuChart all(app, "mailu", allComponents());
  const auto& data = all.sharedConfigMap().data();
  EXPECT_EQ(data.at("ANTIVIRUS"), "clamav");  // D17
  EXPECT_EQ(data.at("ANTIVIRUS_ADDRESS"), all.clamav()->service().name() + ".mailu.svc.cluster.local");
  EXPECT_EQ(data.at("WEBDAV_ADDRESS"), all.webdav()->service().name() + ".mailu.svc.cluster.local");  // D19
  MailuChart minimal(app, "minimal", minimalConfig());
  for (const char* key : {"ANTIVIRUS", "ANTIVIRUS_ADDRESS", "WEBDAV_ADDRESS"}) {
    EXPECT_EQ(minimal.sharedConfigMap().data().count(key), 0u) << key;
  }
}

TEST(MailuChart, DovecotRedirectsThroughPostfixAndFetchmailDeliversToFront) {
  cdk8s::App app;
  MailuChart chart(app, "mailu", allComponents());
  const auto containers = containersByComponent(chart);
  // The shared FRONT_ADDRESS is dovecot itself (Postfix's LMTP target).
  EXPECT_EQ(chart.sharedConfigMap().data().at("FRONT_ADDRESS"),
            chart.dovecot()->service().name() + ".mailu.svc.cluster.local");
  EXPECT_EQ(envVar(containers.at("dovecot"), "FRONT_ADDRESS").at("value"),  // D16
            chart.postfix()->service().name() + ".mailu.svc.cluster.local");
  EXPECT_EQ(envVar(containers.at("fetchmail"), "FRONT_ADDRESS").at("value"),  // D21
            chart.front()->service().name() + ".mailu.svc.cluster.local");
  const auto frontPorts = servicePorts(chart.front()->service().apiObject().toJson());
  EXPECT_EQ(std::vector(frontPorts.end() - 2, frontPorts.end()),
            (std::vector<std::pair<std::string, int>>{{"smtp", 25}, {"lmtp", 2525}}));
}

TEST(MailuChart, TraefikSendsTheProxyProtocolByDefaultAndMailuExpectsIt) {
  struct Case {
    const char* id;
    mailu::TraefikIngressConfig traefik;
    bool proxied;
  };
  for (const Case& c : {Case{"default", {.hostname = "mail.example.com"}, true},
                        Case{"off", {.hostname = "mail.example.com", .proxyProtocol = false}, false},
                        Case{"notcp", {.hostname = "mail.example.com", .enableTcp = false}, false}}) {
    cdk8s::App app;
    MailuChart chart(app, c.id, withTraefik(minimalConfig(), c.traefik));
    const auto containers = containersByComponent(chart);
    EXPECT_EQ(envVar(containers.at("front"), "PROXY_PROTOCOL").is_null(), !c.proxied) << c.id;
    EXPECT_EQ(chart.postfix()->overrides().data().count("postfix.master"), c.proxied ? 1u : 0u) << c.id;
    const auto postfixPorts = servicePorts(chart.postfix()->service().apiObject().toJson());
    EXPECT_EQ(postfixPorts.back().first, c.proxied ? "smtp-proxy" : "submission") << c.id;
    const std::vector<Json> routes = ofKind(cdk8s::Testing::synth(chart), "IngressRouteTCP");
    ASSERT_EQ(routes.size(), c.traefik.enableTcp.value_or(true) ? 5u : 0u) << c.id;
    for (const Json& route : routes) {
      const Json service = route.at("spec").at("routes").at(0).at("services").at(0);
      EXPECT_EQ(service.contains("proxyProtocol"), c.proxied) << c.id << " " << route.at("metadata").at("name");
      if (route.at("metadata").at("name") == "mailu-smtp") {
        EXPECT_EQ(service.at("port"), c.proxied ? 2525 : 25) << c.id;
      }
    }
  }
  // Without an ingress nothing sends PROXY, so nothing expects it.
  cdk8s::App app;
  MailuChart plain(app, "plain", minimalConfig());
  EXPECT_TRUE(envVar(containersByComponent(plain).at("front"), "PROXY_PROTOCOL").is_null());
  EXPECT_EQ(plain.postfix()->overrides().data().count("postfix.master"), 0u);
}

TEST(MailuChart, PostfixRateLimitsReachPostfixCf) {
  MailuChartConfig config = minimalConfig();
  config.postfix = mailu::PostfixConfig{.rateLimits = mailu::PostfixRateLimits{.messageRate = 20, .timeUnit = "1h"}};
  cdk8s::App app;
  MailuChart chart(app, "mailu", config);
  // The two given, the defaults for the rest.
  expectAnvilLimits(chart.postfix()->overrides().data().at("postfix.cf"), "60", "10", "20", "300", "1h");
}

TEST(MailuChart, EveryContainerRunsUnderTheRuntimeDefaultSeccompProfileWithoutNetRaw) {
  cdk8s::App app;
  MailuChart chart(app, "mailu", withTraefik(allComponents()));
  const auto containers = containersByComponent(chart);
  ASSERT_EQ(containers.size(), 10u);
  for (const auto& [component, container] : containers) {
    const Json security = container.at("securityContext");
    EXPECT_EQ(security.at("seccompProfile"), Json::parse(R"({"type": "RuntimeDefault"})")) << component;  // D20
    EXPECT_EQ(security.at("capabilities"), Json::parse(R"({"drop": ["NET_RAW"]})")) << component;
  }
}

}  // namespace
