#include "cdk8s_plus/env.hpp"

#include "cdk8s_plus/config_map.hpp"

namespace cdk8s::plus {

EnvValue EnvValue::fromValue(std::string value) { return EnvValue(jsonObject("value", std::move(value))); }

EnvValue EnvValue::fromSecretValue(const SecretRef& secret, std::string key) {
  return EnvValue(
      jsonObject("valueFrom", jsonObject("secretKeyRef", jsonObject("key", std::move(key), "name", secret.name))));
}

EnvValue EnvValue::fromConfigMap(const ConfigMap& configMap, std::string key) {
  return EnvValue(jsonObject("valueFrom", jsonObject("configMapKeyRef", jsonObject("key", std::move(key), "name",
                                                                                  configMap.name()))));
}

EnvFrom EnvFrom::fromConfigMap(const ConfigMap& configMap, std::string prefix) {
  Json json = jsonObject("configMapRef", jsonObject("name", configMap.name()));
  if (!prefix.empty()) json["prefix"] = std::move(prefix);
  return EnvFrom(std::move(json));
}

EnvFrom EnvFrom::fromSecret(const SecretRef& secret, std::string prefix) {
  Json json = jsonObject("secretRef", jsonObject("name", secret.name));
  if (!prefix.empty()) json["prefix"] = std::move(prefix);
  return EnvFrom(std::move(json));
}

void Env::addVariable(const std::string& name, EnvValue value) {
  for (auto& [existing, current] : variables_) {
    if (existing == name) {
      current = std::move(value);
      return;
    }
  }
  variables_.emplace_back(name, std::move(value));
}

Json Env::variablesJson() const {
  if (variables_.empty()) return nullptr;
  Json out = Json::array();
  for (const auto& [name, value] : variables_) {
    Json variable = jsonObject("name", name);
    variable.update(value.toJson());
    out.push_back(std::move(variable));
  }
  return out;
}

Json Env::sourcesJson() const {
  if (sources_.empty()) return nullptr;
  Json out = Json::array();
  for (const EnvFrom& source : sources_) out.push_back(source.toJson());
  return out;
}

}  // namespace cdk8s::plus
