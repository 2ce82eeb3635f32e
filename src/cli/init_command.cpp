#include "init_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ostream>
#include <vector>

#include <fmt/format.h>

#include "cdk8s/file_output.hpp"
#include "mailu/config_error.hpp"
#include "mailu/config_loader.hpp"
#include "synth_command.hpp"
#include "termination_signals.hpp"

namespace mailu::cli {
namespace {

constexpr std::string_view kProgram = "mailu-synth";

// Only what a DNS name can hold reaches the template, so no value can change
// the YAML around it; the loader's own rules then judge the names.
bool plainName(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
  });
}

// The command-line option behind a problem the loader found in the starter:
// the host name is in hostnames and ingress.traefik.hostname, the domain in
// domain and mailu.initialAccount.domain.
std::string optionFor(const ConfigProblem& problem) {
  return problem.path.find("hostname") != std::string::npos ? "--hostname" : "--domain";
}

}  // namespace

std::string starterConfig(const std::string& domain, const std::string& hostname) {
  return fmt::format(R"(# A Mailu deployment for {0}, written by `mailu-synth init`.
# `mailu-synth --config <this file>` writes dist/mailu.k8s.yaml;
# `mailu-synth check --config <this file>` checks it and writes nothing.
# docs/configuration.md describes every key; those left out keep their defaults.
# For completion in an editor: `mailu-synth schema -o mailu.schema.json`, then
# make the first line `# yaml-language-server: $schema=mailu.schema.json`.

namespace: mailu
domain: {0}                     # the primary mail domain
hostnames:
  - {1}                 # the first is the host name of the MX, the web UI and the certificates
# The pod network (IPv4 CIDR). Mailu trusts it: postfix relays mail for it and
# front believes X-Forwarded-For from it. Use your cluster's pod CIDR
# (k3s: 10.42.0.0/16, kubeadm with flannel: 10.244.0.0/16).
subnet: 10.42.0.0/16

# sqlite keeps accounts in admin's claim; postgresql (with database.postgresql:
# host, secretName) is needed for more than one admin pod.
database:
  type: sqlite

# Rate limits and sessions. The chart does not run Redis: point it at yours.
redis:
  host: redis

# Secrets are referenced, never written: create them before applying
# (`mailu-synth --list-secrets --config <this file>` lists them with their keys).
secrets:
  mailuSecretKey: mailu-secret-key               # key "secret-key": a random string
  initialAdminPassword: mailu-initial-admin      # key "initial-admin-password"

mailu:
  initialAccount:
    enabled: true
    username: admin                              # admin@{0}, created once
    domain: {0}
    mode: ifmissing

# The web UI through Traefik, with a cert-manager certificate for the host name.
# enableTcp routes the mail ports too (Traefik ends TLS, the PROXY protocol keeps
# client addresses); without Traefik see front.service in docs/configuration.md.
ingress:
  enabled: true
  type: traefik
  traefik:
    hostname: {1}
    certIssuer: letsencrypt-cluster-issuer
    enableTcp: true

# NetworkPolicies are on by default. Naming the ingress controller keeps every
# other pod off the routed ports.
networkPolicies:
  ingressController:
    namespace: traefik
    podLabels:
      app.kubernetes.io/name: traefik
)",
                     domain, hostname);
}

int initConfig(const InitOptions& options, std::ostream& out, std::ostream& errors) {
  const std::string hostname = options.hostname.empty() ? "mail." + options.domain : options.hostname;
  for (const auto& [option, value] : {std::pair{"--domain", options.domain}, std::pair{"--hostname", hostname}}) {
    if (!plainName(value)) {
      errors << kProgram << ": " << option << ": must be a domain name such as mail.example.com (got "
             << cdk8s::quoteForMessage(value) << ")\n";
      return kExitInvalidInput;
    }
  }
  const std::string text = starterConfig(options.domain, hostname);
  try {
    parseConfig(text, options.output.string());
  } catch (const ConfigError& error) {
    // One line per option and problem: the starter repeats each name.
    std::vector<std::string> lines;
    for (const ConfigProblem& problem : error.problems()) {
      std::string line = fmt::format("{}: {}: {}{}\n", kProgram, optionFor(problem), problem.message,
                                     problem.got.empty() ? "" : " (got " + problem.got + ")");
      if (std::find(lines.begin(), lines.end(), line) == lines.end()) lines.push_back(std::move(line));
    }
    for (const std::string& line : lines) errors << line;
    return kExitInvalidInput;
  }
  const std::string target = cdk8s::displayPath(options.output);
  std::error_code error;
  if (std::filesystem::symlink_status(options.output, error).type() != std::filesystem::file_type::not_found) {
    errors << kProgram << ": " << target << ": already exists; init does not overwrite it\n";
    return kExitInvalidInput;
  }
  // Staged beside the target, then hard-linked to its name, which fails if
  // the name was taken meanwhile: the target is never replaced. The batch
  // removes the staged name, on success as on a signal.
  cdk8s::FileBatch batch;
  const AbandonOnSignal abandonOnSignal(batch);
  try {
    const std::filesystem::path staged = batch.stage(options.output, text);
    if (::link(staged.c_str(), options.output.c_str()) != 0) {
      const int cause = errno;
      if (cause == EEXIST) {
        errors << kProgram << ": " << target << ": already exists; init does not overwrite it\n";
        return kExitInvalidInput;
      }
      errors << kProgram << ": " << target << ": cannot create the file: " << std::strerror(cause) << "\n";
      return kExitFailed;
    }
  } catch (const std::exception& e) {
    errors << kProgram << ": " << e.what() << "\n";
    return kExitFailed;
  }
  out << "wrote " << target << " for " << options.domain << " (" << hostname
      << "); check it with: mailu-synth check --config " << target << "\n";
  return kExitOk;
}

}  // namespace mailu::cli
