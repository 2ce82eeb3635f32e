// Writing output files so a reader never sees half of one.
//
// The content goes to a temporary file in the same folder, is flushed, then
// renamed over the target, so the target holds either its old content or the
// whole new one. Throws std::runtime_error naming the path on failure, after
// removing the temporary file.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cdk8s {

void writeFileAtomically(const std::filesystem::path& path, std::string_view content);

// Several files, all or nothing as far as a write can fail: every content is
// first written to its temporary file, and only when all are written are they
// renamed into place. On a failure before that, no target is touched.
void writeFilesAtomically(const std::vector<std::pair<std::filesystem::path, std::string>>& files);

// The two halves of an atomic write, for callers that produce files in
// parallel: stageFile writes the temporary file beside `path` (thread-safe)
// and returns its name; commitStagedFile renames it over `path`;
// discardStagedFile removes it. A staged file not committed must be discarded.
std::filesystem::path stageFile(const std::filesystem::path& path, std::string_view content);
void commitStagedFile(const std::filesystem::path& staged, const std::filesystem::path& path);
void discardStagedFile(const std::filesystem::path& staged) noexcept;

// Whether `path` is a regular file holding exactly `content`. Lets callers
// leave unchanged output alone: no write, and its modification time kept.
bool fileHasContent(const std::filesystem::path& path, std::string_view content) noexcept;

}  // namespace cdk8s
