#include "mailu/component_defaults.hpp"

namespace mailu {

ResourceDefaults defaultResources(Component component) {
  switch (component) {
    case Component::kFront:
    case Component::kAdmin:
    case Component::kWebmail:
      return {"100m", "256Mi", "500m", "512Mi"};
    case Component::kPostfix:
    case Component::kRspamd:
      return {"100m", "512Mi", "500m", "1Gi"};
    case Component::kDovecot:
      return {"200m", "1Gi", "1000m", "2Gi"};  // IMAP is memory-hungry
    case Component::kDovecotSubmission:
      return {"100m", "256Mi", "300m", "512Mi"};
    case Component::kClamav:
      return {"500m", "1Gi", "2000m", "2Gi"};  // the signature database lives in memory
    case Component::kFetchmail:
    case Component::kWebdav:
      return {"50m", "128Mi", "200m", "256Mi"};
  }
  return {};
}

std::string_view defaultStorageSize(Component component) {
  switch (component) {
    case Component::kAdmin:
    case Component::kPostfix:
    case Component::kRspamd:
    case Component::kWebmail:
    case Component::kWebdav:
      return "5Gi";
    case Component::kDovecot:
      return "100Gi";
    case Component::kClamav:
      return "15Gi";
    case Component::kFront:
    case Component::kDovecotSubmission:
    case Component::kFetchmail:
      return "";
  }
  return "";
}

}  // namespace mailu
