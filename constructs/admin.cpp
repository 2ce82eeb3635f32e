#include "mailu/constructs/admin.hpp"

#include "component_workload.hpp"
#include "mailu_ports.hpp"

namespace mailu {

using cdk8s::plus::EnvValue;
using cdk8s::plus::Probe;

AdminConstruct::AdminConstruct(cdk8s::Construct& scope, std::string_view id, const AdminProps& props)
    : ComponentConstruct(scope, id) {
  const ComponentContext& context = props.context;
  const ComponentSpec& spec = componentSpec(Component::kAdmin);
  claim_ = &addComponentClaim(*this, context, props.storage);
  deployment_ = &addComponentDeployment(*this, context, spec, props.workload, props.dns);

  auto container = componentContainer(context, spec, props.workload, props.resources);
  container.portNumber = ports::kAdminHttp;
  auto liveness = probeTiming(30, 10, 5);
  auto readiness = probeTiming(10, 5, 3);
  liveness.port = readiness.port = ports::kAdminHttp;
  container.liveness = Probe::fromHttpGet("/ping", liveness);
  container.readiness = Probe::fromHttpGet("/ping", readiness);
  cdk8s::plus::Container& admin = addComponentContainer(*deployment_, spec, std::move(container), props.workload);
  addComponentEnvironment(admin, context, {.database = DatabaseClient::kMailu});

  if (props.initialAdmin) {
    // The name core/admin/start.py reads (D8); the reference's INITIAL_ADMIN_PASSWORD is read by nothing.
    admin.env().addVariable("INITIAL_ADMIN_PW", EnvValue::fromSecretValue({props.initialAdmin->passwordSecretName},
                                                                          "initial-admin-password"));
    if (const auto& account = props.initialAdmin->account) {
      admin.env().addVariable("INITIAL_ADMIN_ACCOUNT", EnvValue::fromValue(account->username));
      admin.env().addVariable("INITIAL_ADMIN_DOMAIN", EnvValue::fromValue(account->domain));
      admin.env().addVariable("INITIAL_ADMIN_MODE", EnvValue::fromValue(std::string(toString(account->mode))));
    }
  }
  if (props.apiTokenSecretName) {
    admin.env().addVariable("API_TOKEN", EnvValue::fromSecretValue({*props.apiTokenSecretName}, "token"));
  }
  admin.mount("/data", cdk8s::plus::Volume::fromPersistentVolumeClaim(*claim_));

  service_ = &addComponentService(*this, context, spec, *deployment_, props.workload);
}

}  // namespace mailu
