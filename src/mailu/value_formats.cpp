#include "value_formats.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <vector>

#include <arpa/inet.h>

#include <fmt/format.h>

#include "cdk8s/utf8.hpp"
#include "embedded_files.hpp"
#include "text_predicates.hpp"

namespace mailu::validation {
namespace {

// \d+(?:\.\d+)?
bool isDecimal(std::string_view text) {
  const std::size_t dot = text.find('.');
  if (dot == std::string_view::npos) return isDigits(text);
  return isDigits(text.substr(0, dot)) && isDigits(text.substr(dot + 1));
}

// True when `accept` takes every piece of `text` between separators (empty
// pieces included, so "a..b" offers "" to it).
template <class Accept>
bool everyPart(std::string_view text, char separator, Accept accept) {
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    const std::string_view part =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (!accept(part)) return false;
    if (end == std::string_view::npos) return true;
    start = end + 1;
  }
}

// [a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?  (case-insensitive when `anyCase`)
bool isHostLabel(std::string_view label, bool anyCase, std::size_t maxLength) {
  const auto alnum = anyCase ? isAlnum : isLowerAlnum;
  if (label.empty() || label.size() > maxLength || !alnum(label.front()) || !alnum(label.back())) return false;
  return allOf(label, [&](char c) { return alnum(c) || c == '-'; });
}

bool isOctet(std::string_view octet) {
  if (!isDigits(octet) || octet.size() > 3) return false;
  int value = 0;
  std::from_chars(octet.data(), octet.data() + octet.size(), value);
  return value <= 255;
}

struct SizeParts {
  std::string_view number;
  int powerOfMi;  // the unit as a power of 1024 relative to Mi: Ki is -1, Ei is 4
};

std::optional<SizeParts> splitSize(std::string_view text) {
  static constexpr std::array<std::string_view, 6> kUnits = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  if (text.size() < 3) return std::nullopt;
  const auto unit = std::find(kUnits.begin(), kUnits.end(), text.substr(text.size() - 2));
  const std::string_view number = text.substr(0, text.size() - 2);
  if (unit == kUnits.end() || !isDecimal(number)) return std::nullopt;
  return SizeParts{number, static_cast<int>(unit - kUnits.begin()) - 1};
}

// A decimal without its insignificant zeros, comparable digit by digit.
struct Decimal {
  std::string whole;
  std::string fraction;
};

Decimal trimmedDecimal(std::string whole, std::string fraction) {
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size()));
  const std::size_t lastSignificant = fraction.find_last_not_of('0');
  fraction.erase(lastSignificant == std::string::npos ? 0 : lastSignificant + 1);
  return {std::move(whole), std::move(fraction)};
}

Decimal coresOf(std::string_view cpu) {
  if (!cpu.empty() && cpu.back() == 'm') {
    std::string millis(cpu.substr(0, cpu.size() - 1));
    if (millis.size() < 3) millis.insert(0, 3 - millis.size(), '0');
    return trimmedDecimal(millis.substr(0, millis.size() - 3), millis.substr(millis.size() - 3));
  }
  const std::size_t dot = cpu.find('.');
  if (dot == std::string_view::npos) return trimmedDecimal(std::string(cpu), "");
  return trimmedDecimal(std::string(cpu.substr(0, dot)), std::string(cpu.substr(dot + 1)));
}

}  // namespace

bool isDomainName(std::string_view text) {
  const std::size_t lastDot = text.rfind('.');
  if (lastDot == std::string_view::npos) return false;
  const std::string_view topLevel = text.substr(lastDot + 1);
  if (topLevel.size() < 2 || !allOf(topLevel, isLetter)) return false;
  return everyPart(text.substr(0, lastDot), '.', [](std::string_view label) { return isHostLabel(label, true, 63); });
}

bool isIpv4Cidr(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return false;
  const std::string_view prefix = text.substr(slash + 1);
  if (!isDigits(prefix) || prefix.size() > 2) return false;
  if (prefix.size() == 2 && !(prefix[0] == '1' || prefix[0] == '2' || (prefix[0] == '3' && prefix[1] <= '2'))) {
    return false;
  }
  const std::string_view address = text.substr(0, slash);
  if (std::count(address.begin(), address.end(), '.') != 3) return false;
  return everyPart(address, '.', isOctet);
}

bool isSize(std::string_view text) { return splitSize(text).has_value(); }

bool isCpu(std::string_view text) {
  if (!text.empty() && text.back() == 'm') return isDigits(text.substr(0, text.size() - 1));
  return isDecimal(text);
}

namespace {

// A size as a whole number of units of 1024^unitPowerOfMi Mi (0: Mi, -2:
// bytes): value = digits / 10^decimals * 1024^(powerOfMi - unitPowerOfMi),
// done in integers so that "0.1Gi" (102.4Mi) is told apart from "0.5Gi"
// (512Mi) exactly. Empty when not whole, zero or beyond 2^53 units.
std::optional<std::uint64_t> wholeUnits(std::string_view size, int unitPowerOfMi) {
  constexpr std::uint64_t kLargest = std::uint64_t{1} << 53;
  const auto parts = splitSize(size);
  if (!parts) return std::nullopt;
  const std::size_t dot = parts->number.find('.');
  const Decimal decimal =
      trimmedDecimal(std::string(parts->number.substr(0, dot)),
                     dot == std::string_view::npos ? std::string() : std::string(parts->number.substr(dot + 1)));
  const std::string digits = decimal.whole + decimal.fraction;
  if (digits.empty() || digits.size() > 19) return std::nullopt;  // zero, or beyond any sane amount
  std::uint64_t value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  const int decimals = static_cast<int>(decimal.fraction.size());
  std::uint64_t powerOfFive = 1;
  for (int i = 0; i < decimals; ++i) powerOfFive *= 5;
  if (value % powerOfFive != 0) return std::nullopt;
  value /= powerOfFive;
  const int shift = 10 * (parts->powerOfMi - unitPowerOfMi) - decimals;  // the remaining factor is 2^shift
  if (shift < 0) {
    const std::uint64_t divisor = std::uint64_t{1} << -shift;
    if (value % divisor != 0) return std::nullopt;
    value /= divisor;
  } else {
    if (value > (kLargest >> shift)) return std::nullopt;
    value <<= shift;
  }
  if (value == 0) return std::nullopt;
  return value;
}

}  // namespace

std::optional<std::uint64_t> wholeMebibytes(std::string_view size) { return wholeUnits(size, 0); }

std::optional<std::uint64_t> wholeBytes(std::string_view size) { return wholeUnits(size, -2); }

int compareCpu(std::string_view left, std::string_view right) {
  const Decimal a = coresOf(left);
  const Decimal b = coresOf(right);
  if (a.whole.size() != b.whole.size()) return a.whole.size() < b.whole.size() ? -1 : 1;
  if (const int whole = a.whole.compare(b.whole); whole != 0) return whole < 0 ? -1 : 1;
  if (const int fraction = a.fraction.compare(b.fraction); fraction != 0) return fraction < 0 ? -1 : 1;
  return 0;
}

std::optional<std::uint64_t> cpuMillicores(std::string_view cpu) {
  if (!isCpu(cpu)) return std::nullopt;
  const Decimal cores = coresOf(cpu);
  if (cores.fraction.size() > 3 || cores.whole.size() > 12) return std::nullopt;
  std::string millis = cores.whole + cores.fraction + std::string(3 - cores.fraction.size(), '0');
  std::uint64_t value = 0;
  std::from_chars(millis.data(), millis.data() + millis.size(), value);
  return value;
}

std::optional<double> approximateMebibytes(std::string_view size) {
  const auto parts = splitSize(size);
  if (!parts) return std::nullopt;
  double value = 0;  // from_chars: no locale's decimal point
  std::from_chars(parts->number.data(), parts->number.data() + parts->number.size(), value);
  return std::ldexp(value, 10 * parts->powerOfMi);
}

bool isDnsName(std::string_view text) { return text.size() <= 253 && isDomainName(text); }

bool isIngressHost(std::string_view text) {
  return isDnsName(text) && std::none_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool isDns1123Label(std::string_view text) { return isHostLabel(text, false, 63); }

bool isLabelValue(std::string_view text) {
  if (text.empty()) return true;
  if (text.size() > 63 || !isAlnum(text.front()) || !isAlnum(text.back())) return false;
  return allOf(text, [](char c) { return isAlnum(c) || c == '-' || c == '_' || c == '.'; });
}

bool isLabelKey(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return !text.empty() && isLabelValue(text);
  const std::string_view name = text.substr(slash + 1);
  return isDns1123Subdomain(text.substr(0, slash)) && !name.empty() && isLabelValue(name);
}

std::optional<Ipv4Cidr> parseIpv4Cidr(std::string_view text) {
  if (!isIpv4Cidr(text)) return std::nullopt;
  const std::size_t slash = text.find('/');
  auto number = [](std::string_view digits) {
    int value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return value;
  };
  Ipv4Cidr cidr{.address = 0, .prefix = number(text.substr(slash + 1)), .canonical = text[slash + 1] != '0' || slash + 2 == text.size()};
  everyPart(text.substr(0, slash), '.', [&](std::string_view octet) {
    cidr.address = cidr.address << 8 | static_cast<std::uint32_t>(number(octet));
    cidr.canonical = cidr.canonical && (octet.size() == 1 || octet[0] != '0');
    return true;
  });
  return cidr;
}

std::uint32_t Ipv4Cidr::mask() const { return prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix); }

std::string Ipv4Cidr::network() const {
  const std::uint32_t a = address & mask();
  return fmt::format("{}.{}.{}.{}/{}", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff, prefix);
}

bool isIpv4Network(std::string_view text) {
  const auto cidr = parseIpv4Cidr(text);
  // Leading zeros read as octal to some parsers (Go's netip refuses them).
  return cidr && cidr->canonical && (cidr->address & ~cidr->mask()) == 0;
}

bool isDns1123Subdomain(std::string_view text) {
  // As Kubernetes checks it: the whole name is limited, the labels are not.
  return !text.empty() && text.size() <= 253 &&
         everyPart(text, '.', [](std::string_view label) { return isHostLabel(label, false, 253); });
}

bool isSecretKey(std::string_view text) {
  if (text.empty() || text.size() > 253 || text == "." || text.substr(0, 2) == "..") return false;
  return allOf(text, [](char c) { return isAlnum(c) || c == '-' || c == '.' || c == '_'; });
}

bool isHostName(std::string_view text) {
  return !text.empty() && text.size() <= 253 &&
         everyPart(text, '.', [](std::string_view label) { return isHostLabel(label, true, 63); });
}

bool isImageRegistry(std::string_view text) {
  if (text.empty() || text.size() > 255) return false;
  // A path component: [a-z0-9]+ joined by ".", "_", "__" or runs of "-".
  const auto isPathComponent = [](std::string_view part) {
    if (part.empty() || !isLowerAlnum(part.front()) || !isLowerAlnum(part.back())) return false;
    for (std::size_t i = 0; i < part.size();) {
      if (isLowerAlnum(part[i])) {
        ++i;
        continue;
      }
      const std::size_t start = i;
      while (i < part.size() && !isLowerAlnum(part[i])) ++i;
      const std::string_view separator = part.substr(start, i - start);
      const bool dashes = allOf(separator, [](char c) { return c == '-'; });
      if (!(separator == "." || separator == "_" || separator == "__" || dashes)) return false;
    }
    return true;
  };
  const std::size_t firstSlash = text.find('/');
  const std::string_view first = text.substr(0, firstSlash);
  const bool firstIsHost =
      first.find_first_of(".:") != std::string_view::npos || first == "localhost";
  if (firstIsHost) {
    const std::size_t colon = first.find(':');
    const std::string_view host = first.substr(0, colon);
    if (!everyPart(host, '.', [](std::string_view label) { return isHostLabel(label, true, 63); })) return false;
    if (colon != std::string_view::npos) {
      const std::string_view port = first.substr(colon + 1);
      if (!isDigits(port) || port.size() > 5) return false;
    }
  } else if (!isPathComponent(first)) {
    return false;
  }
  if (firstSlash == std::string_view::npos) return true;
  return everyPart(text.substr(firstSlash + 1), '/', isPathComponent);
}

bool isImageTag(std::string_view text) {
  if (text.empty() || text.size() > 128 || !(isAlnum(text.front()) || text.front() == '_')) return false;
  return allOf(text, [](char c) { return isAlnum(c) || c == '_' || c == '.' || c == '-'; });
}

bool isTimezoneName(std::string_view text) {
  // Mailu's images pass TZ to the C library and to Python, which fall back to
  // UTC without a word for a name their zoneinfo lacks: only names of the
  // IANA database are taken. The list is shipped, not read from this
  // machine's zoneinfo, so every machine accepts the same names.
  static const std::vector<std::string_view> kNames = [] {
    std::vector<std::string_view> names;
    std::string_view list = embedded::timezoneNames();
    while (!list.empty()) {
      const std::size_t end = std::min(list.find('\n'), list.size());
      const std::string_view line = list.substr(0, end);
      if (!line.empty() && line.front() != '#') names.push_back(line);
      list.remove_prefix(std::min(end + 1, list.size()));
    }
    return names;
  }();
  return std::binary_search(kNames.begin(), kNames.end(), text);
}

bool isMailLocalPart(std::string_view text) {
  return !text.empty() && text.size() <= 64 &&
         allOf(text, [](char c) { return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; });
}

bool isPostgresDatabaseName(std::string_view text) {
  return !text.empty() && text.size() <= 63 &&
         allOf(text, [](char c) { return isAlnum(c) || c == '_' || c == '-' || c == '$'; });
}

bool isPostfixTime(std::string_view text) {
  // Postfix reads digits and one optional unit letter, and refuses a time
  // over INT_MAX seconds; 0 would divide by zero in anvil.
  constexpr std::string_view kUnits = "smhdw";
  constexpr std::int64_t kSecondsPerUnit[] = {1, 60, 3600, 86400, 604800};
  std::int64_t unit = 1;
  if (const std::size_t at = text.empty() ? std::string_view::npos : kUnits.find(text.back());
      at != std::string_view::npos) {
    unit = kSecondsPerUnit[at];
    text.remove_suffix(1);
  }
  if (text.empty() || text.size() > 10 || !isDigits(text)) return false;
  std::int64_t count = 0;
  for (char digit : text) count = count * 10 + (digit - '0');
  return count > 0 && count * unit <= std::numeric_limits<std::int32_t>::max();
}

bool isLogLevel(std::string_view text) {
  return !text.empty() && text.size() <= 32 && allOf(text, [](char c) { return isAlnum(c) || c == '_'; });
}

bool isMailAddress(std::string_view text) {
  const std::size_t at = text.rfind('@');
  return at != std::string_view::npos && isMailLocalPart(text.substr(0, at)) && isDnsName(text.substr(at + 1));
}

bool isRateLimit(std::string_view text) {
  // Mailu hands the value to the `limits` library (limits.parse in
  // core/admin/mailu/limiter.py), which reads "<count>/<period>".
  static constexpr std::array<std::string_view, 6> kPeriods = {"second", "minute", "hour", "day", "month", "year"};
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return false;
  const std::string_view count = text.substr(0, slash);
  const std::string_view period = text.substr(slash + 1);
  if (!isDigits(count) || count.front() == '0' || count.size() > 9) return false;  // 1 to 999999999
  return std::find(kPeriods.begin(), kPeriods.end(), period) != kPeriods.end();
}

std::optional<IpNetwork> parseIpNetwork(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  if (text.substr(0, slash).find(':') == std::string_view::npos) {
    const auto ipv4 = parseIpv4Cidr(text);
    return ipv4 ? std::optional<IpNetwork>({.ipv6 = false, .prefix = ipv4->prefix}) : std::nullopt;
  }
  const std::string_view prefix = text.substr(slash + 1);
  if (!isDigits(prefix) || prefix.size() > 3 || (prefix.size() > 1 && prefix.front() == '0')) return std::nullopt;
  int bits = 0;
  for (char digit : prefix) bits = bits * 10 + (digit - '0');
  const std::string address(text.substr(0, slash));
  unsigned char buffer[16];
  if (bits > 128 || ::inet_pton(AF_INET6, address.c_str(), buffer) != 1) return std::nullopt;
  return IpNetwork{.ipv6 = true, .prefix = bits};
}

bool isIpCidr(std::string_view text) { return parseIpNetwork(text).has_value(); }

bool isIpAddress(std::string_view text) {
  if (text.empty() || text.size() > 45) return false;
  const std::string address(text);
  unsigned char buffer[16];
  return ::inet_pton(address.find(':') != std::string::npos ? AF_INET6 : AF_INET, address.c_str(), buffer) == 1;
}

bool isDnsOptionName(std::string_view text) {
  return !text.empty() && text.size() <= 32 && allOf(text, [](char c) { return isLowerAlnum(c) || c == '-'; });
}

bool isDnsOptionValue(std::string_view text) {
  return !text.empty() && text.size() <= 32 &&
         allOf(text, [](char c) { return isAlnum(c) || c == '.' || c == ':' || c == '-'; });
}

bool isRelayNetwork(std::string_view text) {
  const auto network = parseIpNetwork(text);
  return network && network->prefix >= (network->ipv6 ? 16 : 8);
}

bool isRecipientDelimiter(std::string_view text) {
  // Each character is a delimiter (Postfix's recipient_delimiter, Dovecot's
  // recipient_delimiter, the admin's postfix views); these are safe in both
  // configuration files and in an address's local part.
  constexpr std::string_view kAllowed = "+-_.=~";
  if (text.empty() || text.size() > kAllowed.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (kAllowed.find(text[i]) == std::string_view::npos || text.find(text[i], i + 1) != std::string_view::npos) {
      return false;
    }
  }
  return true;
}

bool isOutboundTlsLevel(std::string_view text) {
  // Postfix's smtp_tls_security_level levels that need nothing else
  // configured ("fingerprint" needs fingerprints; "none" turns TLS off).
  static constexpr std::array<std::string_view, 6> kLevels = {"may", "encrypt", "dane", "dane-only", "verify", "secure"};
  return std::find(kLevels.begin(), kLevels.end(), text) != kLevels.end();
}

bool isFtsLanguage(std::string_view text) {
  // The languages dovecot 2.3's full-text search knows (fts_languages_builtin,
  // src/lib-fts/fts-language.c); Mailu 2024.06's dovecot is 2.3 with
  // fts-flatcurve (core/dovecot/Dockerfile). Any other name in fts_languages
  // makes dovecot fail every search and index ("Unknown language").
  static constexpr std::array<std::string_view, 13> kLanguages = {"da", "de", "en", "es", "fi", "fr", "it",
                                                                  "nl", "no", "pt", "ro", "ru", "sv"};
  return std::find(kLanguages.begin(), kLanguages.end(), text) != kLanguages.end();
}

namespace {
bool isTextWithLines(std::string_view text) {
  return cdk8s::isUtf8(text) && allOf(text, [](char c) {
           const auto byte = static_cast<unsigned char>(c);
           return (byte >= 0x20 && byte != 0x7f) || c == '\n' || c == '\t';
         });
}
}  // namespace

bool isMessageText(std::string_view text) { return !text.empty() && text.size() <= 10000 && isTextWithLines(text); }

namespace {
// The text after "<left> = ", which must not be empty.
bool hasValueAfterEquals(std::string_view rest) {
  const std::size_t start = rest.find_first_not_of(" \t");
  if (start == std::string_view::npos || rest[start] != '=') return false;
  return rest.find_first_not_of(" \t", start + 1) != std::string_view::npos;
}
}  // namespace

bool isPostfixMainLine(std::string_view line) {
  std::size_t end = 0;
  while (end < line.size() && (isAlnum(line[end]) || line[end] == '_')) ++end;
  return end > 0 && hasValueAfterEquals(line.substr(end));
}

bool isPostfixMasterLine(std::string_view line) {
  const std::size_t slash = line.find('/');
  if (slash == 0 || slash == std::string_view::npos) return false;
  const std::string_view service = line.substr(0, slash);
  if (service.find_first_of(" \t=") != std::string_view::npos) return false;
  static constexpr std::string_view kTypes[] = {"unix-dgram", "inet", "unix", "fifo", "pass"};
  for (std::string_view type : kTypes) {
    const std::string_view rest = line.substr(slash + 1);
    if (rest.substr(0, type.size()) == type && hasValueAfterEquals(rest.substr(type.size()))) return true;
  }
  return false;
}

bool isOverrideFileName(std::string_view text) { return isSecretKey(text) && text.front() != '.'; }

bool isOverrideText(std::string_view text) { return text.size() <= kMaxConfigMapBytes && isTextWithLines(text); }


bool isEnvName(std::string_view text) {
  if (text.empty() || text.size() > 128 || isDigit(text.front())) return false;
  return allOf(text, [](char c) { return isAlnum(c) || c == '_'; });
}

bool isImageDigest(std::string_view text) {
  constexpr std::string_view kPrefix = "sha256:";
  constexpr std::size_t kHexDigits = 64;
  if (text.substr(0, kPrefix.size()) != kPrefix || text.size() != kPrefix.size() + kHexDigits) return false;
  return allOf(text.substr(kPrefix.size()), [](char c) { return isDigit(c) || (c >= 'a' && c <= 'f'); });
}

ImageReferenceParts splitImageReference(std::string_view text) {
  ImageReferenceParts parts;
  if (const auto at = text.find('@'); at != std::string_view::npos) {
    parts.digest = text.substr(at + 1);
    text = text.substr(0, at);
  }
  const auto colon = text.rfind(':');
  const auto slash = text.rfind('/');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    parts.tag = text.substr(colon + 1);
    text = text.substr(0, colon);
  }
  parts.repository = text;
  return parts;
}

bool isImageReference(std::string_view text) {
  const ImageReferenceParts parts = splitImageReference(text);
  return isImageRegistry(parts.repository) && (!parts.tag || isImageTag(*parts.tag)) &&
         (!parts.digest || isImageDigest(*parts.digest));
}

bool isAnnotationValue(std::string_view text) {
  constexpr std::size_t kMaxAnnotationBytes = 256 * 1024;  // Kubernetes' limit for all of an object's annotations
  return text.size() <= kMaxAnnotationBytes && (text.empty() || isTextWithLines(text));
}

bool isSchedulingWord(std::string_view text) {
  return !text.empty() && text.size() <= 32 && allOf(text, isLetter);
}
}  // namespace mailu::validation
