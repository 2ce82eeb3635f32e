#include "mailu/deployment_diagram.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "mailu_ports.hpp"
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

// Whether a rule's peers take the pods with `labels` (in the chart's namespace).
bool takesPods(const plus::NetworkPolicyRule& rule, const plus::Labels& labels) {
  if (rule.peers.empty()) return true;
  return std::any_of(rule.peers.begin(), rule.peers.end(), [&](const plus::NetworkPolicyPeer& peer) {
    if (peer.ipBlock || peer.namespaceLabels || !peer.podLabels) return false;
    return std::all_of(peer.podLabels->begin(), peer.podLabels->end(), [&](const auto& label) {
      const auto found = labels.find(label.first);
      return found != labels.end() && found->second == label.second;
    });
  });
}

// Whether a rule's peers are only pods of the chart: not the way in from outside.
bool onlyChartPods(const plus::NetworkPolicyRule& rule) {
  return !rule.peers.empty() && std::all_of(rule.peers.begin(), rule.peers.end(), [](const plus::NetworkPolicyPeer& peer) {
    return peer.podLabels && !peer.namespaceLabels && !peer.ipBlock;
  });
}

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

std::string_view serviceTypeName(plus::ServiceType type) {
  switch (type) {
    case plus::ServiceType::kClusterIp: return "ClusterIP";
    case plus::ServiceType::kNodePort: return "NodePort";
    case plus::ServiceType::kLoadBalancer: return "LoadBalancer";
  }
  return "";
}

class GraphBuilder {
 public:
  explicit GraphBuilder(MailuChart& chart)
      : chart_(chart), settings_(chart.settings()), plan_(networkPlanInput(chart)) {
    graph_.networkPolicies = settings_.networkPolicies;
    if (graph_.networkPolicies) {
      for (ComponentNetworkPolicy& policy : planNetworkPolicies(plan_)) {
        policies_.emplace(policy.component, std::move(policy));
      }
      graph_.egressIsolated = plan_.config.egress.value_or(false);
    }
  }

  DeploymentGraph build() && {
    addWaysIn();
    for (const ComponentSpec& spec : mailuComponents()) {
      if (plan_.pods.contains(spec.id)) node(std::string(spec.name), std::string(spec.name), DiagramGroup::kMailu);
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
  void node(std::string id, std::string label, DiagramGroup group) {
    const bool known = std::any_of(graph_.nodes.begin(), graph_.nodes.end(),
                                   [&](const DiagramNode& existing) { return existing.id == id; });
    if (!known) graph_.nodes.push_back({std::move(id), std::move(label), group});
  }

  const ComponentNetworkPolicy* policyOf(Component component) const {
    const auto found = policies_.find(std::string(componentSpec(component).name));
    return found == policies_.end() ? nullptr : &found->second;
  }

  // Into `to`'s pods on `port`, from the pods with `fromLabels` or, when
  // none, from outside the chart (the ingress controller, the internet).
  DiagramPolicy ingressPolicy(Component to, int port, const std::optional<plus::Labels>& fromLabels) const {
    if (!graph_.networkPolicies) return DiagramPolicy::kUnrestricted;
    const ComponentNetworkPolicy* policy = policyOf(to);
    if (policy == nullptr) return DiagramPolicy::kUnrestricted;
    const bool allowed = std::any_of(policy->ingress.begin(), policy->ingress.end(), [&](const plus::NetworkPolicyRule& rule) {
      if (!coversPort(rule, port, plus::Protocol::kTcp)) return false;
      return fromLabels ? takesPods(rule, *fromLabels) : !onlyChartPods(rule);
    });
    return allowed ? DiagramPolicy::kAllowed : DiagramPolicy::kBlocked;
  }

  // Out of `from`'s pods: to the pods with `toLabels`, or outside the chart.
  DiagramPolicy egressPolicy(Component from, int port, plus::Protocol protocol,
                             const std::optional<plus::Labels>& toLabels) const {
    if (!graph_.networkPolicies) return DiagramPolicy::kUnrestricted;
    const ComponentNetworkPolicy* policy = policyOf(from);
    if (policy == nullptr || !policy->egress) return DiagramPolicy::kUnrestricted;
    const bool allowed = std::any_of(policy->egress->begin(), policy->egress->end(), [&](const plus::NetworkPolicyRule& rule) {
      if (!coversPort(rule, port, protocol)) return false;
      return toLabels ? takesPods(rule, *toLabels) : !onlyChartPods(rule);
    });
    return allowed ? DiagramPolicy::kAllowed : DiagramPolicy::kBlocked;
  }

  // Both ends: blocked if either blocks, allowed if one allows and the other does too or is open.
  static DiagramPolicy both(DiagramPolicy out, DiagramPolicy in) {
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
        node(id, fmt::format("Traefik {} :{}", route.entryPoint, route.publicPort), DiagramGroup::kEdge);
        node(std::string(kClients), "clients on the internet", DiagramGroup::kClients);
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
                                .detail = route.web ? "the web Ingress (mailu-webmail)" : "IngressRouteTCP mailu-" + std::string(route.id),
                                .policy = ingressPolicy(route.backend, route.backendPort, std::nullopt), .route = true});
      }
    }
    if (settings_.front && settings_.front->exposure && plan_.pods.contains(Component::kFront)) {
      const FrontExposure& exposure = *settings_.front->exposure;
      std::vector<int> ports;
      for (const ExposedMailPort& port : exposure.ports) ports.push_back(port.port);
      const std::string id = "front-service";
      node(id, fmt::format("front's {} Service", serviceTypeName(exposure.type)), DiagramGroup::kEdge);
      node(std::string(kClients), exposure.proxyProtocol() ? "the load balancer" : "clients on the internet",
           DiagramGroup::kClients);
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
                                .policy = ingressPolicy(Component::kFront, target, std::nullopt), .route = true});
      }
    }
    addIngressControllerWays(routed);
  }

  // The entry points no way in of the chart's reaches: the NetworkPolicies
  // still let the ingress controller in there (a route of the user's own;
  // anyone when no controller is named).
  void addIngressControllerWays(const std::set<std::pair<Component, int>>& routed) {
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
      node(id, plan_.config.ingressController ? "your ingress controller" : "your ingress controller (not named)",
           DiagramGroup::kEdge);
      std::map<DiagramPolicy, std::vector<int>> byPolicy;
      for (int port : ports) byPolicy[ingressPolicy(spec.id, port, std::nullopt)].push_back(port);
      for (auto& [policy, group] : byPolicy) {
        graph_.edges.push_back({.from = id, .to = std::string(spec.name), .tcpPorts = group,
                                .label = namedPorts(spec, group) + ", no route of the chart's",
                                .detail = "the chart makes no route here; the NetworkPolicies let the ingress controller in",
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
            both(egressPolicy(from.id, port, plus::Protocol::kTcp, target->second),
                 ingressPolicy(*connection.to, port, plan_.pods.at(from.id)));
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
    std::string portNames;
    switch (*connection.outside) {
      case Outside::kDns:
        id = "dns", label = "the cluster's DNS";
        tcp = {ports::kDns}, udp = {ports::kDns};
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
    node(id, label, DiagramGroup::kOutside);
    std::map<DiagramPolicy, std::pair<std::vector<int>, std::vector<int>>> byPolicy;
    for (int port : tcp) byPolicy[egressPolicy(from.id, port, plus::Protocol::kTcp, std::nullopt)].first.push_back(port);
    for (int port : udp) byPolicy[egressPolicy(from.id, port, plus::Protocol::kUdp, std::nullopt)].second.push_back(port);
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

DeploymentGraph deploymentGraph(MailuChart& chart) { return GraphBuilder(chart).build(); }

}  // namespace mailu
