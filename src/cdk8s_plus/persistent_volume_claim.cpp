#include "cdk8s_plus/persistent_volume_claim.hpp"

#include "cdk8s/js_number.hpp"

namespace cdk8s::plus {
namespace {

const char* accessModeName(PersistentVolumeAccessMode mode) {
  switch (mode) {
    case PersistentVolumeAccessMode::kReadWriteOnce:
      return "ReadWriteOnce";
    case PersistentVolumeAccessMode::kReadOnlyMany:
      return "ReadOnlyMany";
    case PersistentVolumeAccessMode::kReadWriteMany:
      return "ReadWriteMany";
    case PersistentVolumeAccessMode::kReadWriteOncePod:
      return "ReadWriteOncePod";
  }
  return "";
}

}  // namespace

PersistentVolumeClaim::PersistentVolumeClaim(Construct& scope, std::string_view id, PersistentVolumeClaimProps props)
    : Resource(scope, id, "v1", "PersistentVolumeClaim", std::move(props.metadata)) {
  Json spec = Json::object();
  if (!props.accessModes.empty()) {
    Json modes = Json::array();
    for (PersistentVolumeAccessMode mode : props.accessModes) modes.push_back(accessModeName(mode));
    spec["accessModes"] = std::move(modes);
  }
  if (props.storage) {
    const std::string gibibytes = formatJsNumber(props.storage->toGibibytes(SizeRounding::kNone)) + "Gi";
    spec["resources"] = jsonObject("requests", jsonObject("storage", gibibytes));
  }
  spec["volumeMode"] = props.volumeMode == PersistentVolumeMode::kBlock ? "Block" : "Filesystem";
  if (props.storageClassName) spec["storageClassName"] = *props.storageClassName;
  apiObject().set("spec", std::move(spec));
}

}  // namespace cdk8s::plus
