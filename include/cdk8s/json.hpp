// The JSON value type used throughout the library.
//
// cdk8s works on JavaScript objects, whose keys keep their insertion order
// (after integer-like keys, which JavaScript always lists first). An ordered
// JSON type keeps "keys as given", so documents reach the YAML writer in the
// order the caller built them; the writer applies the integer-key rule.
#pragma once

#include <nlohmann/json.hpp>

namespace cdk8s {

using Json = nlohmann::ordered_json;

}  // namespace cdk8s
