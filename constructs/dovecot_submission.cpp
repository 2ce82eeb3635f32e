#include "mailu/constructs/dovecot_submission.hpp"

#include "component_workload.hpp"
#include "mailu_ports.hpp"
#include "embedded_files.hpp"

namespace mailu {

using cdk8s::plus::Probe;

namespace {

void replaceAll(std::string& text, std::string_view placeholder, const std::string& value) {
  for (std::size_t pos = text.find(placeholder); pos != std::string::npos;
       pos = text.find(placeholder, pos + value.size())) {
    text.replace(pos, placeholder.size(), value);
  }
}

}  // namespace

std::string renderDovecotSubmissionConf(const std::string& domain, const std::string& postfixAddress,
                                        bool unprivileged) {
  std::string conf(embedded::dovecotSubmissionConf());
  if (unprivileged) conf += embedded::dovecotSubmissionUnprivilegedConf();
  replaceAll(conf, "@DOMAIN@", domain);
  replaceAll(conf, "@POSTFIX_ADDRESS@", postfixAddress);
  return conf;
}

DovecotSubmissionConstruct::DovecotSubmissionConstruct(cdk8s::Construct& scope, std::string_view id,
                                                       const DovecotSubmissionProps& props)
    : ComponentConstruct(scope, id) {
  const ComponentContext& context = props.context;
  const ComponentSpec& spec = componentSpec(Component::kDovecotSubmission);
  configMap_ = &make<cdk8s::plus::ConfigMap>(
      "configmap", cdk8s::plus::ConfigMapProps{
                       .metadata = {.namespace_ = context.namespaceName,
                                    .labels = {{"app.kubernetes.io/name", "mailu-dovecot-submission"},
                                               {"app.kubernetes.io/component", "configuration"}}},
                       .data = {{"dovecot.conf", renderDovecotSubmissionConf(props.domain, props.postfixAddress,
                                                                                props.workload.hardened)}},
                   });
  deployment_ = &addComponentDeployment(*this, context, spec, props.workload);

  auto container = componentContainer(context, spec, props.workload, props.resources);
  container.command = std::vector<std::string>{"/usr/sbin/dovecot", "-F", "-c", "/etc/dovecot/dovecot.conf"};
  auto liveness = probeTiming(30, 10, 5);
  auto readiness = probeTiming(10, 5, 3);
  liveness.port = readiness.port = ports::kSubmissionRelay;
  container.liveness = Probe::fromTcpSocket(liveness);
  container.readiness = Probe::fromTcpSocket(readiness);
  cdk8s::plus::Container& submission = addComponentContainer(*deployment_, spec, std::move(container), props.workload);
  submission.mount("/etc/dovecot", cdk8s::plus::Volume::fromConfigMap(*configMap_), {.readOnly = true});

  service_ = &addComponentService(*this, context, spec, *deployment_, props.workload);

}

}  // namespace mailu
