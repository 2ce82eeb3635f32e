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
  const ComponentSpec& spec = componentSpec(Component::kFront);
  deployment_ = &addComponentDeployment(*this, context, spec, props.workload);

  auto container = componentContainer(context, spec, props.workload, props.resources);
  auto liveness = probeTiming(30, 10, 5);
  auto readiness = probeTiming(10, 5, 3);
  liveness.port = readiness.port = ports::kFrontHttp;
  container.liveness = Probe::fromHttpGet("/health", liveness);
  container.readiness = Probe::fromHttpGet("/health", readiness);
  if (props.nginxPatch != nullptr) {
    container.command = std::vector<std::string>{"/bin/sh", "/usr/local/bin/entrypoint-wrapper.sh"};
  }
  cdk8s::plus::Container& front = addComponentContainer(*deployment_, spec, std::move(container), props.workload);
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

  if (props.overrides) mountOverrides(*this, front, context, *props.overrides);

  service_ = &addComponentService(*this, context, spec, *deployment_, props.workload,
                                  {.fetchmail = props.fetchmailDelivery, .proxyProtocol = props.proxyProtocol});
}

}  // namespace mailu
