// Front: Mailu's nginx, the authenticating proxy for mail clients. Traefik
// terminates TLS and hands it plaintext on 465, 587, 993 and 995; the
// entrypoint wrapper from the nginx patch ConfigMap adds those listeners.
#pragma once

#include "mailu/constructs/component.hpp"

namespace mailu {

struct FrontProps {
  ComponentContext context;
  ResourceSettings resources;
  WorkloadSettings workload = {};  // replicas, scheduling, image and extra variables
  // The wrapper script; without it the image's own entrypoint runs.
  const cdk8s::plus::ConfigMap* nginxPatch = nullptr;
  // Traefik sends the PROXY protocol on the mail routes (D14): front's listeners
  // for them expect it (PROXY_PROTOCOL, read by the nginx patch and Mailu's socrate).
  bool proxyProtocol = false;
  // Fetchmail delivers here (D21): the Service also exposes SMTP 25 and LMTP 2525.
  bool fetchmailDelivery = false;
  std::optional<OverrideSettings> overrides = {};  // mounted at /overrides; none: no volume
};

class FrontConstruct : public ComponentConstruct {
 public:
  FrontConstruct(cdk8s::Construct& scope, std::string_view id, const FrontProps& props);
};

}  // namespace mailu
