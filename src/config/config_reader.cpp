#include "config_reader.hpp"

#include <array>
#include <map>
#include <set>

#include <fmt/format.h>

#include "config_formats.hpp"
#include "override_files.hpp"
#include "field_reader.hpp"
#include "mailu/component_registry.hpp"
#include "value_formats.hpp"
#include "workload_reader.hpp"

namespace mailu::validation {
namespace {

using Kind = DocumentNode::Kind;

class ConfigReader : FieldReader {
 public:
  explicit ConfigReader(std::vector<ConfigProblem>& problems, SchemaRecorder* recorder = nullptr)
      : FieldReader(problems, recorder) {}

  MailuChartConfig read(const DocumentNode& root) {
    MailuChartConfig config;
    const auto top = block({&root, std::string(kDocumentPath), &root},
                           {kSchemaKey, "namespace", "domain", "hostnames", "subnet", "timezone", "database", "redis", "secrets",
                            "storage", "components", "resources", "mailu", "postfix", "images", "ingress", "networkPolicies",
                            "relay", "admin", "overrides", "workloads", "security", "front"},
                           true);
    if (top) {
      string(fieldOf(*top, kSchemaKey), kSchemaReferenceFormat, false);  // for editors only
      config.namespace_ = string(fieldOf(*top, "namespace"), kNamespaceFormat, false);
      config.domain = string(fieldOf(*top, "domain"), kDomainFormat, true).value_or("");
      readHostnames(*top, config);
      config.subnet = string(fieldOf(*top, "subnet"), kSubnetFormat, true).value_or("");
      config.timezone = string(fieldOf(*top, "timezone"), kTimezoneFormat, false);
      readDatabase(*top, config);
      readRedis(*top, config);
      readSecrets(*top, config);
      readStorage(*top, config);
      readComponents(*top, config);
      readResources(*top, config);
      readMailu(*top, config);
      readPostfix(*top, config);
      readImages(*top, config);
      readIngress(*top, config);
      readNetworkPolicies(*top, config);
      readRelay(*top, config);
      readAdmin(*top, config);
      readOverrides(*top, config);
      config.workloads = readWorkloads(*this, fieldOf(*top, "workloads"));
      readSecurity(*top, config);
      readFront(*top, config);
    }
    finish();
    return config;
  }

 private:
  void readHostnames(const Block& top, MailuChartConfig& config) {
    auto hostnames = stringList(fieldOf(top, "hostnames"), kDomainFormat, "host names such as [mail.example.com]", true);
    if (hostnames) config.hostnames = std::move(*hostnames);
  }

  void readDatabase(const Block& top, MailuChartConfig& config) {
    const auto database = block(fieldOf(top, "database"), {"type", "postgresql"}, true);
    if (!database) return;
    const auto type =
        choice(fieldOf(*database, "type"), {DatabaseType::kSqlite, DatabaseType::kPostgresql}, true);
    if (type) config.database.type = *type;

    const auto postgresql =
        block(fieldOf(*database, "postgresql"), {"host", "port", "database", "secretName", "secretKeys"}, false);
    if (!postgresql) return;
    PostgresqlConfig settings;
    settings.host = string(fieldOf(*postgresql, "host"), kHostFormat, true).value_or("");
    settings.port = port(fieldOf(*postgresql, "port"));
    settings.database = string(fieldOf(*postgresql, "database"), kDatabaseNameFormat, false);
    settings.secretName = string(fieldOf(*postgresql, "secretName"), kSecretNameFormat, true).value_or("");
    if (const auto keys = block(fieldOf(*postgresql, "secretKeys"), {"username", "password"}, false)) {
      PostgresqlSecretKeys secretKeys;
      secretKeys.username = string(fieldOf(*keys, "username"), kSecretKeyFormat, true).value_or("");
      secretKeys.password = string(fieldOf(*keys, "password"), kSecretKeyFormat, true).value_or("");
      settings.secretKeys = std::move(secretKeys);
    }
    config.database.postgresql = std::move(settings);
  }

  // An optional whole number in `range`, as the config's member type.
  template <class Integer>
  std::optional<Integer> whole(const Field& field, const IntegerRange& range, bool required = false) {
    const auto value = integer(field, range.min, range.max, required);
    return value ? std::optional<Integer>(static_cast<Integer>(*value)) : std::nullopt;
  }

  std::optional<int> port(const Field& field, bool required = false) { return whole<int>(field, kPortRange, required); }

  void readRedis(const Block& top, MailuChartConfig& config) {
    const auto redis = block(fieldOf(top, "redis"), {"host", "port", "secretName", "secretKey"}, true);
    if (!redis) return;
    config.redis.host = string(fieldOf(*redis, "host"), kHostFormat, true).value_or("");
    config.redis.port = port(fieldOf(*redis, "port"));
    config.redis.secretName = string(fieldOf(*redis, "secretName"), kSecretNameFormat, false);
    config.redis.secretKey = string(fieldOf(*redis, "secretKey"), kSecretKeyFormat, false);
  }

  void readSecrets(const Block& top, MailuChartConfig& config) {
    const auto secrets =
        block(fieldOf(top, "secrets"), {"mailuSecretKey", "initialAdminPassword", "apiToken"}, true);
    if (!secrets) return;
    config.secrets.mailuSecretKey =
        string(fieldOf(*secrets, "mailuSecretKey"), kSecretNameFormat, true).value_or("");
    config.secrets.initialAdminPassword =
        string(fieldOf(*secrets, "initialAdminPassword"), kSecretNameFormat, false);
    config.secrets.apiToken = string(fieldOf(*secrets, "apiToken"), kSecretNameFormat, false);
  }

  void readStorage(const Block& top, MailuChartConfig& config) {
    KnownKeys known{"storageClass"};
    for (const ComponentSpec& spec : mailuComponents()) {
      if (spec.storageKey != nullptr) known.push_back(spec.key);
    }
    const auto storage = block(fieldOf(top, "storage"), known, false);
    if (!storage) return;
    StorageConfig settings;
    settings.storageClass = string(fieldOf(*storage, "storageClass"), kStorageClassFormat, false);
    for (const ComponentSpec& spec : mailuComponents()) {
      if (spec.storageKey == nullptr) continue;
      const auto component = block(fieldOf(*storage, spec.key), {"size", "storageClass"}, false);
      if (!component) continue;
      ComponentStorageConfig claim;
      claim.size = string(fieldOf(*component, "size"), kSizeFormat, true).value_or("");
      claim.storageClass = string(fieldOf(*component, "storageClass"), kStorageClassFormat, false);
      settings.*spec.storageKey = std::move(claim);
    }
    config.storage = std::move(settings);
  }

  void readComponents(const Block& top, MailuChartConfig& config) {
    KnownKeys known;
    for (const ComponentSpec& spec : mailuComponents()) {
      if (spec.enabledKey != nullptr) known.push_back(spec.key);
    }
    const auto components = block(fieldOf(top, "components"), known, false);
    if (!components) return;
    ComponentsConfig settings;
    for (const ComponentSpec& spec : mailuComponents()) {
      if (spec.enabledKey != nullptr) settings.*spec.enabledKey = boolean(fieldOf(*components, spec.key));
    }
    config.components = settings;
  }

  std::optional<ResourceQuantities> readQuantities(const Field& field) {
    const auto quantities = block(field, {"cpu", "memory"}, false);
    if (!quantities) return std::nullopt;
    ResourceQuantities result;
    result.cpu = string(fieldOf(*quantities, "cpu"), kCpuFormat, false);
    result.memory = string(fieldOf(*quantities, "memory"), kSizeFormat, false);
    return result;
  }

  std::optional<ResourceRequirements> readRequirements(const Field& field) {
    const auto requirements = block(field, {"requests", "limits"}, false);
    if (!requirements) return std::nullopt;
    return ResourceRequirements{readQuantities(fieldOf(*requirements, "requests")),
                                readQuantities(fieldOf(*requirements, "limits"))};
  }

  void readResources(const Block& top, MailuChartConfig& config) {
    KnownKeys known;
    for (const ComponentSpec& spec : mailuComponents()) known.push_back(spec.key);
    const auto resources = block(fieldOf(top, "resources"), known, false);
    if (!resources) return;
    ResourcesConfig settings;
    for (const ComponentSpec& spec : mailuComponents()) {
      settings.*spec.resourcesKey = readRequirements(fieldOf(*resources, spec.key));
    }
    config.resources = std::move(settings);
  }

  void readMailu(const Block& top, MailuChartConfig& config) {
    const auto mailu = block(fieldOf(top, "mailu"),
                             {"logLevel", "messageSizeLimit", "initialAccount", "apiEnabled", "webmailType",
                              "postmaster", "recipientDelimiter", "dmarc", "wildcardSenders", "welcome",
                              "defaultQuota", "defaultSpamThreshold", "authRatelimit", "messageRatelimit", "tls",
                              "fullTextSearch"},
                             false);
    if (!mailu) return;
    MailuSettings settings;
    settings.logLevel = string(fieldOf(*mailu, "logLevel"), kLogLevelFormat, false);
    settings.messageSizeLimit = whole<long>(fieldOf(*mailu, "messageSizeLimit"), kMessageSizeLimitRange);
    if (const auto account =
            block(fieldOf(*mailu, "initialAccount"), {"enabled", "username", "domain", "mode"}, false)) {
      InitialAccountConfig initial;
      initial.enabled = boolean(fieldOf(*account, "enabled"));
      initial.username = string(fieldOf(*account, "username"), kLocalPartFormat, true).value_or("");
      initial.domain = string(fieldOf(*account, "domain"), kDomainFormat, false);
      initial.mode = choice(fieldOf(*account, "mode"),
                            {InitialAccountMode::kCreate, InitialAccountMode::kUpdate, InitialAccountMode::kIfMissing},
                            false);
      settings.initialAccount = std::move(initial);
    }
    settings.apiEnabled = boolean(fieldOf(*mailu, "apiEnabled"));
    settings.webmailType =
        choice(fieldOf(*mailu, "webmailType"), {WebmailType::kRoundcube, WebmailType::kSnappymail}, false);
    readMailPolicy(*mailu, settings);
    config.mailu = std::move(settings);
  }

  // The keys of `mailu` the reference does not have.
  void readMailPolicy(const Block& mailu, MailuSettings& settings) {
    settings.postmaster = string(fieldOf(mailu, "postmaster"), kLocalPartFormat, false);
    settings.recipientDelimiter = string(fieldOf(mailu, "recipientDelimiter"), kRecipientDelimiterFormat, false);
    if (const auto dmarc = block(fieldOf(mailu, "dmarc"), {"rua", "ruf"}, false)) {
      settings.dmarc = DmarcConfig{.rua = string(fieldOf(*dmarc, "rua"), kLocalPartFormat, false),
                                   .ruf = string(fieldOf(*dmarc, "ruf"), kLocalPartFormat, false)};
    }
    settings.wildcardSenders =
        stringList(fieldOf(mailu, "wildcardSenders"), kMailAddressFormat, "mail addresses such as [admin@example.com]");
    if (const auto welcome = block(fieldOf(mailu, "welcome"), {"enabled", "subject", "body"}, false)) {
      settings.welcome = WelcomeConfig{.enabled = boolean(fieldOf(*welcome, "enabled")),
                                       .subject = string(fieldOf(*welcome, "subject"), kMessageTextFormat, false),
                                       .body = string(fieldOf(*welcome, "body"), kMessageTextFormat, false)};
    }
    settings.defaultQuota = string(fieldOf(mailu, "defaultQuota"), kSizeFormat, false);
    settings.defaultSpamThreshold = whole<int>(fieldOf(mailu, "defaultSpamThreshold"), kSpamThresholdRange);
    if (const auto limits = block(fieldOf(mailu, "authRatelimit"),
                                  {"ip", "ipv4Mask", "ipv6Mask", "user", "exemption", "exemptionLength"}, false)) {
      AuthRatelimitConfig auth;
      auth.ip = string(fieldOf(*limits, "ip"), kRateLimitFormat, false);
      auth.ipv4Mask = whole<int>(fieldOf(*limits, "ipv4Mask"), kIpv4PrefixRange);
      auth.ipv6Mask = whole<int>(fieldOf(*limits, "ipv6Mask"), kIpv6PrefixRange);
      auth.user = string(fieldOf(*limits, "user"), kRateLimitFormat, false);
      auth.exemption = stringList(fieldOf(*limits, "exemption"), kIpNetworkFormat, "networks such as [10.0.0.0/8]");
      auth.exemptionLength = whole<long>(fieldOf(*limits, "exemptionLength"), kExemptionLengthRange);
      settings.authRatelimit = std::move(auth);
    }
    if (const auto limit = block(fieldOf(mailu, "messageRatelimit"), {"value", "exemption"}, false)) {
      settings.messageRatelimit = MessageRatelimitConfig{
          .value = string(fieldOf(*limit, "value"), kRateLimitFormat, false),
          .exemption = stringList(fieldOf(*limit, "exemption"), kMailAddressFormat,
                                  "mail addresses such as [newsletter@example.com]")};
    }
    if (const auto tls = block(fieldOf(mailu, "tls"), {"outboundLevel", "inboundEnforce", "deferOnError"}, false)) {
      settings.tls = MailTlsConfig{.outboundLevel = string(fieldOf(*tls, "outboundLevel"), kOutboundTlsLevelFormat, false),
                                   .inboundEnforce = boolean(fieldOf(*tls, "inboundEnforce")),
                                   .deferOnError = boolean(fieldOf(*tls, "deferOnError"))};
    }
    if (const auto search = block(fieldOf(mailu, "fullTextSearch"), {"enabled", "languages"}, false)) {
      settings.fullTextSearch = FullTextSearchConfig{
          .enabled = boolean(fieldOf(*search, "enabled")),
          .languages = stringList(fieldOf(*search, "languages"), kFtsLanguageFormat, "language codes such as [en, de]")};
    }
  }

  void readPostfix(const Block& top, MailuChartConfig& config) {
    const auto postfix = block(fieldOf(top, "postfix"), {"rateLimits"}, false);
    if (!postfix) return;
    PostfixConfig settings;
    struct Slot {
      std::string_view key;
      std::optional<int> PostfixRateLimits::*member;
    };
    static const std::array<Slot, 4> kCounts = {{{"connectionRate", &PostfixRateLimits::connectionRate},
                                                 {"connectionCount", &PostfixRateLimits::connectionCount},
                                                 {"messageRate", &PostfixRateLimits::messageRate},
                                                 {"recipientRate", &PostfixRateLimits::recipientRate}}};
    KnownKeys known{"timeUnit"};
    for (const Slot& slot : kCounts) known.push_back(slot.key);
    if (const auto limits = block(fieldOf(*postfix, "rateLimits"), known, false)) {
      PostfixRateLimits rateLimits;
      for (const Slot& slot : kCounts) {
        rateLimits.*slot.member = whole<int>(fieldOf(*limits, slot.key), kRateLimitRange);
      }
      rateLimits.timeUnit = string(fieldOf(*limits, "timeUnit"), kPostfixTimeFormat, false);
      settings.rateLimits = std::move(rateLimits);
    }
    config.postfix = std::move(settings);
  }

  void readImages(const Block& top, MailuChartConfig& config) {
    const auto images = block(fieldOf(top, "images"), {"registry", "tag", "pullPolicy", "dovecotSubmission"}, false);
    if (!images) return;
    ImagesConfig settings;
    settings.registry = string(fieldOf(*images, "registry"), kRegistryFormat, false);
    settings.tag = string(fieldOf(*images, "tag"), kTagFormat, false);
    settings.pullPolicy = choice(fieldOf(*images, "pullPolicy"),
                                 {PullPolicy::kAlways, PullPolicy::kIfNotPresent, PullPolicy::kNever}, false);
    settings.dovecotSubmission = string(fieldOf(*images, "dovecotSubmission"), kImageReferenceFormat, false);
    config.images = std::move(settings);
  }

  void readIngress(const Block& top, MailuChartConfig& config) {
    const auto ingress = block(fieldOf(top, "ingress"), {"enabled", "type", "traefik"}, false);
    if (!ingress) return;
    IngressConfig settings;
    settings.enabled = boolean(fieldOf(*ingress, "enabled"));
    settings.type = choice(fieldOf(*ingress, "type"), {IngressType::kTraefik, IngressType::kNginx, IngressType::kNone}, false);
    if (const auto traefik =
            block(fieldOf(*ingress, "traefik"), {"hostname", "certIssuer", "enableTcp", "smtpConnectionLimit", "proxyProtocol"}, false)) {
      TraefikIngressConfig traefikSettings;
      traefikSettings.hostname = string(fieldOf(*traefik, "hostname"), kIngressHostFormat, true).value_or("");
      traefikSettings.certIssuer = string(fieldOf(*traefik, "certIssuer"), kIssuerFormat, false);
      traefikSettings.enableTcp = boolean(fieldOf(*traefik, "enableTcp"));
      traefikSettings.smtpConnectionLimit = whole<int>(fieldOf(*traefik, "smtpConnectionLimit"), kConnectionLimitRange);
      traefikSettings.proxyProtocol = boolean(fieldOf(*traefik, "proxyProtocol"));
      settings.traefik = std::move(traefikSettings);
    }
    config.ingress = std::move(settings);
  }

  std::optional<NetworkPeerConfig> readPeer(const Field& field) {
    const auto peer = block(field, {"namespace", "podLabels", "cidrs"}, false);
    if (!peer) return std::nullopt;
    NetworkPeerConfig result;
    result.namespace_ = string(fieldOf(*peer, "namespace"), kNamespaceFormat, false);
    result.podLabels = labels(fieldOf(*peer, "podLabels"));
    result.cidrs = stringList(fieldOf(*peer, "cidrs"), kNetworkFormat, "IPv4 networks such as [10.0.0.0/8]");
    return result;
  }

  void readAdmin(const Block& top, MailuChartConfig& config) {
    const auto admin = block(fieldOf(top, "admin"), {"dns"}, false);
    if (!admin) return;
    AdminConfig settings;
    if (const auto dns = block(fieldOf(*admin, "dns"), {"nameservers", "searches", "options"}, false)) {
      PodDnsConfig pod;
      pod.nameservers =
          stringList(fieldOf(*dns, "nameservers"), kNameserverFormat, "IP addresses such as [1.1.1.1]", true)
              .value_or(std::vector<std::string>{});
      pod.searches = stringList(fieldOf(*dns, "searches"), kSearchDomainFormat, "domains such as [example.com]");
      pod.options = readDnsOptions(fieldOf(*dns, "options"));
      settings.dns = std::move(pod);
    }
    config.admin = std::move(settings);
  }

  std::optional<std::vector<DnsOptionConfig>> readDnsOptions(const Field& field) {
    return listOf<DnsOptionConfig>(
        field, "resolver options such as [{name: ndots, value: \"2\"}]",
        [this](const Field& item) -> std::optional<DnsOptionConfig> {
          const auto option = block(item, {"name", "value"}, true);
          if (!option) return std::nullopt;
          return DnsOptionConfig{string(fieldOf(*option, "name"), kDnsOptionNameFormat, true).value_or(""),
                                 string(fieldOf(*option, "value"), kDnsOptionValueFormat, false)};
        });
  }

  void readOverrides(const Block& top, MailuChartConfig& config) {
    KnownKeys keys;
    for (const OverrideTarget& target : overrideTargets()) keys.push_back(target.key);
    const auto overrides = block(fieldOf(top, "overrides"), keys, false);
    if (!overrides) return;
    OverridesConfig settings;
    for (const OverrideTarget& target : overrideTargets()) {
      settings.*target.member = readOverrideFiles(fieldOf(*overrides, target.key));
    }
    config.overrides = std::move(settings);
  }

  // File names to contents, or configMapName alone (the validator says so).
  std::optional<OverrideFilesConfig> readOverrideFiles(const Field& field) {
    const auto entries = namedEntries(field, {kConfigMapNameKey}, false);
    if (!entries) return std::nullopt;
    OverrideFilesConfig files;
    std::set<std::string_view> seen;  // a name given twice is reported; its first value counts
    for (const DocumentNode::Entry& entry : entries->node().entries) {
      if (entry.key->kind != Kind::kScalar || !entry.mergeProblem.empty()) continue;
      const std::string& name = entry.key->text;
      if (!seen.insert(name).second) continue;
      if (name == kConfigMapNameKey) {
        files.configMapName = string(fieldOf(*entries, name), kConfigMapNameFormat, true);
        continue;
      }
      if (auto content = string(fieldOf(*entries, name), kOverrideTextFormat, true)) {
        files.files.emplace(name, std::move(*content));
      }
    }
    return files;
  }

  void readRelay(const Block& top, MailuChartConfig& config) {
    const auto relay = block(fieldOf(top, "relay"), {"host", "port", "secretName", "secretKeys", "relayNets"}, false);
    if (!relay) return;
    RelayConfig settings;
    settings.host = string(fieldOf(*relay, "host"), kHostFormat, false);
    settings.port = port(fieldOf(*relay, "port"));
    settings.secretName = string(fieldOf(*relay, "secretName"), kSecretNameFormat, false);
    if (const auto keys = block(fieldOf(*relay, "secretKeys"), {"username", "password"}, false)) {
      settings.secretKeys = RelaySecretKeys{
          .username = string(fieldOf(*keys, "username"), kSecretKeyFormat, true).value_or(""),
          .password = string(fieldOf(*keys, "password"), kSecretKeyFormat, true).value_or("")};
    }
    settings.relayNets =
        stringList(fieldOf(*relay, "relayNets"), kRelayNetworkFormat, "networks such as [192.168.10.0/24]");
    config.relay = std::move(settings);
  }

  void readSecurity(const Block& top, MailuChartConfig& config) {
    const auto security = block(fieldOf(top, "security"), {"hardened"}, false);
    if (!security) return;
    config.security = SecurityConfig{.hardened = boolean(fieldOf(*security, "hardened"))};
  }

  void readFront(const Block& top, MailuChartConfig& config) {
    const auto front = block(fieldOf(top, "front"), {"service"}, false);
    if (!front) return;
    FrontConfig settings;
    if (const auto service = block(fieldOf(*front, "service"),
                                   {"type", "loadBalancerIP", "loadBalancerSourceRanges", "annotations",
                                    "externalTrafficPolicy", "ports", "nodePorts", "certificateSecret", "proxyProtocol"},
                                   false)) {
      FrontServiceConfig given;
      given.type = choice(fieldOf(*service, "type"),
                          {ServiceKind::kClusterIp, ServiceKind::kNodePort, ServiceKind::kLoadBalancer}, false);
      given.loadBalancerIP = string(fieldOf(*service, "loadBalancerIP"), kLoadBalancerIpFormat, false);
      given.loadBalancerSourceRanges = stringList(fieldOf(*service, "loadBalancerSourceRanges"), kIpNetworkFormat,
                                                  "networks such as [203.0.113.0/24]");
      given.annotations = keyedStrings(fieldOf(*service, "annotations"), kAnnotationValueFormat,
                                       "annotation names to text, such as {metallb.universe.tf/loadBalancerIPs: 192.0.2.10}");
      given.externalTrafficPolicy =
          choice(fieldOf(*service, "externalTrafficPolicy"), {TrafficPolicy::kLocal, TrafficPolicy::kCluster}, false);
      given.ports = portList(fieldOf(*service, "ports"));
      std::vector<std::string> portNames;  // the keys of nodePorts: "25", "465"...
      for (const ExposedMailPort& port : exposedMailPorts()) portNames.push_back(std::to_string(port.port));
      const KnownKeys exposable(portNames.begin(), portNames.end());
      if (const auto nodePorts = block(fieldOf(*service, "nodePorts"), exposable, false)) {
        std::map<int, int> chosen;
        for (std::size_t i = 0; i < portNames.size(); ++i) {
          if (const auto nodePort = port(fieldOf(*nodePorts, portNames[i]))) chosen.emplace(exposedMailPorts()[i].port, *nodePort);
        }
        given.nodePorts = std::move(chosen);
      }
      given.certificateSecret = string(fieldOf(*service, "certificateSecret"), kSecretNameFormat, false);
      if (const auto proxy = block(fieldOf(*service, "proxyProtocol"), {"trustedFrom"}, false)) {
        given.proxyProtocol = FrontProxyProtocolConfig{
            .trustedFrom = stringList(fieldOf(*proxy, "trustedFrom"), kIpNetworkFormat,
                                      "the load balancer's networks, such as [192.0.2.1/32]", true)
                               .value_or(std::vector<std::string>{})};
      }
      settings.service = std::move(given);
    }
    config.front = std::move(settings);
  }

  // A list of port numbers.
  std::optional<std::vector<int>> portList(const Field& field) {
    return listOf<int>(field, "ports such as [25, 465, 993]", [this](const Field& item) { return port(item, true); });
  }

  void readNetworkPolicies(const Block& top, MailuChartConfig& config) {
    const auto policies = block(fieldOf(top, "networkPolicies"),
                                {"enabled", "ingressController", "egress", "dns", "database", "redis"}, false);
    if (!policies) return;
    NetworkPoliciesConfig settings;
    settings.enabled = boolean(fieldOf(*policies, "enabled"));
    settings.ingressController = readPeer(fieldOf(*policies, "ingressController"));
    settings.egress = boolean(fieldOf(*policies, "egress"));
    settings.dns = readPeer(fieldOf(*policies, "dns"));
    settings.database = readPeer(fieldOf(*policies, "database"));
    settings.redis = readPeer(fieldOf(*policies, "redis"));
    config.networkPolicies = std::move(settings);
  }
};

}  // namespace

MailuChartConfig readConfig(const DocumentNode& root, std::vector<ConfigProblem>& problems) {
  return ConfigReader(problems).read(root);
}

void recordConfigSchema(SchemaRecorder& recorder) {
  std::vector<ConfigProblem> none;
  ConfigReader(none, &recorder).read(recorder.emptyMapping());
}

}  // namespace mailu::validation
