// Rspamd: spam filtering, DKIM signing and header rewriting, called by
// Postfix as a milter. Keeps its statistics on a claim.
#pragma once

#include <cdk8s/construct.hpp>
#include <cdk8s_plus/deployment.hpp>
#include <cdk8s_plus/persistent_volume_claim.hpp>
#include <cdk8s_plus/service.hpp>

#include "mailu/constructs/component.hpp"

namespace mailu {

struct RspamdProps {
  ComponentContext context;
  ResourceSettings resources;
  StorageSettings storage;
};

class RspamdConstruct : public cdk8s::Construct {
 public:
  RspamdConstruct(cdk8s::Construct& scope, std::string_view id, const RspamdProps& props);

  cdk8s::plus::Deployment& deployment() { return *deployment_; }
  cdk8s::plus::Service& service() { return *service_; }
  cdk8s::plus::PersistentVolumeClaim& claim() { return *claim_; }

 private:
  cdk8s::plus::PersistentVolumeClaim* claim_;
  cdk8s::plus::Deployment* deployment_;
  cdk8s::plus::Service* service_;
};

}  // namespace mailu
