// Webmail: Roundcube (or SnappyMail). Reaches Dovecot and the submission relay
// directly; the webmail patch ConfigMap rewrites Roundcube's generated config
// for that, since Mailu's defaults go through front with TLS.
#pragma once

#include <string>

#include "mailu/constructs/component.hpp"

namespace mailu {

struct WebmailProps {
  ComponentContext context;
  ResourceSettings resources;
  StorageSettings storage;
  // "roundcube" or "snappymail".
  std::string webmailType = "roundcube";
  // Services the webmail talks to; each left out when its component is disabled.
  const cdk8s::plus::Service* imapService = nullptr;
  const cdk8s::plus::Service* smtpService = nullptr;
  const cdk8s::plus::Service* frontService = nullptr;
  // The wrapper script; without it the image's own entrypoint runs.
  const cdk8s::plus::ConfigMap* webmailPatch = nullptr;
};

class WebmailConstruct : public ComponentConstruct {
 public:
  WebmailConstruct(cdk8s::Construct& scope, std::string_view id, const WebmailProps& props);
};

}  // namespace mailu
