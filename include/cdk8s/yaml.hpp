// YAML writing, byte-identical to what cdk8s writes.
//
// cdk8s serialises with the npm `yaml` library (2.x) using the YAML 1.1 schema,
// no line folding (lineWidth 0) and block literals for multi-line strings.
// `stringify` reproduces that output exactly for any JSON value: strings that a
// YAML 1.1 reader would take for another type are quoted, integer-like object
// keys come first in ascending order (as in every JavaScript object), numbers
// are written the way JavaScript prints them.
//
// Thread-safe: the functions keep no state.
#pragma once

#include <string>
#include <vector>

#include <cdk8s/json.hpp>

namespace cdk8s {

class Yaml {
 public:
  // One document, ending in a newline.
  static std::string stringify(const Json& doc);
  // Several documents, each as above, separated by "---\n".
  static std::string stringify(const std::vector<Json>& docs);
  // Same, for callers holding nlohmann::json (keys sorted by that type).
  static std::string stringify(const std::vector<nlohmann::json>& docs);

  // Appends the document to `out`; the building block of the two above.
  static void append(std::string& out, const Json& doc);

  Yaml() = delete;
};

}  // namespace cdk8s
