// Reading a MailuChartConfig from YAML or JSON, and checking all of it.
//
// Validation happens here and only here: formats (domains, CIDR, sizes, CPU),
// required keys, types, enumerations, Kubernetes names, ports and the rules
// between fields. Unknown keys are refused with the nearest known key
// suggested. Every problem in the text is reported, not just the first.
//
// Both functions throw mailu::ConfigError and nothing else for any input.
#pragma once

#include <filesystem>
#include <string_view>

#include "mailu/config.hpp"
#include "mailu/config_error.hpp"

namespace mailu {

// `text` is YAML or JSON (JSON is read as YAML).
MailuChartConfig parseConfig(std::string_view text);

MailuChartConfig loadConfigFile(const std::filesystem::path& path);

}  // namespace mailu
