// Writing output files so a reader never sees half of one.
//
// The content goes to a temporary file in the same folder, is flushed, then
// renamed over the target, so the target holds either its old content or the
// whole new one. Throws std::runtime_error naming the path on failure, after
// removing the temporary file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cdk8s {

void writeFileAtomically(const std::filesystem::path& path, std::string_view content);

// Several files, all or nothing: see FileBatch.
void writeFilesAtomically(const std::vector<std::pair<std::filesystem::path, std::string>>& files);

// The two halves of an atomic write of one file: stageFile writes the
// temporary file beside `path` (thread-safe) and returns its name;
// commitStagedFile renames it over `path`; discardStagedFile removes it. A
// staged file not committed must be discarded. For several files, FileBatch.
std::filesystem::path stageFile(const std::filesystem::path& path, std::string_view content);
void commitStagedFile(const std::filesystem::path& staged, const std::filesystem::path& path);
void discardStagedFile(const std::filesystem::path& staged) noexcept;

// Whether `path` is a regular file holding exactly `content`. Lets callers
// leave unchanged output alone: no write, and its modification time kept.
bool fileHasContent(const std::filesystem::path& path, std::string_view content) noexcept;

// Several files replaced together, all or nothing, for callers that write
// them from several threads and may have to stop at any moment (a signal).
//
// stage() writes each content to a temporary file beside its target; commit()
// then checks every target (absent, or a regular file in a writable folder)
// before replacing any, keeps each old file aside under a backup name (a hard
// link), renames the new files into place, and on any failure puts back what
// it replaced. Until commit() succeeds, abandon() (or the destructor) removes
// every temporary and backup file of the batch and the folders it created.
// Every file the batch creates is registered before it is created, so none
// escapes abandon(), whichever thread calls it and whenever.
class FileBatch {
 public:
  FileBatch() = default;
  FileBatch(const FileBatch&) = delete;
  FileBatch& operator=(const FileBatch&) = delete;
  ~FileBatch() { abandon(); }

  // Creates `folder` and its missing parents. Each level this call creates
  // (and only those: not one another process made meanwhile) is removed again
  // if the batch does not commit, when it is empty by then.
  void createFolders(const std::filesystem::path& folder);

  // Writes `content` to a new temporary file beside `target` and returns its
  // name. Thread-safe. Throws std::runtime_error naming `target`.
  std::filesystem::path stage(const std::filesystem::path& target, std::string_view content);

  // Replaces the targets of every staged file, in the order they were staged.
  // Throws std::runtime_error naming the target at fault, with every target as
  // it was before. Call once, after every stage() has returned.
  void commit();

  // Removes what the batch created and has not committed; later calls to
  // stage() and commit() throw. Thread-safe; waits for a commit() under way.
  void abandon() noexcept;

 private:
  struct Staged {
    std::filesystem::path target;
    std::string temporary;
  };

  void createFoldersLocked(const std::filesystem::path& folder);
  void removeLocked() noexcept;
  std::string newName(const std::filesystem::path& target, std::string_view suffix);

  std::mutex mutex_;
  bool closed_ = false;  // committed or abandoned
  std::uint64_t counter_ = 0;
  std::vector<Staged> staged_;
  std::vector<std::filesystem::path> requestedFolders_;
  std::vector<std::filesystem::path> createdFolders_;  // outermost first
  std::vector<std::string> backups_;
};

// Text in double quotes, with JSON's escapes for '"', '\' and control
// characters; bytes that are not UTF-8 as \xNN. For values in messages.
std::string quoteForMessage(std::string_view text);

// How a path appears in a one-line message: as it is when it is plain, and
// through quoteForMessage() when it holds a control character or a byte that
// is not UTF-8, is empty, or begins or ends with a space or a quote, so that
// a message stays one line and where the path begins and ends can be told.
std::string displayPath(const std::filesystem::path& path);

}  // namespace cdk8s
