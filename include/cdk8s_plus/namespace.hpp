// A Kubernetes Namespace. Rendered with an empty spec, as cdk8s-plus does.
#pragma once

#include <cdk8s_plus/resource.hpp>

namespace cdk8s::plus {

struct NamespaceProps {
  // Set metadata.name to choose the namespace's name; default: generated.
  ApiObjectMetadataProps metadata = {};
};

class Namespace : public Resource {
 public:
  Namespace(Construct& scope, std::string_view id, NamespaceProps props = {});
};

}  // namespace cdk8s::plus
