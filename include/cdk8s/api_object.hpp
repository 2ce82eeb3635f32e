// A Kubernetes object: apiVersion, kind, metadata and the rest of its body.
//
// Its name defaults to the DNS label of its path (Chart::generateObjectName),
// its namespace to the chart's, and its labels merge the chart's with its own.
// toJson() renders it the way cdk8s does: keys sorted at every level, null
// values dropped, empty metadata fields left out, the JSON patches applied, and
// apiVersion, kind and metadata first.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <cdk8s/construct.hpp>
#include <cdk8s/json.hpp>
#include <cdk8s/json_patch.hpp>

namespace cdk8s {

class Chart;

struct ApiObjectMetadataProps {
  // Default: generated from the path by the chart.
  std::optional<std::string> name = {};
  // Default: the chart's namespace, if any.
  std::optional<std::string> namespace_ = {};
  // Default: none (the chart's labels are added).
  std::map<std::string, std::string> labels = {};
  // Default: none.
  std::map<std::string, std::string> annotations = {};
};

struct ApiObjectProps {
  std::string apiVersion;
  std::string kind;
  ApiObjectMetadataProps metadata = {};
  // Top-level fields besides apiVersion, kind and metadata (spec, data, ...).
  Json body = Json::object();
};

class ApiObjectMetadata {
 public:
  const std::string& name() const { return name_; }
  const std::optional<std::string>& namespace_() const { return ns_; }
  const std::map<std::string, std::string>& labels() const { return labels_; }
  const std::map<std::string, std::string>& annotations() const { return annotations_; }

  void addLabel(const std::string& key, const std::string& value) { labels_[key] = value; }
  void addAnnotation(const std::string& key, const std::string& value) { annotations_[key] = value; }
  // Any other metadata field (finalizers, ownerReferences, ...).
  void add(const std::string& key, Json value) { additional_[key] = std::move(value); }

  Json toJson() const;

 private:
  friend class ApiObject;
  std::string name_;
  std::optional<std::string> ns_;
  std::map<std::string, std::string> labels_;
  std::map<std::string, std::string> annotations_;
  Json additional_ = Json::object();
};

class ApiObject : public Construct {
 public:
  ApiObject(Construct& scope, std::string_view id, ApiObjectProps props);

  const std::string& apiVersion() const { return apiVersion_; }
  const std::string& kind() const { return kind_; }
  const std::string& name() const { return metadata_.name(); }
  ApiObjectMetadata& metadata() { return metadata_; }
  const ApiObjectMetadata& metadata() const { return metadata_; }
  Chart& chart() const { return *chart_; }

  // Sets a top-level field now.
  void set(const std::string& key, Json value);
  // Sets a top-level field whose value is produced when the object is
  // rendered, so it reflects everything added until then (cdk8s Lazy).
  void setLazy(const std::string& key, std::function<Json()> produce);

  void addJsonPatch(JsonPatch op) { patches_.push_back(std::move(op)); }

  Json toJson() const;

 protected:
  // Typed kinds (KubeObject) render through generated classes that put keys
  // added by patches in their sorted place; plain ApiObjects append them.
  virtual bool sortsPatchedKeys() const { return false; }

 private:
  std::string apiVersion_;
  std::string kind_;
  ApiObjectMetadata metadata_;
  Json body_;
  std::vector<std::pair<std::string, std::function<Json()>>> lazyFields_;
  std::vector<JsonPatch> patches_;
  Chart* chart_;
};

}  // namespace cdk8s
