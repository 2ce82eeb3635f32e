#include "problem_wording.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "text_predicates.hpp"

namespace mailu::validation {
namespace {

constexpr std::size_t kShownCharacters = 60;

}  // namespace

// As written when that cannot be misread.
std::string displayKey(std::string_view key) {
  const bool plain = !key.empty() && key.size() <= kShownCharacters && allOf(key, [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && byte < 0x7f && c != '.' && c != '[' && c != ']' && c != '"';
  });
  return plain ? std::string(key) : describeString(key);
}

std::string joinPath(std::string_view parent, std::string_view key) {
  return parent.empty() ? displayKey(key) : std::string(parent) + "." + displayKey(key);
}

std::string quotedList(const std::vector<std::string_view>& words) {
  std::string list;
  for (std::string_view word : words) list += (list.empty() ? "'" : ", '") + std::string(word) + "'";
  return list;
}

std::string unknownKeyMessage(std::string_view key, const std::vector<std::string_view>& known) {
  std::string_view nearest;
  std::size_t nearestDistance = std::numeric_limits<std::size_t>::max();
  if (key.size() <= 64) {  // no known key is anywhere near that long
    for (std::string_view candidate : known) {
      const std::size_t distance = editDistance(key, candidate);
      if (distance < nearestDistance) {
        nearestDistance = distance;
        nearest = candidate;
      }
    }
  }
  if (!nearest.empty() && nearestDistance <= std::max<std::size_t>(2, nearest.size() / 3)) {
    return fmt::format("unknown key; did you mean '{}'?", nearest);
  }
  std::string list;
  for (std::string_view candidate : known) list += (list.empty() ? "" : ", ") + std::string(candidate);
  return "unknown key; known keys here: " + list;
}

std::size_t editDistance(std::string_view left, std::string_view right) {
  // Three rows suffice: a swap looks two rows back.
  std::vector<std::size_t> twoBack(right.size() + 1);
  std::vector<std::size_t> previous(right.size() + 1);
  std::vector<std::size_t> current(right.size() + 1);
  for (std::size_t j = 0; j <= right.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= left.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= right.size(); ++j) {
      const bool same = lowered(left[i - 1]) == lowered(right[j - 1]);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && lowered(left[i - 1]) == lowered(right[j - 2]) &&
          lowered(left[i - 2]) == lowered(right[j - 1])) {
        current[j] = std::min(current[j], twoBack[j - 2] + 1);
      }
    }
    std::swap(twoBack, previous);
    std::swap(previous, current);
  }
  return previous[right.size()];
}

std::string describeString(std::string_view text) {
  std::string shown = "\"";
  std::size_t characters = 0;
  std::size_t i = 0;
  for (; i < text.size() && characters < kShownCharacters; ++characters) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '"' || byte == '\\') {
      shown += '\\';
      shown += text[i++];
    } else if (byte == '\n') {
      shown += "\\n";
      ++i;
    } else if (byte == '\t') {
      shown += "\\t";
      ++i;
    } else if (byte < 0x20 || byte == 0x7f) {
      shown += fmt::format("\\x{:02x}", byte);
      ++i;
    } else {
      // Keep a multi-byte character whole; the text is valid UTF-8 by now,
      // but stay in bounds whatever it is.
      std::size_t length = byte < 0x80 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      length = std::min(length, text.size() - i);
      shown.append(text.substr(i, length));
      i += length;
    }
  }
  shown += '"';
  if (i < text.size()) shown += "...";
  return shown;
}

std::string describeValue(const DocumentNode& node) {
  switch (node.kind) {
    case DocumentNode::Kind::kNull:
      return "null";
    case DocumentNode::Kind::kSequence:
      return node.items.empty() ? "[]" : "a list";
    case DocumentNode::Kind::kMapping:
      return node.entries.empty() ? "{}" : "a mapping";
    case DocumentNode::Kind::kScalar:
      break;
  }
  std::string shown;
  // Quoted when it is a string (`!!str 8080` included) or reads like one
  // (`!!int abc`), so the user sees what the loader took it for.
  if (scalarType(node) == ScalarType::kString || plainMeaning(node.text) == PlainMeaning::kString) {
    shown = describeString(node.text);
  } else {
    shown = node.text.size() > kShownCharacters ? node.text.substr(0, kShownCharacters) + "..." : node.text;
  }
  return node.tag.empty() ? shown : node.tag + " " + shown;
}

bool hasControlCharacter(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
}

}  // namespace mailu::validation
