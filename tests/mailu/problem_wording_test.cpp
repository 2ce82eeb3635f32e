// How the loader's problems show values and keys.
#include "problem_wording.hpp"

#include <memory>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace mailu::validation {
namespace {

TEST(ProblemWording, EditDistanceCountsSwapsAndIgnoresCase) {
  EXPECT_EQ(editDistance("hostname", "hostnames"), 1u);
  EXPECT_EQ(editDistance("Domain", "domain"), 0u);
  EXPECT_EQ(editDistance("subnte", "subnet"), 1u);
  EXPECT_EQ(editDistance("storage_class", "storageClass"), 1u);
  EXPECT_EQ(editDistance("", "abc"), 3u);
  EXPECT_EQ(editDistance("kitten", "sitting"), 3u);
}

TEST(ProblemWording, DescribesValuesCompactly) {
  EXPECT_EQ(describeString("bad host"), "\"bad host\"");
  EXPECT_EQ(describeString("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
  EXPECT_EQ(describeString(std::string(100, 'x')), fmt::format("\"{}\"...", std::string(60, 'x')));
  EXPECT_EQ(describeString("\x01"), "\"\\x01\"");

  DocumentNode number;
  number.kind = DocumentNode::Kind::kScalar;
  number.text = "5432";
  EXPECT_EQ(describeValue(number), "5432");
  number.quoted = true;
  EXPECT_EQ(describeValue(number), "\"5432\"");

  DocumentNode list;
  list.kind = DocumentNode::Kind::kSequence;
  EXPECT_EQ(describeValue(list), "[]");
  list.items.push_back(std::make_shared<DocumentNode>(number));
  EXPECT_EQ(describeValue(list), "a list");
  EXPECT_EQ(describeValue(DocumentNode{}), "null");
}

TEST(ProblemWording, SuggestsTheNearestKnownKeyOrListsThemAll) {
  EXPECT_EQ(unknownKeyMessage("hostname", {"domain", "hostnames"}), "unknown key; did you mean 'hostnames'?");
  EXPECT_EQ(unknownKeyMessage("zzz", {"domain", "hostnames"}), "unknown key; known keys here: domain, hostnames");
  EXPECT_EQ(joinPath("", "domain"), "domain");
  EXPECT_EQ(joinPath("storage", "admin"), "storage.admin");
  EXPECT_EQ(joinPath("storage", "a.b"), "storage.\"a.b\"");
}

}  // namespace
}  // namespace mailu::validation
