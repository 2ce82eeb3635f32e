// The ConfigMap carrying webmail's entrypoint wrapper, which rewrites the
// Roundcube config Mailu generates so IMAP, submission and ManageSieve go
// straight to the Dovecot and dovecot-submission Services in plaintext.
#pragma once

#include <string>

#include <cdk8s/construct.hpp>
#include <cdk8s_plus/config_map.hpp>

namespace mailu {

class WebmailPatchConfigMap : public cdk8s::Construct {
 public:
  WebmailPatchConfigMap(cdk8s::Construct& scope, std::string_view id, const std::string& namespaceName);
  cdk8s::plus::ConfigMap& configMap() { return *configMap_; }

 private:
  cdk8s::plus::ConfigMap* configMap_;
};

}  // namespace mailu
