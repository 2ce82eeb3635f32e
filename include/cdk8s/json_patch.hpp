// RFC 6902 JSON patch operations, applied to an API object's JSON after it is
// rendered (cdk8s `JsonPatch`). Applying uses nlohmann's RFC 6902
// implementation; a failing operation throws nlohmann::json::exception.
#pragma once

#include <string>
#include <vector>

#include <cdk8s/json.hpp>

namespace cdk8s {

class JsonPatch {
 public:
  static JsonPatch add(std::string path, Json value);
  static JsonPatch remove(std::string path);
  static JsonPatch replace(std::string path, Json value);
  static JsonPatch copy(std::string from, std::string path);
  static JsonPatch move(std::string from, std::string path);
  static JsonPatch test(std::string path, Json value);

  // Applies the operations in order and returns the patched document.
  static Json apply(const Json& document, const std::vector<JsonPatch>& ops);
  // The same, on `document` itself (left partly patched if an operation fails).
  static void applyInPlace(Json& document, const std::vector<JsonPatch>& ops);

  // The operation as an RFC 6902 object, e.g. {"op":"add","path":...}.
  const Json& toJson() const { return op_; }

 private:
  explicit JsonPatch(Json op) : op_(std::move(op)) {}
  Json op_;
};

}  // namespace cdk8s
