// A pod volume, named after its source: "pvc-<claim>" or "configmap-<map>"
// unless a name is given (an emptyDir always is), cut to 63 characters. Pods list each volume once, in the order mounts
// first use them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <cdk8s/json.hpp>

namespace cdk8s::plus {

class ConfigMap;
class PersistentVolumeClaim;

struct PersistentVolumeClaimVolumeOptions {
  // Default: "pvc-<claim name>".
  std::optional<std::string> name = {};
  // Default: false (always written).
  bool readOnly = false;
};

struct ConfigMapVolumeOptions {
  // Default: "configmap-<config map name>".
  std::optional<std::string> name = {};
  // File mode of the projected keys, e.g. 0755. Default: Kubernetes' (0644), not written.
  std::optional<int> defaultMode = {};
  // Default: not written.
  std::optional<bool> optional = {};
};

// One key of a Secret or ConfigMap as a file of the volume.
struct KeyToPath {
  std::string key;
  std::string path;  // relative to the mount point
};

struct SecretVolumeOptions {
  // Default: "secret-<secret name>".
  std::optional<std::string> name = {};
  // File mode of the projected keys. Default: Kubernetes' (0644), not written.
  std::optional<int> defaultMode = {};
  // Only these keys, at these paths. Default: every key under its own name.
  std::vector<KeyToPath> items = {};
  // Default: not written.
  std::optional<bool> optional = {};
};

class Volume {
 public:
  static Volume fromPersistentVolumeClaim(const PersistentVolumeClaim& claim,
                                          const PersistentVolumeClaimVolumeOptions& options = {});
  static Volume fromConfigMap(const ConfigMap& configMap, const ConfigMapVolumeOptions& options = {});
  // A ConfigMap the chart does not make (cdk8s-plus: ConfigMap.fromConfigMapName).
  static Volume fromConfigMapName(const std::string& configMapName, const ConfigMapVolumeOptions& options = {});
  // An empty directory on the node for the pod's lifetime (cdk8s-plus:
  // Volume.fromEmptyDir); it outlives container restarts. No medium or size limit.
  static Volume fromEmptyDir(const std::string& name);
  // A Secret the chart does not make (cdk8s-plus: Volume.fromSecret with
  // Secret.fromSecretName). Kubernetes updates the files when the Secret
  // changes, unless they are mounted with a subPath.
  static Volume fromSecretName(const std::string& secretName, const SecretVolumeOptions& options = {});

  const std::string& name() const { return name_; }
  Json toJson() const;

 private:
  static constexpr std::size_t kMaxNameLength = 63;
  Volume(std::string name, Json source);
  std::string name_;
  Json source_;  // e.g. {"configMap": {...}}
};

}  // namespace cdk8s::plus
