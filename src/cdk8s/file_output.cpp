#include "cdk8s/file_output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cdk8s {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const char* what, int error) {
  throw std::runtime_error(path.string() + ": " + what + ": " + std::strerror(error));
}

// Creates a new, empty temporary file beside `path`. Named after the target,
// the process and a per-thread counter, so names never collide between
// threads and processes; created with mode 0666 so the kernel applies the
// umask, as for any new file (mkstemp would make it 0600 and need a chmod).
int createTemporary(const std::filesystem::path& path, std::string& temp) {
  thread_local std::uint64_t counter = 0;
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  const auto thread = std::hash<std::thread::id>{}(std::this_thread::get_id());
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string name = ".";  // built by appending: GCC 12 misreports "." + string as overlapping
    name += path.filename().string();
    name += fmt::format(".{}-{:x}-{}.tmp", ::getpid(), thread & 0xffffff, counter++);
    temp = (dir / name).string();
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  errno = EEXIST;
  return -1;
}

// Writes `content` to a new temporary file beside `path` and returns its name.
// No fsync: the rename already keeps readers from seeing half a file, and
// manifests are regenerated, not precious, after a power cut.
std::string writeTemporary(const std::filesystem::path& path, std::string_view content) {
  std::string temp;
  const int fd = createTemporary(path, temp);
  if (fd < 0) fail(path, "cannot create temporary file", errno);

  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      fail(path, "cannot write", error);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    fail(path, "cannot close", error);
  }
  return temp;
}

void renameIntoPlace(const std::string& temp, const std::filesystem::path& path) {
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    fail(path, "cannot rename into place", error);
  }
}

}  // namespace

std::filesystem::path stageFile(const std::filesystem::path& path, std::string_view content) {
  return writeTemporary(path, content);
}

void commitStagedFile(const std::filesystem::path& staged, const std::filesystem::path& path) {
  renameIntoPlace(staged.string(), path);
}

void discardStagedFile(const std::filesystem::path& staged) noexcept { ::unlink(staged.c_str()); }

bool fileHasContent(const std::filesystem::path& path, std::string_view content) noexcept {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat info {};
  bool same = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) &&
              static_cast<std::uintmax_t>(info.st_size) == content.size();
  char buffer[16 * 1024];
  std::size_t offset = 0;
  while (same && offset < content.size()) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      same = false;
      break;
    }
    const auto count = static_cast<std::size_t>(n);
    same = offset + count <= content.size() && content.compare(offset, count, std::string_view(buffer, count)) == 0;
    offset += count;
  }
  ::close(fd);
  return same && offset == content.size();
}

void writeFileAtomically(const std::filesystem::path& path, std::string_view content) {
  commitStagedFile(stageFile(path, content), path);
}

void writeFilesAtomically(const std::vector<std::pair<std::filesystem::path, std::string>>& files) {
  std::vector<std::filesystem::path> staged;
  staged.reserve(files.size());
  try {
    for (const auto& [path, content] : files) staged.push_back(stageFile(path, content));
  } catch (...) {
    for (const auto& temp : staged) discardStagedFile(temp);
    throw;
  }
  for (std::size_t i = 0; i < files.size(); ++i) commitStagedFile(staged[i], files[i].first);
}

}  // namespace cdk8s
