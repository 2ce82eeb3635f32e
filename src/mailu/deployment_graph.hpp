// Private to the Mailu layer (and its tests): the deployment graph drawn
// against NetworkPolicies given rather than the chart's own plan, so that a
// test can show what a connection no policy lets through looks like.
#pragma once

#include <vector>

#include "mailu/constructs/network_policies.hpp"
#include "mailu/deployment_diagram.hpp"

namespace mailu {

DeploymentGraph deploymentGraphWith(MailuChart& chart, std::vector<ComponentNetworkPolicy> policies);

}  // namespace mailu
