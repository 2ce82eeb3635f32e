// The JSON Schema (draft 2020-12) of a config file, for editors to complete
// and check configs with (`# yaml-language-server: $schema=...` in YAML,
// "$schema" in JSON).
//
// Contract: the schema is written by the loader's own walk (config_loader.hpp),
// so it has exactly the keys the loader knows, which of them are required,
// each value's type, the choices of each enum and each integer's range.
// Whatever the loader refuses for a wrong type, an unknown key, a missing key
// or a value outside its choices, the schema refuses too. The rules over
// values (formats such as domain names, how keys go together) are the
// loader's alone: the schema states each format as its description.
#pragma once

#include <string>

namespace mailu {

// The schema as JSON text, indented by two spaces, keys in the loader's
// order; the same text on every call.
std::string configSchema();

}  // namespace mailu
