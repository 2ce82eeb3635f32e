// Checking a MailuChartConfig by the rules a config file is checked by.
//
// Contract: configProblems returns every problem of `config`, each naming the
// field the way a config file spells it ("resources.admin.requests.cpu") with
// the offending value; an empty list means the loader would have returned
// this config as it is. validate throws mailu::ConfigError listing them.
// The rules: the value formats, ranges and rules between fields of
// config_loader.hpp, and what Kubernetes would refuse once the defaults are
// applied (a request above its limit, given or default; a quantity that
// cannot be written). The loader and MailuChart both call it, so a config
// built in C++ is refused exactly when the same config in a file is.
#pragma once

#include <vector>

#include "mailu/config.hpp"
#include "mailu/config_error.hpp"

namespace mailu {

std::vector<ConfigProblem> configProblems(const MailuChartConfig& config);
void validate(const MailuChartConfig& config);

}  // namespace mailu
