#include "resource_parser.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace mailu {

cdk8s::Size parseSize(std::string_view text) {
  if (text.size() < 3) throw std::invalid_argument("not a size: " + std::string(text));
  const std::string number(text.substr(0, text.size() - 2));
  const std::string_view unit = text.substr(text.size() - 2);
  const double amount = std::strtod(number.c_str(), nullptr);
  if (unit == "Ki") return cdk8s::Size::kibibytes(amount);
  if (unit == "Mi") return cdk8s::Size::mebibytes(amount);
  if (unit == "Gi") return cdk8s::Size::gibibytes(amount);
  if (unit == "Ti") return cdk8s::Size::tebibytes(amount);
  if (unit == "Pi") return cdk8s::Size::pebibytes(amount);
  // There is no exbibyte unit in cdk8s; the reference converts to pebibytes.
  if (unit == "Ei") return cdk8s::Size::pebibytes(amount * 1024);
  throw std::invalid_argument("not a size: " + std::string(text));
}

cdk8s::plus::Cpu parseCpu(std::string_view text) {
  const std::string value(text);
  if (!value.empty() && value.back() == 'm') {
    return cdk8s::plus::Cpu::millis(std::strtol(value.c_str(), nullptr, 10));
  }
  // Cores pass through a double, as in the reference, and come back as the
  // same digits: the validator allows at most 10 significant ones (up to a
  // million cores in whole millicores), far under the 15 a double keeps.
  return cdk8s::plus::Cpu::units(std::strtod(value.c_str(), nullptr));
}

}  // namespace mailu
