#include "mailu/constructs/dovecot.hpp"

#include "component_workload.hpp"
#include "mailu_ports.hpp"

namespace mailu {

using cdk8s::plus::EnvValue;
using cdk8s::plus::Probe;

DovecotConstruct::DovecotConstruct(cdk8s::Construct& scope, std::string_view id, const DovecotProps& props)
    : ComponentConstruct(scope, id) {
  const ComponentContext& context = props.context;
  claim_ = &addComponentClaim(*this, context, props.storage);
  deployment_ = &addComponentDeployment(*this, context, "dovecot");

  auto container = componentContainer(context, "dovecot", mailuImage(context.images, "dovecot"), props.resources);
  container.portNumber = ports::kImap;
  auto liveness = probeTiming(30, 10, 5);
  auto readiness = probeTiming(10, 5, 3);
  liveness.port = readiness.port = ports::kImap;
  container.liveness = Probe::fromTcpSocket(liveness);
  container.readiness = Probe::fromTcpSocket(readiness);
  cdk8s::plus::Container& dovecot = deployment_->addContainer(std::move(container));
  addComponentEnvironment(dovecot, context);
  dovecot.env().addVariable("FRONT_ADDRESS", EnvValue::fromValue(props.submissionHost));
  dovecot.mount("/mail", cdk8s::plus::Volume::fromPersistentVolumeClaim(*claim_));

  // ManageSieve last (D13): webmail's filters and vacation replies reach it through IMAP_ADDRESS.
  // imaps and pop3s are the reference's: Mailu 2024.06's dovecot.conf opens no such listener.
  service_ = &addComponentService(*this, context, "dovecot", *deployment_,
                                  {{"lmtp", ports::kLmtp},
                                   {"imap", ports::kImap},
                                   {"imaps", ports::kImaps},
                                   {"pop3", ports::kPop3},
                                   {"pop3s", ports::kPop3s},
                                   {"sieve", ports::kManageSieve}});
}

}  // namespace mailu
