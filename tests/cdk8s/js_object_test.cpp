#include "js_object.hpp"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace cdk8s {
namespace {

// Valid UTF-8 to UTF-16 code units, the order JavaScript sorts keys in.
std::u16string toUtf16(const std::string& s) {
  std::u16string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    char32_t cp = extra == 0 ? c : c & (0x3Fu >> extra);
    for (std::size_t k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    i += extra + 1;
    if (cp >= 0x10000) {
      out += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      out += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
  }
  return out;
}

TEST(JsStringLess, OrdersByUtf16CodeUnitsOnRandomKeys) {
  // Pieces that share prefixes and cross the ASCII, BMP and astral ranges,
  // including U+FF21, which sorts after the surrogates of U+1F4EC.
  const std::vector<std::string> pieces{"a", "b", "-", "Z", "0", "\xC3\xA9", "\xEF\xBC\xA1", "\xF0\x9F\x93\xAC", ""};
  std::mt19937 random(12345);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 4);
  auto randomKey = [&] {
    std::string key;
    for (int n = length(random); n > 0; --n) key += pieces[pick(random)];
    return key;
  };
  for (int i = 0; i < 20000; ++i) {
    const std::string a = randomKey();
    const std::string b = i % 3 == 0 ? a + randomKey() : randomKey();
    ASSERT_EQ(jsStringLess(a, b), toUtf16(a) < toUtf16(b)) << "'" << a << "' vs '" << b << "'";
    ASSERT_EQ(jsStringLess(b, a), toUtf16(b) < toUtf16(a)) << "'" << b << "' vs '" << a << "'";
  }
}

TEST(SanitizeJson, SortsDropsNullsAndWithFilterEmptyDropsEmptyContainers) {
  Json value = Json::parse(R"({"b": 1, "a": null, "c": {"z": [], "y": {}, "x": {"n": null}}, "0": [null, {"k": 2, "j": 1}]})");
  Json kept = value;
  sanitizeJsonInPlace(kept);
  EXPECT_EQ(kept.dump(), R"({"0":[null,{"j":1,"k":2}],"b":1,"c":{"x":{},"y":{},"z":[]}})");
  sanitizeJsonInPlace(value, /*filterEmpty=*/true);
  EXPECT_EQ(value.dump(), R"({"0":[null,{"j":1,"k":2}],"b":1})");
}

TEST(SanitizeJson, SortsLargeObjectsStably) {
  Json value = Json::object();
  for (int i = 99; i >= 0; --i) value["key" + std::to_string(i)] = i;
  sanitizeJsonInPlace(value);
  const Json& sorted = value;
  ASSERT_EQ(sorted.size(), 100u);
  std::string previous;
  for (auto it = sorted.begin(); it != sorted.end(); ++it) {
    EXPECT_TRUE(previous.empty() || jsStringLess(previous, it.key()));
    previous = it.key();
  }
}

}  // namespace
}  // namespace cdk8s
