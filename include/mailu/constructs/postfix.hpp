// Postfix: the SMTP server. Receives MX mail on 25 directly from Traefik
// (rate-limited by Postfix's anvil), relays for front and dovecot-submission,
// and keeps its queue on a claim.
#pragma once

#include <cdk8s/construct.hpp>
#include <cdk8s_plus/deployment.hpp>
#include <cdk8s_plus/persistent_volume_claim.hpp>
#include <cdk8s_plus/service.hpp>

#include "mailu/constructs/component.hpp"

namespace mailu {

struct PostfixProps {
  ComponentContext context;
  ResourceSettings resources;
  StorageSettings storage;
};

class PostfixConstruct : public cdk8s::Construct {
 public:
  PostfixConstruct(cdk8s::Construct& scope, std::string_view id, const PostfixProps& props);

  cdk8s::plus::Deployment& deployment() { return *deployment_; }
  cdk8s::plus::Service& service() { return *service_; }
  cdk8s::plus::PersistentVolumeClaim& claim() { return *claim_; }

 private:
  cdk8s::plus::PersistentVolumeClaim* claim_;
  cdk8s::plus::Deployment* deployment_;
  cdk8s::plus::Service* service_;
};

}  // namespace mailu
