// Fetchmail: pulls mail from external POP3/IMAP accounts every ten minutes.
// Only connects out, so it has no Service and no storage.
#pragma once

#include <string>

#include "mailu/constructs/component.hpp"

namespace mailu {

struct FetchmailProps {
  ComponentContext context;
  ResourceSettings resources;
  WorkloadSettings workload = {};  // replicas, scheduling, image and extra variables
  // Its own address variables: FRONT_ADDRESS, front's FQDN (D21), where
  // optional/fetchmail/fetchmail.py delivers, SMTP on 25 for fetches to be
  // scanned and LMTP on 2525 for the others.
  std::vector<ContainerVariable> addresses = {};
};

class FetchmailConstruct : public ComponentConstruct {
 public:
  FetchmailConstruct(cdk8s::Construct& scope, std::string_view id, const FetchmailProps& props);
};

}  // namespace mailu
