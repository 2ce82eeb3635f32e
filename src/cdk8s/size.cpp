#include "cdk8s/size.hpp"

#include <cmath>
#include <stdexcept>

#include "cdk8s/js_number.hpp"

namespace cdk8s {

double Size::convert(double toKibibytesPerUnit, SizeRounding rounding) const {
  if (kibibytesPerUnit_ == toKibibytesPerUnit) return amount_;
  // Same arithmetic as cdk8s (ratio first), so fractions round identically.
  const double value = amount_ * (kibibytesPerUnit_ / toKibibytesPerUnit);
  switch (rounding) {
    case SizeRounding::kNone:
      return value;
    case SizeRounding::kFloor:
      return std::floor(value);
    case SizeRounding::kFail:
      break;
  }
  if (value != std::floor(value) || std::isinf(value)) {
    throw std::invalid_argument("'" + formatJsNumber(amount_) + "' cannot be converted into a whole number");
  }
  return value;
}

}  // namespace cdk8s
