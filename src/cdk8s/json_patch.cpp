#include "cdk8s/json_patch.hpp"

namespace cdk8s {

JsonPatch JsonPatch::add(std::string path, Json value) {
  return JsonPatch(jsonObject("op", "add", "path", std::move(path), "value", std::move(value)));
}

JsonPatch JsonPatch::remove(std::string path) { return JsonPatch(jsonObject("op", "remove", "path", std::move(path))); }

JsonPatch JsonPatch::replace(std::string path, Json value) {
  return JsonPatch(jsonObject("op", "replace", "path", std::move(path), "value", std::move(value)));
}

JsonPatch JsonPatch::copy(std::string from, std::string path) {
  return JsonPatch(jsonObject("op", "copy", "from", std::move(from), "path", std::move(path)));
}

JsonPatch JsonPatch::move(std::string from, std::string path) {
  return JsonPatch(jsonObject("op", "move", "from", std::move(from), "path", std::move(path)));
}

JsonPatch JsonPatch::test(std::string path, Json value) {
  return JsonPatch(jsonObject("op", "test", "path", std::move(path), "value", std::move(value)));
}

Json JsonPatch::apply(const Json& document, const std::vector<JsonPatch>& ops) {
  Json patched = document;
  applyInPlace(patched, ops);
  return patched;
}

void JsonPatch::applyInPlace(Json& document, const std::vector<JsonPatch>& ops) {
  if (ops.empty()) return;
  Json patch = Json::array();
  for (const JsonPatch& op : ops) patch.push_back(op.op_);
  document.patch_inplace(patch);
}

}  // namespace cdk8s
