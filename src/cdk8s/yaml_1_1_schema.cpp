// The YAML 1.1 schema's implicit types, as far as writing strings needs them:
// the counterpart of the `test` patterns of the default tags that the npm
// `yaml` library (2.x) lists in src/schema/yaml-1.1/schema.ts: nullTag
// (common/null.ts), trueTag and falseTag (bool.ts), intBin, intOct, int and
// intHex (int.ts), floatNaN, floatExp and float (float.ts), intTime,
// floatTime and timestamp (timestamp.ts), and merge's `<<` (merge.ts).
// plainString (stringifyString.ts) quotes a string that any of them claims;
// readsAsNonString is that check, kept apart from the string styles because
// it is the schema's knowledge, not the writer's.
#include "yaml_stringify.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

namespace cdk8s::yaml_stringify {
namespace {

using std::string_view;

bool isDigitOrUnderscore(char c) { return isDigit(c) || c == '_'; }

// YAML 1.1 implicit types. A plain scalar matching any of these would read
// back as something other than a string, so such strings get quoted. Each
// function mirrors the `test` regex of one default tag of the library's
// yaml-1.1 schema.

bool isNullOrBoolWord(string_view s) {
  static constexpr std::array<string_view, 27> kWords = {
      "~",     "null", "Null", "NULL", "Y",   "y",   "yes",  "Yes",  "YES",  "true", "True", "TRUE", "on",   "On",
      "ON",    "N",    "n",    "no",   "No",  "NO",  "false", "False", "FALSE", "off", "Off", "OFF", "<<"};
  return std::find(kWords.begin(), kWords.end(), s) != kWords.end();
}

std::size_t skipSign(string_view s) { return !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0; }

// int, intOct (a subset of int), intBin, intHex.
bool isInteger(string_view s) {
  const string_view r = s.substr(skipSign(s));
  auto allOf = [](string_view t, auto pred) { return !t.empty() && std::all_of(t.begin(), t.end(), pred); };
  if (r.size() > 2 && r[0] == '0' && r[1] == 'b') {
    return allOf(r.substr(2), [](char c) { return c == '0' || c == '1' || c == '_'; });
  }
  if (r.size() > 2 && r[0] == '0' && r[1] == 'x') {
    return allOf(r.substr(2), [](char c) {
      return isDigitOrUnderscore(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
  }
  return !r.empty() && isDigit(r[0]) && allOf(r, isDigitOrUnderscore);
}

// floatNaN: [-+]?\.(inf|Inf|INF) or .nan/.NaN/.NAN (unsigned).
bool isInfOrNan(string_view s) {
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
  const string_view r = s.substr(skipSign(s));
  return r == ".inf" || r == ".Inf" || r == ".INF";
}

// float  [-+]?([0-9][0-9_]*)?\.[0-9_]*
// floatExp  [-+]?([0-9][0-9_]*)?(\.[0-9_]*)?[eE][-+]?[0-9]+
bool isDecimalFloat(string_view s) {
  const std::size_t n = s.size();
  std::size_t i = skipSign(s);
  if (i < n && isDigit(s[i])) {
    while (i < n && isDigitOrUnderscore(s[i])) ++i;
  }
  bool dot = false;
  if (i < n && s[i] == '.') {
    dot = true;
    ++i;
    while (i < n && isDigitOrUnderscore(s[i])) ++i;
  }
  if (i == n) return dot;
  if (s[i] != 'e' && s[i] != 'E') return false;
  ++i;
  if (i < n && (s[i] == '-' || s[i] == '+')) ++i;
  const std::size_t digits = i;
  while (i < n && isDigit(s[i])) ++i;
  return i > digits && i == n;
}

// intTime  [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+
// floatTime  the same followed by \.[0-9_]*
bool isSexagesimal(string_view s) {
  const std::size_t n = s.size();
  std::size_t i = skipSign(s);
  if (i == n || !isDigit(s[i])) return false;
  while (i < n && isDigitOrUnderscore(s[i])) ++i;
  bool group = false;
  while (i < n && s[i] == ':') {
    const std::size_t start = ++i;
    while (i < n && isDigit(s[i])) ++i;
    const std::size_t len = i - start;
    if (len == 0 || len > 2 || (len == 2 && s[start] > '5')) return false;
    group = true;
  }
  if (!group) return false;
  if (i == n) return true;
  if (s[i] != '.') return false;
  ++i;
  while (i < n && isDigitOrUnderscore(s[i])) ++i;
  return i == n;
}

// [0-9]{4}-[0-9]{1,2}-[0-9]{1,2} optionally followed by
// (t|T|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?
// ([ \t]*(Z|[-+][012]?[0-9](:[0-9]{2})?))?
bool isTimestamp(string_view s) {
  const std::size_t n = s.size();
  std::size_t i = 0;
  auto digits = [&](std::size_t min, std::size_t max) {
    const std::size_t start = i;
    while (i < n && isDigit(s[i])) ++i;
    return i - start >= min && i - start <= max;
  };
  auto take = [&](char c) {
    if (i < n && s[i] == c) {
      ++i;
      return true;
    }
    return false;
  };
  if (!(digits(4, 4) && take('-') && digits(1, 2) && take('-') && digits(1, 2))) return false;
  if (i == n) return true;
  if (!take('t') && !take('T')) {
    if (!isBlank(s[i])) return false;
    while (i < n && isBlank(s[i])) ++i;
  }
  if (!(digits(1, 2) && take(':') && digits(1, 2) && take(':') && digits(1, 2))) return false;
  if (take('.') && !digits(1, std::string::npos)) return false;
  if (i == n) return true;
  while (i < n && isBlank(s[i])) ++i;  // only valid in front of a zone
  if (take('Z')) return i == n;
  if (!take('-') && !take('+')) return false;
  const std::size_t hour = i;
  if (!digits(1, 2) || (i - hour == 2 && s[hour] > '2')) return false;
  if (i == n) return true;
  return take(':') && digits(2, 2) && i == n;
}

}  // namespace

bool readsAsNonString(string_view s) {
  if (s.empty()) return true;  // null
  switch (s[0]) {
    case '~': case '<': case 'n': case 'N': case 'y': case 'Y': case 't': case 'T': case 'f': case 'F':
    case 'o': case 'O':
      return isNullOrBoolWord(s);
    case 'e': case 'E': case '-': case '+': case '.':
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
      return isInteger(s) || isInfOrNan(s) || isDecimalFloat(s) || isSexagesimal(s) || isTimestamp(s);
    default:
      return false;
  }
}

}  // namespace cdk8s::yaml_stringify
