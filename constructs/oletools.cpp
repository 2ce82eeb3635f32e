#include "mailu/constructs/oletools.hpp"

#include "component_workload.hpp"
#include "mailu_ports.hpp"

namespace mailu {

using cdk8s::plus::Probe;

OletoolsConstruct::OletoolsConstruct(cdk8s::Construct& scope, std::string_view id, const OletoolsProps& props)
    : ComponentConstruct(scope, id) {
  const ComponentContext& context = props.context;
  const ComponentSpec& spec = componentSpec(Component::kOletools);
  deployment_ = &addComponentDeployment(*this, context, spec, props.workload);

  auto container = componentContainer(context, spec, props.workload, props.resources);
  container.ports = {{.number = ports::kOlefy, .name = "olefy", .protocol = cdk8s::plus::Protocol::kTcp}};
  // The image's own HEALTHCHECK (core/oletools/Dockerfile, which installs
  // netcat-openbsd for it): olefy answers PING with PONG. A port that merely
  // accepts would not show that olefy's loop is alive. Its start period is 60s.
  const std::vector<std::string> ping = {"sh", "-c", "echo PING | nc -q1 127.0.0.1 " + std::to_string(ports::kOlefy) +
                                                         " | grep PONG"};
  container.liveness = Probe::fromCommand(ping, probeTiming(60, 30, 5));
  container.readiness = Probe::fromCommand(ping, probeTiming(10, 10, 5));
  cdk8s::plus::Container& oletools = addComponentContainer(*deployment_, spec, std::move(container), props.workload);
  // socrate's set_env reads LOG_LEVEL (core/oletools/start.py); it derives
  // no key from SECRET_KEY here, so the secret is not given.
  addComponentEnvironment(oletools, context, {.secretKey = false});

  service_ = &addComponentService(*this, context, spec, *deployment_, props.workload);
}

}  // namespace mailu
