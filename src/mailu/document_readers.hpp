// Private to the config loader: the two ways it turns text into the document
// tree (config_validation.hpp) that the checks walk.
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

#include "config_validation.hpp"

namespace mailu::validation {

// Nesting deeper than this is refused by the YAML path (and left to it by the
// JSON one).
inline constexpr std::size_t kMaxDocumentDepth = 64;

// The tree of a strict JSON text, or nullptr (see above). Never throws
// anything but std::bad_alloc.
NodePtr readJsonDocument(std::string_view text);

// The tree of a YAML text (JSON included). Throws when the text cannot be
// read; the loader turns that into its one-line problem.
NodePtr readYamlDocument(std::string_view text);

}  // namespace mailu::validation
