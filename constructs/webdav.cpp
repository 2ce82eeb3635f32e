#include "mailu/constructs/webdav.hpp"

#include "component_workload.hpp"
#include "mailu_ports.hpp"

namespace mailu {

using cdk8s::plus::Probe;

WebdavConstruct::WebdavConstruct(cdk8s::Construct& scope, std::string_view id, const WebdavProps& props)
    : ComponentConstruct(scope, id) {
  const ComponentContext& context = props.context;
  const ComponentSpec& spec = componentSpec(Component::kWebdav);
  claim_ = &addComponentClaim(*this, context, props.storage);
  deployment_ = &addComponentDeployment(*this, context, spec, props.workload);

  auto container = componentContainer(context, spec, props.workload, props.resources);
  container.ports = {{.number = ports::kRadicale, .name = "http", .protocol = cdk8s::plus::Protocol::kTcp}};
  auto liveness = probeTiming(30, 30, 5);
  auto readiness = probeTiming(10, 10, 3);
  liveness.port = readiness.port = ports::kRadicale;
  container.liveness = Probe::fromHttpGet("/", liveness);
  container.readiness = Probe::fromHttpGet("/", readiness);
  cdk8s::plus::Container& webdav = addComponentContainer(*deployment_, spec, std::move(container), props.workload);
  addComponentEnvironment(webdav, context, {.secretKey = false});
  webdav.mount("/data", cdk8s::plus::Volume::fromPersistentVolumeClaim(*claim_));

  service_ = &addComponentService(*this, context, spec, *deployment_, props.workload, {}, {.partOfLabel = true});
}

}  // namespace mailu
