#include "mailu/config_error.hpp"

#include <utility>

namespace mailu {

std::string ConfigProblem::toString() const {
  std::string text = path.empty() ? message : path + ": " + message;
  if (!got.empty()) text += " (got " + got + ")";
  return text;
}

namespace {

std::vector<ConfigProblem> atLeastOne(std::vector<ConfigProblem> problems) {
  if (problems.empty()) problems.push_back({"", "the config is invalid", ""});
  return problems;
}

std::string listProblems(const std::vector<ConfigProblem>& problems) {
  std::string text;
  for (const ConfigProblem& problem : problems) {
    if (!text.empty()) text += '\n';
    text += problem.toString();
  }
  return text;
}

}  // namespace

ConfigError::ConfigError(std::vector<ConfigProblem> problems, std::string source)
    : std::runtime_error(listProblems(atLeastOne(problems))),
      problems_(atLeastOne(std::move(problems))),
      source_(std::move(source)) {}

}  // namespace mailu
