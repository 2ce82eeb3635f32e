#include "cdk8s_plus/pod_scheduling.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace cdk8s::plus {
namespace {

constexpr int kMinWeight = 1;
constexpr int kMaxWeight = 100;

bool isOneOf(const std::string& value, std::initializer_list<std::string_view> choices) {
  for (std::string_view choice : choices) {
    if (value == choice) return true;
  }
  return false;
}

class Checker {
 public:
  std::vector<SchedulingProblem> check(const PodSchedulingProps& scheduling) {
    for (std::size_t i = 0; i < scheduling.tolerations.size(); ++i) {
      toleration(fmt::format("tolerations[{}]", i), scheduling.tolerations[i]);
    }
    if (scheduling.affinity) affinity("affinity", *scheduling.affinity);
    for (std::size_t i = 0; i < scheduling.topologySpreadConstraints.size(); ++i) {
      spread(fmt::format("topologySpreadConstraints[{}]", i), scheduling.topologySpreadConstraints[i]);
    }
    if (scheduling.priorityClassName && scheduling.priorityClassName->empty()) {
      report("priorityClassName", "must not be empty");
    }
    return std::move(problems_);
  }

 private:
  void report(std::string path, std::string message) { problems_.push_back({std::move(path), std::move(message)}); }

  void toleration(const std::string& path, const Toleration& toleration) {
    const std::string op = toleration.operator_.value_or("Equal");
    if (!isOneOf(op, {"Equal", "Exists"})) report(path + ".operator", "must be Equal or Exists");
    if (op == "Exists" && toleration.value) report(path + ".value", "must not be given with operator Exists");
    if (!toleration.key && op != "Exists") report(path + ".key", "is required unless operator is Exists");
    if (toleration.effect && !isOneOf(*toleration.effect, {"NoSchedule", "PreferNoSchedule", "NoExecute"})) {
      report(path + ".effect", "must be NoSchedule, PreferNoSchedule or NoExecute");
    }
    if (toleration.tolerationSeconds && toleration.effect != "NoExecute") {
      report(path + ".tolerationSeconds", "is only read with effect NoExecute");
    }
  }

  void requirement(const std::string& path, const LabelRequirement& requirement, bool node) {
    if (requirement.key.empty()) report(path + ".key", "is required");
    const std::string& op = requirement.operator_;
    if (isOneOf(op, {"In", "NotIn"})) {
      if (requirement.values.empty()) report(path + ".values", fmt::format("must list at least one value with {}", op));
    } else if (isOneOf(op, {"Exists", "DoesNotExist"})) {
      if (!requirement.values.empty()) report(path + ".values", fmt::format("must be empty with {}", op));
    } else if (node && isOneOf(op, {"Gt", "Lt"})) {
      if (requirement.values.size() != 1) report(path + ".values", fmt::format("must be one number with {}", op));
    } else {
      report(path + ".operator",
             node ? "must be In, NotIn, Exists, DoesNotExist, Gt or Lt" : "must be In, NotIn, Exists or DoesNotExist");
    }
  }

  void selector(const std::string& path, const LabelSelector& selector) {
    for (std::size_t i = 0; i < selector.matchExpressions.size(); ++i) {
      requirement(fmt::format("{}.matchExpressions[{}]", path, i), selector.matchExpressions[i], false);
    }
  }

  void weight(const std::string& path, int value) {
    if (value < kMinWeight || value > kMaxWeight) {
      report(path + ".weight", fmt::format("must be a whole number from {} to {}", kMinWeight, kMaxWeight));
    }
  }

  void nodeTerm(const std::string& path, const NodeSelectorTerm& term) {
    if (term.matchExpressions.empty()) report(path + ".matchExpressions", "must list at least one requirement");
    for (std::size_t i = 0; i < term.matchExpressions.size(); ++i) {
      requirement(fmt::format("{}.matchExpressions[{}]", path, i), term.matchExpressions[i], true);
    }
  }

  void podTerm(const std::string& path, const PodAffinityTerm& term) {
    selector(path + ".labelSelector", term.labelSelector);
    if (term.topologyKey.empty()) report(path + ".topologyKey", "is required");
  }

  void podAffinity(const std::string& path, const PodAffinity& affinity) {
    for (std::size_t i = 0; i < affinity.required.size(); ++i) {
      podTerm(fmt::format("{}.requiredDuringSchedulingIgnoredDuringExecution[{}]", path, i), affinity.required[i]);
    }
    for (std::size_t i = 0; i < affinity.preferred.size(); ++i) {
      const std::string item = fmt::format("{}.preferredDuringSchedulingIgnoredDuringExecution[{}]", path, i);
      weight(item, affinity.preferred[i].weight);
      podTerm(item + ".podAffinityTerm", affinity.preferred[i].podAffinityTerm);
    }
  }

  void affinity(const std::string& path, const Affinity& affinity) {
    if (affinity.nodeAffinity) {
      const NodeAffinity& node = *affinity.nodeAffinity;
      const std::string nodePath = path + ".nodeAffinity";
      for (std::size_t i = 0; i < node.required.size(); ++i) {
        nodeTerm(fmt::format("{}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[{}]", nodePath, i),
                 node.required[i]);
      }
      for (std::size_t i = 0; i < node.preferred.size(); ++i) {
        const std::string item = fmt::format("{}.preferredDuringSchedulingIgnoredDuringExecution[{}]", nodePath, i);
        weight(item, node.preferred[i].weight);
        nodeTerm(item + ".preference", node.preferred[i].preference);
      }
    }
    if (affinity.podAffinity) podAffinity(path + ".podAffinity", *affinity.podAffinity);
    if (affinity.podAntiAffinity) podAffinity(path + ".podAntiAffinity", *affinity.podAntiAffinity);
  }

  void spread(const std::string& path, const TopologySpreadConstraint& constraint) {
    if (constraint.maxSkew < 1) report(path + ".maxSkew", "must be at least 1");
    if (constraint.topologyKey.empty()) report(path + ".topologyKey", "is required");
    if (!isOneOf(constraint.whenUnsatisfiable, {"DoNotSchedule", "ScheduleAnyway"})) {
      report(path + ".whenUnsatisfiable", "must be DoNotSchedule or ScheduleAnyway");
    }
    if (constraint.minDomains) {
      if (*constraint.minDomains < 1) report(path + ".minDomains", "must be at least 1");
      if (constraint.whenUnsatisfiable != "DoNotSchedule") {
        report(path + ".minDomains", "is only read with whenUnsatisfiable DoNotSchedule");
      }
    }
    selector(path + ".labelSelector", constraint.labelSelector);
  }

  std::vector<SchedulingProblem> problems_;
};

Json requirementsJson(const std::vector<LabelRequirement>& requirements) {
  Json list = Json::array();
  for (const LabelRequirement& requirement : requirements) {
    Json entry = Json::object();
    entry["key"] = requirement.key;
    entry["operator"] = requirement.operator_;
    if (!requirement.values.empty()) entry["values"] = requirement.values;
    list.push_back(std::move(entry));
  }
  return list;
}

Json selectorJson(const LabelSelector& selector, const std::map<std::string, std::string>& whenEmpty) {
  Json json = Json::object();
  if (selector.matchLabels.empty() && selector.matchExpressions.empty()) {
    json["matchLabels"] = whenEmpty;
    return json;
  }
  if (!selector.matchLabels.empty()) json["matchLabels"] = selector.matchLabels;
  if (!selector.matchExpressions.empty()) json["matchExpressions"] = requirementsJson(selector.matchExpressions);
  return json;
}

Json nodeTermJson(const NodeSelectorTerm& term) {
  Json json = Json::object();
  json["matchExpressions"] = requirementsJson(term.matchExpressions);
  return json;
}

Json podTermJson(const PodAffinityTerm& term, const std::map<std::string, std::string>& ownPods) {
  Json json = Json::object();
  json["labelSelector"] = selectorJson(term.labelSelector, ownPods);
  json["topologyKey"] = term.topologyKey;
  if (!term.namespaces.empty()) json["namespaces"] = term.namespaces;
  return json;
}

Json podAffinityJson(const PodAffinity& affinity, const std::map<std::string, std::string>& ownPods) {
  Json json = Json::object();
  if (!affinity.required.empty()) {
    Json terms = Json::array();
    for (const PodAffinityTerm& term : affinity.required) terms.push_back(podTermJson(term, ownPods));
    json["requiredDuringSchedulingIgnoredDuringExecution"] = std::move(terms);
  }
  if (!affinity.preferred.empty()) {
    Json terms = Json::array();
    for (const WeightedPodAffinityTerm& term : affinity.preferred) {
      Json entry = Json::object();
      entry["weight"] = term.weight;
      entry["podAffinityTerm"] = podTermJson(term.podAffinityTerm, ownPods);
      terms.push_back(std::move(entry));
    }
    json["preferredDuringSchedulingIgnoredDuringExecution"] = std::move(terms);
  }
  return json;
}

Json affinityJson(const Affinity& affinity, const std::map<std::string, std::string>& ownPods) {
  Json json = Json::object();
  if (affinity.nodeAffinity) {
    const NodeAffinity& node = *affinity.nodeAffinity;
    Json nodeJson = Json::object();
    if (!node.required.empty()) {
      Json terms = Json::array();
      for (const NodeSelectorTerm& term : node.required) terms.push_back(nodeTermJson(term));
      Json required = Json::object();
      required["nodeSelectorTerms"] = std::move(terms);
      nodeJson["requiredDuringSchedulingIgnoredDuringExecution"] = std::move(required);
    }
    if (!node.preferred.empty()) {
      Json terms = Json::array();
      for (const PreferredNodeTerm& term : node.preferred) {
        Json entry = Json::object();
        entry["weight"] = term.weight;
        entry["preference"] = nodeTermJson(term.preference);
        terms.push_back(std::move(entry));
      }
      nodeJson["preferredDuringSchedulingIgnoredDuringExecution"] = std::move(terms);
    }
    json["nodeAffinity"] = std::move(nodeJson);
  }
  if (affinity.podAffinity) json["podAffinity"] = podAffinityJson(*affinity.podAffinity, ownPods);
  if (affinity.podAntiAffinity) json["podAntiAffinity"] = podAffinityJson(*affinity.podAntiAffinity, ownPods);
  return json;
}

}  // namespace

std::vector<SchedulingProblem> podSchedulingProblems(const PodSchedulingProps& scheduling) {
  return Checker().check(scheduling);
}

void checkPodScheduling(const PodSchedulingProps& scheduling) {
  const auto problems = podSchedulingProblems(scheduling);
  if (!problems.empty()) {
    throw std::invalid_argument(fmt::format("{} {}", problems.front().path, problems.front().message));
  }
}

void applyPodScheduling(const PodSchedulingProps& scheduling, const std::map<std::string, std::string>& ownPods,
                        Json& podSpec) {
  if (!scheduling.nodeSelector.empty()) podSpec["nodeSelector"] = scheduling.nodeSelector;
  if (!scheduling.tolerations.empty()) {
    Json tolerations = Json::array();
    for (const Toleration& toleration : scheduling.tolerations) {
      Json entry = Json::object();
      if (toleration.key) entry["key"] = *toleration.key;
      if (toleration.operator_) entry["operator"] = *toleration.operator_;
      if (toleration.value) entry["value"] = *toleration.value;
      if (toleration.effect) entry["effect"] = *toleration.effect;
      if (toleration.tolerationSeconds) entry["tolerationSeconds"] = *toleration.tolerationSeconds;
      tolerations.push_back(std::move(entry));
    }
    podSpec["tolerations"] = std::move(tolerations);
  }
  if (scheduling.affinity) podSpec["affinity"] = affinityJson(*scheduling.affinity, ownPods);
  if (!scheduling.topologySpreadConstraints.empty()) {
    Json constraints = Json::array();
    for (const TopologySpreadConstraint& constraint : scheduling.topologySpreadConstraints) {
      Json entry = Json::object();
      entry["maxSkew"] = constraint.maxSkew;
      entry["topologyKey"] = constraint.topologyKey;
      entry["whenUnsatisfiable"] = constraint.whenUnsatisfiable;
      entry["labelSelector"] = selectorJson(constraint.labelSelector, ownPods);
      if (constraint.minDomains) entry["minDomains"] = *constraint.minDomains;
      constraints.push_back(std::move(entry));
    }
    podSpec["topologySpreadConstraints"] = std::move(constraints);
  }
  if (scheduling.priorityClassName) podSpec["priorityClassName"] = *scheduling.priorityClassName;
}

}  // namespace cdk8s::plus
