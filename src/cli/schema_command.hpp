// `mailu-synth schema`: the JSON Schema of the config (mailu/config_schema.hpp)
// on standard output, or into a file replaced whole.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>

namespace mailu::cli {

// kExitOk, or kExitFailed with one line when the file cannot be written (the
// old file, if any, is then as it was).
int writeConfigSchema(const std::optional<std::filesystem::path>& output, std::ostream& out, std::ostream& errors);

}  // namespace mailu::cli
