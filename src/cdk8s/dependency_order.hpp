// The order in which cdk8s visits constructs: a depth-first, post-order walk of
// the dependency graph, whose roots are the constructs nothing depends on, in
// tree order. Without dependencies this is plain tree order.
#pragma once

#include <utility>
#include <vector>

#include "cdk8s/construct.hpp"

namespace cdk8s {

using DependencyEdge = std::pair<Construct*, Construct*>;  // source depends on target

// `nodes` in tree order; edges to constructs outside `nodes` are ignored.
// Throws std::logic_error naming the paths on a dependency cycle.
std::vector<Construct*> dependencyOrder(const std::vector<Construct*>& nodes, const std::vector<DependencyEdge>& edges);

}  // namespace cdk8s
