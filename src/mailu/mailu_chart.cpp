#include "mailu/mailu_chart.hpp"
#include "mailu/validate.hpp"

#include <cdk8s/api_object.hpp>

#include "mailu/component_registry.hpp"
#include "mailu/config_error.hpp"
#include "value_formats.hpp"
#include "network_plan.hpp"

namespace mailu {

namespace {

// A config built in C++ has not been through the loader: it is checked by
// the same rules before anything is made of it.
MailuChartConfig validated(MailuChartConfig config) {
  validate(config);
  return config;
}

}  // namespace

MailuChart::MailuChart(cdk8s::Construct& scope, std::string_view id, MailuChartConfig config, cdk8s::ChartProps props)
    : Chart(scope, id, std::move(props)),
      config_(validated(std::move(config))),
      settings_(resolveChartSettings(config_)) {
  compose();
  checkResourceNames();
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
  NetworkPlanInput input;
  for (const ComponentSpec& spec : mailuComponents()) {
    if (ComponentConstruct* built = component(spec.id)) input.pods.emplace(spec.id, built->deployment().matchLabels());
  }
  input.switches = settings_.switches;
  if (config_.networkPolicies) input.config = *config_.networkPolicies;
  input.subnet = config_.subnet;
  if (settings_.context.database) input.databasePort = settings_.postgresqlPort;
  input.redisPort = settings_.redisPort;
  networkPolicies_ = &make<NetworkPoliciesConstruct>(
      "network-policies",
      NetworkPoliciesProps{.namespaceName = settings_.namespaceName, .policies = planNetworkPolicies(input)});
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

// RFC 1035 label, required of Service names: a 1123 label starting with a letter.
bool isDns1035Label(std::string_view s) {
  return validation::isDns1123Label(s) && s.front() >= 'a' && s.front() <= 'z';
}

}  // namespace

void MailuChart::checkResourceNames() const {
  std::vector<ConfigProblem> problems;
  for (cdk8s::ApiObject* object : const_cast<MailuChart*>(this)->apiObjects()) {
    const std::string& kind = object->kind();
    const std::string& name = object->name();
    std::string rule;
    if (kind == "Service" && !isDns1035Label(name)) {
      rule = "a DNS-1035 label (lowercase letters, digits and '-', starting with a letter, at most 63 characters)";
    } else if (kind == "Namespace" && !validation::isDns1123Label(name)) {
      rule = "a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters)";
    } else if (!validation::isDns1123Subdomain(name)) {
      rule = "a DNS-1123 subdomain (lowercase letters, digits, '-' and '.')";
    }
    if (!rule.empty()) {
      problems.push_back(ConfigProblem{"chart id", "would name a " + kind + " '" + name + "', which must be " + rule, id()});
      break;  // one example is enough: every name derives from the same id
    }
  }
  if (!problems.empty()) throw ConfigError(std::move(problems));
}

}  // namespace mailu
