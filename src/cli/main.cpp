// mailu-synth: synthesizes the Kubernetes manifests of a Mailu mail server
// from one or more config files. Subcommands name the other tools; without
// one, `synth` runs, so `mailu-synth --config FILE` works as it always has.
#include <iostream>

#include <CLI/CLI.hpp>

#include "dns_command.hpp"
#include "init_command.hpp"
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

}  // namespace

int main(int argc, char** argv) {
  // First, before any thread is started: every thread then inherits the
  // blocked signals, and only the signal thread takes them.
  mailu::cli::handleTerminationSignals();
  CLI::App app{"Synthesize the Kubernetes manifests of a Mailu mail server.", "mailu-synth"};
  app.set_version_flag("--version", std::string("mailu-synth ") + CDK8S_MAILU_VERSION);
  app.require_subcommand(0, 1);

  // synth, also as the default: its options on the program itself.
  ChartOptions synth;
  bool listSecrets = false;
  const auto addSynthFlags = [&](CLI::App& target, ChartOptions& chart) {
    target.add_flag("--list-secrets", listSecrets,
                    "Instead of writing manifests, list the Secrets they name and do not create (with their keys)");
    target.add_flag("-q,--quiet", chart.options.quiet, "No summary line after several charts");
    target
        .add_option("--output-type", chart.outputType,
                    "file-per-chart (OUTDIR/<chart>.k8s.yaml) or file-per-resource "
                    "(OUTDIR/<chart>/<index>-<Kind>.<name>.k8s.yaml)")
        ->check(CLI::IsMember({"file-per-chart", "file-per-resource"}))
        ->capture_default_str();
  };
  synth.addTo(app, false);
  addSynthFlags(app, synth);
  CLI::App* synthCommand = app.add_subcommand("synth", "Write the manifests (the default)");
  ChartOptions explicitSynth;
  explicitSynth.addTo(*synthCommand, true);
  addSynthFlags(*synthCommand, explicitSynth);

  ChartOptions check;
  CLI::App* checkCommand =
      app.add_subcommand("check", "Check the configs and print what synth would write (files, objects per kind)");
  check.addTo(*checkCommand, true);

  mailu::cli::InitOptions init;
  std::string initOutput = init.output.string();
  CLI::App* initCommand = app.add_subcommand("init", "Write a commented starter config (never over an existing file)");
  initCommand->add_option("--domain", init.domain, "The primary mail domain")->capture_default_str();
  initCommand->add_option("--hostname", init.hostname, "The mail host name (default: mail.<domain>)");
  initCommand->add_option("-o,--output", initOutput, "The config file to write")->capture_default_str();

  std::string dnsConfig;
  mailu::DnsRecordOptions dns;
  CLI::App* dnsCommand = app.add_subcommand("dns", "Print the DNS records the deployment needs, as a zone-file snippet");
  dnsCommand->add_option("-c,--config", dnsConfig, "Config file (YAML or JSON)")->required();
  dnsCommand->add_option("--ip", dns.ipv4, "The IPv4 address of the host names (A records)");
  dnsCommand->add_option("--ipv6", dns.ipv6, "The IPv6 address of the host names (AAAA records)");
  dnsCommand->add_option("--alternative-domain", dns.alternativeDomains,
                         "Another mail domain of the server (repeat for several)");

  try {
    app.parse(argc, argv);
    if (app.get_subcommands().empty() && synth.configs.empty()) throw CLI::RequiredError("--config");
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() != 0) {
      std::cerr << "mailu-synth: " << e.what() << "\n";
      return mailu::cli::kExitInvalidInput;
    }
    return app.exit(e);  // --help, --version
  }

  if (checkCommand->parsed()) return mailu::cli::checkConfigs(check.resolved(), std::cout, std::cerr);
  if (dnsCommand->parsed()) return mailu::cli::printDnsRecords(dnsConfig, dns, std::cout, std::cerr);
  if (initCommand->parsed()) {
    init.output = initOutput;
    return mailu::cli::initConfig(init, std::cout, std::cerr);
  }
  const mailu::cli::SynthOptions options = synthCommand->parsed() ? explicitSynth.resolved() : synth.resolved();
  if (listSecrets) return mailu::cli::listSecrets(options, std::cout, std::cerr);
  return mailu::cli::runSynth(options, std::cout, std::cerr);
}
