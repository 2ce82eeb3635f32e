#include "mailu/constructs/front.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "component_workload.hpp"
#include "mailu_ports.hpp"

namespace mailu {

using cdk8s::plus::EnvValue;
using cdk8s::plus::Probe;

namespace {

// Mailu's default PORTS (core/base/libs/socrate/socrate/system.py) and 587,
// which front's dovecot opens only when PORTS names it (core/nginx/dovecot/proxy.conf).
constexpr std::string_view kPortsWithSubmission = "25,80,443,465,587,993,995,4190";
// The implicit-TLS ports (socrate's TLS list): not 443, so that nginx opens
// no HTTPS listener nothing routes to (core/nginx/conf/nginx.conf, TLS_443);
// the web stays plain on 80 for the ingress. STARTTLS on 25 and 587 follows
// the certificate, not this list.
constexpr std::string_view kImplicitTlsPorts = "465,993,995";
// Where Mailu's config.py looks for the certificate with TLS_FLAVOR=mail
// (core/nginx/config.py: /certs/cert.pem and /certs/key.pem).
constexpr std::string_view kCertificateDirectory = "/certs";

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

// Front ends TLS itself: TLS_FLAVOR=mail keeps the web on plain 80 for the
// ingress (core/nginx/conf/nginx.conf) and gives the mail listeners TLS with
// the Secret's certificate. Mounted as a whole directory, not with subPath,
// so that Kubernetes updates the files when cert-manager renews them; the
// entrypoint wrapper reloads nginx and dovecot when they change.
void endTlsAtFront(cdk8s::plus::Container& front, const FrontExposure& exposure) {
  front.env().addVariable("TLS_FLAVOR", EnvValue::fromValue("mail"));
  front.env().addVariable("PORTS", EnvValue::fromValue(std::string(kPortsWithSubmission)));
  front.env().addVariable("TLS", EnvValue::fromValue(std::string(kImplicitTlsPorts)));
  if (exposure.proxyProtocol()) {
    // The wrapper adds one listener per pair "<port>:<alternate>", taking
    // PROXY headers from PROXY_ALTERNATE_FROM only.
    std::vector<std::string> pairs;
    for (const ExposedMailPort& port : exposure.ports) pairs.push_back(fmt::format("{}:{}", port.port, port.proxyPort));
    front.env().addVariable("PROXY_ALTERNATE_PORTS", EnvValue::fromValue(joined(pairs)));
    front.env().addVariable("PROXY_ALTERNATE_FROM", EnvValue::fromValue(joined(exposure.proxyTrustedFrom)));
  }
  front.mount(std::string(kCertificateDirectory),
              cdk8s::plus::Volume::fromSecretName(
                  exposure.certificateSecret,
                  // Owner-only: nginx's master and dovecot's config read them
                  // as root; the workers and login processes need not.
                  {.name = "certificate",
                   .defaultMode = 0400,
                   .items = {{"tls.crt", "cert.pem"}, {"tls.key", "key.pem"}}}),
              {.readOnly = true});
}

}  // namespace

FrontConstruct::FrontConstruct(cdk8s::Construct& scope, std::string_view id, const FrontProps& props)
    : ComponentConstruct(scope, id) {
  // The wrapper adds the PROXY listeners and the guard, and watches the TLS files.
  if (props.exposure && props.nginxPatch == nullptr) {
    throw std::invalid_argument("front.service needs the nginx patch (FrontProps::nginxPatch)");
  }
  const ComponentContext& context = props.context;
  const ComponentSpec& spec = componentSpec(Component::kFront);
  deployment_ = &addComponentDeployment(*this, context, spec, props.workload);

  auto container = componentContainer(context, spec, props.workload, props.resources);
  auto liveness = probeTiming(30, 10, 5);
  auto readiness = probeTiming(10, 5, 3);
  liveness.port = readiness.port = ports::kFrontHttp;
  container.liveness = Probe::fromHttpGet("/health", liveness);
  container.readiness = Probe::fromHttpGet("/health", readiness);
  if (props.nginxPatch != nullptr) {
    container.command = std::vector<std::string>{"/bin/sh", "/usr/local/bin/entrypoint-wrapper.sh"};
  }
  cdk8s::plus::Container& front = addComponentContainer(*deployment_, spec, std::move(container), props.workload);
  addComponentEnvironment(front, context);
  if (props.proxyProtocol) {
    // Mailu's own form (core/base/libs/socrate/socrate/system.py): the ports whose
    // listeners take the PROXY protocol, from REAL_IP_FROM only.
    front.env().addVariable("PROXY_PROTOCOL", EnvValue::fromValue(fmt::format("{},{},{},{}", ports::kSmtps,
                                                                              ports::kSubmission, ports::kImaps,
                                                                              ports::kPop3s)));
  }
  if (props.exposure) endTlsAtFront(front, *props.exposure);

  if (props.nginxPatch != nullptr) {
    front.mount("/usr/local/bin/entrypoint-wrapper.sh",
                cdk8s::plus::Volume::fromConfigMap(*props.nginxPatch, {.defaultMode = 0755}),
                {.readOnly = true, .subPath = "entrypoint-wrapper.sh"});
  }

  if (props.overrides) mountOverrides(*this, front, context, *props.overrides);

  service_ = &addComponentService(*this, context, spec, *deployment_, props.workload,
                                  {.fetchmail = props.fetchmailDelivery, .proxyProtocol = props.proxyProtocol});
  if (props.exposure) mailService_ = &addExposureService(*this, context, spec, *deployment_, *props.exposure);
}

}  // namespace mailu
