// Traefik ingress: the web Ingress (HTTPS to front:80, certificate from
// cert-manager) and, unless disabled, the TCP routes for mail: 25 straight to
// Postfix behind a per-IP connection limit, and 465, 587, 993, 995 to front
// with TLS terminated by Traefik using a TLS 1.2+ option set. With the PROXY
// protocol (the default, D14) every route sends it (v2) and port 25 goes to
// Postfix's proxied listener, so Mailu sees each client's own address.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <cdk8s/construct.hpp>

#include "mailu/component_registry.hpp"

namespace mailu {

struct TraefikIngressProps {
  // The Secret cert-manager writes the web certificate to (from the Ingress's
  // tls section); front.service ends mail TLS with it unless told otherwise.
  static constexpr std::string_view kTlsSecret = "mailu-tls";
  std::string namespaceName;
  std::string hostname;  // the web UI's and the mail endpoints' public name
  std::string certIssuer = "letsencrypt-cluster-issuer";  // cert-manager ClusterIssuer of the web certificate
  std::string frontServiceName;
  std::string postfixServiceName;
  bool enableTcp = true;         // make the mail routes (IngressRouteTCPs) and their middleware
  int smtpConnectionLimit = 15;  // simultaneous SMTP connections per source IP (Traefik's inFlightConn)
  // Send the PROXY protocol v2 on the mail routes (D14). The backends must
  // expect it: FrontProps::proxyProtocol and PostfixProps::proxyProtocolListener.
  bool proxyProtocol = true;
};

// A way in that the construct makes: clients dial Traefik's `entryPoint` on
// `publicPort`, and Traefik sends them on to `backend`'s `backendPort`.
struct TraefikRoute {
  std::string_view id;          // the object's construct id
  std::string_view name;        // the object's name
  std::string_view entryPoint;  // Traefik's, from its static config (the web Ingress: every entry point)
  int publicPort;               // where that entry point is to listen
  Component backend;
  int backendPort;
  bool web = false;             // the Ingress (HTTP); else an IngressRouteTCP
  bool tlsAtTraefik = true;     // Traefik ends TLS (web: the certificate from cert-manager)
  bool proxyProtocol = false;   // Traefik sends the PROXY protocol v2
  bool connectionLimit = false; // behind the per-IP connection limit (MiddlewareTCP)
};

// The routes made with `props`, the web Ingress first.
std::vector<TraefikRoute> traefikRoutes(const TraefikIngressProps& props);

class TraefikIngressConstruct : public cdk8s::Construct {
 public:
  TraefikIngressConstruct(cdk8s::Construct& scope, std::string_view id, const TraefikIngressProps& props);
};

}  // namespace mailu
