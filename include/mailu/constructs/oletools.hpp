// Oletools: Mailu's olefy, which runs olevba on the Office attachments
// rspamd sends it and reports their macros (SCAN_MACROS). Keeps nothing and
// connects nowhere: no claim, and its egress is denied.
#pragma once

#include "mailu/constructs/component.hpp"

namespace mailu {

struct OletoolsProps {
  ComponentContext context;
  ResourceSettings resources;
  WorkloadSettings workload = {};  // replicas, scheduling, image and extra variables
};

class OletoolsConstruct : public ComponentConstruct {
 public:
  OletoolsConstruct(cdk8s::Construct& scope, std::string_view id, const OletoolsProps& props);
};

}  // namespace mailu
