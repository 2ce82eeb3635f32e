// Admin: the web administration UI and API, and the auth_http backend that
// front asks before relaying a mail client. Keeps its data on a claim.
#pragma once

#include <optional>
#include <string>

#include "mailu/config.hpp"
#include "mailu/constructs/component.hpp"

namespace mailu {

struct InitialAccountSettings {
  std::string username;
  std::string domain;
  InitialAccountMode mode = InitialAccountMode::kUpdate;  // INITIAL_ADMIN_MODE, read by core/admin/start.py
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
  WorkloadSettings workload = {};  // replicas, scheduling, image and extra variables
  std::optional<InitialAdminSettings> initialAdmin = {};
  // Secret with key "token"; enables the API.
  std::optional<std::string> apiTokenSecretName = {};
  // Default: the cluster's DNS. admin.dns sets a validating resolver (see config.hpp, PodDnsConfig).
  cdk8s::plus::PodDnsProps dns = {};
};

class AdminConstruct : public ComponentConstruct {
 public:
  AdminConstruct(cdk8s::Construct& scope, std::string_view id, const AdminProps& props);
};

}  // namespace mailu
