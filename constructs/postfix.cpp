#include "mailu/constructs/postfix.hpp"

#include "component_workload.hpp"

namespace mailu {

using cdk8s::plus::EnvValue;
using cdk8s::plus::Probe;

namespace {

constexpr int kSmtpPort = 25;

// Postfix anvil limits per client IP, on top of Traefik's in-flight limit.
constexpr std::pair<const char*, const char*> kRateLimits[] = {
    {"POSTFIX_smtpd_client_connection_rate_limit", "60"},   // connections per minute
    {"POSTFIX_smtpd_client_connection_count_limit", "10"},  // simultaneous connections
    {"POSTFIX_smtpd_client_message_rate_limit", "100"},     // messages per minute
    {"POSTFIX_smtpd_client_recipient_rate_limit", "300"},   // recipients per minute
    {"POSTFIX_anvil_rate_time_unit", "60s"},
};

}  // namespace

PostfixConstruct::PostfixConstruct(cdk8s::Construct& scope, std::string_view id, const PostfixProps& props)
    : ComponentConstruct(scope, id) {
  const ComponentContext& context = props.context;
  claim_ = &addComponentClaim(*this, context, props.storage);
  deployment_ = &addComponentDeployment(*this, context, "postfix");

  auto container = componentContainer(context, "postfix", mailuImage(context.images, "postfix"), props.resources);
  container.portNumber = kSmtpPort;
  auto liveness = probeTiming(30, 10, 5);
  auto readiness = probeTiming(10, 5, 3);
  liveness.port = readiness.port = kSmtpPort;
  container.liveness = Probe::fromTcpSocket(liveness);
  container.readiness = Probe::fromTcpSocket(readiness);
  cdk8s::plus::Container& postfix = deployment_->addContainer(std::move(container));
  addComponentEnvironment(postfix, context);
  for (const auto& [name, value] : kRateLimits) postfix.env().addVariable(name, EnvValue::fromValue(value));
  postfix.mount("/queue", cdk8s::plus::Volume::fromPersistentVolumeClaim(*claim_));

  service_ = &addComponentService(*this, context, "postfix", *deployment_, {{"smtp", kSmtpPort}, {"submission", 10025}});
}

}  // namespace mailu
