// The smarthost (`relay`, issue 15): postfix gets RELAYHOST and, with a
// Secret, RELAYUSER and RELAYPASSWORD by reference (core/postfix/conf/main.cf,
// conf/sasl_passwd, start.py); RELAYNETS reaches postfix and rspamd through
// the shared ConfigMap; with egress policies, postfix may reach the relay's
// port. Nothing of this without the key.
#include <map>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "cdk8s/testing.hpp"
#include "config_fixtures.hpp"
#include "manifest_objects.hpp"
#include "mailu/mailu_chart.hpp"
#include "mailu/required_secrets.hpp"

namespace {

using cdk8s::Json;
using testconfig::listed;
using testmanifest::objectNamed;
using testconfig::problemsOf;
using testconfig::withMinimal;

struct Synthesized {
  std::vector<Json> objects;
  std::string postfixDeployment;
  std::string sharedConfigMap;
  std::string requiredSecrets;
};

Synthesized synthesize(std::string_view extra) {
  cdk8s::App app;
  mailu::MailuChart chart(app, "mailu", mailu::parseConfig(withMinimal(extra)));
  return {cdk8s::Testing::synth(chart), chart.postfix()->deployment().name(), chart.sharedConfigMap().name(),
          mailu::describeRequiredSecrets(mailu::requiredSecrets(chart))};
}

// The postfix container's env, by name.
std::map<std::string, Json> postfixEnv(const Synthesized& chart) {
  std::map<std::string, Json> env;
  const Json& container =
      objectNamed(chart.objects, "Deployment", chart.postfixDeployment).at("spec").at("template").at("spec").at("containers").at(0);
  for (const Json& variable : container.value("env", Json::array())) env[variable.at("name")] = variable;
  return env;
}

Json secretRef(const std::string& secret, const std::string& key) {
  return Json{{"secretKeyRef", Json{{"key", key}, {"name", secret}}}};
}

TEST(Relay, HostPortAndLoginByReference) {
  const Synthesized chart = synthesize(
      "relay: {host: smtp.relay.example.net, port: 2525, secretName: relay-login,"
      " secretKeys: {username: user, password: pass}}\n");
  const auto env = postfixEnv(chart);
  EXPECT_EQ(env.at("RELAYHOST").at("value"), "[smtp.relay.example.net]:2525");
  EXPECT_EQ(env.at("RELAYUSER").at("valueFrom"), secretRef("relay-login", "user"));
  EXPECT_EQ(env.at("RELAYPASSWORD").at("valueFrom"), secretRef("relay-login", "pass"));
  EXPECT_NE(chart.requiredSecrets.find("mailu/relay-login: keys pass, user (read by postfix)\n"), std::string::npos)
      << chart.requiredSecrets;
}

TEST(Relay, DefaultsToTheSubmissionPortAndTheUsualKeys) {
  const auto env = postfixEnv(synthesize("relay: {host: smtp.relay.example.net, secretName: relay-login}\n"));
  EXPECT_EQ(env.at("RELAYHOST").at("value"), "[smtp.relay.example.net]:587");
  EXPECT_EQ(env.at("RELAYUSER").at("valueFrom"), secretRef("relay-login", "username"));
  EXPECT_EQ(env.at("RELAYPASSWORD").at("valueFrom"), secretRef("relay-login", "password"));
}

TEST(Relay, WithoutASecretNoLogin) {
  const auto env = postfixEnv(synthesize("relay: {host: 10.1.2.3}\n"));
  EXPECT_EQ(env.at("RELAYHOST").at("value"), "[10.1.2.3]:587");
  EXPECT_EQ(env.count("RELAYUSER"), 0u);  // start.py writes sasl_passwd only with RELAYUSER
  EXPECT_EQ(env.count("RELAYPASSWORD"), 0u);
}

TEST(Relay, NothingWithoutTheKey) {
  const Synthesized chart = synthesize("");
  const auto env = postfixEnv(chart);
  for (const char* name : {"RELAYHOST", "RELAYUSER", "RELAYPASSWORD"}) EXPECT_EQ(env.count(name), 0u) << name;
  EXPECT_FALSE(objectNamed(chart.objects, "ConfigMap", chart.sharedConfigMap).at("data").contains("RELAYNETS"));
}

TEST(Relay, RelayNetsGoToTheSharedConfigMap) {
  const Synthesized chart = synthesize("relay: {relayNets: [192.168.10.0/24, 'fd00:10::/48']}\n");
  EXPECT_EQ(objectNamed(chart.objects, "ConfigMap", chart.sharedConfigMap).at("data").at("RELAYNETS"),
            "192.168.10.0/24,fd00:10::/48");
  EXPECT_EQ(postfixEnv(chart).count("RELAYHOST"), 0u);
}

// The egress rules of postfix's NetworkPolicy that allow `port` over TCP.
std::vector<Json> egressTo(const Synthesized& chart, int port) {
  std::vector<Json> rules;
  for (const Json& object : chart.objects) {
    if (object.at("kind") != "NetworkPolicy" || object.at("metadata").at("name").get<std::string>().find("postfix") ==
                                                    std::string::npos) {
      continue;
    }
    for (const Json& rule : object.at("spec").value("egress", Json::array())) {
      for (const Json& p : rule.value("ports", Json::array())) {
        if (p.value("port", 0) == port) rules.push_back(rule);
      }
    }
  }
  return rules;
}

TEST(Relay, EgressPoliciesLetPostfixReachTheRelayPort) {
  const std::string egress = "networkPolicies: {egress: true}\n";
  EXPECT_TRUE(egressTo(synthesize(egress), 2587).empty());
  const auto rules = egressTo(synthesize(egress + "relay: {host: smtp.relay.example.net, port: 2587}\n"), 2587);
  ASSERT_EQ(rules.size(), 1u);
  ASSERT_EQ(rules[0].at("to").size(), 1u);
  EXPECT_EQ(rules[0].at("to").at(0).at("ipBlock").at("cidr"), "0.0.0.0/0");
}

const testconfig::RefusedCase kRefused[] = {
    {"relay: {host: 'smtp.example.net:587'}\n", "relay.host"},  // the port has its own key
    {"relay: {host: smtp.example.net, port: 0}\n", "relay.port"},
    {"relay: {host: smtp.example.net, secretName: Relay_Login}\n", "relay.secretName"},
    {"relay: {host: smtp.example.net, secretKeys: {username: u, password: p}}\n", "relay.secretKeys"},
    {"relay: {host: smtp.example.net, secretName: s, secretKeys: {username: u}}\n", "relay.secretKeys.password"},
    {"relay: {port: 587, relayNets: [10.1.0.0/16]}\n", "relay.port"},
    {"relay: {secretName: s, relayNets: [10.1.0.0/16]}\n", "relay.secretName"},
    {"relay: {}\n", "relay"},
    {"relay: {relayNets: []}\n", "relay"},
    {"relay: {relayNets: [0.0.0.0/0]}\n", "relay.relayNets[0]"},  // an open relay
    {"relay: {relayNets: [10.0.0.0/7]}\n", "relay.relayNets[0]"},
    {"relay: {relayNets: ['::/0']}\n", "relay.relayNets[0]"},
    {"relay: {relayNets: ['2000::/3']}\n", "relay.relayNets[0]"},
    {"relay: {relayNets: [10.1.0.0]}\n", "relay.relayNets[0]"},
    {"relay: {relayNets: 10.1.0.0/16}\n", "relay.relayNets"},
    {"relay: {host: smtp.example.net, username: u}\n", "relay.username", true},
};

TEST(Relay, RefusedValuesNameTheField) {
  for (const testconfig::RefusedCase& row : kRefused) testconfig::expectRefused(row);
}

// On the PROXY listener the client address comes from the header, which any
// peer of port 2525 can write: relayNets there need the policy that keeps
// all but the ingress controller away.
TEST(Relay, RelayNetsBehindThePROXYListenerNeedTheIngressControllerPeer) {
  const std::string traefik =
      "ingress: {enabled: true, type: traefik, traefik: {hostname: mail.example.com}}\n"
      "relay: {relayNets: [192.168.10.0/24, 'fd00:10::/48']}\n";
  const auto refused = problemsOf(withMinimal(traefik));
  ASSERT_EQ(refused.size(), 1u) << listed(refused);
  EXPECT_EQ(refused.front().path, "relay.relayNets");
  // A peer without policies keeps nobody away.
  const auto withoutPolicies =
      problemsOf(withMinimal(traefik + "networkPolicies: {enabled: false, ingressController: {namespace: traefik}}\n"));
  ASSERT_EQ(withoutPolicies.size(), 1u) << listed(withoutPolicies);
  EXPECT_EQ(withoutPolicies.front().path, "relay.relayNets");
  EXPECT_EQ(listed(problemsOf(withMinimal(
                "ingress: {enabled: true, type: traefik, traefik: {hostname: mail.example.com, proxyProtocol: false}}\n"
                "relay: {relayNets: [192.168.10.0/24]}\n"))),
            "");  // no PROXY listener

  const Synthesized chart = synthesize(traefik + "networkPolicies: {ingressController: {namespace: traefik}}\n");
  for (const Json& object : chart.objects) {
    if (object.at("kind") != "ConfigMap" || !object.contains("data") || !object.at("data").contains("postfix.master")) {
      continue;
    }
    const std::string master = object.at("data").at("postfix.master");
    EXPECT_NE(master.find(" -o mynetworks=127.0.0.1/32,192.168.10.0/24,[fd00:10::]/48\n"), std::string::npos) << master;
    return;
  }
  ADD_FAILURE() << "no postfix.master";
}

}  // namespace
