// The NetworkPolicies of every parity case (D15), judged by the test suite's
// evaluator (tests/network_policy_evaluator.hpp) on the synthesized objects:
// the connections Mailu makes get through, nobody else reaches the ports
// Mailu trusts, and the ingress controller reaches only the routed ports.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "file_contents.hpp"
#include "mailu/component_registry.hpp"
#include "mailu/config_loader.hpp"
#include "mailu/mailu_chart.hpp"
#include "network_policy_evaluator.hpp"

namespace mailu {
namespace {

using cdk8s::Json;
using testnet::allowed;
using testnet::Endpoint;

const std::filesystem::path kParity = std::filesystem::path(TEST_DATA_DIR) / "parity";

const Endpoint kIngressController{"traefik", {{"app.kubernetes.io/name", "traefik"}}};
const NetworkPeerConfig kIngressControllerPeer{
    .namespace_ = "traefik", .podLabels = std::map<std::string, std::string>{{"app.kubernetes.io/name", "traefik"}}};

// Flows Mailu 2024.06 makes, read from its sources (independently of the
// component registry): client, server, port.
struct Flow {
  const char* from;
  const char* to;
  int port;
  const char* source;
  // The flow holds only then: fetchmail runs, or does not; front takes SMTP
  // on 25 (fetchmail's delivery, or front.service exposing 25), or does not.
  enum class Fetchmail { kEither, kOn, kOff, kFrontSmtp, kNoFrontSmtp } fetchmail = Fetchmail::kEither;
};
using Fetchmail = Flow::Fetchmail;

bool holds(const Flow& flow, bool fetchmail, bool exposedSmtp) {
  switch (flow.fetchmail) {
    case Fetchmail::kEither: return true;
    case Fetchmail::kOn: return fetchmail;
    case Fetchmail::kOff: return !fetchmail;
    case Fetchmail::kFrontSmtp: return fetchmail || exposedSmtp;
    case Fetchmail::kNoFrontSmtp: return !fetchmail && !exposedSmtp;
  }
  return false;
}
const Flow kMailuFlows[] = {
    {"front", "admin", 8080, "core/nginx/conf/nginx.conf auth_request"},
    {"front", "dovecot", 143, "core/admin/mailu/internal/nginx.py imap"},
    {"front", "dovecot", 110, "core/admin/mailu/internal/nginx.py pop3"},
    {"front", "postfix", 25, "core/admin/mailu/internal/nginx.py smtp: fetched mail, internet mail", Fetchmail::kFrontSmtp},
    {"front", "dovecot", 2525, "core/admin/mailu/internal/nginx.py lmtp, fetched mail", Fetchmail::kOn},
    {"front", "postfix", 10025, "core/admin/mailu/internal/nginx.py submission"},
    {"front", "webmail", 80, "core/nginx/conf/nginx.conf WEB_WEBMAIL"},
    {"front", "rspamd", 11334, "core/nginx/conf/nginx.conf antispam"},
    {"front", "webdav", 5232, "core/nginx/conf/nginx.conf /webdav"},
    {"postfix", "admin", 8080, "core/postfix/start.py podop"},
    {"postfix", "rspamd", 11332, "core/postfix/conf/main.cf smtpd_milters"},
    {"postfix", "dovecot", 2525, "core/postfix/conf/main.cf virtual_transport"},
    {"dovecot", "admin", 8080, "core/dovecot/start.py podop"},
    {"dovecot", "postfix", 25, "core/dovecot/conf/dovecot.conf submission_host"},
    {"dovecot", "rspamd", 11334, "core/dovecot/conf/spam.script"},
    {"rspamd", "admin", 8080, "core/rspamd/conf/multimap.conf"},
    {"rspamd", "clamav", 3310, "core/rspamd/conf/antivirus.conf"},
    {"admin", "dovecot", 2525, "core/admin/mailu/models.py sendmail over LMTP"},
    {"webmail", "dovecot", 143, "webmail wrapper imap_host"},
    {"webmail", "dovecot", 4190, "webmail wrapper managesieve_host"},
    {"webmail", "dovecot-submission", 10025, "webmail wrapper smtp_host"},
    {"dovecot-submission", "postfix", 25, "dovecot-submission.conf submission_relay_host"},
    {"fetchmail", "admin", 8080, "optional/fetchmail/fetchmail.py /internal/fetch"},
    {"fetchmail", "front", 25, "optional/fetchmail/fetchmail.py smtphost"},
    {"fetchmail", "front", 2525, "optional/fetchmail/fetchmail.py lmtp"},
    {"rspamd", "oletools", 11343, "core/rspamd/conf/external_services.conf servers"},
    {"dovecot", "tika", 9998, "core/dovecot/conf/dovecot.conf fts_tika"},
};

// Connections between the chart's pods that no Mailu program makes.
const Flow kNoSuchFlows[] = {
    {"front", "dovecot", 4190, "no route brings ManageSieve clients to front"},
    {"front", "postfix", 25, "without fetchmail nor front.service front's port 25 takes nothing", Fetchmail::kNoFrontSmtp},
    {"front", "dovecot", 2525, "without fetchmail front's LMTP proxy takes nothing", Fetchmail::kOff},
    {"webmail", "postfix", 25, "webmail sends through dovecot-submission"},
    {"webmail", "admin", 8080, "webmail's SSO comes as front's headers"},
    {"webdav", "dovecot", 143, "radicale makes no connections"},
    {"rspamd", "dovecot", 143, "rspamd reads no mailbox"},
    {"clamav", "admin", 8080, "clamd answers, it never asks"},
    {"dovecot-submission", "dovecot", 143, "it only relays to postfix"},
    {"postfix", "oletools", 11343, "only rspamd's oletools module asks olefy"},
    {"front", "tika", 9998, "only dovecot's fts_tika asks Tika"},
    {"oletools", "admin", 8080, "olefy answers, it never asks"},
    {"tika", "dovecot", 143, "Tika answers, it never asks"},
};

// Front's public ports: the web and the mail ports Traefik routes (TLS ended there).
const std::set<int> kFrontRoutedPorts = {80, 465, 587, 993, 995};

struct ChartNetwork {
  std::string namespaceName;
  std::vector<Json> policies;
  std::map<std::string, Endpoint> pods;               // by component
  std::map<std::string, std::set<int>> servicePorts;  // by component
  std::set<std::pair<std::string, int>> tcpRoutes;    // (component, port) an IngressRouteTCP sends to
  // front.service: the exposing Service's ports and front's listeners they
  // go to, and the ipBlock its PROXY headers come from (none: anyone's).
  std::map<int, int> exposed;  // Service port -> target port
  std::vector<std::string> proxyFrom;
  std::string podNetworkAddress;  // an address inside the config's subnet that no pod of the test has
  bool exposesSmtp() const { return exposed.contains(25); }
};

ChartNetwork network(const MailuChartConfig& config, const std::string& chartId = "mailu") {
  cdk8s::App app;
  MailuChart chart(app, chartId, config);
  ChartNetwork net;
  // The subnet's network address with its last octet set to 7: inside it.
  net.podNetworkAddress = config.subnet.substr(0, config.subnet.rfind('.')) + ".7";
  std::map<std::string, std::string> serviceComponent;    // Service name -> component
  std::vector<std::pair<std::string, int>> routeTargets;  // Service name, port
  for (const Json& doc : chart.toJson()) {
    const std::string kind = doc.at("kind");
    if (kind == "Namespace") net.namespaceName = doc.at("metadata").at("name");
    if (kind == "NetworkPolicy") net.policies.push_back(doc);
    if (kind == "Deployment") {
      const Json& pod = doc.at("spec").at("template");
      const std::string component = pod.at("metadata").at("labels").at("app.kubernetes.io/component");
      net.pods[component] = Endpoint{doc.at("metadata").at("namespace"), pod.at("metadata").at("labels")};
    }
    if (kind == "Service" && doc.at("metadata").at("name").get<std::string>().find("-mail-service-") != std::string::npos) {
      for (const Json& port : doc.at("spec").at("ports")) {
        net.exposed[port.at("port").get<int>()] = port.at("targetPort").get<int>();
      }
      continue;
    }
    if (kind == "Deployment" && doc.at("metadata").at("name").get<std::string>().find("-front-") != std::string::npos) {
      for (const Json& variable : doc.at("spec").at("template").at("spec").at("containers").at(0).value("env", Json::array())) {
        if (variable.at("name") != "PROXY_ALTERNATE_FROM") continue;
        const std::string from = variable.at("value");
        for (std::size_t start = 0; start <= from.size();) {
          const std::size_t comma = std::min(from.find(',', start), from.size());
          net.proxyFrom.push_back(from.substr(start, comma - start));
          start = comma + 1;
        }
      }
    }
    if (kind == "Service") {
      const std::string component = doc.at("metadata").at("labels").at("app.kubernetes.io/component");
      for (const Json& port : doc.at("spec").at("ports")) net.servicePorts[component].insert(port.at("port").get<int>());
      serviceComponent[doc.at("metadata").at("name")] = component;
    }
    if (kind == "IngressRouteTCP") {
      for (const Json& route : doc.at("spec").at("routes")) {
        for (const Json& service : route.at("services")) routeTargets.emplace_back(service.at("name"), service.at("port"));
      }
    }
  }
  for (const auto& [service, port] : routeTargets) net.tcpRoutes.emplace(serviceComponent.at(service), port);
  return net;
}

// Front's public ports, whatever routes them (the chart's Traefik or the
// user's own ingress), and the ports the chart's IngressRouteTCPs send to:
// postfix's 2525 with the PROXY protocol, 25 without, none without the routes.
bool routed(const ChartNetwork& net, const std::string& component, int port) {
  return (component == "front" && kFrontRoutedPorts.contains(port)) || net.tcpRoutes.contains({component, port});
}

// The ports an outsider must not reach: every Service port of the components
// Mailu trusts its network for, and front's 25/2525, but the routed ones.
std::vector<std::pair<std::string, int>> trustedPorts(const ChartNetwork& net) {
  std::vector<std::pair<std::string, int>> ports;
  for (const auto& [component, numbers] : net.servicePorts) {
    for (int port : numbers) {
      if (component == "front" || routed(net, component, port)) continue;
      ports.emplace_back(component, port);
    }
  }
  if (net.pods.contains("front")) {
    // Even when front.service exposes 25 to the internet: front relays it
    // for the client's address, and every pod's is inside subnet.
    ports.emplace_back("front", 25);
    ports.emplace_back("front", 2525);
  }
  return ports;
}

bool onService(const ChartNetwork& net, const std::string& component, int port) {
  const auto found = net.servicePorts.find(component);
  return found != net.servicePorts.end() && found->second.contains(port);
}

// Everything wrong with the chart's policies, one line each.
std::vector<std::string> violations(const ChartNetwork& net, bool controllerNamed) {
  std::vector<std::string> found;
  auto expectOpen = [&](const Endpoint& from, const std::string& fromName, const std::string& to, int port) {
    if (!allowed(net.policies, from, net.pods.at(to), port)) found.push_back(fmt::format("{} -> {}:{} refused", fromName, to, port));
  };
  auto expectClosed = [&](const Endpoint& from, const std::string& fromName, const std::string& to, int port) {
    if (allowed(net.policies, from, net.pods.at(to), port)) found.push_back(fmt::format("{} -> {}:{} allowed", fromName, to, port));
  };

  const bool fetchmail = net.pods.contains("fetchmail");
  for (const Flow& flow : kMailuFlows) {
    if (!net.pods.contains(flow.from) || !net.pods.contains(flow.to)) continue;
    if (!holds(flow, fetchmail, net.exposesSmtp())) continue;
    if (!onService(net, flow.to, flow.port)) continue;  // fetchmail off: front has no 25/2525
    expectOpen(net.pods.at(flow.from), flow.from, flow.to, flow.port);
  }
  for (const Flow& flow : kNoSuchFlows) {
    if (!net.pods.contains(flow.from) || !net.pods.contains(flow.to) || !holds(flow, fetchmail, net.exposesSmtp())) continue;
    if (routed(net, flow.to, flow.port) && !controllerNamed) continue;  // open to all, rightly
    expectClosed(net.pods.at(flow.from), flow.from, flow.to, flow.port);
  }
  // The model's own connections, each to a port the target's Service carries.
  for (const ComponentSpec& client : mailuComponents()) {
    if (!net.pods.contains(std::string(client.name))) continue;
    for (const Connection& connection : client.connections) {
      if (!connection.to || (connection.when == OnService::kWithFetchmail && !fetchmail)) continue;
      if (connection.when == OnService::kWithFrontSmtp && !fetchmail && !net.exposesSmtp()) continue;
      const std::string target(componentSpec(*connection.to).name);
      if (!net.pods.contains(target)) continue;
      for (int port : connection.ports) {
        if (onService(net, target, port)) expectOpen(net.pods.at(std::string(client.name)), std::string(client.name), target, port);
      }
    }
  }

  const Endpoint sameNamespace{net.namespaceName, {{"app", "intruder"}}};
  const Endpoint otherNamespace{"tenant-b", {{"app", "intruder"}}};
  const std::vector<std::pair<std::string, Endpoint>> outsiders = {
      {"a pod of the namespace", sameNamespace},
      {"a pod of another namespace", otherNamespace},
      {"the ingress controller", kIngressController}};
  for (const auto& [name, outsider] : outsiders) {
    for (const auto& [component, port] : trustedPorts(net)) expectClosed(outsider, name, component, port);
  }
  // front.service: its target ports take the internet but no address of
  // the pod network (a pod, or a load balancer's pod), or with the PROXY
  // protocol only the load balancer (and no pod, which could forge headers).
  const Endpoint internet{"", {}, {}, "203.0.113.9"};
  const Endpoint podNetworkAddress{"", {}, {}, net.podNetworkAddress};
  for (const auto& [port, target] : net.exposed) {
    if (net.proxyFrom.empty()) {
      expectOpen(internet, "the internet", "front", target);
      if (!kFrontRoutedPorts.contains(target)) expectClosed(podNetworkAddress, "a pod network address", "front", target);
      continue;
    }
    const std::string loadBalancer = net.proxyFrom.front().substr(0, net.proxyFrom.front().find('/'));
    expectOpen(Endpoint{"", {}, {}, loadBalancer}, "the load balancer", "front", target);
    expectClosed(internet, "the internet", "front", target);
    for (const auto& [name, outsider] : outsiders) expectClosed(outsider, name, "front", target);
    for (const auto& [name, pod] : net.pods) expectClosed(pod, name, "front", target);
  }
  for (const auto& [component, port] : trustedPorts(net)) {
    const bool exposedToInternet = component == "front" && net.proxyFrom.empty() &&
                                   std::any_of(net.exposed.begin(), net.exposed.end(),
                                               [&](const auto& entry) { return entry.second == port; });
    if (!exposedToInternet) expectClosed(internet, "the internet", component, port);
  }
  // The routed ports: only the controller once it is named, anyone otherwise.
  for (const auto& [component, numbers] : net.servicePorts) {
    for (int port : numbers) {
      if (!routed(net, component, port)) continue;
      expectOpen(kIngressController, "the ingress controller", component, port);
      for (const auto& outsider : {sameNamespace, otherNamespace}) {
        if (controllerNamed) {
          expectClosed(outsider, "an outsider", component, port);
        } else {
          expectOpen(outsider, "an outsider", component, port);
        }
      }
    }
  }
  return found;
}

MailuChartConfig parityConfig(const std::string& caseName) {
  return loadConfigFile(kParity / "cases" / (caseName + ".json"));
}

std::vector<std::string> parityCases() {
  const Json chartIds = Json::parse(testdata::readFile(kParity / "cases" / "chart-ids.json"));
  std::vector<std::string> names;
  for (auto it = chartIds.begin(); it != chartIds.end(); ++it) names.push_back(it.key());
  return names;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += "\n  " + line;
  return text;
}

TEST(NetworkPolicies, EveryParityCaseAllowsMailuAndNobodyElse) {
  const std::vector<std::string> cases = parityCases();
  ASSERT_EQ(cases.size(), 17u);
  for (const std::string& name : cases) {
    MailuChartConfig config = parityConfig(name);
    const ChartNetwork net = network(config);
    EXPECT_EQ(net.policies.size(), net.pods.size()) << name << ": one policy per Mailu pod";
    EXPECT_EQ(joined(violations(net, false)), "") << name;

    config.networkPolicies = NetworkPoliciesConfig{.ingressController = kIngressControllerPeer};
    EXPECT_EQ(joined(violations(network(config), true)), "") << name << " with the ingress controller named";

    config.networkPolicies->egress = true;
    EXPECT_EQ(joined(violations(network(config), true)), "") << name << " with egress isolated";
  }
}

TEST(NetworkPolicies, TheCheckFailsOnAPolicyOpeningDovecotToAnotherNamespace) {
  ChartNetwork net = network(parityConfig("p01-minimal-sqlite"));
  ASSERT_TRUE(violations(net, false).empty());
  for (Json& policy : net.policies) {
    if (policy.at("metadata").at("labels").at("app.kubernetes.io/component") != "dovecot") continue;
    policy["spec"]["ingress"].push_back(Json::parse(R"({"from": [{"namespaceSelector": {}}],
                                                        "ports": [{"port": 143, "protocol": "TCP"}]})"));
  }
  const std::vector<std::string> found = violations(net, false);
  // namespaceSelector {} alone selects every pod of every namespace, this one too.
  EXPECT_EQ(found, (std::vector<std::string>{"rspamd -> dovecot:143 allowed",
                                             "dovecot-submission -> dovecot:143 allowed",
                                             "a pod of the namespace -> dovecot:143 allowed",
                                             "a pod of another namespace -> dovecot:143 allowed",
                                             "the ingress controller -> dovecot:143 allowed"}));
}

TEST(NetworkPolicies, TwoChartsInOneNamespaceStayApart) {
  const MailuChartConfig config = parityConfig("p02-main-example");
  const ChartNetwork first = network(config, "mailu");
  const ChartNetwork second = network(config, "mailu-two");
  ASSERT_EQ(first.namespaceName, second.namespaceName);
  std::vector<Json> both = first.policies;
  both.insert(both.end(), second.policies.begin(), second.policies.end());
  for (const auto& [component, port] : trustedPorts(first)) {
    for (const auto& [name, pod] : second.pods) {
      EXPECT_FALSE(allowed(both, pod, first.pods.at(component), port)) << "mailu-two " << name << " -> " << component << ":" << port;
    }
  }
  EXPECT_TRUE(allowed(both, first.pods.at("postfix"), first.pods.at("dovecot"), 2525));
}

TEST(NetworkPolicies, EgressReachesOnlyWhatMailuNeeds) {
  MailuChartConfig config = parityConfig("p13-multi-hostnames-postgres");
  config.networkPolicies = NetworkPoliciesConfig{.egress = true};
  const ChartNetwork net = network(config);
  const Endpoint internetMx{"", {}, {}, "203.0.113.25"};
  const Endpoint podNetworkAddress{"", {}, {}, "10.244.3.7"};  // inside the case's subnet 10.244.0.0/16
  const Endpoint kubeDns{"kube-system", {{"k8s-app", "kube-dns"}}};
  const Endpoint otherNamespace{"tenant-b", {{"app", "anything"}}};
  const Endpoint database{"", {}, {}, "192.0.2.10"};
  for (const auto& [name, pod] : net.pods) {
    EXPECT_TRUE(allowed(net.policies, pod, kubeDns, 53, "UDP")) << name;
    EXPECT_TRUE(allowed(net.policies, pod, kubeDns, 53, "TCP")) << name;
    EXPECT_FALSE(allowed(net.policies, pod, kubeDns, 8080)) << name;
    EXPECT_FALSE(allowed(net.policies, pod, otherNamespace, 8080)) << name;
    EXPECT_EQ(allowed(net.policies, pod, internetMx, 25), name == "postfix") << name;
    EXPECT_FALSE(allowed(net.policies, pod, internetMx, 22)) << name;
    // PostgreSQL on the case's port 6432: admin and Roundcube only.
    EXPECT_EQ(allowed(net.policies, pod, database, 6432), name == "admin" || name == "webmail") << name;
  }
  EXPECT_FALSE(allowed(net.policies, net.pods.at("postfix"), podNetworkAddress, 25));
  EXPECT_TRUE(allowed(net.policies, net.pods.at("postfix"), internetMx, 587));
  EXPECT_TRUE(allowed(net.policies, net.pods.at("rspamd"), internetMx, 11335, "UDP"));
}

TEST(NetworkPolicies, ConfiguredPeersReplaceTheDefaults) {
  MailuChartConfig config = parityConfig("p13-multi-hostnames-postgres");
  config.networkPolicies = NetworkPoliciesConfig{
      .egress = true,
      .dns = NetworkPeerConfig{.cidrs = std::vector<std::string>{"169.254.20.10/32"}},
      .database = NetworkPeerConfig{.namespace_ = "db", .podLabels = std::map<std::string, std::string>{{"app", "pg"}}},
      .redis = NetworkPeerConfig{.cidrs = std::vector<std::string>{"192.0.2.0/24"}}};
  const ChartNetwork net = network(config);
  const Endpoint& admin = net.pods.at("admin");
  EXPECT_TRUE(allowed(net.policies, admin, Endpoint{"", {}, {}, "169.254.20.10"}, 53, "UDP"));
  EXPECT_FALSE(allowed(net.policies, admin, Endpoint{"kube-system", {{"k8s-app", "kube-dns"}}}, 53, "UDP"));
  EXPECT_TRUE(allowed(net.policies, admin, Endpoint{"db", {{"app", "pg"}}}, 6432));
  EXPECT_FALSE(allowed(net.policies, admin, Endpoint{"db", {{"app", "other"}}}, 6432));
  EXPECT_FALSE(allowed(net.policies, admin, Endpoint{"", {}, {}, "192.0.2.10"}, 6432));
  EXPECT_TRUE(allowed(net.policies, admin, Endpoint{"", {}, {}, "192.0.2.9"}, 6380));
  EXPECT_FALSE(allowed(net.policies, admin, Endpoint{"", {}, {}, "198.51.100.9"}, 6380));
}

// Oletools and tika parse attachments anyone can send: only their one client
// reaches them, and they reach nothing, not even DNS, whether or not the
// other pods' egress is isolated (as the Helm chart denies theirs).
TEST(NetworkPolicies, OletoolsAndTikaTakeOnlyTheirClientAndReachNothing) {
  MailuChartConfig config = parityConfig("p04-all-components-traefik");
  config.components->oletools = true;
  config.components->tika = true;
  for (const bool egress : {false, true}) {
    config.networkPolicies = NetworkPoliciesConfig{.egress = egress};
    const ChartNetwork net = network(config);
    ASSERT_TRUE(net.pods.contains("oletools") && net.pods.contains("tika"));
    EXPECT_EQ(net.policies.size(), net.pods.size());
    EXPECT_EQ(joined(violations(net, false)), "") << "egress " << egress;
    for (const auto& [name, pod] : net.pods) {
      EXPECT_EQ(allowed(net.policies, pod, net.pods.at("oletools"), 11343), name == "rspamd") << name;
      EXPECT_EQ(allowed(net.policies, pod, net.pods.at("tika"), 9998), name == "dovecot") << name;
    }
    const Endpoint kubeDns{"kube-system", {{"k8s-app", "kube-dns"}}};
    const Endpoint internet{"", {}, {}, "203.0.113.25"};
    for (const char* isolated : {"oletools", "tika"}) {
      const Endpoint& pod = net.pods.at(isolated);
      EXPECT_FALSE(allowed(net.policies, pod, kubeDns, 53, "UDP")) << isolated;
      EXPECT_FALSE(allowed(net.policies, pod, internet, 443)) << isolated;
      EXPECT_FALSE(allowed(net.policies, pod, net.pods.at("admin"), 8080)) << isolated;
    }
    // The others' egress is isolated only when asked.
    EXPECT_EQ(allowed(net.policies, net.pods.at("admin"), internet, 22), !egress);
  }
}

TEST(NetworkPolicies, OffMakesNone) {
  MailuChartConfig config = parityConfig("p04-all-components-traefik");
  config.networkPolicies = NetworkPoliciesConfig{.enabled = false};
  EXPECT_TRUE(network(config).policies.empty());
}

// Several pods of a component, pod labels of the user's and scheduling keys
// change nothing a policy selects or allows (issue 16).
TEST(NetworkPolicies, ReplicasAndPodLabelsKeepEveryFlow) {
  MailuChartConfig config = parityConfig("p04-all-components-traefik");
  const std::map<std::string, std::string> labels = {{"team", "mail"}, {"tier", "backend"}};
  config.workloads = WorkloadsConfig{
      .front = WorkloadConfig{.replicas = 3, .podLabels = labels},
      .dovecot = WorkloadConfig{.podLabels = labels},
      .dovecotSubmission = WorkloadConfig{.replicas = 2},
      .webmail = WorkloadConfig{.nodeSelector = std::map<std::string, std::string>{{"disk", "ssd"}}}};
  const ChartNetwork net = network(config);
  EXPECT_EQ(net.pods.at("front").podLabels.at("team"), "mail");
  EXPECT_EQ(joined(violations(net, false)), "");
  config.networkPolicies = NetworkPoliciesConfig{.ingressController = kIngressControllerPeer, .egress = true};
  EXPECT_EQ(joined(violations(network(config), true)), "");
}

// front.service (issue 16): front's mail ports on a LoadBalancer take the
// internet even when the ingress controller is named, front relays port 25's
// mail to postfix, and nothing else opens; with the PROXY protocol only the
// load balancer reaches the alternate ports. With replicas too.
TEST(NetworkPolicies, ExposedFrontTakesItsClientsAndNobodyElse) {
  MailuChartConfig config = parityConfig("p01-minimal-sqlite");
  config.front = FrontConfig{.service = FrontServiceConfig{.certificateSecret = "mail-tls"}};
  ChartNetwork net = network(config);
  ASSERT_EQ(net.exposed, (std::map<int, int>{{25, 25}, {465, 465}, {587, 587}, {993, 993}, {995, 995}}));
  EXPECT_EQ(joined(violations(net, false)), "");
  EXPECT_TRUE(allowed(net.policies, net.pods.at("front"), net.pods.at("postfix"), 25));
  EXPECT_FALSE(allowed(net.policies, net.pods.at("front"), net.pods.at("dovecot"), 2525)) << "no fetchmail";

  config.networkPolicies = NetworkPoliciesConfig{.ingressController = kIngressControllerPeer, .egress = true};
  EXPECT_EQ(joined(violations(network(config), true)), "") << "controller named";

  config.front->service->ports = std::vector<int>{465, 993};
  net = network(config);
  EXPECT_EQ(net.exposed, (std::map<int, int>{{465, 465}, {993, 993}}));
  EXPECT_EQ(joined(violations(net, true)), "") << "25 not exposed";
  EXPECT_FALSE(allowed(net.policies, net.pods.at("front"), net.pods.at("postfix"), 25));

  config.front->service = FrontServiceConfig{
      .type = ServiceKind::kNodePort,
      .externalTrafficPolicy = TrafficPolicy::kCluster,
      .certificateSecret = "mail-tls",
      .proxyProtocol = FrontProxyProtocolConfig{.trustedFrom = {"192.0.2.1/32"}}};
  config.workloads = WorkloadsConfig{.front = WorkloadConfig{.replicas = 3}};
  net = network(config);
  ASSERT_EQ(net.exposed, (std::map<int, int>{{25, 11025}, {465, 11465}, {587, 11587}, {993, 11993}, {995, 11995}}));
  ASSERT_EQ(net.proxyFrom, std::vector<std::string>{"192.0.2.1/32"});
  EXPECT_EQ(joined(violations(net, true)), "") << "PROXY";
  EXPECT_TRUE(allowed(net.policies, net.pods.at("front"), net.pods.at("postfix"), 25));
  EXPECT_FALSE(allowed(net.policies, Endpoint{"", {}, {}, "192.0.2.1"}, net.pods.at("front"), 25))
      << "the standard 25 stays closed without fetchmail";
  config.networkPolicies.reset();
  EXPECT_EQ(joined(violations(network(config), false)), "") << "PROXY, no controller named";
}

// The exposure checks can fail: a policy opening an alternate port to every
// pod is caught.
TEST(NetworkPolicies, TheCheckFailsOnAnAlternatePortOpenToPods) {
  MailuChartConfig config = parityConfig("p01-minimal-sqlite");
  config.front = FrontConfig{.service = FrontServiceConfig{
                                 .certificateSecret = "mail-tls",
                                 .proxyProtocol = FrontProxyProtocolConfig{.trustedFrom = {"192.0.2.1/32"}}}};
  ChartNetwork net = network(config);
  ASSERT_TRUE(violations(net, false).empty());
  for (Json& policy : net.policies) {
    if (policy.at("metadata").at("labels").at("app.kubernetes.io/component") != "front") continue;
    policy["spec"]["ingress"].push_back(Json::parse(R"({"from": [{"podSelector": {}}],
                                                        "ports": [{"port": 11993, "protocol": "TCP"}]})"));
  }
  const std::vector<std::string> found = violations(net, false);
  EXPECT_NE(std::find(found.begin(), found.end(), "a pod of the namespace -> front:11993 allowed"), found.end())
      << joined(found);
}

}  // namespace
}  // namespace mailu
