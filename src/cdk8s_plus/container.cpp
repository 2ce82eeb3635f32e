#include "cdk8s_plus/container.hpp"

#include <stdexcept>

#include "cdk8s/js_number.hpp"

namespace cdk8s::plus {

const char* toString(ImagePullPolicy policy) {
  switch (policy) {
    case ImagePullPolicy::kAlways:
      return "Always";
    case ImagePullPolicy::kIfNotPresent:
      return "IfNotPresent";
    case ImagePullPolicy::kNever:
      return "Never";
  }
  return "";
}

const char* toString(Protocol protocol) {
  switch (protocol) {
    case Protocol::kTcp:
      return "TCP";
    case Protocol::kUdp:
      return "UDP";
    case Protocol::kSctp:
      return "SCTP";
  }
  return "";
}

Cpu Cpu::millis(long amount) { return Cpu(std::to_string(amount) + "m"); }

Cpu Cpu::units(double amount) { return Cpu(formatJsNumber(amount)); }

Container::Container(ContainerProps props) : props_(std::move(props)) {
  if (!props_.startup && props_.portNumber) {
    props_.startup = Probe::fromTcpSocket({.port = *props_.portNumber});
  }
  if (!props_.resources) {
    props_.resources = ContainerResources{
        .cpu = {.request = Cpu::millis(1000), .limit = Cpu::millis(1500)},
        .memory = {.request = Size::mebibytes(512), .limit = Size::mebibytes(2048)},
    };
  }
  if (props_.portNumber) addPort({.number = *props_.portNumber});
  for (const ContainerPort& port : props_.ports) addPort(port);
}

void Container::addPort(ContainerPort port) {
  const Protocol protocol = port.protocol.value_or(Protocol::kTcp);
  for (const ContainerPort& existing : ports_) {
    if (port.name && existing.name == port.name) {
      throw std::invalid_argument("Port with name " + *port.name + " already exists");
    }
    if (existing.number == port.number && existing.protocol.value_or(Protocol::kTcp) == protocol) {
      throw std::invalid_argument("Port with number " + std::to_string(port.number) + " and protocol " +
                                  toString(protocol) + " already exists");
    }
  }
  ports_.push_back(std::move(port));
}

void Container::mount(std::string path, const Volume& volume, MountOptions options) {
  mounts_.push_back({std::move(path), volume.name(), std::move(options)});
  for (const Volume& known : volumes_) {
    if (known.name() == volume.name()) return;
  }
  volumes_.push_back(volume);
}

Json Container::toJson() const {
  // Built member by member: initializer lists copy every element they hold.
  Json out = Json::object();
  out["name"] = props_.name;
  out["image"] = props_.image;
  out["imagePullPolicy"] = toString(props_.imagePullPolicy);

  if (!ports_.empty()) {
    Json ports = Json::array();
    for (const ContainerPort& port : ports_) {
      Json entry = Json::object();
      entry["containerPort"] = port.number;
      if (port.protocol) entry["protocol"] = toString(*port.protocol);
      if (port.name) entry["name"] = *port.name;
      ports.push_back(std::move(entry));
    }
    out["ports"] = std::move(ports);
  }
  if (!mounts_.empty()) {
    Json mounts = Json::array();
    for (const Mount& mount : mounts_) {
      Json entry = Json::object();
      entry["name"] = mount.volumeName;
      entry["mountPath"] = mount.path;
      if (mount.options.readOnly) entry["readOnly"] = *mount.options.readOnly;
      if (mount.options.subPath) entry["subPath"] = *mount.options.subPath;
      mounts.push_back(std::move(entry));
    }
    out["volumeMounts"] = std::move(mounts);
  }
  if (props_.command) out["command"] = *props_.command;
  if (props_.args) out["args"] = *props_.args;
  if (props_.workingDir) out["workingDir"] = *props_.workingDir;
  if (Json env = env_.variablesJson(); !env.is_null()) out["env"] = std::move(env);
  if (Json sources = env_.sourcesJson(); !sources.is_null()) out["envFrom"] = std::move(sources);
  if (props_.readiness) out["readinessProbe"] = props_.readiness->toJson(props_.portNumber);
  if (props_.liveness) out["livenessProbe"] = props_.liveness->toJson(props_.portNumber);
  if (props_.startup) out["startupProbe"] = props_.startup->toJson(props_.portNumber);

  const ContainerResources& resources = *props_.resources;
  Json limits = Json::object();
  Json requests = Json::object();
  if (resources.cpu.limit) limits["cpu"] = resources.cpu.limit->amount();
  if (resources.memory.limit) limits["memory"] = formatJsNumber(resources.memory.limit->toMebibytes()) + "Mi";
  if (resources.cpu.request) requests["cpu"] = resources.cpu.request->amount();
  if (resources.memory.request) requests["memory"] = formatJsNumber(resources.memory.request->toMebibytes()) + "Mi";
  if (!limits.empty() || !requests.empty()) {
    Json requirements = Json::object();
    if (!limits.empty()) requirements["limits"] = std::move(limits);
    if (!requests.empty()) requirements["requests"] = std::move(requests);
    out["resources"] = std::move(requirements);
  }

  const ContainerSecurityContextProps& security = props_.securityContext;
  Json context = Json::object();
  context["runAsNonRoot"] = security.ensureNonRoot;
  context["privileged"] = security.privileged;
  context["readOnlyRootFilesystem"] = security.readOnlyRootFilesystem;
  context["allowPrivilegeEscalation"] = security.allowPrivilegeEscalation;
  if (security.user) context["runAsUser"] = *security.user;
  if (security.group) context["runAsGroup"] = *security.group;
  if (!security.dropCapabilities.empty() || !security.addCapabilities.empty()) {
    // The API's field order: add, then drop.
    Json capabilities = Json::object();
    if (!security.addCapabilities.empty()) capabilities["add"] = Json(security.addCapabilities);
    if (!security.dropCapabilities.empty()) capabilities["drop"] = Json(security.dropCapabilities);
    context["capabilities"] = std::move(capabilities);
  }
  if (security.seccompProfileType) context["seccompProfile"] = jsonObject("type", *security.seccompProfileType);
  out["securityContext"] = std::move(context);
  return out;
}

}  // namespace cdk8s::plus
