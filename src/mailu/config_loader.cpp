#include "mailu/config_loader.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "mailu/config_formats.hpp"

namespace mailu {

std::string_view toString(DatabaseType value) { return value == DatabaseType::kPostgresql ? "postgresql" : "sqlite"; }

std::string_view toString(InitialAccountMode value) {
  switch (value) {
    case InitialAccountMode::kCreate:
      return "create";
    case InitialAccountMode::kUpdate:
      return "update";
    case InitialAccountMode::kIfMissing:
      return "ifmissing";
  }
  return "";
}

std::string_view toString(WebmailType value) { return value == WebmailType::kSnappymail ? "snappymail" : "roundcube"; }

std::string_view toString(PullPolicy value) {
  switch (value) {
    case PullPolicy::kAlways:
      return "Always";
    case PullPolicy::kIfNotPresent:
      return "IfNotPresent";
    case PullPolicy::kNever:
      return "Never";
  }
  return "";
}

std::string_view toString(IngressType value) {
  switch (value) {
    case IngressType::kTraefik:
      return "traefik";
    case IngressType::kNginx:
      return "nginx";
    case IngressType::kNone:
      return "none";
  }
  return "";
}

std::string ConfigProblem::toString() const {
  std::string text = path.empty() ? message : path + ": " + message;
  if (!got.empty()) text += " (got " + got + ")";
  return text;
}

namespace {

std::string joinProblems(const std::vector<ConfigProblem>& problems) {
  std::string text;
  for (const ConfigProblem& problem : problems) {
    if (!text.empty()) text += '\n';
    text += problem.toString();
  }
  return text;
}

}  // namespace

ConfigError::ConfigError(std::vector<ConfigProblem> problems)
    : std::runtime_error(joinProblems(problems)), problems_(std::move(problems)) {}

namespace {

// Deeper than any config needs; also stops alias cycles.
constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxShownValue = 60;

std::string childPath(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string indexPath(const std::string& parent, std::size_t index) { return fmt::format("{}[{}]", parent, index); }

std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

bool isPlain(const YAML::Node& node) { return node.Tag() == "?"; }

bool isNullNode(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return true;
  if (!node.IsScalar() || !isPlain(node)) return false;
  const std::string& s = node.Scalar();
  return s == "null" || s == "~" || s == "Null" || s == "NULL";
}

// A short, unambiguous rendering of what the user wrote.
std::string describe(const YAML::Node& node) {
  if (isNullNode(node)) return "null";
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  std::string text = node.Scalar();
  const bool truncated = text.size() > kMaxShownValue;
  if (truncated) text = text.substr(0, kMaxShownValue);
  std::string shown;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      shown += '\\';
      shown += c;
    } else if (u < 0x20 || u == 0x7f) {
      shown += fmt::format("\\x{:02x}", u);
    } else {
      shown += c;
    }
  }
  if (truncated) shown += "...";
  if (isPlain(node) && !truncated && shown == text && !text.empty()) return shown;
  return "\"" + shown + "\"";
}

// One level of the config: reads its keys, remembers which were used.
class Reader {
 public:
  explicit Reader(std::vector<ConfigProblem>& problems) : problems_(problems) {}

  void problem(std::string path, std::string message, std::string got = "") {
    problems_.push_back({std::move(path), std::move(message), std::move(got)});
  }

  // Checks that `node` is a mapping whose keys are all in `known`, unique.
  bool mapping(const YAML::Node& node, const std::string& path, std::initializer_list<std::string_view> known) {
    if (!node.IsMap()) {
      problem(path.empty() ? std::string("<document>") : path, "must be a mapping of keys to values", describe(node));
      return false;
    }
    std::vector<std::string> seen;
    for (const auto& entry : node) {
      if (!entry.first.IsScalar()) {
        problem(path.empty() ? std::string("<document>") : path, "keys must be plain names", describe(entry.first));
        continue;
      }
      const std::string& key = entry.first.Scalar();
      const std::string keyPath = childPath(path, key);
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
        problem(keyPath, "is given more than once");
        continue;
      }
      seen.push_back(key);
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string_view nearest;
      std::size_t best = SIZE_MAX;
      for (std::string_view candidate : known) {
        const std::size_t distance = editDistance(key, candidate);
        if (distance < best) {
          best = distance;
          nearest = candidate;
        }
      }
      if (best <= std::max<std::size_t>(2, key.size() / 3)) {
        problem(keyPath, fmt::format("unknown key; did you mean '{}'?", childPath(path, nearest)));
      } else {
        std::string list;
        for (std::string_view candidate : known) list += (list.empty() ? "" : ", ") + std::string(candidate);
        problem(keyPath, fmt::format("unknown key; known keys here: {}", list));
      }
    }
    return true;
  }

  // The child or an undefined node; also guards depth.
  YAML::Node child(const YAML::Node& map, std::string_view key) {
    for (const auto& entry : map) {
      if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.second;
    }
    return YAML::Node(YAML::NodeType::Undefined);
  }

  std::optional<std::string> string(const YAML::Node& node, const std::string& path, bool required = false) {
    if (isNullNode(node)) {
      if (required) problem(path, "is required");
      return std::nullopt;
    }
    if (!node.IsScalar() || (isPlain(node) && (node.Scalar() == "true" || node.Scalar() == "false"))) {
      problem(path, "must be a string", describe(node));
      return std::nullopt;
    }
    const std::string& value = node.Scalar();
    if (value.empty()) {
      problem(path, "must not be empty", describe(node));
      return std::nullopt;
    }
    for (char c : value) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7f) {
        problem(path, "must not contain control characters or line breaks", describe(node));
        return std::nullopt;
      }
    }
    return value;
  }

  std::optional<long> integer(const YAML::Node& node, const std::string& path, long min, long max) {
    if (isNullNode(node)) return std::nullopt;
    long value = 0;
    const std::string text = node.IsScalar() ? node.Scalar() : "";
    const char* begin = text.data() + (!text.empty() && text[0] == '+' ? 1 : 0);
    const auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
    if (!node.IsScalar() || !isPlain(node) || text.empty() || error != std::errc() || end != text.data() + text.size()) {
      problem(path, fmt::format("must be a whole number from {} to {}", min, max), describe(node));
      return std::nullopt;
    }
    if (value < min || value > max) {
      problem(path, fmt::format("must be from {} to {}", min, max), describe(node));
      return std::nullopt;
    }
    return value;
  }

  std::optional<bool> boolean(const YAML::Node& node, const std::string& path) {
    if (isNullNode(node)) return std::nullopt;
    if (node.IsScalar() && isPlain(node) && (node.Scalar() == "true" || node.Scalar() == "false")) {
      return node.Scalar() == "true";
    }
    problem(path, "must be true or false", describe(node));
    return std::nullopt;
  }

  template <class Enum>
  std::optional<Enum> choice(const YAML::Node& node, const std::string& path, std::initializer_list<Enum> values,
                             bool required = false) {
    const auto text = string(node, path, required);
    if (!text) return std::nullopt;
    std::string allowed;
    for (Enum value : values) {
      if (toString(value) == *text) return value;
      allowed += (allowed.empty() ? "'" : ", '") + std::string(toString(value)) + "'";
    }
    problem(path, "must be one of " + allowed, describe(node));
    return std::nullopt;
  }

  // A string that must also pass `valid`; `what` completes "must be ...".
  template <class Predicate>
  std::optional<std::string> formatted(const YAML::Node& node, const std::string& path, Predicate valid,
                                       std::string_view what, bool required = false) {
    auto value = string(node, path, required);
    if (value && !valid(*value)) {
      problem(path, fmt::format("must be {}", what), describe(node));
      return std::nullopt;
    }
    return value;
  }

 private:
  std::vector<ConfigProblem>& problems_;
};

constexpr std::string_view kDomainFormat = "a domain name such as mail.example.com";
constexpr std::string_view kSecretNameFormat = "a Kubernetes Secret name (lowercase letters, digits, '-' and '.')";
constexpr std::string_view kStorageClassFormat =
    "a Kubernetes StorageClass name (lowercase letters, digits, '-' and '.')";
constexpr std::string_view kSizeFormat = "a size: a number and a binary unit Ki, Mi, Gi, Ti, Pi or Ei, such as 5Gi";

bool noSpaces(std::string_view s) { return s.find(' ') == std::string_view::npos; }

class ConfigParser {
 public:
  explicit ConfigParser(std::vector<ConfigProblem>& problems) : r_(problems) {}

  MailuChartConfig parse(const YAML::Node& root) {
    MailuChartConfig config;
    if (!r_.mapping(root, "", {"namespace", "domain", "hostnames", "subnet", "timezone", "database", "redis",
                               "secrets", "storage", "components", "resources", "mailu", "images", "ingress"})) {
      return config;
    }
    config.namespace_ = r_.formatted(r_.child(root, "namespace"), "namespace", isDns1123Label,
                                     "a Kubernetes namespace name (lowercase letters, digits and '-', at most 63)");
    config.domain = r_.formatted(r_.child(root, "domain"), "domain", isDomainName, kDomainFormat, true).value_or("");
    readHostnames(r_.child(root, "hostnames"), config);
    config.subnet = r_.formatted(r_.child(root, "subnet"), "subnet", isIpv4Cidr,
                                 "an IPv4 network in CIDR notation such as 10.42.0.0/16", true)
                        .value_or("");
    config.timezone = r_.formatted(r_.child(root, "timezone"), "timezone", noSpaces,
                                   "a time zone name such as Europe/Berlin");
    readDatabase(r_.child(root, "database"), config);
    readRedis(r_.child(root, "redis"), config);
    readSecrets(r_.child(root, "secrets"), config);
    readStorage(r_.child(root, "storage"), config);
    readComponents(r_.child(root, "components"), config);
    readResources(r_.child(root, "resources"), config);
    readMailu(r_.child(root, "mailu"), config);
    readImages(r_.child(root, "images"), config);
    readIngress(r_.child(root, "ingress"), config);
    checkRelations(config);
    return config;
  }

 private:
  // A required or optional block: false when absent (reported if required) or not a mapping.
  bool block(const YAML::Node& node, const std::string& path, std::initializer_list<std::string_view> known,
             bool required = false) {
    if (isNullNode(node)) {
      if (required) r_.problem(path, "is required");
      return false;
    }
    return r_.mapping(node, path, known);
  }

  void readHostnames(const YAML::Node& node, MailuChartConfig& config) {
    if (isNullNode(node)) {
      r_.problem("hostnames", "is required");
      return;
    }
    if (!node.IsSequence()) {
      r_.problem("hostnames", "must be a list of host names", describe(node));
      return;
    }
    if (node.size() == 0) {
      r_.problem("hostnames", "must list at least one host name", "[]");
      return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      const std::string path = indexPath("hostnames", i);
      if (auto hostname = r_.formatted(node[i], path, isDomainName, kDomainFormat, true)) {
        config.hostnames.push_back(*hostname);
      }
    }
  }

  void readDatabase(const YAML::Node& node, MailuChartConfig& config) {
    if (!block(node, "database", {"type", "postgresql"}, true)) return;
    config.database.type = r_.choice(r_.child(node, "type"), "database.type",
                                     {DatabaseType::kSqlite, DatabaseType::kPostgresql}, true)
                               .value_or(DatabaseType::kSqlite);
    const YAML::Node pg = r_.child(node, "postgresql");
    if (!block(pg, "database.postgresql", {"host", "port", "database", "secretName", "secretKeys"})) return;
    PostgresqlConfig postgresql;
    postgresql.host = r_.formatted(r_.child(pg, "host"), "database.postgresql.host", noSpaces,
                                   "a host name without spaces", true)
                          .value_or("");
    if (auto port = r_.integer(r_.child(pg, "port"), "database.postgresql.port", 1, 65535)) {
      postgresql.port = static_cast<int>(*port);
    }
    postgresql.database = r_.string(r_.child(pg, "database"), "database.postgresql.database");
    postgresql.secretName = r_.formatted(r_.child(pg, "secretName"), "database.postgresql.secretName",
                                         isDns1123Subdomain, kSecretNameFormat, true)
                                .value_or("");
    const YAML::Node keys = r_.child(pg, "secretKeys");
    if (block(keys, "database.postgresql.secretKeys", {"username", "password"})) {
      constexpr std::string_view kKeyFormat = "a Secret key (letters, digits, '-', '_' and '.')";
      PostgresqlSecretKeys secretKeys;
      secretKeys.username = r_.formatted(r_.child(keys, "username"), "database.postgresql.secretKeys.username",
                                         isSecretKey, kKeyFormat, true)
                                .value_or("username");
      secretKeys.password = r_.formatted(r_.child(keys, "password"), "database.postgresql.secretKeys.password",
                                         isSecretKey, kKeyFormat, true)
                                .value_or("password");
      postgresql.secretKeys = secretKeys;
    }
    config.database.postgresql = postgresql;
  }

  void readRedis(const YAML::Node& node, MailuChartConfig& config) {
    if (!block(node, "redis", {"host", "port", "secretName", "secretKey"}, true)) return;
    config.redis.host =
        r_.formatted(r_.child(node, "host"), "redis.host", noSpaces, "a host name without spaces", true).value_or("");
    if (auto port = r_.integer(r_.child(node, "port"), "redis.port", 1, 65535)) {
      config.redis.port = static_cast<int>(*port);
    }
    config.redis.secretName =
        r_.formatted(r_.child(node, "secretName"), "redis.secretName", isDns1123Subdomain, kSecretNameFormat);
    config.redis.secretKey = r_.formatted(r_.child(node, "secretKey"), "redis.secretKey", isSecretKey,
                                          "a Secret key (letters, digits, '-', '_' and '.')");
  }

  void readSecrets(const YAML::Node& node, MailuChartConfig& config) {
    if (!block(node, "secrets", {"mailuSecretKey", "initialAdminPassword", "apiToken"}, true)) return;
    config.secrets.mailuSecretKey = r_.formatted(r_.child(node, "mailuSecretKey"), "secrets.mailuSecretKey",
                                                 isDns1123Subdomain, kSecretNameFormat, true)
                                        .value_or("");
    config.secrets.initialAdminPassword =
        r_.formatted(r_.child(node, "initialAdminPassword"), "secrets.initialAdminPassword", isDns1123Subdomain,
                     kSecretNameFormat);
    config.secrets.apiToken =
        r_.formatted(r_.child(node, "apiToken"), "secrets.apiToken", isDns1123Subdomain, kSecretNameFormat);
  }

  std::optional<ComponentStorageConfig> readComponentStorage(const YAML::Node& node, const std::string& path) {
    if (!block(node, path, {"size", "storageClass"})) return std::nullopt;
    ComponentStorageConfig storage;
    storage.size = r_.formatted(r_.child(node, "size"), path + ".size", isSize, kSizeFormat, true).value_or("");
    storage.storageClass = r_.formatted(r_.child(node, "storageClass"), path + ".storageClass", isDns1123Subdomain,
                                        kStorageClassFormat);
    return storage;
  }

  void readStorage(const YAML::Node& node, MailuChartConfig& config) {
    if (!block(node, "storage",
               {"storageClass", "admin", "postfix", "dovecot", "rspamd", "clamav", "webmail", "webdav"})) {
      return;
    }
    StorageConfig storage;
    storage.storageClass =
        r_.formatted(r_.child(node, "storageClass"), "storage.storageClass", isDns1123Subdomain, kStorageClassFormat);
    storage.admin = readComponentStorage(r_.child(node, "admin"), "storage.admin");
    storage.postfix = readComponentStorage(r_.child(node, "postfix"), "storage.postfix");
    storage.dovecot = readComponentStorage(r_.child(node, "dovecot"), "storage.dovecot");
    storage.rspamd = readComponentStorage(r_.child(node, "rspamd"), "storage.rspamd");
    storage.clamav = readComponentStorage(r_.child(node, "clamav"), "storage.clamav");
    storage.webmail = readComponentStorage(r_.child(node, "webmail"), "storage.webmail");
    storage.webdav = readComponentStorage(r_.child(node, "webdav"), "storage.webdav");
    config.storage = storage;
  }

  void readComponents(const YAML::Node& node, MailuChartConfig& config) {
    if (!block(node, "components",
               {"admin", "front", "postfix", "dovecot", "rspamd", "webmail", "clamav", "fetchmail", "webdav"})) {
      return;
    }
    ComponentsConfig components;
    components.admin = r_.boolean(r_.child(node, "admin"), "components.admin");
    components.front = r_.boolean(r_.child(node, "front"), "components.front");
    components.postfix = r_.boolean(r_.child(node, "postfix"), "components.postfix");
    components.dovecot = r_.boolean(r_.child(node, "dovecot"), "components.dovecot");
    components.rspamd = r_.boolean(r_.child(node, "rspamd"), "components.rspamd");
    components.webmail = r_.boolean(r_.child(node, "webmail"), "components.webmail");
    components.clamav = r_.boolean(r_.child(node, "clamav"), "components.clamav");
    components.fetchmail = r_.boolean(r_.child(node, "fetchmail"), "components.fetchmail");
    components.webdav = r_.boolean(r_.child(node, "webdav"), "components.webdav");
    config.components = components;
  }

  std::optional<ResourceQuantities> readQuantities(const YAML::Node& node, const std::string& path) {
    if (!block(node, path, {"cpu", "memory"})) return std::nullopt;
    ResourceQuantities quantities;
    quantities.cpu = r_.formatted(r_.child(node, "cpu"), path + ".cpu", isCpu,
                                  "a CPU amount: millicores such as 250m, or cores such as 0.5 or 2");
    const std::string memoryPath = path + ".memory";
    quantities.memory = r_.formatted(r_.child(node, "memory"), memoryPath, isSize, kSizeFormat);
    if (quantities.memory && !isWholeMebibytes(*quantities.memory)) {
      r_.problem(memoryPath, "must be a whole number of Mi (memory is written in Mi), such as 512Mi or 1.5Gi",
                 describe(r_.child(node, "memory")));
      quantities.memory.reset();
    }
    return quantities;
  }

  std::optional<ResourceRequirements> readRequirements(const YAML::Node& node, const std::string& path) {
    if (!block(node, path, {"requests", "limits"})) return std::nullopt;
    ResourceRequirements requirements;
    requirements.requests = readQuantities(r_.child(node, "requests"), path + ".requests");
    requirements.limits = readQuantities(r_.child(node, "limits"), path + ".limits");
    return requirements;
  }

  void readResources(const YAML::Node& node, MailuChartConfig& config) {
    if (!block(node, "resources",
               {"front", "admin", "postfix", "dovecot", "dovecotSubmission", "rspamd", "webmail", "clamav",
                "fetchmail", "webdav"})) {
      return;
    }
    ResourcesConfig resources;
    resources.front = readRequirements(r_.child(node, "front"), "resources.front");
    resources.admin = readRequirements(r_.child(node, "admin"), "resources.admin");
    resources.postfix = readRequirements(r_.child(node, "postfix"), "resources.postfix");
    resources.dovecot = readRequirements(r_.child(node, "dovecot"), "resources.dovecot");
    resources.dovecotSubmission = readRequirements(r_.child(node, "dovecotSubmission"), "resources.dovecotSubmission");
    resources.rspamd = readRequirements(r_.child(node, "rspamd"), "resources.rspamd");
    resources.webmail = readRequirements(r_.child(node, "webmail"), "resources.webmail");
    resources.clamav = readRequirements(r_.child(node, "clamav"), "resources.clamav");
    resources.fetchmail = readRequirements(r_.child(node, "fetchmail"), "resources.fetchmail");
    resources.webdav = readRequirements(r_.child(node, "webdav"), "resources.webdav");
    config.resources = resources;
  }

  void readMailu(const YAML::Node& node, MailuChartConfig& config) {
    if (!block(node, "mailu", {"logLevel", "messageSizeLimit", "initialAccount", "apiEnabled", "webmailType"})) return;
    MailuSettings mailu;
    mailu.logLevel = r_.formatted(r_.child(node, "logLevel"), "mailu.logLevel", noSpaces,
                                  "a log level such as INFO or DEBUG");
    // Mailu takes bytes; the limit is given in MiB, so cap it where bytes still fit in 53 bits.
    mailu.messageSizeLimit = r_.integer(r_.child(node, "messageSizeLimit"), "mailu.messageSizeLimit", 1, 1L << 32);
    const YAML::Node account = r_.child(node, "initialAccount");
    if (block(account, "mailu.initialAccount", {"enabled", "username", "domain", "mode"})) {
      InitialAccountConfig initial;
      initial.enabled = r_.boolean(r_.child(account, "enabled"), "mailu.initialAccount.enabled");
      initial.username = r_.formatted(r_.child(account, "username"), "mailu.initialAccount.username",
                                      [](std::string_view s) {
                                        return noSpaces(s) && s.find('@') == std::string_view::npos;
                                      },
                                      "the local part of an address, without '@' or spaces", true)
                             .value_or("");
      initial.domain =
          r_.formatted(r_.child(account, "domain"), "mailu.initialAccount.domain", isDomainName, kDomainFormat);
      initial.mode = r_.choice(r_.child(account, "mode"), "mailu.initialAccount.mode",
                               {InitialAccountMode::kCreate, InitialAccountMode::kUpdate, InitialAccountMode::kIfMissing});
      mailu.initialAccount = initial;
    }
    mailu.apiEnabled = r_.boolean(r_.child(node, "apiEnabled"), "mailu.apiEnabled");
    mailu.webmailType = r_.choice(r_.child(node, "webmailType"), "mailu.webmailType",
                                  {WebmailType::kRoundcube, WebmailType::kSnappymail});
    config.mailu = mailu;
  }

  void readImages(const YAML::Node& node, MailuChartConfig& config) {
    if (!block(node, "images", {"registry", "tag", "pullPolicy"})) return;
    ImagesConfig images;
    images.registry = r_.formatted(r_.child(node, "registry"), "images.registry", noSpaces,
                                   "an image registry path such as ghcr.io/mailu");
    images.tag = r_.formatted(
        r_.child(node, "tag"), "images.tag",
        [](std::string_view s) {
          return s.size() <= 128 && std::all_of(s.begin(), s.end(), [](char c) {
                   return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '-';
                 }) && s.front() != '.' && s.front() != '-';
        },
        "an image tag (letters, digits, '_', '.' and '-')");
    images.pullPolicy = r_.choice(r_.child(node, "pullPolicy"), "images.pullPolicy",
                                  {PullPolicy::kAlways, PullPolicy::kIfNotPresent, PullPolicy::kNever});
    config.images = images;
  }

  void readIngress(const YAML::Node& node, MailuChartConfig& config) {
    if (!block(node, "ingress", {"enabled", "type", "traefik"})) return;
    IngressConfig ingress;
    ingress.enabled = r_.boolean(r_.child(node, "enabled"), "ingress.enabled");
    ingress.type = r_.choice(r_.child(node, "type"), "ingress.type",
                             {IngressType::kTraefik, IngressType::kNginx, IngressType::kNone});
    const YAML::Node traefik = r_.child(node, "traefik");
    const bool traefikEnabled = ingress.enabled.value_or(false) && ingress.type == IngressType::kTraefik;
    if (block(traefik, "ingress.traefik", {"hostname", "certIssuer", "enableTcp", "smtpConnectionLimit"})) {
      TraefikIngressConfig settings;
      settings.hostname =
          r_.formatted(r_.child(traefik, "hostname"), "ingress.traefik.hostname", isDomainName, kDomainFormat, true)
              .value_or("");
      settings.certIssuer = r_.formatted(r_.child(traefik, "certIssuer"), "ingress.traefik.certIssuer",
                                         isDns1123Subdomain, "a cert-manager ClusterIssuer name");
      settings.enableTcp = r_.boolean(r_.child(traefik, "enableTcp"), "ingress.traefik.enableTcp");
      if (auto limit = r_.integer(r_.child(traefik, "smtpConnectionLimit"), "ingress.traefik.smtpConnectionLimit",
                                  1, 1000000)) {
        settings.smtpConnectionLimit = static_cast<int>(*limit);
      }
      ingress.traefik = settings;
    } else if (traefikEnabled && isNullNode(traefik)) {
      r_.problem("ingress.traefik.hostname", "is required when the Traefik ingress is enabled");
    }
    config.ingress = ingress;
  }

  void checkRelations(const MailuChartConfig& config) {
    const auto& components = config.components;
    if (components && components->postfix == false) {
      r_.problem("components.postfix",
                 "cannot be false: dovecot-submission, webmail and the ingress all deliver through Postfix", "false");
    }
    const bool traefik = config.ingress && config.ingress->enabled.value_or(false) &&
                         config.ingress->type == IngressType::kTraefik;
    if (traefik && components && components->front == false) {
      r_.problem("components.front", "cannot be false while the Traefik ingress is enabled: it routes mail clients to front",
                 "false");
    }
  }

  Reader r_;
};

void requirePostgresqlBlock(const YAML::Node& root, const MailuChartConfig& config, std::vector<ConfigProblem>& problems) {
  if (config.database.type != DatabaseType::kPostgresql || config.database.postgresql) return;
  if (!root.IsMap()) return;
  for (const auto& entry : root) {
    if (!entry.first.IsScalar() || entry.first.Scalar() != "database" || !entry.second.IsMap()) continue;
    for (const auto& field : entry.second) {
      if (field.first.IsScalar() && field.first.Scalar() == "postgresql" && !isNullNode(field.second)) return;
    }
  }
  problems.push_back({"database.postgresql", "is required when database.type is 'postgresql'", ""});
}

// Refuses what no config contains and what would let bytes through unchecked.
void checkText(std::string_view text, std::vector<ConfigProblem>& problems) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = length != 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (!valid || c == 0) {
      problems.push_back({"", fmt::format("line {}, column {}: {}", line, column,
                                          c == 0 ? "contains a NUL byte" : "is not valid UTF-8"),
                          ""});
      return;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
}

// yaml-cpp follows aliases, so a cyclic or very deep document must be
// stopped before anything walks it recursively.
bool withinDepth(const YAML::Node& node, int depth) {
  if (depth > kMaxDepth) return false;
  if (node.IsSequence()) {
    for (const auto& item : node) {
      if (!withinDepth(item, depth + 1)) return false;
    }
  } else if (node.IsMap()) {
    for (const auto& entry : node) {
      if (!withinDepth(entry.first, depth + 1) || !withinDepth(entry.second, depth + 1)) return false;
    }
  }
  return true;
}

}  // namespace

MailuChartConfig parseConfig(std::string_view text) {
  std::vector<ConfigProblem> problems;
  checkText(text, problems);
  if (!problems.empty()) throw ConfigError(std::move(problems));

  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    const std::string where =
        e.mark.is_null() ? std::string() : fmt::format("line {}, column {}: ", e.mark.line + 1, e.mark.column + 1);
    throw ConfigError({{"", where + "syntax error: " + e.msg, ""}});
  } catch (const std::exception& e) {
    throw ConfigError({{"", std::string("cannot be read: ") + e.what(), ""}});
  }
  if (documents.empty() || isNullNode(documents.front())) throw ConfigError({{"", "the config is empty", ""}});
  if (documents.size() > 1) {
    throw ConfigError({{"", fmt::format("holds {} YAML documents; give one config per file", documents.size()), ""}});
  }
  const YAML::Node& root = documents.front();
  if (!withinDepth(root, 0)) {
    throw ConfigError({{"", fmt::format("nests deeper than {} levels (or its aliases form a cycle)", kMaxDepth), ""}});
  }

  try {
    MailuChartConfig config = ConfigParser(problems).parse(root);
    requirePostgresqlBlock(root, config, problems);
    if (!problems.empty()) throw ConfigError(std::move(problems));
    return config;
  } catch (const ConfigError&) {
    throw;
  } catch (const std::exception& e) {
    throw ConfigError({{"", std::string("cannot be read: ") + e.what(), ""}});
  }
}

MailuChartConfig loadConfigFile(const std::filesystem::path& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) throw ConfigError({{"", "is a directory, not a config file", ""}});
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError({{"", "cannot open the file", ""}});
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw ConfigError({{"", "cannot read the file", ""}});
  return parseConfig(content.str());
}

}  // namespace mailu
