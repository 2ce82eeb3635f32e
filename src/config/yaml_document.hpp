// Private to the config loader: the tree of any YAML text, through yaml-cpp's
// parse events (its Node loses what the checks need; see document.hpp).
#pragma once

#include <string_view>

#include "document.hpp"

namespace mailu::validation {

// The tree of a YAML text (JSON included). Throws Unreadable when the text
// cannot be read; the loader reports its problem alone.
NodePtr readYamlDocument(std::string_view text);

}  // namespace mailu::validation
