#include "cdk8s/file_output.hpp"
#include "cdk8s/utf8.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cdk8s {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const char* what, int error) {
  throw std::runtime_error(displayPath(path) + ": " + what + ": " + std::strerror(error));
}

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what) {
  throw std::runtime_error(displayPath(path) + ": " + what);
}


// Characters a terminal may take as a line break or a command: C0 and C1
// controls, DEL, and Unicode's line and paragraph separators.
bool isControl(std::uint32_t codePoint) {
  return codePoint < 0x20 || (codePoint >= 0x7F && codePoint <= 0x9F) || codePoint == 0x2028 || codePoint == 0x2029;
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

// Removes an empty folder; one that is not empty (someone else's files) stays.
void removeIfEmpty(const std::filesystem::path& folder) noexcept { ::rmdir(folder.c_str()); }

bool isFolder(const std::filesystem::path& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

// Where a target's temporary and backup files go.
std::filesystem::path folderOf(const std::filesystem::path& target) {
  return target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
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
  FileBatch batch;
  for (const auto& [path, content] : files) batch.stage(path, content);
  batch.commit();
}

// FileBatch. Every member that touches the registry (staged_, backups_,
// createdFolders_) holds mutex_, and a file or folder is created only while
// it is held and registered before it is released: abandon(), which takes the
// same lock, therefore sees every file that exists, and once it has run
// (closed_), nothing more is created.

std::string FileBatch::newName(const std::filesystem::path& target, std::string_view suffix) {
  std::string name = ".";  // built by appending: GCC 12 misreports "." + string as overlapping
  name += target.filename().string();
  name += fmt::format(".{}-{}", ::getpid(), counter_++);
  name += suffix;
  return (folderOf(target) / name).string();
}

void FileBatch::createFolders(const std::filesystem::path& folder) {
  const std::lock_guard lock(mutex_);
  if (closed_) fail(folder, "not created: the output was abandoned");
  createFoldersLocked(folder);
  if (std::find(requestedFolders_.begin(), requestedFolders_.end(), folder) == requestedFolders_.end()) {
    requestedFolders_.push_back(folder);
  }
}

void FileBatch::createFoldersLocked(const std::filesystem::path& folder) {
  // The missing levels, innermost first, found by walking up to one that exists.
  std::vector<std::filesystem::path> missing;
  std::filesystem::path level = folder.has_filename() || !folder.has_relative_path() ? folder : folder.parent_path();
  while (!level.empty()) {
    struct stat info {};
    if (::stat(level.c_str(), &info) == 0) {
      if (!S_ISDIR(info.st_mode)) fail(level, "cannot create the folder", ENOTDIR);
      break;
    }
    if (errno != ENOENT) fail(level, "cannot create the folder", errno);
    missing.push_back(level);
    std::filesystem::path parent = level.parent_path();
    if (parent == level) break;
    level = std::move(parent);
  }
  // Outermost first. mkdir() says whether this call made the folder: one that
  // another process made meanwhile (EEXIST) is not ours to remove.
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0777) == 0) {
      createdFolders_.push_back(*it);
    } else if (errno != EEXIST || !isFolder(*it)) {
      fail(*it, "cannot create the folder", errno == EEXIST ? ENOTDIR : errno);
    }
  }
}

std::filesystem::path FileBatch::stage(const std::filesystem::path& target, std::string_view content) {
  std::string temp;
  int fd = -1;
  {
    const std::lock_guard lock(mutex_);
    if (closed_) fail(target, "not written: the output was abandoned");
    for (int attempt = 0;; ++attempt) {
      temp = newName(target, ".tmp");
      fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd >= 0) break;
      const int error = errno;
      if (error == EEXIST && attempt < 100) continue;  // another batch's name
      // A folder this batch was asked for may have been removed by another
      // process since (one that created it too, then failed): make it again.
      const std::filesystem::path folder = folderOf(target);
      if (error == ENOENT && attempt < 3 &&
          std::find(requestedFolders_.begin(), requestedFolders_.end(), folder) != requestedFolders_.end()) {
        createFoldersLocked(folder);
        continue;
      }
      fail(target, "cannot create temporary file", error);
    }
    staged_.push_back({target, temp});
  }
  // The content is written without the lock, so threads write in parallel;
  // should abandon() remove the file meanwhile, the writes go to a file that
  // no longer has a name, and nothing is left.
  const auto unstage = [&](const char* what, int error) {
    {
      const std::lock_guard lock(mutex_);
      std::erase_if(staged_, [&](const Staged& s) { return s.temporary == temp; });
      ::unlink(temp.c_str());
    }
    fail(target, what, error);
  };
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n >= 0) {
      written += static_cast<std::size_t>(n);
    } else if (errno != EINTR) {
      const int error = errno;
      ::close(fd);
      unstage("cannot write", error);
    }
  }
  if (::close(fd) != 0) unstage("cannot close", errno);
  return temp;
}

void FileBatch::commit() {
  const std::lock_guard lock(mutex_);
  if (closed_) throw std::runtime_error("the output was abandoned: nothing to commit");
  try {
    // Every target first: one that cannot be replaced fails the batch before
    // any other is.
    for (const Staged& s : staged_) {
      struct stat info {};
      if (::stat(s.target.c_str(), &info) == 0) {
        if (!S_ISREG(info.st_mode)) fail(s.target, "is not a regular file, so it cannot be replaced");
      } else if (errno != ENOENT) {
        fail(s.target, "cannot replace", errno);
      }
      if (::access(folderOf(s.target).c_str(), W_OK | X_OK) != 0) fail(s.target, "cannot replace", errno);
    }
    // Each old file is kept under a second name, a hard link, while the
    // target keeps its own: readers see the old file until its rename.
    std::vector<std::string> backupOf(staged_.size());
    for (std::size_t i = 0; i < staged_.size(); ++i) {
      const Staged& s = staged_[i];
      for (int attempt = 0;; ++attempt) {
        std::string backup = newName(s.target, ".old");
        if (::link(s.target.c_str(), backup.c_str()) == 0) {
          backups_.push_back(backup);
          backupOf[i] = std::move(backup);
          break;
        }
        const int error = errno;
        if (error == ENOENT) break;                      // no old file
        if (error == EEXIST && attempt < 100) continue;  // another batch's name
        if (error == EPERM || error == EOPNOTSUPP || error == EMLINK) {
          // A file system without hard links: a copy does as well.
          backups_.push_back(backup);
          std::error_code copyError;
          std::filesystem::copy_file(s.target, backup, copyError);
          if (!copyError) {
            backupOf[i] = std::move(backup);
            break;
          }
          fail(s.target, "cannot keep the old file aside: " + copyError.message());
        }
        fail(s.target, "cannot keep the old file aside", error);
      }
    }
    for (std::size_t i = 0; i < staged_.size(); ++i) {
      if (std::rename(staged_[i].temporary.c_str(), staged_[i].target.c_str()) == 0) continue;
      const int error = errno;
      // Put back what was replaced, newest first.
      std::string lost;
      for (std::size_t j = i; j-- > 0;) {
        const Staged& s = staged_[j];
        if (backupOf[j].empty()) {
          ::unlink(s.target.c_str());
        } else if (std::rename(backupOf[j].c_str(), s.target.c_str()) != 0) {
          // Not removed below: it is the only copy of the old file left.
          std::erase(backups_, backupOf[j]);
          lost += "; its old content is kept as " + displayPath(backupOf[j]);
        }
      }
      fail(staged_[i].target, std::string("cannot rename into place: ") + std::strerror(error) + lost);
    }
  } catch (...) {
    removeLocked();
    closed_ = true;
    throw;
  }
  for (const std::string& backup : backups_) ::unlink(backup.c_str());
  backups_.clear();
  staged_.clear();
  createdFolders_.clear();  // they hold the output now
  closed_ = true;
}

void FileBatch::abandon() noexcept {
  const std::lock_guard lock(mutex_);
  if (closed_) return;
  removeLocked();
  closed_ = true;
}

void FileBatch::removeLocked() noexcept {
  for (const Staged& s : staged_) ::unlink(s.temporary.c_str());
  for (const std::string& backup : backups_) ::unlink(backup.c_str());
  for (auto it = createdFolders_.rbegin(); it != createdFolders_.rend(); ++it) removeIfEmpty(*it);
  staged_.clear();
  backups_.clear();
  createdFolders_.clear();
}

std::string quoteForMessage(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8SequenceLength(text, i);
    if (length == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    const std::uint32_t codePoint = utf8CodePoint(text, i, length);
    switch (codePoint) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (isControl(codePoint)) {
          out += fmt::format("\\u{:04x}", codePoint);
        } else {
          out.append(text.substr(i, length));
        }
    }
    i += length;
  }
  out += '"';
  return out;
}

std::string displayPath(const std::filesystem::path& path) {
  const std::string& text = path.native();
  bool odd = text.empty() || text.front() == ' ' || text.back() == ' ' || text.front() == '"' || text.back() == '"';
  for (std::size_t i = 0; !odd && i < text.size();) {
    const std::size_t length = utf8SequenceLength(text, i);
    odd = length == 0 || isControl(utf8CodePoint(text, i, length));
    i += std::max<std::size_t>(length, 1);
  }
  return odd ? quoteForMessage(text) : text;
}

}  // namespace cdk8s
