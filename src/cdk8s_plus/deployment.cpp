#include "cdk8s_plus/deployment.hpp"

#include <stdexcept>

#include "cdk8s/names.hpp"

namespace cdk8s::plus {

Deployment::Deployment(Construct& scope, std::string_view id, DeploymentProps props)
    : Resource(scope, id, "apps/v1", "Deployment", props.metadata), props_(std::move(props)) {
  if (props_.progressDeadlineSeconds <= props_.minReadySeconds) {
    throw std::invalid_argument("'progressDeadline' must be greater than 'minReady'");
  }
  checkPodDns(props_.dns);
  checkPodScheduling(props_.scheduling);
  matchLabels_["cdk8s.io/metadata.addr"] = Names::toLabelValue(*this);
  apiObject().setLazy("spec", [this] { return renderSpec(); });
}

Container& Deployment::addContainer(ContainerProps props) { return containers_.emplace_back(std::move(props)); }

Json Deployment::renderSpec() const {
  if (containers_.empty()) throw std::logic_error("PodSpec must have at least 1 container");

  Json containers = Json::array();
  Json volumes = Json::array();
  std::vector<std::string> volumeNames;
  for (const Container& container : containers_) {
    containers.push_back(container.toJson());
    for (const Volume& volume : container.mountedVolumes()) {
      bool known = false;
      for (const std::string& name : volumeNames) known = known || name == volume.name();
      if (known) continue;
      volumeNames.push_back(volume.name());
      volumes.push_back(volume.toJson());
    }
  }

  // Built member by member: nested initializer lists would copy every level.
  Json security = Json::object();
  security["runAsNonRoot"] = props_.securityContext.ensureNonRoot;
  security["fsGroupChangePolicy"] = "Always";
  if (props_.securityContext.user) security["runAsUser"] = *props_.securityContext.user;
  if (props_.securityContext.group) security["runAsGroup"] = *props_.securityContext.group;
  if (props_.securityContext.fsGroup) security["fsGroup"] = *props_.securityContext.fsGroup;

  Json podSpec = Json::object();
  podSpec["restartPolicy"] = "Always";
  podSpec["containers"] = std::move(containers);
  podSpec["securityContext"] = std::move(security);
  applyPodDns(props_.dns, podSpec);
  podSpec["automountServiceAccountToken"] = props_.automountServiceAccountToken;
  podSpec["shareProcessNamespace"] = false;
  podSpec["hostNetwork"] = false;
  podSpec["terminationGracePeriodSeconds"] = 30;
  if (!volumes.empty()) podSpec["volumes"] = std::move(volumes);
  applyPodScheduling(props_.scheduling, matchLabels_, podSpec);

  Json podLabels = Json::object();
  for (const auto& [key, value] : props_.podLabels) podLabels[key] = value;
  for (const auto& [key, value] : matchLabels_) podLabels[key] = value;
  Json podMetadata = Json::object();
  // cdk8s writes a metadata's annotations before its labels.
  if (!props_.podAnnotations.empty()) podMetadata["annotations"] = props_.podAnnotations;
  podMetadata["labels"] = std::move(podLabels);
  Json podTemplate = Json::object();
  podTemplate["metadata"] = std::move(podMetadata);
  podTemplate["spec"] = std::move(podSpec);

  Json selector = Json::object();
  selector["matchLabels"] = matchLabels_;
  Json rollingUpdate = Json::object();
  rollingUpdate["maxSurge"] = "25%";
  rollingUpdate["maxUnavailable"] = "25%";
  Json strategy = Json::object();
  strategy["rollingUpdate"] = std::move(rollingUpdate);
  strategy["type"] = "RollingUpdate";

  Json spec = Json::object();
  spec["replicas"] = props_.replicas;
  spec["minReadySeconds"] = props_.minReadySeconds;
  spec["progressDeadlineSeconds"] = props_.progressDeadlineSeconds;
  spec["template"] = std::move(podTemplate);
  spec["selector"] = std::move(selector);
  spec["strategy"] = std::move(strategy);
  spec["revisionHistoryLimit"] = props_.revisionHistoryLimit;
  return spec;
}

}  // namespace cdk8s::plus
