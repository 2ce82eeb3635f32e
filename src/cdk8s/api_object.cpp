#include "cdk8s/api_object.hpp"

#include <algorithm>
#include <stdexcept>
#include <string_view>

#include "cdk8s/chart.hpp"
#include "js_object.hpp"

namespace cdk8s {

Json ApiObjectMetadata::toJson() const {
  Json out = additional_;
  out["name"] = name_;
  if (ns_) out["namespace"] = *ns_;
  if (!annotations_.empty()) out["annotations"] = annotations_;
  if (!labels_.empty()) out["labels"] = labels_;
  sanitizeJsonInPlace(out, /*filterEmpty=*/true);
  return out;
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
    data.get_ref<Json::object_t&>().reserve(body_.size() + lazyFields_.size() + 3);
    data["apiVersion"] = apiVersion_;
    data["kind"] = kind_;
    for (const auto& [key, produce] : lazyFields_) data[key] = produce();
    sanitizeJsonInPlace(data);
    // The metadata comes cleaned; where it lands among the sorted keys does not
    // matter, as it is moved to the front below.
    data["metadata"] = metadata_.toJson();
    if (!patches_.empty()) {
      JsonPatch::applyInPlace(data, patches_);
      if (sortsPatchedKeys()) sanitizeJsonInPlace(data);
    }
    if (!data.is_object()) throw std::runtime_error("the patched object is not a JSON object");

    // apiVersion, kind and metadata lead, as cdk8s writes them; the other
    // members keep their order.
    auto& members = data.get_ref<Json::object_t&>();
    auto lead = members.begin();
    for (std::string_view first : {"apiVersion", "kind", "metadata"}) {
      const auto it = std::find_if(lead, members.end(), [&](const auto& member) { return member.first == first; });
      if (it == members.end()) continue;
      std::rotate(lead, it, it + 1);
      ++lead;
    }
    return data;
  } catch (const std::exception& e) {
    throw std::runtime_error("Failed serializing construct at path '" + path() + "' with name '" + name() +
                             "': " + e.what());
  }
}

}  // namespace cdk8s
