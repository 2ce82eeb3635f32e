#include "yaml_document.hpp"

#include <map>
#include <sstream>

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
    // "?" is a plain scalar, "!" a quoted one.
    node->quoted = tag == "!" || tag == "tag:yaml.org,2002:str";
    if (tag != "?" && !node->quoted) node->unsupportedTag = displayTag(tag);
    add(node, anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, DocumentNode::Kind::kSequence, tag, "tag:yaml.org,2002:seq", anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, DocumentNode::Kind::kMapping, tag, "tag:yaml.org,2002:map", anchor);
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

  void open(const YAML::Mark& mark, DocumentNode::Kind kind, const std::string& tag, std::string_view ownTag,
            YAML::anchor_t anchor) {
    // Checked before yaml-cpp descends further, so its recursion stays shallow too.
    if (open_.size() >= kMaxDocumentDepth) {
      throw Unreadable{textProblemAt(lineOf(mark), columnOf(mark),
                                 fmt::format("the config nests deeper than {} levels", kMaxDocumentDepth))};
    }
    auto node = leaf(mark, kind);
    if (tag != "?" && tag != "!" && tag != ownTag) node->unsupportedTag = displayTag(tag);
    open_.push_back({std::move(node), anchor, nullptr});
  }

  void close() {
    OpenNode finished = std::move(open_.back());
    open_.pop_back();
    add(std::move(finished.node), finished.anchor);
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
      parent.node->entries.push_back({std::move(parent.pendingKey), std::move(node)});
      parent.pendingKey = nullptr;
    }
  }

  std::vector<OpenNode> open_;
  std::map<YAML::anchor_t, NodePtr> anchors_;
  NodePtr root_;
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
