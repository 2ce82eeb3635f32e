#include "cdk8s_plus/pod_dns.hpp"

#include <stdexcept>

namespace cdk8s::plus {
namespace {

const char* toString(DnsPolicy policy) {
  switch (policy) {
    case DnsPolicy::kClusterFirst: return "ClusterFirst";
    case DnsPolicy::kClusterFirstWithHostNet: return "ClusterFirstWithHostNet";
    case DnsPolicy::kDefault: return "Default";
    case DnsPolicy::kNone: return "None";
  }
  return "ClusterFirst";
}

}  // namespace

void checkPodDns(const PodDnsProps& dns) {
  if (dns.nameservers.size() > kMaxDnsNameservers) {
    throw std::invalid_argument("There can be at most 3 nameservers specified");
  }
  if (dns.searches.size() > kMaxDnsSearches) throw std::invalid_argument("There can be at most 6 search domains specified");
  if (dns.policy == DnsPolicy::kNone && dns.nameservers.empty()) {
    throw std::invalid_argument("When dns policy is set to NONE, at least one nameserver is required");
  }
}

void applyPodDns(const PodDnsProps& dns, Json& podSpec) {
  podSpec["dnsPolicy"] = toString(dns.policy);
  podSpec["setHostnameAsFQDN"] = dns.hostnameAsFqdn;
  if (dns.nameservers.empty() && dns.searches.empty() && dns.options.empty()) return;
  Json config = Json::object();
  if (!dns.nameservers.empty()) config["nameservers"] = dns.nameservers;
  if (!dns.searches.empty()) config["searches"] = dns.searches;
  if (!dns.options.empty()) {
    Json options = Json::array();
    for (const DnsOption& option : dns.options) {
      Json entry = Json::object();
      entry["name"] = option.name;
      if (option.value) entry["value"] = *option.value;
      options.push_back(std::move(entry));
    }
    config["options"] = std::move(options);
  }
  podSpec["dnsConfig"] = std::move(config);
}

}  // namespace cdk8s::plus
