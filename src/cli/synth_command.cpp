#include "synth_command.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <ostream>
#include <thread>

#include <fmt/format.h>

#include "cdk8s/app.hpp"
#include "cdk8s/file_output.hpp"
#include "mailu/config_error.hpp"
#include "mailu/config_loader.hpp"
#include "mailu/mailu_chart.hpp"

namespace mailu::cli {
namespace {

constexpr std::string_view kProgram = "mailu-synth";
constexpr std::string_view kDefaultChartId = "mailu";

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

struct ChartOutcome {
  std::string yaml;                     // with --stdout
  std::filesystem::path target;         // otherwise: where it goes
  std::filesystem::path staged;         // and its temporary file
  std::vector<ConfigProblem> problems;  // invalid input
  std::string failure;                  // anything else
};

// Runs fn(0) ... fn(count - 1) on up to one thread per core. `fn` must not throw.
template <class Fn>
void forEachInParallel(std::size_t count, Fn fn) {
  const std::size_t threads = std::min<std::size_t>(count, std::max(1u, std::thread::hardware_concurrency()));
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) fn(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
}

}  // namespace

int runSynth(const SynthOptions& options, std::ostream& out, std::ostream& errors) {
  const auto ids = chartIds(options, errors);
  if (!ids) return kExitInvalidInput;

  // Files are staged (written to temporary files) as soon as each chart is
  // rendered, so disk writes overlap with rendering; they replace their
  // targets only once every chart has succeeded.
  std::error_code dirError;
  const bool createdOutdir = !options.toStdout && !std::filesystem::exists(options.outdir, dirError) &&
                             std::filesystem::create_directories(options.outdir, dirError);
  if (dirError) {
    errors << kProgram << ": " << options.outdir.string() << ": cannot create the output folder: "
           << dirError.message() << "\n";
    return kExitFailed;
  }

  // Each config is loaded, checked and rendered on its own, in its own App:
  // charts share nothing, and an App per chart gives the same names as one
  // App for all, while its memory is freed as soon as its text is rendered.
  std::vector<ChartOutcome> outcomes(options.configs.size());
  forEachInParallel(outcomes.size(), [&](std::size_t i) {
    ChartOutcome& outcome = outcomes[i];
    try {
      cdk8s::App app;
      MailuChart chart(app, (*ids)[i], loadConfigFile(options.configs[i]));
      outcome.yaml = chart.synthYaml();
      if (!options.toStdout) {
        outcome.target = options.outdir / ((*ids)[i] + ".k8s.yaml");
        // An output that already holds this text is left as it is.
        if (!cdk8s::fileHasContent(outcome.target, outcome.yaml)) {
          outcome.staged = cdk8s::stageFile(outcome.target, outcome.yaml);
        }
        outcome.yaml.clear();
        outcome.yaml.shrink_to_fit();
      }
    } catch (const ConfigError& error) {
      outcome.problems = error.problems();
    } catch (const std::exception& e) {
      outcome.failure = e.what();
    }
  });

  int status = kExitOk;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const std::string source = options.configs[i].string();
    for (const ConfigProblem& problem : outcomes[i].problems) {
      errors << kProgram << ": " << source << ": " << problem.toString() << "\n";
      status = kExitInvalidInput;
    }
    if (!outcomes[i].failure.empty()) {
      errors << kProgram << ": " << source << ": " << outcomes[i].failure << "\n";
      if (status == kExitOk) status = kExitFailed;
    }
  }
  if (status != kExitOk) {
    for (const ChartOutcome& outcome : outcomes) {
      if (!outcome.staged.empty()) cdk8s::discardStagedFile(outcome.staged);
    }
    if (createdOutdir) std::filesystem::remove(options.outdir, dirError);  // only if still empty
    return status;
  }

  if (options.toStdout) {
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      if (i > 0 && !outcomes[i].yaml.empty()) out << "---\n";
      out << outcomes[i].yaml;
    }
    out.flush();
    return out ? kExitOk : kExitFailed;
  }
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (outcomes[i].staged.empty()) continue;  // unchanged
    try {
      cdk8s::commitStagedFile(outcomes[i].staged, outcomes[i].target);
    } catch (const std::exception& e) {
      errors << kProgram << ": " << e.what() << "\n";
      for (std::size_t j = i + 1; j < outcomes.size(); ++j) {
        if (!outcomes[j].staged.empty()) cdk8s::discardStagedFile(outcomes[j].staged);
      }
      return kExitFailed;
    }
  }
  return kExitOk;
}

}  // namespace mailu::cli
