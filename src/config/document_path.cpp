#include "document_path.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

#include "problem_wording.hpp"

namespace mailu::validation {
namespace {

bool endsSegment(std::string_view rest, std::size_t length) {
  return rest.size() == length || rest[length] == '.' || rest[length] == '[';
}

void skipSeparator(std::string_view& rest) {
  if (!rest.empty() && rest.front() == '.') rest.remove_prefix(1);
}

}  // namespace

PathTarget findPath(const DocumentNode& root, std::string_view path) {
  const DocumentNode* node = &root;
  std::string_view rest = path;
  while (!rest.empty()) {
    const DocumentNode* next = nullptr;
    std::size_t length = 0;
    if (node->kind == DocumentNode::Kind::kMapping) {
      for (const DocumentNode::Entry& entry : node->entries) {
        if (entry.key->kind != DocumentNode::Kind::kScalar || entry.value == nullptr) continue;
        const std::string shown = displayKey(entry.key->text);
        if (rest.starts_with(shown) && endsSegment(rest, shown.size())) {
          next = entry.value.get();
          length = shown.size();
          break;  // the first of repeated keys is the one read
        }
      }
    } else if (node->kind == DocumentNode::Kind::kSequence && rest.front() == '[') {
      const std::size_t close = rest.find(']');
      std::size_t index = 0;
      const auto [end, error] = std::from_chars(rest.data() + 1, rest.data() + std::min(close, rest.size()), index);
      if (close != std::string_view::npos && error == std::errc() && end == rest.data() + close &&
          index < node->items.size()) {
        next = node->items[index].get();
        length = close + 1;
      }
    }
    if (next == nullptr) return {node, false};
    node = next;
    rest.remove_prefix(length);
    skipSeparator(rest);
  }
  return {node, true};
}

bool pathsOverlap(std::string_view left, std::string_view right) {
  if (left.size() > right.size()) std::swap(left, right);
  return right.starts_with(left) && endsSegment(right, left.size());
}

}  // namespace mailu::validation
