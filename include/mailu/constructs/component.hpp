// What every Mailu component construct receives from MailuChart: settings
// with the config's defaults already applied, so a construct only builds.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <cdk8s/construct.hpp>
#include <cdk8s_plus/config_map.hpp>
#include <cdk8s_plus/container.hpp>
#include <cdk8s_plus/deployment.hpp>
#include <cdk8s_plus/persistent_volume_claim.hpp>
#include <cdk8s_plus/service.hpp>

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
  std::optional<std::string> storageClass = {};  // unset: the cluster's default class
};

// PostgreSQL, as Mailu's admin and Roundcube reach it.
struct DatabaseSettings {
  // Mailu builds its URI from DB_HOST alone (core/admin/mailu/configuration.py),
  // so a port other than the default rides along: "host" or "host:port" (D10).
  std::string address;
  std::string name = "mailu";  // the database
  // The Secret holding the user name and password, and their keys.
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
  std::optional<DatabaseSettings> database = {};
};

// What an image finds in its /overrides directory at start: files the chart
// writes into a ConfigMap of its own, or an existing ConfigMap (then `files`
// is empty). Names and contents are the loader's to check.
// Where every Mailu image looks for them (core/*/start.py, core/nginx/conf/nginx.conf).
inline constexpr std::string_view kOverridesDirectory = "/overrides";

struct OverrideSettings {
  std::map<std::string, std::string> files = {};
  std::optional<std::string> configMapName = {};
};

// A variable the chart gives one container on top of the shared ones (a
// Service address that differs for it), resolved from the component registry.
struct ContainerVariable {
  std::string name;
  std::string value;
};

// A variable the user gives one container: a value, or a key of an
// existing Secret. Names the chart sets itself are the loader's to refuse.
struct ExtraVariable {
  std::string name;
  std::string value = {};                       // without secretName: the value
  std::optional<std::string> secretName = {};   // set: `value` is the key in this Secret
};

// Where and how a component's pods run, beyond what the component itself
// decides. With everything at its default nothing is written, so the
// manifests are the reference's.
struct WorkloadSettings {
  // Mailu's components run one pod unless told otherwise; with more, a
  // PodDisruptionBudget keeps all but one up while nodes are drained.
  int replicas = 1;
  cdk8s::plus::PodSchedulingProps scheduling = {};   // empty: the cluster's choice
  std::map<std::string, std::string> podAnnotations = {};
  std::map<std::string, std::string> podLabels = {};  // on top of the component's own labels
  std::map<std::string, std::string> serviceAnnotations = {};
  std::vector<ExtraVariable> extraEnv = {};          // before the chart's own variables
  std::optional<std::string> image = {};             // the whole reference; unset: the component's usual image
  // security.hardened: the component registry's Hardening for the container
  // (capabilities, read-only root filesystem, emptyDirs, user).
  bool hardened = false;
};

// What most components take: the context, their resources and their storage.
struct ComponentProps {
  ComponentContext context;
  ResourceSettings resources;
  StorageSettings storage;
  WorkloadSettings workload = {};
};

// A component made of a Deployment, the Service in front of it and, for
// those that keep data, a claim. Asking for a part the component does not
// have (front's claim, fetchmail's Service) throws std::logic_error.
class ComponentConstruct : public cdk8s::Construct {
 public:
  cdk8s::plus::Deployment& deployment() { return part(deployment_, "Deployment"); }
  cdk8s::plus::Service& service() { return part(service_, "Service"); }
  cdk8s::plus::PersistentVolumeClaim& claim() { return part(claim_, "PersistentVolumeClaim"); }

 protected:
  using cdk8s::Construct::Construct;

  cdk8s::plus::PersistentVolumeClaim* claim_ = nullptr;
  cdk8s::plus::Deployment* deployment_ = nullptr;
  cdk8s::plus::Service* service_ = nullptr;

 private:
  template <class T>
  T& part(T* pointer, const char* kind) {
    if (pointer == nullptr) throw std::logic_error(path() + " has no " + kind);
    return *pointer;
  }
};

}  // namespace mailu
