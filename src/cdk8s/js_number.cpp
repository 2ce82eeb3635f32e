#include "cdk8s/js_number.hpp"

#include <charconv>
#include <cmath>
#include <string_view>

namespace cdk8s {

void appendJsNumber(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
    return;
  }
  if (std::isinf(value)) {
    out += value > 0 ? "Infinity" : "-Infinity";
    return;
  }
  if (value == 0) {
    out += '0';  // -0 too, as String(-0) is "0"
    return;
  }
  // to_chars gives the shortest digits that read back as the same double,
  // which is what JavaScript prints; only the layout differs.
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  const std::string_view sci(buffer, static_cast<std::size_t>(result.ptr - buffer));
  std::size_t i = 0;
  if (sci[0] == '-') {
    out += '-';
    ++i;
  }
  const std::size_t e = sci.find('e');
  char digitBuffer[20];
  int k = 0;
  for (; i < e; ++i) {
    if (sci[i] != '.') digitBuffer[k++] = sci[i];
  }
  int exponent = 0;
  const char* expBegin = sci.data() + e + 1;
  if (*expBegin == '+') ++expBegin;
  std::from_chars(expBegin, sci.data() + sci.size(), exponent);
  const int point = exponent + 1;  // digits before the decimal point
  const std::string_view digits(digitBuffer, static_cast<std::size_t>(k));
  if (k <= point && point <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(point - k), '0');
  } else if (0 < point && point <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(point));
    out += '.';
    out += digits.substr(static_cast<std::size_t>(point));
  } else if (-6 < point && point <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-point), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += exponent < 0 ? "e-" : "e+";
    char expBuffer[8];
    const auto expResult = std::to_chars(expBuffer, expBuffer + sizeof expBuffer, exponent < 0 ? -exponent : exponent);
    out.append(expBuffer, expResult.ptr);
  }
}

std::string formatJsNumber(double value) {
  std::string out;
  appendJsNumber(out, value);
  return out;
}

}  // namespace cdk8s
