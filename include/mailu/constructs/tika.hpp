// Tika: Apache Tika's server, which turns the attachments dovecot sends it
// into text for the full-text index (FULL_TEXT_SEARCH_ATTACHMENTS). Not a
// Mailu image and reads none of Mailu's settings; keeps nothing and connects
// nowhere: no claim, no environment, and its egress is denied.
#pragma once

#include "mailu/constructs/component.hpp"

namespace mailu {

struct TikaProps {
  ComponentContext context;
  ResourceSettings resources;
  WorkloadSettings workload = {};  // replicas, scheduling, image and extra variables
};

class TikaConstruct : public ComponentConstruct {
 public:
  TikaConstruct(cdk8s::Construct& scope, std::string_view id, const TikaProps& props);
};

}  // namespace mailu
