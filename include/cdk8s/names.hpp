// Stable, unique names derived from a construct's path, exactly as cdk8s makes
// them.
//
// toDnsLabel gives an RFC 1123 DNS label (lowercase alphanumerics and "-", at
// most 63 characters): the path's components, lowercased and stripped of other
// characters, joined with "-" and followed by the first 8 characters of the
// construct's addr. A single component that is already a valid label is used
// as it is. Components named "Resource" or "Default" (any case) and repeated
// neighbours are left out; when too long, the leading components are cut, as
// the last ones carry the meaning.
//
// toLabelValue does the same for Kubernetes label values, keeping case.
//
// Both throw std::invalid_argument on options cdk8s refuses.
#pragma once

#include <string>
#include <vector>

namespace cdk8s {

class Construct;

struct NameOptions {
  // Longest allowed result. Default 63.
  std::size_t maxLen = 63;
  // Joins the components. Default "-".
  std::string delimiter = "-";
  // Appends the 8-character address hash. Default true.
  bool includeHash = true;
  // Components added after the path's. Default none.
  std::vector<std::string> extra = {};
};

class Names {
 public:
  static std::string toDnsLabel(const Construct& scope, const NameOptions& options = {});
  static std::string toLabelValue(const Construct& scope, const NameOptions& options = {});

  Names() = delete;
};

}  // namespace cdk8s
