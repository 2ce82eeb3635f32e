#include "mailu/config.hpp"

#include <fmt/format.h>

#include "mailu/config_error.hpp"
#include "problem_wording.hpp"
#include "value_formats.hpp"

namespace mailu {

std::string_view toString(DatabaseType value) {
  switch (value) {
    case DatabaseType::kSqlite:
      return "sqlite";
    case DatabaseType::kPostgresql:
      return "postgresql";
  }
  return "sqlite";
}

std::string_view toString(InitialAccountMode value) {
  switch (value) {
    case InitialAccountMode::kCreate:
      return "create";
    case InitialAccountMode::kUpdate:
      return "update";
    case InitialAccountMode::kIfMissing:
      return "ifmissing";
  }
  return "update";
}

std::string_view toString(WebmailType value) {
  switch (value) {
    case WebmailType::kRoundcube:
      return "roundcube";
    case WebmailType::kSnappymail:
      return "snappymail";
  }
  return "roundcube";
}

std::string_view toString(PullPolicy value) {
  switch (value) {
    case PullPolicy::kAlways:
      return "Always";
    case PullPolicy::kIfNotPresent:
      return "IfNotPresent";
    case PullPolicy::kNever:
      return "Never";
  }
  return "IfNotPresent";
}

std::string_view toString(IngressType value) {
  switch (value) {
    case IngressType::kTraefik:
      return "traefik";
    case IngressType::kNginx:
      return "nginx";
    case IngressType::kNone:
      return "none";
  }
  return "none";
}

std::string_view toString(ServiceKind value) {
  switch (value) {
    case ServiceKind::kClusterIp:
      return "ClusterIP";
    case ServiceKind::kNodePort:
      return "NodePort";
    case ServiceKind::kLoadBalancer:
      return "LoadBalancer";
  }
  return "ClusterIP";
}

std::string_view toString(TrafficPolicy value) { return value == TrafficPolicy::kLocal ? "Local" : "Cluster"; }

std::string memoryToMi(std::string_view memory) {
  const auto mebibytes = validation::wholeMebibytes(memory);
  if (!mebibytes) {
    throw ConfigError(
        {ConfigProblem{"", "memory must be a whole number of Mi, at least 1Mi", validation::describeString(memory)}});
  }
  return fmt::format("{}Mi", *mebibytes);
}

}  // namespace mailu
