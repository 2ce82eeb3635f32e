#include "document.hpp"

#include <fmt/format.h>

#include "text_predicates.hpp"

namespace mailu::validation {

bool isBooleanWord(std::string_view text) {
  return text == "true" || text == "True" || text == "TRUE" || text == "false" || text == "False" ||
         text == "FALSE";
}

bool isNullWord(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

namespace {

// The tags of the YAML 1.2 core schema, as DocumentNode::tag shows them, by
// what they make a scalar.
struct StandardTag {
  std::string_view tag;
  ScalarType scalar;  // kOther: the tag of a collection
};
constexpr StandardTag kStandardTags[] = {
    {"!!str", ScalarType::kString},  {"!!int", ScalarType::kInteger}, {"!!float", ScalarType::kFloat},
    {"!!bool", ScalarType::kBoolean}, {"!!null", ScalarType::kNull},   {"!!map", ScalarType::kOther},
    {"!!seq", ScalarType::kOther},
};

const StandardTag* standardTag(std::string_view tag) {
  for (const StandardTag& standard : kStandardTags) {
    if (standard.tag == tag) return &standard;
  }
  return nullptr;
}

}  // namespace

ScalarType scalarType(const DocumentNode& node) {
  if (!node.tag.empty()) {
    const StandardTag* standard = standardTag(node.tag);
    return standard != nullptr ? standard->scalar : ScalarType::kOther;
  }
  if (node.quoted) return ScalarType::kString;
  switch (plainMeaning(node.text)) {
    case PlainMeaning::kBoolean:
      return ScalarType::kBoolean;
    case PlainMeaning::kInteger:
      return ScalarType::kInteger;
    case PlainMeaning::kFloat:
      return ScalarType::kFloat;
    case PlainMeaning::kString:
      break;
  }
  return ScalarType::kString;
}

TagFit tagFit(const DocumentNode& node) {
  if (node.tag.empty()) return TagFit::kFits;
  const StandardTag* standard = standardTag(node.tag);
  if (standard == nullptr) return TagFit::kUnsupported;
  switch (node.kind) {
    case DocumentNode::Kind::kMapping:
      return standard->tag == "!!map" ? TagFit::kFits : TagFit::kWrongKind;
    case DocumentNode::Kind::kSequence:
      return standard->tag == "!!seq" ? TagFit::kFits : TagFit::kWrongKind;
    case DocumentNode::Kind::kScalar:
    case DocumentNode::Kind::kNull:
      break;
  }
  return standard->scalar != ScalarType::kOther ? TagFit::kFits : TagFit::kWrongKind;
}

bool isPlainDecimal(std::string_view text, bool fraction) {
  std::string_view number = text;
  if (!number.empty() && number.front() == '-') number.remove_prefix(1);
  std::string_view whole = number;
  if (fraction) {
    const std::size_t dot = number.find('.');
    if (dot != std::string_view::npos) {
      if (!isDigits(number.substr(dot + 1))) return false;
      whole = number.substr(0, dot);
    }
  }
  if (!isDigits(whole) || (whole.size() > 1 && whole.front() == '0')) return false;
  return text != "-0";
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

ConfigProblem textProblem(std::string message, std::size_t line, std::size_t column) {
  ConfigProblem problem{"", std::move(message), ""};
  if (line > 0) {
    problem.line = line;
    problem.column = column;
  }
  return problem;
}

ConfigProblem textProblemAt(std::size_t line, std::size_t column, std::string_view what) {
  return textProblem(fmt::format("line {}, column {}: {}", line, column, what), line, column);
}

}  // namespace mailu::validation
