// Where a pod may run (cdk8s-plus's Workload.scheduling, in Kubernetes' own
// shapes): node labels it requires, taints it tolerates, affinity to nodes
// and pods, how replicas spread, and its priority class. Every field left
// empty is left out of the pod spec, so the cluster's defaults apply.
//
// Plain values with the API's field names, so a C++ caller and a config file
// can hand over what they would write in a manifest. Only what the API
// server refuses outright is checked, by checkPodScheduling.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <cdk8s/json.hpp>

namespace cdk8s::plus {

struct Toleration {
  std::optional<std::string> key = {};            // unset: every taint (operator must be Exists)
  std::optional<std::string> operator_ = {};      // "operator": Equal or Exists; unset: the API's Equal
  std::optional<std::string> value = {};          // unset: none (required to be unset with Exists)
  std::optional<std::string> effect = {};         // NoSchedule, PreferNoSchedule or NoExecute; unset: every effect
  std::optional<long long> tolerationSeconds = {};  // NoExecute only; unset: tolerated for ever
};

// A requirement on labels: In and NotIn take values, Exists and
// DoesNotExist none; node requirements may also use Gt and Lt (one number).
struct LabelRequirement {
  std::string key;
  std::string operator_;  // "operator"
  std::vector<std::string> values = {};
};

struct LabelSelector {
  std::map<std::string, std::string> matchLabels = {};
  std::vector<LabelRequirement> matchExpressions = {};
};

struct NodeSelectorTerm {
  std::vector<LabelRequirement> matchExpressions = {};
};

struct PreferredNodeTerm {
  int weight = 1;  // 1 to 100
  NodeSelectorTerm preference = {};
};

struct NodeAffinity {
  // requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: any one must match.
  std::vector<NodeSelectorTerm> required = {};
  // preferredDuringSchedulingIgnoredDuringExecution.
  std::vector<PreferredNodeTerm> preferred = {};
};

struct PodAffinityTerm {
  LabelSelector labelSelector = {};          // empty: the workload's own pods
  std::string topologyKey;                   // e.g. kubernetes.io/hostname
  std::vector<std::string> namespaces = {};  // empty: the pod's own namespace
};

struct WeightedPodAffinityTerm {
  int weight = 1;  // 1 to 100
  PodAffinityTerm podAffinityTerm = {};
};

struct PodAffinity {
  std::vector<PodAffinityTerm> required = {};          // requiredDuringSchedulingIgnoredDuringExecution
  std::vector<WeightedPodAffinityTerm> preferred = {};  // preferredDuringSchedulingIgnoredDuringExecution
};

struct Affinity {
  std::optional<NodeAffinity> nodeAffinity = {};
  std::optional<PodAffinity> podAffinity = {};
  std::optional<PodAffinity> podAntiAffinity = {};
};

struct TopologySpreadConstraint {
  int maxSkew = 1;
  std::string topologyKey;                          // e.g. topology.kubernetes.io/zone
  std::string whenUnsatisfiable = "DoNotSchedule";  // or ScheduleAnyway; the API's default
  LabelSelector labelSelector = {};                 // the pods counted; empty: the workload's own pods
  std::optional<int> minDomains = {};               // DoNotSchedule only
};

struct PodSchedulingProps {
  std::map<std::string, std::string> nodeSelector = {};
  std::vector<Toleration> tolerations = {};
  std::optional<Affinity> affinity = {};
  std::vector<TopologySpreadConstraint> topologySpreadConstraints = {};
  std::optional<std::string> priorityClassName = {};
};

// What the API server would refuse, each with the field's path inside the
// props in the manifest's spelling ("tolerations[0].operator") and the rule:
// an unknown operator or effect, values with Exists, a weight outside 1-100,
// maxSkew below 1, a missing topology key. Empty when all is well.
struct SchedulingProblem {
  std::string path;
  std::string message;  // completes "<path> ..."
};
std::vector<SchedulingProblem> podSchedulingProblems(const PodSchedulingProps& scheduling);

// Throws std::invalid_argument with the first of podSchedulingProblems.
// Workloads call it when they are made.
void checkPodScheduling(const PodSchedulingProps& scheduling);

// Adds nodeSelector, tolerations, affinity, topologySpreadConstraints and
// priorityClassName to a pod spec, each only when given. Spread constraints
// and pod affinity terms without a label selector select `ownPods` (the
// workload's selector labels).
void applyPodScheduling(const PodSchedulingProps& scheduling, const std::map<std::string, std::string>& ownPods,
                        Json& podSpec);

}  // namespace cdk8s::plus
