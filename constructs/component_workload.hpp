// The shape every Mailu component shares, built in one place: a Deployment
// labelled for its component, a container running the Mailu image with the
// shared environment, an optional claim for its data and a ClusterIP Service.
// Each construct in this folder adds only what is its own.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <cdk8s_plus/deployment.hpp>
#include <cdk8s_plus/persistent_volume_claim.hpp>
#include <cdk8s_plus/service.hpp>

#include "mailu/component_registry.hpp"
#include "mailu/constructs/component.hpp"
#include "mailu/constructs/front.hpp"

namespace mailu {

// "<registry>/<image>:<tag>" for Mailu's images, else the component's fixed image.
std::string componentImage(const ImageSettings& images, const ComponentSpec& spec);

// Labels app.kubernetes.io/name "mailu-<component>", app.kubernetes.io/component
// "<component>" (and part-of on the Deployment), root allowed: Mailu's images
// bind privileged ports and write system paths. The workload's replicas,
// scheduling, pod labels and annotations; with more than one replica, a
// PodDisruptionBudget (id "pdb") beside it. `dns` is the cluster's unless given.
cdk8s::plus::Deployment& addComponentDeployment(cdk8s::Construct& scope, const ComponentContext& context,
                                                const ComponentSpec& spec, const WorkloadSettings& workload,
                                                cdk8s::plus::PodDnsProps dns = {});

// A container named after the component, running the workload's image (else
// the component's), with the context's pull policy, root allowed, a writable
// root filesystem, the runtime's default seccompProfile and no NET_RAW (D20),
// and the given requests and limits. Hardened (security.hardened): every
// capability dropped but the registry's, and its root filesystem and user.
cdk8s::plus::ContainerProps componentContainer(const ComponentContext& context, const ComponentSpec& spec,
                                               const WorkloadSettings& workload, const ResourceSettings& resources);

// Adds the container to the Deployment with the workload's extra variables
// and, hardened with a read-only root filesystem, an emptyDir at each of the
// registry's writable paths.
cdk8s::plus::Container& addComponentContainer(cdk8s::plus::Deployment& deployment, const ComponentSpec& spec,
                                              cdk8s::plus::ContainerProps props, const WorkloadSettings& workload);

// Who reads the PostgreSQL credentials (D18): only admin and, for its own
// data, Roundcube. Postfix and dovecot ask admin instead.
enum class DatabaseClient {
  kNone,
  kMailu,      // DB_USER, DB_PW (core/admin/mailu/configuration.py)
  kRoundcube,  // ROUNDCUBE_DB_FLAVOR, _HOST, _NAME, _USER, _PW (webmails/start.py, D12)
};

struct ComponentEnvironment {
  DatabaseClient database = DatabaseClient::kNone;  // given only with PostgreSQL
  bool secretKey = true;                            // SECRET_KEY from the Mailu secret
};

// The shared ConfigMap as envFrom, then the secrets Mailu's services read.
void addComponentEnvironment(cdk8s::plus::Container& container, const ComponentContext& context,
                             ComponentEnvironment what = {});

cdk8s::plus::PersistentVolumeClaim& addComponentClaim(cdk8s::Construct& scope, const ComponentContext& context,
                                                      const StorageSettings& storage);

struct ComponentServiceOptions {
  // Adds app.kubernetes.io/part-of, which only some components' Services carry.
  bool partOfLabel = false;
};

// A ClusterIP Service selecting the Deployment's pods, with the registry's
// listeners that `switches` turn on; each port targets the same number over
// TCP. The workload's service annotations.
cdk8s::plus::Service& addComponentService(cdk8s::Construct& scope, const ComponentContext& context,
                                          const ComponentSpec& spec, const cdk8s::plus::Deployment& deployment,
                                          const WorkloadSettings& workload, ListenerSwitches switches = {},
                                          ComponentServiceOptions options = {});

// front.service: a Service "mail-service" selecting the Deployment's pods,
// with the exposure's ports, each to front's listener for it (the PROXY one
// with the PROXY protocol), the exposure's type, policy and annotations.
cdk8s::plus::Service& addExposureService(cdk8s::Construct& scope, const ComponentContext& context,
                                         const ComponentSpec& spec, const cdk8s::plus::Deployment& deployment,
                                         const FrontExposure& exposure);

// The address variables the chart resolved for this container alone, in order.
void addAddressVariables(cdk8s::plus::Container& container, const std::vector<ContainerVariable>& variables);

// Mounts the image's /overrides: the files in a ConfigMap made under
// `scope` with id "overrides", or the existing ConfigMap named.
void mountOverrides(cdk8s::Construct& scope, cdk8s::plus::Container& container, const ComponentContext& context,
                    const OverrideSettings& overrides);

// Probe timings: initial delay, period and timeout in seconds; three failures.
cdk8s::plus::ProbeOptions probeTiming(int initialDelaySeconds, int periodSeconds, int timeoutSeconds);

}  // namespace mailu
