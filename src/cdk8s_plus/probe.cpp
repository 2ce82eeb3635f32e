#include "cdk8s_plus/probe.hpp"

namespace cdk8s::plus {

Probe Probe::fromHttpGet(std::string path, ProbeOptions options) {
  Probe probe(Kind::kHttpGet, std::move(options));
  probe.path_ = std::move(path);
  return probe;
}

Probe Probe::fromTcpSocket(ProbeOptions options) { return Probe(Kind::kTcpSocket, std::move(options)); }

Probe Probe::fromCommand(std::vector<std::string> command, ProbeOptions options) {
  Probe probe(Kind::kCommand, std::move(options));
  probe.command_ = std::move(command);
  return probe;
}

Json Probe::toJson(std::optional<int> containerPort) const {
  constexpr int kDefaultPort = 80;
  const int port = options_.port.value_or(containerPort.value_or(kDefaultPort));
  Json out = Json::object();
  out["failureThreshold"] = options_.failureThreshold.value_or(3);
  if (options_.initialDelaySeconds) out["initialDelaySeconds"] = *options_.initialDelaySeconds;
  if (options_.periodSeconds) out["periodSeconds"] = *options_.periodSeconds;
  if (options_.successThreshold) out["successThreshold"] = *options_.successThreshold;
  if (options_.timeoutSeconds) out["timeoutSeconds"] = *options_.timeoutSeconds;
  switch (kind_) {
    case Kind::kHttpGet: {
      Json& action = out["httpGet"];
      action["path"] = path_;
      action["port"] = port;
      action["scheme"] = options_.scheme;
      break;
    }
    case Kind::kTcpSocket:
      out["tcpSocket"]["port"] = port;
      break;
    case Kind::kCommand:
      out["exec"]["command"] = command_;
      break;
  }
  return out;
}

}  // namespace cdk8s::plus
