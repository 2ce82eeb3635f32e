// mailu-synth end to end: the binary, its exit codes, what it writes and
// what it leaves alone.
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "file_contents.hpp"

#include "cdk8s/app.hpp"
#include "cdk8s/yaml.hpp"
#include "mailu/config_loader.hpp"
#include "mailu/mailu_chart.hpp"

namespace {

namespace fs = std::filesystem;
const fs::path kParity = fs::path(TEST_DATA_DIR) / "parity";

using testdata::readFile;

struct SynthRun {
  int status = -1;
  std::string out;
  std::string err;
};

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

SynthRun runSynth(const std::vector<std::string>& args) {
  std::string name = "mailu-synth-run-";  // appended: GCC 12 misreports "literal" + string
  name += std::to_string(::getpid());
  const fs::path dir = fs::temp_directory_path() / name;
  fs::create_directories(dir);
  std::string command = quote(MAILU_SYNTH_PATH);
  for (const std::string& arg : args) {
    command += ' ';
    command += quote(arg);
  }
  command += " >";
  command += quote((dir / "out").string());
  command += " 2>";
  command += quote((dir / "err").string());
  SynthRun run;
  const int raw = std::system(command.c_str());
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.out = readFile(dir / "out");
  run.err = readFile(dir / "err");
  fs::remove_all(dir);
  return run;
}

// A folder with one earlier output file, to show nothing was changed.
class OutputFolder {
 public:
  OutputFolder() : path_(fs::temp_directory_path() / "mailu-synth-out") {
    path_ += std::to_string(::getpid());
    fs::remove_all(path_);
    fs::create_directories(path_);
    std::ofstream(path_ / "mailu.k8s.yaml") << "previous good output\n";
  }
  ~OutputFolder() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  std::map<std::string, std::string> contents() const {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::directory_iterator(path_)) {
      files[entry.path().filename().string()] = readFile(entry.path());
    }
    return files;
  }

 private:
  fs::path path_;
};

std::string libraryYaml(const fs::path& config, const std::string& chartId) {
  cdk8s::App app;
  mailu::MailuChart chart(app, chartId, mailu::loadConfigFile(config));
  return cdk8s::Yaml::stringify(chart.toJson());
}

TEST(MailuSynth, RefusesEveryBadPublicConfigNamingTheFieldAndTouchingNothing) {
  const cdk8s::Json expected = cdk8s::Json::parse(readFile(kParity / "bad" / "expected-errors.json"));
  ASSERT_EQ(expected.size(), 15u);
  for (auto it = expected.begin(); it != expected.end(); ++it) {
    OutputFolder folder;
    const auto before = folder.contents();
    const SynthRun run = runSynth({"--config", (kParity / "bad" / it.key()).string(), "--outdir", folder.path().string()});
    EXPECT_EQ(run.status, 2) << it.key();
    EXPECT_NE(run.err.find(it.value().get<std::string>()), std::string::npos) << it.key() << ": " << run.err;
    EXPECT_EQ(run.err.rfind("mailu-synth: ", 0), 0u) << it.key() << ": " << run.err;
    EXPECT_TRUE(run.out.empty()) << it.key();
    EXPECT_EQ(folder.contents(), before) << it.key();
  }
}

TEST(MailuSynth, ReportsEveryProblemOneLineEach) {
  OutputFolder folder;
  const fs::path config = folder.path() / "broken.yaml";
  std::ofstream(config) << "domain: example\nhostnames: [mail.example.com, 'bad host']\nsubnet: 10.42.0.0\n"
                           "database: {type: sqlite}\nredis: {host: redis}\nsecrets: {mailuSecretKey: key}\n";
  const SynthRun run = runSynth({"--config", config.string(), "--outdir", folder.path().string()});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find(": domain: "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find(": hostnames[1]: "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find(": subnet: "), std::string::npos) << run.err;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 3) << run.err;
}

TEST(MailuSynth, WritesTheSameFileAsTheLibrary) {
  OutputFolder folder;
  const fs::path config = kParity / "cases" / "p04-all-components-traefik.json";
  const SynthRun run = runSynth({"--config", config.string(), "--outdir", folder.path().string()});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(readFile(folder.path() / "mailu.k8s.yaml"), libraryYaml(config, "mailu"));
}

TEST(MailuSynth, StdoutWritesNoFile) {
  OutputFolder folder;
  const fs::path config = kParity / "cases" / "p01-minimal-sqlite.json";
  const auto before = folder.contents();
  const SynthRun run = runSynth({"--config", config.string(), "--chart-id", "edge", "--stdout", "--outdir",
                            folder.path().string()});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, libraryYaml(config, "edge"));
  EXPECT_EQ(folder.contents(), before);
}

TEST(MailuSynth, SeveralConfigsBecomeChartsNamedAfterTheirFiles) {
  OutputFolder folder;
  fs::copy_file(kParity / "cases" / "p01-minimal-sqlite.json", folder.path() / "tenant-a.json");
  fs::copy_file(kParity / "cases" / "p02-main-example.json", folder.path() / "tenant-b.json");
  const SynthRun run = runSynth({"--config", (folder.path() / "tenant-a.json").string(), "--config",
                            (folder.path() / "tenant-b.json").string(), "--outdir", folder.path().string()});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(readFile(folder.path() / "tenant-a.k8s.yaml"), libraryYaml(folder.path() / "tenant-a.json", "tenant-a"));
  EXPECT_EQ(readFile(folder.path() / "tenant-b.k8s.yaml"), libraryYaml(folder.path() / "tenant-b.json", "tenant-b"));
}

TEST(MailuSynth, OneBadConfigAmongSeveralWritesNothing) {
  OutputFolder folder;
  const auto before = folder.contents();
  const SynthRun run = runSynth({"--config", (kParity / "cases" / "p01-minimal-sqlite.json").string(), "--config",
                            (kParity / "bad" / "b03-subnet-no-prefix.json").string(), "--outdir",
                            folder.path().string()});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(folder.contents(), before);
}

TEST(MailuSynth, RefusesChartIdWithSeveralConfigsAndDuplicateFileNames) {
  const std::string p01 = (kParity / "cases" / "p01-minimal-sqlite.json").string();
  EXPECT_EQ(runSynth({"--config", p01, "--config", p01, "--chart-id", "x", "--stdout"}).status, 2);
  const SynthRun duplicate = runSynth({"--config", p01, "--config", p01, "--stdout"});
  EXPECT_EQ(duplicate.status, 2);
  EXPECT_NE(duplicate.err.find("already used"), std::string::npos) << duplicate.err;
}

TEST(MailuSynth, RefusesChartIdThatMakesInvalidServiceNames) {
  OutputFolder folder;
  const auto before = folder.contents();
  const SynthRun run = runSynth({"--config", (kParity / "cases" / "p01-minimal-sqlite.json").string(), "--chart-id",
                            "9lives", "--outdir", folder.path().string()});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("chart id"), std::string::npos) << run.err;
  EXPECT_EQ(folder.contents(), before);
}

TEST(MailuSynth, MissingConfigFileIsInvalidInput) {
  const SynthRun run = runSynth({"--config", "/nonexistent/mailu.yaml", "--stdout"});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("/nonexistent/mailu.yaml"), std::string::npos) << run.err;
}

TEST(MailuSynth, UnwritableOutputFolderFailsWithoutCrashing) {
  OutputFolder folder;
  const fs::path blocker = folder.path() / "not-a-folder";
  std::ofstream(blocker) << "x";
  const SynthRun run = runSynth({"--config", (kParity / "cases" / "p01-minimal-sqlite.json").string(), "--outdir",
                            (blocker / "sub").string()});
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(run.err.rfind("mailu-synth: ", 0), 0u) << run.err;
}

TEST(MailuSynth, LeavesUnchangedOutputAloneAndRewritesChangedOutput) {
  OutputFolder folder;
  const fs::path config = folder.path() / "tenant.json";
  fs::copy_file(kParity / "cases" / "p01-minimal-sqlite.json", config);
  const auto args = std::vector<std::string>{"--config", config.string(), "--outdir", folder.path().string()};
  ASSERT_EQ(runSynth(args).status, 0);
  const fs::path output = folder.path() / "mailu.k8s.yaml";
  const auto firstWrite = fs::last_write_time(output);
  fs::last_write_time(output, firstWrite - std::chrono::hours(1));
  ASSERT_EQ(runSynth(args).status, 0);
  EXPECT_EQ(fs::last_write_time(output), firstWrite - std::chrono::hours(1));  // not rewritten

  fs::copy_file(kParity / "cases" / "p02-main-example.json", config, fs::copy_options::overwrite_existing);
  ASSERT_EQ(runSynth(args).status, 0);
  EXPECT_EQ(readFile(output), libraryYaml(config, "mailu"));
  EXPECT_NE(fs::last_write_time(output), firstWrite - std::chrono::hours(1));
}

TEST(MailuSynth, HelpAndVersionExitZero) {
  const SynthRun help = runSynth({"--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("--config"), std::string::npos);
  const SynthRun version = runSynth({"--version"});
  EXPECT_EQ(version.status, 0);
  EXPECT_NE(version.out.find("mailu-synth"), std::string::npos);
}

TEST(MailuSynth, UnknownOptionIsInvalidInput) { EXPECT_EQ(runSynth({"--frobnicate"}).status, 2); }

}  // namespace
