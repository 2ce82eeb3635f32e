// The smallest config that loads, as a file's text and as a C++ value, and
// the problems a text is refused with: shared by the loader, validator and
// chart tests, which add or change what they test.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "mailu/config.hpp"
#include "mailu/config_error.hpp"
#include "mailu/config_loader.hpp"
#include "mailu/mailu_chart.hpp"

namespace testconfig {

inline constexpr std::string_view kMinimal =
    "domain: example.com\n"
    "hostnames: [mail.example.com]\n"
    "subnet: 10.42.0.0/16\n"
    "database: {type: sqlite}\n"
    "redis: {host: redis}\n"
    "secrets: {mailuSecretKey: mailu-secret-key}\n";

inline std::string withMinimal(std::string_view extra) { return std::string(kMinimal) + std::string(extra); }

// The same config as kMinimal.
inline mailu::MailuChartConfig minimalConfig() {
  mailu::MailuChartConfig config;
  config.domain = "example.com";
  config.hostnames = {"mail.example.com"};
  config.subnet = "10.42.0.0/16";
  config.redis.host = "redis";
  config.secrets.mailuSecretKey = "mailu-secret-key";
  return config;
}

// The problems a text is refused with; empty when it loads.
inline std::vector<mailu::ConfigProblem> problemsOf(std::string_view text) {
  try {
    mailu::parseConfig(text);
  } catch (const mailu::ConfigError& error) {
    return error.problems();
  }
  return {};
}

// Problems one a line, for a failing test's message.
inline std::string listed(const std::vector<mailu::ConfigProblem>& problems) {
  std::string text;
  for (const mailu::ConfigProblem& problem : problems) text += "  " + problem.toString() + "\n";
  return text;
}

// The paths of the problems MailuChart refuses a C++ config with, in order;
// empty when it builds the chart.
inline std::vector<std::string> chartRefusalPaths(const mailu::MailuChartConfig& config) {
  cdk8s::App app;
  try {
    mailu::MailuChart chart(app, "mailu", config);
  } catch (const mailu::ConfigError& error) {
    std::vector<std::string> paths;
    for (const mailu::ConfigProblem& problem : error.problems()) paths.push_back(problem.path);
    return paths;
  }
  return {};
}

// A config fragment refused with exactly one problem, at `path`; an unknown
// key's problem says so, a bad value's does not.
struct RefusedCase {
  std::string_view extra;        // added to kMinimal
  std::string_view path;         // the field the one problem names
  bool unknownKey = false;       // whether the problem is "unknown key ..."
};

inline void expectRefused(const RefusedCase& row) {
  const auto problems = problemsOf(withMinimal(row.extra));
  ASSERT_EQ(problems.size(), 1u) << row.extra << listed(problems);
  EXPECT_EQ(problems.front().path, row.path) << row.extra << listed(problems);
  EXPECT_EQ(problems.front().message.rfind("unknown key", 0) == 0, row.unknownKey) << row.extra << listed(problems);
}

}  // namespace testconfig
