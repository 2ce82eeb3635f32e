#include "cdk8s_plus/resource.hpp"

#include "cdk8s/js_object.hpp"

namespace cdk8s::plus {

Json KubeObject::toJson() const {
  Json rendered = ApiObject::toJson();
  Json out = Json::object();
  for (const char* first : {"apiVersion", "kind", "metadata"}) {
    if (auto it = rendered.find(first); it != rendered.end()) out[first] = sanitizeJson(*it);
  }
  Json rest = rendered;
  for (const char* first : {"apiVersion", "kind", "metadata"}) rest.erase(first);
  Json sorted = sanitizeJson(rest);
  for (auto it = sorted.begin(); it != sorted.end(); ++it) out[it.key()] = std::move(it.value());
  return out;
}

Resource::Resource(Construct& scope, std::string_view id, std::string apiVersion, std::string kind,
                   ApiObjectMetadataProps metadata)
    : Construct(scope, id),
      apiObject_(&make<KubeObject>("Resource", ApiObjectProps{.apiVersion = std::move(apiVersion),
                                                             .kind = std::move(kind),
                                                             .metadata = std::move(metadata)})) {}

}  // namespace cdk8s::plus
