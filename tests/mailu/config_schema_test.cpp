// The config's JSON Schema (mailu/config_schema.hpp), written by the loader's
// walk in recording mode. What it says is held against the loader by ajv in
// validate.config_schema_agrees_with_the_loader; here, its shape and the
// recorder's own checks.
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "config_fixtures.hpp"
#include "field_reader.hpp"
#include "mailu/config_schema.hpp"
#include "schema_recorder.hpp"

namespace {

using nlohmann::json;
using mailu::validation::Field;
using mailu::validation::FieldReader;
using mailu::validation::SchemaRecorder;
using testconfig::problemsOf;
using testconfig::withMinimal;

// The subschema a $ref names, or the schema itself.
const json& resolved(const json& root, const json& schema) {
  if (!schema.contains("$ref")) return schema;
  const std::string ref = schema.at("$ref");
  return root.at("$defs").at(ref.substr(std::string("#/$defs/").size()));
}

const json& at(const json& root, const std::vector<std::string>& keys) {
  const json* node = &root;
  for (const std::string& key : keys) node = &resolved(root, node->at("properties").at(key));
  return *node;
}

TEST(ConfigSchema, IsADraft2020SchemaOfTheWholeConfig) {
  const json schema = json::parse(mailu::configSchema());
  EXPECT_EQ(schema.at("$schema"), "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(schema.at("type"), "object");
  EXPECT_EQ(schema.at("additionalProperties"), false);
  EXPECT_EQ(schema.at("required"),
            json::array({"domain", "hostnames", "subnet", "database", "redis", "secrets"}));
  EXPECT_EQ(mailu::configSchema(), mailu::configSchema());
}

TEST(ConfigSchema, SaysWhatEachReaderCallTakes) {
  const json schema = json::parse(mailu::configSchema());
  // A required string in a format: no null, its wording as the description.
  EXPECT_EQ(at(schema, {"domain"}), json({{"type", "string"},
                                          {"minLength", 1},
                                          {"pattern", "^[^\\u0000-\\u001F\\u007F]*$"},
                                          {"description", "A domain name such as mail.example.com"}}));
  // A message body takes line feeds and tabs: no pattern.
  EXPECT_FALSE(at(schema, {"mailu", "welcome", "body"}).contains("pattern"));
  // Annotation values may be plain numbers, and empty.
  const json& annotation = at(schema, {"workloads", "admin", "podAnnotations"}).at("additionalProperties");
  EXPECT_EQ(annotation.at("type"), json::array({"string", "number"}));
  EXPECT_FALSE(annotation.contains("minLength"));
  // An optional integer may be null, which the loader takes as not given.
  const json& port = at(schema, {"redis", "port"});
  EXPECT_EQ(port.at("type"), json::array({"integer", "null"}));
  EXPECT_EQ(port.at("minimum"), 1);
  EXPECT_EQ(port.at("maximum"), 65535);
  EXPECT_EQ(at(schema, {"mailu", "webmailType"}).at("enum"), json::array({"roundcube", "snappymail", nullptr}));
  EXPECT_EQ(at(schema, {"security", "hardened"}).at("type"), json::array({"boolean", "null"}));
  // CPU takes a plain number as Kubernetes users write it.
  EXPECT_EQ(at(schema, {"resources", "admin", "requests", "cpu"}).at("type"),
            json::array({"string", "number", "null"}));
  // Lists of strings and of mappings.
  EXPECT_EQ(at(schema, {"hostnames"}).at("items").at("type"), "string");
  const json& extraEnv = at(schema, {"workloads", "front", "extraEnv"});
  EXPECT_EQ(resolved(schema, extraEnv.at("items")).at("required"), json::array({"name"}));
  // A mapping of file names: the one name of its own, any other as a file.
  const json& files = at(schema, {"overrides", "dovecot"});
  EXPECT_TRUE(files.at("properties").contains("configMapName"));
  EXPECT_EQ(files.at("additionalProperties").at("type"), "string");
  EXPECT_FALSE(files.contains("required"));
  // Keyed by port numbers, as the loader reads them.
  EXPECT_EQ(at(schema, {"front", "service", "nodePorts"}).at("properties").size(), 5u);
}

TEST(ConfigSchema, ARepeatedPartIsDefinedOnce) {
  const std::string text = mailu::configSchema();
  const json schema = json::parse(text);
  // Every component's workload block is the same one.
  const json& workloads = at(schema, {"workloads"}).at("properties");
  EXPECT_EQ(workloads.at("admin"), workloads.at("front"));
  EXPECT_TRUE(workloads.at("admin").contains("$ref"));
  // Every $ref names a definition, and every definition is used.
  for (const auto& [name, definition] : schema.at("$defs").items()) {
    EXPECT_NE(text.find("\"#/$defs/" + name + "\""), std::string::npos) << name;
  }
  EXPECT_LT(text.size(), 100'000u);  // a copy for each component would make 550 KB
}

TEST(ConfigSchema, AConfigMayNameItsSchema) {
  EXPECT_TRUE(problemsOf(withMinimal("$schema: ./mailu.schema.json\n")).empty());
  const auto problems = problemsOf(withMinimal("$schema: 12\n"));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems.front().path, "$schema");
}

// The recorder refuses a walk that does not match its key lists: a bug of
// the reader, caught when the schema is made.
TEST(SchemaRecorder, RefusesAWalkThatMissesAKnownKey) {
  SchemaRecorder recorder;
  std::vector<mailu::ConfigProblem> problems;
  FieldReader reader(problems, &recorder);
  const auto top = reader.block(Field{nullptr, "top", nullptr}, {"read", "forgotten"}, true);
  ASSERT_TRUE(top.has_value());
  reader.boolean(mailu::validation::fieldOf(*top, "read"));
  EXPECT_THROW(recorder.schema("top", "t"), std::logic_error);
  reader.boolean(mailu::validation::fieldOf(*top, "forgotten"));
  EXPECT_NO_THROW(recorder.schema("top", "t"));
  EXPECT_TRUE(problems.empty());
}

TEST(SchemaRecorder, RefusesAKeyReadTwiceOrOutsideTheList) {
  {
    SchemaRecorder recorder;
    std::vector<mailu::ConfigProblem> problems;
    FieldReader reader(problems, &recorder);
    const auto top = reader.block(Field{nullptr, "top", nullptr}, {"once"}, true);
    reader.boolean(mailu::validation::fieldOf(*top, "once"));
    EXPECT_THROW(reader.boolean(mailu::validation::fieldOf(*top, "once")), std::logic_error);
  }
  SchemaRecorder recorder;
  std::vector<mailu::ConfigProblem> problems;
  FieldReader reader(problems, &recorder);
  const auto top = reader.block(Field{nullptr, "top", nullptr}, {"listed"}, true);
  reader.boolean(mailu::validation::fieldOf(*top, "listed"));
  reader.boolean(mailu::validation::fieldOf(*top, "unlisted"));
  EXPECT_THROW(recorder.schema("top", "t"), std::logic_error);
}

}  // namespace
