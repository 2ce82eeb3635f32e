// ClamAV: virus scanning of attachments for rspamd. Heavy (about 1 GiB of
// signatures in memory) and slow to start, hence its long probe delays.
#pragma once

#include <cdk8s/construct.hpp>
#include <cdk8s_plus/deployment.hpp>
#include <cdk8s_plus/persistent_volume_claim.hpp>
#include <cdk8s_plus/service.hpp>

#include "mailu/constructs/component.hpp"

namespace mailu {

struct ClamavProps {
  ComponentContext context;
  ResourceSettings resources;
  StorageSettings storage;
};

class ClamavConstruct : public cdk8s::Construct {
 public:
  ClamavConstruct(cdk8s::Construct& scope, std::string_view id, const ClamavProps& props);

  cdk8s::plus::Deployment& deployment() { return *deployment_; }
  cdk8s::plus::Service& service() { return *service_; }
  cdk8s::plus::PersistentVolumeClaim& claim() { return *claim_; }

 private:
  cdk8s::plus::PersistentVolumeClaim* claim_;
  cdk8s::plus::Deployment* deployment_;
  cdk8s::plus::Service* service_;
};

}  // namespace mailu
