// mailu-synth: synthesizes the Kubernetes manifests of a Mailu mail server
// from one or more config files.
#include <iostream>

#include <CLI/CLI.hpp>

#include "synth_command.hpp"
#include "termination_signals.hpp"

int main(int argc, char** argv) {
  // First, before any thread is started: every thread then inherits the
  // blocked signals, and only the signal thread takes them.
  mailu::cli::handleTerminationSignals();
  CLI::App app{"Synthesize the Kubernetes manifests of a Mailu mail server.", "mailu-synth"};
  app.set_version_flag("--version", std::string("mailu-synth ") + CDK8S_MAILU_VERSION);

  mailu::cli::SynthOptions options;
  std::vector<std::string> configs;
  std::string chartId;
  std::string outdir = "dist";
  app.add_option("-c,--config", configs,
                 "Config file (YAML or JSON). Repeat for several charts; each is named after its file.")
      ->required();
  auto* chartIdOption = app.add_option("--chart-id", chartId, "Chart id, with a single config (default: mailu)");
  app.add_option("-o,--outdir", outdir, "Output folder")->capture_default_str();
  app.add_flag("--stdout", options.toStdout, "Write the YAML to standard output instead of files");
  bool listSecrets = false;
  app.add_flag("--list-secrets", listSecrets,
               "Instead of writing manifests, list the Secrets they name and do not create (with their keys)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() != 0) {
      std::cerr << "mailu-synth: " << e.what() << "\n";
      return mailu::cli::kExitInvalidInput;
    }
    return app.exit(e);  // --help, --version
  }

  options.configs.assign(configs.begin(), configs.end());
  if (*chartIdOption) options.chartId = chartId;
  options.outdir = outdir;
  if (listSecrets) return mailu::cli::listSecrets(options, std::cout, std::cerr);
  return mailu::cli::runSynth(options, std::cout, std::cerr);
}
