// WebDAV: Radicale, CalDAV and CardDAV for calendars and contacts, with its
// collections on a claim.
#pragma once

#include "mailu/constructs/component.hpp"

namespace mailu {

using WebdavProps = ComponentProps;

class WebdavConstruct : public ComponentConstruct {
 public:
  WebdavConstruct(cdk8s::Construct& scope, std::string_view id, const WebdavProps& props);
};

}  // namespace mailu
