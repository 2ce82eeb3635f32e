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

  // Already sorted and free of what must go (the common case for objects
  // rebuilt from sorted input): clean the members in place.
  // InsertionOrderedMap is a vector of pairs; index it as one (its operator[] takes keys).
  using MemberList = std::vector<Json::object_t::value_type>;
  auto& members = static_cast<MemberList&>(value.get_ref<Json::object_t&>());
  bool clean = true;
  for (std::size_t i = 0; i < members.size() && clean; ++i) {
    const Json& member = members[i].second;
    clean = !member.is_null() && (i == 0 || jsStringLess(members[i - 1].first, members[i].first)) &&
            !(filterEmpty && (member.is_array() || member.is_object()) && member.empty());
  }
  if (clean) {
    for (auto& [key, member] : members) member = sanitizeJson(std::move(member), filterEmpty);
    return std::move(value);
  }

  std::vector<std::size_t> order(members.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return jsStringLess(members[x].first, members[y].first); });

  Json out = Json::object();
  auto& sorted = static_cast<MemberList&>(out.get_ref<Json::object_t&>());
  sorted.reserve(members.size());
  for (std::size_t i : order) {
    Json& member = members[i].second;
    if (member.is_null()) continue;
    Json cleaned = sanitizeJson(std::move(member), filterEmpty);
    if (filterEmpty && (cleaned.is_array() || cleaned.is_object()) && cleaned.empty()) continue;
    // Keys are unique already: append without the map's duplicate search.
    sorted.emplace_back(members[i].first, std::move(cleaned));
  }
  return out;
}

}  // namespace cdk8s
