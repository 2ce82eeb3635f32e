#include "mailu/constructs/traefik_ingress.hpp"

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

struct TcpRoute {
  const char* id;
  const char* entryPoint;
  int port;
};

}  // namespace

TraefikIngressConstruct::TraefikIngressConstruct(cdk8s::Construct& scope, std::string_view id,
                                                 const TraefikIngressProps& props)
    : Construct(scope, id) {
  const std::string& ns = props.namespaceName;
  Json backend = jsonObject("service", jsonObject("name", props.frontServiceName, "port",
                                                 jsonObject("number", ports::kFrontHttp)));
  make<KubeObject>(
      "webmail-ingress",
      cdk8s::ApiObjectProps{
          .apiVersion = "networking.k8s.io/v1",
          .kind = "Ingress",
          .metadata = {.name = "mailu-webmail",
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

  // MX mail goes straight to Postfix: no authentication, so no front. Behind
  // PROXY it must reach the listener that expects it; Postfix's plain port 25
  // trusts every pod in `subnet`, Traefik's included.
  const int smtpPort = props.proxyProtocol ? ports::kPostfixProxiedSmtp : ports::kSmtp;
  Json smtpRoute = jsonObject("match", "HostSNI(`*`)",
                              "middlewares", Json::array({jsonObject("name", kConnectionLimit)}),
                              "services",
                              Json::array({tcpService(props.postfixServiceName, smtpPort, props.proxyProtocol)}));
  make<KubeObject>("smtp", cdk8s::ApiObjectProps{
                               .apiVersion = kTraefikApi,
                               .kind = "IngressRouteTCP",
                               .metadata = {.name = "mailu-smtp", .namespace_ = ns},
                               .body = jsonObject("spec", jsonObject("entryPoints", Json::array({"smtp"}), "routes",
                                                                     Json::array({std::move(smtpRoute)}))),
                           });

  // Client protocols end TLS at Traefik (587 included, D7) and reach front in plaintext.
  for (const TcpRoute& route :
       {TcpRoute{"smtps", "smtps", ports::kSmtps}, TcpRoute{"submission", "smtp-submission", ports::kSubmission},
        TcpRoute{"imaps", "imaps", ports::kImaps}, TcpRoute{"pop3s", "pop3s", ports::kPop3s}}) {
    Json routeJson =
        jsonObject("match", "HostSNI(`*`)", "services",
                   Json::array({tcpService(props.frontServiceName, route.port, props.proxyProtocol)}));
    make<KubeObject>(route.id, cdk8s::ApiObjectProps{
                                   .apiVersion = kTraefikApi,
                                   .kind = "IngressRouteTCP",
                                   .metadata = {.name = std::string("mailu-") + route.id, .namespace_ = ns},
                                   .body = jsonObject("spec", jsonObject("entryPoints", Json::array({route.entryPoint}),
                                                                         "routes", Json::array({std::move(routeJson)}),
                                                                         "tls", tlsTermination(ns))),
                               });
  }
}

}  // namespace mailu
