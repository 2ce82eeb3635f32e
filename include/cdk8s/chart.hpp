// A chart: a group of API objects written to one YAML file.
//
// Objects under a chart take its namespace and labels, and are named by
// generateObjectName (the DNS label of their path, hash included unless
// disableResourceNameHashes). toJson renders the chart's own objects (not those
// of nested charts) in dependency order: an object comes after the objects it
// depends on, and otherwise in the order it was created.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <cdk8s/construct.hpp>
#include <cdk8s/json.hpp>

namespace cdk8s {

class ApiObject;

struct ChartProps {
  // Namespace of every object in the chart. Default: none (no namespace key).
  std::optional<std::string> namespace_;
  // Labels added to every object in the chart. Default: none.
  std::map<std::string, std::string> labels;
  // Names objects without the 8-character hash. Default: false.
  bool disableResourceNameHashes = false;
};

class Chart : public Construct {
 public:
  Chart(Construct& scope, std::string_view id, ChartProps props = {});

  // The closest chart at or above `c`; throws std::logic_error when there is none.
  static Chart& of(const Construct& c);

  const std::optional<std::string>& namespace_() const { return props_.namespace_; }
  const std::map<std::string, std::string>& labels() const { return props_.labels; }

  std::string generateObjectName(const ApiObject& object) const;

  // The chart's API objects in synthesis order.
  std::vector<ApiObject*> apiObjects();
  std::vector<Json> toJson();
  // The chart's file content: its documents as YAML. Renders one object at a
  // time, so only one object's JSON is held at once.
  std::string synthYaml();

 private:
  ChartProps props_;
};

}  // namespace cdk8s
