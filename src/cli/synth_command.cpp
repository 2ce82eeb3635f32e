#include "synth_command.hpp"

#include <map>
#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "cdk8s/app.hpp"
#include "cdk8s/file_output.hpp"
#include "cdk8s/yaml.hpp"
#include "mailu/config_error.hpp"
#include "mailu/config_loader.hpp"
#include "mailu/mailu_chart.hpp"

namespace mailu::cli {
namespace {

constexpr std::string_view kProgram = "mailu-synth";
constexpr std::string_view kDefaultChartId = "mailu";

void report(std::ostream& errors, const std::string& source, const ConfigError& error) {
  for (const ConfigProblem& problem : error.problems()) {
    errors << kProgram << ": " << source << ": " << problem.toString() << "\n";
  }
}

// Each config file becomes one chart, named by --chart-id (single config) or
// by its file name without extension.
std::optional<std::vector<std::string>> chartIds(const SynthOptions& options, std::ostream& errors) {
  if (options.chartId && options.configs.size() != 1) {
    errors << kProgram << ": --chart-id can only be used with a single --config\n";
    return std::nullopt;
  }
  std::vector<std::string> ids;
  if (options.configs.size() == 1) {
    ids.push_back(options.chartId.value_or(std::string(kDefaultChartId)));
    return ids;
  }
  std::map<std::string, std::filesystem::path> seen;
  bool ok = true;
  for (const auto& config : options.configs) {
    std::string id = config.stem().string();
    if (auto [it, inserted] = seen.emplace(id, config); !inserted) {
      errors << kProgram << ": " << config.string() << ": chart id '" << id << "' is already used by "
             << it->second.string() << " (file names must differ)\n";
      ok = false;
    }
    ids.push_back(std::move(id));
  }
  if (!ok) return std::nullopt;
  return ids;
}

}  // namespace

int runSynth(const SynthOptions& options, std::ostream& out, std::ostream& errors) {
  const auto ids = chartIds(options, errors);
  if (!ids) return kExitInvalidInput;

  // Load and check every config before building anything.
  std::vector<MailuChartConfig> configs;
  bool valid = true;
  for (const auto& path : options.configs) {
    try {
      configs.push_back(loadConfigFile(path));
    } catch (const ConfigError& error) {
      report(errors, path.string(), error);
      valid = false;
    }
  }
  if (!valid) return kExitInvalidInput;

  cdk8s::App app(cdk8s::AppProps{.outdir = options.outdir.string()});
  std::vector<std::unique_ptr<MailuChart>> charts;
  std::vector<std::pair<std::filesystem::path, std::string>> files;
  std::string combined;
  try {
    for (std::size_t i = 0; i < configs.size(); ++i) {
      try {
        charts.push_back(std::make_unique<MailuChart>(app, (*ids)[i], std::move(configs[i])));
      } catch (const ConfigError& error) {
        report(errors, options.configs[i].string(), error);
        valid = false;
      }
    }
    if (!valid) return kExitInvalidInput;
    for (std::size_t i = 0; i < charts.size(); ++i) {
      std::string text = cdk8s::Yaml::stringify(charts[i]->toJson());
      if (options.toStdout) {
        if (!combined.empty() && !text.empty()) combined += "---\n";
        combined += text;
      } else {
        files.emplace_back(options.outdir / ((*ids)[i] + ".k8s.yaml"), std::move(text));
      }
    }
  } catch (const std::exception& e) {
    errors << kProgram << ": synthesis failed: " << e.what() << "\n";
    return kExitFailed;
  }

  if (options.toStdout) {
    out << combined;
    out.flush();
    return out ? kExitOk : kExitFailed;
  }
  try {
    std::filesystem::create_directories(options.outdir);
    cdk8s::writeFilesAtomically(files);
  } catch (const std::exception& e) {
    errors << kProgram << ": " << e.what() << "\n";
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace mailu::cli
