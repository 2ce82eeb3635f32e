// Turns the quantity strings of a validated config into builder values.
//
// The loader has already checked the formats (sizes "<number><Ki|Mi|Gi|Ti|Pi|Ei>",
// CPU "<int>m" or a plain number of cores), so these only convert, the way the
// reference library does: millicores keep their integer, cores and sizes are
// read as JavaScript numbers.
#pragma once

#include <string_view>

#include <cdk8s/size.hpp>
#include <cdk8s_plus/container.hpp>

namespace mailu {

cdk8s::Size parseSize(std::string_view text);
cdk8s::plus::Cpu parseCpu(std::string_view text);

}  // namespace mailu
