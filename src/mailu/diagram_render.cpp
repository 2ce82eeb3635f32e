// DeploymentGraph as Graphviz DOT and as a mermaid flowchart.
#include <string>

#include <fmt/format.h>

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

std::string_view dotStyle(DiagramPolicy policy) {
  switch (policy) {
    case DiagramPolicy::kAllowed: return "solid";
    case DiagramPolicy::kBlocked: return "dotted";
    case DiagramPolicy::kUnrestricted: return "dashed";
  }
  return "solid";
}

std::string dot(const DeploymentGraph& graph, std::string_view title) {
  std::string text = "digraph mailu {\n";
  text += fmt::format("  graph [rankdir=LR, nodesep=0.3, ranksep=1.2, labelloc=t, label=\"{}\\n{}\"];\n",
                      dotText(title), graph.networkPolicies ? kLegend : "no NetworkPolicies: every connection is open");
  text += "  node [shape=box, style=\"rounded,filled\"];\n";
  text += "  edge [fontsize=10];\n";
  for (const GroupStyle& group : kGroups) {
    std::string body;
    for (const DiagramNode& node : graph.nodes) {
      if (node.group != group.group) continue;
      body += fmt::format("    \"{}\" [label=\"{}\", fillcolor=\"{}\"];\n", dotText(node.id), dotText(node.label),
                          group.color);
    }
    if (body.empty()) continue;
    if (group.title.empty()) {
      text += body;
      continue;
    }
    text += fmt::format("  subgraph cluster_{} {{\n    label=\"{}\";\n{}  }}\n", group.id, group.title, body);
  }
  for (const DiagramEdge& edge : graph.edges) {
    std::string attributes = fmt::format("label=\"{}\", tooltip=\"{}\", style={}", dotText(edge.label),
                                         dotText(edge.detail), dotStyle(edge.policy));
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

// A YAML double-quoted string (the front matter's title).
std::string yamlQuoted(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c == '\n' ? ' ' : c;
  }
  return quoted + '"';
}

std::string_view mermaidArrow(DiagramPolicy policy) {
  switch (policy) {
    case DiagramPolicy::kAllowed: return "-->";
    case DiagramPolicy::kBlocked: return "--x";
    case DiagramPolicy::kUnrestricted: return "-.->";
  }
  return "-->";
}

std::string mermaid(const DeploymentGraph& graph, std::string_view title) {
  std::string text = fmt::format("---\ntitle: {}\n---\nflowchart LR\n  %% {}\n", yamlQuoted(title),
                                 graph.networkPolicies ? "arrows: solid allowed by the NetworkPolicies, dotted not restricted, red x blocked"
                                                       : "no NetworkPolicies: every connection is open");
  std::string styles;
  for (const GroupStyle& group : kGroups) {
    std::string body;
    for (const DiagramNode& node : graph.nodes) {
      if (node.group == group.group) body += fmt::format("    {}[\"{}\"]\n", mermaidId(node.id), mermaidText(node.label));
    }
    if (body.empty()) continue;
    if (group.title.empty()) {
      text += body;
      continue;
    }
    text += fmt::format("  subgraph {}[\"{}\"]\n{}  end\n", group.id, group.title, body);
    styles += fmt::format("  style {} fill:{}\n", group.id, group.color);
  }
  for (std::size_t i = 0; i < graph.edges.size(); ++i) {
    const DiagramEdge& edge = graph.edges[i];
    text += fmt::format("  {} {}|\"{}\"| {}\n", mermaidId(edge.from), mermaidArrow(edge.policy), mermaidText(edge.label),
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
