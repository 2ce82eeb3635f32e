#include "workload_validation.hpp"

#include <set>

#include <fmt/format.h>

#include "config_formats.hpp"
#include "mailu/component_registry.hpp"
#include "problem_wording.hpp"
#include "value_checks.hpp"

namespace mailu::validation {
namespace {

namespace plus = cdk8s::plus;

class WorkloadValidator : ValueChecks {
 public:
  explicit WorkloadValidator(std::vector<ConfigProblem>& problems) : ValueChecks(problems) {}

  void check(const MailuChartConfig& config) {
    const bool submissionImage = config.images && config.images->dovecotSubmission;
    if (submissionImage) format("images.dovecotSubmission", *config.images->dovecotSubmission, kImageReferenceFormat);
    if (!config.workloads) return;
    for (const ComponentSpec& spec : mailuComponents()) {
      const auto& given = (*config.workloads).*spec.workloadKey;
      if (!given) continue;
      const std::string path = joinPath("workloads", spec.key);
      if (!isEnabled(config.components, spec.id)) {
        report(path, fmt::format("has no {} to run: components.{} is false", spec.name, spec.key));
      }
      workload(path, spec, *given);
      if (spec.id == Component::kDovecotSubmission && submissionImage && given->image) {
        report(joinPath(path, "image"), "cannot be given with images.dovecotSubmission: give the image once");
      }
    }
  }

 private:
  void workload(const std::string& path, const ComponentSpec& spec, const WorkloadConfig& given) {
    if (given.replicas) replicas(joinPath(path, "replicas"), spec, *given.replicas);
    if (given.nodeSelector) labelKeyedMap(joinPath(path, "nodeSelector"), *given.nodeSelector, kLabelValueFormat);
    scheduling(path, given);
    if (given.podAnnotations) labelKeyedMap(joinPath(path, "podAnnotations"), *given.podAnnotations, kAnnotationValueFormat);
    if (given.podLabels) podLabels(joinPath(path, "podLabels"), *given.podLabels);
    if (given.serviceAnnotations) {
      const std::string at = joinPath(path, "serviceAnnotations");
      if (spec.listeners.empty()) report(at, fmt::format("has no Service to go on: {} listens on no port", spec.name));
      labelKeyedMap(at, *given.serviceAnnotations, kAnnotationValueFormat);
    }
    if (given.extraEnv) extraEnv(joinPath(path, "extraEnv"), *given.extraEnv);
    if (given.image) image(joinPath(path, "image"), *given.image);
  }

  void replicas(const std::string& path, const ComponentSpec& spec, int count) {
    if (count < kReplicasRange.min || count > kReplicasRange.max) {
      report(path, fmt::format("must be a whole number from {} to {} (to run none, set components.{} to false)",
                               kReplicasRange.min, kReplicasRange.max, spec.key),
             std::to_string(count));
    } else if (count > 1 && spec.replicas.scaling == Scaling::kOne) {
      report(path, fmt::format("must be 1: {} runs one pod, as {}", spec.name, spec.replicas.why), std::to_string(count));
    }
  }

  void podLabels(const std::string& path, const std::map<std::string, std::string>& labels) {
    labelKeyedMap(path, labels, kLabelValueFormat);
    for (const auto& [key, value] : labels) {
      if (isChartPodLabel(key)) {
        report(joinPath(path, key), "is the chart's own label, which its Services and NetworkPolicies select pods by",
               describeString(key));
      }
    }
  }

  // The formats of the strings inside the Kubernetes shapes, then the rules
  // the API server enforces (the same function the Deployment builder runs).
  void scheduling(const std::string& path, const WorkloadConfig& given) {
    plus::PodSchedulingProps props;
    if (given.tolerations) {
      props.tolerations = *given.tolerations;
      for (std::size_t i = 0; i < props.tolerations.size(); ++i) {
        const plus::Toleration& toleration = props.tolerations[i];
        const std::string at = fmt::format("{}.tolerations[{}]", path, i);
        if (toleration.key) format(at + ".key", *toleration.key, kLabelKeyFormat);
        if (toleration.value) format(at + ".value", *toleration.value, kLabelValueFormat);
        if (toleration.tolerationSeconds && (*toleration.tolerationSeconds < kTolerationSecondsRange.min ||
                                             *toleration.tolerationSeconds > kTolerationSecondsRange.max)) {
          report(at + ".tolerationSeconds", fmt::format("must be a whole number from {} to {}",
                                                        kTolerationSecondsRange.min, kTolerationSecondsRange.max));
        }
      }
    }
    if (given.affinity) {
      props.affinity = *given.affinity;
      affinityFormats(path + ".affinity", *given.affinity);
    }
    if (given.topologySpreadConstraints) {
      props.topologySpreadConstraints = *given.topologySpreadConstraints;
      for (std::size_t i = 0; i < props.topologySpreadConstraints.size(); ++i) {
        const auto& constraint = props.topologySpreadConstraints[i];
        const std::string at = fmt::format("{}.topologySpreadConstraints[{}]", path, i);
        if (!constraint.topologyKey.empty()) format(at + ".topologyKey", constraint.topologyKey, kLabelKeyFormat);
        selectorFormats(at + ".labelSelector", constraint.labelSelector);
      }
    }
    if (given.priorityClassName) {
      props.priorityClassName = given.priorityClassName;
      if (!given.priorityClassName->empty()) {
        format(path + ".priorityClassName", *given.priorityClassName, kPriorityClassFormat);
      }
    }
    for (const plus::SchedulingProblem& problem : plus::podSchedulingProblems(props)) {
      report(fmt::format("{}.{}", path, problem.path), problem.message);
    }
  }

  void requirementFormats(const std::string& path, const std::vector<plus::LabelRequirement>& requirements) {
    for (std::size_t i = 0; i < requirements.size(); ++i) {
      const std::string at = fmt::format("{}[{}]", path, i);
      if (!requirements[i].key.empty()) format(at + ".key", requirements[i].key, kLabelKeyFormat);
      for (std::size_t v = 0; v < requirements[i].values.size(); ++v) {
        format(fmt::format("{}.values[{}]", at, v), requirements[i].values[v], kLabelValueFormat);
      }
    }
  }

  void selectorFormats(const std::string& path, const plus::LabelSelector& selector) {
    labelKeyedMap(path + ".matchLabels", selector.matchLabels, kLabelValueFormat);
    requirementFormats(path + ".matchExpressions", selector.matchExpressions);
  }

  void podAffinityFormats(const std::string& path, const plus::PodAffinity& affinity) {
    const auto term = [&](const std::string& at, const plus::PodAffinityTerm& t) {
      selectorFormats(at + ".labelSelector", t.labelSelector);
      if (!t.topologyKey.empty()) format(at + ".topologyKey", t.topologyKey, kLabelKeyFormat);
      for (std::size_t n = 0; n < t.namespaces.size(); ++n) {
        format(fmt::format("{}.namespaces[{}]", at, n), t.namespaces[n], kNamespaceFormat);
      }
    };
    for (std::size_t i = 0; i < affinity.required.size(); ++i) {
      term(fmt::format("{}.requiredDuringSchedulingIgnoredDuringExecution[{}]", path, i), affinity.required[i]);
    }
    for (std::size_t i = 0; i < affinity.preferred.size(); ++i) {
      term(fmt::format("{}.preferredDuringSchedulingIgnoredDuringExecution[{}].podAffinityTerm", path, i),
           affinity.preferred[i].podAffinityTerm);
    }
  }

  void affinityFormats(const std::string& path, const plus::Affinity& affinity) {
    if (affinity.nodeAffinity) {
      const std::string at = path + ".nodeAffinity";
      for (std::size_t i = 0; i < affinity.nodeAffinity->required.size(); ++i) {
        requirementFormats(
            fmt::format("{}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[{}].matchExpressions", at, i),
            affinity.nodeAffinity->required[i].matchExpressions);
      }
      for (std::size_t i = 0; i < affinity.nodeAffinity->preferred.size(); ++i) {
        requirementFormats(
            fmt::format("{}.preferredDuringSchedulingIgnoredDuringExecution[{}].preference.matchExpressions", at, i),
            affinity.nodeAffinity->preferred[i].preference.matchExpressions);
      }
    }
    if (affinity.podAffinity) podAffinityFormats(path + ".podAffinity", *affinity.podAffinity);
    if (affinity.podAntiAffinity) podAffinityFormats(path + ".podAntiAffinity", *affinity.podAntiAffinity);
  }

  void extraEnv(const std::string& path, const std::vector<ExtraEnvConfig>& variables) {
    std::set<std::string_view> names;
    for (std::size_t i = 0; i < variables.size(); ++i) {
      const ExtraEnvConfig& variable = variables[i];
      const std::string at = fmt::format("{}[{}]", path, i);
      if (variable.name.empty()) {
        report(at + ".name", "is required");
      } else {
        format(at + ".name", variable.name, kEnvNameFormat);
        if (!names.insert(variable.name).second) {
          report(at + ".name", "is given more than once", describeString(variable.name));
        }
        if (const auto why = chartOwned(variable.name)) report(at + ".name", *why, describeString(variable.name));
      }
      if (variable.value.has_value() == variable.secretKeyRef.has_value()) {
        report(at, "must give either value or valueFrom.secretKeyRef (a Secret's key, for anything secret)");
      }
      if (variable.value) format(at + ".value", *variable.value, kEnvValueFormat);
      if (variable.secretKeyRef) {
        format(at + ".valueFrom.secretKeyRef.name", variable.secretKeyRef->name, kSecretNameFormat);
        format(at + ".valueFrom.secretKeyRef.key", variable.secretKeyRef->key, kSecretKeyFormat);
      }
    }
  }

  // Why a variable is the chart's to set, whatever this config gives: a
  // config key owns it (the key's checks would be passed around), the chart
  // fixes it, it widens trust, or the chart gives it each container.
  static std::optional<std::string> chartOwned(std::string_view name) {
    for (const OwnedVariable& variable : configVariables()) {
      if (variable.name != name) continue;
      if (variable.key.starts_with("the chart")) return fmt::format("is set by {}, by design", variable.key);
      return fmt::format("is written by the chart from {}: set that key instead", variable.key);
    }
    for (const OwnedVariable& variable : trustVariables()) {
      if (variable.name == name) return fmt::format("would widen whom Mailu trusts: {}", variable.key);
    }
    if (isAddressVariable(name)) return std::string("is a Service address the chart resolves itself");
    if (isContainerVariable(name)) return std::string("is a variable the chart gives the container itself");
    return std::nullopt;
  }

  void image(const std::string& path, const ImageOverrideConfig& image) {
    if (!image.repository && !image.tag && !image.digest) {
      report(path, "must give at least one of repository, tag and digest");
    }
    if (image.repository) format(path + ".repository", *image.repository, kImageRepositoryFormat);
    if (image.tag) format(path + ".tag", *image.tag, kTagFormat);
    if (image.digest) format(path + ".digest", *image.digest, kImageDigestFormat);
  }
};

}  // namespace

void checkWorkloads(const MailuChartConfig& config, std::vector<ConfigProblem>& problems) {
  WorkloadValidator(problems).check(config);
}

}  // namespace mailu::validation
