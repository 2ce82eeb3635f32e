// Private to the config loader: the document tree it builds from the text
// (json_document.hpp and yaml_document.hpp are the two readers that build it).
//
// The tree is the loader's own rather than yaml-cpp's because the checks need
// what yaml-cpp's Node hides or gets wrong for us: whether a scalar was quoted
// ("5432" is a string, 5432 is not), where each node is, and duplicate keys.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mailu/config_error.hpp"

namespace mailu::validation {

struct DocumentNode;
// Shared because a YAML alias makes one node appear in several places.
using NodePtr = std::shared_ptr<const DocumentNode>;

struct DocumentNode {
  enum class Kind { kNull, kScalar, kSequence, kMapping };
  struct Entry {
    NodePtr key;
    NodePtr value;
  };

  Kind kind = Kind::kNull;
  std::string text;  // a scalar's value
  // Quoted (or tagged !!str): a string whatever it reads like. A plain
  // scalar is resolved the YAML 1.2 way: true, 12, 1.5 are not strings.
  bool quoted = false;
  // An explicit tag other than the standard ones; the walk refuses it.
  std::string unsupportedTag;
  std::size_t line = 0;  // 1-based; 0 when unknown
  std::size_t column = 0;
  std::vector<NodePtr> items;    // a sequence's
  std::vector<Entry> entries;    // a mapping's, in document order, duplicates kept
};

// YAML 1.2 core schema: what a plain (unquoted) scalar means.
enum class PlainMeaning { kString, kBoolean, kInteger, kFloat };
PlainMeaning plainMeaning(std::string_view text);
bool isBooleanWord(std::string_view text);  // true/True/TRUE/false/False/FALSE

// Nesting deeper than this is refused by the YAML path (and left to it by the
// JSON one).
inline constexpr std::size_t kMaxDocumentDepth = 64;

// Ends reading at once: the text cannot be made sense of past this point.
struct Unreadable {
  ConfigProblem problem;
};

// A problem of the whole text, at a place when the line is known.
ConfigProblem textProblem(std::string message, std::size_t line = 0, std::size_t column = 0);
// The same, its message led by "line L, column C: ".
ConfigProblem textProblemAt(std::size_t line, std::size_t column, std::string_view what);

}  // namespace mailu::validation
