#include "mailu/network_plan.hpp"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

#include "mailu/mailu_ports.hpp"

namespace mailu {
namespace {

using cdk8s::plus::IpBlock;
using cdk8s::plus::Labels;
using cdk8s::plus::NetworkPolicyPeer;
using cdk8s::plus::NetworkPolicyPort;
using cdk8s::plus::NetworkPolicyRule;
using cdk8s::plus::Protocol;

constexpr std::string_view kNamespaceNameLabel = "kubernetes.io/metadata.name";
constexpr std::string_view kLinkLocal = "169.254.0.0/16";

// Rules are built per peer set and merged: one rule per distinct set of
// peers, its ports in the order they were added. `key` names the peer set.
class RuleSet {
 public:
  // `peers` are taken only by the first rule of a key.
  void add(std::string_view key, std::vector<NetworkPolicyPeer>&& peers, NetworkPolicyPort port) {
    auto found = std::find_if(rules_.begin(), rules_.end(), [&](const Entry& entry) { return entry.key == key; });
    if (found == rules_.end()) {
      rules_.push_back({std::string(key), {.peers = std::move(peers), .ports = {}}});
      found = rules_.end() - 1;
    }
    auto& ports = found->rule.ports;
    const bool known = std::any_of(ports.begin(), ports.end(), [&](const NetworkPolicyPort& p) {
      return p.port == port.port && p.protocol == port.protocol;
    });
    if (!known) ports.push_back(port);
  }

  bool has(std::string_view key) const {
    return std::any_of(rules_.begin(), rules_.end(), [&](const Entry& entry) { return entry.key == key; });
  }

  std::vector<NetworkPolicyRule> take() && {
    std::vector<NetworkPolicyRule> out;
    out.reserve(rules_.size());
    for (Entry& entry : rules_) out.push_back(std::move(entry.rule));
    return out;
  }

 private:
  struct Entry {
    std::string key;
    NetworkPolicyRule rule;
  };
  std::vector<Entry> rules_;
};

NetworkPolicyPort tcp(int port) { return {.port = port, .protocol = Protocol::kTcp}; }
NetworkPolicyPort udp(int port) { return {.port = port, .protocol = Protocol::kUdp}; }

// The peers a config entry names; none means any peer.
std::vector<NetworkPolicyPeer> peersOf(const std::optional<NetworkPeerConfig>& config) {
  std::vector<NetworkPolicyPeer> peers;
  if (!config) return peers;
  if (config->cidrs) {
    for (const std::string& cidr : *config->cidrs) peers.push_back({.ipBlock = IpBlock{.cidr = cidr}});
    return peers;
  }
  NetworkPolicyPeer peer{.podLabels = config->podLabels.value_or(Labels{})};
  if (config->namespace_) peer.namespaceLabels = Labels{{std::string(kNamespaceNameLabel), *config->namespace_}};
  peers.push_back(std::move(peer));
  return peers;
}

NetworkPeerConfig defaultDns() {
  return {.namespace_ = "kube-system", .podLabels = Labels{{"k8s-app", "kube-dns"}}, .cidrs = std::nullopt};
}

// The listener of `target` on `port` that its Service carries and a program serves.
const Listener* servedListener(const ComponentSpec& target, int port, ListenerSwitches switches) {
  for (const Listener& listener : target.listeners) {
    if (listener.port == port && !listener.openedBy.empty() && onService(listener, switches)) return &listener;
  }
  return nullptr;
}

std::vector<NetworkPolicyRule> ingressRules(const ComponentSpec& spec, const NetworkPlanInput& input,
                                            const std::vector<NetworkPolicyPeer>& controller) {
  RuleSet rules;
  for (const Listener& listener : spec.listeners) {
    if (listener.openedBy.empty() || !onService(listener, input.switches)) continue;
    if (isEntryPoint(listener, input.switches)) {
      // Public through the ingress: the controller, or anyone when it is not named.
      if (controller.empty()) {
        rules.add("any", {}, tcp(listener.port));
        continue;  // the chart's own clients are among "any"
      }
      rules.add("ingress-controller", std::vector(controller), tcp(listener.port));
    }
    std::vector<NetworkPolicyPeer> clients;
    std::string key;
    for (const ComponentSpec& client : mailuComponents()) {
      const auto pods = input.pods.find(client.id);
      if (pods == input.pods.end()) continue;
      const bool connects = std::any_of(client.connections.begin(), client.connections.end(), [&](const Connection& c) {
        return c.to == spec.id && isMade(c, input.switches) &&
               std::find(c.ports.begin(), c.ports.end(), listener.port) != c.ports.end();
      });
      if (!connects) continue;
      clients.push_back({.podLabels = pods->second});
      key += std::string(client.name) + ",";
    }
    if (!clients.empty()) rules.add(key, std::move(clients), tcp(listener.port));
  }
  return std::move(rules).take();
}

std::vector<NetworkPolicyRule> egressRules(const ComponentSpec& spec, const NetworkPlanInput& input) {
  RuleSet rules;
  const NetworkPoliciesConfig& config = input.config;
  for (const Connection& connection : spec.connections) {
    if (!isMade(connection, input.switches)) continue;
    if (connection.to) {
      const auto pods = input.pods.find(*connection.to);
      if (pods == input.pods.end()) continue;
      const ComponentSpec& target = componentSpec(*connection.to);
      for (int port : connection.ports) {
        if (servedListener(target, port, input.switches) == nullptr) continue;
        rules.add(target.name, rules.has(target.name) ? std::vector<NetworkPolicyPeer>{}
                                                      : std::vector<NetworkPolicyPeer>{{.podLabels = pods->second}},
                  tcp(port));
      }
      continue;
    }
    switch (*connection.outside) {
      case Outside::kDns: {
        rules.add("dns", peersOf(config.dns ? config.dns : defaultDns()), udp(ports::kDns));
        rules.add("dns", {}, tcp(ports::kDns));
        break;
      }
      case Outside::kDatabase:
        if (input.databasePort) rules.add("database", peersOf(config.database), tcp(*input.databasePort));
        break;
      case Outside::kRedis:
        rules.add("redis", peersOf(config.redis), tcp(input.redisPort));
        break;
      case Outside::kInternet: {
        // Not the pod network, nor link-local (the cloud metadata service, 169.254.169.254).
        IpBlock internet{.cidr = "0.0.0.0/0"};
        const std::string podNetwork = ipv4Network(input.subnet);
        if (podNetwork != internet.cidr) internet.except = {podNetwork};
        if (podNetwork != kLinkLocal) internet.except.push_back(std::string(kLinkLocal));
        for (int port : connection.ports) rules.add("internet", {{.ipBlock = internet}}, tcp(port));
        for (int port : connection.udpPorts) rules.add("internet", {{.ipBlock = internet}}, udp(port));
        break;
      }
    }
  }
  return std::move(rules).take();
}

}  // namespace

std::string ipv4Network(const std::string& cidr) {
  const std::size_t slash = cidr.find('/');
  const int prefix = std::stoi(cidr.substr(slash + 1));
  std::uint32_t address = 0;
  std::size_t start = 0;
  for (int octet = 0; octet < 4; ++octet) {
    const std::size_t dot = cidr.find_first_of("./", start);
    address = address << 8 | static_cast<std::uint32_t>(std::stoi(cidr.substr(start, dot - start)));
    start = dot + 1;
  }
  const std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
  address &= mask;
  return fmt::format("{}.{}.{}.{}/{}", address >> 24, (address >> 16) & 0xff, (address >> 8) & 0xff, address & 0xff,
                     prefix);
}

std::vector<ComponentNetworkPolicy> planNetworkPolicies(const NetworkPlanInput& input) {
  const std::vector<NetworkPolicyPeer> controller = peersOf(input.config.ingressController);
  const bool egress = input.config.egress.value_or(false);
  std::vector<ComponentNetworkPolicy> policies;
  for (const ComponentSpec& spec : mailuComponents()) {
    const auto pods = input.pods.find(spec.id);
    if (pods == input.pods.end()) continue;
    ComponentNetworkPolicy policy{std::string(spec.name), pods->second, ingressRules(spec, input, controller)};
    if (egress) policy.egress = egressRules(spec, input);
    policies.push_back(std::move(policy));
  }
  return policies;
}

}  // namespace mailu
