// Private to the config loader: the walk that turns the document tree into a
// MailuChartConfig, checking every value and how the values go together.
#pragma once

#include <vector>

#include "document.hpp"
#include "mailu/config.hpp"
#include "mailu/config_error.hpp"

namespace mailu::validation {

// Checks everything and returns the config; every problem found is appended
// to `problems` (the config is only meaningful when none were).
MailuChartConfig readConfig(const DocumentNode& root, std::vector<ConfigProblem>& problems);

}  // namespace mailu::validation
