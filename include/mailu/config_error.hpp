// The one exception type the Mailu layer throws for bad input.
//
// A ConfigError carries every problem found, each naming the field the way
// the config spells it ("hostnames[1]", "resources.admin.requests.cpu"), what
// is wrong, and the value given. what() lists them one per line.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace mailu {

struct ConfigProblem {
  // Field path; empty for problems of the whole file (syntax, unreadable).
  std::string path;
  std::string message;
  // The offending value as written, if any.
  std::string got;

  // "<path>: <message> (got <got>)", parts left out when empty.
  std::string toString() const;
};

class ConfigError : public std::runtime_error {
 public:
  explicit ConfigError(std::vector<ConfigProblem> problems);
  const std::vector<ConfigProblem>& problems() const { return problems_; }

 private:
  std::vector<ConfigProblem> problems_;
};

}  // namespace mailu
