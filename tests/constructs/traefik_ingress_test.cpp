// TraefikIngressConstruct: the web Ingress and the TCP routes for mail.
#include "mailu/constructs/traefik_ingress.hpp"

#include <tuple>

#include "cdk8s/app.hpp"
#include "cdk8s/chart.hpp"
#include "cdk8s/testing.hpp"
#include "constructs/construct_test_support.hpp"

namespace {

using namespace mailu::construct_test;

class TraefikIngressConstruct : public ::testing::Test {
 protected:
  cdk8s::App app;
  cdk8s::Chart chart{app, "test"};

  static mailu::TraefikIngressProps props() {
    return {.namespaceName = "mail", .hostname = "mail.example.com", .frontServiceName = "front-svc",
            .postfixServiceName = "postfix-svc"};
  }
  std::vector<Json> synth(const mailu::TraefikIngressProps& p) {
    mailu::TraefikIngressConstruct ingress(chart, "ingress", p);
    return cdk8s::Testing::synth(chart);
  }
  // The document of this kind and name; fails the test when there is none.
  static Json find(const std::vector<Json>& docs, const std::string& kind, const std::string& name) {
    for (const Json& doc : ofKind(docs, kind)) {
      if (doc.at("metadata").at("name") == name) return doc;
    }
    ADD_FAILURE() << "no " << kind << " " << name;
    return Json::object();
  }
};

const Json kMailTls =
    Json::parse(R"({"options": {"name": "mailu-mail-tls", "namespace": "mail"}, "secretName": "mailu-tls"})");

TEST_F(TraefikIngressConstruct, SubmissionRouteTerminatesTls) {
  const Json route = find(synth(props()), "IngressRouteTCP", "mailu-submission");
  EXPECT_EQ(route.at("spec").at("entryPoints"), Json::parse(R"(["smtp-submission"])"));
  EXPECT_EQ(route.at("spec").at("routes").at(0).at("services"),
            Json::parse(R"([{"name": "front-svc", "port": 587, "proxyProtocol": {"version": 2}}])"));
  EXPECT_EQ(route.at("spec").at("tls"), kMailTls);
}

TEST_F(TraefikIngressConstruct, ClientRoutesTerminateTlsAndReachFrontInPlaintext) {
  const std::vector<Json> docs = synth(props());
  for (const auto& [name, entryPoint, port] : {std::tuple{"mailu-smtps", "smtps", 465},
                                               std::tuple{"mailu-imaps", "imaps", 993},
                                               std::tuple{"mailu-pop3s", "pop3s", 995}}) {
    const Json spec = find(docs, "IngressRouteTCP", name).at("spec");
    EXPECT_EQ(spec.at("entryPoints"), Json::array({entryPoint})) << name;
    EXPECT_EQ(spec.at("routes").at(0).at("match"), "HostSNI(`*`)") << name;
    EXPECT_EQ(spec.at("routes").at(0).at("services"),
              Json::array({Json{{"name", "front-svc"}, {"port", port}, {"proxyProtocol", {{"version", 2}}}}}))
        << name;
    EXPECT_EQ(spec.at("tls"), kMailTls) << name;
  }
}

TEST_F(TraefikIngressConstruct, SmtpGoesStraightToPostfixsProxiedListenerThroughTheConnectionLimit) {
  const std::vector<Json> docs = synth(props());
  const Json spec = find(docs, "IngressRouteTCP", "mailu-smtp").at("spec");
  EXPECT_EQ(spec.at("entryPoints"), Json::parse(R"(["smtp"])"));
  EXPECT_EQ(spec.at("routes").at(0).at("middlewares"), Json::parse(R"([{"name": "smtp-connection-limit"}])"));
  // Postfix's 2525 reads the PROXY header (D14); its plain 25 trusts Traefik's pod as part of `subnet`.
  EXPECT_EQ(spec.at("routes").at(0).at("services"),
            Json::parse(R"([{"name": "postfix-svc", "port": 2525, "proxyProtocol": {"version": 2}}])"));
  EXPECT_FALSE(spec.contains("tls"));
  EXPECT_EQ(find(docs, "MiddlewareTCP", "smtp-connection-limit").at("spec"),
            Json::parse(R"({"inFlightConn": {"amount": 15}})"));
}

TEST_F(TraefikIngressConstruct, WithoutProxyProtocolTheRoutesAreTheReferences) {
  mailu::TraefikIngressProps p = props();
  p.proxyProtocol = false;
  const std::vector<Json> docs = synth(p);
  EXPECT_EQ(find(docs, "IngressRouteTCP", "mailu-smtp").at("spec").at("routes").at(0).at("services"),
            Json::parse(R"([{"name": "postfix-svc", "port": 25}])"));
  for (const char* name : {"mailu-smtps", "mailu-submission", "mailu-imaps", "mailu-pop3s"}) {
    EXPECT_FALSE(find(docs, "IngressRouteTCP", name).at("spec").at("routes").at(0).at("services").at(0).contains(
        "proxyProtocol"))
        << name;
  }
}

TEST_F(TraefikIngressConstruct, ConnectionLimitIsConfigurable) {
  mailu::TraefikIngressProps p = props();
  p.smtpConnectionLimit = 40;
  const Json middleware = find(synth(p), "MiddlewareTCP", "smtp-connection-limit");
  EXPECT_EQ(middleware.at("spec").at("inFlightConn").at("amount"), 40);
}

TEST_F(TraefikIngressConstruct, WebIngressSendsHttpsToFrontPort80) {
  const Json ingress = find(synth(props()), "Ingress", "mailu-webmail");
  EXPECT_EQ(ingress.at("metadata").at("annotations"),
            Json::parse(R"({"cert-manager.io/cluster-issuer": "letsencrypt-cluster-issuer"})"));
  EXPECT_EQ(ingress.at("spec"), Json::parse(R"({"ingressClassName": "traefik",
      "rules": [{"host": "mail.example.com", "http": {"paths": [{"backend": {"service": {"name": "front-svc",
          "port": {"number": 80}}}, "path": "/", "pathType": "Prefix"}]}}],
      "tls": [{"hosts": ["mail.example.com"], "secretName": "mailu-tls"}]})"));
}

TEST_F(TraefikIngressConstruct, UsesTheGivenCertIssuer) {
  mailu::TraefikIngressProps p = props();
  p.certIssuer = "staging-issuer";
  const Json ingress = find(synth(p), "Ingress", "mailu-webmail");
  EXPECT_EQ(ingress.at("metadata").at("annotations").at("cert-manager.io/cluster-issuer"), "staging-issuer");
}

TEST_F(TraefikIngressConstruct, TlsOptionRequiresTls12WithForwardSecrecy) {
  const Json spec = find(synth(props()), "TLSOption", "mailu-mail-tls").at("spec");
  EXPECT_EQ(spec.at("minVersion"), "VersionTLS12");
  ASSERT_EQ(spec.at("cipherSuites").size(), 6u);
  for (const Json& suite : spec.at("cipherSuites")) EXPECT_EQ(suite.get<std::string>().rfind("TLS_ECDHE_", 0), 0u);
}

TEST_F(TraefikIngressConstruct, WithoutTcpOnlyTheWebIngressAndTlsOptionRemain) {
  mailu::TraefikIngressProps p = props();
  p.enableTcp = false;
  const std::vector<Json> docs = synth(p);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs.at(0).at("kind"), "Ingress");
  EXPECT_EQ(docs.at(1).at("kind"), "TLSOption");
}

TEST_F(TraefikIngressConstruct, EveryObjectLivesInTheGivenNamespace) {
  const std::vector<Json> docs = synth(props());
  EXPECT_EQ(docs.size(), 8u);
  for (const Json& doc : docs) EXPECT_EQ(doc.at("metadata").at("namespace"), "mail") << doc.at("metadata").at("name");
}

}  // namespace
