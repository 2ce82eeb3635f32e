// Benchmarks of synthesis in process (Google Benchmark). Run with
//   make bench            (or build/bench/synth_bench --benchmark_filter=...)
// docs/performance.md has the figures and how they were measured.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "cdk8s/app.hpp"
#include "cdk8s/yaml.hpp"
#include "mailu/config_loader.hpp"
#include "mailu/mailu_chart.hpp"

namespace {

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The config the reference was timed with: every component, Traefik ingress.
const std::string& allComponentsConfig() {
  static const std::string text = readFile(std::filesystem::path(BENCH_DATA_DIR) / "p04-all-components-traefik.json");
  return text;
}

void BM_LoadConfig(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(mailu::parseConfig(allComponentsConfig()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * allComponentsConfig().size()));
}
BENCHMARK(BM_LoadConfig);

// Config to YAML text for one chart, as `mailu-synth --stdout` does it.
void BM_SynthesizeOneChart(benchmark::State& state) {
  const mailu::MailuChartConfig config = mailu::parseConfig(allComponentsConfig());
  for (auto _ : state) {
    cdk8s::App app;
    mailu::MailuChart chart(app, "mailu", config);
    benchmark::DoNotOptimize(cdk8s::Yaml::stringify(chart.toJson()));
  }
}
BENCHMARK(BM_SynthesizeOneChart)->Unit(benchmark::kMillisecond);

// N charts in one App: the cost per chart must stay flat as N grows.
void BM_ChartsInOneApp(benchmark::State& state) {
  const mailu::MailuChartConfig config = mailu::parseConfig(allComponentsConfig());
  const auto count = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    cdk8s::App app;
    std::vector<std::unique_ptr<mailu::MailuChart>> charts;
    charts.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      charts.push_back(std::make_unique<mailu::MailuChart>(app, "tenant-" + std::to_string(i), config));
    }
    benchmark::DoNotOptimize(app.synthYaml());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * count));
}
BENCHMARK(BM_ChartsInOneApp)->Arg(10)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

// YAML writing alone, on a large document set (100 charts' objects).
void BM_YamlThroughput(benchmark::State& state) {
  const mailu::MailuChartConfig config = mailu::parseConfig(allComponentsConfig());
  cdk8s::App app;
  std::vector<std::unique_ptr<mailu::MailuChart>> charts;
  std::vector<cdk8s::Json> docs;
  for (int i = 0; i < 100; ++i) {
    charts.push_back(std::make_unique<mailu::MailuChart>(app, "tenant-" + std::to_string(i), config));
    for (cdk8s::Json& doc : charts.back()->toJson()) docs.push_back(std::move(doc));
  }
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string text = cdk8s::Yaml::stringify(docs);
    bytes += text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_YamlThroughput)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
