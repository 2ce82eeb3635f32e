#include "cdk8s/names.hpp"

#include <fstream>
#include <stdexcept>

#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "cdk8s/json.hpp"

namespace cdk8s {
namespace {

Construct& constructAt(App& app, const std::vector<std::string>& path) {
  Construct* scope = &app;
  for (const std::string& id : path) scope = &scope->make<Construct>(id);
  return *scope;
}

std::string describe(const Json& row) { return row.at("path").dump(); }

TEST(Names, AgreesWithCdk8sOnEveryGoldenRow) {
  std::ifstream in(std::string(TEST_DATA_DIR) + "/core/names.json");
  ASSERT_TRUE(in) << "missing tests/data/core/names.json";
  const Json rows = Json::parse(in);
  ASSERT_EQ(rows.size(), 64u);
  for (const Json& row : rows) {
    App app;
    Construct& c = constructAt(app, row.at("path").get<std::vector<std::string>>());
    if (row.contains("error")) {
      EXPECT_THROW(Names::toDnsLabel(c), std::invalid_argument) << describe(row);
      continue;
    }
    EXPECT_EQ(c.addr(), row.at("addr").get<std::string>()) << "addr of " << describe(row);
    EXPECT_EQ(Names::toDnsLabel(c), row.at("dnsLabel").get<std::string>()) << "dnsLabel of " << describe(row);
    EXPECT_EQ(Names::toLabelValue(c), row.at("labelValue").get<std::string>()) << "labelValue of " << describe(row);
  }
}

TEST(Names, SingleValidComponentIsNotDecoratedWithHash) {
  App app;
  EXPECT_EQ(Names::toDnsLabel(constructAt(app, {"mailu"})), "mailu");
}

TEST(Names, IgnoresResourceAndDefaultChildren) {
  App app;
  Construct& c = constructAt(app, {"chart", "svc", "Resource"});
  EXPECT_EQ(Names::toDnsLabel(c), "chart-svc-" + c.addr().substr(0, 8));
}

TEST(Names, KeepsTheLastComponentsWhenTooLong) {
  App app;
  Construct& c = constructAt(app, {std::string(70, 'x'), "tail"});
  const std::string name = Names::toDnsLabel(c);
  EXPECT_LE(name.size(), 63u);
  EXPECT_NE(name.find("-tail-"), std::string::npos);
}

TEST(Names, RefusesMaxLengthShorterThanTheHash) {
  App app;
  Construct& c = constructAt(app, {"a", "b"});
  EXPECT_THROW(Names::toDnsLabel(c, NameOptions{.maxLen = 7}), std::invalid_argument);
  EXPECT_THROW(Names::toLabelValue(c, NameOptions{.maxLen = 7}), std::invalid_argument);
}

TEST(Names, RefusesLabelDelimiterWithInvalidCharacters) {
  App app;
  Construct& c = constructAt(app, {"a", "b"});
  EXPECT_THROW(Names::toLabelValue(c, NameOptions{.delimiter = "/"}), std::invalid_argument);
}

TEST(Names, WithoutHashJoinsComponentsOnly) {
  App app;
  Construct& c = constructAt(app, {"Mailu", "Front", "Resource"});
  EXPECT_EQ(Names::toDnsLabel(c, NameOptions{.includeHash = false}), "mailu-front");
}

TEST(Names, ExtraComponentsComeAfterThePath) {
  App app;
  Construct& c = constructAt(app, {"a", "b"});
  EXPECT_EQ(Names::toDnsLabel(c, NameOptions{.extra = {"x"}}), "a-b-x-" + c.addr().substr(0, 8));
}

}  // namespace
}  // namespace cdk8s
