#include "cdk8s/construct.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

#include "cdk8s/app.hpp"

namespace cdk8s {
namespace {

TEST(Construct, PathJoinsIdsBelowTheRoot) {
  App app;
  Construct& a = app.make<Construct>("a");
  Construct& b = a.make<Construct>("b");
  EXPECT_EQ(app.path(), "");
  EXPECT_EQ(a.path(), "a");
  EXPECT_EQ(b.path(), "a/b");
}

TEST(Construct, AddressHashesTheRootsEmptyIdToo) {
  App app;
  // sha1("\nmailu\n"), the value cdk8s gives a chart "mailu".
  EXPECT_EQ(app.make<Construct>("mailu").addr(), "c83b91f07b7c5675d1c09ff56a2bc3c422740fcdfb");
}

TEST(Construct, DefaultIdIsHiddenFromTheAddress) {
  App app;
  Construct& direct = app.make<Construct>("x").make<Construct>("y");
  App other;
  Construct& wrapped = other.make<Construct>("x").make<Construct>("Default").make<Construct>("y");
  EXPECT_EQ(direct.addr(), wrapped.addr());
}

TEST(Construct, SeparatorsInIdsBecomeDoubleDashes) {
  App app;
  EXPECT_EQ(app.make<Construct>("a/b").id(), "a--b");
  EXPECT_EQ(app.make<Construct>("c\nd").id(), "c--d");
}

TEST(Construct, RefusesDuplicateAndEmptyIds) {
  App app;
  app.make<Construct>("a");
  EXPECT_THROW(app.make<Construct>("a"), std::invalid_argument);
  EXPECT_THROW(app.make<Construct>(""), std::invalid_argument);
}

TEST(Construct, ChildrenKeepCreationOrder) {
  App app;
  app.make<Construct>("z");
  app.make<Construct>("a");
  app.make<Construct>("m");
  std::vector<std::string> ids;
  for (Construct* c : app.children()) ids.push_back(c->id());
  EXPECT_EQ(ids, (std::vector<std::string>{"z", "a", "m"}));
}

TEST(Construct, CallerDeclaredConstructDetachesWhenDestroyed) {
  App app;
  {
    Construct local(app, "local");
    EXPECT_EQ(app.children().size(), 1u);
  }
  EXPECT_TRUE(app.children().empty());
  Construct again(app, "local");  // the id is free again
  EXPECT_EQ(app.tryFindChild("local"), &again);
}

TEST(Construct, FindAllListsParentsBeforeChildren) {
  App app;
  Construct& a = app.make<Construct>("a");
  a.make<Construct>("a1");
  app.make<Construct>("b");
  std::vector<std::string> paths;
  for (Construct* c : app.findAll()) paths.push_back(c->path());
  EXPECT_EQ(paths, (std::vector<std::string>{"", "a", "a/a1", "b"}));
}

}  // namespace
}  // namespace cdk8s
