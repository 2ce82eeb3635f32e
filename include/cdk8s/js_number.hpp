// Numbers written the way JavaScript's Number.prototype.toString writes them.
//
// cdk8s builds quantities by string concatenation ("0.5" + "Gi") and prints
// numbers through JavaScript, so byte-identical output needs the same digits:
// the shortest text that reads back as the same double, in plain notation
// from 1e-7 up to 1e21 and in exponent notation ("1e+21", "1e-7") outside.
#pragma once

#include <string>

namespace cdk8s {

std::string formatJsNumber(double value);
// The same, appended to `out` without allocating anything else.
void appendJsNumber(std::string& out, double value);

}  // namespace cdk8s
