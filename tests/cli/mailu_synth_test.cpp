// mailu-synth end to end: the binary, its exit codes, what it writes and
// what it leaves alone.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "file_contents.hpp"

#include "cdk8s/app.hpp"
#include "cdk8s/yaml.hpp"
#include "mailu/config_loader.hpp"
#include "mailu/config_schema.hpp"
#include "mailu/mailu_chart.hpp"

namespace {

namespace fs = std::filesystem;
const fs::path kParity = fs::path(TEST_DATA_DIR) / "parity";

using testdata::readFile;

struct SynthRun {
  int status = -1;  // the exit status; -1 when ended by a signal
  int signal = 0;   // the signal that ended it, if one did
  long maxRssKiB = 0;
  std::string out;
  std::string err;
};

// Starts mailu-synth with `args`, standard input from /dev/null, standard
// output and error into the given files, with no signal blocked or ignored
// whatever this process does.
pid_t startSynth(const std::vector<std::string>& args, const fs::path& out, const fs::path& err) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int signal : {SIGTERM, SIGINT, SIGHUP, SIGPIPE}) sigaddset(&defaults, signal);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::vector<std::string> words{MAILU_SYNTH_PATH};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, MAILU_SYNTH_PATH, &actions, &attributes, argv.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  EXPECT_EQ(error, 0) << "cannot start " << MAILU_SYNTH_PATH;
  return error == 0 ? pid : -1;
}

// Waits for `pid`; with a timeout, kills it (and fails the test) when it
// runs longer.
SynthRun waitForSynth(pid_t pid, std::optional<std::chrono::milliseconds> timeout = std::nullopt) {
  SynthRun run;
  if (pid < 0) return run;
  const auto deadline = std::chrono::steady_clock::now() + timeout.value_or(std::chrono::milliseconds(0));
  int raw = 0;
  struct rusage usage {};
  while (true) {
    const pid_t done = ::wait4(pid, &raw, timeout ? WNOHANG : 0, &usage);
    if (done == pid) break;
    if (done < 0 && errno == EINTR) continue;
    if (done < 0) {
      ADD_FAILURE() << "wait4 failed";
      return run;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << "mailu-synth still runs after " << timeout->count() << " ms";
      ::kill(pid, SIGKILL);
      timeout.reset();
      continue;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.signal = WIFSIGNALED(raw) ? WTERMSIG(raw) : 0;
  run.maxRssKiB = usage.ru_maxrss;
  return run;
}

// A new empty folder under the temporary folder, removed with what it holds.
class TempFolder {
 public:
  explicit TempFolder(const std::string& label) {
    std::string name = "mailu-synth-";  // appended: GCC 12 misreports "literal" + string
    name += label;
    name += '-';
    name += std::to_string(::getpid());
    path_ = fs::temp_directory_path() / name;
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempFolder() { fs::remove_all(path_); }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

SynthRun runSynth(const std::vector<std::string>& args,
                  std::optional<std::chrono::milliseconds> timeout = std::chrono::seconds(120)) {
  const TempFolder dir("run");
  SynthRun run = waitForSynth(startSynth(args, dir.path() / "out", dir.path() / "err"), timeout);
  run.out = readFile(dir.path() / "out");
  run.err = readFile(dir.path() / "err");
  return run;
}

long lineCount(const std::string& text) { return std::count(text.begin(), text.end(), '\n'); }

// Every file name in `dir` and below, relative to it ("sub/x"); folders end in '/'.
std::set<std::string> treeOf(const fs::path& dir) {
  std::set<std::string> names;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(dir, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    std::string name = fs::relative(it->path(), dir).string();
    if (it->is_directory()) name += '/';
    names.insert(std::move(name));
  }
  return names;
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

TEST(MailuSynth, ListSecretsPrintsWhatTheManifestsNameAndWritesNothing) {
  OutputFolder folder;
  const fs::path config = fs::path(EXAMPLES_DIR) / "mailu.yaml";
  const auto before = folder.contents();
  const SynthRun run = runSynth({"--config", config.string(), "--list-secrets", "--outdir", folder.path().string()});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out.substr(0, run.out.find('\n')),
            "Secrets to create before applying " + config.string() + " (namespace/name: keys):");
  // The names examples/mailu.yaml gives, and the ingress's certificate.
  for (const char* line : {"mailu/mailu-secret-key: key secret-key (", "mailu/mailu-initial-admin: key initial-admin-password (",
                           "mailu/postgres-app: keys password, username (", "mailu/mailu-tls: keys tls.crt, tls.key ("}) {
    EXPECT_NE(run.out.find(std::string("\n") + line), std::string::npos) << line << "\n" << run.out;
  }
  EXPECT_EQ(folder.contents(), before);

  const SynthRun bad = runSynth({"--config", (kParity / "bad" / "b01-domain-no-tld.json").string(), "--list-secrets"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_TRUE(bad.out.empty());
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

// --- Subcommands (issue 17) --------------------------------------------------

// The kinds of a written file, counted from its text: "kind: X" at the start of a line.
std::map<std::string, int> kindsIn(const std::string& yaml) {
  std::map<std::string, int> kinds;
  std::istringstream lines(yaml);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("kind: ", 0) == 0) ++kinds[line.substr(6)];
  }
  return kinds;
}

TEST(MailuSynth, SynthSubcommandIsTheDefault) {
  OutputFolder folder;
  const fs::path config = kParity / "cases" / "p02-main-example.json";
  const SynthRun run = runSynth({"synth", "--config", config.string(), "--outdir", folder.path().string()});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(readFile(folder.path() / "mailu.k8s.yaml"), libraryYaml(config, "mailu"));
  EXPECT_EQ(runSynth({"synth"}).status, 2) << "synth needs --config";
  EXPECT_EQ(runSynth({}).status, 2) << "so does the default";
  const SynthRun help = runSynth({"--help"});
  EXPECT_NE(help.out.find("check"), std::string::npos) << help.out;
}

// check writes nothing and says what synth would: the file, and the objects
// by kind, which match what synth then writes.
TEST(MailuSynth, CheckPrintsWhatSynthWouldWriteAndWritesNothing) {
  const TempFolder dir("check");
  const fs::path a = kParity / "cases" / "p01-minimal-sqlite.json";
  const fs::path b = kParity / "cases" / "p04-all-components-traefik.json";
  const fs::path out = dir.path() / "never";
  const SynthRun run = runSynth({"check", "--config", a.string(), "--config", b.string(), "--outdir", out.string()});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(run.err, "");
  ASSERT_EQ(lineCount(run.out), 2) << run.out;
  const SynthRun synth = runSynth({"--config", a.string(), "--config", b.string(), "--outdir", out.string(), "-q"});
  ASSERT_EQ(synth.status, 0) << synth.err;
  std::istringstream lines(run.out);
  for (const std::string name : {"p01-minimal-sqlite", "p04-all-components-traefik"}) {
    std::string line;
    std::getline(lines, line);
    const std::map<std::string, int> kinds = kindsIn(readFile(out / (name + ".k8s.yaml")));
    int total = 0;
    std::string byKind;
    for (const auto& [kind, count] : kinds) {
      total += count;
      byKind += (byKind.empty() ? "" : ", ") + std::to_string(count) + " " + kind;
    }
    EXPECT_EQ(line.rfind((out / (name + ".k8s.yaml")).string() + ": " + std::to_string(total) + " objects (" + byKind + ")", 0),
              0u)
        << line;
  }
}

TEST(MailuSynth, CheckRefusesABadConfigLikeSynth) {
  const TempFolder dir("check-bad");
  const fs::path config = dir.path() / "bad.yaml";
  std::ofstream(config) << "domain: example.com\nhostnames: [\"bad host\"]\nsubnet: 10.42.0.0/16\n"
                           "database: {type: sqlite}\nredis: {host: redis}\nsecrets: {mailuSecretKey: k}\n";
  const SynthRun run = runSynth({"check", "--config", config.string()});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("hostnames[0]: "), std::string::npos) << run.err;
  EXPECT_EQ(lineCount(run.err), 1) << run.err;
}

// init writes a starter config that loads and builds, for the domain and
// host name given, never over an existing file, and nothing for a bad name.
TEST(MailuSynth, InitWritesAStarterConfigThatLoads) {
  const TempFolder dir("init");
  const fs::path target = dir.path() / "mailu.yaml";
  const SynthRun run = runSynth({"init", "--domain", "example.org", "--hostname", "mx.example.org", "-o", target.string()});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_NE(run.out.find(target.string()), std::string::npos) << run.out;
  const mailu::MailuChartConfig config = mailu::loadConfigFile(target);
  EXPECT_EQ(config.domain, "example.org");
  EXPECT_EQ(config.hostnames, std::vector<std::string>{"mx.example.org"});
  EXPECT_EQ(config.ingress->traefik->hostname, "mx.example.org");
  EXPECT_EQ(runSynth({"check", "--config", target.string()}).status, 0);
  EXPECT_EQ(treeOf(dir.path()), (std::set<std::string>{"mailu.yaml"})) << "no staged file left";
  // Every required key is explained where it is set.
  const std::string text = readFile(target);
  for (const char* key : {"domain:", "hostnames:", "subnet:", "database:", "redis:", "secrets:"}) {
    const std::size_t at = text.find(std::string("\n") + key);
    ASSERT_NE(at, std::string::npos) << key;
  }
  EXPECT_GT(std::count(text.begin(), text.end(), '#'), 15);

  const SynthRun defaults = runSynth({"init", "-o", (dir.path() / "default.yaml").string()});
  ASSERT_EQ(defaults.status, 0) << defaults.err;
  EXPECT_EQ(mailu::loadConfigFile(dir.path() / "default.yaml").hostnames,
            std::vector<std::string>{"mail.example.com"});
}

TEST(MailuSynth, InitNeverOverwritesAndRefusesBadNames) {
  const TempFolder dir("init-refused");
  const fs::path target = dir.path() / "mailu.yaml";
  std::ofstream(target) << "mine\n";
  const SynthRun existing = runSynth({"init", "-o", target.string()});
  EXPECT_EQ(existing.status, 2);
  EXPECT_EQ(readFile(target), "mine\n");
  EXPECT_NE(existing.err.find("already exists"), std::string::npos) << existing.err;
  for (const std::string bad : {"bad domain", "example.com\nsubnet: 0.0.0.0/0", "", "ex_ample.com"}) {
    const fs::path other = dir.path() / "other.yaml";
    const SynthRun run = runSynth({"init", "--domain", bad, "-o", other.string()});
    EXPECT_EQ(run.status, 2) << bad;
    EXPECT_FALSE(fs::exists(other)) << bad;
    EXPECT_EQ(run.err.rfind("mailu-synth: --domain: ", 0), 0u) << run.err;
  }
  const SynthRun badHost = runSynth({"init", "--hostname", "MX!", "-o", (dir.path() / "h.yaml").string()});
  EXPECT_EQ(badHost.status, 2);
  EXPECT_EQ(badHost.err.rfind("mailu-synth: --hostname: ", 0), 0u) << badHost.err;
  const SynthRun noFolder = runSynth({"init", "-o", (dir.path() / "missing" / "mailu.yaml").string()});
  EXPECT_EQ(noFolder.status, 1) << noFolder.err;
  EXPECT_EQ(lineCount(noFolder.err), 1) << noFolder.err;
  EXPECT_EQ(treeOf(dir.path()), (std::set<std::string>{"mailu.yaml"}));
}

// schema: the loader's JSON Schema on standard output, or into a file
// replaced whole; a file that cannot be written leaves nothing behind.
TEST(MailuSynth, SchemaPrintsTheConfigSchemaOrWritesItWhole) {
  const SynthRun printed = runSynth({"schema"});
  ASSERT_EQ(printed.status, 0) << printed.err;
  EXPECT_EQ(printed.out, mailu::configSchema());
  const auto schema = nlohmann::json::parse(printed.out);
  EXPECT_EQ(schema.at("$schema"), "https://json-schema.org/draft/2020-12/schema");

  const TempFolder dir("schema");
  const fs::path target = dir.path() / "mailu.schema.json";
  std::ofstream(target) << "old\n";
  const SynthRun written = runSynth({"schema", "-o", target.string()});
  ASSERT_EQ(written.status, 0) << written.err;
  EXPECT_EQ(written.out, "");
  EXPECT_EQ(readFile(target), printed.out);

  const SynthRun noFolder = runSynth({"schema", "-o", (dir.path() / "missing" / "s.json").string()});
  EXPECT_EQ(noFolder.status, 1) << noFolder.err;
  EXPECT_EQ(lineCount(noFolder.err), 1) << noFolder.err;
  EXPECT_EQ(treeOf(dir.path()), (std::set<std::string>{"mailu.schema.json"}));
  EXPECT_EQ(runSynth({"schema", "--config", "x.yaml"}).status, 2);  // schema takes no config
}

// diagram: the drawing on standard output or into a file replaced whole; a
// bad config or format is refused with nothing written.
TEST(MailuSynth, DiagramDrawsTheConfigsDeploymentOrRefusesIt) {
  const std::string config = (kParity / "cases" / "p04-all-components-traefik.json").string();
  const SynthRun dot = runSynth({"diagram", "--config", config});
  ASSERT_EQ(dot.status, 0) << dot.err;
  EXPECT_EQ(dot.out.rfind("digraph mailu {\n", 0), 0u) << dot.out.substr(0, 80);
  EXPECT_NE(dot.out.find("\"front\" -> \"admin\""), std::string::npos);
  const SynthRun mermaid = runSynth({"diagram", "--config", config, "--format", "mermaid"});
  ASSERT_EQ(mermaid.status, 0) << mermaid.err;
  EXPECT_NE(mermaid.out.find("\nflowchart LR\n"), std::string::npos);

  const TempFolder dir("diagram");
  const fs::path target = dir.path() / "mailu.dot";
  const SynthRun written = runSynth({"diagram", "--config", config, "-o", target.string()});
  ASSERT_EQ(written.status, 0) << written.err;
  EXPECT_EQ(readFile(target), dot.out);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"diagram", "--config", (kParity / "bad" / "b09-unknown-key.json").string(), "-o",
                                 (dir.path() / "bad.dot").string()},
        std::vector<std::string>{"diagram", "--config", config, "--format", "png", "-o", (dir.path() / "bad.dot").string()}}) {
    const SynthRun refused = runSynth(args);
    EXPECT_EQ(refused.status, 2) << args[3];
    EXPECT_EQ(lineCount(refused.err), 1) << refused.err;
    EXPECT_EQ(refused.out, "");
  }
  EXPECT_EQ(treeOf(dir.path()), (std::set<std::string>{"mailu.dot"}));
}

// file-per-resource: one object a file under a folder per chart, in apply
// order, with cdk8s's <Kind>.<name> names; together the chart's bytes.
TEST(MailuSynth, FilePerResourceSplitsEachChartIntoItsObjects) {
  OutputFolder folder;
  fs::copy_file(kParity / "cases" / "p01-minimal-sqlite.json", folder.path() / "tenant-a.json");
  fs::copy_file(kParity / "cases" / "p04-all-components-traefik.json", folder.path() / "tenant-b.json");
  const fs::path out = folder.path() / "out";
  const std::vector<std::string> args{"--config",      (folder.path() / "tenant-a.json").string(),
                                      "--config",      (folder.path() / "tenant-b.json").string(),
                                      "--outdir",      out.string(),
                                      "--output-type", "file-per-resource",
                                      "--quiet"};
  const SynthRun run = runSynth(args);
  ASSERT_EQ(run.status, 0) << run.err;
  for (const std::string chart : {"tenant-a", "tenant-b"}) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(out / chart)) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    const std::string whole = libraryYaml(folder.path() / (chart + ".json"), chart);
    std::string joined;
    for (std::size_t i = 0; i < files.size(); ++i) {
      const std::string text = readFile(files[i]);
      if (i > 0) joined += "---\n";
      joined += text;
      EXPECT_EQ(kindsIn(text).size(), 1u) << files[i];
      const std::string kind = kindsIn(text).begin()->first;
      const std::string expectedStart = fmt::format("{:04}-{}.", i, kind);
      EXPECT_EQ(files[i].filename().string().rfind(expectedStart, 0), 0u) << files[i];
    }
    EXPECT_EQ(joined, whole) << chart << ": the files together are the chart's file";
    EXPECT_EQ(files.front().filename().string().rfind("0000-Namespace.", 0), 0u) << "the namespace applies first";
  }
  EXPECT_FALSE(fs::exists(out / "tenant-a.k8s.yaml"));
  // Unchanged files are left alone on a second run.
  const auto before = fs::last_write_time(out / "tenant-a" / "0000-Namespace.mailu.k8s.yaml");
  ASSERT_EQ(runSynth(args).status, 0);
  EXPECT_EQ(fs::last_write_time(out / "tenant-a" / "0000-Namespace.mailu.k8s.yaml"), before);
}

// A file of an earlier run that this one would not write is refused, and
// nothing changes.
TEST(MailuSynth, FilePerResourceRefusesFilesItWouldNotWrite) {
  OutputFolder folder;
  const fs::path out = folder.path() / "out";
  const std::vector<std::string> args{"--config", (kParity / "cases" / "p01-minimal-sqlite.json").string(), "--outdir",
                                      out.string(), "--output-type", "file-per-resource"};
  ASSERT_EQ(runSynth(args).status, 0);
  std::ofstream(out / "mailu" / "0040-Deployment.mailu-old.k8s.yaml") << "old\n";
  const fs::path kept = out / "mailu" / "0001-ConfigMap.mailu-env-config-c8ffb9e6.k8s.yaml";
  std::ofstream(kept) << "changed by hand\n";
  const std::set<std::string> tree = treeOf(out);
  const SynthRun run = runSynth(args);
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("0040-Deployment.mailu-old.k8s.yaml: is not part of this run's output"), std::string::npos)
      << run.err;
  EXPECT_EQ(treeOf(out), tree) << "no file written, none left behind";
  EXPECT_EQ(readFile(kept), "changed by hand\n");
  EXPECT_EQ(runSynth({"--config", (kParity / "cases" / "p01-minimal-sqlite.json").string(), "--output-type",
                      "file-per-resource", "--stdout"})
                .status,
            2);
  EXPECT_EQ(runSynth({"--config", (kParity / "cases" / "p01-minimal-sqlite.json").string(), "--output-type", "bogus"})
                .status,
            2);
}

// After several charts, one line on standard error: charts, objects, bytes
// and time; none for one chart or with --quiet.
TEST(MailuSynth, SeveralChartsEndWithASummaryLine) {
  OutputFolder folder;
  const fs::path a = kParity / "cases" / "p01-minimal-sqlite.json";
  const fs::path b = kParity / "cases" / "p04-all-components-traefik.json";
  const SynthRun run = runSynth({"--config", a.string(), "--config", b.string(), "--outdir", folder.path().string()});
  ASSERT_EQ(run.status, 0) << run.err;
  const std::string first = readFile(folder.path() / "p01-minimal-sqlite.k8s.yaml");
  const std::string second = readFile(folder.path() / "p04-all-components-traefik.k8s.yaml");
  int objects = 0;
  for (const std::string* text : {&first, &second}) {
    for (const auto& [kind, count] : kindsIn(*text)) objects += count;
  }
  const std::string expected = "mailu-synth: 2 charts, " + std::to_string(objects) + " objects, " +
                               std::to_string(first.size() + second.size()) + " bytes in ";
  EXPECT_EQ(run.err.rfind(expected, 0), 0u) << run.err;
  EXPECT_EQ(lineCount(run.err), 1);
  EXPECT_EQ(run.err.substr(run.err.size() - 3), " s\n");
  const SynthRun toStdout = runSynth({"--config", a.string(), "--config", b.string(), "--stdout"});
  EXPECT_EQ(toStdout.err.rfind(expected, 0), 0u) << toStdout.err;
  EXPECT_EQ(runSynth({"--config", a.string(), "--config", b.string(), "--stdout", "--quiet"}).err, "");
  EXPECT_EQ(runSynth({"--config", a.string(), "--stdout"}).err, "");
}

// --- Interrupted runs ------------------------------------------------------

// `count` copies of one config, tenant-0000.json ..., and the --config
// arguments naming them.
std::vector<std::string> copiesOf(const fs::path& config, const fs::path& dir, int count) {
  std::vector<std::string> args;
  for (int i = 0; i < count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "tenant-%04d.json", i);
    fs::copy_file(config, dir / name, fs::copy_options::overwrite_existing);
    args.push_back("--config");
    args.push_back((dir / name).string());
  }
  return args;
}

// What an output folder must hold after any run, finished or not: complete
// charts only (each exactly what synthesizing its config alone gives), no
// temporary or backup file, and, if it holds nothing, not even the folders
// the run created.
void expectOnlyCompleteCharts(const fs::path& top, const fs::path& outdir, const fs::path& config,
                              std::map<std::string, std::string>& expected, const std::string& label) {
  for (const std::string& name : treeOf(top)) {
    const fs::path file = top / name;
    if (name.back() == '/') continue;
    EXPECT_EQ(file.parent_path(), outdir) << label << ": " << name;
    const std::string filename = file.filename().string();
    EXPECT_NE(filename.front(), '.') << label << ": a temporary file is left: " << name;
    const std::string suffix = ".k8s.yaml";
    ASSERT_TRUE(filename.size() > suffix.size() && filename.ends_with(suffix)) << label << ": " << name;
    const std::string id = filename.substr(0, filename.size() - suffix.size());
    auto [it, inserted] = expected.try_emplace(id);
    if (inserted) it->second = libraryYaml(config, id);
    EXPECT_TRUE(readFile(file) == it->second) << label << ": " << name << " is not complete";
  }
  std::error_code error;
  if (fs::exists(top, error)) {
    EXPECT_TRUE(fs::exists(outdir, error) && !fs::is_empty(outdir, error))
        << label << ": the folders the run created are left, with no chart in them";
  }
}

TEST(MailuSynth, TerminationSignalsRemoveTemporaryFilesAndLeaveOnlyCompleteCharts) {
  const TempFolder work("signals");
  const fs::path config = kParity / "cases" / "p04-all-components-traefik.json";
  fs::create_directories(work.path() / "in");
  const std::vector<std::string> configs = copiesOf(config, work.path() / "in", 400);
  std::map<std::string, std::string> expected;

  // A whole run first, to pick delays that fall before, during and after it.
  auto args = configs;
  args.insert(args.end(), {"--outdir", (work.path() / "whole" / "out").string()});
  const auto start = std::chrono::steady_clock::now();
  const SynthRun whole = runSynth(args);
  const auto length = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  ASSERT_EQ(whole.status, 0) << whole.err;
  expectOnlyCompleteCharts(work.path() / "whole", work.path() / "whole" / "out", config, expected, "whole run");
  EXPECT_EQ(treeOf(work.path() / "whole" / "out").size(), 400u);

  struct Case {
    int signal;
    double when;  // as a share of the whole run's length
  };
  const Case cases[] = {{SIGTERM, 0.0}, {SIGTERM, 0.05}, {SIGTERM, 0.2}, {SIGTERM, 0.4}, {SIGTERM, 0.6},
                        {SIGTERM, 0.8}, {SIGTERM, 0.95}, {SIGTERM, 1.5}, {SIGINT, 0.5},  {SIGHUP, 0.7}};
  int interrupted = 0;
  for (std::size_t k = 0; k < std::size(cases); ++k) {
    const fs::path top = work.path() / ("run-" + std::to_string(k));
    const fs::path outdir = top / "deep" / "out";  // three levels this run creates
    const std::string label = std::string(strsignal(cases[k].signal)) + " at " + std::to_string(cases[k].when);
    args = configs;
    args.insert(args.end(), {"--outdir", outdir.string()});
    const pid_t pid = startSynth(args, work.path() / "out", work.path() / "err");
    std::this_thread::sleep_for(std::chrono::duration_cast<std::chrono::microseconds>(length * cases[k].when));
    ::kill(pid, cases[k].signal);
    const SynthRun run = waitForSynth(pid, std::chrono::seconds(60));
    if (run.status == 0) {
      EXPECT_EQ(treeOf(outdir).size(), 400u) << label;  // it had finished
    } else if (run.status == 128 + cases[k].signal) {
      ++interrupted;
    } else {
      // Only before mailu-synth took the signal over: then it had done nothing.
      EXPECT_EQ(run.signal, cases[k].signal) << label << ": exit status " << run.status;
    }
    expectOnlyCompleteCharts(top, outdir, config, expected, label);
  }
  EXPECT_GT(interrupted, 0) << "no run was stopped by its signal";
}

// --- All or nothing ----------------------------------------------------------

TEST(MailuSynth, ATargetThatCannotBeReplacedLeavesEveryOtherTargetAlone) {
  const TempFolder folder("all-or-nothing");
  const fs::path p01 = kParity / "cases" / "p01-minimal-sqlite.json";
  for (const char* name : {"a.json", "b.json", "c.json"}) fs::copy_file(p01, folder.path() / name);
  std::ofstream(folder.path() / "a.k8s.yaml") << "old a\n";
  fs::create_directory(folder.path() / "b.k8s.yaml");  // a folder where b's file should go
  const auto before = treeOf(folder.path());
  const SynthRun run = runSynth({"--config", (folder.path() / "a.json").string(), "--config",
                                 (folder.path() / "b.json").string(), "--config", (folder.path() / "c.json").string(),
                                 "--outdir", folder.path().string()});
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(lineCount(run.err), 1) << run.err;
  EXPECT_NE(run.err.find("b.k8s.yaml"), std::string::npos) << run.err;
  EXPECT_TRUE(readFile(folder.path() / "a.k8s.yaml") == "old a\n") << "a was replaced";
  EXPECT_EQ(treeOf(folder.path()), before);  // c not written, nothing stray
}

// --- Output folders ----------------------------------------------------------

TEST(MailuSynth, AFailingRunNeverRemovesTheFolderOfAConcurrentRun) {
  const TempFolder work("race");
  const std::string good = (kParity / "cases" / "p01-minimal-sqlite.json").string();
  const std::string bad = (kParity / "bad" / "b03-subnet-no-prefix.json").string();
  for (int k = 0; k < 40; ++k) {
    const fs::path outdir = work.path() / ("out-" + std::to_string(k));
    const pid_t refused = startSynth({"--config", bad, "--outdir", outdir.string()}, work.path() / "refused-out",
                                     work.path() / "refused-err");
    const pid_t written = startSynth({"--config", good, "--outdir", outdir.string()}, work.path() / "out",
                                     work.path() / "err");
    const SynthRun goodRun = waitForSynth(written, std::chrono::seconds(60));
    const SynthRun badRun = waitForSynth(refused, std::chrono::seconds(60));
    EXPECT_EQ(goodRun.status, 0) << k << ": " << readFile(work.path() / "err");
    EXPECT_EQ(badRun.status, 2) << k;
    EXPECT_TRUE(fs::exists(outdir / "mailu.k8s.yaml")) << k;
  }
}

TEST(MailuSynth, ARefusedRunCreatesNoFolder) {
  const TempFolder work("no-folder");
  const std::string good = (kParity / "cases" / "p01-minimal-sqlite.json").string();
  const std::string bad = (kParity / "bad" / "b03-subnet-no-prefix.json").string();
  const fs::path outdir = work.path() / "new" / "deep" / "out";
  EXPECT_EQ(runSynth({"--config", bad, "-o", outdir.string()}).status, 2);
  EXPECT_FALSE(fs::exists(work.path() / "new"));
  fs::copy_file(good, work.path() / "a.json");
  fs::copy_file(bad, work.path() / "b.json");
  EXPECT_EQ(runSynth({"--config", (work.path() / "a.json").string(), "--config", (work.path() / "b.json").string(),
                      "-o", outdir.string()})
                .status,
            2);
  EXPECT_FALSE(fs::exists(work.path() / "new"));
  // Nor does a run that cannot make the folder (here, below a file).
  std::ofstream(work.path() / "file") << "x";
  EXPECT_EQ(runSynth({"--config", good, "-o", (work.path() / "file" / "out").string()}).status, 1);
  EXPECT_EQ(treeOf(work.path()), (std::set<std::string>{"a.json", "b.json", "file"}));
}

// --- Chart ids -----------------------------------------------------------------

TEST(MailuSynth, ChartIdMustBeANameNotAPath) {
  const TempFolder work("chart-id");
  const fs::path outdir = work.path() / "out";
  const std::string p01 = (kParity / "cases" / "p01-minimal-sqlite.json").string();
  const std::string absolute = (work.path() / "abs" / "x").string();
  for (const std::string& id : {absolute, std::string("a/b"), std::string(""), std::string("."), std::string(".."),
                                std::string("a\\b"), std::string("a\nb"), std::string("tab\there"), std::string("a b"),
                                std::string("*"), std::string("-x"), std::string(".hidden"),
                                std::string("caf\xc3\xa9"), std::string(250, 'a')}) {
    const SynthRun run = runSynth({"--config", p01, "--chart-id", id, "--outdir", outdir.string()});
    EXPECT_EQ(run.status, 2) << id;
    EXPECT_EQ(lineCount(run.err), 1) << id << ": " << run.err;
    EXPECT_EQ(run.err.rfind("mailu-synth: --chart-id: chart id ", 0), 0u) << id << ": " << run.err;
    EXPECT_EQ(treeOf(work.path()), std::set<std::string>{}) << id;
  }
  const SynthRun path = runSynth({"--config", p01, "--chart-id", absolute, "--outdir", outdir.string()});
  EXPECT_EQ(path.err, "mailu-synth: --chart-id: chart id must be a name, not a path (got \"" + absolute + "\")\n");

  const SynthRun mixedCase = runSynth({"--config", p01, "--chart-id", "Mailu-Prod", "--outdir", outdir.string()});
  EXPECT_EQ(mixedCase.status, 0) << mixedCase.err;
  EXPECT_EQ(readFile(outdir / "Mailu-Prod.k8s.yaml"), libraryYaml(p01, "Mailu-Prod"));
}

TEST(MailuSynth, ChartIdsFromFileNamesFollowTheSameRule) {
  const TempFolder work("stem-id");
  const fs::path p01 = kParity / "cases" / "p01-minimal-sqlite.json";
  const fs::path outdir = work.path() / "out";
  for (const std::string& name : {std::string("..json"), std::string("a\\b.json"), std::string("a b.json"),
                                  std::string(".hidden.json"), std::string("t\x01.json")}) {
    fs::copy_file(p01, work.path() / name);
    fs::copy_file(p01, work.path() / "good.json", fs::copy_options::overwrite_existing);
    const SynthRun run = runSynth({"--config", (work.path() / "good.json").string(), "--config",
                                   (work.path() / name).string(), "--outdir", outdir.string()});
    EXPECT_EQ(run.status, 2) << name;
    EXPECT_EQ(lineCount(run.err), 1) << name << ": " << run.err;
    EXPECT_NE(run.err.find(": chart id "), std::string::npos) << name << ": " << run.err;
    EXPECT_FALSE(fs::exists(outdir)) << name;
    fs::remove(work.path() / name);
  }
}

// --- Inputs that are not files -------------------------------------------------

TEST(MailuSynth, RefusesAConfigThatIsNotARegularFileWithoutBlocking) {
  const TempFolder work("fifo");
  const fs::path fifo = work.path() / "config.yaml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const fs::path& config : {fifo, fs::path("/dev/zero")}) {
    const SynthRun run = runSynth({"--config", config.string(), "--stdout"}, std::chrono::seconds(20));
    EXPECT_EQ(run.status, 2) << config;
    EXPECT_EQ(run.err, "mailu-synth: " + config.string() + ": is not a regular file\n") << config;
    EXPECT_TRUE(run.out.empty()) << config;
  }
}

// --- Messages ------------------------------------------------------------------

TEST(MailuSynth, OddPathsAreQuotedSoEachProblemIsOneLine) {
  const TempFolder work("odd-path");
  const fs::path config = work.path() / "a\nb.json";
  std::ofstream(config) << "domain: example\nhostnames: [mail.example.com, 'bad host']\n";
  std::size_t problems = 0;
  try {
    mailu::loadConfigFile(config);
  } catch (const mailu::ConfigError& error) {
    problems = error.problems().size();
  }
  ASSERT_GT(problems, 1u);
  const SynthRun run = runSynth({"--config", config.string(), "--stdout"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(lineCount(run.err), static_cast<long>(problems)) << run.err;
  const std::string shown = "mailu-synth: \"" + work.path().string() + "/a\\nb.json\": ";
  std::istringstream lines(run.err);
  for (std::string line; std::getline(lines, line);) EXPECT_EQ(line.rfind(shown, 0), 0u) << line;
}

// --- Standard output -----------------------------------------------------------

TEST(MailuSynth, StdoutWithSeveralConfigsIsTheirChartsInOrder) {
  const TempFolder work("stdout-order");
  std::vector<std::string> args;
  std::string expected;
  const char* cases[] = {"p02-main-example.json", "p01-minimal-sqlite.json", "p04-all-components-traefik.json",
                         "p03-full-example.json", "p05-resource-overrides.json", "p13-multi-hostnames-postgres.json"};
  for (std::size_t i = 0; i < std::size(cases); ++i) {
    std::string id = "t";  // appended: GCC 12 misreports "literal" + string
    id += std::to_string(i);
    fs::copy_file(kParity / "cases" / cases[i], work.path() / (id + ".json"));
    args.insert(args.end(), {"--config", (work.path() / (id + ".json")).string()});
    if (i > 0) expected += "---\n";
    expected += libraryYaml(work.path() / (id + ".json"), id);
  }
  args.push_back("--stdout");
  const SynthRun run = runSynth(args);
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(run.out == expected);

  fs::copy_file(kParity / "bad" / "b03-subnet-no-prefix.json", work.path() / "refused.json");
  args.pop_back();
  args.insert(args.begin() + 6, {"--config", (work.path() / "refused.json").string()});
  args.push_back("--stdout");
  const SynthRun refused = runSynth(args);
  EXPECT_EQ(refused.status, 2);
  EXPECT_EQ(refused.out, "");
}

// Peak memory, not time: with --stdout each chart's text is written before
// the next ones are rendered, so 300 charts need about what 10 need.
TEST(MailuSynth, StdoutMemoryDoesNotGrowWithTheNumberOfCharts) {
  const TempFolder work("stdout-memory");
  const fs::path config = kParity / "cases" / "p04-all-components-traefik.json";
  auto few = copiesOf(config, work.path(), 10);
  auto many = copiesOf(config, work.path(), 300);
  few.push_back("--stdout");
  many.push_back("--stdout");
  // Under AddressSanitizer (make test-sanitize) freed memory waits in a
  // quarantine of up to 256 MiB before it is reused, so the peak would
  // measure the quarantine; without it the figure is the program's again.
  // Builds without the sanitizer ignore the variable.
  const char* asanOptions = std::getenv("ASAN_OPTIONS");
  const std::string savedAsanOptions = asanOptions != nullptr ? asanOptions : "";
  ::setenv("ASAN_OPTIONS", (savedAsanOptions + ":quarantine_size_mb=0").c_str(), 1);
  const SynthRun small = runSynth(few);
  const SynthRun large = runSynth(many);
  if (asanOptions != nullptr) {
    ::setenv("ASAN_OPTIONS", savedAsanOptions.c_str(), 1);
  } else {
    ::unsetenv("ASAN_OPTIONS");
  }
  ASSERT_EQ(small.status, 0) << small.err;
  ASSERT_EQ(large.status, 0) << large.err;
  EXPECT_LT(large.maxRssKiB, small.maxRssKiB + 8 * 1024)
      << "10 charts: " << small.maxRssKiB << " KiB, 300 charts: " << large.maxRssKiB << " KiB";
}

}  // namespace
