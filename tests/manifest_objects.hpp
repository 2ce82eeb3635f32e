// Finding one object in synthesized manifests by kind and name. A missing
// object fails the test with its kind and name rather than comparing as null.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cdk8s/json.hpp"

namespace testmanifest {

inline const cdk8s::Json& objectNamed(const std::vector<cdk8s::Json>& objects, std::string_view kind,
                                      std::string_view name) {
  for (const cdk8s::Json& object : objects) {
    if (object.at("kind") == kind && object.at("metadata").at("name") == name) return object;
  }
  throw std::runtime_error("no " + std::string(kind) + " named " + std::string(name));
}

}  // namespace testmanifest
