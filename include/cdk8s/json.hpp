// The JSON value type used throughout the library.
//
// cdk8s works on JavaScript objects, whose keys keep their insertion order
// (after integer-like keys, which JavaScript always lists first). An ordered
// JSON type keeps "keys as given", so documents reach the YAML writer in the
// order the caller built them; the writer applies the integer-key rule.
// It is nlohmann's JSON with InsertionOrderedMap (which moves, where
// nlohmann::ordered_json copies, when an object grows) as its object type.
#pragma once

#include <nlohmann/json.hpp>

#include "cdk8s/insertion_ordered_map.hpp"

namespace cdk8s {

using Json = nlohmann::basic_json<InsertionOrderedMap>;

}  // namespace cdk8s
