#include "front_validation.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "config_formats.hpp"
#include "mailu/component_registry.hpp"
#include "problem_wording.hpp"
#include "value_checks.hpp"
#include "value_formats.hpp"

namespace mailu::validation {
namespace {

constexpr std::string_view kPath = "front.service";

// Whether two IPv4 networks share an address: the wider one holds the other.
bool overlap(const Ipv4Cidr& a, const Ipv4Cidr& b) {
  const Ipv4Cidr& wider = a.prefix <= b.prefix ? a : b;
  return (a.address & wider.mask()) == (b.address & wider.mask());
}

class FrontServiceValidator : ValueChecks {
 public:
  FrontServiceValidator(const MailuChartConfig& config, std::vector<ConfigProblem>& problems)
      : ValueChecks(problems), config_(config) {}

  void check(const FrontServiceConfig& service) {
    const ServiceKind type = service.type.value_or(ServiceKind::kLoadBalancer);
    values(service, type);
    if (!isEnabled(config_.components, Component::kFront)) {
      report(std::string(kPath), "has no front to expose: components.front is false");
    }
    if (traefikMailRoutes()) {
      report(std::string(kPath),
             "cannot be used with the Traefik mail routes (ingress.traefik.enableTcp): Traefik hands front decrypted "
             "mail on 465, 587, 993 and 995, where front.service has front end TLS itself; set "
             "ingress.traefik.enableTcp to false (the web Ingress stays)");
    }
    if (!service.certificateSecret && !traefikIngress()) {
      report(at("certificateSecret"),
             "is required without the Traefik ingress (whose certificate, mailu-tls, it uses otherwise): front ends "
             "TLS for the exposed ports with this kubernetes.io/tls Secret");
    }
    if (service.proxyProtocol) {
      trustedFrom(service.proxyProtocol->trustedFrom);
    } else if (exposesSmtp(service)) {
      hiddenClients(service, type);
    }
  }

 private:
  // "front.service.<key>": keys are the config's own names, dotted ones included.
  static std::string at(std::string_view key) { return fmt::format("{}.{}", kPath, key); }

  static bool exposable(int port) {
    const auto& ports = exposedMailPorts();
    return std::any_of(ports.begin(), ports.end(), [&](const ExposedMailPort& p) { return p.port == port; });
  }

  static std::string exposableList() {
    std::string list;
    for (const ExposedMailPort& port : exposedMailPorts()) list += (list.empty() ? "" : ", ") + std::to_string(port.port);
    return list;
  }

  void values(const FrontServiceConfig& service, ServiceKind type) {
    const std::string typeName(toString(type));
    if (service.loadBalancerIP) format(at("loadBalancerIP"), *service.loadBalancerIP, kLoadBalancerIpFormat);
    if (service.loadBalancerSourceRanges) {
      for (std::size_t i = 0; i < service.loadBalancerSourceRanges->size(); ++i) {
        format(fmt::format("{}[{}]", at("loadBalancerSourceRanges"), i), (*service.loadBalancerSourceRanges)[i],
               kIpNetworkFormat);
      }
    }
    if (type != ServiceKind::kLoadBalancer) {
      if (service.loadBalancerIP) report(at("loadBalancerIP"), fmt::format("is only for type LoadBalancer, not {}", typeName));
      if (service.loadBalancerSourceRanges) {
        report(at("loadBalancerSourceRanges"), fmt::format("is only for type LoadBalancer, not {}", typeName));
      }
    }
    if (type == ServiceKind::kClusterIp) {
      if (service.externalTrafficPolicy) {
        report(at("externalTrafficPolicy"), "is only for types NodePort and LoadBalancer, not ClusterIP");
      }
      if (service.nodePorts) report(at("nodePorts"), "is only for types NodePort and LoadBalancer, not ClusterIP");
    }
    if (service.annotations) labelKeyedMap(at("annotations"), *service.annotations, kAnnotationValueFormat);
    if (service.ports) {
      if (service.ports->empty()) report(at("ports"), fmt::format("must name at least one of {}", exposableList()), "[]");
      std::set<int> seen;
      for (std::size_t i = 0; i < service.ports->size(); ++i) {
        const int port = (*service.ports)[i];
        const std::string path = fmt::format("{}[{}]", at("ports"), i);
        if (!exposable(port)) {
          report(path, fmt::format("must be one of front's mail ports {} (the web stays with the ingress)", exposableList()),
                 std::to_string(port));
        } else if (!seen.insert(port).second) {
          report(path, "is given more than once", std::to_string(port));
        }
      }
    }
    std::set<int> nodePortsSeen;
    for (const auto& [port, nodePort] : service.nodePorts.value_or(std::map<int, int>{})) {
      const std::string path = joinPath(at("nodePorts"), std::to_string(port));
      // Kubernetes refuses two ports of a Service on one node port.
      if (!nodePortsSeen.insert(nodePort).second) {
        report(path, "is given to another port too: each port needs a node port of its own", std::to_string(nodePort));
      }
      if (!exposable(port)) {
        report(path, fmt::format("must be one of front's mail ports {}", exposableList()), std::to_string(port));
        continue;
      }
      if (nodePort < kPortRange.min || nodePort > kPortRange.max) {
        report(path, fmt::format("must be a whole number from {} to {}", kPortRange.min, kPortRange.max),
               std::to_string(nodePort));
      }
      if (!exposes(service, port)) report(path, fmt::format("has no effect: ports leaves {} out", port));
    }
    if (service.certificateSecret) format(at("certificateSecret"), *service.certificateSecret, kSecretNameFormat);
  }

  static bool exposes(const FrontServiceConfig& service, int port) {
    if (!service.ports) return exposable(port);
    return std::find(service.ports->begin(), service.ports->end(), port) != service.ports->end();
  }

  static bool exposesSmtp(const FrontServiceConfig& service) { return exposes(service, exposedMailPorts().front().port); }

  bool traefikIngress() const {
    const auto& ingress = config_.ingress;
    return ingress && ingress->enabled.value_or(false) && ingress->type == IngressType::kTraefik && ingress->traefik;
  }

  bool traefikMailRoutes() const { return traefikIngress() && config_.ingress->traefik->enableTcp.value_or(true); }

  // The header's address is believed from these peers only: a peer anyone
  // can be, or one the whole pod network is, would let a client claim an
  // address inside `subnet`, whom postfix relays for.
  void trustedFrom(const std::vector<std::string>& networks) {
    const std::string path = at("proxyProtocol.trustedFrom");
    if (networks.empty()) {
      report(path, "must name the load balancer's networks (where the PROXY headers come from), such as [192.0.2.1/32]", "[]");
    }
    const auto subnet = parseIpv4Cidr(config_.subnet);
    for (std::size_t i = 0; i < networks.size(); ++i) {
      const std::string item = fmt::format("{}[{}]", path, i);
      const std::string& network = networks[i];
      const auto parsed = parseIpNetwork(network);
      if (!parsed) {
        format(item, network, kIpNetworkFormat);
        continue;
      }
      // As wide as relay.relayNets may be: a load balancer's network is
      // narrower still.
      if (!isRelayNetwork(network)) {
        report(item,
               "must be a load balancer's network, IPv4 /8 or narrower or IPv6 /16 or narrower: anyone in a wider one "
               "could send a PROXY header naming an address inside subnet and have port 25 relay mail anywhere",
               describeString(network));
        continue;
      }
      // A pod's address would be believed, so any pod could claim another
      // inside subnet. One address (/32, such as a node's bridge that
      // externalTrafficPolicy Cluster sends from) is no pod's.
      const auto ipv4 = parsed->ipv6 ? std::nullopt : parseIpv4Cidr(network);
      if (ipv4 && subnet && ipv4->prefix < 32 && overlap(*ipv4, *subnet)) {
        report(item,
               fmt::format("must not share addresses with the pod network ({}) but for single addresses (/32): a pod "
                           "there could send a PROXY header naming another address inside it and have port 25 relay "
                           "mail anywhere; name the load balancer's addresses (or the nodes' with "
                           "externalTrafficPolicy Cluster)",
                           config_.subnet),
               describeString(network));
      }
    }
  }

  // Port 25 without the PROXY protocol: front must see the client's own
  // address, or the address it sees may be inside `subnet` (Mailu's SUBNET,
  // postfix's mynetworks: core/postfix/conf/main.cf), for whom postfix
  // relays to anywhere.
  void hiddenClients(const FrontServiceConfig& service, ServiceKind type) {
    if (type == ServiceKind::kClusterIp) {
      report(at("type"),
             "cannot be ClusterIP with port 25 and no proxyProtocol: a ClusterIP Service is reached through a proxy "
             "in the cluster, whose pod address is inside subnet (which Mailu trusts to relay), so port 25 would "
             "relay mail for anyone; give proxyProtocol, use NodePort or LoadBalancer, or leave 25 out of ports",
             "ClusterIP");
    } else if (service.externalTrafficPolicy.value_or(TrafficPolicy::kLocal) == TrafficPolicy::kCluster) {
      report(at("externalTrafficPolicy"),
             "cannot be Cluster with port 25 and no proxyProtocol: Cluster replaces each client's address with a "
             "node's, often one inside subnet (which Mailu trusts to relay), so port 25 would relay mail for anyone; "
             "use Local (the default), give proxyProtocol, or leave 25 out of ports",
             "Cluster");
    }
  }

  const MailuChartConfig& config_;
};

}  // namespace

void checkFrontService(const MailuChartConfig& config, std::vector<ConfigProblem>& problems) {
  if (!config.front || !config.front->service) return;
  FrontServiceValidator(config, problems).check(*config.front->service);
}

}  // namespace mailu::validation
