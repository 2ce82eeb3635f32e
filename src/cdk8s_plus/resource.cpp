#include "cdk8s_plus/resource.hpp"

namespace cdk8s::plus {

Resource::Resource(Construct& scope, std::string_view id, std::string apiVersion, std::string kind,
                   ApiObjectMetadataProps metadata)
    : Construct(scope, id),
      apiObject_(&make<KubeObject>("Resource", ApiObjectProps{.apiVersion = std::move(apiVersion),
                                                             .kind = std::move(kind),
                                                             .metadata = std::move(metadata)})) {}

}  // namespace cdk8s::plus
