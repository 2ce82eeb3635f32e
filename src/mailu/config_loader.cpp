#include "mailu/config_loader.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <new>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "document_readers.hpp"

namespace mailu {

std::string ConfigProblem::toString() const {
  std::string text = path.empty() ? message : path + ": " + message;
  if (!got.empty()) text += " (got " + got + ")";
  return text;
}

namespace {

std::vector<ConfigProblem> atLeastOne(std::vector<ConfigProblem> problems) {
  if (problems.empty()) problems.push_back({"", "the config is invalid", ""});
  return problems;
}

std::string listProblems(const std::vector<ConfigProblem>& problems) {
  std::string text;
  for (const ConfigProblem& problem : problems) {
    if (!text.empty()) text += '\n';
    text += problem.toString();
  }
  return text;
}

}  // namespace

ConfigError::ConfigError(std::vector<ConfigProblem> problems, std::string source)
    : std::runtime_error(listProblems(atLeastOne(problems))),
      problems_(atLeastOne(std::move(problems))),
      source_(std::move(source)) {}

namespace {

using validation::DocumentNode;
using validation::NodePtr;

// A config is a few kilobytes; these bound the work any input can cause.
constexpr std::size_t kMaxTextBytes = std::size_t{1} << 20;
using validation::kMaxDocumentDepth;

// Ends reading at once: the text cannot be made sense of past this point.
struct Unreadable {
  ConfigProblem problem;
};

ConfigProblem wholeFileProblem(std::string message, std::size_t line = 0, std::size_t column = 0) {
  ConfigProblem problem{"", std::move(message), ""};
  if (line > 0) {
    problem.line = line;
    problem.column = column;
  }
  return problem;
}

ConfigProblem problemAt(std::size_t line, std::size_t column, std::string_view what) {
  return wholeFileProblem(fmt::format("line {}, column {}: {}", line, column, what), line, column);
}

// yaml-cpp would guess other encodings, and NUL bytes and control characters
// have no place in a config; refusing them up front keeps the rest simple.
void checkEncoding(std::string_view text) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    std::uint32_t codePoint = lead;
    if (lead >= 0x80) {
      length = (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
      bool valid = length != 0 && i + length <= text.size();
      codePoint = length == 2 ? (lead & 0x1F) : length == 3 ? (lead & 0x0F) : (lead & 0x07);
      for (std::size_t k = 1; valid && k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        valid = (next & 0xC0) == 0x80;
        codePoint = (codePoint << 6) | (next & 0x3F);
      }
      const std::uint32_t smallest = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
      valid = valid && codePoint >= smallest && codePoint <= 0x10FFFF && !(codePoint >= 0xD800 && codePoint <= 0xDFFF);
      if (!valid) throw Unreadable{problemAt(line, column, "the text is not valid UTF-8")};
    } else if (lead == 0) {
      throw Unreadable{problemAt(line, column, "the text contains a NUL byte")};
    } else if (lead < 0x20 && lead != '\n' && lead != '\r' && lead != '\t') {
      throw Unreadable{problemAt(line, column, fmt::format("the text contains the control character 0x{:02x}", lead))};
    }
    if (lead == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
}

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
      throw Unreadable{problemAt(lineOf(mark), columnOf(mark), "an alias refers to a node that contains it")};
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
      throw Unreadable{problemAt(lineOf(mark), columnOf(mark),
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

NodePtr validation::readYamlDocument(std::string_view text) {
  std::istringstream stream{std::string(text)};
  TreeBuilder builder;
  try {
    YAML::Parser parser(stream);
    if (!parser.HandleNextDocument(builder)) throw Unreadable{wholeFileProblem("the config is empty")};
    // A second document would be silently dropped otherwise.
    if (parser.HandleNextDocument(builder)) {
      throw Unreadable{wholeFileProblem(
          fmt::format("line {}: a second YAML document starts here; give one config per file",
                      builder.lastDocumentLine()),
          builder.lastDocumentLine(), 1)};
    }
  } catch (const YAML::Exception& error) {
    if (error.mark.is_null()) {
      throw Unreadable{wholeFileProblem("syntax error (the parser gave no line): " + error.msg)};
    }
    const auto line = static_cast<std::size_t>(error.mark.line) + 1;
    const auto column = static_cast<std::size_t>(error.mark.column) + 1;
    throw Unreadable{problemAt(line, column, "syntax error: " + error.msg)};
  }
  const NodePtr root = builder.root();
  if (root == nullptr || root->kind == DocumentNode::Kind::kNull) {
    throw Unreadable{wholeFileProblem("the config is empty")};
  }
  return root;
}

namespace {

NodePtr parseDocument(std::string_view text) {
  if (NodePtr root = validation::readJsonDocument(text)) return root;
  return validation::readYamlDocument(text);
}

// In reading order, so a long list reads like the file.
void sortByPosition(std::vector<ConfigProblem>& problems) {
  std::stable_sort(problems.begin(), problems.end(), [](const ConfigProblem& a, const ConfigProblem& b) {
    const auto key = [](const ConfigProblem& p) {
      return std::pair(p.line.value_or(SIZE_MAX), p.column.value_or(SIZE_MAX));
    };
    return key(a) < key(b);
  });
}

}  // namespace

MailuChartConfig parseConfig(std::string_view text, std::string_view sourceName) {
  std::vector<ConfigProblem> problems;
  try {
    if (text.size() > kMaxTextBytes) {
      throw Unreadable{wholeFileProblem(
          fmt::format("the config is larger than {} bytes, far more than any config needs", kMaxTextBytes))};
    }
    checkEncoding(text);
    const NodePtr root = parseDocument(text);
    MailuChartConfig config = validation::readConfig(*root, problems);
    if (problems.empty()) return config;
    sortByPosition(problems);
  } catch (const Unreadable& unreadable) {
    problems.assign(1, unreadable.problem);
  } catch (const std::bad_alloc&) {
    problems.assign(1, wholeFileProblem("the config is too large to read"));
  } catch (const std::exception& error) {
    problems.assign(1, wholeFileProblem(std::string("the config cannot be read: ") + error.what()));
  } catch (...) {
    problems.assign(1, wholeFileProblem("the config cannot be read"));
  }
  throw ConfigError(std::move(problems), std::string(sourceName));
}

MailuChartConfig loadConfigFile(const std::filesystem::path& path) {
  const std::string source = path.string();
  const auto fail = [&](std::string message) -> MailuChartConfig {
    throw ConfigError({wholeFileProblem(std::move(message))}, source);
  };
  std::string text;
  try {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) return fail("is a directory, not a config file");
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      const bool exists = std::filesystem::exists(path, error);
      return fail(exists ? "cannot open the file (permission denied?)" : "cannot open the file: it does not exist");
    }
    // Read in chunks and stop one byte past the limit, so a huge (or endless)
    // file is not read whole, and a small one costs only its own size.
    constexpr std::size_t kChunk = 16 * 1024;
    while (text.size() <= kMaxTextBytes) {
      const std::size_t before = text.size();
      text.resize(before + kChunk);
      in.read(text.data() + before, static_cast<std::streamsize>(kChunk));
      text.resize(before + static_cast<std::size_t>(in.gcount()));
      if (!in) break;
    }
    if (in.bad()) return fail("cannot read the file");
  } catch (const ConfigError&) {
    throw;
  } catch (const std::exception& error) {
    return fail(std::string("cannot read the file: ") + error.what());
  }
  return parseConfig(text, source);
}

}  // namespace mailu
