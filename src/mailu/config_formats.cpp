#include "mailu/config_formats.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "mailu/resource_parser.hpp"

namespace mailu {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || isDigit(c); }
bool isAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool allDigits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), isDigit); }

// \d+(?:\.\d+)?
bool isDecimal(std::string_view s) {
  const std::size_t dot = s.find('.');
  if (dot == std::string_view::npos) return allDigits(s);
  return allDigits(s.substr(0, dot)) && allDigits(s.substr(dot + 1));
}

template <class Fn>
bool everyPart(std::string_view s, char separator, Fn fn) {
  std::size_t start = 0;
  while (true) {
    const std::size_t end = s.find(separator, start);
    if (!fn(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start))) return false;
    if (end == std::string_view::npos) return true;
    start = end + 1;
  }
}

}  // namespace

bool isDomainName(std::string_view s) {
  const std::size_t lastDot = s.rfind('.');
  if (lastDot == std::string_view::npos) return false;
  const std::string_view tld = s.substr(lastDot + 1);
  if (tld.size() < 2 || !std::all_of(tld.begin(), tld.end(), isAsciiLetter)) return false;
  return everyPart(s.substr(0, lastDot), '.', [](std::string_view label) {
    auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 && c >= 0; };
    if (label.empty() || label.size() > 63 || !alnum(label.front()) || !alnum(label.back())) return false;
    return std::all_of(label.begin(), label.end(), [&](char c) { return alnum(c) || c == '-'; });
  });
}

bool isIpv4Cidr(std::string_view s) {
  const std::size_t slash = s.find('/');
  if (slash == std::string_view::npos) return false;
  const std::string_view prefix = s.substr(slash + 1);
  const bool prefixOk = allDigits(prefix) && prefix.size() <= 2 && !(prefix.size() == 2 && prefix[0] == '0') &&
                        std::stoi(std::string(prefix)) <= 32;
  if (!prefixOk) return false;
  const std::string_view address = s.substr(0, slash);
  if (std::count(address.begin(), address.end(), '.') != 3) return false;
  return everyPart(address, '.', [](std::string_view octet) {
    return allDigits(octet) && octet.size() <= 3 && std::stoi(std::string(octet)) <= 255;
  });
}

bool isSize(std::string_view s) {
  if (s.size() < 3) return false;
  const std::string_view unit = s.substr(s.size() - 2);
  const bool unitOk = unit == "Ki" || unit == "Mi" || unit == "Gi" || unit == "Ti" || unit == "Pi" || unit == "Ei";
  return unitOk && isDecimal(s.substr(0, s.size() - 2));
}

bool isCpu(std::string_view s) {
  if (!s.empty() && s.back() == 'm') return allDigits(s.substr(0, s.size() - 1));
  return isDecimal(s);
}

bool isWholeMebibytes(std::string_view size) {
  if (!isSize(size)) return false;
  const double mebibytes = parseSize(size).toMebibytes(cdk8s::SizeRounding::kNone);
  return std::isfinite(mebibytes) && mebibytes == std::floor(mebibytes) && mebibytes >= 1;
}

bool isDns1123Label(std::string_view s) {
  if (s.empty() || s.size() > 63 || !isLowerAlnum(s.front()) || !isLowerAlnum(s.back())) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return isLowerAlnum(c) || c == '-'; });
}

bool isDns1123Subdomain(std::string_view s) {
  return !s.empty() && s.size() <= 253 && everyPart(s, '.', isDns1123Label);
}

bool isSecretKey(std::string_view s) {
  return !s.empty() && s.size() <= 253 && std::all_of(s.begin(), s.end(), [](char c) {
    return isAsciiLetter(c) || isDigit(c) || c == '-' || c == '.' || c == '_';
  });
}

}  // namespace mailu
