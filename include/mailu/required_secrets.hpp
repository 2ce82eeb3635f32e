// The Secrets a chart reads and does not create: what must exist in the
// namespace before `kubectl apply` (secrets are only ever referenced, never
// written into the manifests).
//
// Contract: read off the chart's objects as they synthesize (container
// env secretKeyRef and envFrom secretRef, secret volumes, Ingress tls and
// Traefik route tls), so it lists exactly what the manifests name. Sorted by
// name; a Secret the chart itself makes is not listed.
#pragma once

#include <string>
#include <vector>

#include <cdk8s/chart.hpp>

namespace mailu {

struct RequiredSecret {
  std::string name;
  std::string namespace_;            // where the readers look for it
  std::vector<std::string> keys;     // the keys read, sorted; empty: every key (envFrom)
  std::vector<std::string> readers;  // the containers (by name) and route kinds that read it, sorted
  // Who makes it when the user need not: "cert-manager (ClusterIssuer letsencrypt)"
  // for a TLS Secret of an Ingress with cert-manager's annotation; empty: the user.
  std::string writtenBy;
};

std::vector<RequiredSecret> requiredSecrets(cdk8s::Chart& chart);

// One line per Secret, as `mailu-synth --list-secrets` prints them:
//   mailu/mailu-secret-key: key secret-key (read by admin, front, ...)
std::string describeRequiredSecrets(const std::vector<RequiredSecret>& secrets);

}  // namespace mailu
