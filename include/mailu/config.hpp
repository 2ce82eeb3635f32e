// The configuration of a Mailu deployment: plain value types that mirror the
// TypeScript library's MailuChartConfig key by key (camelCase keys, same
// nesting), so the same config file serves both.
//
// std::optional means "not set"; defaults are applied by MailuChart, and are
// listed here next to each field. Values reach this struct only through the
// loader (config_loader.hpp), which checks every one of them; docs/configuration.md
// lists the checks. Code building a config by hand should keep to the same rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailu {

enum class DatabaseType { kSqlite, kPostgresql };
enum class InitialAccountMode { kCreate, kUpdate, kIfMissing };
enum class WebmailType { kRoundcube, kSnappymail };
enum class PullPolicy { kAlways, kIfNotPresent, kNever };
enum class IngressType { kTraefik, kNginx, kNone };

// The spelling used in config files ("postgresql", "ifmissing", "IfNotPresent", ...).
std::string_view toString(DatabaseType value);
std::string_view toString(InitialAccountMode value);
std::string_view toString(WebmailType value);
std::string_view toString(PullPolicy value);
std::string_view toString(IngressType value);

struct PostgresqlSecretKeys {
  std::string username;  // key of the user name in the Secret
  std::string password;  // key of the password in the Secret
};

struct PostgresqlConfig {
  std::string host;
  std::optional<int> port;               // default 5432
  std::optional<std::string> database;   // default "mailu"
  std::string secretName;                // Secret with the credentials
  std::optional<PostgresqlSecretKeys> secretKeys;  // default "username" / "password"
};

struct DatabaseConfig {
  DatabaseType type = DatabaseType::kSqlite;
  // Required when type is PostgreSQL.
  std::optional<PostgresqlConfig> postgresql;
};

struct RedisConfig {
  std::string host;
  std::optional<int> port;  // default 6379
  // Accepted for compatibility; the reference writes no Redis credentials either.
  std::optional<std::string> secretName;
  std::optional<std::string> secretKey;
};

struct SecretsConfig {
  std::string mailuSecretKey;                       // Secret with key "secret-key"
  std::optional<std::string> initialAdminPassword;  // Secret with key "initial-admin-password"
  std::optional<std::string> apiToken;              // Secret with key "token"
};

struct ComponentStorageConfig {
  std::string size;                         // e.g. "5Gi"
  std::optional<std::string> storageClass;  // default storage.storageClass
};

struct StorageConfig {
  std::optional<std::string> storageClass;  // default: the cluster's default class
  std::optional<ComponentStorageConfig> admin;    // default 5Gi
  std::optional<ComponentStorageConfig> postfix;  // default 5Gi
  std::optional<ComponentStorageConfig> dovecot;  // default 100Gi
  std::optional<ComponentStorageConfig> rspamd;   // default 5Gi
  std::optional<ComponentStorageConfig> clamav;   // default 15Gi
  std::optional<ComponentStorageConfig> webmail;  // default 5Gi
  std::optional<ComponentStorageConfig> webdav;   // default 5Gi
};

struct ComponentsConfig {
  std::optional<bool> admin;      // default true
  std::optional<bool> front;      // default true
  std::optional<bool> postfix;    // must stay true: everything sends through it
  std::optional<bool> dovecot;    // default true
  std::optional<bool> rspamd;     // default true
  std::optional<bool> webmail;    // default true (D5)
  std::optional<bool> clamav;     // default false
  std::optional<bool> fetchmail;  // default false
  std::optional<bool> webdav;     // default false
};

struct ResourceQuantities {
  std::optional<std::string> cpu;     // "250m", "0.5", "2"
  std::optional<std::string> memory;  // "512Mi", "1Gi": a whole number of Mi
};

struct ResourceRequirements {
  std::optional<ResourceQuantities> requests;
  std::optional<ResourceQuantities> limits;
};

// Per component; each unset field takes the component's default (D3, D4).
struct ResourcesConfig {
  std::optional<ResourceRequirements> front;
  std::optional<ResourceRequirements> admin;
  std::optional<ResourceRequirements> postfix;
  std::optional<ResourceRequirements> dovecot;
  std::optional<ResourceRequirements> dovecotSubmission;
  std::optional<ResourceRequirements> rspamd;
  std::optional<ResourceRequirements> webmail;
  std::optional<ResourceRequirements> clamav;
  std::optional<ResourceRequirements> fetchmail;
  std::optional<ResourceRequirements> webdav;
};

struct InitialAccountConfig {
  // Accepted for compatibility; as in the reference, the block's presence is what counts.
  std::optional<bool> enabled;
  std::string username;                     // also the POSTMASTER
  std::optional<std::string> domain;        // default: the mail domain
  std::optional<InitialAccountMode> mode;   // default update
};

struct MailuSettings {
  std::optional<std::string> logLevel;          // default: Mailu's (no LOG_LEVEL)
  std::optional<long> messageSizeLimit;         // MiB, default 50
  // Used when secrets.initialAdminPassword is set.
  std::optional<InitialAccountConfig> initialAccount;
  std::optional<bool> apiEnabled;               // default false; needs secrets.apiToken
  std::optional<WebmailType> webmailType;       // default roundcube
};

struct ImagesConfig {
  std::optional<std::string> registry;    // default "ghcr.io/mailu"
  std::optional<std::string> tag;         // default "2024.06"
  std::optional<PullPolicy> pullPolicy;   // default IfNotPresent (D6)
};

struct TraefikIngressConfig {
  std::string hostname;
  std::optional<std::string> certIssuer;   // default "letsencrypt-cluster-issuer"
  std::optional<bool> enableTcp;           // default true
  std::optional<int> smtpConnectionLimit;  // per source IP, default 15
};

struct IngressConfig {
  std::optional<bool> enabled;        // default false
  std::optional<IngressType> type;    // only traefik creates resources
  std::optional<TraefikIngressConfig> traefik;  // required for an enabled traefik ingress
};

struct MailuChartConfig {
  std::optional<std::string> namespace_;  // key "namespace"; default "mailu"
  std::string domain;
  std::vector<std::string> hostnames;     // at least one
  std::string subnet;                     // pod network, IPv4 CIDR
  std::optional<std::string> timezone;    // default "UTC"
  DatabaseConfig database;
  RedisConfig redis;
  SecretsConfig secrets;
  std::optional<StorageConfig> storage;
  std::optional<ComponentsConfig> components;
  std::optional<ResourcesConfig> resources;
  std::optional<MailuSettings> mailu;
  std::optional<ImagesConfig> images;
  std::optional<IngressConfig> ingress;
};

}  // namespace mailu
