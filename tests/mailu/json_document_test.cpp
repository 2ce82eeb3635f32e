// The JSON reader must give exactly the tree the YAML reader gives for the
// same text (values, quoting, positions), or leave the text to it.
#include "json_document.hpp"
#include "yaml_document.hpp"

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "file_contents.hpp"

namespace mailu::validation {
namespace {

void expectSameTree(const DocumentNode& json, const DocumentNode& yaml, const std::string& where) {
  SCOPED_TRACE(where);
  ASSERT_EQ(json.kind, yaml.kind);
  EXPECT_EQ(json.text, yaml.text);
  EXPECT_EQ(json.quoted, yaml.quoted);
  EXPECT_EQ(json.tag, yaml.tag);
  EXPECT_EQ(json.line, yaml.line);
  EXPECT_EQ(json.column, yaml.column);
  ASSERT_EQ(json.items.size(), yaml.items.size());
  ASSERT_EQ(json.entries.size(), yaml.entries.size());
  for (std::size_t i = 0; i < json.items.size(); ++i) {
    expectSameTree(*json.items[i], *yaml.items[i], where + "[" + std::to_string(i) + "]");
  }
  for (std::size_t i = 0; i < json.entries.size(); ++i) {
    const std::string at = where + "." + yaml.entries[i].key->text;
    expectSameTree(*json.entries[i].key, *yaml.entries[i].key, at + " (key)");
    expectSameTree(*json.entries[i].value, *yaml.entries[i].value, at);
    EXPECT_EQ(json.entries[i].mergedBy, nullptr);
    EXPECT_EQ(yaml.entries[i].mergedBy, nullptr) << at;  // a JSON key "<<" is an ordinary key
  }
}

void expectReadLikeYaml(const std::string& text) {
  const NodePtr json = readJsonDocument(text);
  ASSERT_NE(json, nullptr) << "the JSON reader left this to YAML:\n" << text;
  const NodePtr yaml = readYamlDocument(text);
  expectSameTree(*json, *yaml, "$");
}

TEST(JsonDocument, EveryJsonConfigOfTheTestDataReadsAsYamlReadsIt) {
  int read = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(TEST_DATA_DIR)) {
    if (entry.path().extension() != ".json") continue;
    const std::string text = testdata::readFile(entry.path());
    const NodePtr json = readJsonDocument(text);
    if (json == nullptr) continue;  // left to YAML, which decides
    ++read;
    NodePtr yaml;
    try {
      yaml = readYamlDocument(text);
    } catch (...) {
      ADD_FAILURE() << entry.path() << ": read as JSON, refused by the YAML reader";
      continue;
    }
    expectSameTree(*json, *yaml, entry.path().string());
  }
  EXPECT_GE(read, 16);  // at least the public parity cases
}

TEST(JsonDocument, CompactAndPrettyLayoutsGiveYamlsPositions) {
  expectReadLikeYaml(R"({"a":1,"b":[true,false,null],"c":{},"d":[],"e":"x"})");
  expectReadLikeYaml("{\n  \"a\": {\n    \"b\": [\n      1,\n      2.5e-3\n    ]\n  },\n  \"c\"  :  \"d\"\n}\n");
  expectReadLikeYaml("  {  \"a\" : [ [ ] , { } , [ 1 , [ -0 ] ] ] }  \n\n");
  expectReadLikeYaml("{\"a\":\n  1, \"b\" :\n\n  2}");
}

TEST(JsonDocument, StringsNumbersAndDuplicateKeysAsYamlReadsThem) {
  expectReadLikeYaml(R"({"escapes": "q\" b\\ s\/ \b\f\n\r\t", "u": "\u00e9\u20ac\u0041", "raw": "é€😀"})");
  expectReadLikeYaml(R"({"é€": "😀", "after": 1, "n": [0, -1, 10, 1.5, 1E3, 1e+3, -2.25E-2]})");
  expectReadLikeYaml(R"({"a": 1, "a": "2", "5432": "5432", "t": "true", "e": ""})");
  // Quoted, so no merge key for YAML either.
  expectReadLikeYaml(R"({"<<": {"a": 1}, "b": {"<<": [{"c": 2}]}})");
}

TEST(JsonDocument, NestingUpToTheDepthLimitReadsAsYamlReadsIt) {
  std::string text = "{\"a\": ";
  for (std::size_t i = 1; i < kMaxDocumentDepth; ++i) text += "[";
  for (std::size_t i = 1; i < kMaxDocumentDepth; ++i) text += "]";
  text += "}";
  expectReadLikeYaml(text);
  EXPECT_EQ(readJsonDocument("{\"a\": [" + text + "]}"), nullptr);
}

TEST(JsonDocument, LeavesAnythingButPlainJsonObjectsToYaml) {
  const std::string longKey = "{\"" + std::string(1100, 'k') + "\": 1}";
  for (const std::string& text : std::vector<std::string>{
           "a: 1\n",
           "{\"a\":\t1}",
           "{\"a\": 1}\r\n",
           "\xEF\xBB\xBF{\"a\": 1}",
           R"({"a": "\ud83d\ude00"})",
           R"({"a": 1,})",
           R"({"a": trueish})",
           R"({"a": 01})",
           R"({"a": 1} x)",
           R"(["a"])",
           R"("a")",
           R"({"a": 'b'})",
           "{\"a\": \"tab\tinside\"}",
           // Found by the fuzzer: JSON, but YAML wants a key's ':' on its line.
           "{\"a\"\n  : 1}",
           longKey,
           "",
       }) {
    EXPECT_EQ(readJsonDocument(text), nullptr) << text;
  }
}

}  // namespace
}  // namespace mailu::validation
