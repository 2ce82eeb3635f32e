#include "mailu/constructs/dovecot.hpp"

#include "component_workload.hpp"

namespace mailu {

using cdk8s::plus::Probe;

namespace {
constexpr int kImapPort = 143;
}  // namespace

DovecotConstruct::DovecotConstruct(cdk8s::Construct& scope, std::string_view id, const DovecotProps& props)
    : ComponentConstruct(scope, id) {
  const ComponentContext& context = props.context;
  claim_ = &addComponentClaim(*this, context, props.storage);
  deployment_ = &addComponentDeployment(*this, context, "dovecot");

  auto container = componentContainer(context, "dovecot", mailuImage(context.images, "dovecot"), props.resources);
  container.portNumber = kImapPort;
  auto liveness = probeTiming(30, 10, 5);
  auto readiness = probeTiming(10, 5, 3);
  liveness.port = readiness.port = kImapPort;
  container.liveness = Probe::fromTcpSocket(liveness);
  container.readiness = Probe::fromTcpSocket(readiness);
  cdk8s::plus::Container& dovecot = deployment_->addContainer(std::move(container));
  addComponentEnvironment(dovecot, context);
  dovecot.mount("/mail", cdk8s::plus::Volume::fromPersistentVolumeClaim(*claim_));

  // ManageSieve (4190) stays inside the pod: webmail reaches it through IMAP_ADDRESS.
  service_ = &addComponentService(*this, context, "dovecot", *deployment_,
                                  {{"lmtp", 2525}, {"imap", kImapPort}, {"imaps", 993}, {"pop3", 110}, {"pop3s", 995}});
}

}  // namespace mailu
