#include "mailu/dns_records.hpp"

#include <fmt/format.h>

#include "cdk8s/file_output.hpp"
#include "mailu/config_error.hpp"
#include "mailu_ports.hpp"
#include "value_formats.hpp"

namespace mailu {
namespace {

// Mailu's DKIM selector (DKIM_SELECTOR, core/admin/mailu/configuration.py).
constexpr std::string_view kDkimSelector = "dkim";

std::string absolute(std::string_view name) { return std::string(name) + "."; }

// Lines of the snippet: records in aligned columns, comments.
class Zone {
 public:
  explicit Zone(int ttl) : ttl_(ttl) {}

  void record(std::string_view owner, std::string_view type, std::string_view data) { text_ += line(owner, type, data); }
  // A record to publish later, commented out.
  void laterRecord(std::string_view owner, std::string_view type, std::string_view data) {
    text_ += "; " + line(owner, type, data);
  }
  void comment(std::string_view text) { text_ += fmt::format("; {}\n", text); }
  void blank() { text_ += "\n"; }
  std::string take() && { return std::move(text_); }

 private:
  std::string line(std::string_view owner, std::string_view type, std::string_view data) const {
    return fmt::format("{:<40} {} IN {:<5} {}\n", absolute(owner), ttl_, type, data);
  }

  int ttl_;
  std::string text_;
};

// A TXT record's text, quoted: names, local parts and fixed words only, so
// nothing in it needs escaping.
std::string txtData(std::string_view text) { return fmt::format("\"{}\"", text); }

void domainRecords(Zone& zone, const MailuChartConfig& config, const std::string& domain, const std::string& host) {
  zone.comment(fmt::format("zone {}", domain));
  zone.record(domain, "MX", fmt::format("10 {}", absolute(host)));
  // Mail for the domain leaves from postfix (its MX) or from the smarthost,
  // whose addresses a provider may rather give as an include: of its own.
  std::string spf = "v=spf1 mx";
  if (config.relay && config.relay->host) spf += " a:" + *config.relay->host;
  zone.record(domain, "TXT", txtData(spf + " -all"));
  // Mailu's DMARC record (core/admin/mailu/models.py, dns_dmarc): reports go
  // to local parts of the primary domain.
  std::string dmarc = "v=DMARC1; p=reject;";
  const std::optional<DmarcConfig> given = config.mailu ? config.mailu->dmarc : std::nullopt;
  if (given && given->rua) dmarc += fmt::format(" rua=mailto:{}@{};", *given->rua, config.domain);
  if (given && given->ruf) dmarc += fmt::format(" ruf=mailto:{}@{};", *given->ruf, config.domain);
  dmarc += " adkim=s; aspf=s";
  zone.record("_dmarc." + domain, "TXT", txtData(dmarc));
  zone.record("_smtp._tls." + domain, "TXT", txtData(fmt::format("v=TLSRPTv1; rua=mailto:postmaster@{}", config.domain)));
  // RFC 6186 and RFC 8314: implicit TLS first, submission with STARTTLS
  // after it; IMAP and POP3 without TLS are not offered (target ".").
  zone.record("_submissions._tcp." + domain, "SRV", fmt::format("10 1 {} {}", ports::kSmtps, absolute(host)));
  zone.record("_submission._tcp." + domain, "SRV", fmt::format("20 1 {} {}", ports::kSubmission, absolute(host)));
  zone.record("_imaps._tcp." + domain, "SRV", fmt::format("10 1 {} {}", ports::kImaps, absolute(host)));
  zone.record("_pop3s._tcp." + domain, "SRV", fmt::format("10 1 {} {}", ports::kPop3s, absolute(host)));
  zone.record("_imap._tcp." + domain, "SRV", "0 0 0 .");
  zone.record("_pop3._tcp." + domain, "SRV", "0 0 0 .");
  // Front serves both on the web host name (core/nginx/conf/nginx.conf).
  zone.record("autoconfig." + domain, "CNAME", absolute(host));
  zone.record("autodiscover." + domain, "CNAME", absolute(host));
  zone.comment(fmt::format("DKIM: admin makes the key after the first start; the record is {}._domainkey.{} TXT",
                           kDkimSelector, domain));
  zone.comment("\"v=DKIM1; k=rsa; p=...\". Copy it from the admin UI: Mail domains, the domain's details");
  zone.comment("(Regenerate keys when none is shown).");
  zone.comment(fmt::format("MTA-STS: Mailu 2024.06 serves no policy at https://mta-sts.{}/.well-known/mta-sts.txt;",
                           domain));
  zone.comment("once you serve one there, publish (id: any new text each time the policy changes):");
  zone.laterRecord("_mta-sts." + domain, "TXT", txtData("v=STSv1; id=1"));
  zone.laterRecord("mta-sts." + domain, "CNAME", absolute(host));
  zone.blank();
}

}  // namespace

std::string dnsRecords(const MailuChartConfig& config, const DnsRecordOptions& options) {
  std::vector<ConfigProblem> problems;
  for (std::size_t i = 0; i < options.alternativeDomains.size(); ++i) {
    const std::string& domain = options.alternativeDomains[i];
    if (!validation::isDnsName(domain)) {
      problems.push_back({fmt::format("--alternative-domain[{}]", i), "must be a domain name such as example.org",
                          cdk8s::quoteForMessage(domain)});
    } else if (domain == config.domain) {
      problems.push_back({fmt::format("--alternative-domain[{}]", i), "is the config's domain already",
                          cdk8s::quoteForMessage(domain)});
    }
  }
  // isIpAddress takes either family; an IPv6 address is the one with a colon.
  const auto isAddress = [](const std::string& text, bool ipv6) {
    return validation::isIpAddress(text) && (text.find(':') != std::string::npos) == ipv6;
  };
  if (!options.ipv4.empty() && !isAddress(options.ipv4, false)) {
    problems.push_back({"--ip", "must be an IPv4 address such as 192.0.2.25", cdk8s::quoteForMessage(options.ipv4)});
  }
  if (!options.ipv6.empty() && !isAddress(options.ipv6, true)) {
    problems.push_back({"--ipv6", "must be an IPv6 address such as 2001:db8::25", cdk8s::quoteForMessage(options.ipv6)});
  }
  if (!problems.empty()) throw ConfigError(std::move(problems));

  const std::string& host = config.hostnames.front();
  Zone zone(options.ttl);
  zone.comment(fmt::format("DNS records for Mailu at {} (mailu-synth dns). Names are absolute: each", host));
  zone.comment("domain's lines go into that domain's zone; the host names' into theirs.");
  zone.blank();
  domainRecords(zone, config, config.domain, host);
  for (const std::string& domain : options.alternativeDomains) {
    domainRecords(zone, config, domain, host);
    // Lets the primary domain take this domain's DMARC reports (RFC 7489, 7.1).
    zone.comment(fmt::format("zone {}", config.domain));
    zone.record(fmt::format("{}._report._dmarc.{}", domain, config.domain), "TXT", txtData("v=DMARC1;"));
    zone.blank();
  }
  if (!options.ipv4.empty() || !options.ipv6.empty()) {
    for (const std::string& name : config.hostnames) {
      zone.comment(fmt::format("host {}", name));
      if (!options.ipv4.empty()) zone.record(name, "A", options.ipv4);
      if (!options.ipv6.empty()) zone.record(name, "AAAA", options.ipv6);
    }
  } else {
    zone.comment("A/AAAA records of the host names: give --ip and --ipv6 (the load balancer's addresses).");
  }
  return std::move(zone).take();
}

}  // namespace mailu
