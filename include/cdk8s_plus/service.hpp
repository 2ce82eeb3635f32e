// A Kubernetes Service, ClusterIP by default, selecting the pods of a
// Deployment by its selector label. `externalIPs` is always written (empty by
// default), as cdk8s-plus does; the other optional fields only when set.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <cdk8s_plus/container.hpp>
#include <cdk8s_plus/resource.hpp>

namespace cdk8s::plus {

class Deployment;

enum class ServiceType { kClusterIp, kNodePort, kLoadBalancer };
// As Kubernetes spells it: "ClusterIP", "NodePort", "LoadBalancer".
const char* toString(ServiceType type);

// Whether a NodePort or LoadBalancer Service keeps the client's address
// (Local: only to pods on the node the traffic arrives at) or may forward to
// any node's pods, source-NATed to a node address (Cluster).
enum class ExternalTrafficPolicy { kCluster, kLocal };

struct ServicePort {
  int port = 0;
  std::optional<std::string> name = {};
  std::optional<int> targetPort = {};
  std::optional<Protocol> protocol = {};
  // The node port of a NodePort or LoadBalancer Service. Default: Kubernetes picks one, not written.
  std::optional<int> nodePort = {};
};

struct ServiceProps {
  ApiObjectMetadataProps metadata = {};
  // Default ClusterIP.
  ServiceType type = ServiceType::kClusterIp;
  // The pods to route to. Default: none.
  const Deployment* selector = nullptr;
  std::vector<ServicePort> ports = {};
  // Default: empty.
  std::vector<std::string> externalIPs = {};
  // Not in cdk8s-plus. NodePort and LoadBalancer only. Default: Kubernetes' (Cluster), not written.
  std::optional<ExternalTrafficPolicy> externalTrafficPolicy = {};
  // Not in cdk8s-plus. The address a LoadBalancer asks its provider for. Default: not written.
  std::optional<std::string> loadBalancerIP = {};
  // The client networks a LoadBalancer admits. Default: any, not written.
  std::vector<std::string> loadBalancerSourceRanges = {};
};

class Service : public Resource {
 public:
  Service(Construct& scope, std::string_view id, ServiceProps props = {});

  void bind(ServicePort port) { ports_.push_back(std::move(port)); }
  const std::vector<ServicePort>& ports() const { return ports_; }

 private:
  Json renderSpec() const;

  ServiceType type_;
  std::map<std::string, std::string> selector_;
  std::vector<ServicePort> ports_;
  std::vector<std::string> externalIPs_;
  std::optional<ExternalTrafficPolicy> externalTrafficPolicy_;
  std::optional<std::string> loadBalancerIP_;
  std::vector<std::string> loadBalancerSourceRanges_;
};

}  // namespace cdk8s::plus
