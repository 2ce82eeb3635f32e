#include "mailu/mailu_chart.hpp"

#include <cdk8s/api_object.hpp>

#include "mailu/component_registry.hpp"
#include "mailu/config_error.hpp"
#include "value_formats.hpp"
#include "network_plan.hpp"

namespace mailu {
namespace {

using cdk8s::plus::ImagePullPolicy;

constexpr std::string_view kDefaultNamespace = "mailu";
constexpr int kDefaultMessageSizeLimitMiB = 50;
constexpr int kDefaultPostgresqlPort = 5432;
constexpr int kDefaultRedisPort = 6379;
constexpr std::string_view kDefaultDatabaseName = "mailu";

// DB_HOST as Mailu reads it: the port rides along unless it is the default (D10).
int postgresqlPort(const PostgresqlConfig& pg) { return pg.port.value_or(kDefaultPostgresqlPort); }
int redisPort(const RedisConfig& redis) { return redis.port.value_or(kDefaultRedisPort); }

std::string databaseAddress(const PostgresqlConfig& pg) {
  const int port = postgresqlPort(pg);
  return port == kDefaultPostgresqlPort ? pg.host : pg.host + ":" + std::to_string(port);
}

PostfixRateLimitSettings resolveRateLimits(const std::optional<PostfixConfig>& postfix) {
  PostfixRateLimitSettings settings;
  if (!postfix || !postfix->rateLimits) return settings;
  const PostfixRateLimits& limits = *postfix->rateLimits;
  if (limits.connectionRate) settings.connectionRate = *limits.connectionRate;
  if (limits.connectionCount) settings.connectionCount = *limits.connectionCount;
  if (limits.messageRate) settings.messageRate = *limits.messageRate;
  if (limits.recipientRate) settings.recipientRate = *limits.recipientRate;
  if (limits.timeUnit) settings.timeUnit = *limits.timeUnit;
  return settings;
}

ResourceSettings resolveResources(const ComponentSpec& spec, const std::optional<ResourcesConfig>& resources) {
  ResourceSettings settings{std::string(spec.resources.cpuRequest), std::string(spec.resources.memoryRequest),
                            std::string(spec.resources.cpuLimit), std::string(spec.resources.memoryLimit)};
  if (!resources) return settings;
  const std::optional<ResourceRequirements>& overrides = (*resources).*spec.resourcesKey;
  if (!overrides) return settings;
  if (overrides->requests) {
    if (overrides->requests->cpu) settings.cpuRequest = *overrides->requests->cpu;
    if (overrides->requests->memory) settings.memoryRequest = *overrides->requests->memory;
  }
  if (overrides->limits) {
    if (overrides->limits->cpu) settings.cpuLimit = *overrides->limits->cpu;
    if (overrides->limits->memory) settings.memoryLimit = *overrides->limits->memory;
  }
  return settings;
}

StorageSettings resolveStorage(const ComponentSpec& spec, const std::optional<StorageConfig>& storage) {
  StorageSettings settings{std::string(spec.storageSize)};
  if (!storage || spec.storageKey == nullptr) return settings;
  settings.storageClass = storage->storageClass;
  if (const auto& own = (*storage).*spec.storageKey) {
    settings.size = own->size;
    if (own->storageClass) settings.storageClass = own->storageClass;
  }
  return settings;
}

ImagePullPolicy toPullPolicy(PullPolicy policy) {
  switch (policy) {
    case PullPolicy::kAlways:
      return ImagePullPolicy::kAlways;
    case PullPolicy::kNever:
      return ImagePullPolicy::kNever;
    case PullPolicy::kIfNotPresent:
      return ImagePullPolicy::kIfNotPresent;
  }
  return ImagePullPolicy::kIfNotPresent;
}

bool enabled(const std::optional<ComponentsConfig>& components, Component component) {
  const ComponentSpec& spec = componentSpec(component);
  if (!components || spec.enabledKey == nullptr) return spec.enabledByDefault;
  return ((*components).*spec.enabledKey).value_or(spec.enabledByDefault);
}

}  // namespace

MailuChart::MailuChart(cdk8s::Construct& scope, std::string_view id, MailuChartConfig config, cdk8s::ChartProps props)
    : Chart(scope, id, std::move(props)), config_(std::move(config)) {
  namespaceName_ = config_.namespace_.value_or(std::string(kDefaultNamespace));
  namespace_ = &make<cdk8s::plus::Namespace>("namespace", cdk8s::plus::NamespaceProps{.metadata = {.name = namespaceName_}});
  // The database settings first: the shared ConfigMap writes them too.
  if (config_.database.type == DatabaseType::kPostgresql && config_.database.postgresql) {
    const PostgresqlConfig& pg = *config_.database.postgresql;
    DatabaseSettings database{databaseAddress(pg), pg.database.value_or(std::string(kDefaultDatabaseName)),
                              pg.secretName};
    if (pg.secretKeys) {
      database.usernameKey = pg.secretKeys->username;
      database.passwordKey = pg.secretKeys->password;
    }
    context_.database = std::move(database);
  }
  createSharedConfigMap();

  context_.namespaceName = namespaceName_;
  context_.sharedConfigMap = sharedConfigMap_;
  context_.mailuSecretName = config_.secrets.mailuSecretKey;
  if (config_.images) {
    if (config_.images->registry) context_.images.registry = *config_.images->registry;
    if (config_.images->tag) context_.images.tag = *config_.images->tag;
    if (config_.images->pullPolicy) context_.images.pullPolicy = toPullPolicy(*config_.images->pullPolicy);
  }

  const auto& ingress = config_.ingress;
  const bool frontEnabled = enabled(config_.components, Component::kFront);
  const bool traefik = ingress && ingress->enabled.value_or(false) && ingress->type == IngressType::kTraefik &&
                       ingress->traefik && frontEnabled;
  // The mail routes, and with them the PROXY protocol (D14), on by default.
  const bool traefikTcp = traefik && ingress->traefik->enableTcp.value_or(true);
  const bool proxyProtocol = traefikTcp && ingress->traefik->proxyProtocol.value_or(true);
  // The loader refuses fetchmail without front, where it delivers (D21).
  const bool fetchmailEnabled = enabled(config_.components, Component::kFetchmail) && frontEnabled;
  switches_ = {.fetchmail = fetchmailEnabled, .mailRoutes = traefikTcp, .proxyProtocol = proxyProtocol};

  auto& nginxPatch = make<NginxPatchConfigMap>("nginx-patch", namespaceName_);
  auto& webmailPatch = make<WebmailPatchConfigMap>("webmail-patch", namespaceName_);

  auto resourcesOf = [&](Component component) { return resolveResources(componentSpec(component), config_.resources); };
  auto storageOf = [&](Component component) { return resolveStorage(componentSpec(component), config_.storage); };
  auto on = [&](Component component) { return enabled(config_.components, component); };

  if (on(Component::kAdmin)) {
    AdminProps admin{context_, resourcesOf(Component::kAdmin), storageOf(Component::kAdmin)};
    if (config_.secrets.initialAdminPassword) {
      InitialAdminSettings initial{*config_.secrets.initialAdminPassword};
      if (config_.mailu && config_.mailu->initialAccount) {
        const InitialAccountConfig& account = *config_.mailu->initialAccount;
        initial.account = InitialAccountSettings{account.username, account.domain.value_or(config_.domain),
                                                 std::string(toString(account.mode.value_or(InitialAccountMode::kUpdate)))};
      }
      admin.initialAdmin = initial;
    }
    if (config_.mailu && config_.mailu->apiEnabled.value_or(false) && config_.secrets.apiToken) {
      admin.apiTokenSecretName = config_.secrets.apiToken;
    }
    admin_ = &make<AdminConstruct>("admin", admin);
  }
  if (frontEnabled) {
    front_ = &make<FrontConstruct>("front", FrontProps{.context = context_,
                                                       .resources = resourcesOf(Component::kFront),
                                                       .nginxPatch = &nginxPatch.configMap(),
                                                       .proxyProtocol = proxyProtocol,
                                                       .fetchmailDelivery = fetchmailEnabled});
  }
  // Postfix cannot be disabled: the loader refuses `components.postfix: false`.
  postfix_ = &make<PostfixConstruct>("postfix", PostfixProps{.context = context_,
                                                             .resources = resourcesOf(Component::kPostfix),
                                                             .storage = storageOf(Component::kPostfix),
                                                             .rateLimits = resolveRateLimits(config_.postfix),
                                                             .proxyProtocolListener = proxyProtocol});
  if (on(Component::kDovecot)) {
    dovecot_ = &make<DovecotConstruct>(
        "dovecot", DovecotProps{context_, resourcesOf(Component::kDovecot), storageOf(Component::kDovecot),
                                containerAddresses(Component::kDovecot)});
  }
  if (on(Component::kRspamd)) {
    rspamd_ = &make<RspamdConstruct>("rspamd",
                                     RspamdProps{context_, resourcesOf(Component::kRspamd), storageOf(Component::kRspamd)});
  }
  dovecotSubmission_ = &make<DovecotSubmissionConstruct>(
      "dovecot-submission", DovecotSubmissionProps{context_, resourcesOf(Component::kDovecotSubmission),
                                                   config_.domain, serviceAddress(postfix_->service())});
  // Webmail is on unless disabled (D5): the seeds say "enabled by default".
  if (on(Component::kWebmail)) {
    WebmailProps webmail{context_, resourcesOf(Component::kWebmail), storageOf(Component::kWebmail)};
    if (config_.mailu && config_.mailu->webmailType) webmail.webmailType = toString(*config_.mailu->webmailType);
    webmail.addresses = containerAddresses(Component::kWebmail);
    webmail.webmailPatch = &webmailPatch.configMap();
    webmail_ = &make<WebmailConstruct>("webmail", webmail);
  }
  if (on(Component::kClamav)) {
    clamav_ = &make<ClamavConstruct>("clamav",
                                     ClamavProps{context_, resourcesOf(Component::kClamav), storageOf(Component::kClamav)});
  }
  if (fetchmailEnabled) {
    fetchmail_ = &make<FetchmailConstruct>(
        "fetchmail", FetchmailProps{context_, resourcesOf(Component::kFetchmail), containerAddresses(Component::kFetchmail)});
  }
  if (on(Component::kWebdav)) {
    webdav_ = &make<WebdavConstruct>("webdav",
                                     WebdavProps{context_, resourcesOf(Component::kWebdav), storageOf(Component::kWebdav)});
  }

  addServiceDiscovery();

  if (traefik) {
    const TraefikIngressConfig& settings = *ingress->traefik;
    TraefikIngressProps props{namespaceName_, settings.hostname};
    if (settings.certIssuer) props.certIssuer = *settings.certIssuer;
    props.frontServiceName = front_->service().name();
    props.postfixServiceName = postfix_->service().name();
    props.enableTcp = traefikTcp;
    if (settings.smtpConnectionLimit) props.smtpConnectionLimit = *settings.smtpConnectionLimit;
    props.proxyProtocol = proxyProtocol;
    traefikIngress_ = &make<TraefikIngressConstruct>("traefik-ingress", props);
  }
  // Last in the file: the reference makes no NetworkPolicies (D15).
  if (!config_.networkPolicies || config_.networkPolicies->enabled.value_or(true)) addNetworkPolicies();

  checkResourceNames();
}

void MailuChart::createSharedConfigMap() {
  const MailuChartConfig& c = config_;
  std::string hostnames;
  for (const std::string& hostname : c.hostnames) hostnames += (hostnames.empty() ? "" : ",") + hostname;
  const long messageSizeLimitMiB =
      c.mailu && c.mailu->messageSizeLimit ? *c.mailu->messageSizeLimit : kDefaultMessageSizeLimitMiB;

  std::map<std::string, std::string> data{
      {"DOMAIN", c.domain},
      {"HOSTNAMES", hostnames},
      {"SUBNET", c.subnet},
      // Mailu's images read TZ (D9; the reference's TIMEZONE is read by nothing).
      {"TZ", c.timezone.value_or("UTC")},
      // Traefik terminates TLS; Mailu speaks plaintext inside the cluster.
      {"TLS_FLAVOR", "notls"},
      {"REAL_IP_HEADER", "X-Forwarded-For"},
      {"REAL_IP_FROM", c.subnet},
      // Tells Mailu it runs on Kubernetes, skipping its Docker-only checks.
      {"MAILU_HELM_CHART", "true"},
      {"WEB_ADMIN", "/admin"},
      // Roundcube must build its URLs under /webmail, where front serves it.
      {"WEB_WEBMAIL", "/webmail"},
      {"POSTMASTER", c.mailu && c.mailu->initialAccount ? c.mailu->initialAccount->username : "postmaster"},
      {"MESSAGE_SIZE_LIMIT", std::to_string(messageSizeLimitMiB * 1024 * 1024)},
      {"DB_FLAVOR", c.database.type == DatabaseType::kPostgresql ? "postgresql" : "sqlite"},
  };
  if (context_.database) {
    data["DB_HOST"] = context_.database->address;
    data["DB_NAME"] = context_.database->name;
  }
  data["REDIS_ADDRESS"] = c.redis.host + ":" + std::to_string(redisPort(c.redis));
  if (c.mailu && c.mailu->logLevel) data["LOG_LEVEL"] = *c.mailu->logLevel;

  sharedConfigMap_ = &make<cdk8s::plus::ConfigMap>(
      "env-config",
      cdk8s::plus::ConfigMapProps{.metadata = {.namespace_ = namespaceName_}, .data = std::move(data)});
}

std::string MailuChart::serviceAddress(const cdk8s::plus::Service& service) const {
  return service.name() + "." + namespaceName_ + ".svc.cluster.local";
}

void MailuChart::addNetworkPolicies() {
  NetworkPlanInput input;
  for (const ComponentSpec& spec : mailuComponents()) {
    if (ComponentConstruct* built = component(spec.id)) input.pods.emplace(spec.id, built->deployment().matchLabels());
  }
  input.switches = switches_;
  if (config_.networkPolicies) input.config = *config_.networkPolicies;
  input.subnet = config_.subnet;
  if (context_.database) input.databasePort = postgresqlPort(*config_.database.postgresql);
  input.redisPort = redisPort(config_.redis);
  networkPolicies_ = &make<NetworkPoliciesConstruct>(
      "network-policies", NetworkPoliciesProps{.namespaceName = namespaceName_, .policies = planNetworkPolicies(input)});
}

ComponentConstruct* MailuChart::component(Component component) {
  switch (component) {
    case Component::kFront: return front_;
    case Component::kAdmin: return admin_;
    case Component::kPostfix: return postfix_;
    case Component::kDovecot: return dovecot_;
    case Component::kDovecotSubmission: return dovecotSubmission_;
    case Component::kRspamd: return rspamd_;
    case Component::kWebmail: return webmail_;
    case Component::kClamav: return clamav_;
    case Component::kFetchmail: return fetchmail_;
    case Component::kWebdav: return webdav_;
  }
  return nullptr;
}

std::string MailuChart::addressOf(const AddressVariable& variable) {
  const cdk8s::plus::Service& service = component(variable.target)->service();
  return variable.fullName ? serviceAddress(service) : service.name();
}

std::vector<ContainerVariable> MailuChart::containerAddresses(Component reader) {
  std::vector<ContainerVariable> variables;
  for (const AddressVariable& variable : addressVariables()) {
    if (variable.reader != reader || component(variable.target) == nullptr) continue;
    variables.push_back({std::string(variable.name), addressOf(variable)});
  }
  return variables;
}

void MailuChart::addServiceDiscovery() {
  // The addresses use the effective namespace (D1).
  for (const AddressVariable& variable : addressVariables()) {
    if (variable.reader || component(variable.target) == nullptr) continue;
    sharedConfigMap_->addData(std::string(variable.name), addressOf(variable));
  }
  for (const ComponentSpec& spec : mailuComponents()) {
    if (component(spec.id) == nullptr) continue;
    for (const auto& [name, value] : spec.sharedSettings) sharedConfigMap_->addData(std::string(name), std::string(value));
  }
}

}  // namespace mailu

namespace mailu {
namespace {

// RFC 1035 label, required of Service names: a 1123 label starting with a letter.
bool isDns1035Label(std::string_view s) {
  return validation::isDns1123Label(s) && s.front() >= 'a' && s.front() <= 'z';
}

}  // namespace

void MailuChart::checkResourceNames() const {
  std::vector<ConfigProblem> problems;
  for (cdk8s::ApiObject* object : const_cast<MailuChart*>(this)->apiObjects()) {
    const std::string& kind = object->kind();
    const std::string& name = object->name();
    std::string rule;
    if (kind == "Service" && !isDns1035Label(name)) {
      rule = "a DNS-1035 label (lowercase letters, digits and '-', starting with a letter, at most 63 characters)";
    } else if (kind == "Namespace" && !validation::isDns1123Label(name)) {
      rule = "a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters)";
    } else if (!validation::isDns1123Subdomain(name)) {
      rule = "a DNS-1123 subdomain (lowercase letters, digits, '-' and '.')";
    }
    if (!rule.empty()) {
      problems.push_back(ConfigProblem{"chart id", "would name a " + kind + " '" + name + "', which must be " + rule, id()});
      break;  // one example is enough: every name derives from the same id
    }
  }
  if (!problems.empty()) throw ConfigError(std::move(problems));
}

}  // namespace mailu
