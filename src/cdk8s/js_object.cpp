#include "js_object.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace cdk8s {
namespace {

// Decodes one UTF-8 sequence; malformed bytes count as themselves so the
// order stays total.
std::uint32_t nextCodePoint(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  if (extra == 0 || i + extra >= s.size()) {
    ++i;
    return c;
  }
  std::uint32_t cp = c & (0x3Fu >> extra);
  for (std::size_t k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  i += extra + 1;
  return cp;
}

// Supplementary characters sort by their high surrogate in UTF-16.
std::uint32_t utf16SortKey(std::uint32_t cp, std::uint32_t& low) {
  if (cp < 0x10000) {
    low = 0;
    return cp;
  }
  const std::uint32_t v = cp - 0x10000;
  low = 0xDC00 + (v & 0x3FF);
  return 0xD800 + (v >> 10);
}

}  // namespace

bool jsStringLess(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    std::uint32_t lowA = 0;
    std::uint32_t lowB = 0;
    const std::uint32_t ka = utf16SortKey(nextCodePoint(a, i), lowA);
    const std::uint32_t kb = utf16SortKey(nextCodePoint(b, j), lowB);
    if (ka != kb) return ka < kb;
    if (lowA != lowB) return lowA < lowB;
  }
  return i == a.size() && j < b.size();
}

Json sanitizeJson(Json&& value, bool filterEmpty) {
  if (value.is_array()) {
    for (Json& item : value) item = sanitizeJson(std::move(item), filterEmpty);
    return std::move(value);
  }
  if (!value.is_object()) return std::move(value);

  using Member = std::pair<const std::string*, Json*>;
  std::vector<Member> members;
  members.reserve(value.size());
  bool sorted = true;
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (!members.empty() && !jsStringLess(*members.back().first, it.key())) sorted = false;
    members.emplace_back(&it.key(), &it.value());
  }
  if (!sorted) {
    std::stable_sort(members.begin(), members.end(),
                     [](const Member& x, const Member& y) { return jsStringLess(*x.first, *y.first); });
  }

  Json out = Json::object();
  for (const auto& [key, member] : members) {
    if (member->is_null()) continue;
    Json clean = sanitizeJson(std::move(*member), filterEmpty);
    if (filterEmpty && (clean.is_array() || clean.is_object()) && clean.empty()) continue;
    out.emplace(*key, std::move(clean));
  }
  return out;
}

}  // namespace cdk8s
