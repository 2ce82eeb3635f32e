// Postfix: the SMTP server. Receives MX mail from Traefik (with the PROXY
// protocol on 2525, D14), relays for front and dovecot-submission, limits each
// client with anvil (D11) and keeps its queue on a claim. The limits and the
// proxied listener reach Postfix as overrides that Mailu's start script
// applies (core/postfix/start.py: /overrides/postfix.cf with `postconf -e`,
// /overrides/postfix.master with `postconf -Me`).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mailu/constructs/component.hpp"

namespace mailu {

// Postfix's anvil limits, per client address and time unit.
struct PostfixRateLimitSettings {
  int connectionRate = 60;    // smtpd_client_connection_rate_limit
  int connectionCount = 10;   // smtpd_client_connection_count_limit (simultaneous)
  int messageRate = 100;      // smtpd_client_message_rate_limit
  int recipientRate = 300;    // smtpd_client_recipient_rate_limit
  std::string timeUnit = "60s";  // anvil_rate_time_unit
};

// The smarthost postfix hands outbound mail to (core/postfix/conf/main.cf,
// relayhost; conf/sasl_passwd for the login).
struct RelaySettings {
  std::string host;
  int port = 587;  // submission with STARTTLS, what relay services offer
  // The Secret with the login (RELAYUSER, RELAYPASSWORD); none: no login.
  std::optional<std::string> secretName;
  std::string usernameKey = "username";
  std::string passwordKey = "password";

  // RELAYHOST as Postfix reads it: the brackets skip the MX lookup.
  std::string address() const { return "[" + host + "]:" + std::to_string(port); }
};

struct PostfixProps {
  ComponentContext context;
  ResourceSettings resources;
  StorageSettings storage;
  WorkloadSettings workload = {};  // replicas, scheduling, image and extra variables
  PostfixRateLimitSettings rateLimits = {};
  // The listener on 2525 that takes the PROXY protocol from Traefik's port 25 route (D14).
  bool proxyProtocolListener = false;
  std::optional<RelaySettings> relay = {};  // none: postfix delivers to each domain's MX
  std::vector<std::string> relayNets = {};  // RELAYNETS, also trusted on the PROXY listener
  // The user's files for /overrides: postfix.cf and postfix.master come
  // after the chart's own lines (postconf applies them in order, so they
  // win); other names are added as they are.
  std::map<std::string, std::string> overrideFiles = {};
};

class PostfixConstruct : public ComponentConstruct {
 public:
  PostfixConstruct(cdk8s::Construct& scope, std::string_view id, const PostfixProps& props);

  // The ConfigMap mounted at /overrides.
  cdk8s::plus::ConfigMap& overrides() { return *overrides_; }

 private:
  cdk8s::plus::ConfigMap* overrides_ = nullptr;
};

// The text of /overrides/postfix.cf and /overrides/postfix.master: lines in
// the forms Mailu's start script hands to `postconf -e` and `postconf -Me`
// (inside double quotes in a shell, so none holds `"`, `$` or a backquote).
std::string postfixMainOverrides(const PostfixRateLimitSettings& limits);
std::string postfixMasterOverrides(const std::vector<std::string>& relayNets = {});

}  // namespace mailu
