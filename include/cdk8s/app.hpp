// The root of a construct tree, and where synthesis starts.
//
// synth() renders every chart first and only then writes one file per chart,
// named after the chart's DNS label (prefixed "0000-", "0001-", ... in
// dependency order when charts depend on each other), each written to a
// temporary file and renamed into place. If rendering fails nothing is written.
#pragma once

#include <string>
#include <vector>

#include <cdk8s/construct.hpp>

namespace cdk8s {

class Chart;

struct AppProps {
  // Where synth() writes. Default "dist".
  std::string outdir = "dist";
  // Appended to each chart's file name. Default ".k8s.yaml".
  std::string outputFileExtension = ".k8s.yaml";
};

class App : public Construct {
 public:
  explicit App(AppProps props = {});

  const std::string& outdir() const { return props_.outdir; }

  // The charts in dependency order (creation order when independent).
  std::vector<Chart*> charts();

  // Writes the files; returns their paths.
  std::vector<std::string> synth();
  // All charts' documents as one YAML text.
  std::string synthYaml();

 private:
  AppProps props_;
};

}  // namespace cdk8s
