#include "mailu/chart_settings.hpp"

#include <algorithm>

#include <string_view>
#include <vector>

#include "mailu_ports.hpp"
#include "value_formats.hpp"

namespace mailu {
namespace {

using cdk8s::plus::ImagePullPolicy;

// DB_HOST as Mailu reads it: the port rides along unless it is the default (D10).
std::string databaseAddress(const PostgresqlConfig& pg, int port) {
  return port == ChartSettings::kPostgresqlDefaultPort ? pg.host : pg.host + ":" + std::to_string(port);
}

void applyRateLimits(const std::optional<PostfixConfig>& postfix, PostfixRateLimitSettings& settings) {
  if (!postfix || !postfix->rateLimits) return;
  const PostfixRateLimits& limits = *postfix->rateLimits;
  if (limits.connectionRate) settings.connectionRate = *limits.connectionRate;
  if (limits.connectionCount) settings.connectionCount = *limits.connectionCount;
  if (limits.messageRate) settings.messageRate = *limits.messageRate;
  if (limits.recipientRate) settings.recipientRate = *limits.recipientRate;
  if (limits.timeUnit) settings.timeUnit = *limits.timeUnit;
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

// The image of a component as the workload's override leaves it: each part
// given replaces the chart's. A digest the chart pins stays only while the
// repository and tag are the chart's too (it names that build alone).
std::string resolveImage(const ComponentSpec& spec, const ImageSettings& images, const ImageOverrideConfig& given) {
  std::string repository;
  std::string tag;
  std::string digest;
  if (spec.image.empty()) {
    const validation::ImageReferenceParts fixed = validation::splitImageReference(spec.fixedImage);
    repository = std::string(fixed.repository);
    tag = std::string(fixed.tag.value_or(""));
    digest = std::string(fixed.digest.value_or(""));
  } else {
    repository = images.registry + "/" + std::string(spec.image);
    tag = images.tag;
  }
  if (given.repository || given.tag) digest.clear();
  if (given.repository) repository = *given.repository;
  if (given.tag) tag = *given.tag;
  if (given.digest) digest = *given.digest;
  std::string reference = repository;
  if (!tag.empty()) reference += ":" + tag;
  if (!digest.empty()) reference += "@" + digest;
  return reference;
}

// Where and how a component's pods run: the registry's pins, then what the
// config gives. Several replicas spread over nodes unless the config says
// how (a preferred anti-affinity, so a one-node cluster still runs them).
WorkloadSettings resolveWorkload(const ComponentSpec& spec, const MailuChartConfig& config,
                                 const ImageSettings& images) {
  WorkloadSettings workload;
  workload.hardened = config.security && config.security->hardened.value_or(false);
  if (!spec.onlyArchitecture.empty()) {
    const std::string architecture(spec.onlyArchitecture);
    workload.scheduling.nodeSelector = {{"kubernetes.io/arch", architecture}};
    // Clusters that taint their nodes of that architecture are tolerated.
    workload.scheduling.tolerations = {{.key = "kubernetes.io/arch",
                                        .operator_ = "Equal",
                                        .value = architecture,
                                        .effect = "NoSchedule"}};
  }
  if (spec.id == Component::kDovecotSubmission && config.images && config.images->dovecotSubmission) {
    workload.image = *config.images->dovecotSubmission;
  }
  const HeapOptional<WorkloadConfig>* given =
      config.workloads ? &((*config.workloads).*spec.workloadKey) : nullptr;
  if (given != nullptr && *given) {
    const WorkloadConfig& own = **given;
    if (own.replicas) workload.replicas = *own.replicas;
    if (own.nodeSelector) workload.scheduling.nodeSelector = *own.nodeSelector;
    if (own.tolerations) workload.scheduling.tolerations = *own.tolerations;
    workload.scheduling.affinity = own.affinity;
    if (own.topologySpreadConstraints) workload.scheduling.topologySpreadConstraints = *own.topologySpreadConstraints;
    workload.scheduling.priorityClassName = own.priorityClassName;
    if (own.podAnnotations) workload.podAnnotations = *own.podAnnotations;
    if (own.podLabels) workload.podLabels = *own.podLabels;
    if (own.serviceAnnotations) workload.serviceAnnotations = *own.serviceAnnotations;
    if (own.extraEnv) {
      for (const ExtraEnvConfig& variable : *own.extraEnv) {
        if (variable.secretKeyRef) {
          workload.extraEnv.push_back({variable.name, variable.secretKeyRef->key, variable.secretKeyRef->name});
        } else {
          workload.extraEnv.push_back({variable.name, variable.value.value_or("")});
        }
      }
    }
    if (own.image) workload.image = resolveImage(spec, images, *own.image);
  }
  auto& affinity = workload.scheduling.affinity;
  if (workload.replicas > 1 && !(affinity && affinity->podAntiAffinity)) {
    if (!affinity) affinity.emplace();
    affinity->podAntiAffinity = cdk8s::plus::PodAffinity{
        .preferred = {{.weight = 100, .podAffinityTerm = {.topologyKey = "kubernetes.io/hostname"}}}};
  }
  return workload;
}

ComponentContext resolveContext(const MailuChartConfig& config, const ChartSettings& chart) {
  ComponentContext context{.namespaceName = chart.namespaceName, .mailuSecretName = config.secrets.mailuSecretKey};
  if (config.images) {
    if (config.images->registry) context.images.registry = *config.images->registry;
    if (config.images->tag) context.images.tag = *config.images->tag;
    if (config.images->pullPolicy) context.images.pullPolicy = toPullPolicy(*config.images->pullPolicy);
  }
  if (config.database.type == DatabaseType::kPostgresql && config.database.postgresql) {
    const PostgresqlConfig& pg = *config.database.postgresql;
    DatabaseSettings database{.address = databaseAddress(pg, chart.postgresqlPort), .secretName = pg.secretName};
    if (pg.database) database.name = *pg.database;
    if (pg.secretKeys) {
      database.usernameKey = pg.secretKeys->username;
      database.passwordKey = pg.secretKeys->password;
    }
    context.database = std::move(database);
  }
  return context;
}

std::string joined(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& value : values) text += (text.empty() ? "" : ",") + value;
  return text;
}

// The admin's own reading of a switch (core/admin/mailu/configuration.py:
// "true" and "false" are coerced).
std::string_view adminSwitch(bool on) { return on ? "true" : "false"; }

// The mail policy's variables, each only when given, so Mailu's default
// holds otherwise. Who reads each: tests/data/mailu-contract/env-reads.tsv.
void addMailPolicy(const MailuSettings& mailu, std::map<std::string, std::string>& data) {
  const auto put = [&](const char* name, const std::optional<std::string>& value) {
    if (value) data[name] = *value;
  };
  const auto putNumber = [&](const char* name, const auto& value) {
    if (value) data[name] = std::to_string(*value);
  };
  const auto putList = [&](const char* name, const std::optional<std::vector<std::string>>& values) {
    if (values && !values->empty()) data[name] = joined(*values);
  };
  put("RECIPIENT_DELIMITER", mailu.recipientDelimiter);
  if (mailu.dmarc) {
    put("DMARC_RUA", mailu.dmarc->rua);
    put("DMARC_RUF", mailu.dmarc->ruf);
  }
  putList("WILDCARD_SENDERS", mailu.wildcardSenders);
  if (mailu.welcome) {
    if (mailu.welcome->enabled) data["WELCOME"] = adminSwitch(*mailu.welcome->enabled);
    put("WELCOME_SUBJECT", mailu.welcome->subject);
    put("WELCOME_BODY", mailu.welcome->body);
  }
  if (mailu.defaultQuota) data["DEFAULT_QUOTA"] = std::to_string(validation::wholeBytes(*mailu.defaultQuota).value_or(0));
  putNumber("DEFAULT_SPAM_THRESHOLD", mailu.defaultSpamThreshold);
  if (const auto& auth = mailu.authRatelimit) {
    put("AUTH_RATELIMIT_IP", auth->ip);
    putNumber("AUTH_RATELIMIT_IP_V4_MASK", auth->ipv4Mask);
    putNumber("AUTH_RATELIMIT_IP_V6_MASK", auth->ipv6Mask);
    put("AUTH_RATELIMIT_USER", auth->user);
    putList("AUTH_RATELIMIT_EXEMPTION", auth->exemption);
    putNumber("AUTH_RATELIMIT_EXEMPTION_LENGTH", auth->exemptionLength);
  }
  if (const auto& limit = mailu.messageRatelimit) {
    put("MESSAGE_RATELIMIT", limit->value);
    putList("MESSAGE_RATELIMIT_EXEMPTION", limit->exemption);
  }
  if (const auto& tls = mailu.tls) {
    put("OUTBOUND_TLS_LEVEL", tls->outboundLevel);
    if (tls->inboundEnforce) data["INBOUND_TLS_ENFORCE"] = adminSwitch(*tls->inboundEnforce);
    // Postfix renders main.cf and mta-sts-daemon.yml with the raw
    // environment, where any text but the empty one is true
    // (core/postfix/start.py, conf.jinja(..., os.environ, ...)): "false"
    // would keep the check on there. The admin reads "" as false too.
    if (tls->deferOnError) data["DEFER_ON_TLS_ERROR"] = *tls->deferOnError ? "true" : "";
  }
  // Dovecot (core/dovecot/conf/dovecot.conf) and webmail's search options
  // (webmails/roundcube/config/config.inc.php, snappymail/defaults/default.json)
  // take "off" as off and a comma list as the languages.
  if (const auto& search = mailu.fullTextSearch) {
    if (search->enabled == false) {
      data["FULL_TEXT_SEARCH"] = "off";
    } else {
      putList("FULL_TEXT_SEARCH", search->languages);
    }
  }
}

// The shared ConfigMap's settings; the addresses are added when composing.
std::map<std::string, std::string> resolveEnvironment(const MailuChartConfig& c, const ChartSettings& chart) {
  std::string hostnames;
  for (const std::string& hostname : c.hostnames) hostnames += (hostnames.empty() ? "" : ",") + hostname;
  const ComponentContext& context = chart.context;

  std::map<std::string, std::string> data{
      {"DOMAIN", c.domain},
      {"HOSTNAMES", hostnames},
      {"SUBNET", c.subnet},
      // Mailu's images read TZ (D9; the reference's TIMEZONE is read by nothing).
      {"TZ", chart.timezone},
      // Traefik terminates TLS; Mailu speaks plaintext inside the cluster.
      {"TLS_FLAVOR", "notls"},
      {"REAL_IP_HEADER", "X-Forwarded-For"},
      {"REAL_IP_FROM", c.subnet},
      // Tells Mailu it runs on Kubernetes, skipping its Docker-only checks.
      {"MAILU_HELM_CHART", "true"},
      {"WEB_ADMIN", "/admin"},
      // Roundcube must build its URLs under /webmail, where front serves it.
      {"WEB_WEBMAIL", "/webmail"},
      {"POSTMASTER", chart.postmaster},
      {"MESSAGE_SIZE_LIMIT", std::to_string(chart.messageSizeLimitMiB * 1024 * 1024)},
      {"DB_FLAVOR", std::string(toString(c.database.type))},
  };
  if (context.database) {
    data["DB_HOST"] = context.database->address;
    data["DB_NAME"] = context.database->name;
  }
  data["REDIS_ADDRESS"] = c.redis.host + ":" + std::to_string(chart.redisPort);
  if (c.mailu && c.mailu->logLevel) data["LOG_LEVEL"] = *c.mailu->logLevel;
  if (c.mailu) addMailPolicy(*c.mailu, data);
  // Postfix's mynetworks (core/postfix/conf/main.cf, start.py brackets IPv6)
  // and rspamd's local_networks (core/rspamd/conf/options.inc).
  if (c.relay && c.relay->relayNets && !c.relay->relayNets->empty()) data["RELAYNETS"] = joined(*c.relay->relayNets);
  return data;
}

cdk8s::plus::PodDnsProps resolvePodDns(const PodDnsConfig& given) {
  cdk8s::plus::PodDnsProps dns{.policy = cdk8s::plus::DnsPolicy::kNone, .nameservers = given.nameservers};
  if (given.searches) dns.searches = *given.searches;
  for (const DnsOptionConfig& option : given.options.value_or(std::vector<DnsOptionConfig>{})) {
    dns.options.push_back({option.name, option.value});
  }
  return dns;
}

std::optional<InitialAdminSettings> resolveInitialAdmin(const MailuChartConfig& config) {
  if (!config.secrets.initialAdminPassword) return std::nullopt;
  InitialAdminSettings initial{*config.secrets.initialAdminPassword};
  if (config.mailu && config.mailu->initialAccount) {
    const InitialAccountConfig& account = *config.mailu->initialAccount;
    InitialAccountSettings settings{.username = account.username, .domain = account.domain.value_or(config.domain)};
    if (account.mode) settings.mode = *account.mode;
    initial.account = std::move(settings);
  }
  return initial;
}

// front.service with its defaults: LoadBalancer, externalTrafficPolicy Local,
// all five mail ports, the Traefik ingress's certificate.
FrontExposure resolveExposure(const FrontServiceConfig& given) {
  namespace plus = cdk8s::plus;
  FrontExposure exposure;
  switch (given.type.value_or(ServiceKind::kLoadBalancer)) {
    case ServiceKind::kClusterIp:
      exposure.type = plus::ServiceType::kClusterIp;
      break;
    case ServiceKind::kNodePort:
      exposure.type = plus::ServiceType::kNodePort;
      break;
    case ServiceKind::kLoadBalancer:
      exposure.type = plus::ServiceType::kLoadBalancer;
      break;
  }
  if (exposure.type != plus::ServiceType::kClusterIp) {
    exposure.externalTrafficPolicy = given.externalTrafficPolicy.value_or(TrafficPolicy::kLocal) == TrafficPolicy::kLocal
                                         ? plus::ExternalTrafficPolicy::kLocal
                                         : plus::ExternalTrafficPolicy::kCluster;
  }
  exposure.loadBalancerIP = given.loadBalancerIP;
  if (given.loadBalancerSourceRanges) exposure.loadBalancerSourceRanges = *given.loadBalancerSourceRanges;
  if (given.annotations) exposure.annotations = *given.annotations;
  if (given.ports) {
    // The registry's order, whatever the config's.
    std::erase_if(exposure.ports, [&](const ExposedMailPort& port) {
      return std::find(given.ports->begin(), given.ports->end(), port.port) == given.ports->end();
    });
  }
  if (given.nodePorts) exposure.nodePorts = *given.nodePorts;
  exposure.certificateSecret = given.certificateSecret.value_or(std::string(TraefikIngressProps::kTlsSecret));
  if (given.proxyProtocol) exposure.proxyTrustedFrom = given.proxyProtocol->trustedFrom;
  return exposure;
}

}  // namespace

ChartSettings resolveChartSettings(const MailuChartConfig& config) {
  ChartSettings settings;
  if (config.namespace_) settings.namespaceName = *config.namespace_;
  if (config.timezone) settings.timezone = *config.timezone;
  if (config.mailu && config.mailu->messageSizeLimit) settings.messageSizeLimitMiB = *config.mailu->messageSizeLimit;
  if (config.mailu && config.mailu->initialAccount) settings.postmaster = config.mailu->initialAccount->username;
  if (config.mailu && config.mailu->postmaster) settings.postmaster = *config.mailu->postmaster;
  if (config.database.postgresql && config.database.postgresql->port) {
    settings.postgresqlPort = *config.database.postgresql->port;
  }
  if (config.redis.port) settings.redisPort = *config.redis.port;
  settings.context = resolveContext(config, settings);
  settings.environment = resolveEnvironment(config, settings);
  const ComponentContext& context = settings.context;

  const auto on = [&](Component component) { return isEnabled(config.components, component); };
  const auto resourcesOf = [&](Component component) {
    return resolveResources(componentSpec(component), config.resources);
  };
  const auto storageOf = [&](Component component) { return resolveStorage(componentSpec(component), config.storage); };
  const auto componentProps = [&](Component component) {
    return ComponentProps{context, resourcesOf(component), storageOf(component)};
  };

  // The user's /overrides files for a component (the loader checked the names).
  const auto overridesOf = [&](std::optional<OverrideFilesConfig> OverridesConfig::*member) {
    std::optional<OverrideSettings> overrides;
    if (!config.overrides) return overrides;
    if (const auto& given = (*config.overrides).*member) overrides = OverrideSettings{given->files, given->configMapName};
    return overrides;
  };

  const auto& ingress = config.ingress;
  const bool frontEnabled = on(Component::kFront);
  const bool traefik = ingress && ingress->enabled.value_or(false) && ingress->type == IngressType::kTraefik &&
                       ingress->traefik && frontEnabled;
  if (traefik) {
    const TraefikIngressConfig& given = *ingress->traefik;
    TraefikIngressProps props{.namespaceName = settings.namespaceName, .hostname = given.hostname};
    if (given.certIssuer) props.certIssuer = *given.certIssuer;
    if (given.enableTcp) props.enableTcp = *given.enableTcp;
    if (given.smtpConnectionLimit) props.smtpConnectionLimit = *given.smtpConnectionLimit;
    if (given.proxyProtocol) props.proxyProtocol = *given.proxyProtocol;
    // The PROXY protocol rides on the mail routes only (D14).
    props.proxyProtocol = props.proxyProtocol && props.enableTcp;
    settings.traefikIngress = std::move(props);
  }
  const bool mailRoutes = settings.traefikIngress && settings.traefikIngress->enableTcp;
  const bool proxyProtocol = settings.traefikIngress && settings.traefikIngress->proxyProtocol;
  // The loader refuses fetchmail without front, where it delivers (D21).
  const bool fetchmailEnabled = on(Component::kFetchmail) && frontEnabled;
  std::optional<FrontExposure> exposure;
  if (frontEnabled && config.front && config.front->service) exposure = resolveExposure(*config.front->service);
  const bool exposedSmtp = exposure && std::any_of(exposure->ports.begin(), exposure->ports.end(),
                                                   [](const ExposedMailPort& port) { return port.port == ports::kSmtp; });
  settings.switches = {.fetchmail = fetchmailEnabled,
                       .mailRoutes = mailRoutes,
                       .proxyProtocol = proxyProtocol,
                       .exposedSmtp = exposedSmtp};

  if (on(Component::kAdmin)) {
    AdminProps admin{context, resourcesOf(Component::kAdmin), storageOf(Component::kAdmin)};
    admin.initialAdmin = resolveInitialAdmin(config);
    if (config.admin && config.admin->dns) admin.dns = resolvePodDns(*config.admin->dns);
    if (config.mailu && config.mailu->apiEnabled.value_or(false) && config.secrets.apiToken) {
      admin.apiTokenSecretName = config.secrets.apiToken;
    }
    settings.admin = std::move(admin);
  }
  if (frontEnabled) {
    settings.front = FrontProps{.context = context,
                                .resources = resourcesOf(Component::kFront),
                                .proxyProtocol = proxyProtocol,
                                .fetchmailDelivery = fetchmailEnabled,
                                .overrides = overridesOf(&OverridesConfig::nginx),
                                .exposure = exposure};
  }
  settings.postfix = PostfixProps{.context = context,
                                  .resources = resourcesOf(Component::kPostfix),
                                  .storage = storageOf(Component::kPostfix),
                                  .proxyProtocolListener = proxyProtocol};
  applyRateLimits(config.postfix, settings.postfix.rateLimits);
  if (const auto postfixOverrides = overridesOf(&OverridesConfig::postfix)) {
    settings.postfix.overrideFiles = postfixOverrides->files;  // never a ConfigMap of the user's: the loader says why
  }
  if (config.relay && config.relay->relayNets) settings.postfix.relayNets = *config.relay->relayNets;
  if (config.relay && config.relay->host) {
    const RelayConfig& given = *config.relay;
    RelaySettings relay{.host = *given.host, .secretName = given.secretName};
    if (given.port) relay.port = *given.port;
    if (given.secretKeys) {
      relay.usernameKey = given.secretKeys->username;
      relay.passwordKey = given.secretKeys->password;
    }
    settings.postfix.relay = std::move(relay);
  }
  if (on(Component::kDovecot)) {
    settings.dovecot = DovecotProps{.context = context,
                                    .resources = resourcesOf(Component::kDovecot),
                                    .storage = storageOf(Component::kDovecot),
                                    .overrides = overridesOf(&OverridesConfig::dovecot)};
  }
  if (on(Component::kRspamd)) {
    settings.rspamd = RspamdProps{.context = context,
                                  .resources = resourcesOf(Component::kRspamd),
                                  .storage = storageOf(Component::kRspamd),
                                  .overrides = overridesOf(&OverridesConfig::rspamd)};
  }
  settings.dovecotSubmission = DovecotSubmissionProps{
      .context = context, .resources = resourcesOf(Component::kDovecotSubmission), .domain = config.domain};
  // Webmail is on unless disabled (D5): the seeds say "enabled by default".
  if (on(Component::kWebmail)) {
    WebmailProps webmail{context, resourcesOf(Component::kWebmail), storageOf(Component::kWebmail)};
    if (config.mailu && config.mailu->webmailType) webmail.webmailType = *config.mailu->webmailType;
    webmail.overrides = overridesOf(&OverridesConfig::roundcube);
    settings.webmail = std::move(webmail);
  }
  if (on(Component::kClamav)) settings.clamav = componentProps(Component::kClamav);
  if (fetchmailEnabled) settings.fetchmail = FetchmailProps{context, resourcesOf(Component::kFetchmail)};
  if (on(Component::kWebdav)) settings.webdav = componentProps(Component::kWebdav);
  // The loader refuses each without its only client (rspamd, dovecot).
  if (on(Component::kOletools)) settings.oletools = OletoolsProps{context, resourcesOf(Component::kOletools)};
  if (on(Component::kTika)) settings.tika = TikaProps{context, resourcesOf(Component::kTika)};

  const auto workloadOf = [&](Component component) {
    return resolveWorkload(componentSpec(component), config, context.images);
  };
  if (settings.admin) settings.admin->workload = workloadOf(Component::kAdmin);
  if (settings.front) settings.front->workload = workloadOf(Component::kFront);
  settings.postfix.workload = workloadOf(Component::kPostfix);
  if (settings.dovecot) settings.dovecot->workload = workloadOf(Component::kDovecot);
  if (settings.rspamd) settings.rspamd->workload = workloadOf(Component::kRspamd);
  settings.dovecotSubmission.workload = workloadOf(Component::kDovecotSubmission);
  if (settings.webmail) settings.webmail->workload = workloadOf(Component::kWebmail);
  if (settings.clamav) settings.clamav->workload = workloadOf(Component::kClamav);
  if (settings.fetchmail) settings.fetchmail->workload = workloadOf(Component::kFetchmail);
  if (settings.webdav) settings.webdav->workload = workloadOf(Component::kWebdav);
  if (settings.oletools) settings.oletools->workload = workloadOf(Component::kOletools);
  if (settings.tika) settings.tika->workload = workloadOf(Component::kTika);

  // Last in the file: the reference makes no NetworkPolicies (D15).
  if (config.networkPolicies && config.networkPolicies->enabled) {
    settings.networkPolicies = *config.networkPolicies->enabled;
  }
  return settings;
}

}  // namespace mailu
