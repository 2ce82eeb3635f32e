// Strings: the counterpart of src/stringify/stringifyString.ts of the npm
// `yaml` library (2.x). stringifyString, containsDocumentMarker and the
// methods of StringWriter (plainString, quotedString, singleQuotedString,
// doubleQuotedString, blockString) carry the names of that file's functions
// and make their decisions in the same order, so the two read side by side.
// What the library does there through regular expressions is done here from
// one scan of the string (Facts). Under cdk8s's lineWidth 0 the library never
// folds, so foldFlowLines, lineLengthOverLimit and the folded block style
// have no counterpart here.
#include "yaml_stringify.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace cdk8s::yaml_stringify {
namespace {

using std::string_view;

// Byte at `i`, or NUL past the end: lets the ports of the library's
// index-based loops read ahead without bounds noise (JavaScript yields
// `undefined` there, which never equals a character either).
char at(string_view s, std::size_t i) { return i < s.size() ? s[i] : '\0'; }

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
    if (facts.forceDouble) return doubleQuotedString();
    plainString();
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

  void plainString() {
    if (implicitKey && facts.newline) return quotedString();
    if (!value.empty() && cannotBePlain()) {
      if (implicitKey || !facts.newline) return quotedString();
      return blockString(false);
    }
    if (!implicitKey && facts.newline) return blockString(false);
    // No \n or \r is left here, so a marker can only start the string or
    // follow a Unicode line separator.
    const char first = value.empty() ? '\0' : value[0];
    const bool mayHaveMarker = first == '%' || first == '-' || first == '.' || facts.lineSeparator;
    if (mayHaveMarker && containsDocumentMarker(value)) {
      if (indent == 0) return blockString(true);
      // Keys of the top-level mapping start their line at column 0.
      if (implicitKey && indent == 2) return quotedString();
    }
    if (readsAsNonString(value)) return quotedString();
    out += value;
  }

  void quotedString() {
    if (facts.doubleQuote && !facts.singleQuote) return singleQuotedString();
    doubleQuotedString();
  }

  void singleQuotedString() {
    if ((implicitKey && facts.newline) || facts.blankNearNewline) return doubleQuotedString();
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
  void doubleQuotedString() {
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
  void blockString(bool forceIndent) {
    // Trailing blanks after the last line break can't be kept by a block.
    {
      std::size_t j = value.size();
      while (j > 0 && isBlank(value[j - 1])) --j;
      if (j < value.size() && j > 0 && value[j - 1] == '\n') return quotedString();
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

}  // namespace

void stringifyString(std::string& out, string_view value, std::size_t indent, bool implicitKey) {
  if (isPlainWord(value) && !readsAsNonString(value)) {
    out += value;
    return;
  }
  const Facts facts = scan(value);
  StringWriter{out, value, facts, indent, implicitKey}.write();
}

}  // namespace cdk8s::yaml_stringify
