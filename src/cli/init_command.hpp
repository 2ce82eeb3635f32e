// `mailu-synth init`: writes a commented starter config for a domain, in the
// shape of examples/mailu.yaml with every required key, the choices explained
// where they are made. It never overwrites a file: an existing target is
// refused and left as it is.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

namespace mailu::cli {

struct InitOptions {
  std::string domain = "example.com";
  std::string hostname;                     // empty: "mail." + domain
  std::filesystem::path output = "mailu.yaml";
};

// The starter config's text for a domain and host name already checked.
std::string starterConfig(const std::string& domain, const std::string& hostname);

// kExitOk after writing; kExitInvalidInput for a bad --domain/--hostname or
// an existing output (nothing written); kExitFailed when it cannot write.
int initConfig(const InitOptions& options, std::ostream& out, std::ostream& errors);

}  // namespace mailu::cli
