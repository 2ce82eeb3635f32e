# Generates a C++ source defining one std::string_view per embedded file.
# Runs as a script: cmake -DOUTPUT=<file.cpp> -DFILES="name=path|..." -P EmbedFiles.cmake
# The contents are written as hex escapes, so any byte sequence survives
# without quoting rules to get wrong.
set(source "// Generated from the embedded files by cmake/EmbedFiles.cmake. Do not edit.\n")
string(APPEND source "#include \"embedded_files.hpp\"\n\nnamespace mailu::embedded {\n")
string(REPLACE "|" ";" FILES "${FILES}")
foreach(entry IN LISTS FILES)
  string(REPLACE "=" ";" parts "${entry}")
  list(GET parts 0 name)
  list(GET parts 1 path)
  file(READ "${path}" hex HEX)
  string(LENGTH "${hex}" hexLength)
  math(EXPR byteCount "${hexLength} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" escaped "${hex}")
  # Break the literal every 64 bytes to keep lines short.
  string(REGEX REPLACE "((\\\\x[0-9a-f][0-9a-f]){64})" "\\1\"\n    \"" escaped "${escaped}")
  string(APPEND source "\nstd::string_view ${name}() {\n  static constexpr char kText[] =\n    \"${escaped}\";\n")
  string(APPEND source "  return std::string_view(kText, ${byteCount});\n}\n")
endforeach()
string(APPEND source "\n}  // namespace mailu::embedded\n")
file(WRITE "${OUTPUT}.tmp" "${source}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
