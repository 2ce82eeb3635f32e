#include "cdk8s/yaml.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace cdk8s {
namespace {

const std::filesystem::path kGoldens = std::filesystem::path(TEST_DATA_DIR) / "core" / "yaml";

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Yaml, EveryGoldenDocumentIsWrittenByteForByte) {
  for (const char* name : {"doc1", "doc2", "doc3", "doc4", "doc5"}) {
    const Json doc = Json::parse(readFile(kGoldens / (std::string(name) + ".json")));
    EXPECT_EQ(Yaml::stringify(doc), readFile(kGoldens / (std::string(name) + ".yaml"))) << name;
  }
}

TEST(Yaml, MultiDocumentGoldenIsWrittenByteForByte) {
  const Json docs = Json::parse(readFile(kGoldens / "multi.json"));
  std::vector<Json> list(docs.begin(), docs.end());
  EXPECT_EQ(Yaml::stringify(list), readFile(kGoldens / "multi.yaml"));
}

std::string yamlOf(const Json& value) { return Yaml::stringify(Json{{"v", value}}); }

TEST(Yaml, QuotesYaml11BooleansNullsAndNumbers) {
  EXPECT_EQ(yamlOf("yes"), "v: \"yes\"\n");
  EXPECT_EQ(yamlOf("Off"), "v: \"Off\"\n");
  EXPECT_EQ(yamlOf("~"), "v: \"~\"\n");
  EXPECT_EQ(yamlOf("0777"), "v: \"0777\"\n");
  EXPECT_EQ(yamlOf("12:30"), "v: \"12:30\"\n");
  EXPECT_EQ(yamlOf("e3"), "v: \"e3\"\n");
  EXPECT_EQ(yamlOf("<<"), "v: <<\n");  // merge keys are off in cdk8s's schema
  EXPECT_EQ(yamlOf("0o17"), "v: 0o17\n");
  EXPECT_EQ(yamlOf("yesterday"), "v: yesterday\n");
}

TEST(Yaml, PrefersSingleQuotesOnlyForStringsWithDoubleQuotes) {
  EXPECT_EQ(yamlOf("\"x\""), "v: '\"x\"'\n");
  EXPECT_EQ(yamlOf("'x'"), "v: \"'x'\"\n");
  EXPECT_EQ(yamlOf("'x' \"y\""), "v: \"'x' \\\"y\\\"\"\n");
}

TEST(Yaml, WritesBlockLiteralsWithChompingAndIndentIndicators) {
  EXPECT_EQ(yamlOf("a\nb\n"), "v: |\n  a\n  b\n");
  EXPECT_EQ(yamlOf("a\nb"), "v: |-\n  a\n  b\n");
  EXPECT_EQ(yamlOf("a\n\n"), "v: |+\n  a\n\n");
  EXPECT_EQ(yamlOf(" a\nb\n"), "v: |2\n   a\n  b\n");
  EXPECT_EQ(yamlOf("a\n  "), "v: \"a\\n  \"\n");
}

TEST(Yaml, FoldsLongDoubleQuotedStringsAtNewlines) {
  // Control characters force double quotes; long ones are split at newlines.
  EXPECT_EQ(yamlOf("\x01 this line is long enough to be folded\nnext"),
            "v: \"\\x01 this line is long enough to be folded\n\n  next\"\n");
}

TEST(Yaml, ListsIntegerLikeKeysFirstAsJavaScriptDoes) {
  const Json doc = Json::parse(R"({"b": 1, "10": 2, "a": 3, "2": 4, "007": 5})");
  EXPECT_EQ(Yaml::stringify(doc), "\"2\": 4\n\"10\": 2\nb: 1\na: 3\n\"007\": 5\n");
}

TEST(Yaml, WritesNumbersAsJavaScriptPrintsThem) {
  EXPECT_EQ(yamlOf(1e21), "v: 1e+21\n");
  EXPECT_EQ(yamlOf(1e-7), "v: 1e-7\n");
  EXPECT_EQ(yamlOf(-0.0), "v: -0\n");
  EXPECT_EQ(yamlOf(0.1), "v: 0.1\n");
  EXPECT_EQ(yamlOf(123456789012), "v: 123456789012\n");
}

TEST(Yaml, UsesExplicitKeysLongerThan1024Characters) {
  const std::string key(1025, 'k');
  EXPECT_EQ(Yaml::stringify(Json{{key, 1}}), "? " + key + "\n: 1\n");
  EXPECT_EQ(Yaml::stringify(Json{{key, nullptr}}), "? " + key + "\n: null\n");
}

TEST(Yaml, EmptyDocumentListIsEmptyText) { EXPECT_EQ(Yaml::stringify(std::vector<Json>{}), ""); }

}  // namespace
}  // namespace cdk8s

namespace cdk8s {
namespace {

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

TEST(Yaml, AgreesWithTheJavaScriptLibraryOnRandomisedDocuments) {
  const auto dir = std::filesystem::path(TEST_DATA_DIR) / "core" / "yaml_extra";
  const auto docs = splitLines(readFile(dir / "docs.jsonl"));
  const auto expected = splitLines(readFile(dir / "expected.jsonl"));
  ASSERT_EQ(docs.size(), expected.size());
  ASSERT_GE(docs.size(), 500u);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    EXPECT_EQ(Yaml::stringify(Json::parse(docs[i])), Json::parse(expected[i]).get<std::string>())
        << "case " << i << ": " << docs[i];
  }
}

}  // namespace
}  // namespace cdk8s
