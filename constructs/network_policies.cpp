#include "mailu/constructs/network_policies.hpp"

namespace mailu {

using cdk8s::plus::PolicyType;

NetworkPoliciesConstruct::NetworkPoliciesConstruct(cdk8s::Construct& scope, std::string_view id,
                                                   NetworkPoliciesProps props)
    : Construct(scope, id) {
  for (ComponentNetworkPolicy& policy : props.policies) {
    cdk8s::plus::NetworkPolicyProps policyProps{
        .metadata = {.namespace_ = props.namespaceName,
                     .labels = {{"app.kubernetes.io/name", "mailu-" + policy.component},
                                {"app.kubernetes.io/component", policy.component},
                                {"app.kubernetes.io/part-of", "mailu"}}},
        .podLabels = std::move(policy.podLabels),
        .isolate = {PolicyType::kIngress},
        .ingress = std::move(policy.ingress),
    };
    if (policy.egress) {
      policyProps.isolate.push_back(PolicyType::kEgress);
      policyProps.egress = std::move(*policy.egress);
    }
    policies_.push_back(&make<cdk8s::plus::NetworkPolicy>(policy.component, std::move(policyProps)));
  }
}

}  // namespace mailu
