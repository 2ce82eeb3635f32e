// Storage sizes with the unit conversions of cdk8s `Size`.
//
// A Size keeps the amount and unit it was made with. Converting to another unit
// fails (std::invalid_argument) when the result is not a whole number, unless
// asked to keep the fraction or round down, as cdk8s's SizeRoundingBehavior.
#pragma once

#include <string>

namespace cdk8s {

enum class SizeRounding { kFail, kFloor, kNone };

class Size {
 public:
  static Size kibibytes(double amount) { return Size(amount, 1); }
  static Size mebibytes(double amount) { return Size(amount, 1024); }
  static Size gibibytes(double amount) { return Size(amount, 1024.0 * 1024); }
  static Size tebibytes(double amount) { return Size(amount, 1024.0 * 1024 * 1024); }
  static Size pebibytes(double amount) { return Size(amount, 1024.0 * 1024 * 1024 * 1024); }

  double toKibibytes(SizeRounding rounding = SizeRounding::kFail) const { return convert(1, rounding); }
  double toMebibytes(SizeRounding rounding = SizeRounding::kFail) const { return convert(1024, rounding); }
  double toGibibytes(SizeRounding rounding = SizeRounding::kFail) const { return convert(1024.0 * 1024, rounding); }

 private:
  Size(double amount, double kibibytesPerUnit) : amount_(amount), kibibytesPerUnit_(kibibytesPerUnit) {}
  double convert(double toKibibytesPerUnit, SizeRounding rounding) const;

  double amount_;
  double kibibytesPerUnit_;
};

}  // namespace cdk8s
