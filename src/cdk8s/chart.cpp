#include "cdk8s/chart.hpp"

#include <stdexcept>

#include "cdk8s/api_object.hpp"
#include "cdk8s/names.hpp"
#include "cdk8s/yaml.hpp"
#include "dependency_order.hpp"

namespace cdk8s {
namespace {

// cdk8s caps CronJob names so the Job names Kubernetes derives still fit.
constexpr std::size_t kCronJobNameLength = 52;

std::vector<ApiObject*> apiObjectsOf(Construct& c, const Chart& chart) {
  std::vector<ApiObject*> out;
  for (Construct* node : c.findAll()) {
    auto* object = dynamic_cast<ApiObject*>(node);
    if (object != nullptr && &object->chart() == &chart) out.push_back(object);
  }
  return out;
}

}  // namespace

Chart::Chart(Construct& scope, std::string_view id, ChartProps props) : Construct(scope, id), props_(std::move(props)) {}

Chart& Chart::of(const Construct& c) {
  for (const Construct* node = &c; node != nullptr; node = node->scope()) {
    if (auto* chart = dynamic_cast<const Chart*>(node)) return *const_cast<Chart*>(chart);
  }
  throw std::logic_error("cannot find a parent chart (directly or indirectly) of " + c.path());
}

std::string Chart::generateObjectName(const ApiObject& object) const {
  NameOptions options;
  options.includeHash = !props_.disableResourceNameHashes;
  if (object.kind() == "CronJob") options.maxLen = kCronJobNameLength;
  return Names::toDnsLabel(object, options);
}

std::vector<ApiObject*> Chart::apiObjects() {
  const std::vector<Construct*> nodes = findAll();
  // A dependency between two constructs orders every API object below the
  // first after every API object below the second, as cdk8s does.
  std::vector<DependencyEdge> edges;
  for (Construct* source : nodes) {
    for (Construct* target : source->dependencies()) {
      edges.emplace_back(source, target);
      const auto sourceObjects = apiObjectsOf(*source, *this);
      const auto targetObjects = apiObjectsOf(*target, *this);
      for (ApiObject* s : sourceObjects) {
        for (ApiObject* t : targetObjects) {
          if (s != t) edges.emplace_back(s, t);
        }
      }
    }
  }
  std::vector<ApiObject*> out;
  for (Construct* node : dependencyOrder(nodes, edges)) {
    auto* object = dynamic_cast<ApiObject*>(node);
    if (object != nullptr && &object->chart() == this) out.push_back(object);
  }
  return out;
}

std::vector<Json> Chart::toJson() {
  std::vector<Json> docs;
  for (ApiObject* object : apiObjects()) docs.push_back(object->toJson());
  return docs;
}

std::string Chart::synthYaml() {
  const std::vector<ApiObject*> objects = apiObjects();
  std::string out;
  // Growing by doubling would copy the text several times; a few KiB per
  // object covers typical workloads in one allocation.
  constexpr std::size_t kExpectedBytesPerObject = 2048;
  out.reserve(objects.size() * kExpectedBytesPerObject);
  bool first = true;
  for (ApiObject* object : objects) {
    if (!first) out += "---\n";
    first = false;
    Yaml::append(out, object->toJson());
  }
  return out;
}

}  // namespace cdk8s
