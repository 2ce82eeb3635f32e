#include "field_reader.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_set>

#include <fmt/format.h>

#include "text_predicates.hpp"

namespace mailu::validation {

using Kind = DocumentNode::Kind;

namespace {

// What to write differently when a number is refused for its notation
// rather than its value (isPlainDecimal); empty when that is not the case.
// `fraction`: whether the field takes digits after a '.' (CPU cores).
std::string_view notationHint(std::string_view text, bool fraction) {
  if (text.starts_with('+')) return "written without '+'";
  std::string_view digits = text;
  if (digits.starts_with('-')) digits.remove_prefix(1);
  if (digits.size() > 1 && digits[0] == '0' && isDigit(digits[1])) {
    return "written without leading zeros (YAML 1.1 readers, kubectl's among them, read 012 as octal 10)";
  }
  if (digits.starts_with("0o") || digits.starts_with("0x")) return "written in decimal digits";
  const std::size_t exponent = digits.find_first_of("eE");
  if (fraction) return exponent != std::string_view::npos ? "written without an exponent" : "";
  const std::size_t dot = digits.find('.');
  const bool zeroFraction = dot != std::string_view::npos && exponent == std::string_view::npos &&
                            allOf(digits.substr(dot + 1), [](char c) { return c == '0'; });
  if (exponent != std::string_view::npos || zeroFraction) return "written in digits without a fraction or exponent";
  return {};
}

using Schema = SchemaRecorder::Schema;

// A description as editors show it: the wording of "must be ..." as a sentence.
std::string sentence(std::string_view wording) {
  std::string text(wording);
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

// A string in `format`: stringText's rules (a number where the format takes
// one; no empty text unless `emptyAllowed`; no control characters unless the
// format takes lines, and then its own rule says which).
Schema stringSchema(const Format& format, bool emptyAllowed = false) {
  Schema schema;
  schema["type"] = format.numbersAllowed ? Schema::array({"string", "number"}) : Schema("string");
  if (!emptyAllowed) schema["minLength"] = 1;
  if (!format.linesAllowed) schema["pattern"] = "^[^\\u0000-\\u001F\\u007F]*$";
  schema["description"] = sentence(format.description);
  return schema;
}

}  // namespace

Field fieldOf(const Block& block, std::string_view key) {
  return {block.find(key), joinPath(block.path(), key), &block.node()};
}

bool isAbsent(const DocumentNode* node) { return node == nullptr || node->kind == Kind::kNull; }

void FieldReader::report(std::string path, std::string message, const DocumentNode* at, std::string got) {
  if (listed_ >= kMaxProblems) {
    ++omitted_;
    return;
  }
  ++listed_;
  ConfigProblem problem{std::move(path), std::move(message), std::move(got)};
  if (at != nullptr && at->line > 0) {
    problem.line = at->line;
    problem.column = at->column;
  }
  problems_.push_back(std::move(problem));
}

bool FieldReader::missing(const Field& field, bool required) {
  if (!isAbsent(field.node)) return false;
  if (required) report(field.path, "is required", field.node != nullptr ? field.node : field.around);
  return true;
}

bool FieldReader::refusedTag(const Field& field) {
  const DocumentNode& node = *field.node;
  switch (tagFit(node)) {
    case TagFit::kFits:
      return false;
    case TagFit::kUnsupported:
      report(field.path, fmt::format("has the YAML tag {}, which a config does not use", node.tag), &node,
             describeValue(node));
      return true;
    case TagFit::kWrongKind:
      break;
  }
  const std::string_view kind = node.kind == Kind::kMapping    ? "a mapping"
                                : node.kind == Kind::kSequence ? "a list"
                                                               : "a single value";
  report(field.path, fmt::format("has the YAML tag {}, which does not fit {}", node.tag, kind), &node,
         describeValue(node));
  return true;
}

bool FieldReader::refusedMerge(const std::string& path, const DocumentNode::Entry& entry) {
  if (entry.mergeProblem.empty()) return false;
  const bool repeated = entry.mergeProblem == kRepeatedMergeKey;
  report(joinPath(path, entry.key->text), entry.mergeProblem, entry.key.get(),
         repeated ? std::string() : describeValue(*entry.value));
  return true;
}

std::optional<Block> FieldReader::block(const Field& field, const KnownKeys& known, bool required) {
  if (recorder_ != nullptr) {
    recorder_->object(field.path, known, required);
    return Block(recorder_->emptyMapping(), blockPath(field.path));
  }
  return mapping(field, &known, required);
}

std::optional<Block> FieldReader::namedEntries(const Field& field, const KnownKeys& named, bool required) {
  if (recorder_ != nullptr) return Block(recorder_->namedEntries(field.path, named, required), field.path);
  return mapping(field, nullptr, required);
}

void FieldReader::recordChoice(const Field& field, const std::vector<std::string_view>& names, bool required) {
  Schema schema;
  schema["enum"] = Schema::array();
  for (std::string_view name : names) schema["enum"].push_back(name);
  schema["description"] = "One of " + quotedList(names);
  recorder_->value(field.path, std::move(schema), required);
}

std::optional<Block> FieldReader::mapping(const Field& field, const KnownKeys* known, bool required) {
  if (missing(field, required) || refusedTag(field)) return std::nullopt;
  const DocumentNode& node = *field.node;
  if (node.kind != Kind::kMapping) {
    report(field.path, "must be a mapping of keys to values", &node, describeValue(node));
    return std::nullopt;
  }
  Block result(node, blockPath(field.path));
  std::unordered_set<std::string_view> seen;
  for (const DocumentNode::Entry& entry : node.entries) {
    const DocumentNode& key = *entry.key;
    if (refusedMerge(result.path(), entry)) continue;
    if (key.kind != Kind::kScalar) {
      report(field.path, "has a key that is not a name", &key, describeValue(key));
      continue;
    }
    const bool duplicate = !seen.insert(key.text).second;
    const bool unknown =
        !duplicate && known != nullptr && std::find(known->begin(), known->end(), key.text) == known->end();
    if (!duplicate && !unknown) continue;
    if (listed_ >= kMaxProblems) {
      ++omitted_;  // spare the paths and edit distances nobody will see
      continue;
    }
    const std::string keyPath = joinPath(result.path(), key.text);
    std::string message = duplicate ? std::string("is given more than once") : unknownKeyMessage(key.text, *known);
    // Reported where the anchored mapping writes the key; without the note
    // the user would look for it under this path in vain.
    if (entry.mergedBy != nullptr) {
      message += fmt::format(" (it comes in through the merge key << on line {})", entry.mergedBy->line);
    }
    report(keyPath, std::move(message), &key);
  }
  return result;
}

std::optional<std::string_view> FieldReader::stringText(const Field& field, std::string_view expected,
                                                        bool numbersAllowed, bool (*wouldAccept)(std::string_view),
                                                        bool linesAllowed) {
  const DocumentNode& node = *field.node;
  const std::string mustBe = fmt::format("must be {}", expected);
  if (node.kind != Kind::kScalar) {
    report(field.path, mustBe, &node, describeValue(node));
    return std::nullopt;
  }
  const ScalarType type = scalarType(node);
  const bool number = type == ScalarType::kInteger || type == ScalarType::kFloat;
  if (number && numbersAllowed) {
    // A YAML number is taken as its digits only where every reader reads
    // the same digits (isPlainDecimal); `cpu: 010` is 8 cores to kubectl.
    if (!isPlainDecimal(node.text, type == ScalarType::kFloat)) {
      const std::string_view hint = notationHint(node.text, true);
      report(field.path, hint.empty() ? mustBe : fmt::format("{}; a YAML number must be {}", mustBe, hint), &node,
             describeValue(node));
      return std::nullopt;
    }
  } else if (type != ScalarType::kString) {
    // Quoting is the fix only when the text itself is right, and no tag
    // says it is a number.
    const bool quotingHelps = number && node.tag.empty() && wouldAccept != nullptr && wouldAccept(node.text);
    report(field.path, quotingHelps ? mustBe + "; YAML reads this as a number, so put it in quotes" : mustBe, &node,
           describeValue(node));
    return std::nullopt;
  }
  if (node.text.empty()) {
    report(field.path, "must not be empty", &node, describeValue(node));
    return std::nullopt;
  }
  if (!linesAllowed && hasControlCharacter(node.text)) {
    report(field.path, "must not contain control characters or line breaks", &node, describeValue(node));
    return std::nullopt;
  }
  return std::string_view(node.text);
}

std::optional<std::string> FieldReader::string(const Field& field, const Format& format, bool required) {
  if (recorder_ != nullptr) {
    recorder_->value(field.path, stringSchema(format), required);
    return std::nullopt;
  }
  if (missing(field, required) || refusedTag(field)) return std::nullopt;
  // The format itself is a rule over the value, checked with the others
  // (config_validation.cpp); here only whether a string is there.
  const auto text = stringText(field, format.description, format.numbersAllowed, format.accepts, format.linesAllowed);
  if (!text) return std::nullopt;
  return std::string(*text);
}

std::optional<long long> FieldReader::integer(const Field& field, long long min, long long max, bool required) {
  if (recorder_ != nullptr) {
    Schema schema{{"type", "integer"}, {"minimum", min}, {"maximum", max}};
    schema["description"] = fmt::format("A whole number from {} to {}", min, max);
    recorder_->value(field.path, std::move(schema), required);
    return std::nullopt;
  }
  if (missing(field, required) || refusedTag(field)) return std::nullopt;
  const DocumentNode& node = *field.node;
  const std::string mustBe = fmt::format("must be a whole number from {} to {}", min, max);
  const bool scalar = node.kind == Kind::kScalar;
  const ScalarType type = scalar ? scalarType(node) : ScalarType::kOther;
  const bool decimal = scalar && isPlainDecimal(node.text);
  long long value = 0;
  const bool inRange = decimal &&
                       std::from_chars(node.text.data(), node.text.data() + node.text.size(), value).ec == std::errc() &&
                       value >= min && value <= max;
  if (type == ScalarType::kInteger && inRange) return value;
  std::string message = mustBe;
  if (type == ScalarType::kString && node.tag.empty() && inRange) {
    message += ", written without quotes";
  } else if ((type == ScalarType::kInteger || type == ScalarType::kFloat) && !decimal) {
    const std::string_view hint = notationHint(node.text, false);
    if (!hint.empty()) message += fmt::format(", {}", hint);
  }
  report(field.path, std::move(message), &node, describeValue(node));
  return std::nullopt;
}

std::optional<bool> FieldReader::boolean(const Field& field) {
  if (recorder_ != nullptr) {
    recorder_->value(field.path, Schema{{"type", "boolean"}}, false);
    return std::nullopt;
  }
  if (missing(field, false) || refusedTag(field)) return std::nullopt;
  const DocumentNode& node = *field.node;
  if (node.kind == Kind::kScalar && scalarType(node) == ScalarType::kBoolean && isBooleanWord(node.text)) {
    return lowered(node.text[0]) == 't';
  }
  report(field.path, "must be true or false", &node, describeValue(node));
  return std::nullopt;
}

std::optional<std::map<std::string, std::string>> FieldReader::keyedStrings(const Field& field,
                                                                          const Format& valueFormat,
                                                                          std::string_view shape) {
  if (recorder_ != nullptr) {
    // Kubernetes takes an empty value (quoted, so it is a string).
    Schema value = stringSchema(valueFormat, true);
    Schema schema{{"type", "object"}};
    schema["description"] = sentence(fmt::format("a mapping of {}", shape));
    schema["additionalProperties"] = std::move(value);
    recorder_->value(field.path, std::move(schema), false);
    return std::nullopt;
  }
  if (missing(field, false) || refusedTag(field)) return std::nullopt;
  const DocumentNode& node = *field.node;
  if (node.kind != Kind::kMapping) {
    report(field.path, fmt::format("must be a mapping of {}", shape), &node,
           describeValue(node));
    return std::nullopt;
  }
  std::map<std::string, std::string> values;
  for (const DocumentNode::Entry& entry : node.entries) {
    const DocumentNode& key = *entry.key;
    if (refusedMerge(field.path, entry)) continue;
    const std::string keyPath = joinPath(field.path, key.text);
    if (key.kind != Kind::kScalar || !isLabelKey(key.text)) {
      report(key.kind == Kind::kScalar ? keyPath : field.path,
             "must be a label name such as app or app.kubernetes.io/name", &key, describeValue(key));
      continue;
    }
    if (values.contains(key.text)) {
      report(keyPath, "is given more than once", &key);
      continue;
    }
    const Field value{entry.value.get(), keyPath, &node};
    // Kubernetes allows an empty value; it has to be quoted to be a string.
    if (value.node != nullptr && value.node->kind == Kind::kScalar && scalarType(*value.node) == ScalarType::kString &&
        value.node->text.empty()) {
      values.emplace(key.text, "");
    } else if (isAbsent(value.node)) {
      report(value.path, fmt::format("must be {}", valueFormat.description), value.node, "null");
    } else if (auto text = string(value, valueFormat, true)) {
      values.emplace(key.text, std::move(*text));
    }
  }
  return values;
}

std::optional<std::vector<std::string>> FieldReader::stringList(const Field& field, const Format& format,
                                                             std::string_view items, bool required) {
  if (recorder_ != nullptr) {
    Schema schema{{"type", "array"}};
    schema["description"] = sentence(fmt::format("a list of {}", items));
    schema["items"] = stringSchema(format);
    recorder_->value(field.path, std::move(schema), required);
    return std::nullopt;
  }
  if (missing(field, required) || refusedTag(field)) return std::nullopt;
  const DocumentNode& list = *field.node;
  if (list.kind != Kind::kSequence) {
    report(field.path, fmt::format("must be a list of {}", items), &list, describeValue(list));
    return std::nullopt;
  }
  std::vector<std::string> values;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const Field item{list.items[i].get(), fmt::format("{}[{}]", field.path, i), &list};
    if (isAbsent(item.node)) {
      report(item.path, fmt::format("must be {}", format.description), item.node, "null");
    } else if (auto value = string(item, format, true)) {
      values.push_back(std::move(*value));
    }
  }
  return values;
}

void FieldReader::finish() {
  if (omitted_ > 0) {
    problems_.push_back({"", fmt::format("... and {} more problems not listed", omitted_), ""});
  }
}

}  // namespace mailu::validation
