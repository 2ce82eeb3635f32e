#include "cdk8s/file_output.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

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

namespace cdk8s {
namespace {

namespace fs = std::filesystem;

std::string contentOf(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> namesIn(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) names.push_back(fs::relative(entry.path(), dir).string());
  std::sort(names.begin(), names.end());
  return names;
}

fs::path freshFolder(const std::string& name) {
  const auto dir = fs::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(FileOutput, BatchReplacesEveryTargetOnCommit) {
  const auto dir = freshFolder("cdk8s-batch-commit");
  writeFileAtomically(dir / "a.yaml", "old a\n");
  {
    FileBatch batch;
    batch.stage(dir / "a.yaml", "new a\n");
    batch.stage(dir / "b.yaml", "new b\n");
    EXPECT_EQ(contentOf(dir / "a.yaml"), "old a\n");
    batch.commit();
  }
  EXPECT_EQ(contentOf(dir / "a.yaml"), "new a\n");
  EXPECT_EQ(contentOf(dir / "b.yaml"), "new b\n");
  EXPECT_EQ(namesIn(dir), (std::vector<std::string>{"a.yaml", "b.yaml"}));
  fs::remove_all(dir);
}

TEST(FileOutput, BatchChecksEveryTargetBeforeReplacingAny) {
  const auto dir = freshFolder("cdk8s-batch-check");
  writeFileAtomically(dir / "a.yaml", "old a\n");
  fs::create_directory(dir / "b.yaml");
  FileBatch batch;
  batch.stage(dir / "a.yaml", "new a\n");
  batch.stage(dir / "b.yaml", "new b\n");
  try {
    batch.commit();
    ADD_FAILURE() << "a folder was replaced";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("b.yaml: is not a regular file"), std::string::npos) << e.what();
  }
  EXPECT_EQ(contentOf(dir / "a.yaml"), "old a\n");
  EXPECT_EQ(namesIn(dir), (std::vector<std::string>{"a.yaml", "b.yaml"}));
  fs::remove_all(dir);
}

TEST(FileOutput, BatchPutsBackWhatItReplacedWhenALaterRenameFails) {
  const auto dir = freshFolder("cdk8s-batch-rollback");
  writeFileAtomically(dir / "a.yaml", "old a\n");
  writeFileAtomically(dir / "c.yaml", "old c\n");
  FileBatch batch;
  batch.stage(dir / "a.yaml", "new a\n");
  batch.stage(dir / "new.yaml", "new\n");
  // The temporary file of c vanishes (as if removed by someone else), so its
  // rename fails after a and new.yaml are in place.
  fs::remove(batch.stage(dir / "c.yaml", "new c\n"));
  EXPECT_THROW(batch.commit(), std::runtime_error);
  EXPECT_EQ(contentOf(dir / "a.yaml"), "old a\n");
  EXPECT_EQ(contentOf(dir / "c.yaml"), "old c\n");
  EXPECT_EQ(namesIn(dir), (std::vector<std::string>{"a.yaml", "c.yaml"}));
  fs::remove_all(dir);
}

TEST(FileOutput, AnAbandonedBatchRemovesItsFilesAndTheFoldersItCreated) {
  const auto dir = freshFolder("cdk8s-batch-abandon");
  fs::create_directories(dir / "kept");
  {
    FileBatch batch;
    batch.createFolders(dir / "kept" / "new" / "deep");
    batch.createFolders(dir / "other");
    batch.stage(dir / "kept" / "new" / "deep" / "x.yaml", "x\n");
    std::ofstream(dir / "other" / "someone-else.txt") << "y";
    batch.abandon();
    EXPECT_THROW(batch.stage(dir / "other" / "z.yaml", "z\n"), std::runtime_error);
  }
  EXPECT_EQ(namesIn(dir), (std::vector<std::string>{"kept", "other", "other/someone-else.txt"}));
  {
    FileBatch batch;  // not committed: the destructor abandons it
    batch.createFolders(dir / "gone");
    batch.stage(dir / "gone" / "x.yaml", "x\n");
  }
  EXPECT_FALSE(fs::exists(dir / "gone"));
  fs::remove_all(dir);
}

TEST(FileOutput, DisplayPathQuotesOnlyOddPaths) {
  EXPECT_EQ(displayPath("out/mailu.k8s.yaml"), "out/mailu.k8s.yaml");
  EXPECT_EQ(displayPath("caf\xc3\xa9 au lait.yaml"), "caf\xc3\xa9 au lait.yaml");
  EXPECT_EQ(displayPath("a\nb.json"), "\"a\\nb.json\"");
  EXPECT_EQ(displayPath("tab\t\"q\"\\.json"), "\"tab\\t\\\"q\\\"\\\\.json\"");
  EXPECT_EQ(displayPath("bell\x07\x7f"), "\"bell\\u0007\\u007f\"");
  EXPECT_EQ(displayPath("bad\xff"), "\"bad\\xff\"");
  EXPECT_EQ(displayPath(""), "\"\"");
  EXPECT_EQ(displayPath(" lead"), "\" lead\"");
  EXPECT_EQ(quoteForMessage("plain"), "\"plain\"");
}

}  // namespace
}  // namespace cdk8s
