#include "schema_recorder.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "field_reader.hpp"
#include "problem_wording.hpp"

namespace mailu::validation {
namespace {

using Schema = SchemaRecorder::Schema;

// An optional value may be null: the reader takes null as not given.
void allowNull(Schema& schema) {
  if (schema.contains("enum")) {
    schema["enum"].push_back(nullptr);
    return;
  }
  Schema& type = schema["type"];
  if (type.is_array()) {
    type.push_back("null");
  } else {
    type = Schema::array({type, "null"});
  }
}

NodePtr nullNode() { return std::make_shared<const DocumentNode>(); }

// The subschemas a schema is made of, each with its path in the config
// ("workloads.admin", "hostnames.item", "overrides.dovecot.*"): the names of
// definitions, which $ref's URI fragments must be able to hold (no [ ]).
template <class Visit>
void forEachPart(Schema& schema, const std::string& path, Visit visit) {
  if (!schema.is_object()) return;
  if (const auto properties = schema.find("properties"); properties != schema.end()) {
    for (auto& [key, part] : properties->items()) visit(part, path.empty() ? key : path + "." + key);
  }
  if (const auto items = schema.find("items"); items != schema.end()) visit(*items, path + ".item");
  if (const auto other = schema.find("additionalProperties"); other != schema.end() && other->is_object()) {
    visit(*other, path + ".*");
  }
}

// Subschemas smaller than this stay where they are used, as a reader would
// rather see a list of strings than look it up.
constexpr std::size_t kSmallestDefinition = 256;

// The compact JSON text of each subschema, made from its parts' texts, so
// the texts of a whole tree cost one walk. A text stays valid while its
// subschema is unchanged: shareRepeatedParts replaces a part only after
// reading its text and never visits it again in the round.
class PartTexts {
 public:
  const std::string& of(const Schema& schema) {
    if (const auto found = texts_.find(&schema); found != texts_.end()) return found->second;
    std::string text;
    if (schema.is_object() || schema.is_array()) {
      text += schema.is_object() ? '{' : '[';
      for (auto part = schema.begin(); part != schema.end(); ++part) {
        if (part != schema.begin()) text += ',';
        if (schema.is_object()) text += Schema(part.key()).dump() + ':';
        text += of(part.value());
      }
      text += schema.is_object() ? '}' : ']';
    } else {
      text = schema.dump();
    }
    return texts_.emplace(&schema, std::move(text)).first->second;
  }

 private:
  std::unordered_map<const Schema*, std::string> texts_;
};

using PartCounts = std::unordered_map<std::string_view, int>;

void countParts(Schema& schema, PartTexts& texts, PartCounts& counts) {
  forEachPart(schema, "", [&](Schema& part, const std::string&) {
    const std::string& text = texts.of(part);
    if (text.size() >= kSmallestDefinition) ++counts[text];
    countParts(part, texts, counts);
  });
}

// Replaces the outermost subschemas that `counts` has more than once by a
// $ref to a definition, named after the path where it is first met; new
// definitions go to `made`. True when it replaced any.
bool shareRepeatedParts(Schema& schema, const std::string& path, PartTexts& texts, const PartCounts& counts,
                        std::map<std::string, std::string>& names, std::vector<std::pair<std::string, Schema>>& made) {
  bool replaced = false;
  forEachPart(schema, path, [&](Schema& part, const std::string& partPath) {
    const std::string& text = texts.of(part);
    const auto count = counts.find(text);
    if (count == counts.end() || count->second < 2) {
      replaced |= shareRepeatedParts(part, partPath, texts, counts, names, made);
      return;
    }
    const auto [name, first] = names.emplace(text, partPath);
    if (first) made.emplace_back(partPath, std::move(part));
    part = Schema{{"$ref", "#/$defs/" + name->second}};
    replaced = true;
  });
  return replaced;
}

// Each subschema used more than once becomes one definition: the outermost
// first, then, round by round, those repeated inside what is left.
Schema shareRepeated(Schema& body) {
  std::vector<std::pair<std::string, Schema>> definitions;
  std::map<std::string, std::string> names;  // a definition's text -> its name
  for (bool replaced = true; replaced;) {
    PartTexts texts;
    PartCounts counts;
    countParts(body, texts, counts);
    for (auto& definition : definitions) countParts(definition.second, texts, counts);
    std::vector<std::pair<std::string, Schema>> made;
    replaced = shareRepeatedParts(body, "", texts, counts, names, made);
    for (auto& [name, definition] : definitions) {
      replaced |= shareRepeatedParts(definition, name, texts, counts, names, made);
    }
    for (auto& definition : made) definitions.push_back(std::move(definition));
  }
  Schema result = Schema::object();
  for (auto& [name, definition] : definitions) result[name] = std::move(definition);
  return result;
}

}  // namespace

SchemaRecorder::SchemaRecorder() { emptyMapping_.kind = DocumentNode::Kind::kMapping; }

void SchemaRecorder::add(const std::string& path, Recorded recorded) {
  if (!recorded_.emplace(path, std::move(recorded)).second) {
    throw std::logic_error(fmt::format("config schema: {} is read twice", path));
  }
}

void SchemaRecorder::object(const std::string& path, const std::vector<std::string_view>& known, bool required) {
  add(path, {Shape::kObject, required, {known.begin(), known.end()}, {}, {}});
}

const DocumentNode& SchemaRecorder::namedEntries(const std::string& path, const std::vector<std::string_view>& named,
                                                 bool required) {
  add(path, {Shape::kNamedEntries, required, {named.begin(), named.end()}, {}, {}});
  DocumentNode& mapping = namedMappings_.emplace_back();
  mapping.kind = DocumentNode::Kind::kMapping;
  std::vector<std::string_view> keys = named;
  keys.push_back(kAnyName);
  for (std::string_view key : keys) {
    auto name = std::make_shared<DocumentNode>();
    name->kind = DocumentNode::Kind::kScalar;
    name->text = std::string(key);
    mapping.entries.push_back({std::move(name), nullNode(), nullptr, {}});
  }
  return mapping;
}

void SchemaRecorder::list(const std::string& path, std::string_view description, bool required) {
  add(path, {Shape::kList, required, {}, {}, std::string(description)});
}

void SchemaRecorder::value(const std::string& path, Schema schema, bool required) {
  add(path, {Shape::kValue, required, {}, std::move(schema), {}});
}

std::string SchemaRecorder::itemPath(const std::string& path) { return path + "[0]"; }

Schema SchemaRecorder::build(const std::string& path, std::vector<const std::string*>& visited) const {
  const auto found = recorded_.find(path);
  if (found == recorded_.end()) {
    throw std::logic_error(fmt::format("config schema: {} is a known key nothing reads", path));
  }
  visited.push_back(&found->first);
  const Recorded& recorded = found->second;
  Schema schema;
  switch (recorded.shape) {
    case Shape::kValue:
      schema = recorded.schema;
      break;
    case Shape::kList:
      schema["type"] = "array";
      schema["description"] = recorded.description;
      schema["items"] = build(itemPath(path), visited);
      break;
    case Shape::kObject:
    case Shape::kNamedEntries: {
      const bool named = recorded.shape == Shape::kNamedEntries;
      schema["type"] = "object";
      Schema properties = Schema::object();
      Schema required = Schema::array();
      for (const std::string& key : recorded.keys) {
        const std::string child = joinPath(blockPath(path), key);
        properties[key] = build(child, visited);
        // A named key is never due; given, it must have a value.
        if (!named && recorded_.at(child).required) required.push_back(key);
      }
      if (!properties.empty()) schema["properties"] = std::move(properties);
      if (!required.empty()) schema["required"] = std::move(required);
      schema["additionalProperties"] =
          named ? build(joinPath(blockPath(path), kAnyName), visited) : Schema(false);
      break;
    }
  }
  if (!recorded.required) allowNull(schema);
  return schema;
}

Schema SchemaRecorder::schema(const std::string& root, std::string_view title) const {
  std::vector<const std::string*> visited;
  Schema body = build(root, visited);
  if (visited.size() != recorded_.size()) {
    for (const auto& [path, recorded] : recorded_) {
      if (std::find(visited.begin(), visited.end(), &path) == visited.end()) {
        throw std::logic_error(fmt::format("config schema: {} is read but is no known key", path));
      }
    }
  }
  Schema definitions = shareRepeated(body);

  Schema schema;
  schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  schema["title"] = std::string(title);
  for (auto& [key, value] : body.items()) schema[key] = std::move(value);
  if (!definitions.empty()) schema["$defs"] = std::move(definitions);
  return schema;
}

}  // namespace mailu::validation
