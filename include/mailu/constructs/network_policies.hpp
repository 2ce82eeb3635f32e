// NetworkPolicies (D15): one per Mailu pod, isolating its ingress (and, when
// asked, its egress) down to the connections the component registry lists.
// MailuChart resolves the rules (see network_plan.hpp); this construct only
// writes them, one NetworkPolicy per component, named after it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <cdk8s/construct.hpp>
#include <cdk8s_plus/network_policy.hpp>

namespace mailu {

struct ComponentNetworkPolicy {
  std::string component;            // construct id: "front", "dovecot-submission"
  cdk8s::plus::Labels podLabels;    // the component's pods, and only this chart's
  std::vector<cdk8s::plus::NetworkPolicyRule> ingress;
  // Set: egress is isolated too, to these rules.
  std::optional<std::vector<cdk8s::plus::NetworkPolicyRule>> egress = {};
};

struct NetworkPoliciesProps {
  std::string namespaceName;
  std::vector<ComponentNetworkPolicy> policies;
};

class NetworkPoliciesConstruct : public cdk8s::Construct {
 public:
  NetworkPoliciesConstruct(cdk8s::Construct& scope, std::string_view id, NetworkPoliciesProps props);

  const std::vector<cdk8s::plus::NetworkPolicy*>& policies() const { return policies_; }

 private:
  std::vector<cdk8s::plus::NetworkPolicy*> policies_;
};

}  // namespace mailu
