// What the files of the YAML writer share; private to cdk8s_core.
//
// The writer follows the npm `yaml` library (2.x) one source file of its
// `src/stringify/` and `src/schema/yaml-1.1/` for one of ours, so that the two
// can be read side by side:
//   yaml.cpp                       stringifyDocument.ts, createStringifyContext
//                                  (the options cdk8s passes), cdk8s's Yaml.stringify
//   yaml_stringify_collection.cpp  stringify.ts's stringify (which writer a value
//                                  gets), stringifyCollection.ts (block style),
//                                  stringifyPair.ts
//   yaml_stringify_string.cpp      stringifyString.ts
//   yaml_stringify_number.cpp      stringifyNumber.ts
//   yaml_1_1_schema.cpp            the `test` patterns of the yaml-1.1 schema's tags
// The small helpers below run for nearly every line written, so they are
// defined here, inline, rather than called across translation units.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cdk8s/json.hpp"

namespace cdk8s::yaml_stringify {

inline bool isDigit(char c) { return c >= '0' && c <= '9'; }
inline bool isBlank(char c) { return c == ' ' || c == '\t'; }

inline void appendSpaces(std::string& out, std::size_t n) { out.append(n, ' '); }

// String#length counts UTF-16 code units; the library's length limits are
// in those units.
inline std::size_t jsLength(std::string_view s) {
  std::size_t n = 0;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    n += (c & 0xC0) != 0x80;
    n += c >= 0xF0;  // outside the BMP: a surrogate pair
  }
  return n;
}

// yaml_1_1_schema.cpp: whether a plain scalar with this text would read back
// as something other than a string (null, a bool, a number, a timestamp).
bool readsAsNonString(std::string_view s);

// yaml_stringify_string.cpp: `value` in the style the library picks, for a
// node at `indent` (the library's ctx.indent, in spaces); `implicitKey` for a
// mapping key.
void stringifyString(std::string& out, std::string_view value, std::size_t indent, bool implicitKey);

// yaml_stringify_number.cpp: numbers as the library writes them.
void stringifyNumber(std::string& out, double value);
void stringifyNumber(std::string& out, std::int64_t value);
void stringifyNumber(std::string& out, std::uint64_t value);

// yaml_stringify_collection.cpp: any JSON value as the node at `indent`,
// without the document's final newline.
void stringify(std::string& out, const Json& value, std::size_t indent);
void stringify(std::string& out, const nlohmann::json& value, std::size_t indent);

}  // namespace cdk8s::yaml_stringify
