// Private to the config loader: the JSON Schema of the config, written down
// while the reader walks a config in recording mode (FieldReader with a
// recorder). Each of the reader's calls says what it takes at its path, so
// the schema is the reader's own rules and cannot drift from them.
//
// Only the shape is recorded: the keys of each mapping and which of them are
// required, each value's type, the choices of an enum, integer ranges, and
// the wording of each format as its description. Rules over the values
// (formats, how keys go together) stay with the validator.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "document.hpp"

namespace mailu::validation {

class SchemaRecorder {
 public:
  using Schema = nlohmann::ordered_json;

  // The user's name a recorded mapping of named entries is walked with: its
  // value's schema is the schema of every name but `named`.
  static constexpr std::string_view kAnyName = "*";

  SchemaRecorder();
  SchemaRecorder(const SchemaRecorder&) = delete;
  SchemaRecorder& operator=(const SchemaRecorder&) = delete;

  // A mapping with `known` keys only.
  void object(const std::string& path, const std::vector<std::string_view>& known, bool required);
  // A mapping of the user's names; `named` keys have a meaning of their own.
  // Returns what its Block wraps: an entry for each named key and one for
  // kAnyName, each null, so the walk reads each once.
  const DocumentNode& namedEntries(const std::string& path, const std::vector<std::string_view>& named, bool required);
  // A list; its item is walked at itemPath(path).
  void list(const std::string& path, std::string_view description, bool required);
  // A value: `schema` without null, which an optional value may also be.
  void value(const std::string& path, Schema schema, bool required);

  static std::string itemPath(const std::string& path);

  // What a Block of a recorded mapping wraps: no entries, so the walk finds
  // every key absent and records it.
  const DocumentNode& emptyMapping() const { return emptyMapping_; }

  // The draft 2020-12 schema of the mapping recorded at `root`. Throws
  // std::logic_error when a known key was never walked or a path twice: a
  // bug of the reader, which the schema test catches.
  Schema schema(const std::string& root, std::string_view title) const;

 private:
  enum class Shape { kValue, kObject, kNamedEntries, kList };
  struct Recorded {
    Shape shape;
    bool required;
    std::vector<std::string> keys;  // kObject: every key; kNamedEntries: the named ones
    Schema schema;                  // kValue: the value's schema
    std::string description;        // kList: what the list holds
  };

  void add(const std::string& path, Recorded recorded);
  Schema build(const std::string& path, std::vector<const std::string*>& visited) const;

  std::map<std::string, Recorded> recorded_;
  DocumentNode emptyMapping_;
  std::deque<DocumentNode> namedMappings_;  // namedEntries(): stable addresses for the Blocks
};

}  // namespace mailu::validation
