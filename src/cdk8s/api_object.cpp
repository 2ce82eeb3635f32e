#include "cdk8s/api_object.hpp"

#include <stdexcept>

#include "cdk8s/chart.hpp"
#include "js_object.hpp"

namespace cdk8s {

Json ApiObjectMetadata::toJson() const {
  Json out = additional_;
  out["name"] = name_;
  if (ns_) out["namespace"] = *ns_;
  if (!annotations_.empty()) out["annotations"] = annotations_;
  if (!labels_.empty()) out["labels"] = labels_;
  return sanitizeJson(std::move(out), /*filterEmpty=*/true);
}

ApiObject::ApiObject(Construct& scope, std::string_view id, ApiObjectProps props)
    : Construct(scope, id),
      apiVersion_(std::move(props.apiVersion)),
      kind_(std::move(props.kind)),
      body_(std::move(props.body)),
      chart_(&Chart::of(*this)) {
  if (!body_.is_object()) throw std::invalid_argument("ApiObject body must be a JSON object");
  metadata_.name_ = props.metadata.name ? *props.metadata.name : chart_->generateObjectName(*this);
  metadata_.ns_ = props.metadata.namespace_ ? props.metadata.namespace_ : chart_->namespace_();
  metadata_.labels_ = chart_->labels();
  for (auto& [key, value] : props.metadata.labels) metadata_.labels_[key] = value;
  metadata_.annotations_ = std::move(props.metadata.annotations);
}

void ApiObject::set(const std::string& key, Json value) { body_[key] = std::move(value); }

void ApiObject::setLazy(const std::string& key, std::function<Json()> produce) {
  lazyFields_.emplace_back(key, std::move(produce));
}

Json ApiObject::toJson() const {
  try {
    Json data = body_;
    data["apiVersion"] = apiVersion_;
    data["kind"] = kind_;
    for (const auto& [key, produce] : lazyFields_) data[key] = produce();
    data["metadata"] = metadata_.toJson();
    Json patched = sanitizeJson(std::move(data));
    if (!patches_.empty()) {
      patched = JsonPatch::apply(patched, patches_);
      if (sortsPatchedKeys()) patched = sanitizeJson(std::move(patched));
    }

    Json result = Json::object();
    for (const char* first : {"apiVersion", "kind", "metadata"}) {
      if (auto it = patched.find(first); it != patched.end()) result[first] = std::move(*it);
    }
    for (auto it = patched.begin(); it != patched.end(); ++it) {
      if (!result.contains(it.key())) result[it.key()] = std::move(it.value());
    }
    return result;
  } catch (const std::exception& e) {
    throw std::runtime_error("Failed serializing construct at path '" + path() + "' with name '" + name() +
                             "': " + e.what());
  }
}

}  // namespace cdk8s
