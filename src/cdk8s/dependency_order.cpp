#include "dependency_order.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace cdk8s {
namespace {

struct Vertex {
  Construct* construct = nullptr;
  std::vector<std::size_t> outbound;
  bool hasInbound = false;
};

enum class Mark { kUnvisited, kVisiting, kDone };

}  // namespace

std::vector<Construct*> dependencyOrder(const std::vector<Construct*>& nodes, const std::vector<DependencyEdge>& edges) {
  std::vector<Vertex> vertices(nodes.size());
  // Vertex numbers by address, sorted: one allocation, where a hash map
  // allocates a node per construct.
  std::vector<std::pair<const Construct*, std::size_t>> index;
  index.reserve(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    vertices[i].construct = nodes[i];
    index.emplace_back(nodes[i], i);
  }
  const auto byAddress = [](const auto& a, const auto& b) { return std::less<const Construct*>{}(a.first, b.first); };
  std::sort(index.begin(), index.end(), byAddress);
  const auto vertexOf = [&](const Construct* c) -> std::optional<std::size_t> {
    const auto it = std::lower_bound(index.begin(), index.end(), std::pair(c, std::size_t{0}), byAddress);
    if (it == index.end() || it->first != c) return std::nullopt;
    return it->second;
  };
  for (const auto& [source, target] : edges) {
    const auto s = vertexOf(source);
    const auto t = vertexOf(target);
    if (!s || !t) continue;
    auto& out = vertices[*s].outbound;
    if (std::find(out.begin(), out.end(), *t) == out.end()) out.push_back(*t);
    vertices[*t].hasInbound = true;
  }

  std::vector<Construct*> order;
  order.reserve(nodes.size());
  std::vector<Mark> marks(nodes.size(), Mark::kUnvisited);
  // Iterative post-order walk: deep trees must not exhaust the stack.
  std::vector<std::pair<std::size_t, std::size_t>> stack;  // vertex, next outbound
  auto walk = [&](std::size_t start) {
    stack.emplace_back(start, 0);
    marks[start] = Mark::kVisiting;
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      if (next < vertices[v].outbound.size()) {
        const std::size_t w = vertices[v].outbound[next++];
        if (marks[w] == Mark::kVisiting) {
          throw std::logic_error("Dependency cycle detected: " + vertices[v].construct->path() + " => " +
                                 vertices[w].construct->path());
        }
        if (marks[w] == Mark::kUnvisited) {
          marks[w] = Mark::kVisiting;
          stack.emplace_back(w, 0);
        }
        continue;
      }
      marks[v] = Mark::kDone;
      order.push_back(vertices[v].construct);
      stack.pop_back();
    }
  };
  for (std::size_t i = 0; i < vertices.size(); ++i) {
    if (!vertices[i].hasInbound && marks[i] == Mark::kUnvisited) walk(i);
  }
  // Vertices only reachable through a cycle have inbound edges and no root.
  for (std::size_t i = 0; i < vertices.size(); ++i) {
    if (marks[i] == Mark::kUnvisited) {
      throw std::logic_error("Dependency cycle detected at " + vertices[i].construct->path());
    }
  }
  return order;
}

}  // namespace cdk8s
