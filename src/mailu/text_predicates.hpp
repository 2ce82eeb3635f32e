// Character classes in the ASCII-only sense of JavaScript's regular
// expressions, which the config formats follow. Private to the Mailu layer.
#pragma once

#include <algorithm>
#include <string_view>

namespace mailu::validation {

inline bool isDigit(char c) { return c >= '0' && c <= '9'; }
inline bool isLowerLetter(char c) { return c >= 'a' && c <= 'z'; }
inline bool isLetter(char c) { return isLowerLetter(c) || (c >= 'A' && c <= 'Z'); }
inline bool isAlnum(char c) { return isLetter(c) || isDigit(c); }
inline bool isLowerAlnum(char c) { return isLowerLetter(c) || isDigit(c); }

template <class Predicate>
inline bool allOf(std::string_view text, Predicate predicate) {
  return std::all_of(text.begin(), text.end(), predicate);
}

inline bool isDigits(std::string_view text) { return !text.empty() && allOf(text, isDigit); }

inline char lowered(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace mailu::validation
