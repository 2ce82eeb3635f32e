// Dovecot: IMAP and POP3 for mail clients (through front) and LMTP delivery
// from Postfix. Keeps the mailboxes on a claim.
#pragma once

#include <string>

#include "mailu/constructs/component.hpp"

namespace mailu {

struct DovecotProps {
  ComponentContext context;
  ResourceSettings resources;
  StorageSettings storage;
  WorkloadSettings workload = {};  // replicas, scheduling, image and extra variables
  // Its own address variables: FRONT_ADDRESS, Postfix's FQDN, where sieve
  // redirects and vacation replies go (D16; Mailu renders submission_host =
  // FRONT_ADDRESS port 25, core/dovecot/conf/dovecot.conf): the shared
  // FRONT_ADDRESS is dovecot itself.
  std::vector<ContainerVariable> addresses = {};
  std::optional<OverrideSettings> overrides = {};  // mounted at /overrides; none: no volume
};

class DovecotConstruct : public ComponentConstruct {
 public:
  DovecotConstruct(cdk8s::Construct& scope, std::string_view id, const DovecotProps& props);
};

}  // namespace mailu
