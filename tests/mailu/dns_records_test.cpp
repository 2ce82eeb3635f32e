// mailu::dnsRecords (issue 17): what each record says for a config; the
// syntax of every record is BIND's to judge (embedded.dns_records_named_checkzone).
#include <string>

#include <gtest/gtest.h>

#include "config_fixtures.hpp"
#include "mailu/config_error.hpp"
#include "mailu/dns_records.hpp"

namespace {

bool hasLine(const std::string& text, const std::string& start, const std::string& end) {
  std::size_t at = 0;
  while ((at = text.find(start, at)) != std::string::npos) {
    if ((at == 0 || text[at - 1] == '\n')) {
      const std::size_t eol = text.find('\n', at);
      const std::string line = text.substr(at, eol - at);
      if (line.size() >= end.size() && line.compare(line.size() - end.size(), end.size(), end) == 0) return true;
    }
    ++at;
  }
  return false;
}

TEST(DnsRecords, RecordsFollowTheConfig) {
  mailu::MailuChartConfig config = testconfig::minimalConfig();
  config.hostnames = {"mx.example.com", "mail.example.com"};
  config.mailu = mailu::MailuSettings{};
  config.mailu->dmarc = mailu::DmarcConfig{.rua = "reports", .ruf = "failures"};
  config.relay = mailu::RelayConfig{.host = "smtp.relay.example"};
  const std::string text = mailu::dnsRecords(config, {.alternativeDomains = {"example.net"}, .ipv4 = "192.0.2.25"});
  EXPECT_TRUE(hasLine(text, "example.com.", "MX    10 mx.example.com.")) << text;
  EXPECT_TRUE(hasLine(text, "example.net.", "MX    10 mx.example.com.")) << text;
  EXPECT_TRUE(hasLine(text, "example.com.", "\"v=spf1 mx a:smtp.relay.example -all\"")) << text;
  EXPECT_TRUE(hasLine(text, "_dmarc.example.net.",
                      "\"v=DMARC1; p=reject; rua=mailto:reports@example.com; ruf=mailto:failures@example.com; "
                      "adkim=s; aspf=s\""))
      << text;
  EXPECT_TRUE(hasLine(text, "example.net._report._dmarc.example.com.", "TXT   \"v=DMARC1;\"")) << text;
  EXPECT_TRUE(hasLine(text, "_imap._tcp.example.com.", "SRV   0 0 0 .")) << text;
  for (const char* host : {"mx.example.com.", "mail.example.com."}) {
    EXPECT_TRUE(hasLine(text, host, "A     192.0.2.25")) << host;
  }
  EXPECT_EQ(text.find(" AAAA "), std::string::npos) << "no --ipv6";
  EXPECT_NE(text.find("dkim._domainkey.example.net"), std::string::npos);
}

TEST(DnsRecords, WithoutAddressesSaysHowToGetThem) {
  const std::string text = mailu::dnsRecords(testconfig::minimalConfig());
  EXPECT_EQ(text.find(" IN A "), std::string::npos);
  EXPECT_NE(text.find("give --ip and --ipv6"), std::string::npos);
  EXPECT_TRUE(hasLine(text, "example.com.", "\"v=spf1 mx -all\""));
  EXPECT_TRUE(hasLine(text, "_dmarc.example.com.", "\"v=DMARC1; p=reject; adkim=s; aspf=s\""));
}

TEST(DnsRecords, BadOptionsAreRefusedByName) {
  const mailu::MailuChartConfig config = testconfig::minimalConfig();
  try {
    mailu::dnsRecords(config, {.alternativeDomains = {"example.com", "bad domain"}, .ipv4 = "2001:db8::1", .ipv6 = "x"});
    FAIL() << "no ConfigError";
  } catch (const mailu::ConfigError& error) {
    std::vector<std::string> paths;
    for (const auto& problem : error.problems()) paths.push_back(problem.path);
    EXPECT_EQ(paths, (std::vector<std::string>{"--alternative-domain[0]", "--alternative-domain[1]", "--ip", "--ipv6"}));
  }
}

}  // namespace
