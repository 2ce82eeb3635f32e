// Rspamd: spam filtering, DKIM signing and header rewriting, called by
// Postfix as a milter. Keeps its statistics on a claim.
#pragma once

#include "mailu/constructs/component.hpp"

namespace mailu {

struct RspamdProps {
  ComponentContext context;
  ResourceSettings resources;
  StorageSettings storage;
  WorkloadSettings workload = {};  // replicas, scheduling, image and extra variables
  std::optional<OverrideSettings> overrides = {};  // /overrides (core/rspamd/start.py); none: no volume
};

class RspamdConstruct : public ComponentConstruct {
 public:
  RspamdConstruct(cdk8s::Construct& scope, std::string_view id, const RspamdProps& props);
};

}  // namespace mailu
