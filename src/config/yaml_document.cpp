#include "yaml_document.hpp"

#include <algorithm>
#include <map>
#include <sstream>
#include <string_view>
#include <unordered_set>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace mailu::validation {
namespace {

std::string displayTag(const std::string& tag) {
  constexpr std::string_view kCorePrefix = "tag:yaml.org,2002:";
  if (tag.rfind(kCorePrefix, 0) == 0) return "!!" + tag.substr(kCorePrefix.size());
  return tag.size() > 40 ? tag.substr(0, 40) + "..." : tag;
}

// Merges may copy this many keys in all. A config has a few hundred keys;
// nested merges of merges could otherwise multiply a small text into
// billions of entries ("billion laughs").
constexpr std::size_t kMaxMergedKeys = 100'000;

// A plain `<<` key is YAML 1.1's merge key; a quoted "<<" is an ordinary key.
bool isMergeKey(const DocumentNode& key) {
  return key.kind == DocumentNode::Kind::kScalar && !key.quoted && key.tag.empty() && key.text == "<<";
}

bool isMergeable(const DocumentNode& node) {
  return node.kind == DocumentNode::Kind::kMapping && tagFit(node) == TagFit::kFits;
}

// Why `value` cannot be merged; empty when it can.
std::string mergeProblem(const DocumentNode& value) {
  constexpr std::string_view kMustBe = "must be a mapping or a list of mappings to merge";
  if (tagFit(value) == TagFit::kUnsupported) {
    return fmt::format("has the YAML tag {}, which a config does not use", value.tag);
  }
  if (isMergeable(value)) return {};
  if (value.kind == DocumentNode::Kind::kSequence && tagFit(value) == TagFit::kFits) {
    for (const NodePtr& item : value.items) {
      if (!isMergeable(*item)) return std::string(kMustBe);
    }
    return {};
  }
  return std::string(kMustBe);
}

// Builds the loader's own tree from yaml-cpp's parse events.
class TreeBuilder : public YAML::EventHandler {
 public:
  NodePtr root() const { return root_; }
  std::size_t documents() const { return documents_; }
  std::size_t lastDocumentLine() const { return lastDocumentLine_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    ++documents_;
    lastDocumentLine_ = lineOf(mark);
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add(leaf(mark, DocumentNode::Kind::kNull), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto found = anchors_.find(anchor);
    if (found == anchors_.end()) {
      throw Unreadable{textProblemAt(lineOf(mark), columnOf(mark), "an alias refers to a node that contains it")};
    }
    add(found->second, 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    auto node = leaf(mark, DocumentNode::Kind::kScalar);
    node->text = value;
    // yaml-cpp tags a plain scalar "?" and a quoted one "!" (as it does one
    // given the non-specific tag). An explicit tag replaces either, so
    // `!!int "8080"` is told from `!!int 8080` by nothing: the tag decides.
    node->quoted = tag == "!";
    if (tag != "?" && tag != "!") node->tag = displayTag(tag);
    // `key: !!null` means what `key:` means: not set.
    if (node->tag == "!!null" && isNullWord(value)) {
      node->kind = DocumentNode::Kind::kNull;
      node->text.clear();
      node->tag.clear();
    }
    add(node, anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, DocumentNode::Kind::kSequence, tag, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, DocumentNode::Kind::kMapping, tag, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct OpenNode {
    std::shared_ptr<DocumentNode> node;
    YAML::anchor_t anchor;
    NodePtr pendingKey;  // a mapping's key still waiting for its value
  };

  static std::size_t lineOf(const YAML::Mark& mark) { return mark.line >= 0 ? static_cast<std::size_t>(mark.line) + 1 : 0; }
  static std::size_t columnOf(const YAML::Mark& mark) {
    return mark.column >= 0 ? static_cast<std::size_t>(mark.column) + 1 : 0;
  }

  static std::shared_ptr<DocumentNode> leaf(const YAML::Mark& mark, DocumentNode::Kind kind) {
    auto node = std::make_shared<DocumentNode>();
    node->kind = kind;
    node->line = lineOf(mark);
    node->column = columnOf(mark);
    return node;
  }

  void open(const YAML::Mark& mark, DocumentNode::Kind kind, const std::string& tag, YAML::anchor_t anchor) {
    // Checked before yaml-cpp descends further, so its recursion stays shallow too.
    if (open_.size() >= kMaxDocumentDepth) {
      throw Unreadable{textProblemAt(lineOf(mark), columnOf(mark),
                                 fmt::format("the config nests deeper than {} levels", kMaxDocumentDepth))};
    }
    auto node = leaf(mark, kind);
    if (tag != "?" && tag != "!") node->tag = displayTag(tag);
    open_.push_back({std::move(node), anchor, nullptr});
  }

  void close() {
    OpenNode finished = std::move(open_.back());
    open_.pop_back();
    // Before the anchor is registered: an alias of this mapping gets it merged.
    if (finished.node->kind == DocumentNode::Kind::kMapping) resolveMerges(*finished.node);
    add(std::move(finished.node), finished.anchor);
  }

  // Replaces a good `<<` entry with the entries of the mapping(s) it names
  // (YAML 1.1 merge keys), so the walk sees an ordinary mapping: keys
  // written in the mapping win, and of a list of mappings the earlier ones.
  // A `<<` that cannot be merged stays, marked, for the walk to report.
  void resolveMerges(DocumentNode& mapping) {
    if (std::none_of(mapping.entries.begin(), mapping.entries.end(),
                     [](const DocumentNode::Entry& entry) { return isMergeKey(*entry.key); })) {
      return;
    }
    // Views of the key nodes' texts, which outlive this call.
    std::unordered_set<std::string_view> present;
    for (const DocumentNode::Entry& entry : mapping.entries) {
      if (!isMergeKey(*entry.key) && entry.key->kind == DocumentNode::Kind::kScalar) present.insert(entry.key->text);
    }
    std::vector<DocumentNode::Entry> resolved;
    bool merged = false;
    for (DocumentNode::Entry& entry : mapping.entries) {
      if (!isMergeKey(*entry.key)) {
        resolved.push_back(std::move(entry));
        continue;
      }
      entry.mergeProblem = merged ? std::string(kRepeatedMergeKey) : mergeProblem(*entry.value);
      if (!entry.mergeProblem.empty()) {
        resolved.push_back(std::move(entry));
        continue;
      }
      merged = true;
      const auto copyFrom = [&](const DocumentNode& source) {
        for (const DocumentNode::Entry& candidate : source.entries) {
          // Counted before the checks: skipping keys is work too.
          if (++mergedKeys_ > kMaxMergedKeys) {
            throw Unreadable{textProblemAt(
                entry.key->line, entry.key->column,
                fmt::format("the merge keys (<<) copy more than {} keys in all; a config has a few hundred",
                            kMaxMergedKeys))};
          }
          if (!candidate.mergeProblem.empty()) continue;  // reported where it is written
          if (candidate.key->kind == DocumentNode::Kind::kScalar && !present.insert(candidate.key->text).second) {
            continue;
          }
          resolved.push_back({candidate.key, candidate.value, entry.key, {}});
        }
      };
      if (entry.value->kind == DocumentNode::Kind::kMapping) {
        copyFrom(*entry.value);
      } else {
        for (const NodePtr& item : entry.value->items) copyFrom(*item);
      }
    }
    mapping.entries = std::move(resolved);
  }

  void add(NodePtr node, YAML::anchor_t anchor) {
    // Registered only once complete, so an alias inside its own anchor is
    // refused rather than turned into a cycle.
    if (anchor != 0) anchors_[anchor] = node;
    if (open_.empty()) {
      root_ = std::move(node);
      return;
    }
    OpenNode& parent = open_.back();
    if (parent.node->kind == DocumentNode::Kind::kSequence) {
      parent.node->items.push_back(std::move(node));
    } else if (parent.pendingKey == nullptr) {
      parent.pendingKey = std::move(node);
    } else {
      parent.node->entries.push_back({std::move(parent.pendingKey), std::move(node), nullptr, {}});
      parent.pendingKey = nullptr;
    }
  }

  std::vector<OpenNode> open_;
  std::map<YAML::anchor_t, NodePtr> anchors_;
  NodePtr root_;
  std::size_t mergedKeys_ = 0;
  std::size_t documents_ = 0;
  std::size_t lastDocumentLine_ = 0;
};

}  // namespace

NodePtr readYamlDocument(std::string_view text) {
  std::istringstream stream{std::string(text)};
  TreeBuilder builder;
  try {
    YAML::Parser parser(stream);
    if (!parser.HandleNextDocument(builder)) throw Unreadable{textProblem("the config is empty")};
    // A second document would be silently dropped otherwise.
    if (parser.HandleNextDocument(builder)) {
      throw Unreadable{textProblem(
          fmt::format("line {}: a second YAML document starts here; give one config per file",
                      builder.lastDocumentLine()),
          builder.lastDocumentLine(), 1)};
    }
  } catch (const YAML::Exception& error) {
    if (error.mark.is_null()) {
      throw Unreadable{textProblem("syntax error (the parser gave no line): " + error.msg)};
    }
    const auto line = static_cast<std::size_t>(error.mark.line) + 1;
    const auto column = static_cast<std::size_t>(error.mark.column) + 1;
    throw Unreadable{textProblemAt(line, column, "syntax error: " + error.msg)};
  }
  const NodePtr root = builder.root();
  if (root == nullptr || root->kind == DocumentNode::Kind::kNull) {
    throw Unreadable{textProblem("the config is empty")};
  }
  return root;
}

}  // namespace mailu::validation
