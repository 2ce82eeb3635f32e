#include "cdk8s/file_output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cdk8s {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const char* what, int error) {
  throw std::runtime_error(path.string() + ": " + what + ": " + std::strerror(error));
}

// The process umask, read without changing it (umask(2) can only set it, and
// setting it would race with other threads creating files).
mode_t currentUmask() {
  if (std::FILE* status = std::fopen("/proc/self/status", "r")) {
    char line[256];
    unsigned int mask = 0;
    while (std::fgets(line, sizeof line, status) != nullptr) {
      if (std::sscanf(line, "Umask: %o", &mask) == 1) {
        std::fclose(status);
        return static_cast<mode_t>(mask);
      }
    }
    std::fclose(status);
  }
  return 022;
}

// Writes `content` to a new temporary file beside `path` and returns its name.
std::string writeTemporary(const std::filesystem::path& path, std::string_view content) {
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string name = ".";  // built by appending: GCC 12 misreports "." + string as overlapping
  name += path.filename().string();
  name += ".XXXXXX";
  std::string temp = (dir / name).string();
  const int fd = ::mkstemp(temp.data());
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
  // Files get the permissions any new file would, not mkstemp's 0600. No
  // fsync: the rename already keeps readers from seeing half a file, and
  // manifests are regenerated, not precious, after a power cut.
  // Read once: the umask does not change while manifests are written, and
  // reading it costs a /proc lookup per file.
  static const mode_t umask = currentUmask();
  if (::fchmod(fd, 0666 & ~umask) != 0) {
    const int error = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    fail(path, "cannot set permissions", error);
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
