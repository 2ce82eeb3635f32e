#include "mailu/config_validation.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <map>
#include <unordered_set>

#include <fmt/format.h>

#include "mailu/component_registry.hpp"

namespace mailu {

std::string_view toString(DatabaseType value) {
  switch (value) {
    case DatabaseType::kSqlite:
      return "sqlite";
    case DatabaseType::kPostgresql:
      return "postgresql";
  }
  return "sqlite";
}

std::string_view toString(InitialAccountMode value) {
  switch (value) {
    case InitialAccountMode::kCreate:
      return "create";
    case InitialAccountMode::kUpdate:
      return "update";
    case InitialAccountMode::kIfMissing:
      return "ifmissing";
  }
  return "update";
}

std::string_view toString(WebmailType value) {
  switch (value) {
    case WebmailType::kRoundcube:
      return "roundcube";
    case WebmailType::kSnappymail:
      return "snappymail";
  }
  return "roundcube";
}

std::string_view toString(PullPolicy value) {
  switch (value) {
    case PullPolicy::kAlways:
      return "Always";
    case PullPolicy::kIfNotPresent:
      return "IfNotPresent";
    case PullPolicy::kNever:
      return "Never";
  }
  return "IfNotPresent";
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
  return "none";
}

std::string memoryToMi(std::string_view memory) {
  const auto mebibytes = validation::wholeMebibytes(memory);
  if (!mebibytes) {
    throw ConfigError(
        {ConfigProblem{"", "memory must be a whole number of Mi, at least 1Mi", validation::describeString(memory)}});
  }
  return fmt::format("{}Mi", *mebibytes);
}

namespace validation {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isLowerLetter(char c) { return c >= 'a' && c <= 'z'; }
bool isLetter(char c) { return isLowerLetter(c) || (c >= 'A' && c <= 'Z'); }
bool isAlnum(char c) { return isLetter(c) || isDigit(c); }
bool isLowerAlnum(char c) { return isLowerLetter(c) || isDigit(c); }

template <class Predicate>
bool allOf(std::string_view text, Predicate predicate) {
  return std::all_of(text.begin(), text.end(), predicate);
}

bool isDigits(std::string_view text) { return !text.empty() && allOf(text, isDigit); }

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

char lowered(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// YAML 1.2 core schema: what a plain (unquoted) scalar means.
enum class PlainMeaning { kString, kBoolean, kInteger, kFloat };

bool isBooleanWord(std::string_view text) {
  return text == "true" || text == "True" || text == "TRUE" || text == "false" || text == "False" ||
         text == "FALSE";
}

PlainMeaning plainMeaning(std::string_view text) {
  if (isBooleanWord(text)) return PlainMeaning::kBoolean;
  std::string_view unsigned_ = text;
  if (!unsigned_.empty() && (unsigned_.front() == '+' || unsigned_.front() == '-')) unsigned_.remove_prefix(1);
  if (isDigits(unsigned_)) return PlainMeaning::kInteger;
  if (text.size() > 2 && text.substr(0, 2) == "0o" && allOf(text.substr(2), [](char c) { return c >= '0' && c <= '7'; })) {
    return PlainMeaning::kInteger;
  }
  if (text.size() > 2 && text.substr(0, 2) == "0x" &&
      allOf(text.substr(2), [](char c) { return isDigit(c) || (lowered(c) >= 'a' && lowered(c) <= 'f'); })) {
    return PlainMeaning::kInteger;
  }
  if (unsigned_ == ".inf" || unsigned_ == ".Inf" || unsigned_ == ".INF" || text == ".nan" || text == ".NaN" ||
      text == ".NAN") {
    return PlainMeaning::kFloat;
  }
  // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
  std::string_view mantissa = unsigned_;
  const std::size_t exponent = mantissa.find_first_of("eE");
  if (exponent != std::string_view::npos) {
    std::string_view power = mantissa.substr(exponent + 1);
    if (!power.empty() && (power.front() == '+' || power.front() == '-')) power.remove_prefix(1);
    if (!isDigits(power)) return PlainMeaning::kString;
    mantissa = mantissa.substr(0, exponent);
  }
  const std::size_t dot = mantissa.find('.');
  if (dot == std::string_view::npos) return isDigits(mantissa) ? PlainMeaning::kFloat : PlainMeaning::kString;
  const std::string_view before = mantissa.substr(0, dot);
  const std::string_view after = mantissa.substr(dot + 1);
  const bool digitsAround = before.empty() ? isDigits(after) : (isDigits(before) && (after.empty() || isDigits(after)));
  return digitsAround ? PlainMeaning::kFloat : PlainMeaning::kString;
}

bool hasControlCharacter(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
}

constexpr std::size_t kShownCharacters = 60;

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

std::optional<std::uint64_t> wholeMebibytes(std::string_view size) {
  // value = digits / 10^decimals * 1024^powerOfMi, done in integers so that
  // "0.1Gi" (102.4Mi) is told apart from "0.5Gi" (512Mi) exactly.
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
  const int shift = 10 * parts->powerOfMi - decimals;  // the remaining factor is 2^shift
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

int compareCpu(std::string_view left, std::string_view right) {
  const Decimal a = coresOf(left);
  const Decimal b = coresOf(right);
  if (a.whole.size() != b.whole.size()) return a.whole.size() < b.whole.size() ? -1 : 1;
  if (const int whole = a.whole.compare(b.whole); whole != 0) return whole < 0 ? -1 : 1;
  if (const int fraction = a.fraction.compare(b.fraction); fraction != 0) return fraction < 0 ? -1 : 1;
  return 0;
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
  return !text.empty() && text.size() <= 64 && everyPart(text, '/', [](std::string_view part) {
           return !part.empty() && allOf(part, [](char c) { return isAlnum(c) || c == '_' || c == '+' || c == '-'; });
         });
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

std::size_t editDistance(std::string_view left, std::string_view right) {
  // Three rows suffice: a swap looks two rows back.
  std::vector<std::size_t> twoBack(right.size() + 1);
  std::vector<std::size_t> previous(right.size() + 1);
  std::vector<std::size_t> current(right.size() + 1);
  for (std::size_t j = 0; j <= right.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= left.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= right.size(); ++j) {
      const bool same = lowered(left[i - 1]) == lowered(right[j - 1]);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && lowered(left[i - 1]) == lowered(right[j - 2]) &&
          lowered(left[i - 2]) == lowered(right[j - 1])) {
        current[j] = std::min(current[j], twoBack[j - 2] + 1);
      }
    }
    std::swap(twoBack, previous);
    std::swap(previous, current);
  }
  return previous[right.size()];
}

std::string describeString(std::string_view text) {
  std::string shown = "\"";
  std::size_t characters = 0;
  std::size_t i = 0;
  for (; i < text.size() && characters < kShownCharacters; ++characters) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '"' || byte == '\\') {
      shown += '\\';
      shown += text[i++];
    } else if (byte == '\n') {
      shown += "\\n";
      ++i;
    } else if (byte == '\t') {
      shown += "\\t";
      ++i;
    } else if (byte < 0x20 || byte == 0x7f) {
      shown += fmt::format("\\x{:02x}", byte);
      ++i;
    } else {
      // Keep a multi-byte character whole; the text is valid UTF-8 by now,
      // but stay in bounds whatever it is.
      std::size_t length = byte < 0x80 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      length = std::min(length, text.size() - i);
      shown.append(text.substr(i, length));
      i += length;
    }
  }
  shown += '"';
  if (i < text.size()) shown += "...";
  return shown;
}

std::string describeValue(const DocumentNode& node) {
  switch (node.kind) {
    case DocumentNode::Kind::kNull:
      return "null";
    case DocumentNode::Kind::kSequence:
      return node.items.empty() ? "[]" : "a list";
    case DocumentNode::Kind::kMapping:
      return node.entries.empty() ? "{}" : "a mapping";
    case DocumentNode::Kind::kScalar:
      break;
  }
  std::string shown;
  if (node.quoted || plainMeaning(node.text) == PlainMeaning::kString) {
    shown = describeString(node.text);
  } else {
    shown = node.text.size() > kShownCharacters ? node.text.substr(0, kShownCharacters) + "..." : node.text;
  }
  return node.unsupportedTag.empty() ? shown : node.unsupportedTag + " " + shown;
}

namespace {

using Kind = DocumentNode::Kind;
using KnownKeys = std::vector<std::string_view>;

constexpr std::size_t kMaxProblems = 100;
constexpr std::string_view kDocumentPath = "<document>";

// What a string field accepts; `description` completes "must be ...".
struct Format {
  bool (*accepts)(std::string_view);
  std::string_view description;
  // Plain YAML numbers are taken as written, where a number is a fine
  // spelling of the value (CPU: `cpu: 0.5` as Kubernetes users write it).
  bool numbersAllowed = false;
};

const Format kDomainFormat{isDomainName, "a domain name such as mail.example.com"};
const Format kSubnetFormat{isIpv4Cidr, "an IPv4 network in CIDR notation such as 10.42.0.0/16"};
const Format kSizeFormat{isSize, "a size: a number and a binary unit Ki, Mi, Gi, Ti, Pi or Ei, such as 5Gi"};
const Format kCpuFormat{isCpu, "a CPU amount: millicores such as 250m, or cores such as 0.5 or 2", true};
const Format kNamespaceFormat{
    isDns1123Label, "a Kubernetes namespace name (lowercase letters, digits and '-', at most 63 characters)"};
const Format kSecretNameFormat{isDns1123Subdomain,
                               "a Kubernetes Secret name (lowercase letters, digits, '-' and '.')"};
const Format kStorageClassFormat{isDns1123Subdomain,
                                 "a Kubernetes StorageClass name (lowercase letters, digits, '-' and '.')"};
const Format kIssuerFormat{isDns1123Subdomain,
                           "a cert-manager ClusterIssuer name (lowercase letters, digits, '-' and '.')"};
const Format kSecretKeyFormat{isSecretKey, "a key of a Secret (letters, digits, '-', '_' and '.')"};
const Format kHostFormat{isHostName,
                         "a host name or IPv4 address such as redis or pg.db.svc.cluster.local (the port has its own key)"};
const Format kTimezoneFormat{isTimezoneName, "a time zone name such as UTC or Europe/Berlin"};
const Format kLogLevelFormat{isLogLevel, "a log level such as INFO, WARNING or DEBUG"};
const Format kPostfixTimeFormat{isPostfixTime,
                                "a Postfix time: a whole number of seconds, or one with a unit s, m, h, d or w, "
                                "such as 60s or 1m, from 1 second to 2147483647 seconds"};
const Format kLocalPartFormat{isMailLocalPart,
                              "the part of an address before '@' (letters, digits and . _ % + -)"};
const Format kDatabaseNameFormat{isPostgresDatabaseName,
                                 "a database name (letters, digits, '_', '-' and '$', at most 63 characters)"};
const Format kRegistryFormat{isImageRegistry,
                             "an image registry and path such as ghcr.io/mailu or registry.local:5000/mirror"};
const Format kNetworkFormat{isIpv4Network,
                            "an IPv4 network in CIDR notation with no host bits set, such as 10.0.0.0/8"};
const Format kLabelValueFormat{isLabelValue,
                               "a label value (up to 63 letters, digits, '-', '_' and '.', "
                               "starting and ending with a letter or digit)"};
const Format kTagFormat{isImageTag, "an image tag (letters, digits, '_', '.' and '-', at most 128 characters)"};

// How a key appears in a path: as written when that cannot be misread.
std::string displayKey(std::string_view key) {
  const bool plain = !key.empty() && key.size() <= kShownCharacters && allOf(key, [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && byte < 0x7f && c != '.' && c != '[' && c != ']' && c != '"';
  });
  return plain ? std::string(key) : describeString(key);
}

std::string joinPath(std::string_view parent, std::string_view key) {
  return parent.empty() ? displayKey(key) : std::string(parent) + "." + displayKey(key);
}

std::string quotedList(const std::vector<std::string_view>& words) {
  std::string list;
  for (std::string_view word : words) list += (list.empty() ? "'" : ", '") + std::string(word) + "'";
  return list;
}

std::string unknownKeyMessage(std::string_view key, const KnownKeys& known) {
  std::string_view nearest;
  std::size_t nearestDistance = std::numeric_limits<std::size_t>::max();
  if (key.size() <= 64) {  // no known key is anywhere near that long
    for (std::string_view candidate : known) {
      const std::size_t distance = editDistance(key, candidate);
      if (distance < nearestDistance) {
        nearestDistance = distance;
        nearest = candidate;
      }
    }
  }
  if (!nearest.empty() && nearestDistance <= std::max<std::size_t>(2, nearest.size() / 3)) {
    return fmt::format("unknown key; did you mean '{}'?", nearest);
  }
  std::string list;
  for (std::string_view candidate : known) list += (list.empty() ? "" : ", ") + std::string(candidate);
  return "unknown key; known keys here: " + list;
}

// A mapping whose keys have been checked.
class Block {
 public:
  Block(const DocumentNode& node, std::string path) : node_(&node), path_(std::move(path)) {}

  const DocumentNode& node() const { return *node_; }
  const std::string& path() const { return path_; }

  // The first value given for `key`; later duplicates have been reported.
  const DocumentNode* find(std::string_view key) const {
    for (const DocumentNode::Entry& entry : node_->entries) {
      if (entry.key->kind == Kind::kScalar && entry.key->text == key) return entry.value.get();
    }
    return nullptr;
  }

 private:
  const DocumentNode* node_;
  std::string path_;
};

// One place in the config: the value there (null when absent), its path, and
// where to point when it is absent.
struct Field {
  const DocumentNode* node;
  std::string path;
  const DocumentNode* around;
};

Field fieldOf(const Block& block, std::string_view key) {
  return {block.find(key), joinPath(block.path(), key), &block.node()};
}

bool isAbsent(const DocumentNode* node) { return node == nullptr || node->kind == Kind::kNull; }

class ConfigReader {
 public:
  explicit ConfigReader(std::vector<ConfigProblem>& problems) : problems_(problems) {}

  MailuChartConfig read(const DocumentNode& root) {
    MailuChartConfig config;
    const auto top = block({&root, std::string(kDocumentPath), &root},
                           {"namespace", "domain", "hostnames", "subnet", "timezone", "database", "redis", "secrets",
                            "storage", "components", "resources", "mailu", "postfix", "images", "ingress", "networkPolicies"},
                           true);
    if (top) {
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
      checkRelations(*top, config);
    }
    if (omitted_ > 0) {
      problems_.push_back({"", fmt::format("... and {} more problems not listed", omitted_), ""});
    }
    return config;
  }

 private:
  void report(std::string path, std::string message, const DocumentNode* at, std::string got = {}) {
    if (listed_ >= kMaxProblems) {
      ++omitted_;
      return;
    }
    ++listed_;
    ConfigProblem problem{std::move(path), std::move(message), std::move(got)};
    if (at != nullptr && at->line > 0) {
      problem.line = at->line;
      problem.column = at->column;
    }
    problems_.push_back(std::move(problem));
  }

  // True (and reported when required) when the field is absent or null.
  bool missing(const Field& field, bool required) {
    if (!isAbsent(field.node)) return false;
    if (required) report(field.path, "is required", field.node != nullptr ? field.node : field.around);
    return true;
  }

  bool refusedTag(const Field& field) {
    if (field.node->unsupportedTag.empty()) return false;
    report(field.path, fmt::format("has the YAML tag {}, which a config does not use", field.node->unsupportedTag),
           field.node, describeValue(*field.node));
    return true;
  }

  std::optional<Block> block(const Field& field, const KnownKeys& known, bool required) {
    if (missing(field, required) || refusedTag(field)) return std::nullopt;
    const DocumentNode& node = *field.node;
    if (node.kind != Kind::kMapping) {
      report(field.path, "must be a mapping of keys to values", &node, describeValue(node));
      return std::nullopt;
    }
    Block result(node, field.path == kDocumentPath ? std::string() : field.path);
    std::unordered_set<std::string_view> seen;
    for (const DocumentNode::Entry& entry : node.entries) {
      const DocumentNode& key = *entry.key;
      if (key.kind != Kind::kScalar) {
        report(field.path, "has a key that is not a name", &key, describeValue(key));
        continue;
      }
      const bool duplicate = !seen.insert(key.text).second;
      const bool unknown = !duplicate && std::find(known.begin(), known.end(), key.text) == known.end();
      if (!duplicate && !unknown) continue;
      if (listed_ >= kMaxProblems) {
        ++omitted_;  // spare the paths and edit distances nobody will see
        continue;
      }
      const std::string keyPath = joinPath(result.path(), key.text);
      report(keyPath, duplicate ? std::string("is given more than once") : unknownKeyMessage(key.text, known), &key);
    }
    return result;
  }

  // The text of a scalar that may stand where a string is due; reports and
  // returns nothing otherwise. `expected` completes "must be ...".
  std::optional<std::string_view> stringText(const Field& field, std::string_view expected, bool numbersAllowed,
                                             bool (*wouldAccept)(std::string_view)) {
    const DocumentNode& node = *field.node;
    const std::string mustBe = fmt::format("must be {}", expected);
    if (node.kind != Kind::kScalar) {
      report(field.path, mustBe, &node, describeValue(node));
      return std::nullopt;
    }
    if (!node.quoted) {
      const PlainMeaning meaning = plainMeaning(node.text);
      const bool number = meaning == PlainMeaning::kInteger || meaning == PlainMeaning::kFloat;
      if (meaning == PlainMeaning::kBoolean || (number && !numbersAllowed)) {
        // Quoting is the fix only when the text itself is right.
        const bool quotingHelps = number && wouldAccept != nullptr && wouldAccept(node.text);
        report(field.path,
               quotingHelps ? mustBe + "; YAML reads this as a number, so put it in quotes" : mustBe, &node,
               describeValue(node));
        return std::nullopt;
      }
    }
    if (node.text.empty()) {
      report(field.path, "must not be empty", &node, describeValue(node));
      return std::nullopt;
    }
    if (hasControlCharacter(node.text)) {
      report(field.path, "must not contain control characters or line breaks", &node, describeValue(node));
      return std::nullopt;
    }
    return std::string_view(node.text);
  }

  std::optional<std::string> string(const Field& field, const Format& format, bool required) {
    if (missing(field, required) || refusedTag(field)) return std::nullopt;
    const auto text = stringText(field, format.description, format.numbersAllowed, format.accepts);
    if (!text) return std::nullopt;
    if (!format.accepts(*text)) {
      report(field.path, fmt::format("must be {}", format.description), field.node, describeValue(*field.node));
      return std::nullopt;
    }
    return std::string(*text);
  }

  std::optional<long long> integer(const Field& field, long long min, long long max, bool required) {
    if (missing(field, required) || refusedTag(field)) return std::nullopt;
    const DocumentNode& node = *field.node;
    const std::string mustBe = fmt::format("must be a whole number from {} to {}", min, max);
    const auto parsed = [&]() -> std::optional<long long> {
      if (node.kind != Kind::kScalar) return std::nullopt;
      std::string_view digits = node.text;
      if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
      long long value = 0;
      const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
      return value;
    }();
    const bool inRange = parsed && *parsed >= min && *parsed <= max;
    if (node.kind == Kind::kScalar && node.quoted) {
      report(field.path, inRange ? mustBe + ", written without quotes" : mustBe, &node, describeValue(node));
      return std::nullopt;
    }
    if (!inRange) {
      report(field.path, mustBe, &node, describeValue(node));
      return std::nullopt;
    }
    return parsed;
  }

  std::optional<bool> boolean(const Field& field) {
    if (missing(field, false) || refusedTag(field)) return std::nullopt;
    const DocumentNode& node = *field.node;
    if (node.kind == Kind::kScalar && !node.quoted && isBooleanWord(node.text)) return lowered(node.text[0]) == 't';
    report(field.path, "must be true or false", &node, describeValue(node));
    return std::nullopt;
  }

  template <class Enum>
  std::optional<Enum> choice(const Field& field, std::initializer_list<Enum> values, bool required) {
    if (missing(field, required) || refusedTag(field)) return std::nullopt;
    std::vector<std::string_view> names;
    for (Enum value : values) names.push_back(toString(value));
    const std::string expected = "one of " + quotedList(names);
    const auto text = stringText(field, expected, false, nullptr);
    if (!text) return std::nullopt;
    for (Enum value : values) {
      if (toString(value) == *text) return value;
    }
    report(field.path, "must be " + expected, field.node, describeValue(*field.node));
    return std::nullopt;
  }

  void readHostnames(const Block& top, MailuChartConfig& config) {
    const Field field = fieldOf(top, "hostnames");
    if (missing(field, true) || refusedTag(field)) return;
    const DocumentNode& list = *field.node;
    if (list.kind != Kind::kSequence) {
      report(field.path, "must be a list of host names such as [mail.example.com]", &list, describeValue(list));
      return;
    }
    if (list.items.empty()) {
      report(field.path, "must name at least one host", &list, describeValue(list));
      return;
    }
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      const Field item{list.items[i].get(), fmt::format("{}[{}]", field.path, i), &list};
      if (isAbsent(item.node)) {
        report(item.path, fmt::format("must be {}", kDomainFormat.description), item.node, "null");
      } else if (auto hostname = string(item, kDomainFormat, true)) {
        config.hostnames.push_back(std::move(*hostname));
      }
    }
  }

  void readDatabase(const Block& top, MailuChartConfig& config) {
    const auto database = block(fieldOf(top, "database"), {"type", "postgresql"}, true);
    if (!database) return;
    const auto type =
        choice(fieldOf(*database, "type"), {DatabaseType::kSqlite, DatabaseType::kPostgresql}, true);
    if (type) config.database.type = *type;

    const Field postgresqlField = fieldOf(*database, "postgresql");
    const auto postgresql =
        block(postgresqlField, {"host", "port", "database", "secretName", "secretKeys"}, false);
    if (!postgresql) {
      if (type == DatabaseType::kPostgresql && isAbsent(postgresqlField.node)) {
        report(postgresqlField.path, "is required when database.type is 'postgresql'",
               postgresqlField.node != nullptr ? postgresqlField.node : &database->node());
      }
      return;
    }
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

  std::optional<int> port(const Field& field) {
    const auto value = integer(field, 1, 65535, false);
    return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
  }

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
    const Field memory = fieldOf(*quantities, "memory");
    result.memory = string(memory, kSizeFormat, false);
    if (result.memory && !wholeMebibytes(*result.memory)) {
      report(memory.path,
             "must be a whole number of Mi, at least 1Mi (memory is written in Mi), such as 512Mi or 1.5Gi",
             memory.node, describeValue(*memory.node));
      result.memory.reset();
    }
    return result;
  }

  std::optional<ResourceRequirements> readRequirements(const Field& field) {
    const auto requirements = block(field, {"requests", "limits"}, false);
    if (!requirements) return std::nullopt;
    const Field requestsField = fieldOf(*requirements, "requests");
    const Field limitsField = fieldOf(*requirements, "limits");
    ResourceRequirements result{readQuantities(requestsField), readQuantities(limitsField)};
    if (result.requests && result.limits) {
      // Kubernetes refuses a pod whose request exceeds its limit.
      const ResourceQuantities& requests = *result.requests;
      const ResourceQuantities& limits = *result.limits;
      if (requests.cpu && limits.cpu && compareCpu(*requests.cpu, *limits.cpu) > 0) {
        const Field at = fieldOf(Block(*requestsField.node, requestsField.path), "cpu");
        report(at.path, fmt::format("must not exceed {}.cpu ({})", limitsField.path, *limits.cpu), at.node,
               describeValue(*at.node));
      }
      if (requests.memory && limits.memory && *wholeMebibytes(*requests.memory) > *wholeMebibytes(*limits.memory)) {
        const Field at = fieldOf(Block(*requestsField.node, requestsField.path), "memory");
        report(at.path, fmt::format("must not exceed {}.memory ({})", limitsField.path, *limits.memory), at.node,
               describeValue(*at.node));
      }
    }
    return result;
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
                             {"logLevel", "messageSizeLimit", "initialAccount", "apiEnabled", "webmailType"}, false);
    if (!mailu) return;
    MailuSettings settings;
    settings.logLevel = string(fieldOf(*mailu, "logLevel"), kLogLevelFormat, false);
    // MiB; Mailu gets bytes, which must stay exact as a JavaScript number too.
    if (const auto limit = integer(fieldOf(*mailu, "messageSizeLimit"), 1, std::int64_t{1} << 32, false)) {
      settings.messageSizeLimit = static_cast<long>(*limit);
    }
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
    config.mailu = std::move(settings);
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
      // Postfix reads 0 as "no limit"; a limit that is there must limit.
      for (const Slot& slot : kCounts) {
        if (const auto count = integer(fieldOf(*limits, slot.key), 1, 1'000'000, false)) {
          rateLimits.*slot.member = static_cast<int>(*count);
        }
      }
      rateLimits.timeUnit = string(fieldOf(*limits, "timeUnit"), kPostfixTimeFormat, false);
      settings.rateLimits = std::move(rateLimits);
    }
    config.postfix = std::move(settings);
  }

  void readImages(const Block& top, MailuChartConfig& config) {
    const auto images = block(fieldOf(top, "images"), {"registry", "tag", "pullPolicy"}, false);
    if (!images) return;
    ImagesConfig settings;
    settings.registry = string(fieldOf(*images, "registry"), kRegistryFormat, false);
    settings.tag = string(fieldOf(*images, "tag"), kTagFormat, false);
    settings.pullPolicy = choice(fieldOf(*images, "pullPolicy"),
                                 {PullPolicy::kAlways, PullPolicy::kIfNotPresent, PullPolicy::kNever}, false);
    config.images = std::move(settings);
  }

  void readIngress(const Block& top, MailuChartConfig& config) {
    const auto ingress = block(fieldOf(top, "ingress"), {"enabled", "type", "traefik"}, false);
    if (!ingress) return;
    IngressConfig settings;
    settings.enabled = boolean(fieldOf(*ingress, "enabled"));
    const Field typeField = fieldOf(*ingress, "type");
    settings.type = choice(typeField, {IngressType::kTraefik, IngressType::kNginx, IngressType::kNone}, false);
    const Field traefikField = fieldOf(*ingress, "traefik");
    if (const auto traefik =
            block(traefikField, {"hostname", "certIssuer", "enableTcp", "smtpConnectionLimit", "proxyProtocol"}, false)) {
      TraefikIngressConfig traefikSettings;
      traefikSettings.hostname = string(fieldOf(*traefik, "hostname"), kDomainFormat, true).value_or("");
      traefikSettings.certIssuer = string(fieldOf(*traefik, "certIssuer"), kIssuerFormat, false);
      traefikSettings.enableTcp = boolean(fieldOf(*traefik, "enableTcp"));
      if (const auto limit = integer(fieldOf(*traefik, "smtpConnectionLimit"), 1, 1'000'000, false)) {
        traefikSettings.smtpConnectionLimit = static_cast<int>(*limit);
      }
      traefikSettings.proxyProtocol = boolean(fieldOf(*traefik, "proxyProtocol"));
      settings.traefik = std::move(traefikSettings);
    }
    const bool enabled = settings.enabled.value_or(false);
    // The reference silently creates nothing without a type, whatever its docs say.
    if (enabled && isAbsent(typeField.node)) {
      report(typeField.path, "is required when ingress.enabled is true: one of 'traefik', 'nginx', 'none'",
             &ingress->node());
    }
    if (enabled && settings.type == IngressType::kTraefik && isAbsent(traefikField.node)) {
      report(joinPath(traefikField.path, "hostname"), "is required when the Traefik ingress is enabled",
             traefikField.node != nullptr ? traefikField.node : &ingress->node());
    }
    config.ingress = std::move(settings);
  }

  std::optional<std::map<std::string, std::string>> readLabels(const Field& field) {
    if (missing(field, false) || refusedTag(field)) return std::nullopt;
    const DocumentNode& node = *field.node;
    if (node.kind != Kind::kMapping) {
      report(field.path, "must be a mapping of label names to values, such as {app: traefik}", &node,
             describeValue(node));
      return std::nullopt;
    }
    std::map<std::string, std::string> labels;
    for (const DocumentNode::Entry& entry : node.entries) {
      const DocumentNode& key = *entry.key;
      const std::string keyPath = joinPath(field.path, key.text);
      if (key.kind != Kind::kScalar || !isLabelKey(key.text)) {
        report(key.kind == Kind::kScalar ? keyPath : field.path,
               "must be a label name such as app or app.kubernetes.io/name", &key, describeValue(key));
        continue;
      }
      if (labels.contains(key.text)) {
        report(keyPath, "is given more than once", &key);
        continue;
      }
      const Field value{entry.value.get(), keyPath, &node};
      // Kubernetes allows an empty value; it has to be quoted to be a string.
      if (value.node != nullptr && value.node->kind == Kind::kScalar && value.node->quoted && value.node->text.empty()) {
        labels.emplace(key.text, "");
      } else if (isAbsent(value.node)) {
        report(value.path, fmt::format("must be {}", kLabelValueFormat.description), value.node, "null");
      } else if (auto text = string(value, kLabelValueFormat, true)) {
        labels.emplace(key.text, std::move(*text));
      }
    }
    return labels;
  }

  std::optional<NetworkPeerConfig> readPeer(const Field& field) {
    const auto peer = block(field, {"namespace", "podLabels", "cidrs"}, false);
    if (!peer) return std::nullopt;
    NetworkPeerConfig result;
    result.namespace_ = string(fieldOf(*peer, "namespace"), kNamespaceFormat, false);
    result.podLabels = readLabels(fieldOf(*peer, "podLabels"));
    const Field cidrsField = fieldOf(*peer, "cidrs");
    if (!missing(cidrsField, false) && !refusedTag(cidrsField)) {
      const DocumentNode& list = *cidrsField.node;
      if (list.kind != Kind::kSequence || list.items.empty()) {
        report(cidrsField.path, "must be a list of IPv4 networks such as [10.0.0.0/8]", &list, describeValue(list));
      } else {
        std::vector<std::string> cidrs;
        for (std::size_t i = 0; i < list.items.size(); ++i) {
          const Field item{list.items[i].get(), fmt::format("{}[{}]", cidrsField.path, i), &list};
          if (isAbsent(item.node)) {
            report(item.path, fmt::format("must be {}", kNetworkFormat.description), item.node, "null");
          } else if (auto cidr = string(item, kNetworkFormat, true)) {
            cidrs.push_back(std::move(*cidr));
          }
        }
        result.cidrs = std::move(cidrs);
      }
    }
    const bool pods = !isAbsent(fieldOf(*peer, "namespace").node) || !isAbsent(fieldOf(*peer, "podLabels").node);
    if (pods && !isAbsent(cidrsField.node)) {
      report(cidrsField.path, "cannot be given with namespace or podLabels: a peer is pods or networks", cidrsField.node);
    } else if (!pods && isAbsent(cidrsField.node)) {
      report(field.path, "must name a namespace, podLabels or cidrs", &peer->node(), describeValue(peer->node()));
    }
    return result;
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

  // The node at a path of known keys, for pointing at it; null when absent.
  static const DocumentNode* nodeAt(const Block& top, std::initializer_list<std::string_view> keys) {
    const DocumentNode* node = &top.node();
    for (std::string_view key : keys) {
      if (node == nullptr || node->kind != Kind::kMapping) return nullptr;
      node = Block(*node, "").find(key);
    }
    return node;
  }

  void checkRelations(const Block& top, const MailuChartConfig& config) {
    const auto& components = config.components;
    if (components && components->postfix == false) {
      report("components.postfix",
             "cannot be false: dovecot-submission, webmail and the ingress all hand mail to Postfix",
             nodeAt(top, {"components", "postfix"}), "false");
    }
    const bool traefikEnabled = config.ingress && config.ingress->enabled.value_or(false) &&
                                config.ingress->type == IngressType::kTraefik;
    if (traefikEnabled && components && components->front == false) {
      report("components.front", "cannot be false while the Traefik ingress is enabled: it routes every client to front",
             nodeAt(top, {"components", "front"}), "false");
    }
    if (components && components->fetchmail == true && components->front == false) {
      report("components.fetchmail",
             "cannot be true while components.front is false: fetchmail hands what it fetches to front "
             "(FRONT_ADDRESS, SMTP 25 and LMTP 2525)",
             nodeAt(top, {"components", "fetchmail"}), "true");
    }
    const auto& policies = config.networkPolicies;
    if (policies && policies->database && config.database.type != DatabaseType::kPostgresql) {
      report("networkPolicies.database", "has no effect unless database.type is postgresql (SQLite is a file in admin's claim)",
             nodeAt(top, {"networkPolicies", "database"}));
    }
    if (policies && !policies->egress.value_or(false)) {
      for (const char* key : {"dns", "database", "redis"}) {
        const DocumentNode* node = nodeAt(top, {"networkPolicies", key});
        if (isAbsent(node)) continue;
        report(fmt::format("networkPolicies.{}", key),
               "has no effect unless networkPolicies.egress is true (it names an egress peer)", node);
      }
    }
    const bool accountDisabled =
        config.mailu && config.mailu->initialAccount && config.mailu->initialAccount->enabled == false;
    if (accountDisabled && config.secrets.initialAdminPassword) {
      report("mailu.initialAccount.enabled",
             "cannot be false while secrets.initialAdminPassword is set: the account would be created anyway "
             "(leave out secrets.initialAdminPassword to skip it)",
             nodeAt(top, {"mailu", "initialAccount", "enabled"}), "false");
    }
  }

  std::vector<ConfigProblem>& problems_;
  std::size_t listed_ = 0;
  std::size_t omitted_ = 0;
};

}  // namespace

MailuChartConfig readConfig(const DocumentNode& root, std::vector<ConfigProblem>& problems) {
  return ConfigReader(problems).read(root);
}

}  // namespace validation
}  // namespace mailu
