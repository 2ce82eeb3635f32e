// Helpers for snapshot tests of charts.
//
// matchSnapshot compares a text with a file. With UPDATE_SNAPSHOTS=1 in the
// environment it (re)writes the file instead and reports a match, so a
// reviewed change is accepted by running the tests once that way. A missing
// snapshot file is a mismatch otherwise, so CI never records one silently.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <cdk8s/app.hpp>
#include <cdk8s/chart.hpp>
#include <cdk8s/json.hpp>

namespace cdk8s {

struct SnapshotResult {
  bool matches = false;
  // Empty on a match; otherwise says where the texts first differ.
  std::string message;
};

class Testing {
 public:
  // An App whose outdir is a new, empty temporary folder.
  static std::unique_ptr<App> app();
  // The chart's documents, as synthesis renders them.
  static std::vector<Json> synth(Chart& chart);
  // The chart's YAML file content.
  static std::string synthYaml(Chart& chart);
  static SnapshotResult matchSnapshot(std::string_view actual, const std::filesystem::path& snapshotFile);

  Testing() = delete;
};

}  // namespace cdk8s
