#include "mailu/constructs/webmail.hpp"

#include "component_workload.hpp"
#include "mailu_ports.hpp"

namespace mailu {

using cdk8s::plus::EnvValue;
using cdk8s::plus::Probe;

WebmailConstruct::WebmailConstruct(cdk8s::Construct& scope, std::string_view id, const WebmailProps& props)
    : ComponentConstruct(scope, id) {
  const ComponentContext& context = props.context;
  const ComponentSpec& spec = componentSpec(Component::kWebmail);
  claim_ = &addComponentClaim(*this, context, props.storage);
  deployment_ = &addComponentDeployment(*this, context, spec, props.workload);

  auto container = componentContainer(context, spec, props.workload, props.resources);
  container.ports = {{.number = ports::kWebmailHttp, .name = "http", .protocol = cdk8s::plus::Protocol::kTcp}};
  auto liveness = probeTiming(30, 10, 5);
  auto readiness = probeTiming(10, 5, 3);
  liveness.port = readiness.port = ports::kWebmailHttp;
  container.liveness = Probe::fromTcpSocket(liveness);
  container.readiness = Probe::fromTcpSocket(readiness);
  if (props.webmailPatch != nullptr) {
    container.command = std::vector<std::string>{"/bin/sh", "/usr/local/bin/entrypoint-wrapper.sh"};
  }
  cdk8s::plus::Container& webmail = addComponentContainer(*deployment_, spec, std::move(container), props.workload);
  addComponentEnvironment(webmail, context, {.database = DatabaseClient::kRoundcube});
  webmail.env().addVariable("WEBMAIL", EnvValue::fromValue(std::string(toString(props.webmailType))));
  addAddressVariables(webmail, props.addresses);

  webmail.mount("/data", cdk8s::plus::Volume::fromPersistentVolumeClaim(*claim_));
  if (props.webmailPatch != nullptr) {
    webmail.mount("/usr/local/bin/entrypoint-wrapper.sh",
                  cdk8s::plus::Volume::fromConfigMap(*props.webmailPatch, {.defaultMode = 0755}),
                  {.readOnly = true, .subPath = "entrypoint-wrapper.sh"});
  }

  if (props.overrides) mountOverrides(*this, webmail, context, *props.overrides);

  service_ = &addComponentService(*this, context, spec, *deployment_, props.workload);
}

}  // namespace mailu
