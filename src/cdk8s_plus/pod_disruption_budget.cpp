#include "cdk8s_plus/pod_disruption_budget.hpp"

#include <stdexcept>

namespace cdk8s::plus {

PodDisruptionBudget::PodDisruptionBudget(Construct& scope, std::string_view id, PodDisruptionBudgetProps props)
    : Resource(scope, id, "policy/v1", "PodDisruptionBudget", std::move(props.metadata)) {
  if (props.selector == nullptr) throw std::invalid_argument("A PodDisruptionBudget needs the pods it covers");
  if (props.maxUnavailable < 1) throw std::invalid_argument("'maxUnavailable' must be at least 1");
  Json selector = Json::object();
  selector["matchLabels"] = props.selector->matchLabels();
  Json spec = Json::object();
  spec["maxUnavailable"] = props.maxUnavailable;
  spec["selector"] = std::move(selector);
  apiObject().set("spec", std::move(spec));
}

}  // namespace cdk8s::plus
