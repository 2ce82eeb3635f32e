#include "mailu/constructs/webmail_patch_config_map.hpp"

#include "embedded_files.hpp"

namespace mailu {

WebmailPatchConfigMap::WebmailPatchConfigMap(cdk8s::Construct& scope, std::string_view id,
                                             const std::string& namespaceName)
    : Construct(scope, id) {
  configMap_ = &make<cdk8s::plus::ConfigMap>(
      "configmap", cdk8s::plus::ConfigMapProps{
                       .metadata = {.namespace_ = namespaceName},
                       .data = {{"entrypoint-wrapper.sh", std::string(embedded::webmailEntrypointWrapper())}},
                   });
}

}  // namespace mailu
