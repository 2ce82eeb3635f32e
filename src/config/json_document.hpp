// Private to the config loader: the fast path for plain JSON.
//
// Most configs are JSON (the reference's format), and yaml-cpp spends about a
// thousand instructions per byte on them. readJsonDocument reads strict JSON
// straight into the tree, with the positions yaml-cpp gives for the same text,
// and returns nullptr for anything else (or anything unusual: tabs, \r, a
// byte-order mark, surrogate escapes, nesting past the depth limit, a root
// that is not an object), which then goes through readYamlDocument, so every
// problem is still found and worded by the YAML path.
#pragma once

#include <string_view>

#include "document.hpp"

namespace mailu::validation {

// The tree of a strict JSON text, or nullptr (see above). Never throws
// anything but std::bad_alloc.
NodePtr readJsonDocument(std::string_view text);

}  // namespace mailu::validation
