// mailu-synth: synthesizes the Kubernetes manifests of a Mailu mail server
// from one or more config files. Subcommands name the other tools; without
// one, `synth` runs, so `mailu-synth --config FILE` works as it always has.
// A subcommand is the first word; only its options are built, since CLI11
// spends some 20,000 instructions on each option it is given, and a
// one-chart run takes about 6 million in all.
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <CLI/CLI.hpp>

#include "diagram_command.hpp"
#include "dns_command.hpp"
#include "init_command.hpp"
#include "schema_command.hpp"
#include "synth_command.hpp"
#include "termination_signals.hpp"

namespace {

// The options `synth` and `check` share, bound to `options`.
struct ChartOptions {
  mailu::cli::SynthOptions options;
  std::vector<std::string> configs;
  std::string chartId;
  std::string outdir = "dist";
  std::string outputType = "file-per-chart";
  CLI::Option* chartIdOption = nullptr;

  void addTo(CLI::App& app, bool required) {
    auto* config = app.add_option("-c,--config", configs,
                                  "Config file (YAML or JSON). Repeat for several charts; each is named after its file.");
    if (required) config->required();
    chartIdOption = app.add_option("--chart-id", chartId, "Chart id, with a single config (default: mailu)");
    app.add_option("-o,--outdir", outdir, "Output folder")->capture_default_str();
    app.add_flag("--stdout", options.toStdout, "Write the YAML to standard output instead of files");
  }

  mailu::cli::SynthOptions resolved() {
    options.configs.assign(configs.begin(), configs.end());
    if (*chartIdOption) options.chartId = chartId;
    options.outdir = outdir;
    options.outputType = outputType == "file-per-resource" ? mailu::cli::OutputType::kFilePerResource
                                                           : mailu::cli::OutputType::kFilePerChart;
    return options;
  }
};

// Parses the command line into `app`; the exit status when the run ends
// there (help, version, a bad option), none when it goes on.
std::optional<int> parse(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() != 0) {
      std::cerr << "mailu-synth: " << e.what() << "\n";
      return mailu::cli::kExitInvalidInput;
    }
    return app.exit(e);  // --help, --version
  }
  return std::nullopt;
}

constexpr const char* kSubcommands =
    "Subcommands (the first word; `mailu-synth <subcommand> --help` for their options):\n"
    "  synth   Write the manifests (the default)\n"
    "  check   Check the configs and print what synth would write (files, objects per kind)\n"
    "  init    Write a commented starter config (never over an existing file)\n"
    "  dns     Print the DNS records the deployment needs, as a zone-file snippet\n"
    "  schema  Print the JSON Schema of the config, for editors\n"
    "  diagram Draw the deployment: components, ways in, connections (DOT or mermaid)\n";

// synth, named or as the default (`name` "mailu-synth").
int synthCommand(int argc, char** argv, const std::string& name) {
  const bool isDefault = name == "mailu-synth";
  CLI::App app{isDefault ? "Synthesize the Kubernetes manifests of a Mailu mail server."
                         : "Write the manifests (the default subcommand).",
               name};
  if (isDefault) {
    app.set_version_flag("--version", std::string("mailu-synth ") + CDK8S_MAILU_VERSION);
    app.footer(kSubcommands);
  }
  ChartOptions synth;
  synth.addTo(app, true);
  bool listSecrets = false;
  app.add_flag("--list-secrets", listSecrets,
               "Instead of writing manifests, list the Secrets they name and do not create (with their keys)");
  app.add_flag("-q,--quiet", synth.options.quiet, "No summary line after several charts");
  app.add_option("--output-type", synth.outputType,
                 "file-per-chart (OUTDIR/<chart>.k8s.yaml) or file-per-resource "
                 "(OUTDIR/<chart>/<index>-<Kind>.<name>.k8s.yaml)")
      ->check(CLI::IsMember({"file-per-chart", "file-per-resource"}))
      ->capture_default_str();
  if (const auto status = parse(app, argc, argv)) return *status;
  const mailu::cli::SynthOptions options = synth.resolved();
  if (listSecrets) return mailu::cli::listSecrets(options, std::cout, std::cerr);
  return mailu::cli::runSynth(options, std::cout, std::cerr);
}

int checkCommand(int argc, char** argv, const std::string& name) {
  CLI::App app{"Check the configs and print what synth would write (files, objects per kind); write nothing.", name};
  ChartOptions check;
  check.addTo(app, true);
  if (const auto status = parse(app, argc, argv)) return *status;
  return mailu::cli::checkConfigs(check.resolved(), std::cout, std::cerr);
}

int initCommand(int argc, char** argv, const std::string& name) {
  CLI::App app{"Write a commented starter config (never over an existing file).", name};
  mailu::cli::InitOptions init;
  std::string output = init.output.string();
  app.add_option("--domain", init.domain, "The primary mail domain")->capture_default_str();
  app.add_option("--hostname", init.hostname, "The mail host name (default: mail.<domain>)");
  app.add_option("-o,--output", output, "The config file to write")->capture_default_str();
  if (const auto status = parse(app, argc, argv)) return *status;
  init.output = output;
  return mailu::cli::initConfig(init, std::cout, std::cerr);
}

int dnsCommand(int argc, char** argv, const std::string& name) {
  CLI::App app{"Print the DNS records the deployment needs, as a zone-file snippet.", name};
  std::string config;
  mailu::DnsRecordOptions dns;
  app.add_option("-c,--config", config, "Config file (YAML or JSON)")->required();
  app.add_option("--ip", dns.ipv4, "The IPv4 address of the host names (A records)");
  app.add_option("--ipv6", dns.ipv6, "The IPv6 address of the host names (AAAA records)");
  app.add_option("--alternative-domain", dns.alternativeDomains, "Another mail domain of the server (repeat for several)");
  if (const auto status = parse(app, argc, argv)) return *status;
  return mailu::cli::printDnsRecords(config, dns, std::cout, std::cerr);
}

int schemaCommand(int argc, char** argv, const std::string& name) {
  CLI::App app{"Print the JSON Schema (draft 2020-12) of the config, for editors to complete and check configs with.",
               name};
  std::string output;
  app.add_option("-o,--output", output, "Write it to this file instead of standard output");
  if (const auto status = parse(app, argc, argv)) return *status;
  return mailu::cli::writeConfigSchema(output.empty() ? std::nullopt : std::optional<std::filesystem::path>(output),
                                       std::cout, std::cerr);
}

int diagramCommand(int argc, char** argv, const std::string& name) {
  CLI::App app{"Draw the deployment a config makes: its components, the ways in, every connection and what the "
               "NetworkPolicies let through, as Graphviz DOT or a mermaid flowchart.",
               name};
  std::string config;
  std::string format = "dot";
  std::string output;
  app.add_option("-c,--config", config, "Config file (YAML or JSON)")->required();
  app.add_option("--format", format, "dot (render with Graphviz: dot -Tsvg) or mermaid (for Markdown)")
      ->check(CLI::IsMember({"dot", "mermaid"}))
      ->capture_default_str();
  app.add_option("-o,--output", output, "Write it to this file instead of standard output");
  if (const auto status = parse(app, argc, argv)) return *status;
  return mailu::cli::writeDiagram(config, format == "mermaid" ? mailu::DiagramFormat::kMermaid : mailu::DiagramFormat::kDot,
                                  output.empty() ? std::nullopt : std::optional<std::filesystem::path>(output),
                                  std::cout, std::cerr);
}

}  // namespace

int main(int argc, char** argv) {
  // First, before any thread is started: every thread then inherits the
  // blocked signals, and only the signal thread takes them.
  mailu::cli::handleTerminationSignals();
  using Command = int (*)(int, char**, const std::string&);
  const std::pair<std::string_view, Command> commands[] = {
      {"synth", synthCommand}, {"check", checkCommand}, {"init", initCommand}, {"dns", dnsCommand},
      {"schema", schemaCommand}, {"diagram", diagramCommand}};
  if (argc > 1) {
    for (const auto& [word, command] : commands) {
      if (word == argv[1]) return command(argc - 1, argv + 1, "mailu-synth " + std::string(word));
    }
  }
  return synthCommand(argc, argv, "mailu-synth");
}
