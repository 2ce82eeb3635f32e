#include "cdk8s/yaml.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "file_contents.hpp"

namespace cdk8s {
namespace {

const std::filesystem::path kDataDir = std::filesystem::path(TEST_DATA_DIR) / "core";

using testdata::readFile;

// Split on "\n" only: corpus documents hold U+2028, a line end to some readers.
std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> result;
  std::size_t start = 0;
  for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
    result.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return result;
}

std::string yamlOf(const Json& value) { return Yaml::stringify(Json{{"v", value}}); }

// --- goldens written by cdk8s ----------------------------------------------

TEST(Yaml, WritesEachGoldenDocumentByteForByte) {
  for (const std::string name : {"doc1", "doc2", "doc3", "doc4", "doc5"}) {
    const auto dir = kDataDir / "yaml";
    const Json doc = Json::parse(readFile(dir / (name + ".json")));
    EXPECT_EQ(Yaml::stringify(doc), readFile(dir / (name + ".yaml"))) << "golden " << name << ".yaml";
  }
}

TEST(Yaml, WritesMultiDocumentGoldenByteForByte) {
  const auto dir = kDataDir / "yaml";
  const Json docs = Json::parse(readFile(dir / "multi.json"));
  const std::vector<Json> list(docs.begin(), docs.end());
  EXPECT_EQ(Yaml::stringify(list), readFile(dir / "multi.yaml")) << "golden multi.yaml";
}

// cases.jsonl: one document per line; cases.expected.jsonl: what the npm
// library writes for each, as a JSON string (tools/yaml-oracle).
TEST(Yaml, AgreesWithTheJavaScriptLibraryOnEveryCorpusCase) {
  const auto dir = kDataDir / "yaml_extra";
  const auto docs = lines(readFile(dir / "cases.jsonl"));
  const auto expected = lines(readFile(dir / "cases.expected.jsonl"));
  ASSERT_EQ(docs.size(), expected.size());
  ASSERT_GE(docs.size(), 1000u);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    EXPECT_EQ(Yaml::stringify(Json::parse(docs[i])), Json::parse(expected[i]).get<std::string>())
        << "yaml_extra case " << i << " (line " << i + 1 << "): " << docs[i].substr(0, 200);
  }
}

// --- behaviour -----------------------------------------------------------------

TEST(Yaml, QuotesYaml11Booleans) {
  for (const char* word : {"yes", "No", "ON", "off", "y", "N", "True", "FALSE"}) {
    EXPECT_EQ(yamlOf(word), std::string("v: \"") + word + "\"\n") << word;
  }
  // Mixed case and longer words are strings to YAML 1.1.
  EXPECT_EQ(yamlOf("yEs"), "v: yEs\n");
  EXPECT_EQ(yamlOf("yesterday"), "v: yesterday\n");
  EXPECT_EQ(Yaml::stringify(Json{{"y", 1}}), "\"y\": 1\n");
}

TEST(Yaml, QuotesYaml11NullsNumbersAndTimestamps) {
  for (const char* text : {"~", "null", "NULL", "", "0777", "0x1F", "0b101", "1_000", "+12", ".5", "5.", "1e3", "e3",
                           "-.inf", ".NaN", "190:20:30", "2001-12-14", "2001-12-14 21:59:43.10 -5",
                           "2001-12-14 1:2:3 Z"}) {
    EXPECT_EQ(yamlOf(text), std::string("v: \"") + text + "\"\n") << text;
  }
  // Near misses stay plain.
  for (const char* text : {"0o17", "1:60", "1.2.3", "v1", "2001-12-14t"}) {
    EXPECT_EQ(yamlOf(text), std::string("v: ") + text + "\n") << text;
  }
}

TEST(Yaml, LeavesTheMergeKeyBare) {
  EXPECT_EQ(Yaml::stringify(Json{{"v", "<<"}, {"<<", 1}}), "v: <<\n<<: 1\n");
}

TEST(Yaml, PrefersDoubleQuotesAndUsesSingleOnlyForTextWithDoubleQuotes) {
  EXPECT_EQ(yamlOf(": x"), "v: \": x\"\n");
  EXPECT_EQ(yamlOf("say \"hi\" #now"), "v: 'say \"hi\" #now'\n");
  EXPECT_EQ(yamlOf("'both' \"kinds\" "), "v: \"'both' \\\"kinds\\\" \"\n");
  EXPECT_EQ(yamlOf("it's"), "v: it's\n");
}

TEST(Yaml, QuotesTextThatWouldReadAsSyntax) {
  EXPECT_EQ(yamlOf("a #b"), "v: \"a #b\"\n");
  EXPECT_EQ(yamlOf("a#b"), "v: a#b\n");
  EXPECT_EQ(yamlOf("- x"), "v: \"- x\"\n");
  EXPECT_EQ(yamlOf("-x"), "v: -x\n");
  EXPECT_EQ(yamlOf("x:"), "v: \"x:\"\n");
  EXPECT_EQ(yamlOf("image:1.2"), "v: image:1.2\n");
}

TEST(Yaml, WritesBlockLiteralWithChompingIndicators) {
  EXPECT_EQ(yamlOf("a\nb"), "v: |-\n  a\n  b\n");
  EXPECT_EQ(yamlOf("a\nb\n"), "v: |\n  a\n  b\n");
  EXPECT_EQ(yamlOf("a\nb\n\n"), "v: |+\n  a\n  b\n\n");
  EXPECT_EQ(yamlOf("\n\nafter blank lines"), "v: |-\n  \n\n  after blank lines\n");
}

TEST(Yaml, WritesBlockLiteralWithIndentIndicator) {
  EXPECT_EQ(yamlOf(" indented\nnext\n"), "v: |2\n   indented\n  next\n");
  EXPECT_EQ(Yaml::stringify(Json::array({" indented\nnext"})), "- |2-\n   indented\n  next\n");
  // At the top level the content sits at column 0, hence indicator 1.
  EXPECT_EQ(Yaml::stringify(Json(" top\nlevel")), "|1-\n top\nlevel\n");
}

TEST(Yaml, QuotesMultiLineTextEndingInBlanks) {
  EXPECT_EQ(yamlOf("a\n  "), "v: \"a\\n  \"\n");
}

TEST(Yaml, ForcesDoubleQuotesAndYamlEscapesForControlCharacters) {
  EXPECT_EQ(yamlOf(std::string("\0\a\v\x1b\x01\r", 6)), "v: \"\\0\\a\\v\\e\\x01\\r\"\n");
  // DEL and C1 controls force double quotes but are written as they are.
  EXPECT_EQ(yamlOf("\x7f\xc2\x85"), "v: \"\x7f\xc2\x85\"\n");
}

TEST(Yaml, BreaksLongDoubleQuotedTextAtNewlines) {
  // JSON text of 40+ characters: each \n becomes a line break plus a blank line.
  EXPECT_EQ(yamlOf("\x01 line one is long enough to break\nline two"),
            "v: \"\\x01 line one is long enough to break\n\n  line two\"\n");
  EXPECT_EQ(yamlOf("\x01 short\nline two"), "v: \"\\x01 short\\nline two\"\n");
}

TEST(Yaml, QuotesMultiLineKeysOnOneLine) {
  EXPECT_EQ(Yaml::stringify(Json{{"multi\nline", 1}, {"it's\nx", 2}, {"k\x01", 3}}),
            "\"multi\\nline\": 1\n\"it's\\nx\": 2\n\"k\\x01\": 3\n");
}

TEST(Yaml, UsesExplicitKeysBeyond1024Characters) {
  const std::string fits(1024, 'k');
  const std::string key(1025, 'k');
  EXPECT_EQ(Yaml::stringify(Json{{fits, 1}}), fits + ": 1\n");
  EXPECT_EQ(Yaml::stringify(Json{{key, 1}}), "? " + key + "\n: 1\n");
  EXPECT_EQ(Yaml::stringify(Json{{"m", {{key, {1, 2}}}}}), "m:\n  ? " + key + "\n  : - 1\n    - 2\n");
  // The limit applies to the key as written, quotes included.
  const std::string quotedFits = "#" + std::string(1021, 'k');
  const std::string quotedLong = "#" + std::string(1022, 'k');
  EXPECT_EQ(Yaml::stringify(Json{{quotedFits, 1}}), "\"" + quotedFits + "\": 1\n");
  EXPECT_EQ(Yaml::stringify(Json{{quotedLong, 1}}), "? \"" + quotedLong + "\"\n: 1\n");
}

TEST(Yaml, ListsIntegerLikeKeysFirstAsJavaScriptDoes) {
  const Json doc = Json::parse(R"({"b":1,"10":2,"a":3,"2":4,"007":5,"4294967295":6,"4294967294":7})");
  EXPECT_EQ(Yaml::stringify(doc), "\"2\": 4\n\"10\": 2\n\"4294967294\": 7\nb: 1\na: 3\n\"007\": 5\n\"4294967295\": 6\n");
}

TEST(Yaml, KeepsSortedKeyOrderOfPlainJsonApartFromIntegerKeys) {
  const std::vector<nlohmann::json> docs{nlohmann::json::parse(R"({"b":1,"10":2,"a":3,"2":4})")};
  EXPECT_EQ(Yaml::stringify(docs), "\"2\": 4\n\"10\": 2\na: 3\nb: 1\n");
}

TEST(Yaml, IndentsNestedCollectionsLikeTheLibrary) {
  const Json doc = Json::parse(
      R"({"m":{"a":1,"b":[1,[2,3],{"c":4,"d":[]},{}],"e":{}},"s":[[1,2],[[3]],[{"x":1,"z":2}]]})");
  EXPECT_EQ(Yaml::stringify(doc),
            "m:\n  a: 1\n  b:\n    - 1\n    - - 2\n      - 3\n    - c: 4\n      d: []\n    - {}\n  e: {}\n"
            "s:\n  - - 1\n    - 2\n  - - - 3\n  - - x: 1\n      z: 2\n");
}

TEST(Yaml, WritesTopLevelScalarsAndEmptyCollections) {
  EXPECT_EQ(Yaml::stringify(Json("plain")), "plain\n");
  EXPECT_EQ(Yaml::stringify(Json(42)), "42\n");
  EXPECT_EQ(Yaml::stringify(Json(nullptr)), "null\n");
  EXPECT_EQ(Yaml::stringify(Json(true)), "true\n");
  EXPECT_EQ(Yaml::stringify(Json::object()), "{}\n");
  EXPECT_EQ(Yaml::stringify(Json::array()), "[]\n");
}

TEST(Yaml, IndentsTopLevelTextHoldingDocumentMarkers) {
  EXPECT_EQ(Yaml::stringify(Json("--- x")), "|-\n  --- x\n");
  EXPECT_EQ(Yaml::stringify(Json("a\n...\nb")), "|-\n  a\n  ...\n  b\n");
  // Only keys of the top-level mapping could start a line with a marker.
  EXPECT_EQ(Yaml::stringify(Json{{"---a", 1}, {"m", {{"---b", 2}}}}), "\"---a\": 1\nm:\n  ---b: 2\n");
}

TEST(Yaml, WritesNumbersAsJavaScriptPrintsThem) {
  const Json numbers = Json::parse(
      "[1e21,1e-7,-0.0,0.1,-0.25,123456789012,9007199254740993,18446744073709551615,5e-324,"
      "1.7976931348623157e308,1.5,100.0,1e20]");
  EXPECT_EQ(Yaml::stringify(numbers),
            "- 1e+21\n- 1e-7\n- -0\n- 0.1\n- -0.25\n- 123456789012\n- 9007199254740992\n- 18446744073709552000\n"
            "- 5e-324\n- 1.7976931348623157e+308\n- 1.5\n- 100\n- 100000000000000000000\n");
}

TEST(Yaml, SeparatesDocumentsWithMarkers) {
  EXPECT_EQ(Yaml::stringify(std::vector<Json>{Json{{"a", 1}}, Json::array(), Json("x")}), "a: 1\n---\n[]\n---\nx\n");
  EXPECT_EQ(Yaml::stringify(std::vector<Json>{}), "");
}

TEST(Yaml, AppendAddsOneDocumentToExistingText) {
  std::string out = "# head\n";
  Yaml::append(out, Json{{"a", "b"}});
  EXPECT_EQ(out, "# head\na: b\n");
}

}  // namespace
}  // namespace cdk8s
