// Turns the component registry into NetworkPolicy rules (D15, docs/network.md).
//
// Ingress, per component: each listener its Service carries takes the pods of
// the components whose connections name it, and nothing else; the entry
// points (Entry in the registry) also take the ingress controller, or any
// source when none is named; front's ports behind front.service take their
// clients from outside (the internet, that is not `subnet`, or the load
// balancer's networks when it sends the PROXY protocol) whatever the
// controller. Egress, when asked: the same connections from
// the client's side, the cluster resolver, the database and Redis, and the
// internet (anything outside `subnet`) on the ports the registry lists.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mailu/component_registry.hpp"
#include "mailu/config.hpp"
#include "mailu/constructs/network_policies.hpp"

namespace mailu {

struct NetworkPlanInput {
  std::map<Component, cdk8s::plus::Labels> pods;  // the running components and their pods' labels
  ListenerSwitches switches;
  NetworkPoliciesConfig config;     // the peers as given; their defaults are applied here
  std::string subnet;               // the pod network, which "the internet" leaves out
  std::optional<int> databasePort;  // PostgreSQL's, when the database is PostgreSQL
  int redisPort = 0;                // the chart sets it: ChartSettings::redisPort
  std::optional<int> relayPort;     // the smarthost's, when postfix relays through one
  // front.service: front's listeners the exposing Service sends to, which
  // take the internet, or with the PROXY protocol only the load balancer's
  // networks (`exposedFrom`, its trustedFrom).
  std::vector<int> exposedFrontPorts;
  std::vector<std::string> exposedFrom;  // empty: the internet
};

class MailuChart;

// What `chart`'s NetworkPolicies are planned from: its components' pods, its
// switches and peers. The chart calls it once its components are made.
NetworkPlanInput networkPlanInput(MailuChart& chart);

// The peers the plan's rules name for the ends outside the chart (none: any
// peer): the ingress controller at the entry points; front.service's clients
// (the internet, or the load balancer's networks); the outside peers of the
// connections.
std::vector<cdk8s::plus::NetworkPolicyPeer> controllerPeers(const NetworkPlanInput& input);
std::vector<cdk8s::plus::NetworkPolicyPeer> exposureClientPeers(const NetworkPlanInput& input);
std::vector<cdk8s::plus::NetworkPolicyPeer> outsidePeers(Outside peer, const NetworkPlanInput& input);

// In the registry's order, one per running component.
std::vector<ComponentNetworkPolicy> planNetworkPolicies(const NetworkPlanInput& input);

}  // namespace mailu
