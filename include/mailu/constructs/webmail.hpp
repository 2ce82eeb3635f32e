// Webmail: Roundcube (or SnappyMail). Reaches Dovecot and the submission relay
// directly; the webmail patch ConfigMap rewrites Roundcube's generated config
// for that, since Mailu's defaults go through front with TLS.
#pragma once

#include <string>

#include "mailu/config.hpp"
#include "mailu/constructs/component.hpp"

namespace mailu {

struct WebmailProps {
  ComponentContext context;
  ResourceSettings resources;
  StorageSettings storage;
  WorkloadSettings workload = {};  // replicas, scheduling, image and extra variables
  WebmailType webmailType = WebmailType::kRoundcube;  // WEBMAIL: which web UI the image starts
  // Its own address variables (IMAP_ADDRESS, SMTP_ADDRESS, FRONT_ADDRESS as
  // Service names), each left out when its component is disabled.
  std::vector<ContainerVariable> addresses = {};
  // The wrapper script; without it the image's own entrypoint runs.
  const cdk8s::plus::ConfigMap* webmailPatch = nullptr;
  std::optional<OverrideSettings> overrides = {};  // mounted at /overrides; none: no volume
};

class WebmailConstruct : public ComponentConstruct {
 public:
  WebmailConstruct(cdk8s::Construct& scope, std::string_view id, const WebmailProps& props);
};

}  // namespace mailu
