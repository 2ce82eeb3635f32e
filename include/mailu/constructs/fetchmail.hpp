// Fetchmail: pulls mail from external POP3/IMAP accounts every ten minutes.
// Only connects out, so it has no Service and no storage.
#pragma once

#include "mailu/constructs/component.hpp"

namespace mailu {

struct FetchmailProps {
  ComponentContext context;
  ResourceSettings resources;
};

class FetchmailConstruct : public ComponentConstruct {
 public:
  FetchmailConstruct(cdk8s::Construct& scope, std::string_view id, const FetchmailProps& props);
};

}  // namespace mailu
