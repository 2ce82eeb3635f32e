// admin.dns (issue 15): Mailu's admin waits forever at start until its
// resolver validates DNSSEC (core/admin/start.py, test_DNS), so the admin pod
// can be given its own resolver (dnsPolicy None + dnsConfig); the other pods
// keep the cluster's DNS.
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "cdk8s/testing.hpp"
#include "config_fixtures.hpp"
#include "mailu/mailu_chart.hpp"

namespace {

using cdk8s::Json;
using testconfig::listed;
using testconfig::problemsOf;
using testconfig::withMinimal;

// Each Deployment's pod spec, by component.
std::map<std::string, Json> podSpecs(std::string_view extra) {
  cdk8s::App app;
  mailu::MailuChart chart(app, "mailu", mailu::parseConfig(withMinimal(extra)));
  std::map<std::string, Json> pods;
  for (const Json& object : cdk8s::Testing::synth(chart)) {
    if (object.at("kind") != "Deployment") continue;
    pods[object.at("metadata").at("labels").at("app.kubernetes.io/component")] =
        object.at("spec").at("template").at("spec");
  }
  return pods;
}

TEST(AdminDns, GivesTheAdminPodItsOwnResolver) {
  const auto pods = podSpecs(
      "admin:\n"
      "  dns:\n"
      "    nameservers: [1.1.1.1, '2606:4700:4700::1111']\n"
      "    searches: [mailu.svc.cluster.local]\n"
      "    options: [{name: ndots, value: 2}, {name: trust-ad}]\n");
  EXPECT_EQ(pods.at("admin").at("dnsPolicy"), "None");
  EXPECT_EQ(pods.at("admin").at("dnsConfig"), Json::parse(R"({"nameservers": ["1.1.1.1", "2606:4700:4700::1111"],
      "options": [{"name": "ndots", "value": "2"}, {"name": "trust-ad"}], "searches": ["mailu.svc.cluster.local"]})"));
  for (const auto& [component, pod] : pods) {
    if (component == "admin") continue;
    EXPECT_EQ(pod.at("dnsPolicy"), "ClusterFirst") << component;
    EXPECT_FALSE(pod.contains("dnsConfig")) << component;
  }
}

TEST(AdminDns, ClusterDnsWithoutTheKey) {
  const Json admin = podSpecs("").at("admin");
  EXPECT_EQ(admin.at("dnsPolicy"), "ClusterFirst");
  EXPECT_FALSE(admin.contains("dnsConfig"));
}

const testconfig::RefusedCase kRefused[] = {
    {"admin: {dns: {}}\n", "admin.dns.nameservers"},
    {"admin: {dns: {nameservers: []}}\n", "admin.dns.nameservers"},
    {"admin: {dns: {nameservers: [1.1.1.1, 1.0.0.1, 8.8.8.8, 8.8.4.4]}}\n", "admin.dns.nameservers"},
    {"admin: {dns: {nameservers: [dns.example.com]}}\n", "admin.dns.nameservers[0]"},
    {"admin: {dns: {nameservers: [1.1.1.256]}}\n", "admin.dns.nameservers[0]"},
    {"admin: {dns: {nameservers: [1.1.1.1], searches: [Example.COM]}}\n", "admin.dns.searches[0]"},
    {"admin: {dns: {nameservers: [1.1.1.1], searches: [a.io, b.io, c.io, d.io, e.io, f.io, g.io]}}\n",
     "admin.dns.searches"},
    {"admin: {dns: {nameservers: [1.1.1.1], options: [{value: 2}]}}\n", "admin.dns.options[0].name"},
    {"admin: {dns: {nameservers: [1.1.1.1], options: [{name: 'nd ots'}]}}\n", "admin.dns.options[0].name"},
    {"admin: {dns: {nameservers: [1.1.1.1], options: [{name: ndots, value: 'a b'}]}}\n",
     "admin.dns.options[0].value"},
    {"admin: {dns: {nameservers: [1.1.1.1], options: ndots}}\n", "admin.dns.options"},
    {"admin: {dns: {nameservers: [1.1.1.1], policy: None}}\n", "admin.dns.policy", true},
    {"admin: {replicas: 2}\n", "admin.replicas", true},
};

TEST(AdminDns, RefusedValuesNameTheField) {
  for (const testconfig::RefusedCase& row : kRefused) testconfig::expectRefused(row);
}

}  // namespace
