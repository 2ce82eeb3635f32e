#include <cstdint>
#include <memory>
#include <string>

#include "json_document.hpp"
#include "text_predicates.hpp"

namespace mailu::validation {
namespace {

// yaml-cpp refuses implicit keys longer than this; such keys go its way.
constexpr std::size_t kMaxKeyBytes = 1024;

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void appendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Recursive descent over RFC 8259. Every "not plain JSON" answer is nullptr.
class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : text_(text) {}

  NodePtr document() {
    skipSpace();
    if (at() != '{') return nullptr;
    NodePtr root = value(0);
    if (root == nullptr || !skipSpace()) return nullptr;
    return pos_ == text_.size() ? root : nullptr;
  }

 private:
  using Kind = DocumentNode::Kind;

  char at() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  // Positions as yaml-cpp gives them: 1-based line, 1-based byte column.
  std::shared_ptr<DocumentNode> node(Kind kind) const {
    auto made = std::make_shared<DocumentNode>();
    made->kind = kind;
    made->line = line_;
    made->column = pos_ - lineStart_ + 1;
    return made;
  }

  // False on whitespace the JSON path leaves to the YAML one (tab, \r).
  bool skipSpace() {
    for (; pos_ < text_.size(); ++pos_) {
      const char c = text_[pos_];
      if (c == '\n') {
        ++line_;
        lineStart_ = pos_ + 1;
      } else if (c != ' ') {
        return c != '\t' && c != '\r';
      }
    }
    return true;
  }

  NodePtr value(std::size_t depth) {
    switch (at()) {
      case '{':
        return container(depth, Kind::kMapping, '}');
      case '[':
        return container(depth, Kind::kSequence, ']');
      case '"':
        return string(/*isKey=*/false);
      case 't':
        return word("true", Kind::kScalar);
      case 'f':
        return word("false", Kind::kScalar);
      case 'n':
        return word("null", Kind::kNull);
      default:
        return number();
    }
  }

  NodePtr container(std::size_t depth, Kind kind, char close) {
    if (depth >= kMaxDocumentDepth) return nullptr;
    auto made = node(kind);
    ++pos_;
    if (!skipSpace()) return nullptr;
    if (at() == close) {
      ++pos_;
      return made;
    }
    while (true) {
      if (kind == Kind::kMapping) {
        if (at() != '"') return nullptr;
        NodePtr key = string(/*isKey=*/true);
        // YAML wants an implicit key and its ':' on one line; JSON does not.
        const std::size_t keyLine = line_;
        if (key == nullptr || !skipSpace() || at() != ':' || line_ != keyLine) return nullptr;
        ++pos_;
        if (!skipSpace()) return nullptr;
        NodePtr item = value(depth + 1);
        if (item == nullptr) return nullptr;
        made->entries.push_back({std::move(key), std::move(item), nullptr, {}});
      } else {
        NodePtr item = value(depth + 1);
        if (item == nullptr) return nullptr;
        made->items.push_back(std::move(item));
      }
      if (!skipSpace()) return nullptr;
      if (at() == close) {
        ++pos_;
        return made;
      }
      if (at() != ',') return nullptr;
      ++pos_;
      if (!skipSpace()) return nullptr;
    }
  }

  // A token ends where JSON allows the next one to start.
  bool atTokenEnd() const {
    const char c = at();
    return c == '\0' || c == ' ' || c == '\n' || c == ',' || c == ']' || c == '}' || c == '\t' || c == '\r';
  }

  NodePtr word(std::string_view literal, Kind kind) {
    if (text_.substr(pos_, literal.size()) != literal) return nullptr;
    auto made = node(kind);
    pos_ += literal.size();
    if (!atTokenEnd()) return nullptr;
    if (kind == Kind::kScalar) made->text = literal;
    return made;
  }

  NodePtr number() {
    auto made = node(Kind::kScalar);
    const std::size_t start = pos_;
    if (at() == '-') ++pos_;
    if (at() == '0') {
      ++pos_;
    } else if (isDigit(at())) {
      while (isDigit(at())) ++pos_;
    } else {
      return nullptr;
    }
    if (at() == '.') {
      ++pos_;
      if (!isDigit(at())) return nullptr;
      while (isDigit(at())) ++pos_;
    }
    if (at() == 'e' || at() == 'E') {
      ++pos_;
      if (at() == '+' || at() == '-') ++pos_;
      if (!isDigit(at())) return nullptr;
      while (isDigit(at())) ++pos_;
    }
    if (!atTokenEnd()) return nullptr;
    made->text = text_.substr(start, pos_ - start);
    return made;
  }

  NodePtr string(bool isKey) {
    auto made = node(Kind::kScalar);
    made->quoted = true;
    const std::size_t start = pos_++;
    std::string& out = made->text;
    while (true) {
      if (pos_ >= text_.size()) return nullptr;
      const char c = text_[pos_];
      if (c == '"') break;
      if (static_cast<unsigned char>(c) < 0x20) return nullptr;
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      const char escape = pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0';
      pos_ += 2;
      switch (escape) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t cp = 0;
          for (int k = 0; k < 4; ++k) {
            const int digit = hexValue(at());
            if (digit < 0) return nullptr;
            cp = cp * 16 + static_cast<std::uint32_t>(digit);
            ++pos_;
          }
          // yaml-cpp's handling of surrogate escapes is its own; leave them to it.
          if (cp >= 0xD800 && cp <= 0xDFFF) return nullptr;
          appendUtf8(out, cp);
          break;
        }
        default:
          return nullptr;
      }
    }
    ++pos_;
    if (isKey && pos_ - start > kMaxKeyBytes) return nullptr;
    return made;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t lineStart_ = 0;
};

}  // namespace

NodePtr readJsonDocument(std::string_view text) { return JsonReader(text).document(); }

}  // namespace mailu::validation
