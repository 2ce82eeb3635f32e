#include "mailu/required_secrets.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <cdk8s/api_object.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace mailu {
namespace {

using Json = cdk8s::Json;

struct Found {
  std::set<std::string> keys;
  bool everyKey = false;
  std::set<std::string> readers;
  std::string writtenBy;
};

using FoundSecrets = std::map<std::pair<std::string, std::string>, Found>;  // (namespace, name)

const Json* member(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string textOf(const Json* value) { return value != nullptr && value->is_string() ? value->get<std::string>() : ""; }

// The kinds whose objects hold a pod template at spec.template.spec.
bool hasPodTemplate(const std::string& kind) {
  return kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" || kind == "Job";
}

void readPodSpec(const Json& pod, const std::string& ns, FoundSecrets& found) {
  for (const char* list : {"initContainers", "containers"}) {
    const Json* containers = member(pod, list);
    if (containers == nullptr || !containers->is_array()) continue;
    for (const Json& container : *containers) {
      const std::string reader = textOf(member(container, "name"));
      if (const Json* env = member(container, "env"); env != nullptr && env->is_array()) {
        for (const Json& variable : *env) {
          const Json* from = member(variable, "valueFrom");
          const Json* ref = from != nullptr ? member(*from, "secretKeyRef") : nullptr;
          if (ref == nullptr) continue;
          Found& secret = found[{ns, textOf(member(*ref, "name"))}];
          secret.keys.insert(textOf(member(*ref, "key")));
          secret.readers.insert(reader);
        }
      }
      if (const Json* envFrom = member(container, "envFrom"); envFrom != nullptr && envFrom->is_array()) {
        for (const Json& source : *envFrom) {
          const Json* ref = member(source, "secretRef");
          if (ref == nullptr) continue;
          Found& secret = found[{ns, textOf(member(*ref, "name"))}];
          secret.everyKey = true;
          secret.readers.insert(reader);
        }
      }
    }
  }
  const Json* volumes = member(pod, "volumes");
  if (volumes == nullptr || !volumes->is_array()) return;
  for (const Json& volume : *volumes) {
    const Json* secretVolume = member(volume, "secret");
    if (secretVolume == nullptr) continue;
    Found& secret = found[{ns, textOf(member(*secretVolume, "secretName"))}];
    const Json* items = member(*secretVolume, "items");
    if (items != nullptr && items->is_array()) {
      for (const Json& item : *items) secret.keys.insert(textOf(member(item, "key")));
    } else {
      secret.everyKey = true;
    }
    // The pod's containers that mount it.
    const Json* containers = member(pod, "containers");
    if (containers == nullptr || !containers->is_array()) continue;
    for (const Json& container : *containers) {
      const Json* mounts = member(container, "volumeMounts");
      if (mounts == nullptr || !mounts->is_array()) continue;
      const bool mounted = std::any_of(mounts->begin(), mounts->end(), [&](const Json& mount) {
        return textOf(member(mount, "name")) == textOf(member(volume, "name"));
      });
      if (mounted) secret.readers.insert(textOf(member(container, "name")));
    }
  }
}

// A TLS Secret as an Ingress or a Traefik route names it: tls.crt and tls.key.
void addTlsSecret(const std::string& ns, const std::string& name, const std::string& reader,
                  const std::string& writtenBy, FoundSecrets& found) {
  if (name.empty()) return;
  Found& secret = found[{ns, name}];
  secret.keys.insert({"tls.crt", "tls.key"});
  secret.readers.insert(reader);
  if (!writtenBy.empty()) secret.writtenBy = writtenBy;
}

void readObject(const Json& object, FoundSecrets& found) {
  const std::string kind = textOf(member(object, "kind"));
  const Json* metadata = member(object, "metadata");
  const std::string ns = metadata != nullptr ? textOf(member(*metadata, "namespace")) : "";
  const Json* spec = member(object, "spec");
  if (spec == nullptr) return;
  if (hasPodTemplate(kind)) {
    const Json* podTemplate = member(*spec, "template");
    if (const Json* pod = podTemplate != nullptr ? member(*podTemplate, "spec") : nullptr) readPodSpec(*pod, ns, found);
  } else if (kind == "Ingress") {
    // cert-manager's ingress-shim writes the TLS Secret of an Ingress that
    // names an issuer in its annotations.
    const Json* annotations = metadata != nullptr ? member(*metadata, "annotations") : nullptr;
    std::string writtenBy;
    if (annotations != nullptr) {
      if (const std::string issuer = textOf(member(*annotations, "cert-manager.io/cluster-issuer")); !issuer.empty()) {
        writtenBy = fmt::format("cert-manager (ClusterIssuer {})", issuer);
      } else if (const std::string own = textOf(member(*annotations, "cert-manager.io/issuer")); !own.empty()) {
        writtenBy = fmt::format("cert-manager (Issuer {})", own);
      }
    }
    if (const Json* tls = member(*spec, "tls"); tls != nullptr && tls->is_array()) {
      for (const Json& entry : *tls) addTlsSecret(ns, textOf(member(entry, "secretName")), kind, writtenBy, found);
    }
  } else if (kind == "IngressRoute" || kind == "IngressRouteTCP") {
    if (const Json* tls = member(*spec, "tls")) addTlsSecret(ns, textOf(member(*tls, "secretName")), kind, "", found);
  }
}

}  // namespace

std::vector<RequiredSecret> requiredSecrets(cdk8s::Chart& chart) {
  FoundSecrets found;
  std::set<std::pair<std::string, std::string>> made;
  for (const Json& object : chart.toJson()) {
    if (textOf(member(object, "kind")) == "Secret") {
      const Json* metadata = member(object, "metadata");
      made.insert({textOf(member(*metadata, "namespace")), textOf(member(*metadata, "name"))});
    }
    readObject(object, found);
  }
  std::vector<RequiredSecret> secrets;
  for (auto& [id, secret] : found) {
    if (made.contains(id)) continue;
    RequiredSecret required{id.second, id.first, {}, {}, secret.writtenBy};
    if (!secret.everyKey) required.keys.assign(secret.keys.begin(), secret.keys.end());
    required.readers.assign(secret.readers.begin(), secret.readers.end());
    secrets.push_back(std::move(required));
  }
  std::sort(secrets.begin(), secrets.end(), [](const RequiredSecret& a, const RequiredSecret& b) {
    return std::tie(a.name, a.namespace_) < std::tie(b.name, b.namespace_);
  });
  return secrets;
}

std::string describeRequiredSecrets(const std::vector<RequiredSecret>& secrets) {
  std::string text;
  for (const RequiredSecret& secret : secrets) {
    const std::string keys = secret.keys.empty() ? "every key"
                             : fmt::format("{} {}", secret.keys.size() == 1 ? "key" : "keys",
                                           fmt::join(secret.keys, ", "));
    const std::string by = secret.writtenBy.empty() ? "" : fmt::format("; written by {}", secret.writtenBy);
    text += fmt::format("{}/{}: {} (read by {}){}\n", secret.namespace_, secret.name, keys,
                        fmt::join(secret.readers, ", "), by);
  }
  return text;
}

}  // namespace mailu
