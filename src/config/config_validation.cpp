// The rules of a MailuChartConfig over its values (mailu/validate.hpp). The
// file reader (config_reader.cpp) checks what only a document has (syntax,
// types, keys); everything about the values is checked here, once, for files
// and for configs built in C++ alike.
#include "mailu/validate.hpp"

#include <fmt/format.h>

#include "cdk8s_plus/pod_dns.hpp"
#include "config_formats.hpp"
#include "mailu/chart_settings.hpp"
#include "mailu/component_registry.hpp"
#include "override_files.hpp"
#include "problem_wording.hpp"
#include "front_validation.hpp"
#include "workload_validation.hpp"

namespace mailu {
namespace {

using namespace validation;

class Validator {
 public:
  std::vector<ConfigProblem> check(const MailuChartConfig& config) {
    optionalText("namespace", config.namespace_, kNamespaceFormat);
    text("domain", config.domain, kDomainFormat);
    if (config.hostnames.empty()) report("hostnames", "must name at least one host", "[]");
    list("hostnames", config.hostnames, kDomainFormat);
    text("subnet", config.subnet, kSubnetFormat);
    optionalText("timezone", config.timezone, kTimezoneFormat);
    checkDatabase(config.database);
    checkRedis(config.redis);
    checkSecrets(config.secrets);
    if (config.storage) checkStorage(*config.storage);
    checkComponents(config);
    checkResources(config.resources);
    if (config.mailu) checkMailu(*config.mailu, config.secrets);
    if (config.postfix && config.postfix->rateLimits) checkRateLimits(*config.postfix->rateLimits);
    if (config.images) {
      optionalText("images.registry", config.images->registry, kRegistryFormat);
      optionalText("images.tag", config.images->tag, kTagFormat);
    }
    if (config.ingress) checkIngress(*config.ingress);
    if (config.networkPolicies) checkNetworkPolicies(*config.networkPolicies, config.database.type);
    if (config.relay) checkRelay(*config.relay);
    if (config.admin && config.admin->dns) checkPodDns("admin.dns", *config.admin->dns);
    if (config.overrides) checkOverrides(config);
    checkWorkloads(config, problems_);
    checkFrontService(config, problems_);
    // Rules over what the chart makes of a config, once the config is sound.
    if (problems_.empty()) checkRelayNetsBehindTraefik(config);
    return std::move(problems_);
  }

 private:
  void report(std::string path, std::string message, std::string got = {}) {
    problems_.push_back({std::move(path), std::move(message), std::move(got)});
  }

  // A string the config must have, in `format`; whether it is.
  bool text(const std::string& path, const std::string& value, const Format& format) {
    if (value.empty()) {
      report(path, "is required");
      return false;
    }
    if (!format.accepts(value)) {
      report(path, fmt::format("must be {}", format.description), describeString(value));
      return false;
    }
    return true;
  }

  // Whether `value` is absent or in `format`.
  bool optionalText(const std::string& path, const std::optional<std::string>& value, const Format& format) {
    if (!value) return true;
    if (value->empty()) {
      report(path, "must not be empty", "\"\"");
      return false;
    }
    return text(path, *value, format);
  }

  template <class Integer>
  void integer(const std::string& path, const std::optional<Integer>& value, IntegerRange range) {
    if (value && (*value < range.min || *value > range.max)) {
      report(path, fmt::format("must be a whole number from {} to {}", range.min, range.max), std::to_string(*value));
    }
  }

  void checkDatabase(const DatabaseConfig& database) {
    if (database.type == DatabaseType::kPostgresql && !database.postgresql) {
      report("database.postgresql", "is required when database.type is 'postgresql'");
    }
    if (!database.postgresql) return;  // with SQLite, a block given is ignored but must still be right
    const PostgresqlConfig& pg = *database.postgresql;
    text("database.postgresql.host", pg.host, kHostFormat);
    integer("database.postgresql.port", pg.port, kPortRange);
    optionalText("database.postgresql.database", pg.database, kDatabaseNameFormat);
    text("database.postgresql.secretName", pg.secretName, kSecretNameFormat);
    if (pg.secretKeys) {
      text("database.postgresql.secretKeys.username", pg.secretKeys->username, kSecretKeyFormat);
      text("database.postgresql.secretKeys.password", pg.secretKeys->password, kSecretKeyFormat);
    }
  }

  void checkRedis(const RedisConfig& redis) {
    text("redis.host", redis.host, kHostFormat);
    integer("redis.port", redis.port, kPortRange);
    optionalText("redis.secretName", redis.secretName, kSecretNameFormat);
    optionalText("redis.secretKey", redis.secretKey, kSecretKeyFormat);
  }

  void checkSecrets(const SecretsConfig& secrets) {
    text("secrets.mailuSecretKey", secrets.mailuSecretKey, kSecretNameFormat);
    optionalText("secrets.initialAdminPassword", secrets.initialAdminPassword, kSecretNameFormat);
    optionalText("secrets.apiToken", secrets.apiToken, kSecretNameFormat);
  }

  // A size the manifests write as a claim (in Gi, as a JavaScript number).
  void storageSize(const std::string& path, const std::string& size) {
    if (!text(path, size, kSizeFormat)) return;
    const double mebibytes = approximateMebibytes(size).value_or(0);
    if (mebibytes < kSmallestSizeMi || mebibytes > kLargestSizeMi) {
      report(path, "must be from 1Mi to 1Ei (a claim is written in Gi, and Kubernetes refuses an empty one)",
             describeString(size));
    }
  }

  void checkStorage(const StorageConfig& storage) {
    optionalText("storage.storageClass", storage.storageClass, kStorageClassFormat);
    for (const ComponentSpec& spec : mailuComponents()) {
      if (spec.storageKey == nullptr) continue;
      const auto& claim = storage.*spec.storageKey;
      if (!claim) continue;
      const std::string path = fmt::format("storage.{}", spec.key);
      storageSize(path + ".size", claim->size);
      optionalText(path + ".storageClass", claim->storageClass, kStorageClassFormat);
    }
  }

  void checkComponents(const MailuChartConfig& config) {
    const auto& components = config.components;
    if (!components) return;
    if (components->postfix == false) {
      report("components.postfix", "cannot be false: dovecot-submission, webmail and the ingress all hand mail to Postfix",
             "false");
    }
    const bool traefikEnabled = config.ingress && config.ingress->enabled.value_or(false) &&
                                config.ingress->type == IngressType::kTraefik;
    if (traefikEnabled && components->front == false) {
      report("components.front", "cannot be false while the Traefik ingress is enabled: it routes every client to front",
             "false");
    }
    if (components->fetchmail == true && components->front == false) {
      report("components.fetchmail",
             "cannot be true while components.front is false: fetchmail hands what it fetches to front "
             "(FRONT_ADDRESS, SMTP 25 and LMTP 2525)",
             "true");
    }
    // Each serves one component only; without it, it would run for nothing.
    if (components->oletools == true && components->rspamd == false) {
      report("components.oletools",
             "cannot be true while components.rspamd is false: only rspamd sends it attachments (SCAN_MACROS)", "true");
    }
    if (components->tika == true) {
      const bool searchOff = config.mailu && config.mailu->fullTextSearch &&
                             config.mailu->fullTextSearch->enabled == false;
      if (components->dovecot == false) {
        report("components.tika",
               "cannot be true while components.dovecot is false: only dovecot sends it attachments "
               "(FULL_TEXT_SEARCH_ATTACHMENTS)",
               "true");
      } else if (searchOff) {
        report("components.tika",
               "cannot be true while mailu.fullTextSearch.enabled is false: dovecot asks Tika only for its "
               "full-text index (core/dovecot/conf/dovecot.conf)",
               "true");
      }
    }
  }

  // One CPU or memory amount of a component, given or its default.
  struct Amount {
    std::string path;
    std::string text;
    bool given;
    std::optional<std::uint64_t> value;  // millicores or Mi; none when not valid
  };

  // A given CPU amount, checked; a default one is valid by the registry's tests.
  Amount cpu(std::string path, const std::optional<std::string>& given, std::string_view fallback) {
    Amount amount{std::move(path), given.value_or(std::string(fallback)), given.has_value(), std::nullopt};
    if (!optionalText(amount.path, given, kCpuFormat)) return amount;
    amount.value = cpuMillicores(amount.text);
    if (!amount.value || *amount.value < kSmallestCpuMillicores || *amount.value > kLargestCpuMillicores) {
      report(amount.path, "must be from 1m to 1000000 cores, in whole millicores (Kubernetes counts CPU in millicores)",
             describeString(amount.text));
      amount.value.reset();
    }
    return amount;
  }

  Amount memory(std::string path, const std::optional<std::string>& given, std::string_view fallback) {
    Amount amount{std::move(path), given.value_or(std::string(fallback)), given.has_value(), std::nullopt};
    if (!optionalText(amount.path, given, kSizeFormat)) return amount;
    amount.value = wholeMebibytes(amount.text);
    if (!amount.value) {
      report(amount.path, "must be a whole number of Mi, at least 1Mi (memory is written in Mi), such as 512Mi or 1.5Gi",
             describeString(amount.text));
    } else if (*amount.value > static_cast<std::uint64_t>(kLargestSizeMi)) {
      report(amount.path, "must be at most 1Ei", describeString(amount.text));
      amount.value.reset();
    }
    return amount;
  }

  // Kubernetes refuses a pod whose request exceeds its limit, whether either
  // was given or is the component's default: the Deployment then never gets
  // a pod, with no error at apply time. The problem is the given side's.
  void requestWithinLimit(std::string_view kind, const Amount& request, const Amount& limit) {
    if (!request.value || !limit.value || *request.value <= *limit.value) return;
    if (request.given && limit.given) {
      report(request.path, fmt::format("must not exceed {} ({})", limit.path, limit.text), describeString(request.text));
    } else if (request.given) {
      report(request.path,
             fmt::format("must not exceed the default {} limit {} (set {} as well)", kind, limit.text, limit.path),
             describeString(request.text));
    } else if (limit.given) {
      report(limit.path,
             fmt::format("must not be below the default {} request {} (set {} as well)", kind, request.text, request.path),
             describeString(limit.text));
    }
  }

  void checkResources(const std::optional<ResourcesConfig>& resources) {
    const ResourceQuantities none;
    for (const ComponentSpec& spec : mailuComponents()) {
      const std::optional<ResourceRequirements>* given = resources ? &((*resources).*spec.resourcesKey) : nullptr;
      const bool any = given != nullptr && given->has_value();
      const ResourceQuantities& requests = any && (*given)->requests ? *(*given)->requests : none;
      const ResourceQuantities& limits = any && (*given)->limits ? *(*given)->limits : none;
      const std::string path = fmt::format("resources.{}", spec.key);
      const ResourceDefaults& defaults = spec.resources;
      // Named first, so the problems come in this order (arguments have none).
      const Amount cpuRequest = cpu(path + ".requests.cpu", requests.cpu, defaults.cpuRequest);
      const Amount cpuLimit = cpu(path + ".limits.cpu", limits.cpu, defaults.cpuLimit);
      requestWithinLimit("CPU", cpuRequest, cpuLimit);
      const Amount memoryRequest = memory(path + ".requests.memory", requests.memory, defaults.memoryRequest);
      const Amount memoryLimit = memory(path + ".limits.memory", limits.memory, defaults.memoryLimit);
      requestWithinLimit("memory", memoryRequest, memoryLimit);
    }
  }

  void checkMailu(const MailuSettings& mailu, const SecretsConfig& secrets) {
    optionalText("mailu.logLevel", mailu.logLevel, kLogLevelFormat);
    integer("mailu.messageSizeLimit", mailu.messageSizeLimit, kMessageSizeLimitRange);
    checkMailPolicy(mailu);
    if (!mailu.initialAccount) return;
    const InitialAccountConfig& account = *mailu.initialAccount;
    text("mailu.initialAccount.username", account.username, kLocalPartFormat);
    optionalText("mailu.initialAccount.domain", account.domain, kDomainFormat);
    if (account.enabled == false && secrets.initialAdminPassword) {
      report("mailu.initialAccount.enabled",
             "cannot be false while secrets.initialAdminPassword is set: the account would be created anyway "
             "(leave out secrets.initialAdminPassword to skip it)",
             "false");
    }
  }

  // Each item in `format`, named "<path>[<i>]".
  void list(const std::string& path, const std::vector<std::string>& values, const Format& format) {
    for (std::size_t i = 0; i < values.size(); ++i) text(fmt::format("{}[{}]", path, i), values[i], format);
  }
  void list(const std::string& path, const std::optional<std::vector<std::string>>& values, const Format& format) {
    if (values) list(path, *values, format);
  }

  void checkMailPolicy(const MailuSettings& mailu) {
    optionalText("mailu.postmaster", mailu.postmaster, kLocalPartFormat);
    optionalText("mailu.recipientDelimiter", mailu.recipientDelimiter, kRecipientDelimiterFormat);
    if (mailu.dmarc) {
      optionalText("mailu.dmarc.rua", mailu.dmarc->rua, kLocalPartFormat);
      optionalText("mailu.dmarc.ruf", mailu.dmarc->ruf, kLocalPartFormat);
    }
    list("mailu.wildcardSenders", mailu.wildcardSenders, kMailAddressFormat);
    if (mailu.welcome) {
      optionalText("mailu.welcome.subject", mailu.welcome->subject, kMessageTextFormat);
      optionalText("mailu.welcome.body", mailu.welcome->body, kMessageTextFormat);
    }
    if (optionalText("mailu.defaultQuota", mailu.defaultQuota, kSizeFormat) && mailu.defaultQuota &&
        !wholeBytes(*mailu.defaultQuota)) {
      report("mailu.defaultQuota", "must be a whole number of bytes from 1 byte to 8Pi (Mailu counts quotas in bytes)",
             describeString(*mailu.defaultQuota));
    }
    integer("mailu.defaultSpamThreshold", mailu.defaultSpamThreshold, kSpamThresholdRange);
    if (mailu.authRatelimit) {
      const AuthRatelimitConfig& auth = *mailu.authRatelimit;
      optionalText("mailu.authRatelimit.ip", auth.ip, kRateLimitFormat);
      integer("mailu.authRatelimit.ipv4Mask", auth.ipv4Mask, kIpv4PrefixRange);
      integer("mailu.authRatelimit.ipv6Mask", auth.ipv6Mask, kIpv6PrefixRange);
      optionalText("mailu.authRatelimit.user", auth.user, kRateLimitFormat);
      list("mailu.authRatelimit.exemption", auth.exemption, kIpNetworkFormat);
      integer("mailu.authRatelimit.exemptionLength", auth.exemptionLength, kExemptionLengthRange);
    }
    if (mailu.messageRatelimit) {
      optionalText("mailu.messageRatelimit.value", mailu.messageRatelimit->value, kRateLimitFormat);
      list("mailu.messageRatelimit.exemption", mailu.messageRatelimit->exemption, kMailAddressFormat);
    }
    if (mailu.tls) optionalText("mailu.tls.outboundLevel", mailu.tls->outboundLevel, kOutboundTlsLevelFormat);
    if (mailu.fullTextSearch) checkFullTextSearch(*mailu.fullTextSearch);
  }

  void checkFullTextSearch(const FullTextSearchConfig& search) {
    const std::string path = "mailu.fullTextSearch.languages";
    list(path, search.languages, kFtsLanguageFormat);
    if (search.languages && search.languages->empty()) {
      // dovecot needs at least one; "off" has its own key.
      report(path, "must name at least one language (mailu.fullTextSearch.enabled: false turns the search off)", "[]");
    }
    if (search.enabled == false && search.languages) {
      report(path, "has no effect while mailu.fullTextSearch.enabled is false");
    }
  }

  // What Kubernetes and cdk8s-plus take for dnsPolicy None.
  void checkPodDns(const std::string& path, const PodDnsConfig& dns) {
    using cdk8s::plus::kMaxDnsNameservers;
    using cdk8s::plus::kMaxDnsSearches;
    if (dns.nameservers.empty() || dns.nameservers.size() > kMaxDnsNameservers) {
      report(path + ".nameservers", fmt::format("must name 1 to {} resolvers (the pod uses no other)", kMaxDnsNameservers),
             fmt::format("{} addresses", dns.nameservers.size()));
    }
    list(path + ".nameservers", dns.nameservers, kNameserverFormat);
    if (dns.searches && dns.searches->size() > kMaxDnsSearches) {
      report(path + ".searches", fmt::format("must name at most {} domains", kMaxDnsSearches),
             fmt::format("{} domains", dns.searches->size()));
    }
    list(path + ".searches", dns.searches, kSearchDomainFormat);
    for (std::size_t i = 0; dns.options && i < dns.options->size(); ++i) {
      const std::string option = fmt::format("{}.options[{}]", path, i);
      text(option + ".name", (*dns.options)[i].name, kDnsOptionNameFormat);
      optionalText(option + ".value", (*dns.options)[i].value, kDnsOptionValueFormat);
    }
  }

  void checkOverrides(const MailuChartConfig& config) {
    for (const OverrideTarget& target : overrideTargets()) {
      if (const auto& files = (*config.overrides).*target.member) {
        const std::string path = joinPath("overrides", target.key);
        checkOverrideFiles(path, target, *files, config.components);
        const WebmailType webmail = config.mailu && config.mailu->webmailType ? *config.mailu->webmailType
                                                                              : WebmailProps{}.webmailType;
        if (target.webmail && *target.webmail != webmail) {
          report(path, fmt::format("is never read: webmail runs {} (mailu.webmailType), not {}", toString(webmail),
                                   toString(*target.webmail)));
        }
      }
    }
  }

  void checkOverrideFiles(const std::string& path, const OverrideTarget& target, const OverrideFilesConfig& files,
                          const std::optional<ComponentsConfig>& components) {
    const ComponentSpec& spec = componentSpec(target.component);
    if (!isEnabled(components, target.component)) {
      report(path, fmt::format("has no {} to read it: components.{} is false", spec.name, spec.key));
    }
    if (files.configMapName) {
      const std::string at = joinPath(path, kConfigMapNameKey);
      if (!files.files.empty()) {
        report(at, fmt::format("cannot be given with files: the ConfigMap is mounted as the whole {}", kOverridesDirectory));
      } else if (target.chartFiles) {
        report(at, fmt::format("cannot be used for {0}: {1} holds the chart's own postfix.cf (anvil limits) and "
                               "postfix.master (the PROXY listener), which a ConfigMap would replace; give the files "
                               "under {2} and they are merged",
                               spec.name, kOverridesDirectory, path));
      } else {
        text(at, *files.configMapName, kConfigMapNameFormat);
      }
      return;
    }
    if (files.files.empty()) report(path, fmt::format("must give at least one file, or {}", kConfigMapNameKey), "{}");
    // What the chart writes into the same ConfigMap stays under this much.
    const std::size_t limit = kMaxConfigMapBytes - (target.chartFiles ? kChartOverrideReserve : 0);
    std::size_t bytes = 0;
    for (const auto& [name, content] : files.files) {
      const std::string at = joinPath(path, name);
      bytes += name.size() + content.size();
      if (!kOverrideFileNameFormat.accepts(name)) {
        report(at, fmt::format("has a name that must be {}", kOverrideFileNameFormat.description));
        continue;
      }
      const auto rule = overrideRule(target, name);
      if (!rule) {
        report(at, unreadOverrideMessage(target, name));
        continue;
      }
      if (!kOverrideTextFormat.accepts(content)) {
        report(at, fmt::format("must be {}", kOverrideTextFormat.description), describeString(content));
        continue;
      }
      if (rule->postconf) checkPostconfLines(at, content, *rule->postconf);
    }
    if (bytes > limit) {
      report(path, fmt::format("must add up to at most {} bytes (names and contents), what one ConfigMap holds{}", limit,
                               target.chartFiles ? " beside the chart's own files" : ""),
             fmt::format("{} bytes", bytes));
    }
  }

  static std::string unreadOverrideMessage(const OverrideTarget& target, std::string_view name) {
    const ComponentSpec& spec = componentSpec(target.component);
    if (std::find(target.mailusOwn.begin(), target.mailusOwn.end(), name) != target.mailusOwn.end()) {
      return fmt::format("is never read: {}'s start script keeps Mailu's own file of that name", spec.name);
    }
    std::string names;
    for (const OverrideName& read : target.read) {
      names += fmt::format("{}{}{}", names.empty() ? "" : ", ", read.ending ? "*" : "", read.name);
    }
    return fmt::format("is not a file {} reads in {}; it reads {}", spec.name, kOverridesDirectory, names);
  }

  // Mailu's start.py hands each line of postfix.cf to `postconf -e "<line>"`
  // and each of postfix.master to `postconf -Me "<line>"` through a shell,
  // skipping only empty lines and lines that start with '#'.
  void checkPostconfLines(const std::string& path, std::string_view content, PostconfLines form) {
    const bool master = form == PostconfLines::kMaster;
    std::size_t number = 0;
    for (std::size_t start = 0; start <= content.size();) {
      const std::size_t end = std::min(content.find('\n', start), content.size());
      const std::string_view line = content.substr(start, end - start);
      start = end + 1;
      ++number;
      if (line.empty() || line.front() == '#') continue;
      if (line.find_first_of("\"$`\\") != std::string_view::npos) {
        report(path, fmt::format("line {}: must not hold $, \", ` or \\: Mailu's start.py passes the line to postconf inside double quotes "
                   "in a shell, which would change them", number),
               describeString(line));
      } else if (!(master ? isPostfixMasterLine(line) : isPostfixMainLine(line))) {
        report(path,
               fmt::format("line {}: {}", number, master ? "must be 'service/type = entry' such as '2526/inet = 2526 inet n - n - - smtpd' (postconf -Me "
                        "takes one service a line; comments start the line with #)"
                      : "must be 'name = value' such as 'smtpd_helo_required = yes' (postconf -e takes one parameter "
                        "a line; continuation lines and indented comments do not reach it)"),
               describeString(line));
      }
    }
  }

  void checkRelay(const RelayConfig& relay) {
    optionalText("relay.host", relay.host, kHostFormat);
    integer("relay.port", relay.port, kPortRange);
    optionalText("relay.secretName", relay.secretName, kSecretNameFormat);
    if (relay.secretKeys) {
      text("relay.secretKeys.username", relay.secretKeys->username, kSecretKeyFormat);
      text("relay.secretKeys.password", relay.secretKeys->password, kSecretKeyFormat);
    }
    list("relay.relayNets", relay.relayNets, kRelayNetworkFormat);
    if (!relay.host) {
      // Without a smarthost these would be written nowhere.
      for (const auto& [key, given] : {std::pair{"port", relay.port.has_value()},
                                       std::pair{"secretName", relay.secretName.has_value()}}) {
        if (given) report(fmt::format("relay.{}", key), "has no effect without relay.host");
      }
      if (!relay.relayNets || relay.relayNets->empty()) report("relay", "must name a host or relayNets", "{}");
    }
    if (relay.secretKeys && !relay.secretName) {
      report("relay.secretKeys", "has no effect without relay.secretName");
    }
  }

  // relayNets also count on postfix's PROXY listener (the 2525 entry of
  // postfix.master), where the client address comes from the PROXY header.
  // Any peer that reaches 2525 can write that header, so a relayNets address
  // there is only as safe as the NetworkPolicy that keeps all but the ingress
  // controller away from it.
  void checkRelayNetsBehindTraefik(const MailuChartConfig& config) {
    if (!config.relay || !config.relay->relayNets || config.relay->relayNets->empty()) return;
    const ChartSettings settings = resolveChartSettings(config);
    if (!settings.switches.proxyProtocol) return;
    const bool onlyTheController =
        settings.networkPolicies && config.networkPolicies && config.networkPolicies->ingressController;
    if (onlyTheController) return;
    report("relay.relayNets",
           "needs networkPolicies.ingressController with the Traefik PROXY protocol: postfix takes the client "
           "address from the PROXY header on port 2525, and without that peer any pod could claim a relayNets "
           "address there and relay mail anywhere");
  }

  void checkRateLimits(const PostfixRateLimits& limits) {
    integer("postfix.rateLimits.connectionRate", limits.connectionRate, kRateLimitRange);
    integer("postfix.rateLimits.connectionCount", limits.connectionCount, kRateLimitRange);
    integer("postfix.rateLimits.messageRate", limits.messageRate, kRateLimitRange);
    integer("postfix.rateLimits.recipientRate", limits.recipientRate, kRateLimitRange);
    optionalText("postfix.rateLimits.timeUnit", limits.timeUnit, kPostfixTimeFormat);
  }

  void checkIngress(const IngressConfig& ingress) {
    const bool enabled = ingress.enabled.value_or(false);
    // The reference silently creates nothing without a type, whatever its docs say.
    if (enabled && !ingress.type) {
      report("ingress.type", "is required when ingress.enabled is true: one of 'traefik', 'nginx', 'none'");
    }
    if (enabled && ingress.type == IngressType::kTraefik && !ingress.traefik) {
      report("ingress.traefik.hostname", "is required when the Traefik ingress is enabled");
    }
    if (!ingress.traefik) return;
    const TraefikIngressConfig& traefik = *ingress.traefik;
    text("ingress.traefik.hostname", traefik.hostname, kIngressHostFormat);
    optionalText("ingress.traefik.certIssuer", traefik.certIssuer, kIssuerFormat);
    integer("ingress.traefik.smtpConnectionLimit", traefik.smtpConnectionLimit, kConnectionLimitRange);
  }

  void checkPeer(const std::string& path, const NetworkPeerConfig& peer) {
    optionalText(path + ".namespace", peer.namespace_, kNamespaceFormat);
    const std::string labelsPath = path + ".podLabels";
    for (const auto& [key, value] : peer.podLabels.value_or(std::map<std::string, std::string>{})) {
      const std::string labelPath = joinPath(labelsPath, key);
      if (!isLabelKey(key)) {
        report(labelPath, "must be a label name such as app or app.kubernetes.io/name", describeString(key));
      } else if (!value.empty()) {  // Kubernetes allows an empty value
        text(labelPath, value, kLabelValueFormat);
      }
    }
    const std::string cidrsPath = path + ".cidrs";
    if (peer.cidrs && peer.cidrs->empty()) {
      report(cidrsPath, "must be a list of IPv4 networks such as [10.0.0.0/8]", "[]");
    }
    for (std::size_t i = 0; peer.cidrs && i < peer.cidrs->size(); ++i) {
      text(fmt::format("{}[{}]", cidrsPath, i), (*peer.cidrs)[i], kNetworkFormat);
    }
    const bool pods = peer.namespace_ || peer.podLabels;
    if (pods && peer.cidrs) {
      report(cidrsPath, "cannot be given with namespace or podLabels: a peer is pods or networks");
    } else if (!pods && !peer.cidrs) {
      report(path, "must name a namespace, podLabels or cidrs", "{}");
    }
  }

  void checkNetworkPolicies(const NetworkPoliciesConfig& policies, DatabaseType databaseType) {
    if (policies.ingressController) checkPeer("networkPolicies.ingressController", *policies.ingressController);
    const std::pair<const char*, const std::optional<NetworkPeerConfig>*> egressPeers[] = {
        {"dns", &policies.dns}, {"database", &policies.database}, {"redis", &policies.redis}};
    for (const auto& [key, peer] : egressPeers) {
      if (!*peer) continue;
      const std::string path = fmt::format("networkPolicies.{}", key);
      checkPeer(path, **peer);
      if (!policies.egress.value_or(false)) {
        report(path, "has no effect unless networkPolicies.egress is true (it names an egress peer)");
      }
    }
    if (policies.database && databaseType != DatabaseType::kPostgresql) {
      report("networkPolicies.database",
             "has no effect unless database.type is postgresql (SQLite is a file in admin's claim)");
    }
  }

  std::vector<ConfigProblem> problems_;
};

}  // namespace

std::vector<ConfigProblem> configProblems(const MailuChartConfig& config) { return Validator().check(config); }

void validate(const MailuChartConfig& config) {
  std::vector<ConfigProblem> problems = configProblems(config);
  if (!problems.empty()) throw ConfigError(std::move(problems));
}

}  // namespace mailu
