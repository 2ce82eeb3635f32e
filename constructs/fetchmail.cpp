#include "mailu/constructs/fetchmail.hpp"

#include "component_workload.hpp"

namespace mailu {

using cdk8s::plus::EnvValue;
using cdk8s::plus::Probe;

FetchmailConstruct::FetchmailConstruct(cdk8s::Construct& scope, std::string_view id, const FetchmailProps& props)
    : ComponentConstruct(scope, id) {
  const ComponentContext& context = props.context;
  const ComponentSpec& spec = componentSpec(Component::kFetchmail);
  deployment_ = &addComponentDeployment(*this, context, spec, props.workload);

  auto container =
      componentContainer(context, spec, props.workload, props.resources);
  // Nothing listens, so liveness is the process being there.
  const std::vector<std::string> running = {"pgrep", "-f", "fetchmail"};
  container.liveness = Probe::fromCommand(running, probeTiming(30, 60, 5));
  container.readiness = Probe::fromCommand(running, probeTiming(10, 10, 3));
  cdk8s::plus::Container& fetchmail = addComponentContainer(*deployment_, spec, std::move(container), props.workload);
  addComponentEnvironment(fetchmail, context, {.secretKey = false});
  fetchmail.env().addVariable("FETCHMAIL_DELAY", EnvValue::fromValue("600"));  // seconds between polls
  addAddressVariables(fetchmail, props.addresses);
}

}  // namespace mailu
