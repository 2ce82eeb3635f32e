// What every Mailu component construct receives from MailuChart: settings
// with the config's defaults already applied, so a construct only builds.
#pragma once

#include <optional>
#include <string>

#include <cdk8s_plus/config_map.hpp>
#include <cdk8s_plus/container.hpp>

namespace mailu {

// Where images come from: "<registry>/<name>:<tag>".
struct ImageSettings {
  std::string registry = "ghcr.io/mailu";
  std::string tag = "2024.06";
  cdk8s::plus::ImagePullPolicy pullPolicy = cdk8s::plus::ImagePullPolicy::kIfNotPresent;
};

// Requests and limits as the config spells them ("100m", "0.5", "512Mi", "1Gi").
struct ResourceSettings {
  std::string cpuRequest;
  std::string memoryRequest;
  std::string cpuLimit;
  std::string memoryLimit;
};

struct StorageSettings {
  std::string size;
  // Default: the cluster's default class.
  std::optional<std::string> storageClass = {};
};

// The Secret holding the PostgreSQL user name and password.
struct DatabaseSecret {
  std::string secretName;
  std::string usernameKey = "username";
  std::string passwordKey = "password";
};

struct ComponentContext {
  std::string namespaceName;
  // Shared environment of all Mailu containers (service discovery and settings).
  const cdk8s::plus::ConfigMap* sharedConfigMap = nullptr;
  ImageSettings images = {};
  // Secret with key "secret-key".
  std::string mailuSecretName;
  // Set when the database is PostgreSQL.
  std::optional<DatabaseSecret> database = {};
};

}  // namespace mailu
