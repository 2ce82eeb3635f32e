#include "mailu/constructs/traefik_ingress.hpp"

#include <cdk8s_plus/kube_object.hpp>

namespace mailu {

using cdk8s::Json;
using cdk8s::plus::KubeObject;

namespace {

constexpr const char* kTraefikApi = "traefik.io/v1alpha1";
constexpr const char* kTlsSecret = "mailu-tls";
constexpr const char* kTlsOption = "mailu-mail-tls";
constexpr const char* kConnectionLimit = "smtp-connection-limit";

Json tlsTermination(const std::string& namespaceName) {
  return Json{{"secretName", kTlsSecret}, {"options", Json{{"name", kTlsOption}, {"namespace", namespaceName}}}};
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
  const Json backend{{"service", Json{{"name", props.frontServiceName}, {"port", Json{{"number", 80}}}}}};
  make<KubeObject>(
      "webmail-ingress",
      cdk8s::ApiObjectProps{
          .apiVersion = "networking.k8s.io/v1",
          .kind = "Ingress",
          .metadata = {.name = "mailu-webmail",
                       .namespace_ = ns,
                       .annotations = {{"cert-manager.io/cluster-issuer", props.certIssuer}}},
          .body = Json{{"spec",
                        Json{{"ingressClassName", "traefik"},
                             {"tls", Json::array({Json{{"hosts", Json::array({props.hostname})}, {"secretName", kTlsSecret}}})},
                             {"rules", Json::array({Json{
                                           {"host", props.hostname},
                                           {"http", Json{{"paths", Json::array({Json{{"path", "/"},
                                                                                     {"pathType", "Prefix"},
                                                                                     {"backend", backend}}})}}}}})}}}},
      });

  // Traefik's own defaults allow TLS 1.0; Mailu requires 1.2 and forward secrecy.
  make<KubeObject>("mail-tls-option",
                   cdk8s::ApiObjectProps{
                       .apiVersion = kTraefikApi,
                       .kind = "TLSOption",
                       .metadata = {.name = kTlsOption, .namespace_ = ns},
                       .body = Json{{"spec", Json{{"minVersion", "VersionTLS12"},
                                                  {"cipherSuites", Json::array({
                                                                       "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                                                                       "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                                                                       "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                                                                       "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                                                                       "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
                                                                       "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
                                                                   })}}}},
                   });
  if (!props.enableTcp) return;

  make<KubeObject>("smtp-connection-limit",
                   cdk8s::ApiObjectProps{
                       .apiVersion = kTraefikApi,
                       .kind = "MiddlewareTCP",
                       .metadata = {.name = kConnectionLimit, .namespace_ = ns},
                       .body = Json{{"spec", Json{{"inFlightConn", Json{{"amount", props.smtpConnectionLimit}}}}}},
                   });

  // MX mail goes straight to Postfix: no authentication, so no front.
  const Json smtpRoute{{"match", "HostSNI(`*`)"},
                       {"middlewares", Json::array({Json{{"name", kConnectionLimit}}})},
                       {"services", Json::array({Json{{"name", props.postfixServiceName}, {"port", 25}}})}};
  make<KubeObject>("smtp", cdk8s::ApiObjectProps{
                               .apiVersion = kTraefikApi,
                               .kind = "IngressRouteTCP",
                               .metadata = {.name = "mailu-smtp", .namespace_ = ns},
                               .body = Json{{"spec", Json{{"entryPoints", Json::array({"smtp"})},
                                                          {"routes", Json::array({smtpRoute})}}}},
                           });

  // Client protocols end TLS at Traefik (587 included, D7) and reach front in plaintext.
  for (const TcpRoute& route : {TcpRoute{"smtps", "smtps", 465}, TcpRoute{"submission", "smtp-submission", 587},
                                TcpRoute{"imaps", "imaps", 993}, TcpRoute{"pop3s", "pop3s", 995}}) {
    const Json routeJson{{"match", "HostSNI(`*`)"},
                         {"services", Json::array({Json{{"name", props.frontServiceName}, {"port", route.port}}})}};
    make<KubeObject>(route.id, cdk8s::ApiObjectProps{
                                   .apiVersion = kTraefikApi,
                                   .kind = "IngressRouteTCP",
                                   .metadata = {.name = std::string("mailu-") + route.id, .namespace_ = ns},
                                   .body = Json{{"spec", Json{{"entryPoints", Json::array({route.entryPoint})},
                                                              {"routes", Json::array({routeJson})},
                                                              {"tls", tlsTermination(ns)}}}},
                               });
  }
}

}  // namespace mailu
