// The mail policy keys of `mailu` (issue 15), mailu.fullTextSearch among them: each writes the Mailu variable
// that really reads it into the shared env ConfigMap, only when given, and
// refuses what Mailu would misread, naming the field. Who reads each
// variable: tests/data/mailu-contract/env-reads.tsv (the contract test checks
// the manifests against it).
#include <map>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "cdk8s/testing.hpp"
#include "config_fixtures.hpp"
#include "manifest_objects.hpp"
#include "mailu/mailu_chart.hpp"

namespace {

using cdk8s::Json;
using testconfig::listed;
using testconfig::problemsOf;
using testconfig::withMinimal;

// The shared env ConfigMap's data, as synthesized.
std::map<std::string, std::string> sharedEnvironment(std::string_view extra) {
  cdk8s::App app;
  mailu::MailuChart chart(app, "mailu", mailu::parseConfig(withMinimal(extra)));
  return testmanifest::objectNamed(cdk8s::Testing::synth(chart), "ConfigMap", chart.sharedConfigMap().name())
      .at("data")
      .get<std::map<std::string, std::string>>();
}

struct Written {
  std::string_view extra;
  std::map<std::string, std::string> variables;  // what the key adds or changes
};

const Written kWritten[] = {
    {"mailu: {postmaster: hostmaster}\n", {{"POSTMASTER", "hostmaster"}}},
    // mailu.postmaster wins over the initial account's name, which is the default otherwise.
    {"mailu: {initialAccount: {username: admin}}\n", {{"POSTMASTER", "admin"}}},
    {"mailu: {postmaster: hostmaster, initialAccount: {username: admin}}\n", {{"POSTMASTER", "hostmaster"}}},
    {"mailu: {recipientDelimiter: '+-'}\n", {{"RECIPIENT_DELIMITER", "+-"}}},
    {"mailu: {dmarc: {rua: dmarc-reports, ruf: dmarc-failures}}\n",
     {{"DMARC_RUA", "dmarc-reports"}, {"DMARC_RUF", "dmarc-failures"}}},
    {"mailu: {dmarc: {rua: reports}}\n", {{"DMARC_RUA", "reports"}}},
    {"mailu: {wildcardSenders: [relay@example.com, Boss@Example.com]}\n",
     {{"WILDCARD_SENDERS", "relay@example.com,Boss@Example.com"}}},
    {"mailu: {wildcardSenders: []}\n", {}},
    {"mailu: {welcome: {enabled: true, subject: Welcome, body: \"Hello,\\n\\nyour mailbox is ready.\"}}\n",
     {{"WELCOME", "true"}, {"WELCOME_SUBJECT", "Welcome"}, {"WELCOME_BODY", "Hello,\n\nyour mailbox is ready."}}},
    {"mailu: {welcome: {enabled: false}}\n", {{"WELCOME", "false"}}},
    {"mailu: {defaultQuota: 2Gi}\n", {{"DEFAULT_QUOTA", "2147483648"}}},
    {"mailu: {defaultQuota: 1.5Ki}\n", {{"DEFAULT_QUOTA", "1536"}}},
    {"mailu: {defaultSpamThreshold: 0}\n", {{"DEFAULT_SPAM_THRESHOLD", "0"}}},
    {"mailu: {defaultSpamThreshold: 95}\n", {{"DEFAULT_SPAM_THRESHOLD", "95"}}},
    {"mailu: {authRatelimit: {ip: 10/hour, ipv4Mask: 32, ipv6Mask: 64, user: 100/day,"
     " exemption: [192.168.1.0/24, 'fd00::/8'], exemptionLength: 3600}}\n",
     {{"AUTH_RATELIMIT_IP", "10/hour"},
      {"AUTH_RATELIMIT_IP_V4_MASK", "32"},
      {"AUTH_RATELIMIT_IP_V6_MASK", "64"},
      {"AUTH_RATELIMIT_USER", "100/day"},
      {"AUTH_RATELIMIT_EXEMPTION", "192.168.1.0/24,fd00::/8"},
      {"AUTH_RATELIMIT_EXEMPTION_LENGTH", "3600"}}},
    {"mailu: {authRatelimit: {exemptionLength: 0}}\n", {{"AUTH_RATELIMIT_EXEMPTION_LENGTH", "0"}}},
    {"mailu: {messageRatelimit: {value: 50/hour, exemption: [newsletter@example.com]}}\n",
     {{"MESSAGE_RATELIMIT", "50/hour"}, {"MESSAGE_RATELIMIT_EXEMPTION", "newsletter@example.com"}}},
    {"mailu: {tls: {outboundLevel: encrypt, inboundEnforce: true, deferOnError: true}}\n",
     {{"OUTBOUND_TLS_LEVEL", "encrypt"}, {"INBOUND_TLS_ENFORCE", "true"}, {"DEFER_ON_TLS_ERROR", "true"}}},
    {"mailu: {tls: {inboundEnforce: false}}\n", {{"INBOUND_TLS_ENFORCE", "false"}}},
    // Postfix's templates see the raw text, where "false" is true: only the empty text turns it off.
    {"mailu: {tls: {deferOnError: false}}\n", {{"DEFER_ON_TLS_ERROR", ""}}},
    // Dovecot's fts_languages, the first the default (core/dovecot/conf/dovecot.conf).
    {"mailu: {fullTextSearch: {languages: [de, en]}}\n", {{"FULL_TEXT_SEARCH", "de,en"}}},
    {"mailu: {fullTextSearch: {enabled: true, languages: [fr]}}\n", {{"FULL_TEXT_SEARCH", "fr"}}},
    // Mailu's default (on, in English) holds without the languages.
    {"mailu: {fullTextSearch: {enabled: true}}\n", {}},
    {"mailu: {fullTextSearch: {}}\n", {}},
    {"mailu: {fullTextSearch: {enabled: false}}\n", {{"FULL_TEXT_SEARCH", "off"}}},
};

TEST(MailPolicy, EachKeyWritesTheVariableMailuReads) {
  const std::map<std::string, std::string> base = sharedEnvironment("");
  for (const Written& row : kWritten) {
    SCOPED_TRACE(row.extra);
    ASSERT_EQ(listed(problemsOf(withMinimal(row.extra))), "");
    std::map<std::string, std::string> expected = base;
    for (const auto& [name, value] : row.variables) expected[name] = value;
    EXPECT_EQ(sharedEnvironment(row.extra), expected);
  }
}

TEST(MailPolicy, NoneOfTheVariablesWithoutTheKeys) {
  const std::map<std::string, std::string> base = sharedEnvironment("");
  for (const Written& row : kWritten) {
    for (const auto& [name, value] : row.variables) {
      if (name != "POSTMASTER") {
        EXPECT_EQ(base.count(name), 0u) << name;
      }
    }
  }
  EXPECT_EQ(base.at("POSTMASTER"), "postmaster");
}

const testconfig::RefusedCase kRefused[] = {
    {"mailu: {postmaster: 'post master'}\n", "mailu.postmaster"},
    {"mailu: {postmaster: ''}\n", "mailu.postmaster"},
    {"mailu: {recipientDelimiter: '#'}\n", "mailu.recipientDelimiter"},  // a comment in dovecot.conf
    {"mailu: {recipientDelimiter: '++'}\n", "mailu.recipientDelimiter"},
    {"mailu: {recipientDelimiter: 'a'}\n", "mailu.recipientDelimiter"},
    {"mailu: {dmarc: {rua: reports@example.com}}\n", "mailu.dmarc.rua"},  // Mailu appends @domain
    {"mailu: {dmarc: {ruf: 'a b'}}\n", "mailu.dmarc.ruf"},
    {"mailu: {dmarc: {other: x}}\n", "mailu.dmarc.other", true},
    {"mailu: {wildcardSenders: relay@example.com}\n", "mailu.wildcardSenders"},
    {"mailu: {wildcardSenders: [relay]}\n", "mailu.wildcardSenders[0]"},
    {"mailu: {wildcardSenders: [a@example.com, 'b@']}\n", "mailu.wildcardSenders[1]"},
    {"mailu: {welcome: {enabled: yes please}}\n", "mailu.welcome.enabled"},
    {"mailu: {welcome: {subject: ''}}\n", "mailu.welcome.subject"},
    {"mailu: {welcome: {body: \"a\\u0007b\"}}\n", "mailu.welcome.body"},
    {"mailu: {defaultQuota: 1000000000}\n", "mailu.defaultQuota"},
    {"mailu: {defaultQuota: 0.1Ki}\n", "mailu.defaultQuota"},
    {"mailu: {defaultQuota: 0Gi}\n", "mailu.defaultQuota"},
    {"mailu: {defaultQuota: 9Pi}\n", "mailu.defaultQuota"},
    {"mailu: {defaultSpamThreshold: 101}\n", "mailu.defaultSpamThreshold"},
    {"mailu: {defaultSpamThreshold: -1}\n", "mailu.defaultSpamThreshold"},
    {"mailu: {authRatelimit: {ip: 5 per hour}}\n", "mailu.authRatelimit.ip"},
    {"mailu: {authRatelimit: {ip: 0/hour}}\n", "mailu.authRatelimit.ip"},
    {"mailu: {authRatelimit: {user: 50/week}}\n", "mailu.authRatelimit.user"},
    {"mailu: {authRatelimit: {ipv4Mask: 33}}\n", "mailu.authRatelimit.ipv4Mask"},
    {"mailu: {authRatelimit: {ipv6Mask: 129}}\n", "mailu.authRatelimit.ipv6Mask"},
    {"mailu: {authRatelimit: {exemption: [10.0.0.0]}}\n", "mailu.authRatelimit.exemption[0]"},
    {"mailu: {authRatelimit: {exemption: ['fd00::/129']}}\n", "mailu.authRatelimit.exemption[0]"},
    {"mailu: {authRatelimit: {exemption: ['fd00:::1/64']}}\n", "mailu.authRatelimit.exemption[0]"},
    {"mailu: {authRatelimit: {exemptionLength: -1}}\n", "mailu.authRatelimit.exemptionLength"},
    {"mailu: {messageRatelimit: {value: 200}}\n", "mailu.messageRatelimit.value"},
    {"mailu: {messageRatelimit: {exemption: [newsletter]}}\n", "mailu.messageRatelimit.exemption[0]"},
    {"mailu: {tls: {outboundLevel: none}}\n", "mailu.tls.outboundLevel"},
    {"mailu: {tls: {outboundLevel: fingerprint}}\n", "mailu.tls.outboundLevel"},
    {"mailu: {tls: {deferOnError: 'False'}}\n", "mailu.tls.deferOnError"},
    {"mailu: {fullTextSearch: {languages: [english]}}\n", "mailu.fullTextSearch.languages[0]"},
    {"mailu: {fullTextSearch: {languages: [en, EN]}}\n", "mailu.fullTextSearch.languages[1]"},
    {"mailu: {fullTextSearch: {languages: [ja]}}\n", "mailu.fullTextSearch.languages[0]"},  // not in dovecot 2.3
    {"mailu: {fullTextSearch: {languages: ['off']}}\n", "mailu.fullTextSearch.languages[0]"},  // enabled: false says it
    {"mailu: {fullTextSearch: {languages: []}}\n", "mailu.fullTextSearch.languages"},
    {"mailu: {fullTextSearch: {languages: en}}\n", "mailu.fullTextSearch.languages"},
    {"mailu: {fullTextSearch: {enabled: false, languages: [en]}}\n", "mailu.fullTextSearch.languages"},
    {"mailu: {fullTextSearch: {enabled: off}}\n", "mailu.fullTextSearch.enabled"},
    {"mailu: {fullTextSearch: {attachments: true}}\n", "mailu.fullTextSearch.attachments", true},
};

TEST(MailPolicy, RefusedValuesNameTheField) {
  for (const testconfig::RefusedCase& row : kRefused) testconfig::expectRefused(row);
}

// A config built in C++ is refused alike (MailuChart validates it).
TEST(MailPolicy, CppConfigsAreCheckedToo) {
  mailu::MailuChartConfig config = testconfig::minimalConfig();
  config.mailu = mailu::MailuSettings{.recipientDelimiter = "#", .defaultQuota = "0.1Ki"};
  EXPECT_EQ(testconfig::chartRefusalPaths(config),
            (std::vector<std::string>{"mailu.recipientDelimiter", "mailu.defaultQuota"}));
}

}  // namespace
