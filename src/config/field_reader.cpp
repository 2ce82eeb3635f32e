#include "field_reader.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_set>

#include <fmt/format.h>

#include "text_predicates.hpp"

namespace mailu::validation {

using Kind = DocumentNode::Kind;

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
  if (field.node->unsupportedTag.empty()) return false;
  report(field.path, fmt::format("has the YAML tag {}, which a config does not use", field.node->unsupportedTag),
         field.node, describeValue(*field.node));
  return true;
}

std::optional<Block> FieldReader::block(const Field& field, const KnownKeys& known, bool required) {
  if (missing(field, required) || refusedTag(field)) return std::nullopt;
  const DocumentNode& node = *field.node;
  if (node.kind != Kind::kMapping) {
    report(field.path, "must be a mapping of keys to values", &node, describeValue(node));
    return std::nullopt;
  }
  Block result(node, field.path == kDocumentPath ? std::string() : field.path);
  std::unordered_set<std::string_view> seen;
  for (const DocumentNode::Entry& entry : node.entries) {
    const DocumentNode& key = *entry.key;
    if (key.kind != Kind::kScalar) {
      report(field.path, "has a key that is not a name", &key, describeValue(key));
      continue;
    }
    const bool duplicate = !seen.insert(key.text).second;
    const bool unknown = !duplicate && std::find(known.begin(), known.end(), key.text) == known.end();
    if (!duplicate && !unknown) continue;
    if (listed_ >= kMaxProblems) {
      ++omitted_;  // spare the paths and edit distances nobody will see
      continue;
    }
    const std::string keyPath = joinPath(result.path(), key.text);
    report(keyPath, duplicate ? std::string("is given more than once") : unknownKeyMessage(key.text, known), &key);
  }
  return result;
}

std::optional<std::string_view> FieldReader::stringText(const Field& field, std::string_view expected,
                                                        bool numbersAllowed, bool (*wouldAccept)(std::string_view)) {
  const DocumentNode& node = *field.node;
  const std::string mustBe = fmt::format("must be {}", expected);
  if (node.kind != Kind::kScalar) {
    report(field.path, mustBe, &node, describeValue(node));
    return std::nullopt;
  }
  if (!node.quoted) {
    const PlainMeaning meaning = plainMeaning(node.text);
    const bool number = meaning == PlainMeaning::kInteger || meaning == PlainMeaning::kFloat;
    if (meaning == PlainMeaning::kBoolean || (number && !numbersAllowed)) {
      // Quoting is the fix only when the text itself is right.
      const bool quotingHelps = number && wouldAccept != nullptr && wouldAccept(node.text);
      report(field.path,
             quotingHelps ? mustBe + "; YAML reads this as a number, so put it in quotes" : mustBe, &node,
             describeValue(node));
      return std::nullopt;
    }
  }
  if (node.text.empty()) {
    report(field.path, "must not be empty", &node, describeValue(node));
    return std::nullopt;
  }
  if (hasControlCharacter(node.text)) {
    report(field.path, "must not contain control characters or line breaks", &node, describeValue(node));
    return std::nullopt;
  }
  return std::string_view(node.text);
}

std::optional<std::string> FieldReader::string(const Field& field, const Format& format, bool required) {
  if (missing(field, required) || refusedTag(field)) return std::nullopt;
  // The format itself is a rule over the value, checked with the others
  // (config_validation.cpp); here only whether a string is there.
  const auto text = stringText(field, format.description, format.numbersAllowed, format.accepts);
  if (!text) return std::nullopt;
  return std::string(*text);
}

std::optional<long long> FieldReader::integer(const Field& field, long long min, long long max, bool required) {
  if (missing(field, required) || refusedTag(field)) return std::nullopt;
  const DocumentNode& node = *field.node;
  const std::string mustBe = fmt::format("must be a whole number from {} to {}", min, max);
  const auto parsed = [&]() -> std::optional<long long> {
    if (node.kind != Kind::kScalar) return std::nullopt;
    std::string_view digits = node.text;
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
    long long value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    return value;
  }();
  const bool inRange = parsed && *parsed >= min && *parsed <= max;
  if (node.kind == Kind::kScalar && node.quoted) {
    report(field.path, inRange ? mustBe + ", written without quotes" : mustBe, &node, describeValue(node));
    return std::nullopt;
  }
  if (!inRange) {
    report(field.path, mustBe, &node, describeValue(node));
    return std::nullopt;
  }
  return parsed;
}

std::optional<bool> FieldReader::boolean(const Field& field) {
  if (missing(field, false) || refusedTag(field)) return std::nullopt;
  const DocumentNode& node = *field.node;
  if (node.kind == Kind::kScalar && !node.quoted && isBooleanWord(node.text)) return lowered(node.text[0]) == 't';
  report(field.path, "must be true or false", &node, describeValue(node));
  return std::nullopt;
}

void FieldReader::finish() {
  if (omitted_ > 0) {
    problems_.push_back({"", fmt::format("... and {} more problems not listed", omitted_), ""});
  }
}

}  // namespace mailu::validation
