// A NetworkPolicy evaluator for the tests: given the NetworkPolicy objects of
// a manifest, says whether a connection from one endpoint to a pod's port is
// allowed, with Kubernetes' semantics (networking.k8s.io/v1):
// - a pod that no policy of its namespace selects for a direction is open
//   that way; one that some policy selects accepts only what a rule of such
//   a policy allows (rules add up, across policies);
// - a connection needs the source's egress and the destination's ingress;
// - policyTypes, when absent, is Ingress, plus Egress when there are egress
//   rules;
// - a rule with no peers matches every peer, with no ports every port;
// - a peer with podSelector alone selects pods of the policy's namespace,
//   with namespaceSelector alone every pod of the namespaces it selects, with
//   both those pods of those namespaces; ipBlock (with except) matches
//   addresses outside the cluster only (Kubernetes leaves pod addresses to
//   the implementation);
// - selectors: matchLabels and matchExpressions (In, NotIn, Exists,
//   DoesNotExist); every namespace carries kubernetes.io/metadata.name;
// - ports: number, endPort, protocol (default TCP). Named ports are not
//   modelled: a named port never matches, so a test fails closed.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cdk8s/json.hpp"

namespace testnet {

using cdk8s::Json;
using Labels = std::map<std::string, std::string>;

// A pod (namespace and labels) or, with `address`, a host outside the cluster.
struct Endpoint {
  std::string namespaceName;
  Labels podLabels;
  Labels namespaceLabels = {};          // besides kubernetes.io/metadata.name
  std::optional<std::string> address = {};  // an IPv4 address outside the cluster

  Labels allNamespaceLabels() const {
    Labels labels = namespaceLabels;
    labels["kubernetes.io/metadata.name"] = namespaceName;
    return labels;
  }
};

inline bool selects(const Json& selector, const Labels& labels) {
  if (!selector.is_object()) return false;
  const Json matchLabels = selector.value("matchLabels", Json::object());  // kept: items() does not own it
  for (const auto& [key, value] : matchLabels.items()) {
    const auto found = labels.find(key);
    if (found == labels.end() || found->second != value.get<std::string>()) return false;
  }
  for (const Json& expression : selector.value("matchExpressions", Json::array())) {
    const std::string key = expression.at("key");
    const std::string op = expression.at("operator");
    const auto found = labels.find(key);
    const Json values = expression.value("values", Json::array());
    const bool listed =
        found != labels.end() && std::find(values.begin(), values.end(), Json(found->second)) != values.end();
    if (op == "In" && !listed) return false;
    if (op == "NotIn" && listed) return false;
    if (op == "Exists" && found == labels.end()) return false;
    if (op == "DoesNotExist" && found != labels.end()) return false;
  }
  return true;
}

inline std::optional<std::uint32_t> ipv4(const std::string& text) {
  std::istringstream in(text);
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    int part = -1;
    char dot = '.';
    if (!(in >> part) || part < 0 || part > 255) return std::nullopt;
    if (i < 3 && (!(in >> dot) || dot != '.')) return std::nullopt;
    value = (value << 8) | static_cast<std::uint32_t>(part);
  }
  return in.peek() == std::char_traits<char>::eof() ? std::optional(value) : std::nullopt;
}

inline bool inCidr(const std::string& address, const std::string& cidr) {
  const std::size_t slash = cidr.find('/');
  const auto ip = ipv4(address);
  const auto net = ipv4(cidr.substr(0, slash));
  if (!ip || !net || slash == std::string::npos) return false;
  const int bits = std::stoi(cidr.substr(slash + 1));
  const std::uint32_t mask = bits == 0 ? 0 : ~std::uint32_t{0} << (32 - bits);
  return (*ip & mask) == (*net & mask);
}

inline bool peerMatches(const Json& peer, const std::string& policyNamespace, const Endpoint& other) {
  if (peer.contains("ipBlock")) {
    if (!other.address) return false;
    const Json& block = peer.at("ipBlock");
    if (!inCidr(*other.address, block.at("cidr"))) return false;
    for (const Json& except : block.value("except", Json::array())) {
      if (inCidr(*other.address, except)) return false;
    }
    return true;
  }
  if (other.address) return false;
  const bool byNamespace = peer.contains("namespaceSelector");
  if (byNamespace ? !selects(peer.at("namespaceSelector"), other.allNamespaceLabels())
                  : other.namespaceName != policyNamespace) {
    return false;
  }
  return !peer.contains("podSelector") || selects(peer.at("podSelector"), other.podLabels);
}

inline bool portMatches(const Json& entry, int port, const std::string& protocol) {
  if (entry.value("protocol", std::string("TCP")) != protocol) return false;
  if (!entry.contains("port")) return true;  // every port of that protocol
  if (!entry.at("port").is_number_integer()) return false;  // named ports: not modelled
  const int first = entry.at("port");
  const int last = entry.value("endPort", first);
  return port >= first && port <= last;
}

inline std::vector<std::string> policyTypes(const Json& spec) {
  if (spec.contains("policyTypes")) return spec.at("policyTypes").get<std::vector<std::string>>();
  std::vector<std::string> types{"Ingress"};
  if (spec.contains("egress")) types.push_back("Egress");
  return types;
}

// Whether `subject` (the pod the policies apply to) lets `other` through in
// `direction` ("Ingress": other -> subject; "Egress": subject -> other).
inline bool allowedFor(const std::vector<Json>& policies, const std::string& direction, const Endpoint& subject,
                       const Endpoint& other, int port, const std::string& protocol) {
  bool isolated = false;
  const char* rulesKey = direction == "Ingress" ? "ingress" : "egress";
  const char* peersKey = direction == "Ingress" ? "from" : "to";
  for (const Json& policy : policies) {
    if (policy.value("kind", "") != "NetworkPolicy") continue;
    const std::string ns = policy.at("metadata").value("namespace", "default");
    const Json& spec = policy.at("spec");
    if (ns != subject.namespaceName || !selects(spec.value("podSelector", Json::object()), subject.podLabels)) {
      continue;
    }
    const auto types = policyTypes(spec);
    if (std::find(types.begin(), types.end(), direction) == types.end()) continue;
    isolated = true;
    for (const Json& rule : spec.value(rulesKey, Json::array())) {
      bool peerOk = !rule.contains(peersKey) || rule.at(peersKey).empty();
      for (const Json& peer : rule.value(peersKey, Json::array())) peerOk = peerOk || peerMatches(peer, ns, other);
      bool portOk = !rule.contains("ports") || rule.at("ports").empty();
      for (const Json& entry : rule.value("ports", Json::array())) portOk = portOk || portMatches(entry, port, protocol);
      if (peerOk && portOk) return true;
    }
  }
  return !isolated;
}

// Whether `from` may open a connection to `to` (a pod) on `port`.
inline bool allowed(const std::vector<Json>& policies, const Endpoint& from, const Endpoint& to, int port,
                    const std::string& protocol = "TCP") {
  const bool egress = from.address || allowedFor(policies, "Egress", from, to, port, protocol);
  return egress && allowedFor(policies, "Ingress", to, from, port, protocol);
}

}  // namespace testnet
