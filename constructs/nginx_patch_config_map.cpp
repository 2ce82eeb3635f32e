#include "mailu/constructs/nginx_patch_config_map.hpp"

#include "embedded_files.hpp"

namespace mailu {

NginxPatchConfigMap::NginxPatchConfigMap(cdk8s::Construct& scope, std::string_view id,
                                         const std::string& namespaceName)
    : Construct(scope, id) {
  configMap_ = &make<cdk8s::plus::ConfigMap>(
      "configmap", cdk8s::plus::ConfigMapProps{
                       .metadata = {.namespace_ = namespaceName,
                                    .labels = {{"app.kubernetes.io/name", "mailu-nginx-patch"},
                                               {"app.kubernetes.io/component", "configuration"},
                                               {"app.kubernetes.io/part-of", "mailu"}}},
                       .data = {{"entrypoint-wrapper.sh", std::string(embedded::frontEntrypointWrapper())}},
                   });
}

}  // namespace mailu
