// Container probes. A probe checks an HTTP path, a TCP port or a command;
// without a port it uses the container's port, then 80. failureThreshold
// defaults to 3 and is always written; the timings are written when set.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <cdk8s/json.hpp>

namespace cdk8s::plus {

struct ProbeOptions {
  std::optional<int> failureThreshold = {};  // default 3
  std::optional<int> initialDelaySeconds = {};
  std::optional<int> periodSeconds = {};
  std::optional<int> timeoutSeconds = {};
  std::optional<int> successThreshold = {};
  // HTTP and TCP probes: default the container's port, then 80.
  std::optional<int> port = {};
  // HTTP probes: default "HTTP".
  std::string scheme = "HTTP";
};

class Probe {
 public:
  static Probe fromHttpGet(std::string path, ProbeOptions options = {});
  static Probe fromTcpSocket(ProbeOptions options = {});
  static Probe fromCommand(std::vector<std::string> command, ProbeOptions options = {});

  // `containerPort` is the port of the container the probe belongs to, if any.
  Json toJson(std::optional<int> containerPort) const;

 private:
  enum class Kind { kHttpGet, kTcpSocket, kCommand };
  Probe(Kind kind, ProbeOptions options) : kind_(kind), options_(std::move(options)) {}

  Kind kind_;
  ProbeOptions options_;
  std::string path_;
  std::vector<std::string> command_;
};

}  // namespace cdk8s::plus
