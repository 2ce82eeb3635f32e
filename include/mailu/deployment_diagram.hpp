// What a picture of the deployment a MailuChart makes shows (`mailu-synth
// diagram`; mailu/diagram_render.hpp draws it):
// its components, the ways in (Traefik's routes or front.service), every
// connection of the component registry that the chart's switches make, the
// peers outside the chart, and whether the chart's NetworkPolicies let each
// connection through. Everything is read from what the manifests are made of
// (the chart's settings, the registry, the Traefik route table and the
// NetworkPolicy plan); nothing is drawn by hand.
//
// Node ids are stable words ("front", "dovecot-submission", "traefik-smtp",
// "clients", "internet"), so a drawing can be compared between configs. The
// internet is two nodes: the clients who come in, and where the components
// connect out to.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mailu/mailu_chart.hpp"

namespace mailu {

enum class DiagramGroup {
  kClients,  // who comes in: the internet's mail servers and users
  kEdge,     // where they come in: Traefik's entry points, front's own Service
  kMailu,    // the chart's components
  kOutside,  // the internet, the cluster's DNS, PostgreSQL, Redis, the smarthost
};

struct DiagramNode {
  std::string id;
  std::string label;
  DiagramGroup group;
};

// What the NetworkPolicies say about a connection.
enum class DiagramPolicy {
  kAllowed,       // isolated, and a rule lets it through
  kBlocked,       // isolated, and no rule lets it through
  kUnrestricted,  // not isolated that way: no NetworkPolicies, or egress left open
};

struct DiagramEdge {
  std::string from;  // node ids
  std::string to;
  std::vector<int> tcpPorts;  // the ports dialled at `to`
  std::vector<int> udpPorts;
  std::string label;   // the ports and what they carry, short
  std::string detail;  // why: the program and file that connect, or the route's TLS and PROXY
  DiagramPolicy policy = DiagramPolicy::kUnrestricted;  // what the NetworkPolicies do with it
  bool route = false;  // a way in from outside, rather than a connection of the registry
};

struct DeploymentGraph {
  std::vector<DiagramNode> nodes;  // the groups in order, the registry's order within Mailu's
  std::vector<DiagramEdge> edges;  // the ways in first, then each component's connections
  bool networkPolicies = false;    // the chart writes NetworkPolicies
};

// The graph of what `chart` makes. Non-const because the chart hands out
// its components' constructs only so (MailuChart::component); nothing changes.
DeploymentGraph deploymentGraph(MailuChart& chart);

}  // namespace mailu
