// A reference to a Secret that exists in the cluster (cdk8s-plus
// Secret.fromSecretName). Nothing is synthesized for it.
#pragma once

#include <string>

namespace cdk8s::plus {

struct SecretRef {
  std::string name;
};

}  // namespace cdk8s::plus
