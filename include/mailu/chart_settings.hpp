// What MailuChart builds, resolved from a MailuChartConfig before anything is
// made: every default applied, every switch decided. resolveChartSettings is
// a pure function, so what a config means can be tested without a chart.
//
// Each default is stated once: the chart's own are the initializers below;
// a construct's are the initializers of its props (a setting the config leaves
// unset is simply not written over them); resources, storage sizes and which
// components run by default are the component registry's.
//
// The props left here lack only what exists once the chart makes objects:
// the shared ConfigMap (their context's sharedConfigMap is null) and patch
// ConfigMaps, Service names and the per-container addresses. MailuChart fills
// those in as it composes, on copies: MailuChart::settings() shows them as
// resolved.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "mailu/component_registry.hpp"
#include "mailu/config.hpp"
#include "mailu/constructs/admin.hpp"
#include "mailu/constructs/clamav.hpp"
#include "mailu/constructs/dovecot.hpp"
#include "mailu/constructs/dovecot_submission.hpp"
#include "mailu/constructs/fetchmail.hpp"
#include "mailu/constructs/front.hpp"
#include "mailu/constructs/oletools.hpp"
#include "mailu/constructs/postfix.hpp"
#include "mailu/constructs/rspamd.hpp"
#include "mailu/constructs/tika.hpp"
#include "mailu/constructs/traefik_ingress.hpp"
#include "mailu/constructs/webdav.hpp"
#include "mailu/constructs/webmail.hpp"

namespace mailu {

struct ChartSettings {
  std::string namespaceName = "mailu";    // config `namespace`; also in every address (D1)
  std::string timezone = "UTC";           // TZ, which Mailu's images read (D9)
  long messageSizeLimitMiB = 50;          // MESSAGE_SIZE_LIMIT, written in bytes
  std::string postmaster = "postmaster";  // POSTMASTER's local part: Mailu's own default (mailu.postmaster, else initialAccount.username)
  static constexpr int kPostgresqlDefaultPort = 5432;  // left out of DB_HOST; another port rides along (D10)
  int postgresqlPort = kPostgresqlDefaultPort;
  int redisPort = 6379;                   // in REDIS_ADDRESS
  // The shared env ConfigMap's data, without the service-discovery addresses.
  std::map<std::string, std::string> environment;
  // What every component gets; sharedConfigMap is set when composing.
  ComponentContext context;
  ListenerSwitches switches;

  // A component's props, unset when it does not run.
  std::optional<AdminProps> admin;
  std::optional<FrontProps> front;
  PostfixProps postfix;  // always: the loader refuses components.postfix false
  std::optional<DovecotProps> dovecot;
  std::optional<RspamdProps> rspamd;
  DovecotSubmissionProps dovecotSubmission;  // always; postfixAddress set when composing
  std::optional<WebmailProps> webmail;
  std::optional<ClamavProps> clamav;
  std::optional<FetchmailProps> fetchmail;
  std::optional<WebdavProps> webdav;
  std::optional<OletoolsProps> oletools;
  std::optional<TikaProps> tika;
  // Set with an enabled Traefik ingress and front; the Service names are set when composing.
  std::optional<TraefikIngressProps> traefikIngress;
  bool networkPolicies = true;  // networkPolicies.enabled (D15); their peers are network_plan's to resolve
};

// The settings of a config that passed the loader's checks.
ChartSettings resolveChartSettings(const MailuChartConfig& config);

}  // namespace mailu
