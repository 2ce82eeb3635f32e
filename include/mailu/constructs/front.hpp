// Front: Mailu's nginx, the authenticating proxy for mail clients. Traefik
// terminates TLS and hands it plaintext on 465, 587, 993 and 995; the
// entrypoint wrapper from the nginx patch ConfigMap adds those listeners.
// With an exposure (front.service) front ends TLS itself instead, as Mailu
// does on its own, and a second Service exposes the mail ports.
#pragma once

#include <cdk8s_plus/service.hpp>

#include "mailu/component_registry.hpp"
#include "mailu/constructs/component.hpp"

namespace mailu {

// front.service, resolved: the mail ports on a NodePort or LoadBalancer
// (or ClusterIP) Service of their own, TLS ended by front with a
// kubernetes.io/tls Secret.
struct FrontExposure {
  cdk8s::plus::ServiceType type = cdk8s::plus::ServiceType::kLoadBalancer;
  std::optional<cdk8s::plus::ExternalTrafficPolicy> externalTrafficPolicy = {};  // unset for ClusterIP
  std::optional<std::string> loadBalancerIP = {};
  std::vector<std::string> loadBalancerSourceRanges = {};
  std::map<std::string, std::string> annotations = {};
  std::vector<ExposedMailPort> ports = exposedMailPorts();  // the registry's, in its order
  std::map<int, int> nodePorts = {};                        // port to node port; absent: Kubernetes picks
  std::string certificateSecret;                            // tls.crt and tls.key, mounted as /certs
  // The load balancer's networks, whose PROXY headers front believes on the
  // alternate ports (ExposedMailPort::proxyPort). Empty: no PROXY protocol;
  // the Service sends to the standard ports.
  std::vector<std::string> proxyTrustedFrom = {};

  bool proxyProtocol() const { return !proxyTrustedFrom.empty(); }
  // Front's listener the Service sends `port` to.
  int targetPort(const ExposedMailPort& port) const { return proxyProtocol() ? port.proxyPort : port.port; }
};

struct FrontProps {
  ComponentContext context;
  ResourceSettings resources;
  WorkloadSettings workload = {};  // replicas, scheduling, image and extra variables
  // The wrapper script; without it the image's own entrypoint runs.
  const cdk8s::plus::ConfigMap* nginxPatch = nullptr;
  // Traefik sends the PROXY protocol on the mail routes (D14): front's listeners
  // for them expect it (PROXY_PROTOCOL, read by the nginx patch and Mailu's socrate).
  bool proxyProtocol = false;
  // Fetchmail delivers here (D21): the Service also exposes SMTP 25 and LMTP 2525.
  bool fetchmailDelivery = false;
  std::optional<OverrideSettings> overrides = {};  // mounted at /overrides; none: no volume
  std::optional<FrontExposure> exposure = {};      // front.service; none: the mail ports only behind the ingress
};

class FrontConstruct : public ComponentConstruct {
 public:
  FrontConstruct(cdk8s::Construct& scope, std::string_view id, const FrontProps& props);

  // The Service of the exposure; null without one.
  const cdk8s::plus::Service* mailService() const { return mailService_; }

 private:
  cdk8s::plus::Service* mailService_ = nullptr;
};

}  // namespace mailu
