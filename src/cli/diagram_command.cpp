#include "diagram_command.hpp"

#include <ostream>

#include "cdk8s/app.hpp"
#include "cdk8s/file_output.hpp"
#include "mailu/config_error.hpp"
#include "mailu/config_loader.hpp"
#include "synth_command.hpp"
#include "termination_signals.hpp"

namespace mailu::cli {

int writeDiagram(const std::filesystem::path& config, DiagramFormat format,
                 const std::optional<std::filesystem::path>& output, std::ostream& out, std::ostream& errors) {
  std::string text;
  try {
    const MailuChartConfig loaded = loadConfigFile(config);
    cdk8s::App app;
    MailuChart chart(app, "mailu", loaded);
    text = renderDiagram(deploymentGraph(chart), format, "Mailu for " + loaded.domain);
  } catch (const ConfigError& error) {
    for (const ConfigProblem& problem : error.problems()) {
      errors << "mailu-synth: " << cdk8s::displayPath(config) << ": " << problem.toString() << "\n";
    }
    return kExitInvalidInput;
  } catch (const std::exception& error) {
    errors << "mailu-synth: " << cdk8s::displayPath(config) << ": " << error.what() << "\n";
    return kExitFailed;
  }
  if (!output) {
    out << text;
    out.flush();
    return out ? kExitOk : kExitFailed;
  }
  if (cdk8s::fileHasContent(*output, text)) return kExitOk;  // its modification time kept
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
