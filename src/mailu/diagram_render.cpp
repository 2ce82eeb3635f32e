// DeploymentGraph as Graphviz DOT and as a mermaid flowchart.
#include <string>

#include <fmt/format.h>

#include "cdk8s/json.hpp"
#include "cdk8s/yaml.hpp"

#include "mailu/diagram_render.hpp"

namespace mailu {
namespace {

struct GroupStyle {
  DiagramGroup group;
  std::string_view id;
  std::string_view title;  // empty: no cluster
  std::string_view color;  // the nodes' fill
};

constexpr GroupStyle kGroups[] = {
    {DiagramGroup::kClients, "clients", "", "#ffffff"},
    {DiagramGroup::kEdge, "ways_in", "Ways in", "#fdebd0"},
    {DiagramGroup::kMailu, "mailu", "Mailu", "#d6eaf8"},
    {DiagramGroup::kOutside, "outside", "Outside the chart", "#eaeded"},
};

// How each verdict's line is drawn.
struct LineStyle {
  DiagramPolicy policy;
  std::string_view dot;      // the edge's style attribute
  std::string_view mermaid;  // the arrow
};

constexpr LineStyle kLines[] = {
    {DiagramPolicy::kAllowed, "solid", "-->"},
    {DiagramPolicy::kUnrestricted, "dashed", "-.->"},
    {DiagramPolicy::kBlocked, "dotted", "--x"},
};

const LineStyle& lineOf(DiagramPolicy policy) {
  for (const LineStyle& line : kLines) {
    if (line.policy == policy) return line;
  }
  return kLines[0];
}

// The nodes' lines of each group that has nodes, in kGroups' order: bare
// for a group without a title, else as `cluster(group, lines)` wraps them.
template <class NodeLine, class Cluster>
std::string groupedNodes(const DeploymentGraph& graph, NodeLine nodeLine, Cluster cluster) {
  std::string text;
  for (const GroupStyle& group : kGroups) {
    std::string lines;
    for (const DiagramNode& node : graph.nodes) {
      if (node.group == group.group) lines += nodeLine(node, group);
    }
    if (lines.empty()) continue;
    text += group.title.empty() ? lines : cluster(group, lines);
  }
  return text;
}

constexpr std::string_view kLegend =
    "solid: allowed by the NetworkPolicies; dashed: not restricted; red dotted: blocked";

// A DOT string's contents: quotes and backslashes escaped, lines as \n.
std::string dotText(std::string_view text) {
  std::string escaped;
  for (char c : text) {
    if (c == '"' || c == '\\') escaped += '\\';
    if (c == '\n') {
      escaped += "\\n";
      continue;
    }
    escaped += c;
  }
  return escaped;
}

std::string dot(const DeploymentGraph& graph, std::string_view title) {
  std::string text = "digraph mailu {\n";
  text += fmt::format("  graph [rankdir=LR, nodesep=0.3, ranksep=1.2, labelloc=t, label=\"{}\\n{}\"];\n",
                      dotText(title), graph.networkPolicies ? kLegend : "no NetworkPolicies: every connection is open");
  text += "  node [shape=box, style=\"rounded,filled\"];\n";
  text += "  edge [fontsize=10];\n";
  text += groupedNodes(
      graph,
      [](const DiagramNode& node, const GroupStyle& group) {
        return fmt::format("    \"{}\" [label=\"{}\", fillcolor=\"{}\"];\n", dotText(node.id), dotText(node.label),
                           group.color);
      },
      [](const GroupStyle& group, const std::string& lines) {
        return fmt::format("  subgraph cluster_{} {{\n    label=\"{}\";\n{}  }}\n", group.id, group.title, lines);
      });
  for (const DiagramEdge& edge : graph.edges) {
    std::string attributes = fmt::format("label=\"{}\", tooltip=\"{}\", style={}", dotText(edge.label),
                                         dotText(edge.detail), lineOf(edge.policy).dot);
    if (edge.policy == DiagramPolicy::kBlocked) attributes += ", color=red, fontcolor=red";
    text += fmt::format("  \"{}\" -> \"{}\" [{}];\n", dotText(edge.from), dotText(edge.to), attributes);
  }
  return text + "}\n";
}

// Mermaid ids take letters, digits and '_'.
std::string mermaidId(std::string_view id) {
  std::string text(id);
  for (char& c : text) {
    if (c == '-') c = '_';
  }
  return text;
}

// Mermaid's quoted text, where '"' would end it, '#' starts an entity code
// and '<' a tag: those as entity codes, a line break as <br>.
std::string mermaidText(std::string_view text) {
  std::string escaped;
  for (char c : text) {
    switch (c) {
      case '"': escaped += "#quot;"; break;
      case '#': escaped += "#35;"; break;
      case '<': escaped += "#lt;"; break;
      case '>': escaped += "#gt;"; break;
      case '\n': escaped += "<br>"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

std::string mermaid(const DeploymentGraph& graph, std::string_view title) {
  // The front matter is YAML: the project's writer quotes the title as it must be.
  std::string text = fmt::format("---\n{}---\nflowchart LR\n  %% {}\n",
                                 cdk8s::Yaml::stringify(cdk8s::jsonObject("title", std::string(title))),
                                 graph.networkPolicies ? "arrows: solid allowed by the NetworkPolicies, dotted not restricted, red x blocked"
                                                       : "no NetworkPolicies: every connection is open");
  std::string styles;
  text += groupedNodes(
      graph,
      [](const DiagramNode& node, const GroupStyle&) {
        return fmt::format("    {}[\"{}\"]\n", mermaidId(node.id), mermaidText(node.label));
      },
      [&styles](const GroupStyle& group, const std::string& lines) {
        styles += fmt::format("  style {} fill:{}\n", group.id, group.color);
        return fmt::format("  subgraph {}[\"{}\"]\n{}  end\n", group.id, group.title, lines);
      });
  for (std::size_t i = 0; i < graph.edges.size(); ++i) {
    const DiagramEdge& edge = graph.edges[i];
    text += fmt::format("  {} {}|\"{}\"| {}\n", mermaidId(edge.from), lineOf(edge.policy).mermaid, mermaidText(edge.label),
                        mermaidId(edge.to));
    // linkStyle counts the edges in the order they are written.
    if (edge.policy == DiagramPolicy::kBlocked) styles += fmt::format("  linkStyle {} stroke:red,color:red\n", i);
  }
  return text + styles;
}

}  // namespace

std::string renderDiagram(const DeploymentGraph& graph, DiagramFormat format, std::string_view title) {
  return format == DiagramFormat::kDot ? dot(graph, title) : mermaid(graph, title);
}

}  // namespace mailu
