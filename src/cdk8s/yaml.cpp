// cdk8s writes manifests with the npm `yaml` library (2.x; YAML 1.1 schema,
// lineWidth 0). Users diff and commit that output, so ours has to match it
// byte for byte. Generic emitters such as yaml-cpp's make other choices
// (quoting, indentation of nested sequences, block scalar headers, number
// text), hence a writer of our own that follows the JavaScript library's
// decisions rule by rule, for the values a JSON document can hold.
#include "cdk8s/yaml.hpp"

#include "cdk8s/js_number.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace cdk8s {
namespace {

using std::string_view;

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isDigitOrUnderscore(char c) { return isDigit(c) || c == '_'; }
bool isBlank(char c) { return c == ' ' || c == '\t'; }

// Byte at `i`, or NUL past the end: lets the ports of the library's
// index-based loops read ahead without bounds noise (JavaScript yields
// `undefined` there, which never equals a character either).
char at(string_view s, std::size_t i) { return i < s.size() ? s[i] : '\0'; }

void appendSpaces(std::string& out, std::size_t n) { out.append(n, ' '); }

// A line break and the next line's indentation in one append: the writer's
// most frequent output, worth sparing the per-character calls.
void appendNewline(std::string& out, std::size_t indent) {
  static constexpr std::string_view kBreak =
      "\n                                                                "
      "                                                                ";
  if (indent < kBreak.size()) {
    out.append(kBreak.data(), indent + 1);
  } else {
    out += '\n';
    appendSpaces(out, indent);
  }
}

// String#length counts UTF-16 code units; the library's length limits are
// in those units.
std::size_t jsLength(string_view s) {
  std::size_t n = 0;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    n += (c & 0xC0) != 0x80;
    n += c >= 0xF0;  // outside the BMP: a surrogate pair
  }
  return n;
}

// ---------------------------------------------------------------------------
// What a scan of the string tells the style decisions.

// Bytes that need a closer look; anything else can be copied as is. Blanks
// are not among them: the patterns they take part in are found from the
// '\n', ':' or '#' beside them, so the plain text of config files (spaces
// and letters) goes past in whole words.
constexpr std::array<bool, 256> kNotable = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = c != '\t';
  for (const unsigned char c : {'"', '\'', ':', '#'}) t[c] = true;
  t[0x7F] = true;
  t[0xC2] = true;  // lead byte of U+0080..U+00BF (C1 controls)
  t[0xE2] = true;  // lead byte of U+2028 / U+2029 (line separators)
  t[0xED] = true;  // lead byte of encoded surrogates
  return t;
}();

// Whether any of the 8 bytes in `word` may be notable: a control, '"', '\'',
// ':', '#', or a byte from 0x7F up. Each test answers "is there any such
// byte" exactly (the borrow tricks may only misplace which one).
bool mayHoldNotable(std::uint64_t word) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  const auto hasZeroByte = [](std::uint64_t w) { return (w - kOnes) & ~w & kHigh; };
  const auto hasByte = [&](unsigned char b) { return hasZeroByte(word ^ (kOnes * b)); };
  const std::uint64_t control = (word - kOnes * 0x20) & ~word & kHigh;
  const std::uint64_t from7F = ((word + kOnes) | word) & kHigh;
  return (control | from7F | hasByte('"') | hasByte('\'') | hasByte(':') | hasByte('#')) != 0;
}

struct Facts {
  bool forceDouble = false;  // C0/C1 controls, DEL, lone surrogates
  bool newline = false;
  bool doubleQuote = false;
  bool singleQuote = false;
  bool lineSeparator = false;     // U+2028 or U+2029: a line start for /^.../m
  bool awkwardPair = false;       // /[\n:][ \t]|[ \t]\n|[\n\t ]#/
  bool blankNearNewline = false;  // /[ \t]\n|\n[ \t]/
};

void noteByte(string_view s, std::size_t i, Facts& f) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (!kNotable[c]) return;
  const char next = at(s, i + 1);
  switch (c) {
    case '\n':
      f.newline = true;
      if (isBlank(next) || (i > 0 && isBlank(s[i - 1]))) f.awkwardPair = f.blankNearNewline = true;
      break;
    case '#':
      if (i > 0 && (s[i - 1] == '\n' || isBlank(s[i - 1]))) f.awkwardPair = true;
      break;
    case ':':
      if (isBlank(next)) f.awkwardPair = true;
      break;
    case '"':
      f.doubleQuote = true;
      break;
    case '\'':
      f.singleQuote = true;
      break;
    case 0xC2:
      if (static_cast<unsigned char>(next) >= 0x80 && static_cast<unsigned char>(next) <= 0x9F) {
        f.forceDouble = true;
      }
      break;
    case 0xE2:
      if (next == '\x80' && (at(s, i + 2) == '\xA8' || at(s, i + 2) == '\xA9')) f.lineSeparator = true;
      break;
    case 0xED:
      // UTF-8 never encodes surrogates; if one slipped in (CESU-8 or a
      // JavaScript lone surrogate), treat it as the library would.
      if (static_cast<unsigned char>(next) >= 0xA0) f.forceDouble = true;
      break;
    default:  // other C0 controls and DEL
      f.forceDouble = true;
  }
}

Facts scan(string_view s) {
  Facts f;
  const std::size_t n = s.size();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, s.data() + i, sizeof word);
    if (!mayHoldNotable(word)) continue;
    for (std::size_t k = i; k < i + 8; ++k) noteByte(s, k, f);
  }
  for (; i < n; ++i) noteByte(s, i, f);
  return f;
}

// /^(%|---|\.\.\.)/m, where JavaScript's /m starts lines after \n, \r,
// U+2028 and U+2029. A parser would take such a line for a document marker
// or directive.
bool containsDocumentMarker(string_view s) {
  auto markerAt = [s](std::size_t i) {
    const string_view rest = s.substr(i);
    return rest.starts_with('%') || rest.starts_with("---") || rest.starts_with("...");
  };
  if (markerAt(0)) return true;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' || s[i] == '\r') {
      if (markerAt(i + 1)) return true;
    } else if (s[i] == '\xE2' && at(s, i + 1) == '\x80' && (at(s, i + 2) == '\xA8' || at(s, i + 2) == '\xA9')) {
      if (markerAt(i + 3)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------
// Numbers, printed as JavaScript's Number#toString prints them.

void appendJsDouble(std::string& out, double value) {
  if (std::isnan(value)) {
    out += ".nan";
    return;
  }
  if (std::isinf(value)) {
    out += value < 0 ? "-.inf" : ".inf";
    return;
  }
  if (value == 0) {
    out += std::signbit(value) ? "-0" : "0";  // the library keeps the sign of -0
    return;
  }
  appendJsNumber(out, value);
}

template <class Int>
void appendInteger(std::string& out, Int value) {
  // JavaScript numbers are doubles: integers beyond 2^53 print rounded.
  constexpr Int kExact = Int{1} << 53;
  bool exact = value <= kExact;
  if constexpr (std::is_signed_v<Int>) exact = exact && value >= -kExact;
  if (!exact) {
    appendJsDouble(out, static_cast<double>(value));
    return;
  }
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, res.ptr);
}

// ---------------------------------------------------------------------------
// Strings. The ports below keep the library's order of decisions, since the
// first rule that applies picks the style.

struct StringWriter {
  std::string& out;
  string_view value;
  const Facts& facts;
  std::size_t indent;  // the library's ctx.indent, in spaces
  bool implicitKey;

  void write() {
    if (value == "<<") {
      // The yaml-1.1 schema's merge tag claims this string and writes it bare.
      out += value;
      return;
    }
    if (facts.forceDouble) return doubleQuoted();
    plain();
  }

  // Flow styles fall back on this indentation at the top level when the
  // text holds a document marker, so the marker doesn't start a line.
  std::size_t fallbackIndent() const { return indent != 0 ? indent : containsDocumentMarker(value) ? 2 : 0; }

  bool cannotBePlain() const {
    const char first = value[0];
    switch (first) {
      case '\n': case '\t': case ' ': case ',': case '[': case ']': case '{': case '}': case '#': case '&':
      case '*': case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
        return true;
      case '?':
      case '-':
        if (value.size() == 1 || isBlank(value[1])) return true;
        break;
      default:
        break;
    }
    if (facts.awkwardPair) return true;
    const char last = value.back();
    return last == '\n' || last == '\t' || last == ' ' || last == ':';
  }

  void plain() {
    if (implicitKey && facts.newline) return quoted();
    if (!value.empty() && cannotBePlain()) {
      if (implicitKey || !facts.newline) return quoted();
      return block(false);
    }
    if (!implicitKey && facts.newline) return block(false);
    // No \n or \r is left here, so a marker can only start the string or
    // follow a Unicode line separator.
    const char first = value.empty() ? '\0' : value[0];
    const bool mayHaveMarker = first == '%' || first == '-' || first == '.' || facts.lineSeparator;
    if (mayHaveMarker && containsDocumentMarker(value)) {
      if (indent == 0) return block(true);
      // Keys of the top-level mapping start their line at column 0.
      if (implicitKey && indent == 2) return quoted();
    }
    if (readsAsNonString(value)) return quoted();
    out += value;
  }

  void quoted() {
    if (facts.doubleQuote && !facts.singleQuote) return singleQuoted();
    doubleQuoted();
  }

  void singleQuoted() {
    if ((implicitKey && facts.newline) || facts.blankNearNewline) return doubleQuoted();
    const std::size_t ind = fallbackIndent();
    out += '\'';
    const std::size_t n = value.size();
    for (std::size_t i = 0; i < n; ++i) {
      const char c = value[i];
      if (c == '\'') {
        out += "''";
      } else if (c == '\n') {
        // A run of n line breaks reads back as n-1 newlines: add one.
        while (i < n && value[i] == '\n') {
          out += '\n';
          ++i;
        }
        --i;
        out += '\n';
        appendSpaces(out, ind);
      } else {
        out += c;
      }
    }
    out += '\'';
  }

  static void appendJsonStringified(std::string& json, string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    json.reserve(s.size() + 8);
    json += '"';
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      switch (c) {
        case '"': json += "\\\""; break;
        case '\\': json += "\\\\"; break;
        case '\b': json += "\\b"; break;
        case '\f': json += "\\f"; break;
        case '\n': json += "\\n"; break;
        case '\r': json += "\\r"; break;
        case '\t': json += "\\t"; break;
        default:
          if (c < 0x20) {
            json += "\\u00";
            json += kHex[c >> 4];
            json += kHex[c & 0xF];
          } else if (c == 0xED && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0xA0) {
            // A surrogate on its own: JSON.stringify escapes it.
            const unsigned code = 0xD000u | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                                  (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
            json += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4) json += kHex[(code >> shift) & 0xF];
            i += 2;
          } else {
            json += static_cast<char>(c);
          }
      }
    }
    json += '"';
  }

  // JSON.stringify's text turned into YAML double-quoted style. Outside keys,
  // JSON text of 40 or more units breaks lines at its \n escapes (an escape
  // becomes a blank line, which folding reads back as one newline), even
  // though lineWidth 0 turns actual folding off.
  void doubleQuoted() {
    // Most quoted strings ("true", "8080") need no escape: JSON.stringify
    // only wraps them, and the rewriting below has nothing to do.
    if (std::none_of(value.begin(), value.end(), [](char ch) {
          const auto c = static_cast<unsigned char>(ch);
          return c < 0x20 || c == '"' || c == '\\' || c == 0xED;
        })) {
      out += '"';
      out += value;
      out += '"';
      return;
    }
    std::string jsonBuf;
    appendJsonStringified(jsonBuf, value);
    const string_view json = jsonBuf;
    const bool breakLines = !implicitKey && jsLength(json) >= 40;
    const std::size_t ind = fallbackIndent();
    std::size_t start = 0;
    for (std::size_t i = 0; i < json.size(); ++i) {
      char ch = json[i];
      if (ch == ' ' && at(json, i + 1) == '\\' && at(json, i + 2) == 'n') {
        // A space before a line break would be trimmed by folding.
        out.append(json.substr(start, i - start));
        out += "\\ ";
        i += 1;
        start = i;
        ch = '\\';
      }
      if (ch != '\\') continue;
      switch (at(json, i + 1)) {
        case 'u': {
          out.append(json.substr(start, i - start));
          const string_view code = json.substr(i + 2, 4);
          if (code == "0000") {
            out += "\\0";
          } else if (code == "0007") {
            out += "\\a";
          } else if (code == "000b") {
            out += "\\v";
          } else if (code == "001b") {
            out += "\\e";
          } else if (code.starts_with("00")) {
            out += "\\x";
            out += code.substr(2);
          } else {
            out += json.substr(i, 6);
          }
          i += 5;
          start = i + 1;
          break;
        }
        case 'n':
          if (!breakLines || at(json, i + 2) == '"') {
            i += 1;
          } else {
            out.append(json.substr(start, i - start));
            out += "\n\n";
            while (at(json, i + 2) == '\\' && at(json, i + 3) == 'n' && at(json, i + 4) != '"') {
              out += '\n';
              i += 2;
            }
            appendSpaces(out, ind);
            // A space opening the next line would be trimmed by folding.
            if (at(json, i + 2) == ' ') out += '\\';
            i += 1;
            start = i + 1;
          }
          break;
        default:
          i += 1;
      }
    }
    out.append(json.substr(start));
  }

  // Appends `text`, putting `ind` spaces after each run of line breaks;
  // with `exceptFinal`, not after a run that ends the text.
  void appendIndentingRuns(string_view text, std::size_t ind, bool exceptFinal) {
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
      const std::size_t nl = text.find('\n', i);
      if (nl == string_view::npos) {
        out.append(text.substr(i));
        return;
      }
      std::size_t end = nl;
      while (end < n && text[end] == '\n') ++end;
      out.append(text.substr(i, end - i));
      if (!(exceptFinal && end == n)) appendSpaces(out, ind);
      i = end;
    }
  }

  // Literal block scalar (`|`): lineWidth 0 never picks the folded style.
  void block(bool forceIndent) {
    // Trailing blanks after the last line break can't be kept by a block.
    {
      std::size_t j = value.size();
      while (j > 0 && isBlank(value[j - 1])) --j;
      if (j < value.size() && j > 0 && value[j - 1] == '\n') return quoted();
    }
    const std::size_t ind = indent != 0 ? indent : (forceIndent || containsDocumentMarker(value)) ? 2 : 0;

    // Chomping indicator from the trailing whitespace.
    std::size_t endStart = value.size();
    while (endStart > 0 && (value[endStart - 1] == '\n' || isBlank(value[endStart - 1]))) --endStart;
    string_view end = value.substr(endStart);
    const std::size_t endNl = end.find('\n');
    char chomp = '\0';
    if (endNl == string_view::npos) {
      chomp = '-';
    } else if (endStart == 0 || endNl != end.size() - 1) {
      chomp = '+';
    }
    string_view body = value.substr(0, endStart);
    if (!end.empty() && end.back() == '\n') end.remove_suffix(1);

    // Leading blank lines move to `start`; a space among them or on the first
    // text line calls for an explicit indentation indicator.
    bool startsWithSpace = false;
    std::size_t startLen = 0;
    for (std::size_t i = 0; i < body.size(); ++i) {
      if (body[i] == ' ') {
        startsWithSpace = true;
      } else if (body[i] == '\n') {
        startLen = i + 1;
      } else {
        break;
      }
    }
    const string_view start = body.substr(0, startLen);
    body.remove_prefix(startLen);

    out += '|';
    if (startsWithSpace) out += ind != 0 ? '2' : '1';
    if (chomp != '\0') out += chomp;
    out += '\n';
    appendSpaces(out, ind);
    appendIndentingRuns(start, ind, false);
    appendIndentingRuns(body, ind, false);
    appendIndentingRuns(end, ind, true);
  }
};

// Letters, digits, '-', '_', '.' and '/': what most keys and names are made of.
constexpr std::array<bool, 256> kWordByte = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[static_cast<std::size_t>(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                     c == '-' || c == '_' || c == '.' || c == '/';
  }
  return t;
}();

// A word that starts with a letter needs no quotes, no block and no
// indentation: none of the style rules above applies to its bytes. Only the
// word as a whole may read as something else (yes, off, null), which
// readsAsNonString decides as it does for every plain string.
bool isPlainWord(string_view s) {
  if (s.empty()) return false;
  const char first = s[0];
  if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return kWordByte[static_cast<unsigned char>(c)]; });
}

void appendString(std::string& out, string_view value, std::size_t indent, bool implicitKey) {
  if (isPlainWord(value) && !readsAsNonString(value)) {
    out += value;
    return;
  }
  const Facts facts = scan(value);
  StringWriter{out, value, facts, indent, implicitKey}.write();
}

// ---------------------------------------------------------------------------
// Collections.

// A canonical array index ("0".."4294967294", no leading zeros): JavaScript
// lists these keys first, in numeric order, in every object.
bool arrayIndex(string_view key, std::uint32_t& index) {
  if (key.empty() || key.size() > 10 || !isDigit(key[0]) || (key[0] == '0' && key.size() > 1)) return false;
  std::uint64_t n = 0;
  for (const char c : key) {
    if (!isDigit(c)) return false;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (n >= 0xFFFFFFFFull) return false;
  index = static_cast<std::uint32_t>(n);
  return true;
}

// Works for ordered_json and json alike; `indent` is the library's
// ctx.indent for the node being written.
template <class J>
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void node(const J& v, std::size_t indent) {
    switch (v.type()) {
      case J::value_t::object:
        if (v.empty()) {
          out_ += "{}";
        } else {
          object(v, indent);
        }
        return;
      case J::value_t::array:
        if (v.empty()) {
          out_ += "[]";
        } else {
          array(v, indent);
        }
        return;
      case J::value_t::string:
        appendString(out_, v.template get_ref<const typename J::string_t&>(), indent, false);
        return;
      case J::value_t::boolean:
        out_ += v.template get<bool>() ? "true" : "false";
        return;
      case J::value_t::number_integer:
        appendInteger(out_, v.template get<std::int64_t>());
        return;
      case J::value_t::number_unsigned:
        appendInteger(out_, v.template get<std::uint64_t>());
        return;
      case J::value_t::number_float:
        appendJsDouble(out_, v.template get<double>());
        return;
      case J::value_t::null:
      case J::value_t::binary:
      case J::value_t::discarded:
        out_ += "null";
        return;
    }
  }

 private:
  void separate(bool& first, std::size_t indent) {
    if (!first) appendNewline(out_, indent);
    first = false;
  }

  void array(const J& v, std::size_t indent) {
    bool first = true;
    for (const J& item : v) {
      separate(first, indent);
      out_ += "- ";
      node(item, indent + 2);
    }
  }

  void object(const J& v, std::size_t indent) {
    std::uint32_t index = 0;
    bool anyIndex = false;
    for (auto it = v.begin(); it != v.end() && !anyIndex; ++it) anyIndex = arrayIndex(it.key(), index);
    bool first = true;
    if (!anyIndex) {
      for (auto it = v.begin(); it != v.end(); ++it) {
        separate(first, indent);
        pair(it.key(), it.value(), indent);
      }
      return;
    }
    std::vector<std::pair<std::uint32_t, typename J::const_iterator>> indexed;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (arrayIndex(it.key(), index)) indexed.emplace_back(index, it);
    }
    std::sort(indexed.begin(), indexed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& entry : indexed) {
      separate(first, indent);
      pair(entry.second.key(), entry.second.value(), indent);
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (arrayIndex(it.key(), index)) continue;
      separate(first, indent);
      pair(it.key(), it.value(), indent);
    }
  }

  void pair(string_view key, const J& value, std::size_t indent) {
    const std::size_t keyStart = out_.size();
    appendString(out_, key, indent + 2, true);
    // Implicit keys are limited to 1024 characters; longer ones become
    // explicit (`? key` then `: value`).
    const std::size_t keyBytes = out_.size() - keyStart;
    if (keyBytes > 1024 && jsLength(string_view(out_).substr(keyStart)) > 1024) {
      out_.insert(keyStart, "? ");
      appendNewline(out_, indent);
      out_ += ": ";
      node(value, indent + 2);
      return;
    }
    if ((value.is_object() || value.is_array()) && !value.empty()) {
      out_ += ':';
      appendNewline(out_, indent + 2);
    } else {
      out_ += ": ";
    }
    node(value, indent + 2);
  }

  std::string& out_;
};

template <class J>
void appendDocument(std::string& out, const J& doc) {
  Writer<J>(out).node(doc, 0);
  out += '\n';
}

template <class J>
std::string stringifyAll(const std::vector<J>& docs) {
  // Reserving from the first documents' average size spares the copies of
  // repeated growth, a large share of the time for big document sets.
  constexpr std::size_t kSample = 8;
  std::string out;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (i == kSample && docs.size() > 2 * kSample) out.reserve(out.size() / kSample * docs.size() / 8 * 9);
    if (i > 0) out += "---\n";
    appendDocument(out, docs[i]);
  }
  return out;
}

}  // namespace

void Yaml::append(std::string& out, const Json& doc) { appendDocument(out, doc); }

std::string Yaml::stringify(const Json& doc) {
  std::string out;
  appendDocument(out, doc);
  return out;
}

std::string Yaml::stringify(const std::vector<Json>& docs) { return stringifyAll(docs); }

std::string Yaml::stringify(const std::vector<nlohmann::json>& docs) { return stringifyAll(docs); }

}  // namespace cdk8s
