// libFuzzer target: any bytes given to mailu::parseConfig either load or
// raise mailu::ConfigError. Anything else (another exception, a crash, a leak,
// undefined behaviour, a hang) is a finding. Loaded configs are also
// synthesized, since the constructs trust what the loader accepts.
//
// The loader reads plain JSON with its own reader and everything else with
// yaml-cpp (src/config/document.hpp). Where the JSON reader takes a
// text, yaml-cpp must read it too, into the same tree, positions included: a
// difference is a finding as well.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "cdk8s/app.hpp"
#include "mailu/config_loader.hpp"
#include "json_document.hpp"
#include "yaml_document.hpp"
#include "mailu/mailu_chart.hpp"

namespace {

using mailu::validation::DocumentNode;

bool sameTree(const DocumentNode& json, const DocumentNode& yaml) {
  if (json.kind != yaml.kind || json.text != yaml.text || json.quoted != yaml.quoted ||
      json.tag != yaml.tag || json.line != yaml.line || json.column != yaml.column ||
      json.items.size() != yaml.items.size() || json.entries.size() != yaml.entries.size()) {
    std::fprintf(stderr, "readers differ at line %zu column %zu (YAML: line %zu column %zu)\n", json.line,
                 json.column, yaml.line, yaml.column);
    return false;
  }
  for (std::size_t i = 0; i < json.items.size(); ++i) {
    if (!sameTree(*json.items[i], *yaml.items[i])) return false;
  }
  for (std::size_t i = 0; i < json.entries.size(); ++i) {
    // A JSON key "<<" is quoted, an ordinary key for YAML too, never a merge.
    if (yaml.entries[i].mergedBy != nullptr || !yaml.entries[i].mergeProblem.empty()) return false;
    if (!sameTree(*json.entries[i].key, *yaml.entries[i].key)) return false;
    if (!sameTree(*json.entries[i].value, *yaml.entries[i].value)) return false;
  }
  return true;
}

void checkReadersAgree(std::string_view text) {
  const mailu::validation::NodePtr json = mailu::validation::readJsonDocument(text);
  if (json == nullptr) return;  // left to the YAML reader
  mailu::validation::NodePtr yaml;
  try {
    yaml = mailu::validation::readYamlDocument(text);
  } catch (...) {
    std::fprintf(stderr, "the JSON reader took a text the YAML reader refuses\n");
    std::abort();
  }
  if (!sameTree(*json, *yaml)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  checkReadersAgree(text);
  try {
    mailu::MailuChartConfig config = mailu::parseConfig(text);
    cdk8s::App app;
    mailu::MailuChart chart(app, "mailu", std::move(config));
    (void)chart.toJson();
  } catch (const mailu::ConfigError&) {
    // Refused with a message: the expected outcome for bad input.
  }
  return 0;
}
