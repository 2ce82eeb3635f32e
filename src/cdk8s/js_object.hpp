// How JavaScript orders and cleans object keys, which cdk8s output inherits.
#pragma once

#include <string_view>

#include "cdk8s/json.hpp"

namespace cdk8s {

// Array.prototype.sort's default order: by UTF-16 code units.
bool jsStringLess(std::string_view a, std::string_view b);

// cdk8s sanitizeValue: object keys sorted, null members dropped (recursively);
// with filterEmpty, empty arrays and objects are dropped as well. The value is
// changed where it is: no member is moved or copied to another tree.
void sanitizeJsonInPlace(Json& value, bool filterEmpty = false);

}  // namespace cdk8s
