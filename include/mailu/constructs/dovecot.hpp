// Dovecot: IMAP and POP3 for mail clients (through front) and LMTP delivery
// from Postfix. Keeps the mailboxes on a claim.
#pragma once

#include "mailu/constructs/component.hpp"

namespace mailu {

using DovecotProps = ComponentProps;

class DovecotConstruct : public ComponentConstruct {
 public:
  DovecotConstruct(cdk8s::Construct& scope, std::string_view id, const DovecotProps& props);
};

}  // namespace mailu
