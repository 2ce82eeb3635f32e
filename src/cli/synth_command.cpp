#include "synth_command.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <ostream>
#include <thread>

#include <fmt/format.h>

#include "cdk8s/app.hpp"
#include "cdk8s/api_object.hpp"
#include "cdk8s/file_output.hpp"
#include "cdk8s/yaml.hpp"
#include "mailu/config_error.hpp"
#include "mailu/config_loader.hpp"
#include "mailu/mailu_chart.hpp"
#include "mailu/required_secrets.hpp"
#include "termination_signals.hpp"

namespace mailu::cli {
namespace {

using cdk8s::displayPath;

constexpr std::string_view kProgram = "mailu-synth";
constexpr std::string_view kDefaultChartId = "mailu";
constexpr std::string_view kFileExtension = ".k8s.yaml";
// So that "<id>.k8s.yaml" and the temporary file beside it,
// ".<id>.k8s.yaml.<pid>-<n>.tmp", fit in a file name (255 bytes).
constexpr std::size_t kMaxChartIdLength = 200;

// A chart id names the chart's file in the output folder, so it must be a
// plain file name, and not one that looks like an option; the names it gives
// the chart's objects follow MailuChart's rule. Both are checked here, before
// any chart is built.
std::optional<std::string> chartIdProblem(std::string_view id) {
  const std::string got = " (got " + cdk8s::quoteForMessage(id) + ")";
  if (id == "." || id == ".." || id.find_first_of("/\\") != std::string_view::npos) {
    return "chart id must be a name, not a path" + got;
  }
  if (std::any_of(id.begin(), id.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return "chart id must not contain control characters" + got;
  }
  if (id.size() > kMaxChartIdLength) {
    return fmt::format("chart id must be at most {} characters (got {})", kMaxChartIdLength, id.size());
  }
  if (!id.empty() && id.front() == '-') return "chart id must not start with '-'" + got;
  if (auto problem = MailuChart::chartIdProblem(id)) return "chart id " + *problem;
  return std::nullopt;
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
    if (auto problem = chartIdProblem(ids.front())) {
      errors << kProgram << ": " << (options.chartId ? std::string("--chart-id") : displayPath(options.configs.front()))
             << ": " << *problem << "\n";
      return std::nullopt;
    }
    return ids;
  }
  std::map<std::string, std::filesystem::path> seen;
  bool ok = true;
  for (const auto& config : options.configs) {
    std::string id = config.stem().string();
    if (auto problem = chartIdProblem(id)) {
      errors << kProgram << ": " << displayPath(config) << ": " << *problem << "\n";
      ok = false;
    } else if (auto [it, inserted] = seen.emplace(id, config); !inserted) {
      errors << kProgram << ": " << displayPath(config) << ": chart id '" << id << "' is already used by "
             << displayPath(it->second) << " (file names must differ)\n";
      ok = false;
    }
    ids.push_back(std::move(id));
  }
  if (!ok) return std::nullopt;
  return ids;
}

// The objects of a chart's YAML: its documents, "---" lines between them.
std::size_t documentCount(std::string_view yaml) {
  if (yaml.empty()) return 0;
  std::size_t count = 1;
  for (std::size_t at = yaml.find("\n---\n"); at != std::string_view::npos; at = yaml.find("\n---\n", at + 1)) ++count;
  return count;
}

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

// What went wrong with one chart: its config's problems (invalid input), or
// anything else.
struct Outcome {
  std::vector<ConfigProblem> problems;
  std::string failure;
  bool ok() const { return problems.empty() && failure.empty(); }
};

// Runs fn() for one chart, turning what it throws into `outcome`.
template <class Fn>
void capture(Outcome& outcome, Fn fn) {
  try {
    fn();
  } catch (const ConfigError& error) {
    outcome.problems = error.problems();
  } catch (const std::exception& e) {
    outcome.failure = e.what();
  }
}

// One line per problem, in config order; the exit status they make.
int report(const SynthOptions& options, const std::vector<Outcome>& outcomes, std::ostream& errors) {
  int status = kExitOk;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const std::string source = displayPath(options.configs[i]);
    for (const ConfigProblem& problem : outcomes[i].problems) {
      errors << kProgram << ": " << source << ": " << problem.toString() << "\n";
      status = kExitInvalidInput;
    }
    if (!outcomes[i].failure.empty()) {
      errors << kProgram << ": " << source << ": " << outcomes[i].failure << "\n";
      if (status == kExitOk) status = kExitFailed;
    }
  }
  return status;
}

// A file of a chart's output, relative to the output folder.
struct RenderedFile {
  std::filesystem::path relative;
  std::string text;
};

// Renders chart i of the run: one file, or one per object. Thread-safe.
using Renderer = std::function<std::vector<RenderedFile>(std::size_t)>;

// cdk8s's file name of an object: "<Kind>.<name>" without the characters
// outside [0-9a-zA-Z-_.].
std::string objectFileName(std::size_t index, const cdk8s::Json& object) {
  std::string name = object.at("kind").get<std::string>() + "." + object.at("metadata").at("name").get<std::string>();
  std::erase_if(name, [](char c) {
    return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' ||
             c == '.');
  });
  return fmt::format("{:04}-{}{}", index, name, kFileExtension);
}

// With --stdout: the charts in config order, "---" between them. They are
// rendered in parallel a window at a time and each window is written before
// the next is rendered, so memory does not grow with the number of charts.
int writeToStdout(const SynthOptions& options, const Renderer& render, std::ostream& out, std::ostream& errors) {
  const std::size_t charts = options.configs.size();
  const std::size_t window = 4 * std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string> texts;
  std::vector<Outcome> outcomes(charts);
  bool first = true;
  for (std::size_t start = 0; start < charts; start += window) {
    const std::size_t count = std::min(window, charts - start);
    texts.assign(count, std::string());
    forEachInParallel(count, [&](std::size_t k) {
      capture(outcomes[start + k], [&] { texts[k] = std::move(render(start + k).front().text); });
    });
    for (std::size_t k = 0; k < count; ++k) {
      if (!outcomes[start + k].ok()) return report(options, outcomes, errors);  // after what was written
      if (texts[k].empty()) continue;
      if (!first) out << "---\n";
      out << texts[k];
      first = false;
    }
  }
  out.flush();
  return out ? kExitOk : kExitFailed;
}

// Files are staged (written to temporary files) as soon as each chart is
// rendered, so disk writes overlap with rendering; they replace their targets
// only once every chart is staged, all together (cdk8s::FileBatch).
int writeFiles(const SynthOptions& options, const std::vector<std::string>& ids, const Renderer& render,
               std::ostream& errors) {
  cdk8s::FileBatch batch;
  const AbandonOnSignal abandonOnSignal(batch);
  try {
    batch.createFolders(options.outdir);
  } catch (const std::exception& e) {
    errors << kProgram << ": " << e.what() << "\n";
    return kExitFailed;
  }
  const bool perResource = options.outputType == OutputType::kFilePerResource;
  std::vector<Outcome> outcomes(ids.size());
  std::vector<std::set<std::string>> written(ids.size());  // per chart folder, the file names of this run
  std::atomic<bool> failed{false};  // the first failure stops the others: they would most likely fail alike
  forEachInParallel(ids.size(), [&](std::size_t i) {
    if (failed) return;
    capture(outcomes[i], [&] {
      if (perResource) batch.createFolders(options.outdir / ids[i]);
      for (const RenderedFile& file : render(i)) {
        const std::filesystem::path target = options.outdir / file.relative;
        if (perResource) written[i].insert(file.relative.filename().string());
        // An output that already holds this text is left as it is.
        if (!cdk8s::fileHasContent(target, file.text)) batch.stage(target, file.text);
      }
    });
    if (!outcomes[i].ok()) failed = true;
  });
  if (failed) return report(options, outcomes, errors);  // the batch removes what it made
  if (perResource) {
    // An object file of an earlier run that this one does not write (a
    // component turned off since) would still be applied with the folder:
    // refused, with nothing changed, rather than removed behind the user's back.
    bool stale = false;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      std::error_code error;
      for (const auto& entry : std::filesystem::directory_iterator(options.outdir / ids[i], error)) {
        const std::string name = entry.path().filename().string();
        if (!name.ends_with(kFileExtension) || name.front() == '.' || written[i].contains(name)) continue;
        errors << kProgram << ": " << displayPath(entry.path())
               << ": is not part of this run's output (left from an earlier run?): remove it, or the folder, first\n";
        stale = true;
      }
    }
    if (stale) return kExitInvalidInput;
  }
  try {
    batch.commit();
  } catch (const std::exception& e) {
    errors << kProgram << ": " << e.what() << "\n";
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace

int runSynth(const SynthOptions& options, std::ostream& out, std::ostream& errors) {
  if (options.toStdout && options.outputType != OutputType::kFilePerChart) {
    errors << kProgram << ": --output-type file-per-resource writes files: it cannot be used with --stdout\n";
    return kExitInvalidInput;
  }
  const auto ids = chartIds(options, errors);
  if (!ids) return kExitInvalidInput;

  // Every config is loaded and checked, and every chart id was, before
  // anything is created or written: a refused config leaves no file, no
  // folder and no output. What is left to fail after this is the machine
  // (memory, disk), not the input.
  std::vector<MailuChartConfig> configs(options.configs.size());
  std::vector<Outcome> outcomes(options.configs.size());
  forEachInParallel(configs.size(), [&](std::size_t i) {
    capture(outcomes[i], [&] { configs[i] = loadConfigFile(options.configs[i]); });
  });
  if (const int status = report(options, outcomes, errors); status != kExitOk) return status;

  // Each chart is built once, in its own App: charts share nothing, an App
  // per chart gives the same names as one App for all, and its memory is
  // freed as soon as its text is rendered.
  std::atomic<std::size_t> objects{0}, bytes{0};
  const bool summary = !options.quiet && ids->size() > 1;  // counting the objects costs a scan of the text
  const Renderer render = [&](std::size_t i) {
    cdk8s::App app;
    MailuChart chart(app, (*ids)[i], std::move(configs[i]));
    std::vector<RenderedFile> files;
    if (options.outputType == OutputType::kFilePerResource) {
      std::size_t index = 0;
      for (cdk8s::ApiObject* object : chart.apiObjects()) {
        const cdk8s::Json json = object->toJson();
        RenderedFile file{std::filesystem::path((*ids)[i]) / objectFileName(index++, json), {}};
        cdk8s::Yaml::append(file.text, json);
        bytes += file.text.size() + (files.empty() ? 0 : 4);  // the "---\n" the chart's file would have between them
        files.push_back(std::move(file));
      }
      objects += files.size();
    } else {
      std::string yaml = chart.synthYaml();
      if (summary) objects += documentCount(yaml);
      bytes += yaml.size();
      files.push_back({(*ids)[i] + std::string(kFileExtension), std::move(yaml)});
    }
    return files;
  };
  const auto started = std::chrono::steady_clock::now();
  const int status =
      options.toStdout ? writeToStdout(options, render, out, errors) : writeFiles(options, *ids, render, errors);
  if (status == kExitOk && summary) {
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    errors << fmt::format("{}: {} charts, {} objects, {} bytes in {:.3f} s\n", kProgram, ids->size(), objects.load(),
                          bytes.load(), took.count());
  }
  return status;
}

int listSecrets(const SynthOptions& options, std::ostream& out, std::ostream& errors) {
  int status = kExitOk;
  for (const std::filesystem::path& config : options.configs) {
    try {
      cdk8s::App app;
      // Secret names come from the config alone: any valid id gives the same list.
      MailuChart chart(app, options.chartId.value_or("mailu"), loadConfigFile(config));
      out << "Secrets to create before applying " << displayPath(config) << " (namespace/name: keys):\n"
          << describeRequiredSecrets(requiredSecrets(chart));
    } catch (const ConfigError& error) {
      for (const ConfigProblem& problem : error.problems()) {
        errors << kProgram << ": " << displayPath(config) << ": " << problem.toString() << "\n";
      }
      status = kExitInvalidInput;
    } catch (const std::exception& error) {
      errors << kProgram << ": " << displayPath(config) << ": " << error.what() << "\n";
      if (status == kExitOk) status = kExitFailed;
    }
  }
  out.flush();
  return status;
}

int checkConfigs(const SynthOptions& options, std::ostream& out, std::ostream& errors) {
  const auto ids = chartIds(options, errors);
  if (!ids) return kExitInvalidInput;
  std::vector<std::map<std::string, int>> kinds(options.configs.size());
  std::vector<Outcome> outcomes(options.configs.size());
  forEachInParallel(options.configs.size(), [&](std::size_t i) {
    capture(outcomes[i], [&] {
      cdk8s::App app;
      MailuChart chart(app, (*ids)[i], loadConfigFile(options.configs[i]));
      for (const cdk8s::Json& object : chart.toJson()) ++kinds[i][object.at("kind").get<std::string>()];
    });
  });
  if (const int status = report(options, outcomes, errors); status != kExitOk) return status;
  for (std::size_t i = 0; i < ids->size(); ++i) {
    int total = 0;
    std::string byKind;
    for (const auto& [kind, count] : kinds[i]) {
      total += count;
      byKind += fmt::format("{}{} {}", byKind.empty() ? "" : ", ", count, kind);
    }
    const std::string target =
        options.toStdout ? std::string("standard output")
                         : displayPath(options.outdir / ((*ids)[i] + std::string(kFileExtension)));
    out << fmt::format("{}: {} objects ({}) from {}\n", target, total, byKind, displayPath(options.configs[i]));
  }
  out.flush();
  return out ? kExitOk : kExitFailed;
}

}  // namespace mailu::cli
