#include "mailu/constructs/front.hpp"

#include "component_workload.hpp"

namespace mailu {

using cdk8s::plus::Probe;

FrontConstruct::FrontConstruct(cdk8s::Construct& scope, std::string_view id, const FrontProps& props)
    : ComponentConstruct(scope, id) {
  const ComponentContext& context = props.context;
  deployment_ = &addComponentDeployment(*this, context, "front");

  auto container = componentContainer(context, "front", mailuImage(context.images, "nginx"), props.resources);
  auto liveness = probeTiming(30, 10, 5);
  auto readiness = probeTiming(10, 5, 3);
  liveness.port = readiness.port = 80;
  container.liveness = Probe::fromHttpGet("/health", liveness);
  container.readiness = Probe::fromHttpGet("/health", readiness);
  if (props.nginxPatch != nullptr) {
    container.command = std::vector<std::string>{"/bin/sh", "/usr/local/bin/entrypoint-wrapper.sh"};
  }
  cdk8s::plus::Container& front = deployment_->addContainer(std::move(container));
  addComponentEnvironment(front, context, {.databaseCredentials = false});

  if (props.nginxPatch != nullptr) {
    front.mount("/usr/local/bin/entrypoint-wrapper.sh",
                cdk8s::plus::Volume::fromConfigMap(*props.nginxPatch, {.defaultMode = 0755}),
                {.readOnly = true, .subPath = "entrypoint-wrapper.sh"});
  }

  // HTTP first (D2): the web Ingress routes to front:80, which nginx serves.
  service_ = &addComponentService(*this, context, "front", *deployment_,
                                  {{"http", 80}, {"smtps", 465}, {"submission", 587}, {"imaps", 993}, {"pop3s", 995}});
}

}  // namespace mailu
