#include "cdk8s_plus/volume.hpp"

#include "cdk8s_plus/config_map.hpp"
#include "cdk8s_plus/persistent_volume_claim.hpp"

namespace cdk8s::plus {

// Kubernetes limits volume names to 63 characters; like cdk8s-plus, cut the rest.
Volume::Volume(std::string name, Json source) : name_(name.substr(0, kMaxNameLength)), source_(std::move(source)) {}

Volume Volume::fromPersistentVolumeClaim(const PersistentVolumeClaim& claim,
                                         const PersistentVolumeClaimVolumeOptions& options) {
  return Volume(options.name.value_or("pvc-" + claim.name()),
                jsonObject("persistentVolumeClaim",
                           jsonObject("claimName", claim.name(), "readOnly", options.readOnly)));
}

Volume Volume::fromConfigMap(const ConfigMap& configMap, const ConfigMapVolumeOptions& options) {
  return fromConfigMapName(configMap.name(), options);
}

Volume Volume::fromConfigMapName(const std::string& configMapName, const ConfigMapVolumeOptions& options) {
  Json source = jsonObject("name", configMapName);
  if (options.defaultMode) source["defaultMode"] = *options.defaultMode;
  if (options.optional) source["optional"] = *options.optional;
  return Volume(options.name.value_or("configmap-" + configMapName), jsonObject("configMap", std::move(source)));
}

Volume Volume::fromSecretName(const std::string& secretName, const SecretVolumeOptions& options) {
  Json source = jsonObject("secretName", secretName);
  if (options.defaultMode) source["defaultMode"] = *options.defaultMode;
  if (!options.items.empty()) {
    Json items = Json::array();
    for (const KeyToPath& item : options.items) items.push_back(jsonObject("key", item.key, "path", item.path));
    source["items"] = std::move(items);
  }
  if (options.optional) source["optional"] = *options.optional;
  return Volume(options.name.value_or("secret-" + secretName), jsonObject("secret", std::move(source)));
}

Volume Volume::fromEmptyDir(const std::string& name) { return Volume(name, jsonObject("emptyDir", Json::object())); }

Json Volume::toJson() const {
  Json out = source_;
  out["name"] = name_;
  return out;
}

}  // namespace cdk8s::plus
