// Private to the config loader: the document tree it builds from the text
// (json_document.hpp and yaml_document.hpp are the two readers that build it).
//
// The tree is the loader's own rather than yaml-cpp's because the checks need
// what yaml-cpp's Node hides or gets wrong for us: whether a scalar was quoted
// ("5432" is a string, 5432 is not), its tag, where each node is, duplicate
// keys, and where a key copied in by a merge key (`<<: *defaults`) is written.
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
    // The merge key `<<` that copied this entry in, when one did. The key
    // node is the anchored mapping's, so a problem with it points there; the
    // note names this `<<`, or the user could not tell how the key got in.
    NodePtr mergedBy;
    // Set on a `<<` entry that could not be merged: why. It stays in the
    // mapping for the walk to report at the mapping's path.
    std::string mergeProblem;
  };

  Kind kind = Kind::kNull;
  std::string text;  // a scalar's value
  // Quoted (or given the non-specific tag "!"): a string whatever it reads
  // like, unless a tag says otherwise. A plain scalar is resolved the YAML
  // 1.2 way: true, 12, 1.5 are not strings.
  bool quoted = false;
  // The explicit tag as a problem shows it ("!!int", "!custom"), empty when
  // there is none. The walk takes the standard ones (scalarType) and
  // refuses the others.
  std::string tag;
  std::size_t line = 0;  // 1-based; 0 when unknown
  std::size_t column = 0;
  std::vector<NodePtr> items;    // a sequence's
  std::vector<Entry> entries;    // a mapping's, in document order, duplicates kept
};

// The problem of a second `<<` in one mapping.
inline constexpr std::string_view kRepeatedMergeKey =
    "is given more than once; merge several mappings with one << and a list of them";

// YAML 1.2 core schema: what a plain (unquoted) scalar means.
enum class PlainMeaning { kString, kBoolean, kInteger, kFloat };
PlainMeaning plainMeaning(std::string_view text);
bool isBooleanWord(std::string_view text);  // true/True/TRUE/false/False/FALSE
bool isNullWord(std::string_view text);     // "", ~, null/Null/NULL

// What a scalar stands for: the type its standard tag names (!!str, !!int,
// !!float, !!bool, !!null), else a string when quoted, else its plain
// meaning. kOther: any other tag, including !!map and !!seq on a scalar.
enum class ScalarType { kString, kBoolean, kInteger, kFloat, kNull, kOther };
ScalarType scalarType(const DocumentNode& node);

// How an explicit tag fits the node it is on.
enum class TagFit { kFits, kWrongKind, kUnsupported };
TagFit tagFit(const DocumentNode& node);

// A number as every YAML and JSON reader reads it alike: an optional '-',
// then "0" or digits not starting with 0; with `fraction`, optionally '.'
// and digits ("0.5", not ".5" or "5."). No '+', no leading zeros, no 0o/0x,
// no exponent: YAML 1.1 readers (kubectl's among them) take 012 as octal 10
// and 0o12 as a string, JSON has no '+', and "-0" has the only zero "0".
bool isPlainDecimal(std::string_view text, bool fraction = false);

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
