// `mailu-synth diagram`: the picture of one config's deployment
// (mailu/deployment_diagram.hpp) as DOT or mermaid, on standard output or
// into a file replaced whole.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>

#include "mailu/diagram_render.hpp"

namespace mailu::cli {

// kExitOk; kExitInvalidInput with one line per problem of the config;
// kExitFailed with one line when the chart cannot be built or the file cannot
// be written (any old one is then as it was).
int writeDiagram(const std::filesystem::path& config, DiagramFormat format,
                 const std::optional<std::filesystem::path>& output, std::ostream& out, std::ostream& errors);

}  // namespace mailu::cli
