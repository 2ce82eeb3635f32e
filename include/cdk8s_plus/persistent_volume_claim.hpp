// A Kubernetes PersistentVolumeClaim. The requested storage is written in Gi,
// fractions kept ("0.5Gi" for 512Mi), as cdk8s-plus does.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <cdk8s/size.hpp>
#include <cdk8s_plus/resource.hpp>

namespace cdk8s::plus {

enum class PersistentVolumeAccessMode { kReadWriteOnce, kReadOnlyMany, kReadWriteMany, kReadWriteOncePod };
enum class PersistentVolumeMode { kFilesystem, kBlock };

struct PersistentVolumeClaimProps {
  ApiObjectMetadataProps metadata = {};
  // Default: none.
  std::vector<PersistentVolumeAccessMode> accessModes = {};
  // Default: none (no resources.requests).
  std::optional<Size> storage = {};
  // Default: the cluster's default class.
  std::optional<std::string> storageClassName = {};
  // Default: Filesystem.
  PersistentVolumeMode volumeMode = PersistentVolumeMode::kFilesystem;
};

class PersistentVolumeClaim : public Resource {
 public:
  PersistentVolumeClaim(Construct& scope, std::string_view id, PersistentVolumeClaimProps props = {});
};

}  // namespace cdk8s::plus
