// MailuChart: a complete Mailu mail server as one chart.
//
// Takes a validated MailuChartConfig (see config_loader.hpp), resolves it
// into ChartSettings (chart_settings.hpp: every default applied, once) and
// composes the constructs from those: the Namespace, the shared env
// ConfigMap with service discovery, the nginx and webmail patch ConfigMaps,
// the core components (admin, front, postfix, dovecot, rspamd, each on unless
// disabled), dovecot-submission, the optional ones (webmail on unless
// disabled; clamav, fetchmail, webdav, oletools, tika off unless enabled) and the Traefik
// ingress when enabled.
//
// Object names are those of the TypeScript library for the same chart id, so
// `kubectl apply` updates a deployment made with it in place. Throws
// mailu::ConfigError when the config or the chart id is refused.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <cdk8s/chart.hpp>
#include <cdk8s_plus/config_map.hpp>
#include <cdk8s_plus/namespace.hpp>

#include "mailu/chart_settings.hpp"
#include "mailu/component_registry.hpp"
#include "mailu/config.hpp"
#include "mailu/constructs/admin.hpp"
#include "mailu/constructs/clamav.hpp"
#include "mailu/constructs/dovecot.hpp"
#include "mailu/constructs/dovecot_submission.hpp"
#include "mailu/constructs/fetchmail.hpp"
#include "mailu/constructs/front.hpp"
#include "mailu/constructs/network_policies.hpp"
#include "mailu/constructs/nginx_patch_config_map.hpp"
#include "mailu/constructs/oletools.hpp"
#include "mailu/constructs/postfix.hpp"
#include "mailu/constructs/rspamd.hpp"
#include "mailu/constructs/tika.hpp"
#include "mailu/constructs/traefik_ingress.hpp"
#include "mailu/constructs/webdav.hpp"
#include "mailu/constructs/webmail.hpp"
#include "mailu/constructs/webmail_patch_config_map.hpp"

namespace mailu {

class MailuChart : public cdk8s::Chart {
 public:
  MailuChart(cdk8s::Construct& scope, std::string_view id, MailuChartConfig config, cdk8s::ChartProps props = {});

  // Why `id` cannot name a MailuChart, or nothing when it can: the id starts
  // every object name, so it must be ASCII letters, digits and '-', and the
  // first piece of it that names keep (cdk8s leaves out the pieces "default"
  // and "resource") must start with a letter, as a Service name must. Such an
  // id gives valid names at any length. Builds nothing; the constructor
  // refuses the same ids ("chart id: <this message>").
  static std::optional<std::string> chartIdProblem(std::string_view id);

  const MailuChartConfig& config() const { return config_; }
  // What the chart was built from.
  const ChartSettings& settings() const { return settings_; }
  cdk8s::plus::Namespace& mailuNamespace() { return *namespace_; }
  cdk8s::plus::ConfigMap& sharedConfigMap() { return *sharedConfigMap_; }

  // Each is null when its component is disabled.
  AdminConstruct* admin() { return admin_; }
  FrontConstruct* front() { return front_; }
  PostfixConstruct* postfix() { return postfix_; }
  DovecotConstruct* dovecot() { return dovecot_; }
  RspamdConstruct* rspamd() { return rspamd_; }
  DovecotSubmissionConstruct* dovecotSubmission() { return dovecotSubmission_; }
  WebmailConstruct* webmail() { return webmail_; }
  ClamavConstruct* clamav() { return clamav_; }
  FetchmailConstruct* fetchmail() { return fetchmail_; }
  WebdavConstruct* webdav() { return webdav_; }
  OletoolsConstruct* oletools() { return oletools_; }
  TikaConstruct* tika() { return tika_; }
  TraefikIngressConstruct* traefikIngress() { return traefikIngress_; }
  // Null with networkPolicies.enabled false.
  NetworkPoliciesConstruct* networkPolicies() { return networkPolicies_; }
  // The construct of a component; null when it is disabled.
  ComponentConstruct* component(Component component);

 private:
  void compose();
  void addServiceDiscovery();
  void addNetworkPolicies();
  // The registry's address variables: the Service's full or short name.
  std::string addressOf(const AddressVariable& variable);
  std::vector<ContainerVariable> containerAddresses(Component reader);
  // "<service>.<namespace>.svc.cluster.local"
  std::string serviceAddress(const cdk8s::plus::Service& service) const;

  MailuChartConfig config_;
  ChartSettings settings_;
  cdk8s::plus::Namespace* namespace_ = nullptr;
  cdk8s::plus::ConfigMap* sharedConfigMap_ = nullptr;
  AdminConstruct* admin_ = nullptr;
  FrontConstruct* front_ = nullptr;
  PostfixConstruct* postfix_ = nullptr;
  DovecotConstruct* dovecot_ = nullptr;
  RspamdConstruct* rspamd_ = nullptr;
  DovecotSubmissionConstruct* dovecotSubmission_ = nullptr;
  WebmailConstruct* webmail_ = nullptr;
  ClamavConstruct* clamav_ = nullptr;
  FetchmailConstruct* fetchmail_ = nullptr;
  WebdavConstruct* webdav_ = nullptr;
  OletoolsConstruct* oletools_ = nullptr;
  TikaConstruct* tika_ = nullptr;
  TraefikIngressConstruct* traefikIngress_ = nullptr;
  NetworkPoliciesConstruct* networkPolicies_ = nullptr;
};

}  // namespace mailu
