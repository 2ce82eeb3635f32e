#include "js_object.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

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

// The full comparison, code point by code point.
bool utf16Less(std::string_view a, std::string_view b) {
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

bool isAscii(unsigned char c) { return c < 0x80; }

}  // namespace

bool jsStringLess(std::string_view a, std::string_view b) {
  // Object keys are nearly always ASCII. After a common ASCII prefix, the
  // first differing ASCII bytes (or the end of one string) decide, exactly
  // as the code points would.
  const std::size_t common = std::min(a.size(), b.size());
  std::size_t k = 0;
  unsigned char seen = 0;
  while (k < common && a[k] == b[k]) seen |= static_cast<unsigned char>(a[k++]);
  if (isAscii(seen)) {
    if (k < common) {
      const auto ca = static_cast<unsigned char>(a[k]);
      const auto cb = static_cast<unsigned char>(b[k]);
      if (isAscii(ca) && isAscii(cb)) return ca < cb;
    } else if (a.size() == b.size() || isAscii(static_cast<unsigned char>((a.size() > k ? a : b)[k]))) {
      return a.size() < b.size();
    }
  }
  return utf16Less(a, b);
}

void sanitizeJsonInPlace(Json& value, bool filterEmpty) {
  if (value.is_array()) {
    for (Json& item : value) sanitizeJsonInPlace(item, filterEmpty);
    return;
  }
  if (!value.is_object()) return;

  // InsertionOrderedMap keeps its members in a vector of pairs, whose moves
  // are cheap: members are cleaned, filtered and sorted where they are.
  auto& members = value.get_ref<Json::object_t&>();
  for (auto& member : members) sanitizeJsonInPlace(member.second, filterEmpty);
  erase_if(members, [filterEmpty](const auto& member) {
    const Json& v = member.second;
    return v.is_null() || (filterEmpty && (v.is_array() || v.is_object()) && v.empty());
  });

  const auto keyLess = [](const auto& x, const auto& y) { return jsStringLess(x.first, y.first); };
  if (std::is_sorted(members.begin(), members.end(), keyLess)) return;
  if (members.size() > 32) {
    std::stable_sort(members.begin(), members.end(), keyLess);
    return;
  }
  // Few keys (the usual case): a stable insertion sort, without the buffer
  // stable_sort would allocate.
  for (auto it = members.begin() + 1; it != members.end(); ++it) {
    std::rotate(std::upper_bound(members.begin(), it, *it, keyLess), it, it + 1);
  }
}

}  // namespace cdk8s
