// A Kubernetes ConfigMap. Keys are written sorted; `immutable` defaults to
// false and is always written, as cdk8s-plus does.
#pragma once

#include <map>
#include <string>

#include <cdk8s_plus/resource.hpp>

namespace cdk8s::plus {

struct ConfigMapProps {
  ApiObjectMetadataProps metadata = {};
  // Default: empty.
  std::map<std::string, std::string> data = {};
  // Default: false.
  bool immutable = false;
};

class ConfigMap : public Resource {
 public:
  ConfigMap(Construct& scope, std::string_view id, ConfigMapProps props = {});

  // Adds or replaces a key; the rendered object sees every key added before synthesis.
  void addData(const std::string& key, std::string value) { data_[key] = std::move(value); }
  const std::map<std::string, std::string>& data() const { return data_; }

 private:
  std::map<std::string, std::string> data_;
  bool immutable_;
};

}  // namespace cdk8s::plus
