// The ConfigMap carrying front's entrypoint wrapper, which lets Mailu render
// nginx.conf and then adds the plaintext mail listeners Traefik forwards to
// (465, 587, 993, 995) and points auth_http at the admin Service.
#pragma once

#include <string>

#include <cdk8s/construct.hpp>
#include <cdk8s_plus/config_map.hpp>

namespace mailu {

class NginxPatchConfigMap : public cdk8s::Construct {
 public:
  NginxPatchConfigMap(cdk8s::Construct& scope, std::string_view id, const std::string& namespaceName);
  cdk8s::plus::ConfigMap& configMap() { return *configMap_; }

 private:
  cdk8s::plus::ConfigMap* configMap_;
};

}  // namespace mailu
