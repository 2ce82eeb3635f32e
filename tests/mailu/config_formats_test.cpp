// The value formats of a config, one accept/refuse table per predicate.
//
// The tables of isDomainName, isIpv4Cidr, isSize and isCpu mirror the
// TypeScript reference's validators (src/utils/validators.ts) and were checked
// row by row against its regular expressions:
//   domain  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i
//   CIDR    /^(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}
//             (?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\/(?:[0-9]|[12][0-9]|3[0-2])$/
//   size    /^\d+(?:\.\d+)?(?:Ki|Mi|Gi|Ti|Pi|Ei)$/
//   cpu     /^(?:\d+m|\d+(?:\.\d+)?)$/
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "mailu/config_validation.hpp"

namespace mailu {
namespace {

using namespace validation;

struct Row {
  std::string input;
  bool accepted;
};

// The input as a C string literal, so that spaces and control bytes show.
// (Not named "quoted": argument-dependent lookup would pick std::quoted.)
std::string shown(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u >= 0x7f) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
  }
  return out + "\" (" + std::to_string(s.size()) + " bytes)";
}

void checkTable(const char* name, bool (*predicate)(std::string_view), const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    EXPECT_EQ(predicate(row.input), row.accepted)
        << name << " should " << (row.accepted ? "accept " : "refuse ") << shown(row.input);
  }
}

std::string repeat(std::size_t count, char c) { return std::string(count, c); }

TEST(ConfigFormats, DomainNameMatchesTheReference) {
  const std::vector<Row> rows = {
      {"example.com", true},
      {"mail.example.com", true},
      {"a.b.c.d.example.com", true},
      {"a.co", true},
      {"EXAMPLE.COM", true},
      {"Mail.Example.Com", true},
      {"123.com", true},
      {"0.example.org", true},
      {"a-b.com", true},
      {"a--b.example.com", true},
      {"xn--bcher-kva.example", true},
      {"example.comcomcomcomcom", true},
      {repeat(63, 'a') + ".com", true},                         // 63-character label
      {"a" + repeat(61, '-') + "a.com", true},                  // 63 characters, hyphens inside
      {repeat(64, 'a') + ".com", false},                        // 64-character label
      {"mail." + repeat(64, 'b') + ".com", false},              // 64-character label inside
      {repeat(63, 'a') + "." + repeat(63, 'b') + "." + repeat(63, 'c') + "." + repeat(63, 'd') + ".com",
       true},                                                   // no limit on the whole name
      {"-example.com", false},                                  // leading hyphen
      {"example-.com", false},                                  // trailing hyphen
      {"mail.-example.com", false},
      {"example.-com", false},
      {"example.c", false},                                     // one-letter TLD
      {"a.b", false},
      {"example.c0m", false},                                   // digit in the TLD
      {"example.123", false},
      {"1.2.3.4", false},
      {"example.xn--p1ai", false},                              // TLD with digits and hyphens
      {"example", false},                                       // no TLD
      {"", false},
      {".com", false},
      {"example.com.", false},                                  // trailing dot
      {"example..com", false},
      {"bad host.com", false},
      {"ex_ample.com", false},
      {"*.example.com", false},
      {"example.com/path", false},
      {" example.com", false},
      {"example.com ", false},
      {"example.com\n", false},
      {"ex\xc3\xa4mple.com", false},                            // non-ASCII letter
  };
  checkTable("isDomainName", isDomainName, rows);
}

TEST(ConfigFormats, Ipv4CidrMatchesTheReference) {
  const std::vector<Row> rows = {
      {"10.42.0.0/16", true},
      {"192.168.1.0/24", true},
      {"0.0.0.0/0", true},
      {"255.255.255.255/32", true},
      {"199.249.250.251/31", true},
      {"1.2.3.4/9", true},
      {"1.2.3.4/10", true},
      {"1.2.3.4/29", true},
      {"1.2.3.4/30", true},
      {"010.042.000.000/16", true},                             // leading zeros in octets
      {"001.2.3.4/8", true},
      {"10.42.0.0", false},                                     // no prefix
      {"256.0.0.0/8", false},                                   // octet 256
      {"10.42.0.256/8", false},
      {"300.1.1.1/8", false},
      {"10.42.0.0/33", false},                                  // prefix 33
      {"10.42.0.0/08", false},                                  // prefix with leading zero
      {"10.42.0.0/00", false},
      {"10.42.0.0/032", false},
      {"10.42.0.0/100", false},
      {"10.42.0.0/", false},
      {"/16", false},
      {"10.42.0/16", false},                                    // three octets
      {"10.42.0.0.0/16", false},                                // five octets
      {"10.42..0/16", false},
      {"0010.0.0.0/8", false},                                  // four-digit octet
      {"10.42.0.0/-1", false},
      {"10.42.0.0/+8", false},
      {"+1.2.3.4/8", false},
      {"10.42.0.0/1.5", false},
      {"10.42.0.0/16/16", false},
      {"a.b.c.d/8", false},
      {"::1/128", false},
      {"10.42.0.0/16 ", false},
      {" 10.42.0.0/16", false},
      {"10.42.0.0 /16", false},
      {"", false},
  };
  checkTable("isIpv4Cidr", isIpv4Cidr, rows);
}

TEST(ConfigFormats, SizeMatchesTheReference) {
  const std::vector<Row> rows = {
      {"5Gi", true},
      {"512Mi", true},
      {"1.5Gi", true},
      {"0.5Mi", true},
      {"100Ki", true},
      {"2Ti", true},
      {"3Pi", true},
      {"1Ei", true},
      {"0Gi", true},
      {"00005Gi", true},
      {"1.50Gi", true},
      {".5Gi", false},                                          // no leading digit
      {"5.Gi", false},                                          // no digit after the point
      {"5gi", false},                                           // lowercase unit
      {"5KI", false},
      {"5ki", false},
      {"5G", false},                                            // decimal unit
      {"5M", false},
      {"5k", false},
      {"100GB", false},
      {"5Zi", false},
      {"5Mii", false},
      {"5", false},                                             // no unit
      {"Gi", false},                                            // no number
      {"", false},
      {"1.5.5Gi", false},
      {"1,5Gi", false},
      {"-5Gi", false},
      {"+5Gi", false},
      {"5e3Gi", false},
      {"5 Gi", false},
      {"5Gi ", false},
      {" 5Gi", false},
      {"5Gi\n", false},
  };
  checkTable("isSize", isSize, rows);
}

TEST(ConfigFormats, CpuMatchesTheReference) {
  const std::vector<Row> rows = {
      {"100m", true},
      {"250m", true},
      {"1000m", true},
      {"0m", true},
      {"1", true},
      {"2", true},
      {"0", true},
      {"007", true},
      {"0.5", true},
      {"1.5", true},
      {"0.001", true},
      {"1.", false},                                            // no digit after the point
      {".5", false},                                            // no digit before it
      {"m", false},                                             // no number
      {"", false},
      {"1.5m", false},                                          // fractional millicores
      {"1.0m", false},
      {"100M", false},
      {"100mm", false},
      {"m100", false},
      {"1m5", false},
      {"100 m", false},
      {"-1", false},
      {"+1", false},
      {"1e3", false},
      {"0x10", false},
      {"1,5", false},
      {"1/2", false},
      {"one", false},
      {"1 core", false},
      {"1.5 cores", false},
      {" 1", false},
      {"1 ", false},
      {"1\n", false},
  };
  checkTable("isCpu", isCpu, rows);
}

TEST(ConfigFormats, WholeMebibytes) {
  const std::vector<Row> rows = {
      {"512Mi", true},
      {"1Mi", true},
      {"1Gi", true},
      {"1.5Gi", true},
      {"0.25Gi", true},
      {"1024Ki", true},
      {"2048Ki", true},
      {"2Ti", true},
      {"1Pi", true},
      {"1Ei", true},
      {"512Ki", false},                                         // half a Mi
      {"1536Ki", false},
      {"1Ki", false},
      {"0.5Mi", false},
      {"1.5Mi", false},
      {"0.1Gi", false},                                         // 102.4Mi
      {"0Mi", false},                                           // not a positive amount
      {"0Gi", false},
      {"512M", false},                                          // not a size at all
      {"abc", false},
      {"", false},
  };
  checkTable("wholeMebibytes", [](std::string_view size) { return wholeMebibytes(size).has_value(); }, rows);
}

TEST(ConfigFormats, Dns1123Label) {
  const std::vector<Row> rows = {
      {"mailu", true},
      {"mailu-prod", true},
      {"a", true},
      {"0", true},
      {"1abc", true},
      {"a--b", true},
      {repeat(63, 'a'), true},
      {repeat(64, 'a'), false},
      {"", false},
      {"Mailu", false},
      {"-mailu", false},
      {"mailu-", false},
      {"mail.u", false},
      {"mail_u", false},
      {"mail u", false},
      {"m\xc3\xa4il", false},
  };
  checkTable("isDns1123Label", isDns1123Label, rows);
}

TEST(ConfigFormats, Dns1123Subdomain) {
  const std::string longest = repeat(63, 'a') + "." + repeat(63, 'b') + "." + repeat(63, 'c') + "." + repeat(61, 'd');
  const std::vector<Row> rows = {
      {"postgres-app", true},
      {"mailu-secret-key", true},
      {"a.b.c", true},
      {"1e3", true},
      {"letsencrypt-cluster-issuer", true},
      {longest, true},                                          // 253 characters
      {longest + "d", false},                                   // 254 characters
      {repeat(64, 'a') + ".b", true},  // Kubernetes limits the whole name, not each label
      {"", false},
      {".a", false},
      {"a.", false},
      {"a..b", false},
      {"A", false},
      {"Postgres-App", false},
      {"-a.b", false},
      {"a-.b", false},
      {"a_b", false},
      {"a b", false},
  };
  ASSERT_EQ(longest.size(), 253u);
  checkTable("isDns1123Subdomain", isDns1123Subdomain, rows);
}

TEST(ConfigFormats, SecretKey) {
  const std::vector<Row> rows = {
      {"username", true},
      {"password", true},
      {"tls.crt", true},
      {"my_key-1", true},
      {".dockerconfigjson", true},
      {"UPPER", true},
      {"-", true},
      {repeat(253, 'k'), true},
      {repeat(254, 'k'), false},
      {"", false},
      {"a/b", false},
      {"a b", false},
      {"a:b", false},
      {"k\xc3\xa4y", false},
      {"key\n", false},
  };
  checkTable("isSecretKey", isSecretKey, rows);
}

}  // namespace
}  // namespace mailu
