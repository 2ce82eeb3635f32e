#include "cdk8s/names.hpp"

#include <algorithm>
#include <stdexcept>
#include <string_view>

#include "cdk8s/construct.hpp"

namespace cdk8s {
namespace {

constexpr std::size_t kHashLength = 8;

bool isLowerAlnumOrDash(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }
bool isAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool isLabelChar(char c) { return isAlnum(c) || c == '-' || c == '_' || c == '.'; }

bool isDnsName(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), isLowerAlnumOrDash);
}

// ^(([0-9a-zA-Z][0-9a-zA-Z-_.]*)?[0-9a-zA-Z])?$
bool isLabelValue(std::string_view s) {
  if (s.empty()) return true;
  return isAlnum(s.front()) && isAlnum(s.back()) && std::all_of(s.begin(), s.end(), isLabelChar);
}

std::vector<std::string> splitOn(std::string_view s, std::string_view delim) {
  std::vector<std::string> parts;
  if (delim.empty()) {
    // JavaScript's split("") yields single UTF-16 units; names only use
    // ASCII here, so bytes are equivalent.
    for (char c : s) parts.emplace_back(1, c);
    return parts;
  }
  std::size_t start = 0;
  while (true) {
    const std::size_t pos = s.find(delim, start);
    if (pos == std::string_view::npos) {
      parts.emplace_back(s.substr(start));
      return parts;
    }
    parts.emplace_back(s.substr(start, pos - start));
    start = pos + delim.size();
  }
}

std::string join(const std::vector<std::string>& parts, std::string_view delim) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += delim;
    out += parts[i];
  }
  return out;
}

bool isDefaultChild(std::string_view part) {
  std::string lower(part);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower == "resource" || lower == "default";
}

// Keeps the last components when the joined result is longer than maxLen,
// drops repeated neighbours, empty pieces and "resource"/"default" pieces.
std::string toHumanForm(std::vector<std::string> components, std::string_view delim, std::size_t maxLen) {
  std::reverse(components.begin(), components.end());
  std::vector<std::string> unique;
  for (std::size_t i = 0; i < components.size(); ++i) {
    if (i > 0 && components[i] == components[i - 1]) continue;
    unique.push_back(components[i]);
  }
  std::string joined = join(unique, "/");
  if (joined.size() > maxLen) joined.resize(maxLen);

  std::vector<std::string> kept = splitOn(joined, "/");
  std::reverse(kept.begin(), kept.end());
  kept.erase(std::remove_if(kept.begin(), kept.end(), [](const std::string& s) { return s.empty(); }), kept.end());

  std::vector<std::string> pieces;
  for (std::string& piece : splitOn(join(kept, delim), delim)) {
    if (!piece.empty() && !isDefaultChild(piece)) pieces.push_back(std::move(piece));
  }
  return join(pieces, delim);
}

// Lowercases as JavaScript's toLocaleLowerCase does for the only non-ASCII
// characters whose lowercase form contains ASCII letters that survive the
// filter: KELVIN SIGN (U+212A) -> "k" and LATIN CAPITAL I WITH DOT (U+0130)
// -> "i" + combining dot. Other non-ASCII bytes are dropped afterwards anyway.
std::string lowercaseForDns(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x84 &&
        static_cast<unsigned char>(s[i + 2]) == 0xAA) {
      out += 'k';
      i += 2;
    } else if (c == 0xC4 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xB0) {
      out += 'i';
      ++i;
    } else {
      out += static_cast<char>(std::tolower(c));
    }
  }
  return out;
}

std::string keepLabelChars(std::string_view s, std::size_t maxLen) {
  std::string out;
  for (char c : s) {
    if (isLabelChar(c)) out += c;
  }
  // substr(0, maxLen) counts UTF-16 units; only ASCII is left by now.
  if (out.size() > maxLen) out.resize(maxLen);
  return out;
}

std::vector<std::string> pathComponents(const Construct& scope, const NameOptions& options) {
  std::vector<std::string> components = splitOn(scope.path(), "/");
  components.insert(components.end(), options.extra.begin(), options.extra.end());
  return components;
}

}  // namespace

std::string Names::toDnsLabel(const Construct& scope, const NameOptions& options) {
  if (options.maxLen < kHashLength && options.includeHash) {
    throw std::invalid_argument("minimum max length for object names is 8 (required for hash)");
  }
  std::vector<std::string> components = pathComponents(scope, options);
  if (components.size() == 1 && isDnsName(components[0]) && components[0].size() <= options.maxLen) {
    return components[0];
  }
  for (std::string& c : components) c = keepLabelChars(lowercaseForDns(c), options.maxLen);
  if (options.includeHash) components.push_back(scope.addr().substr(0, kHashLength));
  return toHumanForm(std::move(components), options.delimiter, options.maxLen);
}

std::string Names::toLabelValue(const Construct& scope, const NameOptions& options) {
  if (options.maxLen < kHashLength && options.includeHash) {
    throw std::invalid_argument("minimum max length for label is 8 (required for hash)");
  }
  if (!std::all_of(options.delimiter.begin(), options.delimiter.end(), isLabelChar)) {
    throw std::invalid_argument("delim should not contain \"[^0-9a-zA-Z-_.]\"");
  }
  std::vector<std::string> components = pathComponents(scope, options);
  if (components.size() == 1 && isLabelValue(components[0]) && components[0].size() <= options.maxLen) {
    return components[0];
  }
  for (std::string& c : components) c = keepLabelChars(c, options.maxLen);
  if (options.includeHash) components.push_back(scope.addr().substr(0, kHashLength));
  std::string result = toHumanForm(std::move(components), options.delimiter, options.maxLen);
  // Cutting may leave "-", "_" or "." in front.
  const auto first = std::find_if(result.begin(), result.end(), isAlnum);
  result.erase(result.begin(), first);
  return result;
}

}  // namespace cdk8s
