// Postfix: the SMTP server. Receives MX mail on 25 directly from Traefik
// (rate-limited by Postfix's anvil), relays for front and dovecot-submission,
// and keeps its queue on a claim.
#pragma once

#include "mailu/constructs/component.hpp"

namespace mailu {

using PostfixProps = ComponentProps;

class PostfixConstruct : public ComponentConstruct {
 public:
  PostfixConstruct(cdk8s::Construct& scope, std::string_view id, const PostfixProps& props);
};

}  // namespace mailu
