// A Kubernetes NetworkPolicy (networking.k8s.io/v1): which pods it selects,
// and for each direction it isolates, the peers and ports it lets through.
//
// Contract: a direction listed in `isolate` is isolated even with no rule
// (Kubernetes then allows nothing that way); a rule with no peers matches
// every peer and one with no ports every port, as in Kubernetes. A pod is
// selected by all of `podLabels` (empty: every pod of the namespace).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <cdk8s_plus/container.hpp>
#include <cdk8s_plus/resource.hpp>

namespace cdk8s::plus {

using Labels = std::map<std::string, std::string>;

struct IpBlock {
  std::string cidr;                       // "10.0.0.0/8", "0.0.0.0/0"
  std::vector<std::string> except = {};   // CIDRs inside `cidr` left out

  bool operator==(const IpBlock&) const = default;
};

// One peer: pods (by labels, in this namespace or in the namespaces that
// `namespaceLabels` selects), or addresses. Set pods or addresses, not both.
struct NetworkPolicyPeer {
  std::optional<Labels> podLabels = {};        // podSelector.matchLabels; {} selects every pod
  std::optional<Labels> namespaceLabels = {};  // namespaceSelector.matchLabels; none: the policy's namespace
  std::optional<IpBlock> ipBlock = {};

  bool operator==(const NetworkPolicyPeer&) const = default;
};

struct NetworkPolicyPort {
  int port = 0;
  std::optional<int> endPort = {};      // the range port..endPort
  Protocol protocol = Protocol::kTcp;   // Kubernetes' default too, written out
};

struct NetworkPolicyRule {
  std::vector<NetworkPolicyPeer> peers = {};  // none: every peer
  std::vector<NetworkPolicyPort> ports = {};  // none: every port
};

enum class PolicyType { kIngress, kEgress };

struct NetworkPolicyProps {
  ApiObjectMetadataProps metadata = {};
  Labels podLabels = {};                       // the pods it applies to; {} is every pod
  std::vector<PolicyType> isolate = {PolicyType::kIngress};  // policyTypes
  std::vector<NetworkPolicyRule> ingress = {};  // from whom, to which ports
  std::vector<NetworkPolicyRule> egress = {};   // to whom, on which ports
};

class NetworkPolicy : public Resource {
 public:
  NetworkPolicy(Construct& scope, std::string_view id, NetworkPolicyProps props = {});

  void allowIngress(NetworkPolicyRule rule) { ingress_.push_back(std::move(rule)); }
  void allowEgress(NetworkPolicyRule rule) { egress_.push_back(std::move(rule)); }

 private:
  Json renderSpec() const;

  Labels podLabels_;
  std::vector<PolicyType> isolate_;
  std::vector<NetworkPolicyRule> ingress_;
  std::vector<NetworkPolicyRule> egress_;
};

}  // namespace cdk8s::plus
