// What a Mailu deployment is made of, as plain values. The keys, their
// spelling (camelCase) and their nesting follow the TypeScript library's
// MailuChartConfig one to one, so a config file written for it loads here.
//
// Contract: std::optional means "not given"; nothing here applies a default.
// resolveChartSettings (chart_settings.hpp) does, and each default is written
// once, where the setting it fills is declared: ChartSettings and the
// construct props for settings, the component registry for which components
// run, their resources and their storage. "unset:" below says where.
// docs/configuration.md lists every default's value.
// A config that came through the loader (config_loader.hpp) has passed all of
// its checks; a config built by hand in C++ should keep to the same rules,
// because nothing checks it again.
//
// Member order is part of the interface: callers use designated initializers.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <cdk8s_plus/pod_scheduling.hpp>

namespace mailu {

// An optional value kept on the heap, for large blocks a config seldom
// gives: absent, it costs one pointer instead of the block's whole size
// (a thousand configs held at once stay small). Used like std::optional:
// test it, dereference it, assign a value or std::nullopt.
template <class T>
class HeapOptional {
 public:
  HeapOptional() = default;
  HeapOptional(std::nullopt_t) {}
  HeapOptional(T value) : value_(std::make_unique<T>(std::move(value))) {}
  HeapOptional(std::optional<T> value) {
    if (value) value_ = std::make_unique<T>(std::move(*value));
  }
  HeapOptional(const HeapOptional& other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  HeapOptional(HeapOptional&&) noexcept = default;
  HeapOptional& operator=(const HeapOptional& other) {
    if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
    return *this;
  }
  HeapOptional& operator=(HeapOptional&&) noexcept = default;

  bool has_value() const { return value_ != nullptr; }
  explicit operator bool() const { return has_value(); }
  const T& operator*() const { return *value_; }
  T& operator*() { return *value_; }
  const T* operator->() const { return value_.get(); }
  T* operator->() { return value_.get(); }

 private:
  std::unique_ptr<T> value_;
};

enum class DatabaseType { kSqlite, kPostgresql };
enum class InitialAccountMode { kCreate, kUpdate, kIfMissing };
enum class WebmailType { kRoundcube, kSnappymail };
enum class PullPolicy { kAlways, kIfNotPresent, kNever };
enum class IngressType { kTraefik, kNginx, kNone };
enum class ServiceKind { kClusterIp, kNodePort, kLoadBalancer };  // "ClusterIP", "NodePort", "LoadBalancer"
enum class TrafficPolicy { kLocal, kCluster };

// Each value spelled the way a config file spells it ("postgresql", "ifmissing",
// "IfNotPresent"), which is also what Mailu and Kubernetes expect.
std::string_view toString(DatabaseType value);
std::string_view toString(InitialAccountMode value);
std::string_view toString(WebmailType value);
std::string_view toString(PullPolicy value);
std::string_view toString(IngressType value);
std::string_view toString(ServiceKind value);
std::string_view toString(TrafficPolicy value);

// A memory amount as the manifests write it (D3): whole mebibytes, "1Gi" ->
// "1024Mi", "1.5Gi" -> "1536Mi", "512Mi" -> "512Mi". Throws mailu::ConfigError
// for anything the loader would refuse as a memory amount (e.g. "512Ki").
std::string memoryToMi(std::string_view memory);

struct PostgresqlSecretKeys {
  std::string username;  // key of the Secret holding the user name
  std::string password;  // key of the Secret holding the password
};

struct PostgresqlConfig {
  std::string host;                               // Service name or FQDN of the server (or pooler)
  std::optional<int> port;                        // unset: ChartSettings::postgresqlPort
  std::optional<std::string> database;            // unset: DatabaseSettings::name
  std::string secretName;                         // Secret with the credentials
  std::optional<PostgresqlSecretKeys> secretKeys;  // unset: DatabaseSettings::usernameKey, passwordKey
};

struct DatabaseConfig {
  DatabaseType type = DatabaseType::kSqlite;  // required in a config file
  // Required when type is PostgreSQL; ignored (as by the reference) otherwise.
  std::optional<PostgresqlConfig> postgresql;
};

struct RedisConfig {
  std::string host;         // Service name or FQDN
  std::optional<int> port;  // unset: ChartSettings::redisPort
  // Accepted so reference configs load; the reference passes no Redis
  // credentials to Mailu either, so these have no effect.
  std::optional<std::string> secretName;
  std::optional<std::string> secretKey;
};

// Names of Secrets that must already exist in the namespace, never the values.
struct SecretsConfig {
  std::string mailuSecretKey;                       // read from its key "secret-key"
  std::optional<std::string> initialAdminPassword;  // key "initial-admin-password"; none: no initial account
  std::optional<std::string> apiToken;              // key "token"; used only with mailu.apiEnabled
};

struct ComponentStorageConfig {
  std::string size;                         // e.g. "5Gi"; claims are written in Gi
  std::optional<std::string> storageClass;  // unset: storage.storageClass
};

struct StorageConfig {
  std::optional<std::string> storageClass;        // unset: the cluster's default class
  std::optional<ComponentStorageConfig> admin;    // unset: the registry's size (data and DKIM keys)
  std::optional<ComponentStorageConfig> postfix;  // unset: the registry's size (mail queue)
  std::optional<ComponentStorageConfig> dovecot;  // unset: the registry's size (mailboxes)
  std::optional<ComponentStorageConfig> rspamd;   // unset: the registry's size (learned spam data)
  std::optional<ComponentStorageConfig> clamav;   // unset: the registry's size (signatures)
  std::optional<ComponentStorageConfig> webmail;  // unset: the registry's size
  std::optional<ComponentStorageConfig> webdav;   // unset: the registry's size (calendars, contacts)
};

struct ComponentsConfig {
  std::optional<bool> admin;      // unset: ComponentSpec::enabledByDefault
  std::optional<bool> front;      // unset: ComponentSpec::enabledByDefault; the Traefik ingress needs it
  std::optional<bool> postfix;    // unset: ComponentSpec::enabledByDefault, and never false: submission and ingress relay through it
  std::optional<bool> dovecot;    // unset: ComponentSpec::enabledByDefault
  std::optional<bool> rspamd;     // unset: ComponentSpec::enabledByDefault
  std::optional<bool> webmail;    // unset: ComponentSpec::enabledByDefault (D5; the reference defaults to false)
  std::optional<bool> clamav;     // unset: ComponentSpec::enabledByDefault
  std::optional<bool> fetchmail;  // unset: ComponentSpec::enabledByDefault
  std::optional<bool> webdav;     // unset: ComponentSpec::enabledByDefault
  // Not in the reference. Rspamd's macro scanning; needs rspamd.
  std::optional<bool> oletools;   // unset: ComponentSpec::enabledByDefault
  // Not in the reference. Attachment text for dovecot's full-text search;
  // needs dovecot and mailu.fullTextSearch not disabled.
  std::optional<bool> tika;       // unset: ComponentSpec::enabledByDefault
};

// The strings exactly as given; manifests write memory in whole Mi (as memoryToMi does).
struct ResourceQuantities {
  std::optional<std::string> cpu;     // "250m" or cores, "0.5", "2"
  std::optional<std::string> memory;  // a whole number of Mi, "512Mi", "1.5Gi"
};

struct ResourceRequirements {
  std::optional<ResourceQuantities> requests;
  std::optional<ResourceQuantities> limits;
};

// Every field left out takes the component's default from the seed
// "Component Specifications" (D3), not cdk8s-plus's generic ones.
struct ResourcesConfig {
  std::optional<ResourceRequirements> front;
  std::optional<ResourceRequirements> admin;
  std::optional<ResourceRequirements> postfix;
  std::optional<ResourceRequirements> dovecot;
  std::optional<ResourceRequirements> dovecotSubmission;  // not in the reference (D4)
  std::optional<ResourceRequirements> rspamd;
  std::optional<ResourceRequirements> webmail;
  std::optional<ResourceRequirements> clamav;
  std::optional<ResourceRequirements> fetchmail;
  std::optional<ResourceRequirements> webdav;
  std::optional<ResourceRequirements> oletools;  // not in the reference
  std::optional<ResourceRequirements> tika;      // not in the reference
};

// Takes effect only with secrets.initialAdminPassword, as in the reference.
struct InitialAccountConfig {
  // The reference ignores it: the block's presence is what counts. The loader
  // therefore refuses false next to secrets.initialAdminPassword.
  std::optional<bool> enabled;
  std::string username;                    // local part; also Mailu's POSTMASTER (else ChartSettings::postmaster)
  std::optional<std::string> domain;       // unset: the mail domain
  std::optional<InitialAccountMode> mode;  // unset: InitialAccountSettings::mode
};

// The local parts, at the mail domain, that DMARC reports go to: the admin
// writes them into the DMARC record it suggests.
struct DmarcConfig {
  std::optional<std::string> rua;  // DMARC_RUA, aggregate reports; unset: none asked for
  std::optional<std::string> ruf;  // DMARC_RUF, failure reports; unset: none asked for
};

// The mail the admin sends to each new user.
struct WelcomeConfig {
  std::optional<bool> enabled;         // WELCOME; unset: Mailu's default, off
  std::optional<std::string> subject;  // WELCOME_SUBJECT; unset: Mailu's placeholder text
  std::optional<std::string> body;     // WELCOME_BODY; unset: Mailu's placeholder text
};

// The admin's limits on failed logins (core/admin/mailu/limiter.py). Each
// unset one keeps Mailu's default (docs/configuration.md lists them).
struct AuthRatelimitConfig {
  std::optional<std::string> ip;    // AUTH_RATELIMIT_IP, "<count>/<period>", per client network
  std::optional<int> ipv4Mask;      // AUTH_RATELIMIT_IP_V4_MASK: the client network's IPv4 prefix
  std::optional<int> ipv6Mask;      // AUTH_RATELIMIT_IP_V6_MASK: its IPv6 prefix
  std::optional<std::string> user;  // AUTH_RATELIMIT_USER, "<count>/<period>", per account
  std::optional<std::vector<std::string>> exemption;  // AUTH_RATELIMIT_EXEMPTION: networks never limited
  std::optional<long> exemptionLength;  // AUTH_RATELIMIT_EXEMPTION_LENGTH: seconds a client is exempt after a login
};

// Outbound messages per sending user (core/admin/mailu/models.py).
struct MessageRatelimitConfig {
  std::optional<std::string> value;                   // MESSAGE_RATELIMIT, "<count>/<period>"; unset: Mailu's
  std::optional<std::vector<std::string>> exemption;  // MESSAGE_RATELIMIT_EXEMPTION: addresses never limited
};

// TLS between mail servers; each unset one keeps Mailu's default.
struct MailTlsConfig {
  std::optional<std::string> outboundLevel;  // OUTBOUND_TLS_LEVEL: Postfix's smtp_tls_security_level
  std::optional<bool> inboundEnforce;        // INBOUND_TLS_ENFORCE: refuse inbound SMTP without STARTTLS
  std::optional<bool> deferOnError;          // DEFER_ON_TLS_ERROR: defer mail when DANE or MTA-STS checks fail
};

// Dovecot's full-text search (fts_flatcurve, core/dovecot/conf/dovecot.conf),
// which Mailu runs on message bodies with or without Tika; Tika adds the text
// of attachments. Webmail reads the switch too (its search options).
struct FullTextSearchConfig {
  // false writes FULL_TEXT_SEARCH "off"; unset: on, Mailu's default.
  std::optional<bool> enabled;
  // FULL_TEXT_SEARCH, comma-joined: dovecot's fts_languages, the first the
  // default. ISO 639-1 codes dovecot 2.3 knows. Unset: Mailu's "en".
  std::optional<std::vector<std::string>> languages;
};

struct MailuSettings {
  std::optional<std::string> logLevel;       // unset: none written, Mailu's own
  std::optional<long> messageSizeLimit;      // MiB; unset: ChartSettings::messageSizeLimitMiB
  std::optional<InitialAccountConfig> initialAccount;
  std::optional<bool> apiEnabled;            // unset: off; the token comes from secrets.apiToken
  std::optional<WebmailType> webmailType;    // unset: WebmailProps::webmailType
  // Not in the reference from here on; each writes the Mailu variable named.
  std::optional<std::string> postmaster;          // POSTMASTER's local part; unset: ChartSettings::postmaster
  std::optional<std::string> recipientDelimiter;  // RECIPIENT_DELIMITER, e.g. "+"; unset: none, Mailu's
  std::optional<DmarcConfig> dmarc;
  std::optional<std::vector<std::string>> wildcardSenders;  // WILDCARD_SENDERS: users who may send as anyone
  std::optional<WelcomeConfig> welcome;
  std::optional<std::string> defaultQuota;        // DEFAULT_QUOTA, a size ("1Gi"), written in bytes; unset: Mailu's 1 GB
  std::optional<int> defaultSpamThreshold;        // DEFAULT_SPAM_THRESHOLD, 0-100, for new users; unset: Mailu's 80
  std::optional<AuthRatelimitConfig> authRatelimit;
  std::optional<MessageRatelimitConfig> messageRatelimit;
  std::optional<MailTlsConfig> tls;
  std::optional<FullTextSearchConfig> fullTextSearch;
};

// Postfix's anvil limits per client address (D11), written to postfix.cf;
// each unset one keeps PostfixRateLimitSettings' default.
struct PostfixRateLimits {
  std::optional<int> connectionRate;       // connections per time unit
  std::optional<int> connectionCount;      // simultaneous connections
  std::optional<int> messageRate;          // messages per time unit
  std::optional<int> recipientRate;        // recipients per time unit
  std::optional<std::string> timeUnit;     // a Postfix time, "60s", "1m", "3600"
};

// Not in the reference.
struct PostfixConfig {
  std::optional<PostfixRateLimits> rateLimits;
};

struct ImagesConfig {
  std::optional<std::string> registry;   // unset: ImageSettings::registry
  std::optional<std::string> tag;        // unset: ImageSettings::tag
  std::optional<PullPolicy> pullPolicy;  // unset: ImageSettings::pullPolicy; honoured by every container (D6)
  // Not in the reference. The whole reference of dovecot-submission's image,
  // "repository[:tag][@sha256:...]"; unset: the registry's floating
  // dovecot/dovecot:2.3-latest (docs/configuration.md says what that risks).
  std::optional<std::string> dovecotSubmission;
};

struct TraefikIngressConfig {
  std::string hostname;                    // public FQDN of the web UI and mail endpoints
  std::optional<std::string> certIssuer;   // cert-manager ClusterIssuer; unset: TraefikIngressProps's
  std::optional<bool> enableTcp;           // IngressRouteTCPs for the mail ports; unset: TraefikIngressProps's
  std::optional<int> smtpConnectionLimit;  // simultaneous SMTP connections per client IP; unset: TraefikIngressProps's
  // Unset: on (D14, TraefikIngressProps): the TCP routes send the PROXY protocol (v2), so Mailu
  // sees each client's address. false gives the reference's routes, where every
  // client looks like Traefik: an open relay when Traefik's pods are in `subnet`.
  std::optional<bool> proxyProtocol;
};

struct IngressConfig {
  std::optional<bool> enabled;                  // unset: off
  std::optional<IngressType> type;              // must be given when enabled; only traefik creates objects
  std::optional<TraefikIngressConfig> traefik;  // required for an enabled Traefik ingress
};

// Whom a NetworkPolicy lets through: pods (in `namespace`, the chart's own
// when unset, with `podLabels`, every pod when unset) or IPv4 networks
// (`cidrs`), not both.
struct NetworkPeerConfig {
  std::optional<std::string> namespace_;                        // key "namespace"
  std::optional<std::map<std::string, std::string>> podLabels;  // podSelector.matchLabels
  std::optional<std::vector<std::string>> cidrs;                // ipBlocks, for peers outside the cluster
};

// NetworkPolicies (D15, docs/network.md): each Mailu pod accepts only the
// connections the component registry lists.
struct NetworkPoliciesConfig {
  std::optional<bool> enabled;  // unset: on
  // Who may reach the routed ports (front's web and mail ports, postfix's
  // inbound SMTP port); unset: any source, as they are public anyway.
  std::optional<NetworkPeerConfig> ingressController;
  std::optional<bool> egress;                 // unset: off, pods may connect anywhere
  // With egress: the cluster resolver; unset: the kube-dns pods (network_plan.cpp).
  std::optional<NetworkPeerConfig> dns;
  // With egress: PostgreSQL and Redis on their configured ports; unset: any address.
  std::optional<NetworkPeerConfig> database;
  std::optional<NetworkPeerConfig> redis;
};

struct DnsOptionConfig {
  std::string name;                  // a resolver option such as ndots, edns0 or trust-ad
  std::optional<std::string> value;  // unset: an option without a value
};

// The resolver the admin pod uses instead of the cluster's (dnsPolicy None):
// Mailu's admin waits forever at start until its resolver validates DNSSEC
// (core/admin/start.py, test_DNS), which CoreDNS and most managed clusters'
// resolvers do not.
struct PodDnsConfig {
  std::vector<std::string> nameservers;                    // 1 to 3 IP addresses of validating resolvers
  std::optional<std::vector<std::string>> searches;        // unset: none (at most 6)
  std::optional<std::vector<DnsOptionConfig>> options;     // unset: none
};

// Not in the reference.
struct AdminConfig {
  std::optional<PodDnsConfig> dns;  // unset: the cluster's DNS
};

struct RelaySecretKeys {
  std::string username;  // key of the Secret holding the relay's user name
  std::string password;  // key of the Secret holding its password
};

// An outside SMTP server (a "smarthost") that postfix hands every outbound
// message to, and the networks postfix relays for without a login. Not in
// the reference.
struct RelayConfig {
  std::optional<std::string> host;  // RELAYHOST, written "[host]:port"; unset: no smarthost, mail goes to each MX
  std::optional<int> port;          // unset: RelaySettings::port
  // A Secret with the relay's user name and password (RELAYUSER,
  // RELAYPASSWORD); unset: the relay takes mail without a login.
  std::optional<std::string> secretName;
  std::optional<RelaySecretKeys> secretKeys;  // unset: RelaySettings::usernameKey, passwordKey
  // RELAYNETS: networks postfix and rspamd treat like `subnet`: postfix
  // relays their mail anywhere without a login. Unset: none.
  std::optional<std::vector<std::string>> relayNets;
};

// Files for the /overrides directory a Mailu image reads at start, or an
// existing ConfigMap that holds them (docs/configuration.md, "overrides",
// says which names each image reads). Not in the reference.
struct OverrideFilesConfig {
  std::map<std::string, std::string> files;  // file name -> content; empty with configMapName
  std::optional<std::string> configMapName;  // an existing ConfigMap mounted instead; unset: the files
};

struct OverridesConfig {
  std::optional<OverrideFilesConfig> postfix;    // merged with the chart's own postfix.cf and postfix.master
  std::optional<OverrideFilesConfig> dovecot;
  std::optional<OverrideFilesConfig> rspamd;
  std::optional<OverrideFilesConfig> nginx;      // front
  std::optional<OverrideFilesConfig> roundcube;  // webmail
};

// A key of an existing Secret (Kubernetes' secretKeyRef).
struct SecretKeyRefConfig {
  std::string name;  // the Secret
  std::string key;   // its key
};

// A variable for one component's container: a value, or (valueFrom.secretKeyRef
// in a file) a Secret's key, so secrets stay references. Exactly one is given.
struct ExtraEnvConfig {
  std::string name;
  std::optional<std::string> value;
  std::optional<SecretKeyRefConfig> secretKeyRef;
};

// Another image for one component: each part given replaces that part of the
// chart's "<registry>/<image>:<tag>" (or of the component's fixed image).
struct ImageOverrideConfig {
  std::optional<std::string> repository;  // "registry.local/mailu/nginx"; unset: the chart's
  std::optional<std::string> tag;         // unset: the chart's
  std::optional<std::string> digest;      // "sha256:<64 hex digits>", pinned after the tag; unset: none
};

// Where and how one component's pods run. The scheduling keys take
// Kubernetes' own shapes (the Helm chart's values paste in); each unset one
// is left to the cluster, except dovecot-submission's nodeSelector and
// tolerations, whose defaults pin the amd64-only image (component registry).
// Not in the reference.
struct WorkloadConfig {
  std::optional<int> replicas;  // unset: 1; more only where the component registry allows it
  std::optional<std::map<std::string, std::string>> nodeSelector;        // replaces the default
  std::optional<std::vector<cdk8s::plus::Toleration>> tolerations;        // replaces the default
  std::optional<cdk8s::plus::Affinity> affinity;  // with replicas > 1 and no podAntiAffinity: one is added
  std::optional<std::vector<cdk8s::plus::TopologySpreadConstraint>> topologySpreadConstraints;
  std::optional<std::string> priorityClassName;
  std::optional<std::map<std::string, std::string>> podAnnotations;
  std::optional<std::map<std::string, std::string>> podLabels;  // besides the chart's own, which cannot be replaced
  std::optional<std::vector<ExtraEnvConfig>> extraEnv;         // names the chart sets itself are refused
  std::optional<ImageOverrideConfig> image;
  std::optional<std::map<std::string, std::string>> serviceAnnotations;  // components with a Service only
};

// One entry per component, under the keys of `components` and `resources`;
// on the heap, as most configs give none.
struct WorkloadsConfig {
  HeapOptional<WorkloadConfig> front;
  HeapOptional<WorkloadConfig> admin;
  HeapOptional<WorkloadConfig> postfix;
  HeapOptional<WorkloadConfig> dovecot;
  HeapOptional<WorkloadConfig> dovecotSubmission;
  HeapOptional<WorkloadConfig> rspamd;
  HeapOptional<WorkloadConfig> webmail;
  HeapOptional<WorkloadConfig> clamav;
  HeapOptional<WorkloadConfig> fetchmail;
  HeapOptional<WorkloadConfig> webdav;
  HeapOptional<WorkloadConfig> oletools;
  HeapOptional<WorkloadConfig> tika;
};

// Tighter container security contexts (docs/configuration.md "security").
// Not in the reference. front.service.proxyProtocol: the load balancer in
// front of the Service sends the PROXY protocol (v1 or v2).
struct FrontProxyProtocolConfig {
  // The addresses the PROXY headers come from, as front sees them (the load
  // balancer's, or the nodes' with externalTrafficPolicy Cluster): IPv4 or
  // IPv6 networks. Required; a header from anywhere else is not believed.
  std::vector<std::string> trustedFrom;
};

// Not in the reference. A second Service for front's mail ports, for clusters
// that expose them without Traefik (MetalLB, cloud load balancers). Front then
// ends TLS itself with `certificateSecret` (docs/configuration.md "front").
struct FrontServiceConfig {
  std::optional<ServiceKind> type;                  // unset: LoadBalancer
  std::optional<std::string> loadBalancerIP;        // LoadBalancer only; unset: the provider picks
  std::optional<std::vector<std::string>> loadBalancerSourceRanges;  // LoadBalancer only; unset: any client
  std::optional<std::map<std::string, std::string>> annotations;     // unset: none
  // NodePort and LoadBalancer only. Unset: Local, so that front sees each
  // client's own address; Cluster hides it behind a node's.
  std::optional<TrafficPolicy> externalTrafficPolicy;
  std::optional<std::vector<int>> ports;            // of 25, 465, 587, 993, 995; unset: all five
  std::optional<std::map<int, int>> nodePorts;      // port to node port ({"25": 30125} in a file); unset: Kubernetes picks
  // A kubernetes.io/tls Secret (tls.crt, tls.key), such as cert-manager
  // writes. Unset: the Traefik ingress's mailu-tls when it has a certIssuer.
  std::optional<std::string> certificateSecret;
  std::optional<FrontProxyProtocolConfig> proxyProtocol;  // unset: none
};

// Not in the reference.
struct FrontConfig {
  // Unset: front's mail ports only behind the ingress. On the heap: most configs leave it out.
  HeapOptional<FrontServiceConfig> service;
};

// Not in the reference.
struct SecurityConfig {
  // true: every container drops ALL capabilities and adds back only what its
  // programs need (component registry), with a read-only root filesystem
  // where the image allows. Unset: false. Not proven against the images.
  std::optional<bool> hardened;
};

struct MailuChartConfig {
  std::optional<std::string> namespace_;  // key "namespace"; unset: ChartSettings::namespaceName
  std::string domain;                     // the primary mail domain
  std::vector<std::string> hostnames;     // at least one; the first is the primary host name
  std::string subnet;                     // pod network (IPv4 CIDR), trusted for X-Forwarded-For
  std::optional<std::string> timezone;    // unset: ChartSettings::timezone
  DatabaseConfig database;
  RedisConfig redis;
  SecretsConfig secrets;
  std::optional<StorageConfig> storage;
  std::optional<ComponentsConfig> components;
  std::optional<ResourcesConfig> resources;
  std::optional<MailuSettings> mailu;
  std::optional<PostfixConfig> postfix;  // not in the reference
  std::optional<ImagesConfig> images;
  std::optional<IngressConfig> ingress;  // unset: no ingress objects
  std::optional<NetworkPoliciesConfig> networkPolicies;  // not in the reference; unset: on
  std::optional<RelayConfig> relay;                      // not in the reference; unset: no smarthost
  std::optional<AdminConfig> admin;                      // not in the reference; unset: the defaults
  std::optional<OverridesConfig> overrides;              // not in the reference; unset: none
  std::optional<WorkloadsConfig> workloads;              // not in the reference; unset: the defaults
  std::optional<SecurityConfig> security;                // not in the reference; unset: not hardened
  std::optional<FrontConfig> front;                      // not in the reference; unset: the defaults
};

}  // namespace mailu
