#include "cdk8s/testing.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <stdlib.h>

#include <fmt/format.h>

#include "cdk8s/file_output.hpp"

namespace cdk8s {
namespace {

std::string lineAt(std::string_view text, std::size_t lineNumber) {
  std::size_t start = 0;
  for (std::size_t i = 1; i < lineNumber && start != std::string_view::npos; ++i) {
    start = text.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos || start > text.size()) return "<end of text>";
  const std::size_t end = text.find('\n', start);
  return std::string(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
}

std::string firstDifference(std::string_view expected, std::string_view actual) {
  std::size_t line = 1;
  std::size_t i = 0;
  while (i < expected.size() && i < actual.size() && expected[i] == actual[i]) {
    if (expected[i] == '\n') ++line;
    ++i;
  }
  return fmt::format("first difference at line {}:\n  snapshot: {}\n  actual:   {}", line, lineAt(expected, line),
                     lineAt(actual, line));
}

}  // namespace

std::unique_ptr<App> Testing::app() {
  std::string pattern = (std::filesystem::temp_directory_path() / "cdk8s-test-XXXXXX").string();
  const char* dir = ::mkdtemp(pattern.data());
  if (dir == nullptr) throw std::runtime_error("cannot create a temporary folder");
  return std::make_unique<App>(AppProps{.outdir = dir});
}

std::vector<Json> Testing::synth(Chart& chart) { return chart.toJson(); }

std::string Testing::synthYaml(Chart& chart) { return chart.synthYaml(); }

SnapshotResult Testing::matchSnapshot(std::string_view actual, const std::filesystem::path& snapshotFile) {
  const char* update = std::getenv("UPDATE_SNAPSHOTS");
  if (update != nullptr && std::string_view(update) == "1") {
    std::filesystem::create_directories(snapshotFile.parent_path());
    writeFileAtomically(snapshotFile, actual);
    return {true, ""};
  }
  std::ifstream in(snapshotFile, std::ios::binary);
  if (!in) {
    return {false, fmt::format("no snapshot at {} (run with UPDATE_SNAPSHOTS=1 to record it)", snapshotFile.string())};
  }
  std::ostringstream content;
  content << in.rdbuf();
  const std::string expected = content.str();
  if (expected == actual) return {true, ""};
  return {false, fmt::format("{} differs; {} (run with UPDATE_SNAPSHOTS=1 to accept)", snapshotFile.string(),
                             firstDifference(expected, actual))};
}

}  // namespace cdk8s
