#include "mailu/constructs/dovecot.hpp"

#include "component_workload.hpp"
#include "mailu_ports.hpp"

namespace mailu {

using cdk8s::plus::EnvValue;
using cdk8s::plus::Probe;

DovecotConstruct::DovecotConstruct(cdk8s::Construct& scope, std::string_view id, const DovecotProps& props)
    : ComponentConstruct(scope, id) {
  const ComponentContext& context = props.context;
  const ComponentSpec& spec = componentSpec(Component::kDovecot);
  claim_ = &addComponentClaim(*this, context, props.storage);
  deployment_ = &addComponentDeployment(*this, context, spec, props.workload);

  auto container = componentContainer(context, spec, props.workload, props.resources);
  container.portNumber = ports::kImap;
  auto liveness = probeTiming(30, 10, 5);
  auto readiness = probeTiming(10, 5, 3);
  liveness.port = readiness.port = ports::kImap;
  container.liveness = Probe::fromTcpSocket(liveness);
  container.readiness = Probe::fromTcpSocket(readiness);
  cdk8s::plus::Container& dovecot = addComponentContainer(*deployment_, spec, std::move(container), props.workload);
  addComponentEnvironment(dovecot, context);
  addAddressVariables(dovecot, props.addresses);
  dovecot.mount("/mail", cdk8s::plus::Volume::fromPersistentVolumeClaim(*claim_));

  if (props.overrides) mountOverrides(*this, dovecot, context, *props.overrides);

  service_ = &addComponentService(*this, context, spec, *deployment_, props.workload);
}

}  // namespace mailu
