#include "mailu/constructs/postfix.hpp"

#include <fmt/format.h>

#include "component_workload.hpp"
#include "mailu_ports.hpp"

namespace mailu {

using cdk8s::plus::Probe;

std::string postfixMainOverrides(const PostfixRateLimitSettings& limits) {
  // Postfix reads these itself (anvil, via smtpd); the reference's POSTFIX_*
  // variables were read by nothing. Clients in mynetworks stay exempt
  // (smtpd_client_event_limit_exceptions), which is why the PROXY listener matters.
  return fmt::format(
      "# cdk8s-mailu: anvil limits per client address (D11), applied with postconf -e.\n"
      "smtpd_client_connection_rate_limit = {}\n"
      "smtpd_client_connection_count_limit = {}\n"
      "smtpd_client_message_rate_limit = {}\n"
      "smtpd_client_recipient_rate_limit = {}\n"
      "anvil_rate_time_unit = {}\n",
      limits.connectionRate, limits.connectionCount, limits.messageRate, limits.recipientRate, limits.timeUnit);
}

std::string postfixMasterOverrides(const std::vector<std::string>& relayNets) {
  // A plain smtpd like Mailu's `smtp inet` one (core/postfix/conf/master.cf),
  // which first reads the PROXY header Traefik sends and then treats the
  // address in it as the client: restrictions and anvil see the internet
  // sender instead of Traefik's pod. Postfix believes the header from any
  // peer, so no address in it is trusted: mynetworks (Mailu's SUBNET,
  // core/postfix/conf/main.cf) is cut to loopback here, or a forged header
  // naming a pod address would be relayed anywhere. The relayNets the user
  // trusts are added (the loader asks for an ingress-controller peer then),
  // IPv6 ones in the brackets Postfix wants, as Mailu's start.py does.
  std::string networks = "127.0.0.1/32";
  for (const std::string& network : relayNets) {
    const std::size_t slash = network.find('/');
    networks += ',';
    if (network.find(':') == std::string::npos) {
      networks += network;
    } else {
      networks.append("[").append(network, 0, slash).append("]").append(network, slash);
    }
  }
  return fmt::format(
      "# cdk8s-mailu: internet mail from Traefik with the PROXY protocol (D14), applied with postconf -Me.\n"
      "{0}/inet = {0} inet n - n - - smtpd -o syslog_name=postfix/smtp-proxy "
      "-o smtpd_upstream_proxy_protocol=haproxy -o mynetworks={1}\n",
      ports::kPostfixProxiedSmtp, networks);
}

PostfixConstruct::PostfixConstruct(cdk8s::Construct& scope, std::string_view id, const PostfixProps& props)
    : ComponentConstruct(scope, id) {
  const ComponentContext& context = props.context;
  const ComponentSpec& spec = componentSpec(Component::kPostfix);
  claim_ = &addComponentClaim(*this, context, props.storage);
  deployment_ = &addComponentDeployment(*this, context, spec, props.workload);

  auto container = componentContainer(context, spec, props.workload, props.resources);
  container.portNumber = ports::kSmtp;
  auto liveness = probeTiming(30, 10, 5);
  auto readiness = probeTiming(10, 5, 3);
  liveness.port = readiness.port = ports::kSmtp;
  container.liveness = Probe::fromTcpSocket(liveness);
  container.readiness = Probe::fromTcpSocket(readiness);
  cdk8s::plus::Container& postfix = addComponentContainer(*deployment_, spec, std::move(container), props.workload);
  addComponentEnvironment(postfix, context);
  if (props.relay) {
    using cdk8s::plus::EnvValue;
    postfix.env().addVariable("RELAYHOST", EnvValue::fromValue(props.relay->address()));
    if (props.relay->secretName) {
      // start.py writes /etc/postfix/sasl_passwd only when RELAYUSER is set.
      const cdk8s::plus::SecretRef secret{*props.relay->secretName};
      postfix.env().addVariable("RELAYUSER", EnvValue::fromSecretValue(secret, props.relay->usernameKey));
      postfix.env().addVariable("RELAYPASSWORD", EnvValue::fromSecretValue(secret, props.relay->passwordKey));
    }
  }

  std::map<std::string, std::string> overrides{{"postfix.cf", postfixMainOverrides(props.rateLimits)}};
  if (props.proxyProtocolListener) overrides.emplace("postfix.master", postfixMasterOverrides(props.relayNets));
  for (const auto& [name, content] : props.overrideFiles) {
    std::string& file = overrides[name];
    if (!file.empty()) file += "# overrides.postfix: the user's lines, applied after the chart's\n";
    file += content;
  }
  overrides_ = &make<cdk8s::plus::ConfigMap>(
      "overrides",
      cdk8s::plus::ConfigMapProps{.metadata = {.namespace_ = context.namespaceName}, .data = std::move(overrides)});
  postfix.mount(std::string(kOverridesDirectory), cdk8s::plus::Volume::fromConfigMap(*overrides_));
  postfix.mount("/queue", cdk8s::plus::Volume::fromPersistentVolumeClaim(*claim_));

  service_ = &addComponentService(*this, context, spec, *deployment_, props.workload, {.proxyProtocol = props.proxyProtocolListener});
}

}  // namespace mailu
