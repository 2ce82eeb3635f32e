// UTF-8 as Kubernetes and YAML want it: well-formed sequences only (no
// overlong forms, no surrogates, nothing beyond U+10FFFF).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace cdk8s {

// The length (1 to 4) of the UTF-8 sequence that starts at text[at], or 0
// when the bytes there are not one. `at` must be inside `text`.
std::size_t utf8SequenceLength(std::string_view text, std::size_t at);

// The code point of a sequence utf8SequenceLength measured.
std::uint32_t utf8CodePoint(std::string_view text, std::size_t at, std::size_t length);

bool isUtf8(std::string_view text);

}  // namespace cdk8s
