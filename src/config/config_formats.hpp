// The formats and ranges of the config's values, each with the wording that
// completes "must be ...". Private to the config layer: the file reader
// (config_reader.cpp) uses the wording when a value has the wrong type, the
// validator (config_validation.cpp) checks every value against them.
#pragma once

#include <cstdint>
#include <string_view>

#include "value_formats.hpp"

namespace mailu::validation {

// What a string field accepts; `description` completes "must be ...".
struct Format {
  bool (*accepts)(std::string_view);
  std::string_view description;
  // Plain YAML numbers are taken as written, where a number is a fine
  // spelling of the value (CPU: `cpu: 0.5` as Kubernetes users write it).
  bool numbersAllowed = false;
  // Line feeds and tabs may be in the text (a message body); `accepts` says
  // which control characters it takes.
  bool linesAllowed = false;
};

// The whole numbers a field accepts.
struct IntegerRange {
  long long min;
  long long max;
};

inline const Format kDomainFormat{isDnsName, "a domain name such as mail.example.com"};
inline const Format kIngressHostFormat{
    isIngressHost, "a domain name in lower case such as mail.example.com (Kubernetes takes Ingress hosts in lower case)"};
inline const Format kSubnetFormat{isIpv4Cidr, "an IPv4 network in CIDR notation such as 10.42.0.0/16"};
inline const Format kSizeFormat{isSize, "a size: a number and a binary unit Ki, Mi, Gi, Ti, Pi or Ei, such as 5Gi"};
inline const Format kCpuFormat{isCpu, "a CPU amount: millicores such as 250m, or cores such as 0.5 or 2", true};
inline const Format kNamespaceFormat{
    isDns1123Label, "a Kubernetes namespace name (lowercase letters, digits and '-', at most 63 characters)"};
inline const Format kSecretNameFormat{isDns1123Subdomain,
                               "a Kubernetes Secret name (lowercase letters, digits, '-' and '.')"};
inline const Format kStorageClassFormat{isDns1123Subdomain,
                                 "a Kubernetes StorageClass name (lowercase letters, digits, '-' and '.')"};
inline const Format kIssuerFormat{isDns1123Subdomain,
                           "a cert-manager ClusterIssuer name (lowercase letters, digits, '-' and '.')"};
inline const Format kSecretKeyFormat{isSecretKey, "a key of a Secret (letters, digits, '-', '_' and '.')"};
inline const Format kHostFormat{isHostName,
                         "a host name or IPv4 address such as redis or pg.db.svc.cluster.local (the port has its own key)"};
inline const Format kTimezoneFormat{isTimezoneName, "a time zone name such as UTC or Europe/Berlin"};
inline const Format kLogLevelFormat{isLogLevel, "a log level such as INFO, WARNING or DEBUG"};
inline const Format kPostfixTimeFormat{isPostfixTime,
                                "a Postfix time: a whole number of seconds, or one with a unit s, m, h, d or w, "
                                "such as 60s or 1m, from 1 second to 2147483647 seconds"};
inline const Format kLocalPartFormat{isMailLocalPart,
                              "the part of an address before '@' (letters, digits and . _ % + -)"};
inline const Format kDatabaseNameFormat{isPostgresDatabaseName,
                                 "a database name (letters, digits, '_', '-' and '$', at most 63 characters)"};
inline const Format kRegistryFormat{isImageRegistry,
                             "an image registry and path such as ghcr.io/mailu or registry.local:5000/mirror"};
inline const Format kNetworkFormat{isIpv4Network,
                            "an IPv4 network in CIDR notation with no host bits set, such as 10.0.0.0/8"};
inline const Format kLabelValueFormat{isLabelValue,
                               "a label value (up to 63 letters, digits, '-', '_' and '.', "
                               "starting and ending with a letter or digit)"};
inline const Format kTagFormat{isImageTag, "an image tag (letters, digits, '_', '.' and '-', at most 128 characters)"};

inline const Format kMailAddressFormat{isMailAddress, "a mail address such as admin@example.com"};
inline const Format kRateLimitFormat{
    isRateLimit, "a count and a period such as 5/hour or 200/day (second, minute, hour, day, month or year)"};
inline const Format kIpNetworkFormat{isIpCidr, "an IPv4 or IPv6 network in CIDR notation such as 10.0.0.0/8 or fd00::/8"};
inline const Format kNameserverFormat{isIpAddress, "an IPv4 or IPv6 address such as 1.1.1.1"};
inline const Format kLoadBalancerIpFormat{isIpAddress, "an IPv4 or IPv6 address such as 192.0.2.10"};
inline const Format kSearchDomainFormat{isIngressHost, "a domain name in lower case such as example.com"};
inline const Format kDnsOptionNameFormat{isDnsOptionName, "a resolver option name such as ndots, edns0 or trust-ad"};
inline const Format kDnsOptionValueFormat{isDnsOptionValue, "a resolver option value such as 2", true};
inline const Format kRelayNetworkFormat{
    isRelayNetwork, "an IPv4 network of /8 or narrower, or an IPv6 one of /16 or narrower, such as 192.168.10.0/24"};
inline const Format kRecipientDelimiterFormat{
    isRecipientDelimiter, "one or more of the characters + - _ . = ~, each once, such as +"};
inline const Format kOutboundTlsLevelFormat{
    isOutboundTlsLevel, "a Postfix TLS level: may, encrypt, dane, dane-only, verify or secure"};
inline const Format kFtsLanguageFormat{
    isFtsLanguage, "a language dovecot's full-text search knows: da, de, en, es, fi, fr, it, nl, no, pt, ro, ru or sv"};
inline const Format kMessageTextFormat{
    isMessageText, "text of 1 to 10000 bytes, with no control characters but line feeds and tabs", false, true};

// Any text: editors read it, the chart does not.
inline const Format kSchemaReferenceFormat{nullptr, "the address of this file's JSON Schema, such as mailu.schema.json"};

inline const Format kConfigMapNameFormat{isDns1123Subdomain,
                                        "a ConfigMap name (lower-case letters, digits, '-' and '.')"};
inline const Format kOverrideFileNameFormat{
    isOverrideFileName, "a file name of letters, digits, '-', '_' and '.', not starting with '.'"};
inline const Format kOverrideTextFormat{
    isOverrideText, "text of at most 1 MiB, with no control characters but line feeds and tabs", false, true};

inline const Format kEnvNameFormat{isEnvName, "a variable name of letters, digits and '_', not starting with a digit"};
inline const Format kEnvValueFormat{isAnnotationValue,
                                    "text with no control characters but line feeds and tabs", true, true};
inline const Format kAnnotationValueFormat{
    isAnnotationValue, "text of at most 256 KiB with no control characters but line feeds and tabs", true, true};
inline const Format kLabelKeyFormat{isLabelKey, "a label name such as kubernetes.io/hostname"};
inline const Format kSchedulingWordFormat{isSchedulingWord, "a word such as In, Exists or NoSchedule"};
inline const Format kPriorityClassFormat{isDns1123Subdomain,
                                         "a PriorityClass name (lower-case letters, digits, '-' and '.')"};
inline const Format kImageRepositoryFormat{isImageRegistry,
                                           "an image repository such as registry.local:5000/mailu/nginx"};
inline const Format kImageDigestFormat{isImageDigest, "an image digest: sha256: and 64 lower-case hex digits"};
inline const Format kImageReferenceFormat{
    isImageReference, "an image such as dovecot/dovecot:2.3.21 or dovecot/dovecot@sha256:<64 hex digits>"};

inline constexpr IntegerRange kPortRange{1, 65535};
// MiB; Mailu gets bytes, which must stay exact as a JavaScript number too.
inline constexpr IntegerRange kMessageSizeLimitRange{1, std::int64_t{1} << 32};
// Postfix reads 0 as "no limit"; a limit that is there must limit.
inline constexpr IntegerRange kRateLimitRange{1, 1'000'000};
inline constexpr IntegerRange kConnectionLimitRange{1, 1'000'000};
// Mailu's spam tolerance slider runs to 100 (core/admin/mailu/ui/templates/user/settings.html).
inline constexpr IntegerRange kSpamThresholdRange{0, 100};
inline constexpr IntegerRange kIpv4PrefixRange{0, 32};
inline constexpr IntegerRange kIpv6PrefixRange{0, 128};
// Pods of one component: 0 would be components.<key>: false.
inline constexpr IntegerRange kReplicasRange{1, 1000};
// Weights, skews and domain counts as Kubernetes stores them (int32); the
// scheduling rules (cdk8s_plus/pod_scheduling.hpp) say which of them it takes.
inline constexpr IntegerRange kInt32Range{-2147483648LL, 2147483647LL};
// Seconds a NoExecute taint is tolerated; up to a year.
inline constexpr IntegerRange kTolerationSecondsRange{0, 31'536'000};
// Seconds; up to a year.
inline constexpr IntegerRange kExemptionLengthRange{0, 31'536'000};

}  // namespace mailu::validation
