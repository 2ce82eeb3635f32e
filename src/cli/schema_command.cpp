#include "schema_command.hpp"

#include "mailu/config_schema.hpp"
#include "text_output.hpp"

namespace mailu::cli {

int writeConfigSchema(const std::optional<std::filesystem::path>& output, std::ostream& out, std::ostream& errors) {
  return writeText(configSchema(), output, out, errors);
}

}  // namespace mailu::cli
