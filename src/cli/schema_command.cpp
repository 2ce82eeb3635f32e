#include "schema_command.hpp"

#include <ostream>

#include "cdk8s/file_output.hpp"
#include "mailu/config_schema.hpp"
#include "synth_command.hpp"
#include "termination_signals.hpp"

namespace mailu::cli {

int writeConfigSchema(const std::optional<std::filesystem::path>& output, std::ostream& out, std::ostream& errors) {
  const std::string schema = configSchema();
  if (!output) {
    out << schema;
    out.flush();
    return out ? kExitOk : kExitFailed;
  }
  if (cdk8s::fileHasContent(*output, schema)) return kExitOk;  // its modification time kept
  cdk8s::FileBatch batch;
  const AbandonOnSignal abandonOnSignal(batch);
  try {
    batch.stage(*output, schema);
    batch.commit();
  } catch (const std::exception& e) {
    errors << "mailu-synth: " << e.what() << "\n";
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace mailu::cli
