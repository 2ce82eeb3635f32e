// A PodDisruptionBudget (policy/v1) for the pods of a Deployment: how many
// may be evicted at once by voluntary disruptions such as node drains.
// cdk8s-plus has no builder for it; this one follows the others' shape.
#pragma once

#include <cdk8s_plus/deployment.hpp>
#include <cdk8s_plus/resource.hpp>

namespace cdk8s::plus {

struct PodDisruptionBudgetProps {
  ApiObjectMetadataProps metadata = {};
  const Deployment* selector = nullptr;  // the pods covered (its matchLabels); required
  int maxUnavailable = 1;                // one pod at a time: the others keep serving
};

class PodDisruptionBudget : public Resource {
 public:
  // Throws std::invalid_argument without a selector or with maxUnavailable below 1
  // (a budget of 0 would block every node drain).
  PodDisruptionBudget(Construct& scope, std::string_view id, PodDisruptionBudgetProps props);
};

}  // namespace cdk8s::plus
