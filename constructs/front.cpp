#include "mailu/constructs/front.hpp"

#include <fmt/format.h>

#include "component_workload.hpp"
#include "mailu_ports.hpp"

namespace mailu {

using cdk8s::plus::EnvValue;
using cdk8s::plus::Probe;

FrontConstruct::FrontConstruct(cdk8s::Construct& scope, std::string_view id, const FrontProps& props)
    : ComponentConstruct(scope, id) {
  const ComponentContext& context = props.context;
  deployment_ = &addComponentDeployment(*this, context, "front");

  auto container = componentContainer(context, "front", mailuImage(context.images, "nginx"), props.resources);
  auto liveness = probeTiming(30, 10, 5);
  auto readiness = probeTiming(10, 5, 3);
  liveness.port = readiness.port = ports::kFrontHttp;
  container.liveness = Probe::fromHttpGet("/health", liveness);
  container.readiness = Probe::fromHttpGet("/health", readiness);
  if (props.nginxPatch != nullptr) {
    container.command = std::vector<std::string>{"/bin/sh", "/usr/local/bin/entrypoint-wrapper.sh"};
  }
  cdk8s::plus::Container& front = deployment_->addContainer(std::move(container));
  addComponentEnvironment(front, context);
  if (props.proxyProtocol) {
    // Mailu's own form (core/base/libs/socrate/socrate/system.py): the ports whose
    // listeners take the PROXY protocol, from REAL_IP_FROM only.
    front.env().addVariable("PROXY_PROTOCOL", EnvValue::fromValue(fmt::format("{},{},{},{}", ports::kSmtps,
                                                                              ports::kSubmission, ports::kImaps,
                                                                              ports::kPop3s)));
  }

  if (props.nginxPatch != nullptr) {
    front.mount("/usr/local/bin/entrypoint-wrapper.sh",
                cdk8s::plus::Volume::fromConfigMap(*props.nginxPatch, {.defaultMode = 0755}),
                {.readOnly = true, .subPath = "entrypoint-wrapper.sh"});
  }

  // HTTP first (D2): the web Ingress routes to front:80, which nginx serves.
  std::vector<NamedPort> servicePorts = {{"http", ports::kFrontHttp},
                                         {"smtps", ports::kSmtps},
                                         {"submission", ports::kSubmission},
                                         {"imaps", ports::kImaps},
                                         {"pop3s", ports::kPop3s}};
  if (props.fetchmailDelivery) {
    // nginx's port-25 server and the LMTP proxy of front's dovecot (core/nginx/dovecot/proxy.conf),
    // where optional/fetchmail/fetchmail.py hands over what it fetched.
    servicePorts.push_back({"smtp", ports::kSmtp});
    servicePorts.push_back({"lmtp", ports::kLmtp});
  }
  service_ = &addComponentService(*this, context, "front", *deployment_, servicePorts);
}

}  // namespace mailu
