// front.service (issue 16): the mail ports on a Service of their own for
// clusters without Traefik's TCP routes, front ending TLS with a Secret's
// certificate, the PROXY protocol on alternate ports; and the configs that
// would let the internet relay through port 25, refused with the reason.
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "cdk8s/chart.hpp"
#include "cdk8s/testing.hpp"
#include "config_fixtures.hpp"
#include "mailu/chart_settings.hpp"
#include "mailu/mailu_chart.hpp"
#include "manifest_objects.hpp"

namespace {

using cdk8s::Json;
using mailu::Component;
using testconfig::withMinimal;
using testmanifest::objectNamed;

// Synthesized objects come with sorted keys; literals are compared as parsed.
nlohmann::json plain(const Json& json) { return nlohmann::json::parse(json.dump()); }
nlohmann::json parsed(const std::string& text) { return nlohmann::json::parse(text); }

struct Front {
  std::vector<Json> objects;
  const Json* mailService = nullptr;  // the exposure's Service, when there is one
  const Json* container = nullptr;    // front's container
  const Json* podSpec = nullptr;
  std::string deployment;             // front's Deployment name
};

Front synthesize(std::string_view extra) {
  cdk8s::App app;
  mailu::MailuChart chart(app, "mailu", mailu::parseConfig(withMinimal(extra)));
  Front front{cdk8s::Testing::synth(chart)};
  auto* construct = dynamic_cast<mailu::FrontConstruct*>(chart.component(Component::kFront));
  if (construct->mailService() != nullptr) {
    front.mailService = &objectNamed(front.objects, "Service", construct->mailService()->name());
  }
  front.deployment = construct->deployment().name();
  front.podSpec = &objectNamed(front.objects, "Deployment", front.deployment).at("spec").at("template").at("spec");
  front.container = &front.podSpec->at("containers").at(0);
  return front;
}

// The container's variable, or null.
const Json* variable(const Front& front, std::string_view name) {
  if (!front.container->contains("env")) return nullptr;
  for (const Json& entry : front.container->at("env")) {
    if (entry.at("name") == name) return &entry.at("value");
  }
  return nullptr;
}

std::vector<std::pair<int, int>> portsAndTargets(const Json& service) {
  std::vector<std::pair<int, int>> ports;
  for (const Json& port : service.at("spec").at("ports")) ports.emplace_back(port.at("port"), port.at("targetPort"));
  return ports;
}

constexpr std::string_view kLoadBalancer = "front: {service: {certificateSecret: mail-tls}}\n";

TEST(FrontService, DefaultsToALoadBalancerKeepingClientAddresses) {
  const Front front = synthesize(kLoadBalancer);
  ASSERT_NE(front.mailService, nullptr);
  const Json& spec = front.mailService->at("spec");
  EXPECT_EQ(spec.at("type"), "LoadBalancer");
  EXPECT_EQ(spec.at("externalTrafficPolicy"), "Local");
  EXPECT_FALSE(spec.contains("loadBalancerIP"));
  EXPECT_EQ(portsAndTargets(*front.mailService),
            (std::vector<std::pair<int, int>>{{25, 25}, {465, 465}, {587, 587}, {993, 993}, {995, 995}}));
  for (const Json& port : spec.at("ports")) {
    EXPECT_EQ(port.at("protocol"), "TCP");
    EXPECT_FALSE(port.contains("nodePort"));
  }
  // The same pods as front's own Service.
  EXPECT_EQ(plain(spec.at("selector")).dump(),
            plain(objectNamed(front.objects, "Deployment", front.deployment).at("spec").at("selector").at("matchLabels")).dump());
}

TEST(FrontService, FrontEndsTlsWithTheSecretsCertificate) {
  const Front front = synthesize(kLoadBalancer);
  ASSERT_NE(variable(front, "TLS_FLAVOR"), nullptr);
  EXPECT_EQ(*variable(front, "TLS_FLAVOR"), "mail");  // the web stays plain on 80 for the ingress
  EXPECT_EQ(*variable(front, "PORTS"), "25,80,443,465,587,993,995,4190");
  EXPECT_EQ(*variable(front, "TLS"), "465,993,995") << "no HTTPS listener on 443";
  EXPECT_EQ(variable(front, "PROXY_PROTOCOL"), nullptr);
  EXPECT_EQ(variable(front, "PROXY_ALTERNATE_PORTS"), nullptr);
  // Mounted whole (no subPath), so that renewals reach the pod.
  EXPECT_EQ(plain(front.container->at("volumeMounts").at(0)),
            parsed(R"({"mountPath": "/certs", "name": "certificate", "readOnly": true})"));
  EXPECT_EQ(plain(front.podSpec->at("volumes").at(0)),
            parsed(R"({"name": "certificate", "secret": {"secretName": "mail-tls", "defaultMode": 256,
                       "items": [{"key": "tls.crt", "path": "cert.pem"}, {"key": "tls.key", "path": "key.pem"}]}})"))
      << "0400: the key for root alone";
  // The shared ConfigMap keeps notls for the other components.
  for (const Json& object : front.objects) {
    if (object.at("kind") == "ConfigMap" && object.at("data").contains("TLS_FLAVOR")) {
      EXPECT_EQ(object.at("data").at("TLS_FLAVOR"), "notls");
    }
  }
}

TEST(FrontService, EveryKeyReachesTheService) {
  const Front front = synthesize(R"(
front:
  service:
    type: LoadBalancer
    loadBalancerIP: 192.0.2.25
    loadBalancerSourceRanges: [198.51.100.0/24, "2001:db8::/32"]
    annotations: {metallb.universe.tf/address-pool: mail}
    externalTrafficPolicy: Local
    ports: [993, 25]
    nodePorts: {"25": 30125}
    certificateSecret: mx-tls
)");
  const Json& spec = front.mailService->at("spec");
  EXPECT_EQ(spec.at("loadBalancerIP"), "192.0.2.25");
  EXPECT_EQ(plain(spec.at("loadBalancerSourceRanges")), parsed(R"(["198.51.100.0/24", "2001:db8::/32"])"));
  EXPECT_EQ(front.mailService->at("metadata").at("annotations").at("metallb.universe.tf/address-pool"), "mail");
  EXPECT_EQ(portsAndTargets(*front.mailService), (std::vector<std::pair<int, int>>{{25, 25}, {993, 993}}))
      << "the registry's order, whatever the config's";
  EXPECT_EQ(spec.at("ports").at(0).at("nodePort"), 30125);
  EXPECT_FALSE(spec.at("ports").at(1).contains("nodePort"));
  EXPECT_EQ(front.podSpec->at("volumes").at(0).at("secret").at("secretName"), "mx-tls");
}

TEST(FrontService, ClusterIpAndNodePortWriteOnlyTheirFields) {
  const Front clusterIp = synthesize(
      "front: {service: {type: ClusterIP, ports: [465, 993], certificateSecret: mail-tls}}\n");
  EXPECT_EQ(clusterIp.mailService->at("spec").at("type"), "ClusterIP");
  EXPECT_FALSE(clusterIp.mailService->at("spec").contains("externalTrafficPolicy"));
  const Front nodePort = synthesize("front: {service: {type: NodePort, certificateSecret: mail-tls}}\n");
  EXPECT_EQ(nodePort.mailService->at("spec").at("type"), "NodePort");
  EXPECT_EQ(nodePort.mailService->at("spec").at("externalTrafficPolicy"), "Local");
}

TEST(FrontService, TheProxyProtocolGoesToAlternatePorts) {
  const Front front = synthesize(R"(
front:
  service:
    type: NodePort
    externalTrafficPolicy: Cluster
    ports: [25, 587, 993]
    certificateSecret: mail-tls
    proxyProtocol: {trustedFrom: [192.0.2.1/32, "2001:db8::1/128"]}
)");
  EXPECT_EQ(portsAndTargets(*front.mailService),
            (std::vector<std::pair<int, int>>{{25, 11025}, {587, 11587}, {993, 11993}}));
  EXPECT_EQ(*variable(front, "PROXY_ALTERNATE_PORTS"), "25:11025,587:11587,993:11993");
  EXPECT_EQ(*variable(front, "PROXY_ALTERNATE_FROM"), "192.0.2.1/32,2001:db8::1/128");
  EXPECT_EQ(variable(front, "PROXY_PROTOCOL"), nullptr) << "Mailu's own ports stay PROXY-free";
}

TEST(FrontService, TheTraefikCertificateIsTheDefaultBesideTheWebIngress) {
  const Front front = synthesize(R"(
ingress: {enabled: true, type: traefik, traefik: {hostname: mail.example.com, enableTcp: false}}
front: {service: {}}
)");
  EXPECT_EQ(front.podSpec->at("volumes").at(0).at("secret").at("secretName"), "mailu-tls");
  for (const Json& object : front.objects) EXPECT_NE(object.at("kind"), "IngressRouteTCP");
}

TEST(FrontService, PortTwentyFiveMakesFrontRelayToPostfix) {
  mailu::MailuChartConfig config = testconfig::minimalConfig();
  config.front = mailu::FrontConfig{.service = mailu::FrontServiceConfig{.certificateSecret = "mail-tls"}};
  EXPECT_TRUE(mailu::resolveChartSettings(config).switches.exposedSmtp);
  config.front->service->ports = std::vector<int>{465};
  EXPECT_FALSE(mailu::resolveChartSettings(config).switches.exposedSmtp);
  config.front.reset();
  EXPECT_FALSE(mailu::resolveChartSettings(config).switches.exposedSmtp);
}

// Built by hand, an exposure without the wrapper would send the Service to
// listeners nobody opens.
TEST(FrontService, TheConstructNeedsTheWrapper) {
  mailu::MailuChartConfig config = testconfig::minimalConfig();
  config.front = mailu::FrontConfig{.service = mailu::FrontServiceConfig{.certificateSecret = "mail-tls"}};
  mailu::FrontProps props = *mailu::resolveChartSettings(config).front;
  ASSERT_TRUE(props.exposure.has_value());
  cdk8s::App app;
  cdk8s::Chart chart(app, "test");
  EXPECT_THROW(mailu::FrontConstruct(chart, "front", props), std::invalid_argument);
}

TEST(FrontService, WithoutItNothingChanges) {
  const Front front = synthesize("");
  EXPECT_EQ(front.mailService, nullptr);
  EXPECT_EQ(variable(front, "TLS_FLAVOR"), nullptr);
  for (const Json& volume : front.podSpec->at("volumes")) EXPECT_FALSE(volume.contains("secret"));
}

TEST(FrontService, RefusedWithTheFieldNamed) {
  const std::vector<testconfig::RefusedCase> rows = {
      {"front: {service: {type: External, certificateSecret: s}}", "front.service.type"},
      {"front: {service: {colour: red, certificateSecret: s}}", "front.service.colour", true},
      {"front: {other: {}}", "front.other", true},
      {"front: {service: {loadBalancerIP: mail.example.com, certificateSecret: s}}", "front.service.loadBalancerIP"},
      {"front: {service: {type: NodePort, loadBalancerIP: 192.0.2.1, certificateSecret: s}}",
       "front.service.loadBalancerIP"},
      {"front: {service: {type: NodePort, loadBalancerSourceRanges: [192.0.2.0/24], certificateSecret: s}}",
       "front.service.loadBalancerSourceRanges"},
      {"front: {service: {loadBalancerSourceRanges: [192.0.2.0/33], certificateSecret: s}}",
       "front.service.loadBalancerSourceRanges[0]"},
      {"front: {service: {type: ClusterIP, ports: [993], externalTrafficPolicy: Local, certificateSecret: s}}",
       "front.service.externalTrafficPolicy"},
      {"front: {service: {externalTrafficPolicy: Sometimes, certificateSecret: s}}", "front.service.externalTrafficPolicy"},
      {"front: {service: {ports: [80], certificateSecret: s}}", "front.service.ports[0]"},
      {"front: {service: {ports: [993, 993], certificateSecret: s}}", "front.service.ports[1]"},
      {"front: {service: {ports: [], certificateSecret: s}}", "front.service.ports"},
      {"front: {service: {ports: [imaps], certificateSecret: s}}", "front.service.ports[0]"},
      {"front: {service: {nodePorts: {\"80\": 30080}, certificateSecret: s}}", "front.service.nodePorts.80", true},
      {"front: {service: {nodePorts: {\"25\": 70000}, certificateSecret: s}}", "front.service.nodePorts.25"},
      {"front: {service: {ports: [993], nodePorts: {\"25\": 30125}, certificateSecret: s}}",
       "front.service.nodePorts.25"},
      {"front: {service: {type: ClusterIP, ports: [993], nodePorts: {\"993\": 30993}, certificateSecret: s}}",
       "front.service.nodePorts"},
      {"front: {service: {nodePorts: {\"25\": 30025, \"993\": 30025}, certificateSecret: s}}",
       "front.service.nodePorts.993"},
      {"front: {service: {annotations: {\"bad key!\": x}, certificateSecret: s}}", "front.service.annotations.\"bad key!\""},
      {"front: {service: {certificateSecret: Mail_TLS}}", "front.service.certificateSecret"},
      // No certificate to end TLS with.
      {"front: {service: {}}", "front.service.certificateSecret"},
      {"components: {front: false}\nfront: {service: {certificateSecret: s}}", "front.service"},
      // Traefik would hand front decrypted mail where front now expects TLS.
      {"ingress: {enabled: true, type: traefik, traefik: {hostname: mail.example.com}}\nfront: {service: {}}",
       "front.service"},
      // Port 25 where the client's address is hidden inside subnet: an open relay.
      {"front: {service: {type: ClusterIP, certificateSecret: s}}", "front.service.type"},
      {"front: {service: {externalTrafficPolicy: Cluster, certificateSecret: s}}", "front.service.externalTrafficPolicy"},
      {"front: {service: {type: NodePort, externalTrafficPolicy: Cluster, certificateSecret: s}}",
       "front.service.externalTrafficPolicy"},
      // PROXY headers believed from anyone, or from every pod.
      {"front: {service: {certificateSecret: s, proxyProtocol: {}}}", "front.service.proxyProtocol.trustedFrom"},
      {"front: {service: {certificateSecret: s, proxyProtocol: {trustedFrom: []}}}",
       "front.service.proxyProtocol.trustedFrom"},
      {"front: {service: {certificateSecret: s, proxyProtocol: {trustedFrom: [0.0.0.0/0]}}}",
       "front.service.proxyProtocol.trustedFrom[0]"},
      {"front: {service: {certificateSecret: s, proxyProtocol: {trustedFrom: [\"::/0\"]}}}",
       "front.service.proxyProtocol.trustedFrom[0]"},
      {"front: {service: {certificateSecret: s, proxyProtocol: {trustedFrom: [10.0.0.0/8]}}}",
       "front.service.proxyProtocol.trustedFrom[0]"},
      {"front: {service: {certificateSecret: s, proxyProtocol: {trustedFrom: [10.42.0.0/16]}}}",
       "front.service.proxyProtocol.trustedFrom[0]"},
      {"front: {service: {certificateSecret: s, proxyProtocol: {trustedFrom: [lb.example.com]}}}",
       "front.service.proxyProtocol.trustedFrom[0]"},
      {"front: {service: {certificateSecret: s, proxyProtocol: {trustedFrom: [10.42.0.0/17]}}}",
       "front.service.proxyProtocol.trustedFrom[0]"},
      {"front: {service: {certificateSecret: s, proxyProtocol: {trustedFrom: [10.42.7.0/24]}}}",
       "front.service.proxyProtocol.trustedFrom[0]"},
      {"front: {service: {certificateSecret: s, proxyProtocol: {trustedFrom: [192.0.2.1/32, 128.0.0.0/1]}}}",
       "front.service.proxyProtocol.trustedFrom[1]"},
      {"front: {service: {certificateSecret: s, proxyProtocol: {trustedFrom: [\"2000::/3\"]}}}",
       "front.service.proxyProtocol.trustedFrom[0]"},
  };
  for (const auto& row : rows) testconfig::expectRefused(row);
}

// What the open-relay refusals say: the reason, and the ways out.
TEST(FrontService, TheOpenRelayRefusalExplainsItself) {
  const auto problems = testconfig::problemsOf(withMinimal("front: {service: {externalTrafficPolicy: Cluster, certificateSecret: s}}"));
  ASSERT_EQ(problems.size(), 1u) << testconfig::listed(problems);
  const std::string text = problems[0].toString();
  EXPECT_NE(text.find("relay mail for anyone"), std::string::npos) << text;
  EXPECT_NE(text.find("Local"), std::string::npos) << text;
  EXPECT_NE(text.find("proxyProtocol"), std::string::npos) << text;
  EXPECT_EQ(text.find('\n'), std::string::npos) << "one line";
}

// Safe shapes load: PROXY with Cluster (the seeds' HAProxy in front of
// NodePorts), a pod-network address narrower than the subnet (a bridge), the
// client ports alone behind ClusterIP or Cluster.
TEST(FrontService, SafeShapesLoad) {
  for (std::string_view extra : {
           std::string_view("front: {service: {type: NodePort, externalTrafficPolicy: Cluster, certificateSecret: s, "
                            "proxyProtocol: {trustedFrom: [192.168.1.0/24]}}}"),
           std::string_view("front: {service: {certificateSecret: s, proxyProtocol: {trustedFrom: [10.42.0.1/32]}}}"),
           std::string_view("front: {service: {type: ClusterIP, ports: [465, 587, 993, 995], certificateSecret: s}}"),
           std::string_view("front: {service: {externalTrafficPolicy: Cluster, ports: [993], certificateSecret: s}}"),
           std::string_view("ingress: {enabled: true, type: traefik, traefik: {hostname: m.example.com, enableTcp: false}}\n"
                            "front: {service: {}}"),
       }) {
    EXPECT_TRUE(testconfig::problemsOf(withMinimal(extra)).empty())
        << extra << "\n" << testconfig::listed(testconfig::problemsOf(withMinimal(extra)));
  }
}

TEST(FrontService, CppConfigsAreCheckedToo) {
  mailu::MailuChartConfig config = testconfig::minimalConfig();
  config.front = mailu::FrontConfig{.service = mailu::FrontServiceConfig{
                                        .type = mailu::ServiceKind::kClusterIp,
                                        .loadBalancerIP = "not-an-address",
                                        .ports = std::vector<int>{25, 8080},
                                        .certificateSecret = "mail-tls",
                                    }};
  EXPECT_EQ(testconfig::chartRefusalPaths(config),
            (std::vector<std::string>{"front.service.loadBalancerIP", "front.service.loadBalancerIP",
                                      "front.service.ports[1]", "front.service.type"}));
}

}  // namespace
