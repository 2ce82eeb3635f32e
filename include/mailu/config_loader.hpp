// Reading a MailuChartConfig from YAML or JSON text, checking all of it.
//
// Contract: this is the only place configs are validated, and it is thorough:
// formats (as the TypeScript reference checks them), required keys, types
// without coercion, enumerations, Kubernetes names, ranges, the rules between
// fields, unknown keys (with the nearest known key suggested) and duplicate
// keys. Every problem in the text is reported at once, not just the first.
//
// Whatever bytes they are given, both functions either return a config that
// passed every check or throw mailu::ConfigError; no other exception, no crash.
// Inputs larger than 1 MiB, nested deeper than 64 levels, not UTF-8, or holding
// more than one YAML document are refused.
#pragma once

#include <filesystem>
#include <string_view>

#include "mailu/config.hpp"
#include "mailu/config_error.hpp"

namespace mailu {

// JSON is read as it is (it is YAML 1.2). `sourceName` ends up in
// ConfigError::source().
MailuChartConfig parseConfig(std::string_view text, std::string_view sourceName = "<config>");

// An unreadable file (missing, a directory, too large) is a ConfigError too,
// and so is anything that is not a regular file (a FIFO, a device, a
// socket): it is refused at once, without waiting for a writer.
MailuChartConfig loadConfigFile(const std::filesystem::path& path);

}  // namespace mailu
