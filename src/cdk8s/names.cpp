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
// What std::tolower does in the "C" locale, without a call per byte.
char asciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool isDnsName(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), isLowerAlnumOrDash);
}

// ^(([0-9a-zA-Z][0-9a-zA-Z-_.]*)?[0-9a-zA-Z])?$
bool isLabelValue(std::string_view s) {
  if (s.empty()) return true;
  return isAlnum(s.front()) && isAlnum(s.back()) && std::all_of(s.begin(), s.end(), isLabelChar);
}

// Calls visit(piece) for each piece of `s` between `delim`s, as JavaScript's
// split does; an empty delimiter yields single characters (names are ASCII by
// the time they are split, so bytes are characters).
template <class Visit>
void forEachPiece(std::string_view s, std::string_view delim, Visit visit) {
  if (delim.empty()) {
    for (std::size_t i = 0; i < s.size(); ++i) visit(s.substr(i, 1));
    return;
  }
  std::size_t start = 0;
  while (true) {
    const std::size_t pos = s.find(delim, start);
    if (pos == std::string_view::npos) return visit(s.substr(start));
    visit(s.substr(start, pos - start));
    start = pos + delim.size();
  }
}

bool equalsIgnoringAsciiCase(std::string_view s, std::string_view lower) {
  return s.size() == lower.size() &&
         std::equal(s.begin(), s.end(), lower.begin(), [](char a, char b) { return asciiLower(a) == b; });
}

bool isDefaultChild(std::string_view part) {
  return equalsIgnoringAsciiCase(part, "resource") || equalsIgnoringAsciiCase(part, "default");
}

// Keeps the last components when the joined result is longer than maxLen,
// drops repeated neighbours, empty pieces and "resource"/"default" pieces
// (also those inside a component that contains the delimiter).
std::string toHumanForm(const std::vector<std::string>& components, std::string_view delim, std::size_t maxLen) {
  // Last component first, repeated neighbours once, cut to maxLen.
  std::size_t total = components.size();
  for (const std::string& component : components) total += component.size();
  std::string reversed;
  reversed.reserve(total);
  for (std::size_t i = components.size(); i-- > 0;) {
    if (i + 1 < components.size() && components[i] == components[i + 1]) continue;
    if (i + 1 < components.size()) reversed += '/';
    reversed += components[i];
  }
  if (reversed.size() > maxLen) reversed.resize(maxLen);

  // Back in path order, without empty components.
  std::vector<std::string_view> kept;
  kept.reserve(components.size());
  forEachPiece(reversed, "/", [&](std::string_view piece) {
    if (!piece.empty()) kept.push_back(piece);
  });
  std::string joined;
  joined.reserve(reversed.size() + kept.size() * delim.size());
  for (std::size_t i = kept.size(); i-- > 0;) {
    if (i + 1 < kept.size()) joined += delim;
    joined += kept[i];
  }

  std::string result;
  result.reserve(joined.size());
  bool any = false;
  forEachPiece(joined, delim, [&](std::string_view piece) {
    if (piece.empty() || isDefaultChild(piece)) return;
    if (any) result += delim;
    result += piece;
    any = true;
  });
  return result;
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
      out += asciiLower(s[i]);
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
  const std::string& path = scope.path();
  std::vector<std::string> components;
  // The path's pieces, the extra ones, and room for the hash the callers append.
  components.reserve(static_cast<std::size_t>(std::count(path.begin(), path.end(), '/')) + 2 + options.extra.size());
  forEachPiece(path, "/", [&](std::string_view piece) { components.emplace_back(piece); });
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
  return toHumanForm(components, options.delimiter, options.maxLen);
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
  std::string result = toHumanForm(components, options.delimiter, options.maxLen);
  // Cutting may leave "-", "_" or "." in front.
  const auto first = std::find_if(result.begin(), result.end(), isAlnum);
  result.erase(result.begin(), first);
  return result;
}

}  // namespace cdk8s
