#include "mailu/deployment_diagram.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "mailu_ports.hpp"
#include "deployment_graph.hpp"
#include "network_plan.hpp"

namespace mailu {
namespace {

namespace plus = cdk8s::plus;

constexpr std::string_view kInternet = "internet";
constexpr std::string_view kClients = "clients";

// The ports of a rule, or every port when it names none.
bool coversPort(const plus::NetworkPolicyRule& rule, int port, plus::Protocol protocol) {
  if (rule.ports.empty()) return true;
  return std::any_of(rule.ports.begin(), rule.ports.end(), [&](const plus::NetworkPolicyPort& entry) {
    return entry.protocol == protocol && port >= entry.port && port <= entry.endPort.value_or(entry.port);
  });
}

// Whether a rule lets in (or out) a connection with `peers` at the other
// end: a rule with no peers takes any; else it must name each of them. An
// end the plan leaves unnamed (`peers` empty: anyone) needs a rule for any.
bool takesPeers(const plus::NetworkPolicyRule& rule, const std::vector<plus::NetworkPolicyPeer>& peers) {
  if (rule.peers.empty()) return true;
  if (peers.empty()) return false;
  return std::all_of(peers.begin(), peers.end(), [&](const plus::NetworkPolicyPeer& peer) {
    return std::find(rule.peers.begin(), rule.peers.end(), peer) != rule.peers.end();
  });
}

// The peer the plan names a component's pods by.
std::vector<plus::NetworkPolicyPeer> podsPeer(const plus::Labels& labels) { return {{.podLabels = labels}}; }

std::string portList(const std::vector<int>& tcp, const std::vector<int>& udp) {
  std::string text;
  for (int port : tcp) text += (text.empty() ? "" : ", ") + std::to_string(port);
  for (int port : udp) text += (text.empty() ? "" : ", ") + std::to_string(port) + "/udp";
  return text;
}

// "8080 http", "143 imap, 110 pop3": each port with the target's name for it.
std::string namedPorts(const ComponentSpec& target, const std::vector<int>& ports) {
  std::string text;
  for (int port : ports) {
    const auto listener = std::find_if(target.listeners.begin(), target.listeners.end(),
                                       [&](const Listener& l) { return l.port == port; });
    text += (text.empty() ? "" : ", ") + std::to_string(port);
    if (listener != target.listeners.end()) text += " " + std::string(listener->name);
  }
  return text;
}

class GraphBuilder {
 public:
  // `policies`: none when the chart writes no NetworkPolicies.
  GraphBuilder(MailuChart& chart, NetworkPlanInput plan, std::optional<std::vector<ComponentNetworkPolicy>> policies)
      : chart_(chart), settings_(chart.settings()), plan_(std::move(plan)) {
    graph_.networkPolicies = policies.has_value();
    if (policies) {
      for (ComponentNetworkPolicy& policy : *policies) policies_.emplace(policy.component, std::move(policy));
    }
  }

  DeploymentGraph build() && {
    addWaysIn();
    for (const ComponentSpec& spec : mailuComponents()) {
      if (plan_.pods.contains(spec.id)) addNode(std::string(spec.name), std::string(spec.name), DiagramGroup::kMailu);
    }
    for (const ComponentSpec& spec : mailuComponents()) {
      if (!plan_.pods.contains(spec.id)) continue;
      for (const Connection& connection : spec.connections) {
        if (isMade(connection, settings_.switches)) addConnection(spec, connection);
      }
    }
    // The groups in order, each in the order its nodes were met.
    std::stable_sort(graph_.nodes.begin(), graph_.nodes.end(),
                     [](const DiagramNode& a, const DiagramNode& b) { return a.group < b.group; });
    return std::move(graph_);
  }

 private:
  // The first call for an id adds it; later ones find it there.
  void addNode(std::string id, std::string label, DiagramGroup group) {
    const bool known = std::any_of(graph_.nodes.begin(), graph_.nodes.end(),
                                   [&](const DiagramNode& existing) { return existing.id == id; });
    if (!known) graph_.nodes.push_back({std::move(id), std::move(label), group});
  }

  // Null without NetworkPolicies.
  const ComponentNetworkPolicy* policyOf(Component component) const {
    const auto found = policies_.find(std::string(componentSpec(component).name));
    return found == policies_.end() ? nullptr : &found->second;
  }

  // What `rules` say about a connection on `port` with `peers` at the other
  // end (the peers the plan names that end by; none: anyone). No rules: the
  // pods are not isolated that way.
  static DiagramPolicy verdict(const std::vector<plus::NetworkPolicyRule>* rules, int port, plus::Protocol protocol,
                               const std::vector<plus::NetworkPolicyPeer>& peers) {
    if (rules == nullptr) return DiagramPolicy::kUnrestricted;
    const bool allowed = std::any_of(rules->begin(), rules->end(), [&](const plus::NetworkPolicyRule& rule) {
      return coversPort(rule, port, protocol) && takesPeers(rule, peers);
    });
    return allowed ? DiagramPolicy::kAllowed : DiagramPolicy::kBlocked;
  }

  // Into `to`'s pods on `port`, from `from`.
  DiagramPolicy ingressPolicy(Component to, int port, const std::vector<plus::NetworkPolicyPeer>& from) const {
    const ComponentNetworkPolicy* policy = policyOf(to);
    return verdict(policy != nullptr ? &policy->ingress : nullptr, port, plus::Protocol::kTcp, from);
  }

  // Out of `from`'s pods to `to`, on `port`.
  DiagramPolicy egressPolicy(Component from, int port, plus::Protocol protocol,
                             const std::vector<plus::NetworkPolicyPeer>& to) const {
    const ComponentNetworkPolicy* policy = policyOf(from);
    return verdict(policy != nullptr && policy->egress ? &*policy->egress : nullptr, port, protocol, to);
  }

  // A connection between two pods: blocked if either end blocks it, open
  // if neither is isolated, else allowed.
  static DiagramPolicy atBothEnds(DiagramPolicy out, DiagramPolicy in) {
    if (out == DiagramPolicy::kBlocked || in == DiagramPolicy::kBlocked) return DiagramPolicy::kBlocked;
    if (out == DiagramPolicy::kUnrestricted && in == DiagramPolicy::kUnrestricted) return DiagramPolicy::kUnrestricted;
    return DiagramPolicy::kAllowed;
  }

  void addWaysIn() {
    std::set<std::pair<Component, int>> routed;  // the backends' ports a way in of the chart's reaches
    if (settings_.traefikIngress) {
      for (const TraefikRoute& route : traefikRoutes(*settings_.traefikIngress)) {
        if (!plan_.pods.contains(route.backend)) continue;
        routed.emplace(route.backend, route.backendPort);
        const std::string id = "traefik-" + std::string(route.entryPoint);
        addNode(id, fmt::format("Traefik {} :{}", route.entryPoint, route.publicPort), DiagramGroup::kEdge);
        addNode(std::string(kClients), "clients on the internet", DiagramGroup::kClients);
        graph_.edges.push_back({.from = std::string(kClients), .to = id, .tcpPorts = {route.publicPort},
                                .label = std::to_string(route.publicPort),
                                .detail = route.web ? "HTTPS" : "mail clients and servers",
                                .policy = DiagramPolicy::kUnrestricted, .route = true});
        std::string how = route.tlsAtTraefik ? "TLS at Traefik" : "no TLS at Traefik";
        if (route.proxyProtocol) how += ", PROXY v2";
        if (route.connectionLimit) how += ", connection limit";
        graph_.edges.push_back({.from = id, .to = std::string(componentSpec(route.backend).name),
                                .tcpPorts = {route.backendPort},
                                .label = fmt::format("{}, {}", namedPorts(componentSpec(route.backend), {route.backendPort}), how),
                                .detail = fmt::format("{} {}", route.web ? "Ingress" : "IngressRouteTCP", route.name),
                                .policy = ingressPolicy(route.backend, route.backendPort, controllerPeers(plan_)),
                                .route = true});
      }
    }
    if (settings_.front && settings_.front->exposure && plan_.pods.contains(Component::kFront)) {
      const FrontExposure& exposure = *settings_.front->exposure;
      std::vector<int> ports;
      for (const ExposedMailPort& port : exposure.ports) ports.push_back(port.port);
      const std::string id = "front-service";
      std::string label = fmt::format("front's {} Service", plus::toString(exposure.type));
      if (exposure.proxyProtocol()) label += ", PROXY from " + fmt::format("{}", fmt::join(exposure.proxyTrustedFrom, ", "));
      addNode(id, std::move(label), DiagramGroup::kEdge);
      addNode(std::string(kClients), "clients on the internet", DiagramGroup::kClients);
      graph_.edges.push_back({.from = std::string(kClients), .to = id, .tcpPorts = ports, .label = portList(ports, {}),
                              .detail = exposure.proxyProtocol() ? "through the load balancer, which sends the PROXY protocol"
                                                                 : "straight from the clients",
                              .policy = DiagramPolicy::kUnrestricted, .route = true});
      for (const ExposedMailPort& port : exposure.ports) {
        const int target = exposure.targetPort(port);
        routed.emplace(Component::kFront, target);
        std::string label = fmt::format("{} {}, TLS at front", target, port.name);
        if (exposure.proxyProtocol()) label += ", PROXY v2";
        graph_.edges.push_back({.from = id, .to = "front", .tcpPorts = {target}, .label = std::move(label),
                                .detail = fmt::format("clients' port {}", port.port),
                                .policy = ingressPolicy(Component::kFront, target, exposureClientPeers(plan_)),
                                .route = true});
      }
    }
    addIngressControllerWays(routed);
  }

  // The entry points no way in of the chart's reaches: the NetworkPolicies
  // still let the ingress controller in there (a route of the user's own;
  // anyone when no controller is named).
  void addIngressControllerWays(const std::set<std::pair<Component, int>>& routed) {
    if (!graph_.networkPolicies) return;  // then every pod may connect anywhere: nothing to say
    const std::string id = "ingress-controller";
    for (const ComponentSpec& spec : mailuComponents()) {
      if (!plan_.pods.contains(spec.id)) continue;
      std::vector<int> ports;
      for (const Listener& listener : spec.listeners) {
        if (isEntryPoint(listener, settings_.switches) && isServed(listener, settings_.switches) &&
            !routed.contains({spec.id, listener.port})) {
          ports.push_back(listener.port);
        }
      }
      if (ports.empty()) continue;
      addNode(id, plan_.config.ingressController ? "your ingress controller" : "your ingress controller (not named)",
           DiagramGroup::kEdge);
      std::map<DiagramPolicy, std::vector<int>> byPolicy;
      for (int port : ports) byPolicy[ingressPolicy(spec.id, port, controllerPeers(plan_))].push_back(port);
      for (auto& [policy, group] : byPolicy) {
        graph_.edges.push_back({.from = id, .to = std::string(spec.name), .tcpPorts = group,
                                .label = namedPorts(spec, group) + ", no route of the chart's",
                                .detail = "the chart makes no route here; the NetworkPolicies keep the port for the ingress controller",
                                .policy = policy, .route = true});
      }
    }
  }

  void addConnection(const ComponentSpec& from, const Connection& connection) {
    const std::string fromId(from.name);
    if (connection.to) {
      const auto target = plan_.pods.find(*connection.to);
      if (target == plan_.pods.end()) return;
      const ComponentSpec& to = componentSpec(*connection.to);
      // One edge per verdict, so each edge says one thing.
      std::map<DiagramPolicy, std::vector<int>> byPolicy;
      for (int port : connection.ports) {
        const DiagramPolicy policy =
            atBothEnds(egressPolicy(from.id, port, plus::Protocol::kTcp, podsPeer(target->second)),
                       ingressPolicy(*connection.to, port, podsPeer(plan_.pods.at(from.id))));
        byPolicy[policy].push_back(port);
      }
      for (auto& [policy, ports] : byPolicy) {
        graph_.edges.push_back({.from = fromId, .to = std::string(to.name), .tcpPorts = ports,
                                .label = namedPorts(to, ports), .detail = std::string(connection.why), .policy = policy});
      }
      return;
    }
    const MailuChartConfig& config = chart_.config();
    std::string id;
    std::string label;
    std::vector<int> tcp = connection.ports;
    std::vector<int> udp = connection.udpPorts;
    switch (*connection.outside) {
      case Outside::kDns:
        id = "dns", label = "the cluster's DNS";
        break;
      case Outside::kDatabase:
        if (!plan_.databasePort || !config.database.postgresql) return;
        id = "database", label = fmt::format("PostgreSQL {}", config.database.postgresql->host);
        tcp = {*plan_.databasePort};
        break;
      case Outside::kRedis:
        id = "redis", label = fmt::format("Redis {}", config.redis.host);
        tcp = {plan_.redisPort};
        break;
      case Outside::kInternet:
        id = std::string(kInternet), label = "the internet";
        break;
      case Outside::kRelay:
        if (!settings_.postfix.relay) return;
        id = "relay", label = fmt::format("smarthost {}", settings_.postfix.relay->host);
        tcp = {settings_.postfix.relay->port};
        break;
    }
    addNode(id, label, DiagramGroup::kOutside);
    const std::vector<plus::NetworkPolicyPeer> peers = outsidePeers(*connection.outside, plan_);
    std::map<DiagramPolicy, std::pair<std::vector<int>, std::vector<int>>> byPolicy;
    for (int port : tcp) byPolicy[egressPolicy(from.id, port, plus::Protocol::kTcp, peers)].first.push_back(port);
    for (int port : udp) byPolicy[egressPolicy(from.id, port, plus::Protocol::kUdp, peers)].second.push_back(port);
    for (auto& [policy, ports] : byPolicy) {
      graph_.edges.push_back({.from = fromId, .to = id, .tcpPorts = ports.first, .udpPorts = ports.second,
                              .label = portList(ports.first, ports.second), .detail = std::string(connection.why),
                              .policy = policy});
    }
  }

  MailuChart& chart_;
  const ChartSettings& settings_;
  NetworkPlanInput plan_;
  std::map<std::string, ComponentNetworkPolicy> policies_;  // by component name
  DeploymentGraph graph_;
};

}  // namespace

DeploymentGraph deploymentGraph(MailuChart& chart) {
  NetworkPlanInput plan = networkPlanInput(chart);
  std::optional<std::vector<ComponentNetworkPolicy>> policies;
  if (chart.settings().networkPolicies) policies = planNetworkPolicies(plan);
  return GraphBuilder(chart, std::move(plan), std::move(policies)).build();
}

DeploymentGraph deploymentGraphWith(MailuChart& chart, std::vector<ComponentNetworkPolicy> policies) {
  return GraphBuilder(chart, networkPlanInput(chart), std::move(policies)).build();
}

}  // namespace mailu
