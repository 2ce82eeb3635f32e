// Where a subcommand's one text goes (schema, diagram): standard output, or a
// file replaced whole, never half written, left alone when it already holds
// the text (its modification time kept), and no temporary file left behind,
// not even on a termination signal.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string_view>

namespace mailu::cli {

// kExitOk, or kExitFailed with one line on `errors` (the file, if any, then as it was).
int writeText(std::string_view text, const std::optional<std::filesystem::path>& output, std::ostream& out,
              std::ostream& errors);

}  // namespace mailu::cli
