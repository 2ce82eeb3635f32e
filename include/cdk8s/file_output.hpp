// Writing output files so a reader never sees half of one.
//
// The content goes to a temporary file in the same folder, is flushed, then
// renamed over the target, so the target holds either its old content or the
// whole new one. Throws std::runtime_error naming the path on failure, after
// removing the temporary file.
#pragma once

#include <filesystem>
#include <string_view>

namespace cdk8s {

void writeFileAtomically(const std::filesystem::path& path, std::string_view content);

}  // namespace cdk8s
