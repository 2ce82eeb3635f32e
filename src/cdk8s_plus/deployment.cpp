#include "cdk8s_plus/deployment.hpp"

#include <stdexcept>

#include "cdk8s/names.hpp"

namespace cdk8s::plus {

Deployment::Deployment(Construct& scope, std::string_view id, DeploymentProps props)
    : Resource(scope, id, "apps/v1", "Deployment", props.metadata), props_(std::move(props)) {
  if (props_.progressDeadlineSeconds <= props_.minReadySeconds) {
    throw std::invalid_argument("'progressDeadline' must be greater than 'minReady'");
  }
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

  Json security{{"runAsNonRoot", props_.securityContext.ensureNonRoot}, {"fsGroupChangePolicy", "Always"}};
  if (props_.securityContext.user) security["runAsUser"] = *props_.securityContext.user;
  if (props_.securityContext.group) security["runAsGroup"] = *props_.securityContext.group;
  if (props_.securityContext.fsGroup) security["fsGroup"] = *props_.securityContext.fsGroup;

  Json podSpec{{"restartPolicy", "Always"},
               {"containers", std::move(containers)},
               {"securityContext", std::move(security)},
               {"dnsPolicy", "ClusterFirst"},
               {"setHostnameAsFQDN", false},
               {"automountServiceAccountToken", props_.automountServiceAccountToken},
               {"shareProcessNamespace", false},
               {"hostNetwork", false},
               {"terminationGracePeriodSeconds", 30}};
  if (!volumes.empty()) podSpec["volumes"] = std::move(volumes);

  std::map<std::string, std::string> podLabels = props_.podLabels;
  for (const auto& [key, value] : matchLabels_) podLabels[key] = value;

  return Json{{"replicas", props_.replicas},
              {"minReadySeconds", props_.minReadySeconds},
              {"progressDeadlineSeconds", props_.progressDeadlineSeconds},
              {"template", Json{{"metadata", Json{{"labels", podLabels}}}, {"spec", std::move(podSpec)}}},
              {"selector", Json{{"matchLabels", matchLabels_}}},
              {"strategy", Json{{"rollingUpdate", Json{{"maxSurge", "25%"}, {"maxUnavailable", "25%"}}},
                                {"type", "RollingUpdate"}}},
              {"revisionHistoryLimit", props_.revisionHistoryLimit}};
}

}  // namespace cdk8s::plus
