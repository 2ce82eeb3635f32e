#include "mailu/mailu_chart.hpp"
#include "mailu/validate.hpp"

#include <algorithm>

#include <cdk8s/api_object.hpp>
#include <cdk8s/file_output.hpp>

#include "mailu/component_registry.hpp"
#include "mailu/config_error.hpp"
#include "network_plan.hpp"
#include "text_predicates.hpp"

namespace mailu {

namespace {

// A config built in C++ has not been through the loader: it is checked by
// the same rules before anything is made of it.
MailuChartConfig validated(MailuChartConfig config) {
  validate(config);
  return config;
}

std::string_view checkedChartId(std::string_view id) {
  if (auto problem = MailuChart::chartIdProblem(id)) throw ConfigError({ConfigProblem{"chart id", std::move(*problem)}});
  return id;
}

}  // namespace

MailuChart::MailuChart(cdk8s::Construct& scope, std::string_view id, MailuChartConfig config, cdk8s::ChartProps props)
    : Chart(scope, checkedChartId(id), std::move(props)),
      config_(validated(std::move(config))),
      settings_(resolveChartSettings(config_)) {
  compose();
}

// Makes the objects in the order the reference writes them; the ConfigMaps
// first, since the components mount them.
void MailuChart::compose() {
  ChartSettings& s = settings_;
  namespace_ = &make<cdk8s::plus::Namespace>("namespace", cdk8s::plus::NamespaceProps{.metadata = {.name = s.namespaceName}});
  sharedConfigMap_ = &make<cdk8s::plus::ConfigMap>(
      "env-config", cdk8s::plus::ConfigMapProps{.metadata = {.namespace_ = s.namespaceName}, .data = s.environment});
  s.context.sharedConfigMap = sharedConfigMap_;
  auto& nginxPatch = make<NginxPatchConfigMap>("nginx-patch", s.namespaceName);
  auto& webmailPatch = make<WebmailPatchConfigMap>("webmail-patch", s.namespaceName);
  // Every props was resolved with the context before the shared ConfigMap existed.
  const auto withContext = [&](auto props) {
    props.context = s.context;
    return props;
  };

  if (s.admin) admin_ = &make<AdminConstruct>("admin", withContext(*s.admin));
  if (s.front) {
    FrontProps front = withContext(*s.front);
    front.nginxPatch = &nginxPatch.configMap();
    front_ = &make<FrontConstruct>("front", front);
  }
  postfix_ = &make<PostfixConstruct>("postfix", withContext(s.postfix));
  if (s.dovecot) {
    DovecotProps dovecot = withContext(*s.dovecot);
    dovecot.addresses = containerAddresses(Component::kDovecot);
    dovecot_ = &make<DovecotConstruct>("dovecot", dovecot);
  }
  if (s.rspamd) rspamd_ = &make<RspamdConstruct>("rspamd", withContext(*s.rspamd));
  DovecotSubmissionProps submission = withContext(s.dovecotSubmission);
  submission.postfixAddress = serviceAddress(postfix_->service());
  dovecotSubmission_ = &make<DovecotSubmissionConstruct>("dovecot-submission", submission);
  if (s.webmail) {
    WebmailProps webmail = withContext(*s.webmail);
    webmail.addresses = containerAddresses(Component::kWebmail);
    webmail.webmailPatch = &webmailPatch.configMap();
    webmail_ = &make<WebmailConstruct>("webmail", webmail);
  }
  if (s.clamav) clamav_ = &make<ClamavConstruct>("clamav", withContext(*s.clamav));
  if (s.fetchmail) {
    FetchmailProps fetchmail = withContext(*s.fetchmail);
    fetchmail.addresses = containerAddresses(Component::kFetchmail);
    fetchmail_ = &make<FetchmailConstruct>("fetchmail", fetchmail);
  }
  if (s.webdav) webdav_ = &make<WebdavConstruct>("webdav", withContext(*s.webdav));
  // After every component of the reference, so its objects keep their order.
  if (s.oletools) oletools_ = &make<OletoolsConstruct>("oletools", withContext(*s.oletools));
  if (s.tika) tika_ = &make<TikaConstruct>("tika", withContext(*s.tika));

  addServiceDiscovery();

  if (s.traefikIngress) {
    TraefikIngressProps traefik = *s.traefikIngress;
    traefik.frontServiceName = front_->service().name();
    traefik.postfixServiceName = postfix_->service().name();
    traefikIngress_ = &make<TraefikIngressConstruct>("traefik-ingress", traefik);
  }
  if (s.networkPolicies) addNetworkPolicies();
}

std::string MailuChart::serviceAddress(const cdk8s::plus::Service& service) const {
  return service.name() + "." + settings_.namespaceName + ".svc.cluster.local";
}

void MailuChart::addNetworkPolicies() {
  networkPolicies_ = &make<NetworkPoliciesConstruct>(
      "network-policies",
      NetworkPoliciesProps{.namespaceName = settings_.namespaceName, .policies = planNetworkPolicies(networkPlanInput(*this))});
}

ComponentConstruct* MailuChart::component(Component component) {
  switch (component) {
    case Component::kFront: return front_;
    case Component::kAdmin: return admin_;
    case Component::kPostfix: return postfix_;
    case Component::kDovecot: return dovecot_;
    case Component::kDovecotSubmission: return dovecotSubmission_;
    case Component::kRspamd: return rspamd_;
    case Component::kWebmail: return webmail_;
    case Component::kClamav: return clamav_;
    case Component::kFetchmail: return fetchmail_;
    case Component::kWebdav: return webdav_;
    case Component::kOletools: return oletools_;
    case Component::kTika: return tika_;
  }
  return nullptr;
}

std::string MailuChart::addressOf(const AddressVariable& variable) {
  const cdk8s::plus::Service& service = component(variable.target)->service();
  return variable.fullName ? serviceAddress(service) : service.name();
}

std::vector<ContainerVariable> MailuChart::containerAddresses(Component reader) {
  std::vector<ContainerVariable> variables;
  for (const AddressVariable& variable : addressVariables()) {
    if (variable.reader != reader || component(variable.target) == nullptr) continue;
    variables.push_back({std::string(variable.name), addressOf(variable)});
  }
  return variables;
}

void MailuChart::addServiceDiscovery() {
  // The addresses use the effective namespace (D1).
  for (const AddressVariable& variable : addressVariables()) {
    if (variable.reader || component(variable.target) == nullptr) continue;
    sharedConfigMap_->addData(std::string(variable.name), addressOf(variable));
  }
  for (const ComponentSpec& spec : mailuComponents()) {
    if (component(spec.id) == nullptr) continue;
    for (const auto& [name, value] : spec.sharedSettings) sharedConfigMap_->addData(std::string(name), std::string(value));
  }
}

}  // namespace mailu

namespace mailu {
namespace {

bool isDroppedFromNames(std::string_view piece) {
  const auto is = [&](std::string_view word) {
    return piece.size() == word.size() &&
           std::equal(piece.begin(), piece.end(), word.begin(), [](char a, char b) { return validation::lowered(a) == b; });
  };
  return is("default") || is("resource");
}

}  // namespace

// Why this rule is enough: cdk8s makes every name from the path's pieces,
// lowercased, joined with '-' and ending with a hash, and cuts a long name
// from the id's end (names.hpp). With only letters, digits and '-' in the id,
// every name is lowercase letters, digits and '-' (a DNS-1123 label, and so a
// subdomain too); it starts with the id's first kept piece, or with a
// construct's own id when the cut or the dropped pieces leave none, so a
// letter there makes it a DNS-1035 label, as Service names must be.
// MailuChartTest.ChartIdRuleGivesValidNames builds charts to show it.
std::optional<std::string> MailuChart::chartIdProblem(std::string_view id) {
  const std::string got = " (got " + cdk8s::quoteForMessage(id) + ")";
  if (id.empty()) return "must not be empty";
  if (!validation::allOf(id, [](char c) { return validation::isAlnum(c) || c == '-'; })) {
    return "must be ASCII letters, digits and '-', as it starts every object name" + got;
  }
  std::size_t start = 0;
  while (start < id.size()) {
    const std::size_t end = std::min(id.find('-', start), id.size());
    const std::string_view piece = id.substr(start, end - start);
    if (!piece.empty() && !isDroppedFromNames(piece)) {
      if (validation::isLetter(piece.front())) return std::nullopt;
      return "must start with a letter (pieces 'default' and 'resource' are left out of names), as Service names do" +
             got;
    }
    start = end + 1;
  }
  return std::nullopt;  // every piece left out: names start with the constructs' ids
}

}  // namespace mailu
