// A Kubernetes Service, ClusterIP by default, selecting the pods of a
// Deployment by its selector label. `externalIPs` is always written (empty by
// default), as cdk8s-plus does.
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

struct ServicePort {
  int port = 0;
  std::optional<std::string> name = {};
  std::optional<int> targetPort = {};
  std::optional<Protocol> protocol = {};
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
};

}  // namespace cdk8s::plus
