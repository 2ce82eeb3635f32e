#include "cdk8s/file_output.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace cdk8s {
namespace {

TEST(FileOutput, ReplacesTheWholeFileAndLeavesNoTemporaryBehind) {
  const auto dir = std::filesystem::temp_directory_path() / "cdk8s-file-output-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  writeFileAtomically(dir / "out.yaml", "old content that is longer\n");
  writeFileAtomically(dir / "out.yaml", "new\n");
  std::ifstream in(dir / "out.yaml");
  std::ostringstream s;
  s << in.rdbuf();
  EXPECT_EQ(s.str(), "new\n");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 1);
  std::filesystem::remove_all(dir);
}

TEST(FileOutput, FailureNamesThePathAndKeepsTheOldFile) {
  const auto missing = std::filesystem::temp_directory_path() / "cdk8s-no-such-dir" / "x.yaml";
  try {
    writeFileAtomically(missing, "x");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("x.yaml"), std::string::npos);
  }
}

}  // namespace
}  // namespace cdk8s

namespace cdk8s {
namespace {

TEST(FileOutput, FileHasContentComparesTheWholeFile) {
  const auto dir = std::filesystem::temp_directory_path() / "cdk8s-file-content-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  writeFileAtomically(dir / "a.yaml", "same text\n");
  EXPECT_TRUE(fileHasContent(dir / "a.yaml", "same text\n"));
  EXPECT_FALSE(fileHasContent(dir / "a.yaml", "same text"));     // shorter
  EXPECT_FALSE(fileHasContent(dir / "a.yaml", "same text\n\n"));  // longer
  EXPECT_FALSE(fileHasContent(dir / "a.yaml", "Same text\n"));   // different
  EXPECT_FALSE(fileHasContent(dir / "missing.yaml", ""));
  EXPECT_FALSE(fileHasContent(dir, ""));  // a folder is not a file
  std::filesystem::remove_all(dir);
}

TEST(FileOutput, StagedFilesReachTheirTargetOnlyWhenCommitted) {
  const auto dir = std::filesystem::temp_directory_path() / "cdk8s-staged-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto kept = stageFile(dir / "kept.yaml", "kept\n");
  const auto dropped = stageFile(dir / "dropped.yaml", "dropped\n");
  EXPECT_FALSE(std::filesystem::exists(dir / "kept.yaml"));
  commitStagedFile(kept, dir / "kept.yaml");
  discardStagedFile(dropped);
  EXPECT_TRUE(fileHasContent(dir / "kept.yaml", "kept\n"));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 1);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cdk8s
