// The value formats a config may use, one accept/refuse table per predicate.
//
// The domain, CIDR, size and CPU tables follow the TypeScript reference's
// regular expressions (src/utils/validators.ts) with JavaScript semantics:
// ASCII only, and `$` is the very end, so a trailing newline is refused. Each
// row was also run through those regular expressions under Node.
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "mailu/config.hpp"
#include "mailu/config_error.hpp"
#include "value_formats.hpp"

namespace mailu::validation {
namespace {

struct Row {
  std::string input;
  bool accepted;
};

// The input as a C string literal, so spaces and control bytes are visible.
std::string literal(std::string_view text) {
  std::string shown = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      shown += '\\';
      shown += c;
    } else if (byte < 0x20 || byte >= 0x7f) {
      shown += fmt::format("\\x{:02x}", byte);
    } else {
      shown += c;
    }
  }
  return shown + "\"";
}

void expectTable(const char* name, bool (*predicate)(std::string_view), const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    EXPECT_EQ(predicate(row.input), row.accepted)
        << name << " should " << (row.accepted ? "accept " : "refuse ") << literal(row.input);
  }
}

std::string times(std::size_t count, char c) { return std::string(count, c); }

// Accept/refuse tables. Those of isDomainName, isIpv4Cidr, isSize and isCpu
// were checked row by row against the reference's regular expressions
// (src/utils/validators.ts) under node.
TEST(ConfigValidationFormats, DomainNameMatchesTheReference) {
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
      {times(63, 'a') + ".com", true},                         // 63-character label
      {"a" + times(61, '-') + "a.com", true},                  // 63 characters, hyphens inside
      {times(64, 'a') + ".com", false},                        // 64-character label
      {"mail." + times(64, 'b') + ".com", false},              // 64-character label inside
      {times(63, 'a') + "." + times(63, 'b') + "." + times(63, 'c') + "." + times(63, 'd') + ".com",
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
  expectTable("isDomainName", isDomainName, rows);
}

TEST(ConfigValidationFormats, Ipv4CidrMatchesTheReference) {
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
  expectTable("isIpv4Cidr", isIpv4Cidr, rows);
}

TEST(ConfigValidationFormats, SizeMatchesTheReference) {
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
  expectTable("isSize", isSize, rows);
}

TEST(ConfigValidationFormats, CpuMatchesTheReference) {
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
  expectTable("isCpu", isCpu, rows);
}

TEST(ConfigValidationFormats, WholeMebibytes) {
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
  expectTable("wholeMebibytes", [](std::string_view size) { return wholeMebibytes(size).has_value(); }, rows);
}

TEST(ConfigValidationFormats, Dns1123Label) {
  const std::vector<Row> rows = {
      {"mailu", true},
      {"mailu-prod", true},
      {"a", true},
      {"0", true},
      {"1abc", true},
      {"a--b", true},
      {times(63, 'a'), true},
      {times(64, 'a'), false},
      {"", false},
      {"Mailu", false},
      {"-mailu", false},
      {"mailu-", false},
      {"mail.u", false},
      {"mail_u", false},
      {"mail u", false},
      {"m\xc3\xa4il", false},
  };
  expectTable("isDns1123Label", isDns1123Label, rows);
}

TEST(ConfigValidationFormats, Dns1123Subdomain) {
  const std::string longest = times(63, 'a') + "." + times(63, 'b') + "." + times(63, 'c') + "." + times(61, 'd');
  const std::vector<Row> rows = {
      {"postgres-app", true},
      {"mailu-secret-key", true},
      {"a.b.c", true},
      {"1e3", true},
      {"letsencrypt-cluster-issuer", true},
      {longest, true},                                          // 253 characters
      {longest + "d", false},                                   // 254 characters
      {times(64, 'a') + ".b", true},  // Kubernetes limits the whole name, not each label
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
  expectTable("isDns1123Subdomain", isDns1123Subdomain, rows);
}

TEST(ConfigValidationFormats, SecretKey) {
  const std::vector<Row> rows = {
      {"username", true},
      {"password", true},
      {"tls.crt", true},
      {"my_key-1", true},
      {".dockerconfigjson", true},
      {"UPPER", true},
      {"-", true},
      {times(253, 'k'), true},
      {times(254, 'k'), false},
      {"", false},
      {"a/b", false},
      {"a b", false},
      {"a:b", false},
      {"k\xc3\xa4y", false},
      {"key\n", false},
  };
  expectTable("isSecretKey", isSecretKey, rows);
}


TEST(ConfigValidationMemory, WholeMebibytesAreComputedExactly) {
  EXPECT_EQ(wholeMebibytes("512Mi"), 512u);
  EXPECT_EQ(wholeMebibytes("1Gi"), 1024u);
  EXPECT_EQ(wholeMebibytes("1.5Gi"), 1536u);
  EXPECT_EQ(wholeMebibytes("0.25Gi"), 256u);
  EXPECT_EQ(wholeMebibytes("2048Ki"), 2u);
  EXPECT_EQ(wholeMebibytes("2Ti"), 2u * 1024 * 1024);
  EXPECT_EQ(wholeMebibytes("1Ei"), std::uint64_t{1} << 40);
  EXPECT_EQ(wholeMebibytes("0.0009765625Gi"), 1u);  // exactly 1/1024 Gi
  EXPECT_EQ(wholeMebibytes("00512.000Mi"), 512u);
}

TEST(ConfigValidationMemory, RefusesWhatIsNotAWholeNumberOfMebibytes) {
  for (std::string_view size : {"512Ki", "1536Ki", "1Ki", "0.5Mi", "1.5Mi", "0.1Gi", "0Mi", "0Gi", "0.0Gi", "512M",
                                "abc", "", "8193Ei", "99999999999999999999Mi"}) {
    EXPECT_FALSE(wholeMebibytes(size).has_value()) << literal(size);
  }
}

TEST(ConfigValidationMemory, MemoryToMiWritesWholeMebibytes) {
  EXPECT_EQ(memoryToMi("1Gi"), "1024Mi");
  EXPECT_EQ(memoryToMi("512Mi"), "512Mi");
  EXPECT_EQ(memoryToMi("1.5Gi"), "1536Mi");
  EXPECT_EQ(memoryToMi("3Gi"), "3072Mi");
  EXPECT_EQ(memoryToMi("4Gi"), "4096Mi");
  EXPECT_THROW(memoryToMi("512Ki"), ConfigError);
  EXPECT_THROW(memoryToMi("lots"), ConfigError);
}

TEST(ConfigValidationCpu, ComparesAmountsByValue) {
  EXPECT_EQ(compareCpu("500m", "0.5"), 0);
  EXPECT_EQ(compareCpu("1000m", "1"), 0);
  EXPECT_EQ(compareCpu("0.50", "500m"), 0);
  EXPECT_EQ(compareCpu("0m", "0"), 0);
  EXPECT_LT(compareCpu("250m", "0.5"), 0);
  EXPECT_LT(compareCpu("1", "1500m"), 0);
  EXPECT_LT(compareCpu("5m", "0.05"), 0);
  EXPECT_GT(compareCpu("2", "1999m"), 0);
  EXPECT_GT(compareCpu("10", "9.999"), 0);
  EXPECT_GT(compareCpu("0.0011", "1m"), 0);
}

TEST(ConfigValidationOther, HostName) {
  expectTable("isHostName", isHostName,
              {
                  {"redis", true},          {"yes", true},        {"pg.db.svc.cluster.local", true},
                  {"10.0.0.5", true},       {"Redis-Master", true}, {"redis:6379", false},
                  {"redis.", false},        {"-redis", false},    {"re dis", false},
                  {"tcp://redis", false},   {"", false},
              });
}

TEST(ConfigValidationOther, ImageRegistry) {
  expectTable("isImageRegistry", isImageRegistry,
              {
                  {"ghcr.io/mailu", true},
                  {"registry.internal:5000/mirror/mailu", true},
                  {"localhost:5000", true},
                  {"mailu", true},
                  {"docker.io/library", true},
                  {"quay.io/my_org/sub__dir/a--b", true},
                  {"", false},
                  {"ghcr.io/Mailu", false},  // repository paths are lowercase
                  {"ghcr.io/mailu/", false},
                  {"ghcr.io//mailu", false},
                  {"ghcr.io:port/mailu", false},
                  {"ghcr.io/mai lu", false},
                  {"https://ghcr.io/mailu", false},
                  {"ghcr.io/a.-b", false},
              });
}

TEST(ConfigValidationOther, ImageReferencesAndTheirParts) {
  const std::string digest = "sha256:" + std::string(64, 'c');
  expectTable("isImageReference", isImageReference,
              {
                  {"dovecot/dovecot:2.3-latest", true},
                  {"dovecot/dovecot", true},
                  {"registry.local:5000/dovecot/dovecot", true},  // a port, not a tag
                  {"registry.local:5000/dovecot/dovecot:2.3.21@" + digest, true},
                  {"dovecot/dovecot@" + digest, true},
                  {"dovecot/dovecot:", false},
                  {"dovecot/dovecot:-x", false},
                  {"dovecot/dovecot@sha256:abc", false},
                  {"dovecot/dovecot@", false},
                  {"Dovecot/dovecot:2.3", false},
                  {"", false},
              });
  expectTable("isImageDigest", isImageDigest,
              {{digest, true}, {"sha256:" + std::string(64, 'C'), false}, {"sha512:" + std::string(64, 'c'), false},
               {"sha256:" + std::string(63, 'c'), false}});
  const std::string reference = "registry.local:5000/a/b:1.2@" + digest;  // the parts point into it
  const ImageReferenceParts parts = splitImageReference(reference);
  EXPECT_EQ(parts.repository, "registry.local:5000/a/b");
  EXPECT_EQ(parts.tag, "1.2");
  EXPECT_EQ(parts.digest, digest);
  const ImageReferenceParts bare = splitImageReference("registry.local:5000/a/b");
  EXPECT_EQ(bare.repository, "registry.local:5000/a/b");
  EXPECT_FALSE(bare.tag);
  EXPECT_FALSE(bare.digest);
}

TEST(ConfigValidationOther, WorkloadFormats) {
  expectTable("isEnvName", isEnvName,
              {{"DKIM_PATH", true}, {"_x1", true}, {"1A", false}, {"A-B", false}, {"", false},
               {std::string(129, 'A'), false}});
  expectTable("isSchedulingWord", isSchedulingWord,
              {{"Exists", true}, {"NoSchedule", true}, {"No Schedule", false}, {"", false}, {"In1", false}});
  expectTable("isAnnotationValue", isAnnotationValue,
              {{"", true}, {"two\nlines", true}, {std::string(256 * 1024 + 1, 'a'), false}, {"bell\a", false}});
}

TEST(ConfigValidationOther, ImageTagTimezoneLocalPartDatabaseAndLogLevel) {
  expectTable("isImageTag", isImageTag,
              {{"2024.06", true}, {"2024.06.12", true}, {"latest", true}, {"_x", true}, {".x", false},
               {"-x", false}, {"a:b", false}, {times(128, 'a'), true}, {times(129, 'a'), false}, {"", false}});
  expectTable("isTimezoneName", isTimezoneName,
              {{"UTC", true}, {"Europe/Berlin", true}, {"Etc/GMT+1", true}, {"America/Argentina/Buenos_Aires", true},
               {"Europe Berlin", false}, {"/UTC", false}, {"Europe//Berlin", false}, {"", false},
               // Only IANA names: the shape of one is not enough, nor another case.
               {"Mars/Olympus", false}, {"Europe/Atlantis", false}, {"utc", false}, {"Europe/berlin", false},
               // Links (old names) are IANA names too; tzdata keeps them working.
               {"US/Eastern", true}, {"Asia/Calcutta", true}, {"Etc/GMT-14", true}, {"Etc/GMT+13", false}});
  expectTable("isMailLocalPart", isMailLocalPart,
              {{"admin", true}, {"root", true}, {"first.last+tag", true}, {"a@b", false}, {"a b", false},
               {"", false}});
  expectTable("isPostgresDatabaseName", isPostgresDatabaseName,
              {{"mailu", true}, {"mailu_prod", true}, {"0777", true}, {"a/b", false}, {"a b", false},
               {times(64, 'a'), false}});
  expectTable("isLogLevel", isLogLevel,
              {{"INFO", true}, {"DEBUG", true}, {"y", true}, {"WARN ING", false}, {"", false}});
}

TEST(ConfigValidationFormats, Ipv4NetworksAsKubernetesWritesThem) {
  EXPECT_EQ(parseIpv4Cidr("10.42.7.9/16")->network(), "10.42.0.0/16");
  EXPECT_EQ(parseIpv4Cidr("192.168.1.77/32")->network(), "192.168.1.77/32");
  EXPECT_EQ(parseIpv4Cidr("203.0.113.5/0")->network(), "0.0.0.0/0");
  EXPECT_EQ(parseIpv4Cidr("255.255.255.255/1")->network(), "128.0.0.0/1");
  EXPECT_FALSE(parseIpv4Cidr("10.42.0.0"));
  for (const char* good : {"10.0.0.0/8", "0.0.0.0/0", "169.254.20.10/32", "100.64.0.0/10"}) {
    EXPECT_TRUE(isIpv4Network(good)) << good;
  }
  for (const char* bad : {"10.0.0.1/8", "010.0.0.0/8", "10.0.0.0/08", "10.0.00.0/16", "10.0.0.0", "10.0.0.0/33"}) {
    EXPECT_FALSE(isIpv4Network(bad)) << bad;
  }
}

}  // namespace
}  // namespace mailu::validation
