// Admin: the web administration UI and API, and the auth_http backend that
// front asks before relaying a mail client. Keeps its data on a claim.
#pragma once

#include <optional>
#include <string>

#include <cdk8s/construct.hpp>
#include <cdk8s_plus/deployment.hpp>
#include <cdk8s_plus/persistent_volume_claim.hpp>
#include <cdk8s_plus/service.hpp>

#include "mailu/constructs/component.hpp"

namespace mailu {

struct InitialAccountSettings {
  std::string username;
  std::string domain;
  // "create", "update" or "ifmissing".
  std::string mode = "update";
};

struct InitialAdminSettings {
  // Secret with key "initial-admin-password".
  std::string passwordSecretName;
  std::optional<InitialAccountSettings> account = {};
};

struct AdminProps {
  ComponentContext context;
  ResourceSettings resources;
  StorageSettings storage;
  std::optional<InitialAdminSettings> initialAdmin = {};
  // Secret with key "token"; enables the API.
  std::optional<std::string> apiTokenSecretName = {};
};

class AdminConstruct : public cdk8s::Construct {
 public:
  AdminConstruct(cdk8s::Construct& scope, std::string_view id, const AdminProps& props);

  cdk8s::plus::Deployment& deployment() { return *deployment_; }
  cdk8s::plus::Service& service() { return *service_; }
  cdk8s::plus::PersistentVolumeClaim& claim() { return *claim_; }

 private:
  cdk8s::plus::PersistentVolumeClaim* claim_;
  cdk8s::plus::Deployment* deployment_;
  cdk8s::plus::Service* service_;
};

}  // namespace mailu
