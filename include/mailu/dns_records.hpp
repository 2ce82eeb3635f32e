// The DNS records a Mailu deployment needs, as a zone-file snippet, from the
// same config the manifests come from: MX, SPF, DMARC, TLS-RPT, the client
// SRV records (RFC 6186, RFC 8314), autoconfig and autodiscover, A/AAAA when
// the addresses are known, and comments for what only the running admin
// knows (the DKIM key) or what Mailu 2024.06 does not serve (MTA-STS).
// Names are absolute (with the trailing dot), so the lines paste into any
// zone; each domain's records follow a "; zone <domain>" line.
#pragma once

#include <string>
#include <vector>

#include "mailu/config.hpp"

namespace mailu {

struct DnsRecordOptions {
  std::vector<std::string> alternativeDomains = {};  // more mail domains on the same server; default none
  std::string ipv4 = {};                             // the host names' A record; empty: none written
  std::string ipv6 = {};                             // their AAAA record; empty: none written
  int ttl = 600;                                     // Mailu's own (core/admin/mailu/models.py)
};

// The snippet for a config that passed validate(). Throws ConfigError
// naming "--alternative-domain", "--ip" or "--ipv6" for a bad option.
std::string dnsRecords(const MailuChartConfig& config, const DnsRecordOptions& options = {});

}  // namespace mailu
