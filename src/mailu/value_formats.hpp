// The formats of the values a config holds (domain names, networks, sizes,
// Kubernetes names, ...), as predicates over text. Private to the Mailu layer:
// the config loader checks every value with them, and MailuChart checks the
// names it is given by C++ callers that bypass the loader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mailu::validation {

// The formats the TypeScript reference checks, accepting exactly what its
// regular expressions accept (JavaScript semantics: ASCII only, `$` is the
// very end, so a trailing newline is refused).
//   /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i
bool isDomainName(std::string_view text);
//   /^(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}
//     (?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\/(?:[0-9]|[12][0-9]|3[0-2])$/
bool isIpv4Cidr(std::string_view text);
//   /^\d+(?:\.\d+)?(?:Ki|Mi|Gi|Ti|Pi|Ei)$/
bool isSize(std::string_view text);
//   /^(?:\d+m|\d+(?:\.\d+)?)$/
bool isCpu(std::string_view text);

// A size as a whole number of mebibytes, computed exactly ("1.5Gi" -> 1536).
// Empty when it is not a size, not whole ("512Ki"), zero, or beyond 2^53 Mi.
std::optional<std::uint64_t> wholeMebibytes(std::string_view size);
// The same in bytes ("1.5Ki" -> 1536; "0.1Ki" is not whole): empty beyond 2^53 bytes (8Pi).
std::optional<std::uint64_t> wholeBytes(std::string_view size);
// Orders two valid CPU amounts by value ("500m" == "0.5"): <0, 0 or >0.
int compareCpu(std::string_view left, std::string_view right);
// A CPU amount in millicores, computed exactly ("1.5" -> 1500, "250m" -> 250).
// Empty when it is not a CPU amount, finer than 1m ("0.0005"), or beyond 10^15m.
std::optional<std::uint64_t> cpuMillicores(std::string_view cpu);
// A size in mebibytes, as a double: for bounds, not for arithmetic
// (wholeMebibytes is exact). Empty when it is not a size.
std::optional<double> approximateMebibytes(std::string_view size);

// The bounds of the quantities the manifests write (docs/configuration.md):
// claims are written in Gi and CPU in cores as JavaScript numbers, which stay
// plain decimals (no exponent) well inside these, and Kubernetes keeps CPU in
// whole millicores.
inline constexpr double kSmallestSizeMi = 1;                      // 1Mi
inline constexpr double kLargestSizeMi = 1024.0 * 1024 * 1024 * 1024;  // 1Ei
inline constexpr std::uint64_t kSmallestCpuMillicores = 1;                  // 1m
inline constexpr std::uint64_t kLargestCpuMillicores = 1'000'000'000;       // a million cores

// Formats the reference leaves unchecked, as Kubernetes, Docker and Mailu
// define them.
bool isDnsName(std::string_view text);           // isDomainName, and at most 253 characters as DNS allows
bool isIngressHost(std::string_view text);       // isDnsName in lower case, as Kubernetes wants Ingress hosts
bool isDns1123Label(std::string_view text);      // namespaces
bool isDns1123Subdomain(std::string_view text);  // Secret, StorageClass, ClusterIssuer names
bool isSecretKey(std::string_view text);         // a key of a Secret's data
bool isHostName(std::string_view text);          // database and Redis hosts (RFC 1123)
bool isImageRegistry(std::string_view text);     // "ghcr.io/mailu", "registry.local:5000/mirror"
bool isImageTag(std::string_view text);
bool isTimezoneName(std::string_view text);      // "UTC", "Europe/Berlin", "Etc/GMT+1"
bool isMailLocalPart(std::string_view text);     // as in the reference's e-mail check
bool isPostgresDatabaseName(std::string_view text);
bool isLogLevel(std::string_view text);
bool isPostfixTime(std::string_view text);       // "60s", "1m", "3600": digits, a unit s/m/h/d/w, <= 2^31-1 s
bool isLabelKey(std::string_view text);          // "app", "app.kubernetes.io/name": [prefix/]name
bool isLabelValue(std::string_view text);        // empty, or up to 63 of [A-Za-z0-9-_.], alphanumeric at both ends
bool isMailAddress(std::string_view text);       // local part (isMailLocalPart) @ domain (isDnsName)
bool isRateLimit(std::string_view text);         // Mailu's "<count>/<period>": "5/hour", "200/day"
bool isIpCidr(std::string_view text);
bool isIpAddress(std::string_view text);         // an IPv4 (dotted quad) or IPv6 address
bool isDnsOptionName(std::string_view text);     // resolv.conf option: 1 to 32 of [a-z0-9-]
bool isDnsOptionValue(std::string_view text);    // 1 to 32 of [A-Za-z0-9.:-]            // an IPv4 (isIpv4Cidr) or IPv6 network; host bits allowed
// isIpCidr, and narrow enough not to open the relay to a large part of the
// internet: IPv4 /8 or longer, IPv6 /16 or longer.
bool isRelayNetwork(std::string_view text);
bool isRecipientDelimiter(std::string_view text);  // 1 to 6 distinct characters of "+-_.=~"
bool isOutboundTlsLevel(std::string_view text);  // may, encrypt, dane, dane-only, verify, secure
bool isMessageText(std::string_view text);       // UTF-8, 1 to 10000 bytes, no control characters but \n and \t
// A ConfigMap key (isSecretKey) that is not hidden: the images' globs skip dot files.
bool isOverrideFileName(std::string_view text);
// A text file's content: UTF-8, at most kMaxConfigMapBytes, no control characters but \n and \t.
bool isOverrideText(std::string_view text);
// Workloads (issue 16).
bool isEnvName(std::string_view text);        // a variable name a shell can read: [A-Za-z_][A-Za-z0-9_]*, at most 128
bool isImageDigest(std::string_view text);    // "sha256:" and 64 lower-case hex digits
// "repository[:tag][@digest]": isImageRegistry, isImageTag, isImageDigest.
bool isImageReference(std::string_view text);
// The parts of an image reference as written; a ':' before the last '/' is
// a registry's port, not a tag.
struct ImageReferenceParts {
  std::string_view repository;
  std::optional<std::string_view> tag;     // after the last ':'
  std::optional<std::string_view> digest;  // after '@'
};
ImageReferenceParts splitImageReference(std::string_view text);
bool isAnnotationValue(std::string_view text);  // UTF-8 of at most 256 KiB, no control characters but \n and \t
bool isSchedulingWord(std::string_view text);   // an operator or effect as Kubernetes spells them: 1 to 32 letters
// A line `postconf -e` takes: "name = value", the name in letters, digits and '_'.
bool isPostfixMainLine(std::string_view line);
// A line `postconf -Me` takes: "service/type = entry", type inet, unix, unix-dgram, fifo or pass.
bool isPostfixMasterLine(std::string_view line);
// What Kubernetes allows a ConfigMap's keys and values to add up to.
inline constexpr std::size_t kMaxConfigMapBytes = 1024 * 1024;
bool isFtsLanguage(std::string_view text);       // da de en es fi fr it nl no pt ro ru sv
// An IPv4 (parseIpv4Cidr) or IPv6 network in CIDR notation, host bits allowed.
struct IpNetwork {
  bool ipv6;
  int prefix;
};
std::optional<IpNetwork> parseIpNetwork(std::string_view text);
// An IPv4 CIDR as numbers.
struct Ipv4Cidr {
  std::uint32_t address;
  int prefix;
  bool canonical;  // no octet nor prefix with a leading zero

  std::uint32_t mask() const;
  std::string network() const;  // "10.42.7.0/16" -> "10.42.0.0/16"
};
// A text isIpv4Cidr accepts, parsed; none otherwise.
std::optional<Ipv4Cidr> parseIpv4Cidr(std::string_view text);

// An IPv4 CIDR as Kubernetes writes one: no host bits set, no leading zeros
// ("10.0.0.0/8"; not "10.0.0.1/8", "010.0.0.0/8" or "10.0.0.0/08").
bool isIpv4Network(std::string_view text);

}  // namespace mailu::validation
