// A container's environment: variables in the order they were added (a
// later value for the same name replaces the earlier one in place) and
// sources (envFrom) such as whole ConfigMaps.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <cdk8s/json.hpp>
#include <cdk8s_plus/secret.hpp>

namespace cdk8s::plus {

class ConfigMap;

class EnvValue {
 public:
  static EnvValue fromValue(std::string value);
  static EnvValue fromSecretValue(const SecretRef& secret, std::string key);
  static EnvValue fromConfigMap(const ConfigMap& configMap, std::string key);

  // The fields of an EnvVar besides its name: {"value": ...} or {"valueFrom": ...}.
  const Json& toJson() const { return json_; }

 private:
  explicit EnvValue(Json json) : json_(std::move(json)) {}
  Json json_;
};

class EnvFrom {
 public:
  static EnvFrom fromConfigMap(const ConfigMap& configMap, std::string prefix = "");
  static EnvFrom fromSecret(const SecretRef& secret, std::string prefix = "");
  const Json& toJson() const { return json_; }

 private:
  explicit EnvFrom(Json json) : json_(std::move(json)) {}
  Json json_;
};

class Env {
 public:
  void addVariable(const std::string& name, EnvValue value);
  void copyFrom(EnvFrom source) { sources_.push_back(std::move(source)); }

  // [{"name": ..., "value"/"valueFrom": ...}, ...]; null when empty.
  Json variablesJson() const;
  // [{"configMapRef": {...}}, ...]; null when empty.
  Json sourcesJson() const;

 private:
  std::vector<std::pair<std::string, EnvValue>> variables_;
  std::vector<EnvFrom> sources_;
};

}  // namespace cdk8s::plus
