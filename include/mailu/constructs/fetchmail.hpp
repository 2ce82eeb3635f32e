// Fetchmail: pulls mail from external POP3/IMAP accounts every ten minutes.
// Only connects out, so it has no Service and no storage.
#pragma once

#include <cdk8s/construct.hpp>
#include <cdk8s_plus/deployment.hpp>

#include "mailu/constructs/component.hpp"

namespace mailu {

struct FetchmailProps {
  ComponentContext context;
  ResourceSettings resources;
};

class FetchmailConstruct : public cdk8s::Construct {
 public:
  FetchmailConstruct(cdk8s::Construct& scope, std::string_view id, const FetchmailProps& props);

  cdk8s::plus::Deployment& deployment() { return *deployment_; }

 private:
  cdk8s::plus::Deployment* deployment_;
};

}  // namespace mailu
