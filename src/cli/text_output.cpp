#include "text_output.hpp"

#include <ostream>

#include "cdk8s/file_output.hpp"
#include "synth_command.hpp"
#include "termination_signals.hpp"

namespace mailu::cli {

int writeText(std::string_view text, const std::optional<std::filesystem::path>& output, std::ostream& out,
              std::ostream& errors) {
  if (!output) {
    out << text;
    out.flush();
    return out ? kExitOk : kExitFailed;
  }
  if (cdk8s::fileHasContent(*output, text)) return kExitOk;
  cdk8s::FileBatch batch;
  const AbandonOnSignal abandonOnSignal(batch);
  try {
    batch.stage(*output, text);
    batch.commit();
  } catch (const std::exception& e) {
    errors << "mailu-synth: " << e.what() << "\n";
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace mailu::cli
