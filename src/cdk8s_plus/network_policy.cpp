#include "cdk8s_plus/network_policy.hpp"

#include <stdexcept>

namespace cdk8s::plus {
namespace {

// {} selects everything; Kubernetes writes it so rather than with empty matchLabels.
Json selector(const Labels& labels) { return labels.empty() ? Json::object() : jsonObject("matchLabels", labels); }

Json renderPeer(const NetworkPolicyPeer& peer) {
  const bool pods = peer.podLabels || peer.namespaceLabels;
  // Kubernetes refuses a peer with both, and one with neither would select nothing here.
  if (pods == peer.ipBlock.has_value()) {
    throw std::invalid_argument("a NetworkPolicy peer selects pods or addresses, exactly one of the two");
  }
  if (peer.ipBlock) {
    Json block = jsonObject("cidr", peer.ipBlock->cidr);
    if (!peer.ipBlock->except.empty()) block["except"] = peer.ipBlock->except;
    return jsonObject("ipBlock", std::move(block));
  }
  Json out = Json::object();
  if (peer.podLabels) out["podSelector"] = selector(*peer.podLabels);
  if (peer.namespaceLabels) out["namespaceSelector"] = selector(*peer.namespaceLabels);
  return out;
}

Json renderRule(const NetworkPolicyRule& rule, const char* peersKey) {
  Json out = Json::object();
  if (!rule.peers.empty()) {
    Json peers = Json::array();
    for (const NetworkPolicyPeer& peer : rule.peers) peers.push_back(renderPeer(peer));
    out[peersKey] = std::move(peers);
  }
  if (!rule.ports.empty()) {
    Json ports = Json::array();
    for (const NetworkPolicyPort& port : rule.ports) {
      Json entry = jsonObject("port", port.port, "protocol", toString(port.protocol));
      if (port.endPort) entry["endPort"] = *port.endPort;
      ports.push_back(std::move(entry));
    }
    out["ports"] = std::move(ports);
  }
  return out;
}

bool isolates(const std::vector<PolicyType>& types, PolicyType type) {
  for (PolicyType t : types) {
    if (t == type) return true;
  }
  return false;
}

}  // namespace

NetworkPolicy::NetworkPolicy(Construct& scope, std::string_view id, NetworkPolicyProps props)
    : Resource(scope, id, "networking.k8s.io/v1", "NetworkPolicy", std::move(props.metadata)),
      podLabels_(std::move(props.podLabels)),
      isolate_(std::move(props.isolate)),
      ingress_(std::move(props.ingress)),
      egress_(std::move(props.egress)) {
  apiObject().setLazy("spec", [this] { return renderSpec(); });
}

Json NetworkPolicy::renderSpec() const {
  Json spec = jsonObject("podSelector", selector(podLabels_));
  Json types = Json::array();
  struct Direction {
    PolicyType type;
    const char* name;      // in policyTypes
    const char* rulesKey;  // "ingress", "egress"
    const char* peersKey;  // "from", "to"
    const std::vector<NetworkPolicyRule>& rules;
  };
  for (const Direction& direction : {Direction{PolicyType::kIngress, "Ingress", "ingress", "from", ingress_},
                                     Direction{PolicyType::kEgress, "Egress", "egress", "to", egress_}}) {
    if (!isolates(isolate_, direction.type)) {
      // Kubernetes would ignore them.
      if (!direction.rules.empty()) {
        throw std::logic_error(std::string(direction.rulesKey) + " rules on a NetworkPolicy that does not isolate " +
                               direction.rulesKey);
      }
      continue;
    }
    types.push_back(direction.name);
    Json rules = Json::array();
    for (const NetworkPolicyRule& rule : direction.rules) rules.push_back(renderRule(rule, direction.peersKey));
    spec[direction.rulesKey] = std::move(rules);
  }
  if (types.empty()) throw std::logic_error("a NetworkPolicy must isolate ingress, egress or both");
  spec["policyTypes"] = std::move(types);
  return spec;
}

}  // namespace cdk8s::plus
