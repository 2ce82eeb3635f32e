// A Kubernetes Deployment with the defaults of cdk8s-plus:
// 2 replicas, rolling updates with 25% surge and 25% unavailable, 10 kept
// revisions, minReadySeconds 0, progressDeadlineSeconds 600, no service
// account token, pods running as non-root with fsGroupChangePolicy Always,
// ClusterFirst DNS and a 30 s termination grace period.
//
// Pods are selected by the label `cdk8s.io/metadata.addr` whose value is the
// label form of the Deployment's path, so selectors stay stable across syntheses.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <string>

#include <cdk8s_plus/container.hpp>
#include <cdk8s_plus/pod_dns.hpp>
#include <cdk8s_plus/pod_scheduling.hpp>
#include <cdk8s_plus/resource.hpp>

namespace cdk8s::plus {

struct PodSecurityContextProps {
  // Default true: runAsNonRoot.
  bool ensureNonRoot = true;
  std::optional<long> user = {};
  std::optional<long> group = {};
  std::optional<long> fsGroup = {};
};

struct DeploymentProps {
  ApiObjectMetadataProps metadata = {};
  // Default 2.
  int replicas = 2;
  // Labels added to the pod template (besides the selector label).
  std::map<std::string, std::string> podLabels = {};
  // Annotations of the pod template; default none.
  std::map<std::string, std::string> podAnnotations = {};
  PodSecurityContextProps securityContext = {};
  // Default false.
  bool automountServiceAccountToken = false;
  // Defaults 0 and 600.
  int minReadySeconds = 0;
  int progressDeadlineSeconds = 600;
  // Default 10.
  int revisionHistoryLimit = 10;
  // Default: the cluster's DNS (ClusterFirst), no dnsConfig.
  PodDnsProps dns = {};
  // Default: anywhere the scheduler likes (nothing written).
  PodSchedulingProps scheduling = {};
};

class Deployment : public Resource {
 public:
  Deployment(Construct& scope, std::string_view id, DeploymentProps props = {});

  // The container lives as long as the Deployment.
  Container& addContainer(ContainerProps props);

  // {"cdk8s.io/metadata.addr": "<label value of this construct>"}
  const std::map<std::string, std::string>& matchLabels() const { return matchLabels_; }

 private:
  Json renderSpec() const;

  DeploymentProps props_;
  std::map<std::string, std::string> matchLabels_;
  std::deque<Container> containers_;  // stable addresses for the references handed out
};

}  // namespace cdk8s::plus
