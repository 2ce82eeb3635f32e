#include "diagram_command.hpp"

#include <ostream>

#include "cdk8s/app.hpp"
#include "cdk8s/file_output.hpp"
#include "mailu/diagram_render.hpp"
#include "mailu/config_error.hpp"
#include "mailu/config_loader.hpp"
#include "synth_command.hpp"
#include "text_output.hpp"

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
  return writeText(text, output, out, errors);
}

}  // namespace mailu::cli
