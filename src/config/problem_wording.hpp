// Private to the config loader: how a problem shows the value and the key it
// is about.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "document.hpp"

namespace mailu::validation {

// How a value appears after "got" in a message: strings quoted with control
// characters escaped and cut after 60 characters; numbers, booleans and null
// as written; lists and mappings by kind.
std::string describeString(std::string_view text);
std::string describeValue(const DocumentNode& node);

// A field's path: `parent.key`, the key quoted when it could be misread.
std::string joinPath(std::string_view parent, std::string_view key);
// How `key` appears in such a path.
std::string displayKey(std::string_view key);
// 'a', 'b', 'c'
std::string quotedList(const std::vector<std::string_view>& words);
// "unknown key; did you mean 'x'?" when one known key is close, else the list.
std::string unknownKeyMessage(std::string_view key, const std::vector<std::string_view>& known);

// Case-insensitive edit distance counting a swap of neighbours as one edit.
std::size_t editDistance(std::string_view left, std::string_view right);

// Control characters (below 0x20, and 0x7f) have no place in a value.
bool hasControlCharacter(std::string_view text);

}  // namespace mailu::validation
