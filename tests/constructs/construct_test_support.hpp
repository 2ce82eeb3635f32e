// What the construct tests share: a chart with a shared env ConfigMap and a
// ComponentContext pointing at it, and accessors into rendered Deployments.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "cdk8s/chart.hpp"
#include "cdk8s/json.hpp"
#include "cdk8s_plus/config_map.hpp"
#include "cdk8s_plus/deployment.hpp"
#include "mailu/constructs/component.hpp"

namespace mailu::construct_test {

using cdk8s::Json;

class ConstructTest : public ::testing::Test {
 protected:
  cdk8s::App app;
  cdk8s::Chart chart{app, "test"};
  cdk8s::plus::ConfigMap shared{chart, "env", {.metadata = {.namespace_ = "mail"}}};
  ComponentContext context{.namespaceName = "mail", .sharedConfigMap = &shared, .mailuSecretName = "mailu-secret"};
  ResourceSettings resources{"100m", "256Mi", "500m", "512Mi"};

  // The context of a PostgreSQL deployment.
  ComponentContext withDatabase() const {
    ComponentContext c = context;
    c.database = DatabaseSettings{
        .address = "pg:5433", .name = "mail", .secretName = "pg-app", .usernameKey = "user", .passwordKey = "pass"};
    return c;
  }
};

inline Json podSpec(cdk8s::plus::Deployment& deployment) {
  return deployment.apiObject().toJson().at("spec").at("template").at("spec");
}

inline Json container(cdk8s::plus::Deployment& deployment) { return podSpec(deployment).at("containers").at(0); }

// Names of the container's env variables, in order.
inline std::vector<std::string> envNames(const Json& container) {
  std::vector<std::string> names;
  if (container.contains("env")) {
    for (const Json& var : container.at("env")) names.push_back(var.at("name"));
  }
  return names;
}

// The env entry named `name`, or null.
inline Json envVar(const Json& container, const std::string& name) {
  if (container.contains("env")) {
    for (const Json& var : container.at("env")) {
      if (var.at("name") == name) return var;
    }
  }
  return nullptr;
}

// {name, port} of each port of a rendered Service, checking each targets the
// same port over TCP.
inline std::vector<std::pair<std::string, int>> servicePorts(const Json& service) {
  std::vector<std::pair<std::string, int>> ports;
  for (const Json& port : service.at("spec").at("ports")) {
    EXPECT_EQ(port.at("targetPort"), port.at("port"));
    EXPECT_EQ(port.at("protocol"), "TCP");
    ports.emplace_back(port.at("name"), port.at("port"));
  }
  return ports;
}

// The documents of `docs` of this kind.
inline std::vector<Json> ofKind(const std::vector<Json>& docs, const std::string& kind) {
  std::vector<Json> found;
  for (const Json& doc : docs) {
    if (doc.at("kind") == kind) found.push_back(doc);
  }
  return found;
}

// Each anvil parameter on a line of its own in postfix.cf, as `postconf -e` takes it.
inline void expectAnvilLimits(const std::string& cf, const std::string& connectionRate, const std::string& connectionCount,
                       const std::string& messageRate, const std::string& recipientRate, const std::string& timeUnit) {
  for (const auto& [parameter, value] : {std::pair{"smtpd_client_connection_rate_limit", connectionRate},
                                         std::pair{"smtpd_client_connection_count_limit", connectionCount},
                                         std::pair{"smtpd_client_message_rate_limit", messageRate},
                                         std::pair{"smtpd_client_recipient_rate_limit", recipientRate},
                                         std::pair{"anvil_rate_time_unit", timeUnit}}) {
    const std::string line = fmt::format("\n{} = {}\n", parameter, value);
    EXPECT_NE(cf.find(line), std::string::npos) << line << " in\n" << cf;
  }
}

}  // namespace mailu::construct_test
