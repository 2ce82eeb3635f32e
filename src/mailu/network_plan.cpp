#include "network_plan.hpp"

#include <algorithm>
#include <stdexcept>

#include "mailu/mailu_chart.hpp"
#include "value_formats.hpp"
#include "mailu_ports.hpp"

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
// peers, its ports in the order they were added. `key` names the peer set;
// `peers()` makes it, once, for the key's first port.
class RuleSet {
 public:
  template <class MakePeers>
  void add(std::string_view key, NetworkPolicyPort port, MakePeers peers) {
    auto found = std::find_if(rules_.begin(), rules_.end(), [&](const Entry& entry) { return entry.key == key; });
    if (found == rules_.end()) {
      rules_.push_back({std::string(key), {.peers = peers(), .ports = {}}});
      found = rules_.end() - 1;
    }
    auto& ports = found->rule.ports;
    const bool known = std::any_of(ports.begin(), ports.end(), [&](const NetworkPolicyPort& p) {
      return p.port == port.port && p.protocol == port.protocol;
    });
    if (!known) ports.push_back(port);
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

std::vector<NetworkPolicyPeer> anyPeer() { return {}; }

// Any public address: not the pod network, nor link-local (the cloud
// metadata service, 169.254.169.254).
IpBlock internetBlock(const std::string& subnet) {
  const auto podCidr = validation::parseIpv4Cidr(subnet);
  if (!podCidr) throw std::logic_error("subnet is not an IPv4 CIDR: the config loader checks it");
  IpBlock internet{.cidr = "0.0.0.0/0"};
  const std::string podNetwork = podCidr->network();
  if (podNetwork != internet.cidr) internet.except = {podNetwork};
  if (podNetwork != kLinkLocal) internet.except.push_back(std::string(kLinkLocal));
  return internet;
}

std::vector<NetworkPolicyPeer> internetPeers(const std::string& subnet) { return {{.ipBlock = internetBlock(subnet)}}; }

std::vector<NetworkPolicyRule> ingressRules(const ComponentSpec& spec, const NetworkPlanInput& input,
                                            const std::vector<NetworkPolicyPeer>& controller) {
  RuleSet rules;
  for (const Listener& listener : spec.listeners) {
    if (!isServed(listener, input.switches)) continue;
    if (isEntryPoint(listener, input.switches)) {
      // Public through the ingress: the controller, or anyone when it is not named.
      if (controller.empty()) {
        rules.add("any", tcp(listener.port), anyPeer);
        continue;  // the chart's own clients are among "any"
      }
      rules.add("ingress-controller", tcp(listener.port), [&] { return controller; });
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
    if (!clients.empty()) rules.add(key, tcp(listener.port), [&] { return std::move(clients); });
  }
  if (spec.id == Component::kFront) {
    for (int port : input.exposedFrontPorts) {
      rules.add(input.exposedFrom.empty() ? "internet" : "load-balancer", tcp(port), [&] { return exposureClientPeers(input); });
    }
  }
  return std::move(rules).take();
}

std::vector<NetworkPolicyRule> egressRules(const ComponentSpec& spec, const NetworkPlanInput& input) {
  RuleSet rules;
  const auto internet = [&] { return outsidePeers(Outside::kInternet, input); };
  for (const Connection& connection : spec.connections) {
    if (!isMade(connection, input.switches)) continue;
    if (connection.to) {
      const auto pods = input.pods.find(*connection.to);
      if (pods == input.pods.end()) continue;
      const ComponentSpec& target = componentSpec(*connection.to);
      for (const Listener& listener : target.listeners) {
        const bool dialed = std::find(connection.ports.begin(), connection.ports.end(), listener.port) !=
                            connection.ports.end();
        if (!dialed || !isServed(listener, input.switches)) continue;
        rules.add(target.name, tcp(listener.port),
                  [&] { return std::vector<NetworkPolicyPeer>{{.podLabels = pods->second}}; });
      }
      continue;
    }
    switch (*connection.outside) {
      case Outside::kDns: {
        auto resolver = [&] { return outsidePeers(Outside::kDns, input); };
        for (int port : connection.udpPorts) rules.add("dns", udp(port), resolver);
        for (int port : connection.ports) rules.add("dns", tcp(port), resolver);
        break;
      }
      case Outside::kDatabase:
        if (input.databasePort) {
          rules.add("database", tcp(*input.databasePort), [&] { return outsidePeers(Outside::kDatabase, input); });
        }
        break;
      case Outside::kRedis:
        rules.add("redis", tcp(input.redisPort), [&] { return outsidePeers(Outside::kRedis, input); });
        break;
      case Outside::kInternet:
        for (int port : connection.ports) rules.add("internet", tcp(port), internet);
        for (int port : connection.udpPorts) rules.add("internet", udp(port), internet);
        break;
      case Outside::kRelay:
        if (input.relayPort) rules.add("relay", tcp(*input.relayPort), [&] { return outsidePeers(Outside::kRelay, input); });
        break;
    }
  }
  return std::move(rules).take();
}

}  // namespace

std::vector<NetworkPolicyPeer> controllerPeers(const NetworkPlanInput& input) {
  return peersOf(input.config.ingressController);
}

std::vector<NetworkPolicyPeer> exposureClientPeers(const NetworkPlanInput& input) {
  // The internet, not "any": front hands port 25's mail to postfix with
  // the client's address (XCLIENT), and postfix relays for `subnet`, so a
  // pod, or a load balancer that forwards through a pod of its own (k3s's
  // ServiceLB), must not reach it as itself.
  if (input.exposedFrom.empty()) return internetPeers(input.subnet);
  return peersOf(NetworkPeerConfig{.cidrs = input.exposedFrom});
}

std::vector<NetworkPolicyPeer> outsidePeers(Outside peer, const NetworkPlanInput& input) {
  const NetworkPoliciesConfig& config = input.config;
  switch (peer) {
    case Outside::kDns: return peersOf(config.dns ? config.dns : defaultDns());
    case Outside::kDatabase: return peersOf(config.database);
    case Outside::kRedis: return peersOf(config.redis);
    case Outside::kInternet:
    case Outside::kRelay: return internetPeers(input.subnet);
  }
  return {};
}

NetworkPlanInput networkPlanInput(MailuChart& chart) {
  const MailuChartConfig& config = chart.config();
  const ChartSettings& settings = chart.settings();
  NetworkPlanInput input;
  for (const ComponentSpec& spec : mailuComponents()) {
    if (ComponentConstruct* built = chart.component(spec.id)) input.pods.emplace(spec.id, built->deployment().matchLabels());
  }
  input.switches = settings.switches;
  if (config.networkPolicies) input.config = *config.networkPolicies;
  input.subnet = config.subnet;
  if (settings.context.database) input.databasePort = settings.postgresqlPort;
  input.redisPort = settings.redisPort;
  if (settings.postfix.relay) input.relayPort = settings.postfix.relay->port;
  if (settings.front && settings.front->exposure) {
    const FrontExposure& exposure = *settings.front->exposure;
    for (const ExposedMailPort& port : exposure.ports) input.exposedFrontPorts.push_back(exposure.targetPort(port));
    input.exposedFrom = exposure.proxyTrustedFrom;
  }
  return input;
}

std::vector<ComponentNetworkPolicy> planNetworkPolicies(const NetworkPlanInput& input) {
  const std::vector<NetworkPolicyPeer> controller = controllerPeers(input);  // once, not per component
  const bool egress = input.config.egress.value_or(false);
  std::vector<ComponentNetworkPolicy> policies;
  for (const ComponentSpec& spec : mailuComponents()) {
    const auto pods = input.pods.find(spec.id);
    if (pods == input.pods.end()) continue;
    ComponentNetworkPolicy policy{std::string(spec.name), pods->second, ingressRules(spec, input, controller)};
    // A component that connects nowhere, not even to DNS (oletools, tika:
    // they only answer, and they parse attachments from anyone), has its
    // egress denied whether or not the others' is isolated.
    if (egress || spec.connections.empty()) policy.egress = egressRules(spec, input);
    policies.push_back(std::move(policy));
  }
  return policies;
}

}  // namespace mailu
