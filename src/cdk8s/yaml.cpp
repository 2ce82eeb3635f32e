// A YAML writer that reproduces, byte for byte, what the npm `yaml` library
// (2.x) writes for cdk8s: YAML 1.1 schema, lineWidth 0, default options.
//
// Written by hand rather than with yaml-cpp's emitter because byte-identical
// output needs that library's exact choices: which strings stay plain, when
// single rather than double quotes are used, how block literals get their
// chomping and indentation indicators, how JavaScript orders object keys and
// prints numbers. yaml-cpp quotes, indents and formats numbers differently.
// Each rule below names the behaviour of the JavaScript library it mirrors.
#include "cdk8s/yaml.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <utility>

#include "cdk8s/js_number.hpp"

namespace cdk8s {
namespace {

constexpr std::string_view kIndentStep = "  ";
constexpr std::size_t kMaxImplicitKeyLength = 1024;
constexpr std::size_t kDoubleQuotedMinMultiLineLength = 40;

bool contains(std::string_view s, char c) { return s.find(c) != std::string_view::npos; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Length in UTF-16 code units, as JavaScript's String#length counts.
std::size_t jsLength(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
    if (c >= 0xF0) ++n;  // four-byte sequences are surrogate pairs
  }
  return n;
}

// C0 controls other than tab and newline, DEL, C1 controls: the library
// forces double quotes for these.
bool needsDoubleQuotes(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c <= 0x08 || (c >= 0x0B && c <= 0x1F) || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size()) {
      const auto next = static_cast<unsigned char>(s[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

// /^(%|---|\.\.\.)/m: a line that YAML 1.1 would read as a document marker.
// Lines start after \n, \r, U+2028 and U+2029, as for JavaScript's /m flag.
bool containsDocumentMarker(std::string_view s) {
  auto isMarkerAt = [&](std::size_t i) {
    const std::string_view line = s.substr(i);
    return line.starts_with('%') || line.starts_with("---") || line.starts_with("...");
  };
  if (isMarkerAt(0)) return true;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' || s[i] == '\r') {
      if (isMarkerAt(i + 1)) return true;
    } else if (s.compare(i, 3, "\xE2\x80\xA8") == 0 || s.compare(i, 3, "\xE2\x80\xA9") == 0) {
      if (isMarkerAt(i + 3)) return true;
    }
  }
  return false;
}

// --- YAML 1.1 scalars that a reader would not take for a string -----------

class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return i_ == s_.size(); }
  bool take(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool takeSign() { return take('-') || take('+'); }
  template <class Pred>
  std::size_t takeWhile(Pred pred) {
    const std::size_t start = i_;
    while (i_ < s_.size() && pred(s_[i_])) ++i_;
    return i_ - start;
  }
  std::size_t pos() const { return i_; }
  void reset(std::size_t pos) { i_ = pos; }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

bool isDigitOrUnderscore(char c) { return isDigit(c) || c == '_'; }

bool oneOf(std::string_view s, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), s) != words.end();
}

bool isNullOrBool(std::string_view s) {
  return oneOf(s, {"", "~", "null", "Null", "NULL", "Y", "y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On",
                   "ON", "N", "n", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", ".nan",
                   ".NaN", ".NAN", ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", "+.inf", "+.Inf", "+.INF"});
}

// int, intBin, intOct, intHex, float, floatExp, intTime, floatTime.
bool isNumberLike(std::string_view s) {
  Cursor c(s);
  c.takeSign();
  const std::size_t afterSign = c.pos();
  if (c.take('0')) {
    if (c.take('b')) return c.takeWhile([](char x) { return x == '0' || x == '1' || x == '_'; }) > 0 && c.done();
    if (c.take('x')) {
      return c.takeWhile([](char x) { return std::isxdigit(static_cast<unsigned char>(x)) || x == '_'; }) > 0 &&
             c.done();
    }
    c.reset(afterSign);
  }
  const std::size_t intDigits = c.takeWhile(isDigitOrUnderscore);
  if (intDigits > 0 && s[afterSign] == '_') {
    // [0-9][0-9_]*: the first must be a digit. Only '.'-floats may start otherwise.
    return false;
  }
  if (c.done()) return intDigits > 0;  // int (octal is a subset)
  const std::size_t afterInt = c.pos();

  // Sexagesimal: [0-9][0-9_]*(:[0-5]?[0-9])+ then optional .[0-9_]*
  if (intDigits > 0 && s[afterInt] == ':') {
    while (c.take(':')) {
      const std::size_t start = c.pos();
      const std::size_t n = c.takeWhile(isDigit);
      if (n == 0 || n > 2 || (n == 2 && s[start] > '5')) return false;
    }
    if (c.done()) return true;
    if (!c.take('.')) return false;
    c.takeWhile(isDigitOrUnderscore);
    return c.done();
  }

  bool dot = false;
  if (c.take('.')) {
    dot = true;
    c.takeWhile(isDigitOrUnderscore);
  }
  if (c.done()) return dot;  // float: [-+]?([0-9][0-9_]*)?\.[0-9_]*
  if (!(c.take('e') || c.take('E'))) return false;
  c.takeSign();
  return c.takeWhile(isDigit) > 0 && c.done();  // floatExp
}

bool isTimestamp(std::string_view s) {
  Cursor c(s);
  auto digits = [&](std::size_t min, std::size_t max) {
    const std::size_t n = c.takeWhile(isDigit);
    return n >= min && n <= max;
  };
  if (!(digits(4, 4) && c.take('-') && digits(1, 2) && c.take('-') && digits(1, 2))) return false;
  if (c.done()) return true;
  if (!(c.take('t') || c.take('T') || c.takeWhile([](char x) { return x == ' ' || x == '\t'; }) > 0)) return false;
  if (!(digits(1, 2) && c.take(':') && digits(1, 2) && c.take(':') && digits(1, 2))) return false;
  if (c.take('.') && c.takeWhile(isDigit) == 0) return false;
  c.takeWhile([](char x) { return x == ' ' || x == '\t'; });
  if (c.done()) return true;
  if (c.take('Z')) return c.done();
  if (!c.takeSign()) return false;
  const std::size_t hourStart = c.pos();
  const std::size_t hour = c.takeWhile(isDigit);
  if (hour == 0 || hour > 2 || (hour == 2 && s[hourStart] > '2')) return false;
  if (c.take(':') && c.takeWhile(isDigit) != 2) return false;
  return c.done();
}

// Whether a plain scalar with this text would be read as something else
// than a string under the YAML 1.1 schema.
bool resolvesToNonString(std::string_view s) {
  if (!s.empty()) {
    const char first = s.front();
    // "e3" is a float to YAML 1.1 (both mantissa parts are optional).
    const bool candidate = isDigit(first) || contains("-+.~YyNnTtFfOoEe", first);
    if (!candidate) return false;
  }
  return isNullOrBool(s) || isNumberLike(s) || isTimestamp(s);
}

// --- strings ---------------------------------------------------------------

struct StringContext {
  std::string_view indent;  // indentation of continuation lines
  bool implicitKey = false;
  bool forceBlockIndent = false;
};

void appendHex2(std::string& out, unsigned value) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += kHex[(value >> 4) & 0xF];
  out += kHex[value & 0xF];
}

// JSON.stringify of a string: quotes, \" \\ \b \f \n \r \t, \u00xx for the
// other C0 controls, everything else as it is.
std::string jsonQuote(std::string_view value) {
  std::string json;
  json.reserve(value.size() + 2);
  json += '"';
  for (char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        json += "\\\"";
        break;
      case '\\':
        json += "\\\\";
        break;
      case '\b':
        json += "\\b";
        break;
      case '\f':
        json += "\\f";
        break;
      case '\n':
        json += "\\n";
        break;
      case '\r':
        json += "\\r";
        break;
      case '\t':
        json += "\\t";
        break;
      default:
        if (c < 0x20) {
          json += "\\u00";
          appendHex2(json, c);
        } else {
          json += ch;
        }
    }
  }
  json += '"';
  return json;
}

void appendDoubleQuoted(std::string& out, std::string_view value, const StringContext& ctx) {
  const std::string json = jsonQuote(value);
  const std::string indent = !ctx.indent.empty() ? std::string(ctx.indent)
                                                 : (containsDocumentMarker(value) ? std::string(kIndentStep) : "");
  // Long strings are written over several lines, each newline escape
  // becoming a line break (folding reads an empty line as one newline).
  const bool multiLine = !ctx.implicitKey && jsLength(json) >= kDoubleQuotedMinMultiLineLength;
  std::size_t start = 0;
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] == ' ' && i + 2 < json.size() && json[i + 1] == '\\' && json[i + 2] == 'n') {
      // A space before a line break would be folded away: escape it.
      out.append(json, start, i - start);
      out += "\\ ";
      ++i;
      start = i;
    }
    if (json[i] != '\\') continue;
    const char escaped = json[i + 1];
    if (escaped == 'u') {
      out.append(json, start, i - start);
      const std::string_view code(json.data() + i + 2, 4);
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
        out.append(json, i, 6);
      }
      i += 5;
      start = i + 1;
    } else if (escaped == 'n' && multiLine && json[i + 2] != '"') {
      out.append(json, start, i - start);
      out += "\n\n";
      while (json[i + 2] == '\\' && json[i + 3] == 'n' && json[i + 4] != '"') {
        out += '\n';
        i += 2;
      }
      out += indent;
      if (json[i + 2] == ' ') out += '\\';
      ++i;
      start = i + 1;
    } else {
      ++i;
    }
  }
  out.append(json, start, std::string::npos);
}

void appendQuoted(std::string& out, std::string_view value, const StringContext& ctx);

void appendSingleQuoted(std::string& out, std::string_view value, const StringContext& ctx) {
  const bool spaceAroundNewline = [&] {
    for (std::size_t i = 0; i + 1 < value.size(); ++i) {
      const char a = value[i];
      const char b = value[i + 1];
      if (((a == ' ' || a == '\t') && b == '\n') || (a == '\n' && (b == ' ' || b == '\t'))) return true;
    }
    return false;
  }();
  if ((ctx.implicitKey && contains(value, '\n')) || spaceAroundNewline) {
    appendDoubleQuoted(out, value, ctx);
    return;
  }
  const std::string_view indent =
      !ctx.indent.empty() ? ctx.indent : (containsDocumentMarker(value) ? kIndentStep : std::string_view());
  out += '\'';
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\'') {
      out += "''";
    } else if (value[i] == '\n') {
      while (i < value.size() && value[i] == '\n') out += value[i++];
      --i;
      out += '\n';
      out += indent;
    } else {
      out += value[i];
    }
  }
  out += '\'';
}

void appendQuoted(std::string& out, std::string_view value, const StringContext& ctx) {
  const bool hasDouble = contains(value, '"');
  const bool hasSingle = contains(value, '\'');
  if (hasDouble && !hasSingle) {
    appendSingleQuoted(out, value, ctx);
  } else {
    appendDoubleQuoted(out, value, ctx);
  }
}

// Appends `text` with `indent` added after every run of newlines; runs at
// the very end get none when `exceptAtEnd`.
void appendIndentedAfterNewlines(std::string& out, std::string_view text, std::string_view indent,
                                 bool exceptAtEnd = false) {
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] != '\n') {
      out += text[i++];
      continue;
    }
    while (i < text.size() && text[i] == '\n') out += text[i++];
    if (!(exceptAtEnd && i == text.size())) out += indent;
  }
}

void appendBlockLiteral(std::string& out, std::string_view value, const StringContext& ctx) {
  // A block can't end in whitespace after its last line break.
  const std::size_t lastNewline = value.rfind('\n');
  if (lastNewline != std::string_view::npos && lastNewline + 1 < value.size() &&
      value.find_first_not_of(" \t", lastNewline + 1) == std::string_view::npos) {
    appendQuoted(out, value, ctx);
    return;
  }
  const std::string_view indent = !ctx.indent.empty()                                      ? ctx.indent
                                  : (ctx.forceBlockIndent || containsDocumentMarker(value)) ? kIndentStep
                                                                                            : std::string_view();
  if (value.empty()) {
    out += "|\n";
    return;
  }

  // Chomping from the trailing whitespace: strip (-), clip, or keep (+).
  std::size_t endStart = value.size();
  while (endStart > 0 && contains("\n\t ", value[endStart - 1])) --endStart;
  std::string_view end = value.substr(endStart);
  const std::size_t endNewline = end.find('\n');
  std::string_view chomp;
  if (endNewline == std::string_view::npos) {
    chomp = "-";
  } else if (value.size() == end.size() || endNewline != end.size() - 1) {
    chomp = "+";
  } else {
    chomp = "";
  }
  std::string_view body = value.substr(0, endStart);
  if (!end.empty() && end.back() == '\n') end.remove_suffix(1);

  // An indentation indicator when the text starts with a space.
  bool startsWithSpace = false;
  std::size_t startEnd = 0;
  std::size_t startNewline = std::string_view::npos;
  for (; startEnd < body.size(); ++startEnd) {
    if (body[startEnd] == ' ') {
      startsWithSpace = true;
    } else if (body[startEnd] == '\n') {
      startNewline = startEnd;
    } else {
      break;
    }
  }
  // Leading lines that are empty or only spaces move to `start`; spaces on the
  // first line with text stay with it.
  const std::size_t startLength = startNewline != std::string_view::npos ? startNewline + 1 : 0;
  const std::string_view start = body.substr(0, startLength);
  body.remove_prefix(startLength);

  out += '|';
  if (startsWithSpace) out += indent.empty() ? '1' : '2';
  out += chomp;
  out += '\n';
  out += indent;
  appendIndentedAfterNewlines(out, start, indent);
  appendIndentedAfterNewlines(out, body, indent);
  appendIndentedAfterNewlines(out, end, indent, /*exceptAtEnd=*/true);
}

// /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/
bool cannotBePlain(std::string_view s) {
  if (s.empty()) return false;
  if (contains("\n\t ,[]{}#&*!|>'\"%@`", s.front())) return true;
  if (s.front() == '?' || s.front() == '-') {
    if (s.size() == 1 || s[1] == ' ' || s[1] == '\t') return true;
  }
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const char a = s[i];
    const char b = s[i + 1];
    if ((a == '\n' || a == ':') && (b == ' ' || b == '\t')) return true;
    if ((a == ' ' || a == '\t') && b == '\n') return true;
    if ((a == '\n' || a == '\t' || a == ' ') && b == '#') return true;
  }
  return contains("\n\t :", s.back());
}

void appendString(std::string& out, std::string_view value, StringContext ctx) {
  if (needsDoubleQuotes(value)) {
    appendDoubleQuoted(out, value, ctx);
    return;
  }
  const bool multiLine = contains(value, '\n');
  if (ctx.implicitKey && multiLine) {
    appendQuoted(out, value, ctx);
    return;
  }
  if (cannotBePlain(value)) {
    if (ctx.implicitKey || !multiLine) {
      appendQuoted(out, value, ctx);
    } else {
      appendBlockLiteral(out, value, ctx);
    }
    return;
  }
  if (!ctx.implicitKey && multiLine) {
    appendBlockLiteral(out, value, ctx);
    return;
  }
  if (containsDocumentMarker(value)) {
    if (ctx.indent.empty()) {
      ctx.forceBlockIndent = true;
      appendBlockLiteral(out, value, ctx);
      return;
    }
    if (ctx.implicitKey && ctx.indent == kIndentStep) {
      appendQuoted(out, value, ctx);
      return;
    }
  }
  if (resolvesToNonString(value)) {
    appendQuoted(out, value, ctx);
    return;
  }
  out += value;
}

// --- collections -----------------------------------------------------------

// Canonical array index ("0", "17", not "007"), which JavaScript objects list first.
bool indexKey(std::string_view key, std::uint64_t& index) {
  if (key.empty() || key.size() > 10 || (key.size() > 1 && key[0] == '0')) return false;
  std::uint64_t n = 0;
  for (char c : key) {
    if (!isDigit(c)) return false;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (n >= 4294967295ULL) return false;
  index = n;
  return true;
}

void appendNode(std::string& out, const Json& node, const std::string& indent);

void appendNumber(std::string& out, const Json& node) {
  // JavaScript holds every number as a double: integers past 2^53 print rounded.
  constexpr std::uint64_t kMaxExactInteger = 1ULL << 53;
  if (node.is_number_unsigned()) {
    const auto value = node.get<std::uint64_t>();
    out += value <= kMaxExactInteger ? std::to_string(value) : formatJsNumber(static_cast<double>(value));
    return;
  }
  if (node.is_number_integer()) {
    const auto value = node.get<std::int64_t>();
    const bool exact = value >= -static_cast<std::int64_t>(kMaxExactInteger) &&
                       value <= static_cast<std::int64_t>(kMaxExactInteger);
    out += exact ? std::to_string(value) : formatJsNumber(static_cast<double>(value));
    return;
  }
  const double value = node.get<double>();
  if (std::isnan(value)) {
    out += ".nan";
  } else if (std::isinf(value)) {
    out += value < 0 ? "-.inf" : ".inf";
  } else if (value == 0 && std::signbit(value)) {
    out += "-0";
  } else {
    out += formatJsNumber(value);
  }
}

void appendPair(std::string& out, const std::string& key, const Json& value, const std::string& indent) {
  const std::string pairIndent = indent + std::string(kIndentStep);
  std::string keyText;
  appendString(keyText, key, {.indent = pairIndent, .implicitKey = true});
  const bool explicitKey = jsLength(keyText) > kMaxImplicitKeyLength;
  if (explicitKey) {
    out += "? ";
    out += keyText;
    out += '\n';
    out += indent;
    out += ": ";
  } else {
    out += keyText;
    out += ':';
    const bool nonEmptyCollection = (value.is_object() || value.is_array()) && !value.empty();
    if (nonEmptyCollection) {
      out += '\n';
      out += pairIndent;
    } else {
      out += ' ';
    }
  }
  appendNode(out, value, pairIndent);
}

void appendObject(std::string& out, const Json& object, const std::string& indent) {
  // Integer-like keys first, ascending, then the rest in insertion order.
  std::vector<std::pair<std::uint64_t, Json::const_iterator>> indexed;
  for (auto it = object.begin(); it != object.end(); ++it) {
    std::uint64_t index = 0;
    if (indexKey(it.key(), index)) indexed.emplace_back(index, it);
  }
  std::sort(indexed.begin(), indexed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  bool first = true;
  auto separate = [&] {
    if (!first) {
      out += '\n';
      out += indent;
    }
    first = false;
  };
  for (const auto& [index, it] : indexed) {
    separate();
    appendPair(out, it.key(), it.value(), indent);
  }
  for (auto it = object.begin(); it != object.end(); ++it) {
    std::uint64_t index = 0;
    if (!indexed.empty() && indexKey(it.key(), index)) continue;
    separate();
    appendPair(out, it.key(), it.value(), indent);
  }
}

void appendNode(std::string& out, const Json& node, const std::string& indent) {
  switch (node.type()) {
    case Json::value_t::object:
      if (node.empty()) {
        out += "{}";
      } else {
        appendObject(out, node, indent);
      }
      return;
    case Json::value_t::array: {
      if (node.empty()) {
        out += "[]";
        return;
      }
      const std::string itemIndent = indent + std::string(kIndentStep);
      bool first = true;
      for (const Json& item : node) {
        if (!first) {
          out += '\n';
          out += indent;
        }
        first = false;
        out += "- ";
        appendNode(out, item, itemIndent);
      }
      return;
    }
    case Json::value_t::string:
      appendString(out, node.get_ref<const std::string&>(), {.indent = indent});
      return;
    case Json::value_t::boolean:
      out += node.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      appendNumber(out, node);
      return;
    case Json::value_t::null:
    case Json::value_t::discarded:
    case Json::value_t::binary:
      out += "null";
      return;
  }
}

}  // namespace

void Yaml::append(std::string& out, const Json& doc) {
  appendNode(out, doc, "");
  out += '\n';
}

std::string Yaml::stringify(const Json& doc) {
  std::string out;
  append(out, doc);
  return out;
}

std::string Yaml::stringify(const std::vector<Json>& docs) {
  std::string out;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (i > 0) out += "---\n";
    append(out, docs[i]);
  }
  return out;
}

std::string Yaml::stringify(const std::vector<nlohmann::json>& docs) {
  std::vector<Json> ordered;
  ordered.reserve(docs.size());
  for (const nlohmann::json& doc : docs) ordered.push_back(Json::parse(doc.dump()));
  return stringify(ordered);
}

}  // namespace cdk8s
