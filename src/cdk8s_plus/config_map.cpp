#include "cdk8s_plus/config_map.hpp"

namespace cdk8s::plus {

ConfigMap::ConfigMap(Construct& scope, std::string_view id, ConfigMapProps props)
    : Resource(scope, id, "v1", "ConfigMap", std::move(props.metadata)),
      data_(std::move(props.data)),
      immutable_(props.immutable) {
  apiObject().setLazy("data", [this] { return data_.empty() ? Json() : Json(data_); });
  apiObject().set("immutable", immutable_);
}

}  // namespace cdk8s::plus
