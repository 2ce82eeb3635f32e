// ClamAV: virus scanning of attachments for rspamd. Heavy (about 1 GiB of
// signatures in memory) and slow to start, hence its long probe delays.
#pragma once

#include "mailu/constructs/component.hpp"

namespace mailu {

using ClamavProps = ComponentProps;

class ClamavConstruct : public ComponentConstruct {
 public:
  ClamavConstruct(cdk8s::Construct& scope, std::string_view id, const ClamavProps& props);
};

}  // namespace mailu
