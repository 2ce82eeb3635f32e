// Private to the config loader: finding the place in a document that a
// problem's path names, so problems found on the config's values (validate.hpp)
// point at the line of the file like the reader's own.
#pragma once

#include <string_view>

#include "document.hpp"

namespace mailu::validation {

struct PathTarget {
  const DocumentNode* node;  // the node at the path, else its nearest ancestor in the document
  bool exact;                // whether `node` is at the path itself
};

// `path` is spelled as joinPath spells it: keys joined by '.', odd keys
// quoted, list items as [N].
PathTarget findPath(const DocumentNode& root, std::string_view path);

// Whether one path is the other or lies under it ("a.b" and "a.b[0].c").
bool pathsOverlap(std::string_view left, std::string_view right);

}  // namespace mailu::validation
