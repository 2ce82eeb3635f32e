// A container of a pod, with the defaults of cdk8s-plus:
// - imagePullPolicy Always;
// - security context: not privileged, no privilege escalation, must run as
//   non-root, read-only root filesystem (each can be turned off);
// - a port given as `portNumber` gets a TCP startup probe on it;
// - resources: cdk8s-plus's generic 1000m/1500m CPU and 512Mi/2048Mi memory
//   unless `resources` is given. CPU is written as given ("250m", "0.5"),
//   memory in whole Mi.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <cdk8s/json.hpp>
#include <cdk8s/size.hpp>
#include <cdk8s_plus/env.hpp>
#include <cdk8s_plus/probe.hpp>
#include <cdk8s_plus/volume.hpp>

namespace cdk8s::plus {

enum class ImagePullPolicy { kAlways, kIfNotPresent, kNever };
enum class Protocol { kTcp, kUdp, kSctp };

const char* toString(ImagePullPolicy policy);
const char* toString(Protocol protocol);

// A CPU quantity: Cpu::millis(250) is "250m", Cpu::units(0.5) is "0.5".
class Cpu {
 public:
  static Cpu millis(long amount);
  static Cpu units(double amount);
  const std::string& amount() const { return amount_; }

 private:
  explicit Cpu(std::string amount) : amount_(std::move(amount)) {}
  std::string amount_;
};

struct CpuResources {
  std::optional<Cpu> request = {};
  std::optional<Cpu> limit = {};
};

struct MemoryResources {
  std::optional<Size> request = {};
  std::optional<Size> limit = {};
};

struct ContainerResources {
  CpuResources cpu = {};
  MemoryResources memory = {};
};

struct ContainerSecurityContextProps {
  // Default true: runAsNonRoot.
  bool ensureNonRoot = true;
  // Default false.
  bool privileged = false;
  // Default true.
  bool readOnlyRootFilesystem = true;
  // Default false.
  bool allowPrivilegeEscalation = false;
  // Default: the image's.
  std::optional<long> user = {};
  std::optional<long> group = {};
  // Linux capabilities removed from the runtime's default set. Default: none.
  std::vector<std::string> dropCapabilities = {};
  // Linux capabilities added to it (after the drops: with "ALL" dropped, the
  // only ones the container has). Default: none.
  std::vector<std::string> addCapabilities = {};
  // seccompProfile.type ("RuntimeDefault", "Unconfined"). Default: none written, the kubelet's choice.
  std::optional<std::string> seccompProfileType = {};
};

struct ContainerPort {
  int number = 0;
  std::optional<std::string> name = {};
  std::optional<Protocol> protocol = {};
};

struct ContainerProps {
  // Default "main".
  std::string name = "main";
  std::string image;
  // Default Always.
  ImagePullPolicy imagePullPolicy = ImagePullPolicy::kAlways;
  // The main port; also gives the default startup probe.
  std::optional<int> portNumber = {};
  // Further ports.
  std::vector<ContainerPort> ports = {};
  std::optional<std::vector<std::string>> command = {};
  std::optional<std::vector<std::string>> args = {};
  std::optional<std::string> workingDir = {};
  std::optional<ContainerResources> resources = {};
  ContainerSecurityContextProps securityContext = {};
  std::optional<Probe> liveness = {};
  std::optional<Probe> readiness = {};
  // Default: a TCP probe on portNumber when there is one.
  std::optional<Probe> startup = {};
};

struct MountOptions {
  std::optional<bool> readOnly = {};
  std::optional<std::string> subPath = {};
};

class Container {
 public:
  explicit Container(ContainerProps props);

  const std::string& name() const { return props_.name; }
  const std::optional<int>& portNumber() const { return props_.portNumber; }
  Env& env() { return env_; }

  void addPort(ContainerPort port);
  void mount(std::string path, const Volume& volume, MountOptions options = {});
  // The volumes the mounts use, in mount order.
  const std::vector<Volume>& mountedVolumes() const { return volumes_; }

  Json toJson() const;

 private:
  struct Mount {
    std::string path;
    std::string volumeName;
    MountOptions options;
  };

  ContainerProps props_;
  std::vector<ContainerPort> ports_;
  std::vector<Mount> mounts_;
  std::vector<Volume> volumes_;
  Env env_;
};

}  // namespace cdk8s::plus
