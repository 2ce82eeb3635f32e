// The one exception type the Mailu layer throws for bad input.
//
// Contract: a ConfigError holds every problem found, never none. Each problem
// names the field the way the config file spells it ("hostnames[1]",
// "resources.admin.requests.cpu"), or has an empty path when it concerns the
// whole file (syntax, encoding, unreadable file). what() lists the problems,
// one per line, each as "<path>: <message> (got <value>)"; parts that are
// empty are left out.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace mailu {

struct ConfigProblem {
  std::string path;
  std::string message;
  // The offending value, compact and printable: strings quoted, long ones cut.
  std::string got;
  // Where the offending value is, 1-based, when the problem comes from a file.
  std::optional<std::size_t> line{};
  std::optional<std::size_t> column{};

  std::string toString() const;
};

class ConfigError : public std::runtime_error {
 public:
  // `source` names where the config came from (a file name), for callers that
  // report it; it is not part of what().
  explicit ConfigError(std::vector<ConfigProblem> problems, std::string source = {});

  const std::vector<ConfigProblem>& problems() const noexcept { return problems_; }
  const std::string& source() const noexcept { return source_; }

 private:
  std::vector<ConfigProblem> problems_;
  std::string source_;
};

}  // namespace mailu
