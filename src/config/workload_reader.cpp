#include "workload_reader.hpp"

#include <fmt/format.h>

#include "mailu/component_registry.hpp"

namespace mailu::validation {
namespace {

using Kind = DocumentNode::Kind;
namespace plus = cdk8s::plus;

// The Kubernetes field names, which the config takes as they are.
constexpr std::string_view kRequired = "requiredDuringSchedulingIgnoredDuringExecution";
constexpr std::string_view kPreferred = "preferredDuringSchedulingIgnoredDuringExecution";

class WorkloadReader {
 public:
  explicit WorkloadReader(FieldReader& reader) : r_(reader) {}

  std::optional<WorkloadsConfig> read(const Field& field) {
    KnownKeys known;
    for (const ComponentSpec& spec : mailuComponents()) known.push_back(spec.key);
    const auto workloads = r_.block(field, known, false);
    if (!workloads) return std::nullopt;
    WorkloadsConfig config;
    for (const ComponentSpec& spec : mailuComponents()) {
      config.*spec.workloadKey = workload(fieldOf(*workloads, spec.key));
    }
    return config;
  }

 private:

  std::optional<int> int32(const Field& field, bool required = false) {
    const auto value = r_.integer(field, kInt32Range.min, kInt32Range.max, required);
    return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
  }

  std::optional<WorkloadConfig> workload(const Field& field) {
    const auto block = r_.block(field,
                                {"replicas", "nodeSelector", "tolerations", "affinity", "topologySpreadConstraints",
                                 "priorityClassName", "podAnnotations", "podLabels", "extraEnv", "image",
                                 "serviceAnnotations"},
                                false);
    if (!block) return std::nullopt;
    WorkloadConfig config;
    if (const auto replicas = r_.integer(fieldOf(*block, "replicas"), kReplicasRange.min, kReplicasRange.max, false)) {
      config.replicas = static_cast<int>(*replicas);
    }
    config.nodeSelector = r_.labels(fieldOf(*block, "nodeSelector"));
    config.tolerations = r_.template listOf<plus::Toleration>(
        fieldOf(*block, "tolerations"), "tolerations such as [{key: dedicated, value: mail, effect: NoSchedule}]",
        [this](const Field& item) { return toleration(item); });
    config.affinity = affinity(fieldOf(*block, "affinity"));
    config.topologySpreadConstraints = r_.template listOf<plus::TopologySpreadConstraint>(
        fieldOf(*block, "topologySpreadConstraints"),
        "constraints such as [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone}]",
        [this](const Field& item) { return spread(item); });
    config.priorityClassName = r_.string(fieldOf(*block, "priorityClassName"), kPriorityClassFormat, false);
    config.podAnnotations = annotations(fieldOf(*block, "podAnnotations"));
    config.podLabels = r_.labels(fieldOf(*block, "podLabels"));
    config.extraEnv = r_.template listOf<ExtraEnvConfig>(fieldOf(*block, "extraEnv"), "variables such as [{name: LOG_LEVEL, value: INFO}]",
                                             [this](const Field& item) { return variable(item); });
    if (const auto image = r_.block(fieldOf(*block, "image"), {"repository", "tag", "digest"}, false)) {
      config.image = ImageOverrideConfig{.repository = r_.string(fieldOf(*image, "repository"), kImageRepositoryFormat, false),
                                         .tag = r_.string(fieldOf(*image, "tag"), kTagFormat, false),
                                         .digest = r_.string(fieldOf(*image, "digest"), kImageDigestFormat, false)};
    }
    config.serviceAnnotations = annotations(fieldOf(*block, "serviceAnnotations"));
    return config;
  }

  std::optional<std::map<std::string, std::string>> annotations(const Field& field) {
    return r_.keyedStrings(field, kAnnotationValueFormat, "annotation names to text, such as {example.com/owner: mail}");
  }

  std::optional<plus::Toleration> toleration(const Field& field) {
    const auto block = r_.block(field, {"key", "operator", "value", "effect", "tolerationSeconds"}, true);
    if (!block) return std::nullopt;
    plus::Toleration toleration;
    toleration.key = r_.string(fieldOf(*block, "key"), kLabelKeyFormat, false);
    toleration.operator_ = r_.string(fieldOf(*block, "operator"), kSchedulingWordFormat, false);
    toleration.value = r_.string(fieldOf(*block, "value"), kLabelValueFormat, false);
    toleration.effect = r_.string(fieldOf(*block, "effect"), kSchedulingWordFormat, false);
    toleration.tolerationSeconds = r_.integer(fieldOf(*block, "tolerationSeconds"), kTolerationSecondsRange.min,
                                              kTolerationSecondsRange.max, false);
    return toleration;
  }

  std::optional<plus::LabelRequirement> requirement(const Field& field) {
    const auto block = r_.block(field, {"key", "operator", "values"}, true);
    if (!block) return std::nullopt;
    return plus::LabelRequirement{
        .key = r_.string(fieldOf(*block, "key"), kLabelKeyFormat, true).value_or(""),
        .operator_ = r_.string(fieldOf(*block, "operator"), kSchedulingWordFormat, true).value_or(""),
        .values = r_.stringList(fieldOf(*block, "values"), kLabelValueFormat, "label values such as [amd64]")
                      .value_or(std::vector<std::string>{})};
  }

  std::vector<plus::LabelRequirement> requirements(const Field& field) {
    return r_.template listOf<plus::LabelRequirement>(field, "requirements such as [{key: disktype, operator: In, values: [ssd]}]",
                                          [this](const Field& item) { return requirement(item); })
        .value_or(std::vector<plus::LabelRequirement>{});
  }

  plus::LabelSelector selector(const Field& field) {
    const auto block = r_.block(field, {"matchLabels", "matchExpressions"}, false);
    if (!block) return {};
    return plus::LabelSelector{.matchLabels = r_.labels(fieldOf(*block, "matchLabels")).value_or(std::map<std::string, std::string>{}),
                               .matchExpressions = requirements(fieldOf(*block, "matchExpressions"))};
  }

  std::optional<plus::NodeSelectorTerm> nodeTerm(const Field& field) {
    const auto block = r_.block(field, {"matchExpressions"}, true);
    if (!block) return std::nullopt;
    return plus::NodeSelectorTerm{.matchExpressions = requirements(fieldOf(*block, "matchExpressions"))};
  }

  std::optional<plus::PodAffinityTerm> podTerm(const Field& field) {
    const auto block = r_.block(field, {"labelSelector", "topologyKey", "namespaces"}, true);
    if (!block) return std::nullopt;
    return plus::PodAffinityTerm{
        .labelSelector = selector(fieldOf(*block, "labelSelector")),
        .topologyKey = r_.string(fieldOf(*block, "topologyKey"), kLabelKeyFormat, true).value_or(""),
        .namespaces = r_.stringList(fieldOf(*block, "namespaces"), kNamespaceFormat, "namespaces such as [mailu]")
                          .value_or(std::vector<std::string>{})};
  }

  std::optional<plus::PodAffinity> podAffinity(const Field& field) {
    const auto block = r_.block(field, {kRequired, kPreferred}, false);
    if (!block) return std::nullopt;
    plus::PodAffinity affinity;
    affinity.required = r_.template listOf<plus::PodAffinityTerm>(fieldOf(*block, kRequired),
                                                      "terms such as [{topologyKey: kubernetes.io/hostname}]",
                                                      [this](const Field& item) { return podTerm(item); })
                            .value_or(std::vector<plus::PodAffinityTerm>{});
    affinity.preferred =
        r_.template listOf<plus::WeightedPodAffinityTerm>(
            fieldOf(*block, kPreferred), "weighted terms such as [{weight: 100, podAffinityTerm: {...}}]",
            [this](const Field& item) -> std::optional<plus::WeightedPodAffinityTerm> {
              const auto weighted = r_.block(item, {"weight", "podAffinityTerm"}, true);
              if (!weighted) return std::nullopt;
              return plus::WeightedPodAffinityTerm{
                  .weight = int32(fieldOf(*weighted, "weight"), true).value_or(1),
                  .podAffinityTerm = podTerm(fieldOf(*weighted, "podAffinityTerm")).value_or(plus::PodAffinityTerm{})};
            })
            .value_or(std::vector<plus::WeightedPodAffinityTerm>{});
    return affinity;
  }

  std::optional<plus::NodeAffinity> nodeAffinity(const Field& field) {
    const auto block = r_.block(field, {kRequired, kPreferred}, false);
    if (!block) return std::nullopt;
    plus::NodeAffinity affinity;
    if (const auto required = r_.block(fieldOf(*block, kRequired), {"nodeSelectorTerms"}, false)) {
      affinity.required =
          r_.template listOf<plus::NodeSelectorTerm>(fieldOf(*required, "nodeSelectorTerms"),
                                         "terms such as [{matchExpressions: [...]}]",
                                         [this](const Field& item) { return nodeTerm(item); })
              .value_or(std::vector<plus::NodeSelectorTerm>{});
    }
    affinity.preferred =
        r_.template listOf<plus::PreferredNodeTerm>(
            fieldOf(*block, kPreferred), "weighted terms such as [{weight: 50, preference: {...}}]",
            [this](const Field& item) -> std::optional<plus::PreferredNodeTerm> {
              const auto weighted = r_.block(item, {"weight", "preference"}, true);
              if (!weighted) return std::nullopt;
              return plus::PreferredNodeTerm{
                  .weight = int32(fieldOf(*weighted, "weight"), true).value_or(1),
                  .preference = nodeTerm(fieldOf(*weighted, "preference")).value_or(plus::NodeSelectorTerm{})};
            })
            .value_or(std::vector<plus::PreferredNodeTerm>{});
    return affinity;
  }

  std::optional<plus::Affinity> affinity(const Field& field) {
    const auto block = r_.block(field, {"nodeAffinity", "podAffinity", "podAntiAffinity"}, false);
    if (!block) return std::nullopt;
    return plus::Affinity{.nodeAffinity = nodeAffinity(fieldOf(*block, "nodeAffinity")),
                          .podAffinity = podAffinity(fieldOf(*block, "podAffinity")),
                          .podAntiAffinity = podAffinity(fieldOf(*block, "podAntiAffinity"))};
  }

  std::optional<plus::TopologySpreadConstraint> spread(const Field& field) {
    const auto block =
        r_.block(field, {"maxSkew", "topologyKey", "whenUnsatisfiable", "labelSelector", "minDomains"}, true);
    if (!block) return std::nullopt;
    plus::TopologySpreadConstraint constraint;
    constraint.maxSkew = int32(fieldOf(*block, "maxSkew"), true).value_or(1);
    constraint.topologyKey = r_.string(fieldOf(*block, "topologyKey"), kLabelKeyFormat, true).value_or("");
    if (auto when = r_.string(fieldOf(*block, "whenUnsatisfiable"), kSchedulingWordFormat, false)) {
      constraint.whenUnsatisfiable = std::move(*when);
    }
    constraint.labelSelector = selector(fieldOf(*block, "labelSelector"));
    constraint.minDomains = int32(fieldOf(*block, "minDomains"));
    return constraint;
  }

  std::optional<ExtraEnvConfig> variable(const Field& field) {
    const auto block = r_.block(field, {"name", "value", "valueFrom"}, true);
    if (!block) return std::nullopt;
    ExtraEnvConfig variable;
    variable.name = r_.string(fieldOf(*block, "name"), kEnvNameFormat, true).value_or("");
    variable.value = r_.string(fieldOf(*block, "value"), kEnvValueFormat, false);
    if (const auto from = r_.block(fieldOf(*block, "valueFrom"), {"secretKeyRef"}, false)) {
      if (const auto ref = r_.block(fieldOf(*from, "secretKeyRef"), {"name", "key"}, true)) {
        variable.secretKeyRef =
            SecretKeyRefConfig{.name = r_.string(fieldOf(*ref, "name"), kSecretNameFormat, true).value_or(""),
                               .key = r_.string(fieldOf(*ref, "key"), kSecretKeyFormat, true).value_or("")};
      }
    }
    return variable;
  }

  FieldReader& r_;
};

}  // namespace

std::optional<WorkloadsConfig> readWorkloads(FieldReader& reader, const Field& field) {
  return WorkloadReader(reader).read(field);
}

}  // namespace mailu::validation
