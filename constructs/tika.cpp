#include "mailu/constructs/tika.hpp"

#include "component_workload.hpp"
#include "mailu_ports.hpp"

namespace mailu {

using cdk8s::plus::Probe;

TikaConstruct::TikaConstruct(cdk8s::Construct& scope, std::string_view id, const TikaProps& props)
    : ComponentConstruct(scope, id) {
  const ComponentContext& context = props.context;
  const ComponentSpec& spec = componentSpec(Component::kTika);
  deployment_ = &addComponentDeployment(*this, context, spec, props.workload);

  auto container = componentContainer(context, spec, props.workload, props.resources);
  container.ports = {{.number = ports::kTika, .name = "http", .protocol = cdk8s::plus::Protocol::kTcp}};
  // GET /tika answers once the server takes documents, the path fts_tika
  // posts to (core/dovecot/conf/dovecot.conf). The JVM starts in seconds.
  auto liveness = probeTiming(30, 30, 5);
  auto readiness = probeTiming(10, 10, 5);
  liveness.port = readiness.port = ports::kTika;
  container.liveness = Probe::fromHttpGet("/tika", liveness);
  container.readiness = Probe::fromHttpGet("/tika", readiness);
  // No envFrom and no SECRET_KEY: Tika reads none of Mailu's variables.
  addComponentContainer(*deployment_, spec, std::move(container), props.workload);

  service_ = &addComponentService(*this, context, spec, *deployment_, props.workload);
}

}  // namespace mailu
