#include "cdk8s_plus/namespace.hpp"

namespace cdk8s::plus {

Namespace::Namespace(Construct& scope, std::string_view id, NamespaceProps props)
    : Resource(scope, id, "v1", "Namespace", std::move(props.metadata)) {
  apiObject().set("spec", Json::object());
}

}  // namespace cdk8s::plus
