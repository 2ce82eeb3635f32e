#include "json_release.hpp"

namespace cdk8s {
namespace {

void release(Json& value, std::size_t depth) {
  if (depth >= kReleaseDepth) return;
  if (value.is_object()) {
    auto& members = value.get_ref<Json::object_t&>();
    for (auto& member : members) release(member.second, depth + 1);
    members.clear();
  } else if (value.is_array()) {
    auto& items = value.get_ref<Json::array_t&>();
    for (Json& item : items) release(item, depth + 1);
    items.clear();
  }
}

}  // namespace

void releaseJson(Json& value) { release(value, 0); }

}  // namespace cdk8s
