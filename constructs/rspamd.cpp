#include "mailu/constructs/rspamd.hpp"

#include "component_workload.hpp"
#include "mailu_ports.hpp"

namespace mailu {

using cdk8s::plus::Probe;

RspamdConstruct::RspamdConstruct(cdk8s::Construct& scope, std::string_view id, const RspamdProps& props)
    : ComponentConstruct(scope, id) {
  const ComponentContext& context = props.context;
  const ComponentSpec& spec = componentSpec(Component::kRspamd);
  claim_ = &addComponentClaim(*this, context, props.storage);
  deployment_ = &addComponentDeployment(*this, context, spec, props.workload);

  auto container = componentContainer(context, spec, props.workload, props.resources);
  container.portNumber = ports::kRspamdHttp;
  auto liveness = probeTiming(30, 10, 5);
  auto readiness = probeTiming(10, 5, 3);
  liveness.port = readiness.port = ports::kRspamdHttp;
  container.liveness = Probe::fromHttpGet("/ping", liveness);
  container.readiness = Probe::fromHttpGet("/ping", readiness);
  cdk8s::plus::Container& rspamd = addComponentContainer(*deployment_, spec, std::move(container), props.workload);
  addComponentEnvironment(rspamd, context);
  rspamd.mount("/var/lib/rspamd", cdk8s::plus::Volume::fromPersistentVolumeClaim(*claim_));

  if (props.overrides) mountOverrides(*this, rspamd, context, *props.overrides);

  service_ = &addComponentService(*this, context, spec, *deployment_, props.workload);
}

}  // namespace mailu
