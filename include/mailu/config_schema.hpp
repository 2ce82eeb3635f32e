// The JSON Schema (draft 2020-12) of a config file, for editors to complete
// and check configs with (`# yaml-language-server: $schema=...` in YAML,
// "$schema" in JSON).
//
// Contract: the schema is written by the loader's own walk (config_loader.hpp),
// so it has exactly the keys the loader knows, which of them are required,
// each value's type, the choices of each enum, each integer's range, and
// that strings are not empty and hold no control characters. A value of the
// wrong type, an unknown key, a missing key or a value outside its choices
// is refused by both. What a schema cannot see stays the loader's alone: how
// a number is written (6379.0, 010), the formats (domain names, sizes, label
// names; each is the description of its value) and how keys go together.
#pragma once

#include <string>

namespace mailu {

// The schema as JSON text, indented by two spaces, keys in the loader's
// order; the same text on every call.
std::string configSchema();

}  // namespace mailu
