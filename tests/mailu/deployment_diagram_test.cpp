// The deployment diagram (mailu/deployment_diagram.hpp). Its graph is held
// against the synthesized manifests, not against the registry it is drawn
// from: the components are the Deployments, and the connections are what the
// manifests' NetworkPolicies let through (the evaluator of
// tests/network_policy_evaluator.hpp), with every peer named and egress
// isolated so that the policies say exactly what the chart expects. Then the
// DOT and mermaid texts must carry the graph's nodes and edges, no more, no
// less, and docs/diagrams/mailu.dot must be examples/mailu.yaml's drawing.
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "file_contents.hpp"
#include "mailu/config_loader.hpp"
#include "mailu/diagram_render.hpp"
#include "deployment_graph.hpp"
#include "network_plan.hpp"
#include "network_policy_evaluator.hpp"

namespace mailu {
namespace {

namespace fs = std::filesystem;
using cdk8s::Json;
using testnet::Endpoint;

const fs::path kRepository = fs::path(TEST_DATA_DIR).parent_path().parent_path();

// Every config the tests know to be good: the public cases, the test
// configs and the examples.
std::vector<fs::path> goodConfigs() {
  std::vector<fs::path> files;
  for (const fs::path& folder : {fs::path(TEST_DATA_DIR) / "parity" / "cases", fs::path(TEST_DATA_DIR) / "configs"}) {
    for (const auto& entry : fs::directory_iterator(folder)) {
      const std::string name = entry.path().filename().string();
      if ((name.starts_with("p") || name.starts_with("x")) && name.ends_with(".json")) files.push_back(entry.path());
    }
  }
  for (const char* example : {"mailu.yaml", "mailu-all-keys.json", "mailu-load-balancer.yaml"}) {
    files.push_back(kRepository / "examples" / example);
  }
  std::sort(files.begin(), files.end());
  return files;
}

// (from, to, port, protocol)
using Hop = std::tuple<std::string, std::string, int, std::string>;

// Where the evaluator's peers outside the chart stand.
const Endpoint kController{"traefik", {{"app", "traefik"}}};
const Endpoint kDns{"kube-system", {{"k8s-app", "kube-dns"}}};
const Endpoint kRedis{"", {{"app", "redis"}}};  // in the chart's namespace (inNamespace)
const Endpoint kInternet{"", {}, {}, "203.0.113.7"};

// The database, named by its address: one of the pod network's, which the
// internet's rules leave out, so what reaches it is the database's rule.
Endpoint databaseIn(const std::string& subnet) { return Endpoint{"", {}, {}, subnet.substr(0, subnet.rfind('.')) + ".10"}; }

Endpoint inNamespace(Endpoint endpoint, const std::string& name) {
  endpoint.namespaceName = name;
  return endpoint;
}

// The config with every NetworkPolicy peer named, each of the three ways a
// peer is named (namespace and pods, pods of the chart's namespace,
// addresses), and egress isolated.
MailuChartConfig withEveryPeerNamed(MailuChartConfig config) {
  NetworkPoliciesConfig& policies = config.networkPolicies.emplace();
  policies.enabled = true;
  policies.egress = true;
  const auto peer = [](const Endpoint& endpoint) {
    return NetworkPeerConfig{.namespace_ = endpoint.namespaceName, .podLabels = endpoint.podLabels, .cidrs = {}};
  };
  policies.ingressController = peer(kController);
  policies.dns = peer(kDns);
  if (config.database.type == DatabaseType::kPostgresql) {
    policies.database = NetworkPeerConfig{.namespace_ = {}, .podLabels = {}, .cidrs = {{*databaseIn(config.subnet).address + "/32"}}};
  }
  policies.redis = NetworkPeerConfig{.namespace_ = {}, .podLabels = kRedis.podLabels, .cidrs = {}};
  return config;
}

struct Manifests {
  std::vector<Json> policies;
  std::map<std::string, Endpoint> pods;  // by component
  std::set<std::pair<int, std::string>> ports;  // every port a policy names
};

Manifests manifestsOf(MailuChart& chart) {
  Manifests manifests;
  for (const Json& object : chart.toJson()) {
    if (object.at("kind") == "Deployment") {
      const Json& labels = object.at("spec").at("template").at("metadata").at("labels");
      manifests.pods[labels.at("app.kubernetes.io/component")] =
          Endpoint{object.at("metadata").at("namespace"), labels.get<testnet::Labels>()};
    }
    if (object.at("kind") != "NetworkPolicy") continue;
    manifests.policies.push_back(object);
    for (const char* direction : {"ingress", "egress"}) {
      for (const Json& rule : object.at("spec").value(direction, Json::array())) {
        for (const Json& port : rule.value("ports", Json::array())) {
          manifests.ports.emplace(port.at("port").get<int>(), port.value("protocol", std::string("TCP")));
        }
      }
    }
  }
  return manifests;
}

// What the manifests let through, between the components and to and from
// the peers outside; the ways in as "in" -> component, from the ingress
// controller, the internet or the load balancer at `balancer`.
std::set<Hop> allowedHops(const Manifests& m, const std::optional<Endpoint>& balancer, const MailuChart& chart) {
  std::set<Hop> hops;
  const std::string& chartNamespace = chart.settings().namespaceName;
  const std::map<std::string, Endpoint> outside{{"dns", kDns},
                                                {"database", databaseIn(chart.config().subnet)},
                                                {"redis", inNamespace(kRedis, chartNamespace)},
                                                {"internet", kInternet}};
  for (const auto& [port, protocol] : m.ports) {
    for (const auto& [from, fromPod] : m.pods) {
      for (const auto& [to, toPod] : m.pods) {
        if (from != to && testnet::allowed(m.policies, fromPod, toPod, port, protocol)) hops.emplace(from, to, port, protocol);
      }
      for (const auto& [name, peer] : outside) {
        if (testnet::allowed(m.policies, fromPod, peer, port, protocol)) hops.emplace(from, name, port, protocol);
      }
      if (testnet::allowed(m.policies, kController, fromPod, port, protocol) ||
          testnet::allowed(m.policies, kInternet, fromPod, port, protocol) ||
          (balancer && testnet::allowed(m.policies, *balancer, fromPod, port, protocol))) {
        hops.emplace("in", from, port, protocol);
      }
    }
  }
  return hops;
}

const DiagramNode& nodeOf(const DeploymentGraph& graph, const std::string& id) {
  for (const DiagramNode& node : graph.nodes) {
    if (node.id == id) return node;
  }
  throw std::runtime_error("no node " + id);
}

// The graph's edges as hops: a way in ends at its component ("in" ->
// component); the smarthost is an address on the internet.
std::set<Hop> graphHops(const DeploymentGraph& graph, DiagramPolicy policy) {
  std::set<Hop> hops;
  for (const DiagramEdge& edge : graph.edges) {
    if (edge.policy != policy) continue;
    if (edge.route && nodeOf(graph, edge.to).group != DiagramGroup::kMailu) continue;  // clients -> Traefik
    const std::string from = edge.route ? "in" : edge.from;
    const std::string to = edge.to == "relay" ? "internet" : edge.to;
    for (int port : edge.tcpPorts) hops.emplace(from, to, port, "TCP");
    for (int port : edge.udpPorts) hops.emplace(from, to, port, "UDP");
  }
  return hops;
}

std::string listed(const std::set<Hop>& hops) {
  std::string text;
  for (const auto& [from, to, port, protocol] : hops) text += "  " + from + " -> " + to + " " + std::to_string(port) + "/" + protocol + "\n";
  return text;
}

std::set<Hop> without(const std::set<Hop>& all, const std::set<Hop>& some) {
  std::set<Hop> rest;
  std::set_difference(all.begin(), all.end(), some.begin(), some.end(), std::inserter(rest, rest.end()));
  return rest;
}

TEST(DeploymentDiagram, ItsComponentsAndConnectionsAreTheManifests) {
  for (const fs::path& file : goodConfigs()) {
    SCOPED_TRACE(file.filename().string());
    cdk8s::App app;
    const MailuChartConfig config = withEveryPeerNamed(loadConfigFile(file));
    MailuChart chart(app, "mailu", config);
    const DeploymentGraph graph = deploymentGraph(chart);
    const Manifests manifests = manifestsOf(chart);
    // front.service with the PROXY protocol: its first network's address.
    std::optional<Endpoint> balancer;
    if (config.front && config.front->service && config.front->service->proxyProtocol) {
      const std::string& cidr = config.front->service->proxyProtocol->trustedFrom.front();
      balancer = Endpoint{"", {}, {}, cidr.substr(0, cidr.find('/'))};
    }

    std::set<std::string> components;
    for (const DiagramNode& node : graph.nodes) {
      if (node.group == DiagramGroup::kMailu) components.insert(node.id);
    }
    std::set<std::string> deployments;
    for (const auto& [component, pod] : manifests.pods) deployments.insert(component);
    EXPECT_EQ(components, deployments);

    const std::set<Hop> drawn = graphHops(graph, DiagramPolicy::kAllowed);
    const std::set<Hop> allowed = allowedHops(manifests, balancer, chart);
    EXPECT_EQ(drawn, allowed) << "drawn, not allowed:\n"
                              << listed(without(drawn, allowed)) << "allowed, not drawn:\n"
                              << listed(without(allowed, drawn));
    // Every peer named and egress isolated: nothing is left open, and a
    // connection the model makes but no policy lets through would show.
    EXPECT_TRUE(graphHops(graph, DiagramPolicy::kUnrestricted).empty()) << listed(graphHops(graph, DiagramPolicy::kUnrestricted));
    EXPECT_TRUE(graphHops(graph, DiagramPolicy::kBlocked).empty()) << listed(graphHops(graph, DiagramPolicy::kBlocked));
  }
}

// Where the evaluator stands for an outside peer the config names, or for
// `fallback` when it names none (then the plan takes any peer).
Endpoint endpointFor(const std::optional<NetworkPeerConfig>& peer, const Endpoint& fallback,
                     const std::string& chartNamespace) {
  if (!peer) return fallback;
  if (peer->cidrs) return Endpoint{"", {}, {}, peer->cidrs->front().substr(0, peer->cidrs->front().find('/'))};
  return Endpoint{peer->namespace_.value_or(chartNamespace), peer->podLabels.value_or(testnet::Labels{})};
}

// Each edge's verdict, held against the evaluator on the config as given:
// allowed and unrestricted edges pass, blocked ones do not, and an
// unrestricted one passes on a port no connection uses too (port 9).
TEST(DeploymentDiagram, EachVerdictIsTheManifestsOwn) {
  std::map<DiagramPolicy, int> checked;  // over the corpus: both verdicts it has are held
  for (const fs::path& file : goodConfigs()) {
    SCOPED_TRACE(file.filename().string());
    cdk8s::App app;
    const MailuChartConfig config = loadConfigFile(file);
    MailuChart chart(app, "mailu", config);
    const DeploymentGraph graph = deploymentGraph(chart);
    const Manifests manifests = manifestsOf(chart);
    const std::string ns = chart.settings().namespaceName;
    const NetworkPoliciesConfig peers = config.networkPolicies.value_or(NetworkPoliciesConfig{});
    std::map<std::string, Endpoint> ends = manifests.pods;
    ends["dns"] = endpointFor(peers.dns, kDns, ns);
    ends["database"] = endpointFor(peers.database, databaseIn(config.subnet), ns);
    ends["redis"] = endpointFor(peers.redis, inNamespace(kRedis, ns), ns);
    ends["internet"] = ends["relay"] = kInternet;
    const Endpoint controller = endpointFor(peers.ingressController, kController, ns);
    ends["ingress-controller"] = controller;
    for (const DiagramNode& node : graph.nodes) {
      if (node.id.starts_with("traefik-")) ends[node.id] = controller;
    }
    ends["front-service"] = kInternet;
    if (config.front && config.front->service && config.front->service->proxyProtocol) {
      const std::string& cidr = config.front->service->proxyProtocol->trustedFrom.front();
      ends["front-service"] = Endpoint{"", {}, {}, cidr.substr(0, cidr.find('/'))};
    }
    for (const DiagramEdge& edge : graph.edges) {
      if (edge.from == "clients") continue;  // outside the cluster: no policy of the chart's applies
      const Endpoint& from = ends.at(edge.from);
      const Endpoint& to = ends.at(edge.to);
      const auto verdict = [&](int port, const std::string& protocol) {
        ++checked[edge.policy];
        const bool allowed = testnet::allowed(manifests.policies, from, to, port, protocol);
        const std::string what = edge.from + " -> " + edge.to + " " + std::to_string(port) + "/" + protocol;
        EXPECT_EQ(allowed, edge.policy != DiagramPolicy::kBlocked) << what;
        if (edge.policy == DiagramPolicy::kUnrestricted) {
          EXPECT_TRUE(testnet::allowed(manifests.policies, from, to, 9, protocol)) << what << " is restricted";
        }
      };
      for (int port : edge.tcpPorts) verdict(port, "TCP");
      for (int port : edge.udpPorts) verdict(port, "UDP");
    }
  }
  EXPECT_GT(checked[DiagramPolicy::kAllowed], 0);
  EXPECT_GT(checked[DiagramPolicy::kUnrestricted], 0);
}

// A connection no policy lets through is drawn blocked: red in both texts.
TEST(DeploymentDiagram, AConnectionThePoliciesDoNotLetThroughIsBlocked) {
  cdk8s::App app;
  MailuChart chart(app, "mailu", loadConfigFile(kRepository / "examples" / "mailu.yaml"));
  std::vector<ComponentNetworkPolicy> policies = planNetworkPolicies(networkPlanInput(chart));
  for (ComponentNetworkPolicy& policy : policies) {
    if (policy.component == "admin") policy.ingress.clear();  // admin takes nobody
  }
  const DeploymentGraph graph = deploymentGraphWith(chart, std::move(policies));
  std::vector<std::size_t> blocked;
  for (std::size_t i = 0; i < graph.edges.size(); ++i) {
    const DiagramEdge& edge = graph.edges[i];
    EXPECT_EQ(edge.policy == DiagramPolicy::kBlocked, edge.to == "admin") << edge.from << " -> " << edge.to;
    if (edge.policy == DiagramPolicy::kBlocked) blocked.push_back(i);
  }
  ASSERT_EQ(blocked.size(), 4u);  // front, postfix, dovecot and rspamd ask admin
  const std::string dot = renderDiagram(graph, DiagramFormat::kDot, "t");
  EXPECT_NE(dot.find(R"x("front" -> "admin" [label="8080 http", tooltip="auth_request)x"), std::string::npos) << dot;
  EXPECT_NE(dot.find("style=dotted, color=red, fontcolor=red];"), std::string::npos) << dot;
  const std::string mermaid = renderDiagram(graph, DiagramFormat::kMermaid, "t");
  EXPECT_NE(mermaid.find("front --x|\"8080 http\"| admin"), std::string::npos) << mermaid;
  for (std::size_t i : blocked) {
    EXPECT_NE(mermaid.find("linkStyle " + std::to_string(i) + " stroke:red,color:red\n"), std::string::npos) << i;
  }
}

TEST(DeploymentDiagram, SaysWhatThePoliciesLeaveOpen) {
  cdk8s::App app;
  MailuChartConfig config = loadConfigFile(kRepository / "examples" / "mailu.yaml");
  config.networkPolicies.emplace().enabled = false;
  MailuChart chart(app, "mailu", config);
  const DeploymentGraph graph = deploymentGraph(chart);
  EXPECT_FALSE(graph.networkPolicies);
  ASSERT_FALSE(graph.edges.empty());
  for (const DiagramEdge& edge : graph.edges) EXPECT_EQ(edge.policy, DiagramPolicy::kUnrestricted) << edge.from << edge.to;

  // Ingress isolated, egress not: into the components allowed, out to the
  // peers outside open.
  cdk8s::App other;
  MailuChartConfig ingressOnly = loadConfigFile(kRepository / "examples" / "mailu.yaml");
  ingressOnly.networkPolicies.emplace().egress = false;
  MailuChart isolated(other, "mailu", ingressOnly);
  for (const DiagramEdge& edge : deploymentGraph(isolated).edges) {
    const bool outside = edge.to == "dns" || edge.to == "database" || edge.to == "redis" || edge.to == "internet";
    const bool fromClients = edge.from == "clients";
    EXPECT_EQ(edge.policy, outside || fromClients ? DiagramPolicy::kUnrestricted : DiagramPolicy::kAllowed)
        << edge.from << " -> " << edge.to;
  }
}

TEST(DeploymentDiagram, WaysInSayWhereTlsEndsAndWhetherProxyIsSent) {
  cdk8s::App app;
  MailuChart chart(app, "mailu", loadConfigFile(kRepository / "examples" / "mailu.yaml"));
  const DeploymentGraph graph = deploymentGraph(chart);
  std::map<std::string, std::string> labels;  // entry point node -> the route's label
  for (const DiagramEdge& edge : graph.edges) {
    if (edge.route && edge.from.starts_with("traefik-")) labels[edge.from] = edge.label;
  }
  EXPECT_EQ(labels.at("traefik-smtp"), "2525 smtp-proxy, no TLS at Traefik, PROXY v2, connection limit");
  EXPECT_EQ(labels.at("traefik-imaps"), "993 imaps, TLS at Traefik, PROXY v2");
  EXPECT_EQ(labels.at("traefik-websecure"), "80 http, TLS at Traefik");
  EXPECT_EQ(nodeOf(graph, "traefik-smtp-submission").label, "Traefik smtp-submission :587");

  // front.service: TLS at front, and with the PROXY protocol front's
  // alternate ports, which take only the load balancer's networks.
  for (const auto& [file, label, service] :
       {std::tuple{kRepository / "examples" / "mailu-load-balancer.yaml", "25 smtp, TLS at front",
                   "front's LoadBalancer Service"},
        std::tuple{fs::path(TEST_DATA_DIR) / "configs" / "x10-front-service-proxy.json", "11025 smtp, TLS at front, PROXY v2",
                   "front's NodePort Service, PROXY from 192.0.2.1/32, 2001:db8:25::1/128"}}) {
    SCOPED_TRACE(file.filename().string());
    cdk8s::App exposedApp;
    MailuChart exposed(exposedApp, "mailu", loadConfigFile(file));
    const DeploymentGraph exposedGraph = deploymentGraph(exposed);
    EXPECT_EQ(nodeOf(exposedGraph, "front-service").group, DiagramGroup::kEdge);
    EXPECT_EQ(nodeOf(exposedGraph, "front-service").label, service);
    EXPECT_EQ(nodeOf(exposedGraph, "clients").label, "clients on the internet");
    std::set<std::string> frontLabels;
    for (const DiagramEdge& edge : exposedGraph.edges) {
      if (edge.from == "front-service") frontLabels.insert(edge.label);
    }
    EXPECT_TRUE(frontLabels.contains(label)) << frontLabels.size();
  }
}

// What a text draws: each node's label and cluster, and each edge as the
// labels of its ends, its own label and its line.
struct DrawnGraph {
  std::map<std::string, std::string> nodes;  // label -> cluster ("" outside any)
  std::multiset<std::tuple<std::string, std::string, std::string, std::string>> edges;
};

// How a text declares its clusters, nodes and edges: each pattern's groups
// are the cluster's id; the node's id and label; the edge's from, to, label
// and line, in the order `edgeGroups` gives.
struct Syntax {
  std::regex cluster;
  std::string clusterEnd;  // the line that closes a cluster
  std::regex node;
  std::regex edge;
  std::array<int, 4> edgeGroups;
};

const Syntax kDotSyntax{std::regex(R"re(^  subgraph cluster_(\w+) \{$)re"), "  }",
                        std::regex(R"re(^ +"([^"]+)" \[label="([^"]*)")re"),
                        std::regex(R"re(^  "([^"]+)" -> "([^"]+)" \[label="([^"]*)", tooltip="[^"]*", style=(\w+))re"),
                        {1, 2, 3, 4}};
const Syntax kMermaidSyntax{std::regex(R"re(^  subgraph (\w+)\[)re"), "  end",
                            std::regex(R"re(^ +(\w+)\["([^"]*)"\]$)re"),
                            std::regex(R"re(^  (\w+) (-->|-\.->|--x)\|"([^"]*)"\| (\w+)$)re"),
                            {1, 4, 3, 2}};

DrawnGraph parse(const std::string& text, const Syntax& syntax) {
  DrawnGraph drawn;
  std::map<std::string, std::string> labels;  // id -> label
  std::vector<std::tuple<std::string, std::string, std::string, std::string>> edges;
  std::string current;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_search(line, match, syntax.cluster)) current = match[1];
    if (line == syntax.clusterEnd) current.clear();
    if (std::regex_search(line, match, syntax.edge)) {
      const auto& [from, to, label, style] = syntax.edgeGroups;
      edges.emplace_back(match[from], match[to], match[label], match[style]);
    } else if (std::regex_search(line, match, syntax.node)) {
      labels[match[1]] = match[2];
      drawn.nodes[match[2]] = current;
    }
  }
  for (const auto& [from, to, label, line] : edges) drawn.edges.emplace(labels.at(from), labels.at(to), label, line);
  return drawn;
}

// The texts' contract: a cluster per group (the clients in none), and a
// line per verdict.
const std::map<DiagramGroup, std::string> kClusters{
    {DiagramGroup::kClients, ""}, {DiagramGroup::kEdge, "ways_in"}, {DiagramGroup::kMailu, "mailu"},
    {DiagramGroup::kOutside, "outside"}};
const std::map<DiagramPolicy, std::string> kDotLines{
    {DiagramPolicy::kAllowed, "solid"}, {DiagramPolicy::kUnrestricted, "dashed"}, {DiagramPolicy::kBlocked, "dotted"}};
const std::map<DiagramPolicy, std::string> kMermaidLines{
    {DiagramPolicy::kAllowed, "-->"}, {DiagramPolicy::kUnrestricted, "-.->"}, {DiagramPolicy::kBlocked, "--x"}};

DrawnGraph expectedDrawing(const DeploymentGraph& graph, const std::map<DiagramPolicy, std::string>& lines) {
  DrawnGraph expected;
  for (const DiagramNode& node : graph.nodes) expected.nodes[node.label] = kClusters.at(node.group);
  for (const DiagramEdge& edge : graph.edges) {
    expected.edges.emplace(nodeOf(graph, edge.from).label, nodeOf(graph, edge.to).label, edge.label, lines.at(edge.policy));
  }
  return expected;
}

TEST(DeploymentDiagram, DotAndMermaidDrawEveryNodeAndEdgeOnce) {
  for (const fs::path& file : goodConfigs()) {
    SCOPED_TRACE(file.filename().string());
    cdk8s::App app;
    MailuChart chart(app, "mailu", loadConfigFile(file));
    const DeploymentGraph graph = deploymentGraph(chart);
    std::set<std::string> labels;  // the labels tell the nodes apart, so the texts can be read by them
    for (const DiagramNode& node : graph.nodes) EXPECT_TRUE(labels.insert(node.label).second) << node.label;
    const DrawnGraph dot = parse(renderDiagram(graph, DiagramFormat::kDot, "t"), kDotSyntax);
    const DrawnGraph expectedDot = expectedDrawing(graph, kDotLines);
    EXPECT_EQ(dot.nodes, expectedDot.nodes);
    EXPECT_EQ(dot.edges, expectedDot.edges);
    const DrawnGraph mermaid = parse(renderDiagram(graph, DiagramFormat::kMermaid, "t"), kMermaidSyntax);
    const DrawnGraph expectedMermaid = expectedDrawing(graph, kMermaidLines);
    EXPECT_EQ(mermaid.nodes, expectedMermaid.nodes);
    EXPECT_EQ(mermaid.edges, expectedMermaid.edges);
  }
}

TEST(DeploymentDiagram, TextsEscapeWhatTheirSyntaxReserves) {
  DeploymentGraph graph;
  graph.nodes.push_back({"a", "say \"hi\"\\", DiagramGroup::kMailu});
  graph.nodes.push_back({"b-c", "b", DiagramGroup::kOutside});
  graph.edges.push_back({.from = "a", .to = "b-c", .tcpPorts = {1}, .label = "x \"y\"", .detail = "d\""});
  const std::string dot = renderDiagram(graph, DiagramFormat::kDot, "T \"q\"");
  EXPECT_NE(dot.find(R"x("a" [label="say \"hi\"\\")x"), std::string::npos) << dot;
  EXPECT_NE(dot.find(R"x(label="x \"y\"", tooltip="d\"")x"), std::string::npos) << dot;
  const std::string mermaid = renderDiagram(graph, DiagramFormat::kMermaid, "T");
  EXPECT_NE(mermaid.find(R"x(a -.->|"x #quot;y#quot;"| b_c)x"), std::string::npos) << mermaid;
}

// docs/architecture.md shows docs/diagrams/mailu.svg, rendered by `make docs`
// from docs/diagrams/mailu.dot, which must be examples/mailu.yaml's drawing.
// UPDATE_DOCS=1 rewrites the DOT file (then run `make docs` for the SVG).
TEST(DeploymentDiagram, TheDocsPictureIsTheExamplesDrawing) {
  const fs::path committed = kRepository / "docs" / "diagrams" / "mailu.dot";
  cdk8s::App app;
  MailuChartConfig config = loadConfigFile(kRepository / "examples" / "mailu.yaml");
  const std::string title = "Mailu for " + config.domain;
  MailuChart chart(app, "mailu", std::move(config));
  const std::string drawn = renderDiagram(deploymentGraph(chart), DiagramFormat::kDot, title);
  if (std::getenv("UPDATE_DOCS") != nullptr && (!fs::exists(committed) || testdata::readFile(committed) != drawn)) {
    fs::create_directories(committed.parent_path());
    std::ofstream(committed, std::ios::binary) << drawn;
    GTEST_SKIP() << "rewrote " << committed << "; run make docs for the SVG";
  }
  ASSERT_TRUE(fs::exists(committed)) << committed;
  EXPECT_EQ(testdata::readFile(committed), drawn) << "docs/diagrams/mailu.dot is behind: run with UPDATE_DOCS=1, then make docs";
}

}  // namespace
}  // namespace mailu
