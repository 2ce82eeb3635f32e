#include "document.hpp"

#include <fmt/format.h>

#include "text_predicates.hpp"

namespace mailu::validation {

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
