#include "mailu/constructs/traefik_ingress.hpp"

#include <tuple>

#include <cdk8s_plus/kube_object.hpp>

#include "mailu_ports.hpp"

namespace mailu {

using cdk8s::Json;
using cdk8s::jsonObject;
using cdk8s::plus::KubeObject;

namespace {

constexpr const char* kTraefikApi = "traefik.io/v1alpha1";
const std::string kTlsSecret(TraefikIngressProps::kTlsSecret);
constexpr const char* kTlsOption = "mailu-mail-tls";
constexpr const char* kConnectionLimit = "smtp-connection-limit";

Json tlsTermination(const std::string& namespaceName) {
  return jsonObject("secretName", kTlsSecret, "options", jsonObject("name", kTlsOption, "namespace", namespaceName));
}

// One backend of a TCP route. Traefik 2.x and 3.x read the per-service
// proxyProtocol; Traefik 3.5 deprecates it for a ServersTransportTCP.
Json tcpService(const std::string& name, int port, bool proxyProtocol) {
  Json service = jsonObject("name", name, "port", port);
  if (proxyProtocol) service["proxyProtocol"] = jsonObject("version", 2);
  return service;
}

}  // namespace

std::vector<TraefikRoute> traefikRoutes(const TraefikIngressProps& props) {
  // The web UI: Traefik serves an Ingress on every entry point; HTTPS on 443.
  std::vector<TraefikRoute> routes{{.id = "webmail-ingress", .name = "mailu-webmail", .entryPoint = "websecure",
                                    .publicPort = 443, .backend = Component::kFront, .backendPort = ports::kFrontHttp,
                                    .web = true}};
  if (!props.enableTcp) return routes;
  // MX mail goes straight to Postfix: no authentication, so no front. Behind
  // PROXY it must reach the listener that expects it; Postfix's plain port 25
  // trusts every pod in `subnet`, Traefik's included.
  routes.push_back({.id = "smtp", .name = "mailu-smtp", .entryPoint = "smtp", .publicPort = ports::kSmtp, .backend = Component::kPostfix,
                    .backendPort = props.proxyProtocol ? ports::kPostfixProxiedSmtp : ports::kSmtp,
                    .tlsAtTraefik = false, .proxyProtocol = props.proxyProtocol, .connectionLimit = true});
  // Client protocols end TLS at Traefik (587 included, D7) and reach front in plaintext.
  for (const auto& [id, name, entryPoint, port] :
       {std::tuple{"smtps", "mailu-smtps", "smtps", ports::kSmtps},
        std::tuple{"submission", "mailu-submission", "smtp-submission", ports::kSubmission},
        std::tuple{"imaps", "mailu-imaps", "imaps", ports::kImaps}, std::tuple{"pop3s", "mailu-pop3s", "pop3s", ports::kPop3s}}) {
    routes.push_back({.id = id, .name = name, .entryPoint = entryPoint, .publicPort = port, .backend = Component::kFront,
                      .backendPort = port, .proxyProtocol = props.proxyProtocol});
  }
  return routes;
}

TraefikIngressConstruct::TraefikIngressConstruct(cdk8s::Construct& scope, std::string_view id,
                                                 const TraefikIngressProps& props)
    : Construct(scope, id) {
  const std::string& ns = props.namespaceName;
  const std::vector<TraefikRoute> routes = traefikRoutes(props);
  const TraefikRoute& web = routes.front();
  Json backend = jsonObject("service", jsonObject("name", props.frontServiceName, "port",
                                                 jsonObject("number", web.backendPort)));
  make<KubeObject>(
      web.id,
      cdk8s::ApiObjectProps{
          .apiVersion = "networking.k8s.io/v1",
          .kind = "Ingress",
          .metadata = {.name = std::string(web.name),
                       .namespace_ = ns,
                       .annotations = {{"cert-manager.io/cluster-issuer", props.certIssuer}}},
          .body = jsonObject(
              "spec",
              jsonObject(
                  "ingressClassName", "traefik",
                  "tls",
                  Json::array({jsonObject("hosts", Json::array({props.hostname}), "secretName", kTlsSecret)}),
                  "rules",
                  Json::array({jsonObject(
                      "host", props.hostname,
                      "http",
                      jsonObject("paths", Json::array({jsonObject("path", "/", "pathType", "Prefix", "backend",
                                                                  std::move(backend))})))}))),
      });

  // Traefik's own defaults allow TLS 1.0; Mailu requires 1.2 and forward secrecy.
  make<KubeObject>("mail-tls-option",
                   cdk8s::ApiObjectProps{
                       .apiVersion = kTraefikApi,
                       .kind = "TLSOption",
                       .metadata = {.name = kTlsOption, .namespace_ = ns},
                       .body = jsonObject("spec", jsonObject("minVersion", "VersionTLS12",
                                                             "cipherSuites", Json::array({
                                                                       "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                                                                       "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                                                                       "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                                                                       "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                                                                       "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
                                                                       "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
                                                                   }))),
                   });
  if (!props.enableTcp) return;

  make<KubeObject>("smtp-connection-limit",
                   cdk8s::ApiObjectProps{
                       .apiVersion = kTraefikApi,
                       .kind = "MiddlewareTCP",
                       .metadata = {.name = kConnectionLimit, .namespace_ = ns},
                       .body = jsonObject("spec", jsonObject("inFlightConn",
                                                             jsonObject("amount", props.smtpConnectionLimit))),
                   });

  for (const TraefikRoute& route : routes) {
    if (route.web) continue;
    const std::string& service =
        route.backend == Component::kPostfix ? props.postfixServiceName : props.frontServiceName;
    // Each object in one jsonObject call: a key added later costs a lookup
    // and a move of the members (a one-chart run is some 6 M instructions).
    Json services = Json::array({tcpService(service, route.backendPort, route.proxyProtocol)});
    Json routeJson = route.connectionLimit
                         ? jsonObject("match", "HostSNI(`*`)", "middlewares",
                                      Json::array({jsonObject("name", kConnectionLimit)}), "services", std::move(services))
                         : jsonObject("match", "HostSNI(`*`)", "services", std::move(services));
    Json entryPoints = Json::array({std::string(route.entryPoint)});
    Json routes = Json::array({std::move(routeJson)});
    Json spec = route.tlsAtTraefik
                    ? jsonObject("entryPoints", std::move(entryPoints), "routes", std::move(routes), "tls", tlsTermination(ns))
                    : jsonObject("entryPoints", std::move(entryPoints), "routes", std::move(routes));
    make<KubeObject>(route.id, cdk8s::ApiObjectProps{
                                   .apiVersion = kTraefikApi,
                                   .kind = "IngressRouteTCP",
                                   .metadata = {.name = std::string(route.name), .namespace_ = ns},
                                   .body = jsonObject("spec", std::move(spec)),
                               });
  }
}

}  // namespace mailu
