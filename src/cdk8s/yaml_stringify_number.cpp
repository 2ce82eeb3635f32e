// Numbers: the counterpart of stringifyNumber (src/stringify/stringifyNumber.ts
// of the npm `yaml` library, 2.x), which the yaml-1.1 schema's int and float
// tags write with. cdk8s passes no format nor minFractionDigits, so what is
// left of it is JavaScript's own number text plus the YAML words for NaN and
// the infinities. The digits themselves come from js_number.hpp.
#include "yaml_stringify.hpp"

#include "cdk8s/js_number.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <type_traits>

namespace cdk8s::yaml_stringify {
namespace {

template <class Int>
void stringifyInteger(std::string& out, Int value) {
  // JavaScript numbers are doubles: integers beyond 2^53 print rounded.
  constexpr Int kExact = Int{1} << 53;
  bool exact = value <= kExact;
  if constexpr (std::is_signed_v<Int>) exact = exact && value >= -kExact;
  if (!exact) {
    stringifyNumber(out, static_cast<double>(value));
    return;
  }
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, res.ptr);
}

}  // namespace

// Numbers, printed as JavaScript's Number#toString prints them.

void stringifyNumber(std::string& out, double value) {
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

void stringifyNumber(std::string& out, std::int64_t value) { stringifyInteger(out, value); }

void stringifyNumber(std::string& out, std::uint64_t value) { stringifyInteger(out, value); }

}  // namespace cdk8s::yaml_stringify
