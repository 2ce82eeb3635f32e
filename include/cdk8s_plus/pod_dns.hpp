// How a pod resolves names (cdk8s-plus PodDnsProps): the cluster's DNS by
// default, or, with policy None, exactly the nameservers, search domains and
// resolver options given (Kubernetes' dnsPolicy and dnsConfig).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <cdk8s/json.hpp>

namespace cdk8s::plus {

enum class DnsPolicy { kClusterFirst, kClusterFirstWithHostNet, kDefault, kNone };

// A resolver option of /etc/resolv.conf ("ndots" with "2", "edns0", "trust-ad").
struct DnsOption {
  std::string name;
  std::optional<std::string> value = {};
};

// What cdk8s-plus allows (its PodDns).
inline constexpr std::size_t kMaxDnsNameservers = 3;
inline constexpr std::size_t kMaxDnsSearches = 6;

struct PodDnsProps {
  DnsPolicy policy = DnsPolicy::kClusterFirst;  // cdk8s-plus's default
  std::vector<std::string> nameservers = {};  // IP addresses, at most kMaxDnsNameservers; at least one with kNone
  std::vector<std::string> searches = {};     // at most kMaxDnsSearches search domains
  std::vector<DnsOption> options = {};
  bool hostnameAsFqdn = false;                // setHostnameAsFQDN
};

// Throws std::invalid_argument on what cdk8s-plus refuses: more than 3
// nameservers or 6 search domains, or policy None without a nameserver.
// Workloads call it when they are made, as cdk8s-plus does.
void checkPodDns(const PodDnsProps& dns);

// Sets dnsPolicy, setHostnameAsFQDN and, when anything is given, dnsConfig on
// a pod spec.
void applyPodDns(const PodDnsProps& dns, Json& podSpec);

}  // namespace cdk8s::plus
