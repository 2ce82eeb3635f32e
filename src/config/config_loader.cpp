#include "mailu/config_loader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>

#include <fmt/format.h>

#include "cdk8s/utf8.hpp"

#include "config_reader.hpp"
#include "document.hpp"
#include "document_path.hpp"
#include "field_reader.hpp"
#include "json_document.hpp"
#include "mailu/validate.hpp"
#include "problem_wording.hpp"
#include "yaml_document.hpp"

namespace mailu {
namespace {

using validation::NodePtr;
using validation::readConfig;
using validation::readJsonDocument;
using validation::readYamlDocument;
using validation::textProblem;
using validation::textProblemAt;
using validation::Unreadable;

// A config is a few kilobytes; this bounds the work any input can cause.
constexpr std::size_t kMaxTextBytes = std::size_t{1} << 20;

// yaml-cpp would guess other encodings, and NUL bytes and control characters
// have no place in a config; refusing them up front keeps the rest simple.
void checkEncoding(std::string_view text) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    if (lead >= 0x80) {
      length = cdk8s::utf8SequenceLength(text, i);
      if (length == 0) throw Unreadable{textProblemAt(line, column, "the text is not valid UTF-8")};
    } else if (lead == 0) {
      throw Unreadable{textProblemAt(line, column, "the text contains a NUL byte")};
    } else if (lead < 0x20 && lead != '\n' && lead != '\r' && lead != '\t') {
      throw Unreadable{textProblemAt(line, column, fmt::format("the text contains the control character 0x{:02x}", lead))};
    }
    if (lead == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
}

NodePtr parseDocument(std::string_view text) {
  if (NodePtr root = readJsonDocument(text)) return root;
  return readYamlDocument(text);
}

// The rules over the config's values (validate.hpp), pointed at the lines of
// the file. A problem about a field the reader already reported, or about
// one around or under it, is that problem again and is left out; a document
// the reader could not walk at all has no values to check.
void addValueProblems(const validation::DocumentNode& root, const MailuChartConfig& config,
                      std::vector<ConfigProblem>& problems) {
  const std::size_t read = problems.size();
  const auto wholeDocument = [](const ConfigProblem& p) {
    return p.path.empty() || p.path == validation::kDocumentPath;
  };
  if (std::any_of(problems.begin(), problems.end(), wholeDocument)) return;
  for (ConfigProblem& problem : configProblems(config)) {
    const auto sameField = [&](const ConfigProblem& p) { return validation::pathsOverlap(p.path, problem.path); };
    if (std::any_of(problems.begin(), problems.begin() + static_cast<std::ptrdiff_t>(read), sameField)) continue;
    const validation::PathTarget target = validation::findPath(root, problem.path);
    if (target.exact && !problem.got.empty()) problem.got = validation::describeValue(*target.node);
    if (target.node->line > 0) {
      problem.line = target.node->line;
      problem.column = target.node->column;
    }
    problems.push_back(std::move(problem));
  }
}

// In reading order, so a long list reads like the file.
void sortByPosition(std::vector<ConfigProblem>& problems) {
  std::stable_sort(problems.begin(), problems.end(), [](const ConfigProblem& a, const ConfigProblem& b) {
    const auto key = [](const ConfigProblem& p) {
      return std::pair(p.line.value_or(SIZE_MAX), p.column.value_or(SIZE_MAX));
    };
    return key(a) < key(b);
  });
}

}  // namespace

MailuChartConfig parseConfig(std::string_view text, std::string_view sourceName) {
  std::vector<ConfigProblem> problems;
  try {
    if (text.size() > kMaxTextBytes) {
      throw Unreadable{textProblem(
          fmt::format("the config is larger than {} bytes, far more than any config needs", kMaxTextBytes))};
    }
    checkEncoding(text);
    const NodePtr root = parseDocument(text);
    MailuChartConfig config = readConfig(*root, problems);
    addValueProblems(*root, config, problems);
    if (problems.empty()) return config;
    sortByPosition(problems);
  } catch (const Unreadable& unreadable) {
    problems.assign(1, unreadable.problem);
  } catch (const std::bad_alloc&) {
    problems.assign(1, textProblem("the config is too large to read"));
  } catch (const std::exception& error) {
    problems.assign(1, textProblem(std::string("the config cannot be read: ") + error.what()));
  } catch (...) {
    problems.assign(1, textProblem("the config cannot be read"));
  }
  throw ConfigError(std::move(problems), std::string(sourceName));
}

MailuChartConfig loadConfigFile(const std::filesystem::path& path) {
  const std::string source = path.string();
  const auto fail = [&](std::string message) -> MailuChartConfig {
    throw ConfigError({textProblem(std::move(message))}, source);
  };
  // Opened without blocking: opening a FIFO with no writer for reading would
  // otherwise wait forever. What was opened is then checked with fstat (not
  // a stat before the open, which another process could race), and only a
  // regular file is read: a FIFO, a device such as /dev/zero or a socket is
  // not a config file.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    const int error = errno;
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) {
      return fail(S_ISDIR(info.st_mode) ? "is a directory, not a config file" : "is not a regular file");
    }
    if (error == ENOENT) return fail("cannot open the file: it does not exist");
    if (error == EACCES) return fail("cannot open the file (permission denied?)");
    return fail(std::string("cannot open the file: ") + std::strerror(error));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) != 0) return fail(std::string("cannot read the file: ") + std::strerror(errno));
  if (S_ISDIR(info.st_mode)) return fail("is a directory, not a config file");
  if (!S_ISREG(info.st_mode)) return fail("is not a regular file");

  // Read in chunks and stop one byte past the limit, so a huge file is not
  // read whole, and a small one costs only its own size.
  std::string text;
  try {
    constexpr std::size_t kChunk = 16 * 1024;
    while (text.size() <= kMaxTextBytes) {
      const std::size_t before = text.size();
      text.resize(before + kChunk);
      const ssize_t n = ::read(fd, text.data() + before, kChunk);
      if (n < 0 && errno == EINTR) {
        text.resize(before);
        continue;
      }
      if (n < 0) return fail(std::string("cannot read the file: ") + std::strerror(errno));
      text.resize(before + static_cast<std::size_t>(n));
      if (n == 0) break;
    }
  } catch (const std::exception& error) {
    return fail(std::string("cannot read the file: ") + error.what());
  }
  return parseConfig(text, source);
}

}  // namespace mailu
