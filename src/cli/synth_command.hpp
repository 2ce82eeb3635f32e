// What `mailu-synth` does, apart from parsing its command line: check every
// chart id and load and check every config, then build and render one chart
// per config, once each, and write them: files replaced together when all are
// written, or standard output in config order. Any problem with the input is
// reported as one line per problem on `errors`, and nothing is written.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace mailu::cli {

// How the manifests are divided into files (cdk8s's YamlOutputType).
enum class OutputType {
  kFilePerChart,     // <outdir>/<chart>.k8s.yaml
  // <outdir>/<chart>/<index>-<Kind>.<name>.k8s.yaml, one object each: cdk8s's
  // folder-per-chart names with the apply order in front (kubectl apply -f
  // sorts by name); together the same bytes as the chart's file.
  kFilePerResource,
};

struct SynthOptions {
  std::vector<std::filesystem::path> configs;
  // Only with a single config. Default "mailu".
  std::optional<std::string> chartId;
  std::filesystem::path outdir = "dist";
  bool toStdout = false;
  OutputType outputType = OutputType::kFilePerChart;  // only files: not with toStdout
  // No summary line on `errors` after several charts (charts, objects, bytes, time).
  bool quiet = false;
};

// Exit statuses.
constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;        // could not write, or synthesis failed
constexpr int kExitInvalidInput = 2;  // a config or an option is wrong

int runSynth(const SynthOptions& options, std::ostream& out, std::ostream& errors);

// `--list-secrets`: for each config, the Secrets its manifests name and do
// not create (required_secrets.hpp), one line each on `out`, after a line
// naming the config; writes no file. Problems as runSynth reports them.
int listSecrets(const SynthOptions& options, std::ostream& out, std::ostream& errors);

// `mailu-synth check`: loads and checks every config and builds its chart as
// runSynth would, then prints, one line per chart, the file it would write
// and its objects by kind; writes nothing. kExitOk, or the status and lines
// of runSynth's problems.
int checkConfigs(const SynthOptions& options, std::ostream& out, std::ostream& errors);

}  // namespace mailu::cli
