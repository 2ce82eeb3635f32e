// Private to the config loader: reads one place of the document tree as the
// type the config wants there, and reports what is wrong with it, worded for
// the user and pointing at the line. The config's walk (config_reader.cpp) is
// made of these calls.
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config_formats.hpp"
#include "document.hpp"
#include "mailu/config.hpp"
#include "problem_wording.hpp"
#include "schema_recorder.hpp"

namespace mailu::validation {

using KnownKeys = std::vector<std::string_view>;

// The path of the document itself, for the top-level mapping's problems.
inline constexpr std::string_view kDocumentPath = "<document>";

// The path a mapping's keys are joined to: the document's keys stand alone.
inline std::string blockPath(const std::string& fieldPath) {
  return fieldPath == kDocumentPath ? std::string() : fieldPath;
}

// A mapping whose keys have been checked.
class Block {
 public:
  Block(const DocumentNode& node, std::string path) : node_(&node), path_(std::move(path)) {}

  const DocumentNode& node() const { return *node_; }
  const std::string& path() const { return path_; }

  // The first value given for `key`; later duplicates have been reported.
  const DocumentNode* find(std::string_view key) const {
    for (const DocumentNode::Entry& entry : node_->entries) {
      if (entry.key->kind == DocumentNode::Kind::kScalar && entry.key->text == key) return entry.value.get();
    }
    return nullptr;
  }

 private:
  const DocumentNode* node_;
  std::string path_;
};

// One place in the config: the value there (null when absent), its path, and
// where to point when it is absent.
struct Field {
  const DocumentNode* node;
  std::string path;
  const DocumentNode* around;
};

Field fieldOf(const Block& block, std::string_view key);
bool isAbsent(const DocumentNode* node);

// Each call reads a field and returns its value, or reports the problem and
// returns nothing. Reports past the 100th are counted, not kept.
//
// With a recorder, no document is read: each call records what it takes
// (schema_recorder.hpp) and returns nothing, but for a mapping, whose
// Block holds no values, and a list, whose item is walked once, so that the
// walk reaches every key.
class FieldReader {
 public:
  explicit FieldReader(std::vector<ConfigProblem>& problems, SchemaRecorder* recorder = nullptr)
      : problems_(problems), recorder_(recorder) {}

  void report(std::string path, std::string message, const DocumentNode* at, std::string got = {});
  // True (and reported when required) when the field is absent or null.
  bool missing(const Field& field, bool required);
  // True (and reported) when the value carries a tag a config does not use,
  // or a standard one that does not fit it (!!seq on a mapping).
  bool refusedTag(const Field& field);
  // True (and reported) when `entry` of the mapping at `path` is a merge
  // key `<<` that could not be merged.
  bool refusedMerge(const std::string& path, const DocumentNode::Entry& entry);

  // A mapping with only `known` keys, each once.
  std::optional<Block> block(const Field& field, const KnownKeys& known, bool required);
  // A mapping whose keys are the user's names (file names), each once;
  // `named` are the keys that mean something else (for the schema).
  std::optional<Block> namedEntries(const Field& field, const KnownKeys& named, bool required);
  // The text of a scalar that may stand where a string is due; reports and
  // returns nothing otherwise. `expected` completes "must be ...". Control
  // characters are refused unless `linesAllowed` (the value's rule then
  // says which it takes).
  std::optional<std::string_view> stringText(const Field& field, std::string_view expected, bool numbersAllowed,
                                             bool (*wouldAccept)(std::string_view), bool linesAllowed = false);
  // A string where `format` is due (its description words a wrong type);
  // whether the text is in the format is checked with the other value rules.
  std::optional<std::string> string(const Field& field, const Format& format, bool required);
  std::optional<long long> integer(const Field& field, long long min, long long max, bool required);
  std::optional<bool> boolean(const Field& field);
  // One of `values`, spelled as toString spells it.
  template <class Enum>
  std::optional<Enum> choice(const Field& field, std::initializer_list<Enum> values, bool required) {
    const auto names = [&] {
      std::vector<std::string_view> words;
      for (Enum value : values) words.push_back(toString(value));
      return words;
    };
    if (recorder_ != nullptr) {
      recordChoice(field, names(), required);
      return std::nullopt;
    }
    if (missing(field, required) || refusedTag(field)) return std::nullopt;
    const std::string expected = "one of " + quotedList(names());
    const auto text = stringText(field, expected, false, nullptr);
    if (!text) return std::nullopt;
    for (Enum value : values) {
      if (toString(value) == *text) return value;
    }
    report(field.path, "must be " + expected, field.node, describeValue(*field.node));
    return std::nullopt;
  }

  // A mapping of label-style keys ([prefix/]name, as labels, annotations
  // and node selectors take) to strings in `valueFormat`; an empty quoted
  // value is kept. `shape` completes "must be a mapping of ...".
  std::optional<std::map<std::string, std::string>> keyedStrings(const Field& field, const Format& valueFormat,
                                                                 std::string_view shape);
  std::optional<std::map<std::string, std::string>> labels(const Field& field) {
    return keyedStrings(field, kLabelValueFormat, "label names to values, such as {app: traefik}");
  }
  // A list of strings where `format` is due; `items` completes "must be a list of ...".
  std::optional<std::vector<std::string>> stringList(const Field& field, const Format& format, std::string_view items,
                                                     bool required = false);

  // Each item of a list through `item` (a function of the item's Field
  // returning an optional T); `example` completes "must be a list of ...".
  template <class T, class ReadItem>
  std::optional<std::vector<T>> listOf(const Field& field, std::string_view example, ReadItem item) {
    if (recorder_ != nullptr) {
      recorder_->list(field.path, fmt::format("A list of {}", example), false);
      item(Field{nullptr, SchemaRecorder::itemPath(field.path), nullptr});
      return std::nullopt;
    }
    if (missing(field, false) || refusedTag(field)) return std::nullopt;
    const DocumentNode& list = *field.node;
    if (list.kind != DocumentNode::Kind::kSequence) {
      report(field.path, fmt::format("must be a list of {}", example), &list, describeValue(list));
      return std::nullopt;
    }
    std::vector<T> values;
    for (std::size_t i = 0; i < list.items.size(); ++i) {
      if (auto value = item(Field{list.items[i].get(), fmt::format("{}[{}]", field.path, i), &list})) {
        values.push_back(std::move(*value));
      }
    }
    return values;
  }

  // Adds "... and N more problems not listed" when reports were dropped.
  void finish();

 private:
  static constexpr std::size_t kMaxProblems = 100;

  // block() and namedEntries(): `known` null takes any key.
  std::optional<Block> mapping(const Field& field, const KnownKeys* known, bool required);
  void recordChoice(const Field& field, const std::vector<std::string_view>& names, bool required);

  std::vector<ConfigProblem>& problems_;
  SchemaRecorder* recorder_;  // null: reading a document
  std::size_t listed_ = 0;
  std::size_t omitted_ = 0;
};

}  // namespace mailu::validation
