// An API object of a known Kubernetes (or CRD) kind.
//
// cdk8s renders such objects through generated classes that rebuild the JSON
// field by field in schema order, which for Kubernetes is alphabetical. So,
// unlike a plain ApiObject, keys added by JSON patches land in their sorted
// place too. Only apiVersion, kind and metadata come first.
#pragma once

#include <cdk8s/api_object.hpp>

namespace cdk8s::plus {

class KubeObject : public ApiObject {
 public:
  using ApiObject::ApiObject;

 protected:
  bool sortsPatchedKeys() const override { return true; }
};

}  // namespace cdk8s::plus
