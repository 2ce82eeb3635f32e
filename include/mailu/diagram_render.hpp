// Drawing a DeploymentGraph (mailu/deployment_diagram.hpp) as text: Graphviz
// DOT, for `dot -Tsvg`, or a mermaid flowchart, for Markdown. A cluster per
// group (the clients stand outside any), an edge per DiagramEdge labelled
// with its ports and with the program and file behind it as the tooltip
// (DOT). Allowed connections are solid, unrestricted ones dashed (mermaid:
// dotted), blocked ones red and dotted (mermaid: red, ending in x).
#pragma once

#include <string>
#include <string_view>

#include "mailu/deployment_diagram.hpp"

namespace mailu {

enum class DiagramFormat { kDot, kMermaid };

std::string renderDiagram(const DeploymentGraph& graph, DiagramFormat format, std::string_view title);

}  // namespace mailu
