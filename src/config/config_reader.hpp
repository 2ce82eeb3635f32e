// Private to the config loader: the walk that turns the document tree into a
// MailuChartConfig, checking every value and how the values go together.
#pragma once

#include <vector>

#include "document.hpp"
#include "mailu/config.hpp"
#include "mailu/config_error.hpp"
#include "schema_recorder.hpp"

namespace mailu::validation {

// Checks everything and returns the config; every problem found is appended
// to `problems` (the config is only meaningful when none were).
MailuChartConfig readConfig(const DocumentNode& root, std::vector<ConfigProblem>& problems);

// The same walk in recording mode: every key it reads, into `recorder`.
void recordConfigSchema(SchemaRecorder& recorder);

// The top-level key a JSON config names its schema with, for editors; the
// chart ignores it.
inline constexpr std::string_view kSchemaKey = "$schema";

}  // namespace mailu::validation
