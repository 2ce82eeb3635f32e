#include "mailu/constructs/clamav.hpp"

#include "component_workload.hpp"
#include "mailu_ports.hpp"

namespace mailu {

using cdk8s::plus::Probe;

ClamavConstruct::ClamavConstruct(cdk8s::Construct& scope, std::string_view id, const ClamavProps& props)
    : ComponentConstruct(scope, id) {
  const ComponentContext& context = props.context;
  const ComponentSpec& spec = componentSpec(Component::kClamav);
  claim_ = &addComponentClaim(*this, context, props.storage);
  deployment_ = &addComponentDeployment(*this, context, spec, props.workload);

  auto container = componentContainer(context, spec, props.workload, props.resources);
  container.ports = {{.number = ports::kClamd, .name = "clamav", .protocol = cdk8s::plus::Protocol::kTcp}};
  // Loading the signature database takes minutes on first start.
  auto liveness = probeTiming(60, 30, 5);
  auto readiness = probeTiming(30, 10, 3);
  liveness.port = readiness.port = ports::kClamd;
  container.liveness = Probe::fromTcpSocket(liveness);
  container.readiness = Probe::fromTcpSocket(readiness);
  cdk8s::plus::Container& clamav = addComponentContainer(*deployment_, spec, std::move(container), props.workload);
  addComponentEnvironment(clamav, context);
  clamav.mount("/data", cdk8s::plus::Volume::fromPersistentVolumeClaim(*claim_));

  service_ = &addComponentService(*this, context, spec, *deployment_, props.workload);
}

}  // namespace mailu
