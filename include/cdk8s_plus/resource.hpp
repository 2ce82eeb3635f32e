// The base of every workload builder: a construct that owns one API object,
// its child "Resource", so the object's name is the DNS label of the
// builder's path (the "Resource" id is left out of names).
#pragma once

#include <string>
#include <string_view>

#include <cdk8s/api_object.hpp>
#include <cdk8s/construct.hpp>
#include <cdk8s_plus/kube_object.hpp>

namespace cdk8s::plus {

class Resource : public Construct {
 public:
  const std::string& name() const { return apiObject_->name(); }
  ApiObjectMetadata& metadata() { return apiObject_->metadata(); }
  KubeObject& apiObject() { return *apiObject_; }
  const KubeObject& apiObject() const { return *apiObject_; }

 protected:
  Resource(Construct& scope, std::string_view id, std::string apiVersion, std::string kind,
           ApiObjectMetadataProps metadata);

 private:
  KubeObject* apiObject_;
};

}  // namespace cdk8s::plus
