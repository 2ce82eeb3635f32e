#include "cdk8s/app.hpp"

#include <filesystem>
#include <fmt/format.h>

#include "cdk8s/chart.hpp"
#include "cdk8s/file_output.hpp"
#include "cdk8s/names.hpp"
#include "dependency_order.hpp"

namespace cdk8s {
namespace {

// Chart-level edges cdk8s infers: a chart depends on the charts nested in
// it, and on the chart of anything its constructs depend on.
std::vector<DependencyEdge> chartEdges(const std::vector<Construct*>& nodes) {
  std::vector<DependencyEdge> edges;
  for (Construct* node : nodes) {
    if (auto* parent = dynamic_cast<Chart*>(node)) {
      for (Construct* child : parent->children()) {
        if (dynamic_cast<Chart*>(child) != nullptr) edges.emplace_back(parent, child);
      }
    }
    for (Construct* target : node->dependencies()) {
      edges.emplace_back(node, target);
      Chart& sourceChart = Chart::of(*node);
      Chart& targetChart = Chart::of(*target);
      if (&sourceChart != &targetChart) edges.emplace_back(&sourceChart, &targetChart);
    }
  }
  return edges;
}

}  // namespace

App::App(AppProps props) : props_(std::move(props)) {}

std::vector<Chart*> App::charts() {
  const std::vector<Construct*> nodes = findAll();
  std::vector<Chart*> out;
  for (Construct* node : dependencyOrder(nodes, chartEdges(nodes))) {
    if (auto* chart = dynamic_cast<Chart*>(node)) out.push_back(chart);
  }
  return out;
}

std::vector<std::string> App::synth() {
  const std::vector<Construct*> nodes = findAll();
  const std::vector<DependencyEdge> edges = chartEdges(nodes);
  bool chartsDependOnEachOther = false;
  for (const auto& [source, target] : edges) {
    chartsDependOnEachOther = chartsDependOnEachOther ||
                              (dynamic_cast<Chart*>(source) != nullptr && dynamic_cast<Chart*>(target) != nullptr);
  }

  // Render everything before writing anything.
  std::vector<std::pair<std::filesystem::path, std::string>> files;
  std::size_t index = 0;
  for (Chart* chart : charts()) {
    std::string name = Names::toDnsLabel(*chart);
    if (chartsDependOnEachOther) name = fmt::format("{:04}-{}", index++, name);
    files.emplace_back(std::filesystem::path(props_.outdir) / (name + props_.outputFileExtension), chart->synthYaml());
  }

  std::filesystem::create_directories(props_.outdir);
  writeFilesAtomically(files);
  std::vector<std::string> written;
  for (const auto& file : files) written.push_back(file.first.string());
  return written;
}

std::string App::synthYaml() {
  std::string out;
  for (Chart* chart : charts()) {
    std::string text = chart->synthYaml();
    if (!out.empty() && !text.empty()) out += "---\n";
    out += text;
  }
  return out;
}

}  // namespace cdk8s
