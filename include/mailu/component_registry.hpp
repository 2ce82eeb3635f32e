// The Mailu components as data: for each, its config keys, image, defaults,
// the ports it listens on and the connections it makes. Services, the
// service-discovery variables, the NetworkPolicies and docs/network.md read
// this table; adding a component is one entry here plus its construct file.
//
// Every listener and connection names the Mailu 2024.06.57 file that opens
// or makes it (paths in github.com/Mailu/Mailu), or this chart's own file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mailu/config.hpp"

namespace mailu {

enum class Component {
  kFront,
  kAdmin,
  kPostfix,
  kDovecot,
  kDovecotSubmission,
  kRspamd,
  kWebmail,
  kClamav,
  kFetchmail,
  kWebdav,
  kOletools,
  kTika,
};

struct ResourceDefaults {
  std::string_view cpuRequest;
  std::string_view memoryRequest;
  std::string_view cpuLimit;
  std::string_view memoryLimit;
};

// When a listener is a port of the component's Service.
enum class OnService {
  kAlways,
  kWithFetchmail,       // front's 25 and 2525, where fetchmail delivers (D21)
  kWithProxyProtocol,   // postfix's PROXY listener (D14)
  kWithFrontSmtp,       // front takes SMTP on 25: fetchmail's delivery, or front.service exposes it
};

// Whether clients from outside the chart reach the listener: the ports an
// ingress routes to. Everything else only takes the chart's own pods.
enum class Entry {
  kNone,
  kPublic,                     // front's web and mail ports
  kPublicWithProxyProtocol,    // postfix 2525: Traefik's port 25 with the PROXY protocol
  // postfix 25: Traefik's port 25 without it. Only with the chart's mail
  // routes: postfix relays for anything in `subnet`, so nothing else opens it.
  kPublicWithoutProxyProtocol,
};

struct Listener {
  std::string_view name;  // the Service port's name
  int port;
  std::string_view serves;
  // The file that opens the port; empty when nothing does (a Service port
  // kept for the reference's names, which no policy opens).
  std::string_view openedBy;
  OnService onService = OnService::kAlways;
  Entry entry = Entry::kNone;
};

// Peers outside the chart's pods.
enum class Outside {
  kDns,       // the cluster resolver, UDP and TCP 53
  kDatabase,  // PostgreSQL, host and port from `database.postgresql`
  kRedis,     // host and port from `redis`
  kInternet,  // public addresses, on `ports`
  kRelay,     // the smarthost outside `subnet`, port from `relay` (when it has a host)
};

struct Connection {
  // Either a component of the chart (its listener `ports`) or an outside peer.
  std::optional<Component> to;
  std::optional<Outside> outside;
  std::vector<int> ports;      // TCP; empty for kDatabase, kRedis, kRelay (the config gives their ports)
  std::string_view variable;   // how the client finds the peer
  std::string_view why;        // the program and file that connect
  std::vector<int> udpPorts = {};
  OnService when = OnService::kAlways;  // the switch that makes the connection happen
};

// A service-discovery variable: the address of `target`'s Service, in the
// shared ConfigMap or, with `reader`, in that container alone (after the
// shared ones, where it wins).
struct AddressVariable {
  std::string_view name;
  Component target;
  std::optional<Component> reader = {};  // none: the shared ConfigMap
  bool fullName = true;                  // "<service>.<namespace>.svc.cluster.local", else the Service name
  std::string_view why = {};
};

// How many pods of a component may run at once (workloads.<key>.replicas).
enum class Scaling {
  kOne,                 // one: `why` says what a second pod would break
  kMany,                // any number: the pods keep nothing of their own
};

struct ReplicaSupport {
  Scaling scaling = Scaling::kOne;
  std::string_view why = {};  // completes "<component> runs one pod: ..."
};

// What `security.hardened` gives a component's container (docs/configuration.md
// "security"): capabilities drop ALL, then `capabilities` are added back; a
// read-only root filesystem where the image writes only to paths an emptyDir
// can take. Read from each image's start script and daemons (Mailu files
// cited in `why`), not proven against running images.
struct Capability {
  std::string_view name;  // as Kubernetes spells it: no CAP_ prefix
  std::string_view why;   // the program that uses it and the file that shows it
};

// A path the image writes at start or at run time, an emptyDir when the
// root filesystem is read-only. Paths the construct already mounts (a claim,
// a ConfigMap) are not listed.
struct WritablePath {
  std::string_view path;
  std::string_view why;
};

struct Hardening {
  std::vector<Capability> capabilities = {};
  bool readOnlyRootFilesystem = false;
  std::string_view rootFilesystemWhy = {};  // why it can, or cannot, be read-only
  std::vector<WritablePath> emptyDirs = {};  // only with readOnlyRootFilesystem
  // The user and group the container runs as; unset: the image's (root for
  // Mailu's images, which drop privileges themselves).
  std::optional<long> runAsUser = {};
  std::optional<long> runAsGroup = {};
  std::string_view userWhy = {};
};

struct ComponentSpec {
  Component id;
  std::string_view key;     // in the config: components.<key>, resources.<key>, storage.<key>
  std::string_view name;    // labels, container and construct: "dovecot-submission"
  std::string_view image;   // Mailu image name under images.registry; empty: `fixedImage`
  std::string_view fixedImage = {};
  bool enabledByDefault;
  // The config fields behind those keys.
  std::optional<bool> ComponentsConfig::*enabledKey;  // null: cannot be disabled
  std::optional<ResourceRequirements> ResourcesConfig::*resourcesKey;
  HeapOptional<WorkloadConfig> WorkloadsConfig::*workloadKey;
  std::optional<ComponentStorageConfig> StorageConfig::*storageKey = nullptr;  // null: no claim
  ResourceDefaults resources;       // seed "Component Specifications" (D3, D4)
  std::string_view storageSize = {};     // empty: no claim
  ReplicaSupport replicas = {};
  // The only CPU architecture its image is built for ("amd64"); empty: the
  // usual ones. Its pods get a nodeSelector and a toleration for it.
  std::string_view onlyArchitecture = {};
  Hardening hardening = {};              // security.hardened
  std::vector<Listener> listeners = {};  // in the Service's port order
  std::vector<Connection> connections;
  // Shared settings that only make sense with this component running.
  std::vector<std::pair<std::string_view, std::string_view>> sharedSettings = {};
};

// The chart-wide switches that add conditional listeners.
struct ListenerSwitches {
  bool fetchmail = false;      // fetchmail runs and delivers to front (D21)
  bool mailRoutes = false;     // the chart's Traefik routes the mail ports (IngressRouteTCPs)
  bool proxyProtocol = false;  // Traefik sends the PROXY protocol (D14)
  bool exposedSmtp = false;    // front.service exposes port 25: front relays it to postfix
};

// Whether the listener is on the component's Service with these switches.
bool onService(const Listener& listener, ListenerSwitches switches);

// Whether the listener is on the Service with these switches and a program
// serves it: a port the NetworkPolicies may open.
bool isServed(const Listener& listener, ListenerSwitches switches);

// Whether the connection is made with these switches.
bool isMade(const Connection& connection, ListenerSwitches switches);

// Whether clients outside the chart (the ingress controller) may connect.
bool isEntryPoint(const Listener& listener, ListenerSwitches switches);

// front.service: a mail port that a NodePort or LoadBalancer Service of
// front's exposes. Front ends TLS itself then (TLS_FLAVOR=mail), as Mailu
// does without an ingress.
struct ExposedMailPort {
  std::string_view name;      // the Service port's name
  int port;                   // the clients' port, and front's listener for it without the PROXY protocol
  int proxyPort;              // front's listener that takes the PROXY protocol (front.service.proxyProtocol)
  std::string_view serves;
  std::string_view openedBy;  // the Mailu file that opens `port` with TLS at front
};

// In the Service's port order.
const std::vector<ExposedMailPort>& exposedMailPorts();

// Every component, in the order the chart makes them.
const std::vector<ComponentSpec>& mailuComponents();
const ComponentSpec& componentSpec(Component component);

// Whether the component runs with these `components` switches.
bool isEnabled(const std::optional<ComponentsConfig>& components, Component component);

// The emptyDir volume name for a hardening path: the path without its
// leading '/', with '/' and '.' as '-' ("/var/lib/dovecot" -> "var-lib-dovecot").
std::string emptyDirVolumeName(std::string_view path);

// The service-discovery variables, in the order each container receives them.
const std::vector<AddressVariable>& addressVariables();
bool isAddressVariable(std::string_view name);

// The variables constructs give a container themselves, besides the shared
// ConfigMap and the addresses: secrets by reference and per-container
// switches (a test checks every synthesized container against this list).
const std::vector<std::string_view>& containerVariables();
bool isContainerVariable(std::string_view name);

// The Mailu variables the chart writes into the shared ConfigMap, each with
// the config key that owns it ("RELAYHOST" is relay.host's): extraEnv may
// not set them even when the config leaves the key out, or it would pass
// around the key's checks. A test checks every synthesized ConfigMap
// against this list.
struct OwnedVariable {
  std::string_view name;
  // configVariables: the config key to set instead, or "the chart ..." for
  // fixed ones; trustVariables: what setting it would open.
  std::string_view key;
};
const std::vector<OwnedVariable>& configVariables();

// Mailu variables the chart never writes that widen whom Mailu trusts
// (SUBNET6 joins postfix's mynetworks, core/postfix/conf/main.cf): refused
// in extraEnv, with why.
const std::vector<OwnedVariable>& trustVariables();

// A label the chart sets on every component's pods (app.kubernetes.io/name,
// app.kubernetes.io/component) or cdk8s's selector label (cdk8s.io/...):
// Services, Deployments and NetworkPolicies select pods by them.
bool isChartPodLabel(std::string_view key);

}  // namespace mailu
