// The defaults of each Mailu component, from the seed "Component
// Specifications": requests and limits (D3, D4) and storage sizes. The config
// overrides them field by field.
#pragma once

#include <string_view>

namespace mailu {

enum class Component {
  kFront,
  kAdmin,
  kPostfix,
  kDovecot,
  kDovecotSubmission,
  kRspamd,
  kWebmail,
  kClamav,
  kFetchmail,
  kWebdav,
};

struct ResourceDefaults {
  std::string_view cpuRequest;
  std::string_view memoryRequest;
  std::string_view cpuLimit;
  std::string_view memoryLimit;
};

ResourceDefaults defaultResources(Component component);

// Size of the component's claim; empty for components without storage.
std::string_view defaultStorageSize(Component component);

}  // namespace mailu
