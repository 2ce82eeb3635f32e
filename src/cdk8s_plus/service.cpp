#include "cdk8s_plus/service.hpp"

#include <stdexcept>

#include "cdk8s_plus/deployment.hpp"

namespace cdk8s::plus {

const char* toString(ServiceType type) {
  switch (type) {
    case ServiceType::kClusterIp:
      return "ClusterIP";
    case ServiceType::kNodePort:
      return "NodePort";
    case ServiceType::kLoadBalancer:
      return "LoadBalancer";
  }
  return "";
}

Service::Service(Construct& scope, std::string_view id, ServiceProps props)
    : Resource(scope, id, "v1", "Service", std::move(props.metadata)),
      type_(props.type),
      ports_(std::move(props.ports)),
      externalIPs_(std::move(props.externalIPs)),
      externalTrafficPolicy_(props.externalTrafficPolicy),
      loadBalancerIP_(std::move(props.loadBalancerIP)),
      loadBalancerSourceRanges_(std::move(props.loadBalancerSourceRanges)) {
  if (type_ == ServiceType::kClusterIp && externalTrafficPolicy_) {
    throw std::invalid_argument("externalTrafficPolicy is only for NodePort and LoadBalancer Services");
  }
  if (type_ != ServiceType::kLoadBalancer && (loadBalancerIP_ || !loadBalancerSourceRanges_.empty())) {
    throw std::invalid_argument("loadBalancerIP and loadBalancerSourceRanges are only for LoadBalancer Services");
  }
  if (props.selector != nullptr) selector_ = props.selector->matchLabels();
  apiObject().setLazy("spec", [this] { return renderSpec(); });
}

Json Service::renderSpec() const {
  if (ports_.empty()) throw std::logic_error("A service must be configured with a port");
  Json ports = Json::array();
  for (const ServicePort& port : ports_) {
    Json entry = jsonObject("port", port.port);
    if (port.name) entry["name"] = *port.name;
    if (port.targetPort) entry["targetPort"] = *port.targetPort;
    if (port.protocol) entry["protocol"] = plus::toString(*port.protocol);
    if (port.nodePort) {
      if (type_ == ServiceType::kClusterIp) throw std::invalid_argument("a ClusterIP Service has no node ports");
      entry["nodePort"] = *port.nodePort;
    }
    ports.push_back(std::move(entry));
  }
  Json spec = jsonObject("externalIPs", externalIPs_, "type", toString(type_), "selector", selector_, "ports",
                         std::move(ports));
  if (externalTrafficPolicy_) {
    spec["externalTrafficPolicy"] = *externalTrafficPolicy_ == ExternalTrafficPolicy::kLocal ? "Local" : "Cluster";
  }
  if (loadBalancerIP_) spec["loadBalancerIP"] = *loadBalancerIP_;
  if (!loadBalancerSourceRanges_.empty()) spec["loadBalancerSourceRanges"] = loadBalancerSourceRanges_;
  return spec;
}

}  // namespace cdk8s::plus
