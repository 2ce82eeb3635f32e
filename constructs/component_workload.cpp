#include "component_workload.hpp"

#include <map>

#include <cdk8s_plus/pod_disruption_budget.hpp>

#include "resource_parser.hpp"

namespace mailu {
namespace {

using cdk8s::plus::EnvFrom;
using cdk8s::plus::EnvValue;

std::map<std::string, std::string> componentLabels(std::string_view component) {
  return {{"app.kubernetes.io/name", "mailu-" + std::string(component)},
          {"app.kubernetes.io/component", std::string(component)}};
}

}  // namespace

std::string componentImage(const ImageSettings& images, const ComponentSpec& spec) {
  if (spec.image.empty()) return std::string(spec.fixedImage);
  return images.registry + "/" + std::string(spec.image) + ":" + images.tag;
}

cdk8s::plus::Deployment& addComponentDeployment(cdk8s::Construct& scope, const ComponentContext& context,
                                                const ComponentSpec& spec, const WorkloadSettings& workload,
                                                cdk8s::plus::PodDnsProps dns) {
  auto labels = componentLabels(spec.name);
  labels["app.kubernetes.io/part-of"] = "mailu";
  auto podLabels = workload.podLabels;
  for (auto& [key, value] : componentLabels(spec.name)) podLabels[key] = std::move(value);
  auto& deployment = scope.make<cdk8s::plus::Deployment>(
      "deployment", cdk8s::plus::DeploymentProps{
                        .metadata = {.namespace_ = context.namespaceName, .labels = labels},
                        .replicas = workload.replicas,
                        .podLabels = std::move(podLabels),
                        .podAnnotations = workload.podAnnotations,
                        .securityContext = {.ensureNonRoot = false},
                        .dns = std::move(dns),
                        .scheduling = workload.scheduling,
                    });
  if (workload.replicas > 1) {
    scope.make<cdk8s::plus::PodDisruptionBudget>(
        "pdb", cdk8s::plus::PodDisruptionBudgetProps{
                   .metadata = {.namespace_ = context.namespaceName, .labels = std::move(labels)},
                   .selector = &deployment,
               });
  }
  return deployment;
}

cdk8s::plus::ContainerProps componentContainer(const ComponentContext& context, const ComponentSpec& spec,
                                               const WorkloadSettings& workload, const ResourceSettings& resources) {
  cdk8s::plus::ContainerProps props{
      .name = std::string(spec.name),
      .image = workload.image.value_or(componentImage(context.images, spec)),
      .imagePullPolicy = context.images.pullPolicy,
      .resources =
          cdk8s::plus::ContainerResources{
              .cpu = {.request = parseCpu(resources.cpuRequest), .limit = parseCpu(resources.cpuLimit)},
              .memory = {.request = parseSize(resources.memoryRequest), .limit = parseSize(resources.memoryLimit)},
          },
      // Mailu's images run as root and drop privileges themselves. The seccomp
      // profile is the one Docker applies to them; no Mailu program opens raw sockets.
      .securityContext = {.ensureNonRoot = false,
                          .readOnlyRootFilesystem = false,
                          .dropCapabilities = {"NET_RAW"},
                          .seccompProfileType = "RuntimeDefault"},
  };
  if (workload.hardened) {
    const Hardening& hardening = spec.hardening;
    auto& security = props.securityContext;
    security.dropCapabilities = {"ALL"};
    for (const Capability& capability : hardening.capabilities) security.addCapabilities.emplace_back(capability.name);
    security.readOnlyRootFilesystem = hardening.readOnlyRootFilesystem;
    if (hardening.runAsUser) {
      security.ensureNonRoot = true;
      security.user = hardening.runAsUser;
      security.group = hardening.runAsGroup;
    }
  }
  return props;
}

cdk8s::plus::Container& addComponentContainer(cdk8s::plus::Deployment& deployment, const ComponentSpec& spec,
                                              cdk8s::plus::ContainerProps props, const WorkloadSettings& workload) {
  cdk8s::plus::Container& container = deployment.addContainer(std::move(props));
  if (workload.hardened && spec.hardening.readOnlyRootFilesystem) {
    for (const WritablePath& writable : spec.hardening.emptyDirs) {
      container.mount(std::string(writable.path),
                      cdk8s::plus::Volume::fromEmptyDir(emptyDirVolumeName(writable.path)));
    }
  }
  for (const ExtraVariable& variable : workload.extraEnv) {
    container.env().addVariable(variable.name, variable.secretName
                                                   ? EnvValue::fromSecretValue({*variable.secretName}, variable.value)
                                                   : EnvValue::fromValue(variable.value));
  }
  return container;
}

void addComponentEnvironment(cdk8s::plus::Container& container, const ComponentContext& context,
                             ComponentEnvironment what) {
  container.env().copyFrom(EnvFrom::fromConfigMap(*context.sharedConfigMap));
  if (context.database && what.database != DatabaseClient::kNone) {
    const DatabaseSettings& database = *context.database;
    const cdk8s::plus::SecretRef secret{database.secretName};
    std::string_view prefix = "DB_";
    if (what.database == DatabaseClient::kRoundcube) {
      prefix = "ROUNDCUBE_DB_";
      container.env().addVariable("ROUNDCUBE_DB_FLAVOR", EnvValue::fromValue("postgresql"));
      container.env().addVariable("ROUNDCUBE_DB_HOST", EnvValue::fromValue(database.address));
      container.env().addVariable("ROUNDCUBE_DB_NAME", EnvValue::fromValue(database.name));
    }
    container.env().addVariable(std::string(prefix) + "USER", EnvValue::fromSecretValue(secret, database.usernameKey));
    container.env().addVariable(std::string(prefix) + "PW", EnvValue::fromSecretValue(secret, database.passwordKey));
  }
  if (what.secretKey) {
    container.env().addVariable("SECRET_KEY", EnvValue::fromSecretValue({context.mailuSecretName}, "secret-key"));
  }
}

cdk8s::plus::PersistentVolumeClaim& addComponentClaim(cdk8s::Construct& scope, const ComponentContext& context,
                                                      const StorageSettings& storage) {
  return scope.make<cdk8s::plus::PersistentVolumeClaim>(
      "pvc", cdk8s::plus::PersistentVolumeClaimProps{
                 .metadata = {.namespace_ = context.namespaceName},
                 .accessModes = {cdk8s::plus::PersistentVolumeAccessMode::kReadWriteOnce},
                 .storage = parseSize(storage.size),
                 .storageClassName = storage.storageClass,
             });
}

cdk8s::plus::Service& addComponentService(cdk8s::Construct& scope, const ComponentContext& context,
                                          const ComponentSpec& spec, const cdk8s::plus::Deployment& deployment,
                                          const WorkloadSettings& workload, ListenerSwitches switches,
                                          ComponentServiceOptions options) {
  auto labels = componentLabels(spec.name);
  if (options.partOfLabel) labels["app.kubernetes.io/part-of"] = "mailu";
  std::vector<cdk8s::plus::ServicePort> servicePorts;
  for (const Listener& listener : spec.listeners) {
    if (!onService(listener, switches)) continue;
    servicePorts.push_back({.port = listener.port,
                            .name = std::string(listener.name),
                            .targetPort = listener.port,
                            .protocol = cdk8s::plus::Protocol::kTcp});
  }
  return scope.make<cdk8s::plus::Service>(
      "service", cdk8s::plus::ServiceProps{
                     .metadata = {.namespace_ = context.namespaceName,
                                  .labels = std::move(labels),
                                  .annotations = workload.serviceAnnotations},
                     .selector = &deployment,
                     .ports = std::move(servicePorts),
                 });
}

cdk8s::plus::Service& addExposureService(cdk8s::Construct& scope, const ComponentContext& context,
                                         const ComponentSpec& spec, const cdk8s::plus::Deployment& deployment,
                                         const FrontExposure& exposure) {
  std::vector<cdk8s::plus::ServicePort> servicePorts;
  for (const ExposedMailPort& port : exposure.ports) {
    const auto nodePort = exposure.nodePorts.find(port.port);
    servicePorts.push_back({.port = port.port,
                            .name = std::string(port.name),
                            .targetPort = exposure.targetPort(port),
                            .protocol = cdk8s::plus::Protocol::kTcp,
                            .nodePort = nodePort == exposure.nodePorts.end() ? std::nullopt
                                                                            : std::optional<int>(nodePort->second)});
  }
  return scope.make<cdk8s::plus::Service>(
      "mail-service", cdk8s::plus::ServiceProps{
                          .metadata = {.namespace_ = context.namespaceName,
                                       .labels = componentLabels(spec.name),
                                       .annotations = exposure.annotations},
                          .type = exposure.type,
                          .selector = &deployment,
                          .ports = std::move(servicePorts),
                          .externalTrafficPolicy = exposure.externalTrafficPolicy,
                          .loadBalancerIP = exposure.loadBalancerIP,
                          .loadBalancerSourceRanges = exposure.loadBalancerSourceRanges,
                      });
}

void addAddressVariables(cdk8s::plus::Container& container, const std::vector<ContainerVariable>& variables) {
  for (const ContainerVariable& variable : variables) {
    container.env().addVariable(variable.name, EnvValue::fromValue(variable.value));
  }
}

void mountOverrides(cdk8s::Construct& scope, cdk8s::plus::Container& container, const ComponentContext& context,
                    const OverrideSettings& overrides) {
  using cdk8s::plus::Volume;
  if (overrides.configMapName) {
    container.mount(std::string(kOverridesDirectory), Volume::fromConfigMapName(*overrides.configMapName));
    return;
  }
  const auto& files = scope.make<cdk8s::plus::ConfigMap>(
      "overrides",
      cdk8s::plus::ConfigMapProps{.metadata = {.namespace_ = context.namespaceName}, .data = overrides.files});
  container.mount(std::string(kOverridesDirectory), Volume::fromConfigMap(files));
}

cdk8s::plus::ProbeOptions probeTiming(int initialDelaySeconds, int periodSeconds, int timeoutSeconds) {
  return {.failureThreshold = 3,
          .initialDelaySeconds = initialDelaySeconds,
          .periodSeconds = periodSeconds,
          .timeoutSeconds = timeoutSeconds};
}

}  // namespace mailu
