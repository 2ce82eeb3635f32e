// Private to the config layer: the value checks the validators of the
// config's parts share (workload_validation.cpp, front_validation.cpp),
// each problem reported at its field's path.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "config_formats.hpp"
#include "mailu/config_error.hpp"
#include "problem_wording.hpp"
#include "value_formats.hpp"

namespace mailu::validation {

class ValueChecks {
 public:
  explicit ValueChecks(std::vector<ConfigProblem>& problems) : problems_(problems) {}

  void report(std::string path, std::string message, std::string got = {}) {
    problems_.push_back({std::move(path), std::move(message), std::move(got)});
  }

  // "must be <the format's description>" unless `value` is in `format`.
  void format(const std::string& path, const std::string& value, const Format& format) {
    if (!format.accepts(value)) report(path, fmt::format("must be {}", format.description), describeString(value));
  }

  // Keys named like labels ([prefix/]name), values in `valueFormat`: labels,
  // annotations, node selectors.
  void labelKeyedMap(const std::string& path, const std::map<std::string, std::string>& values,
                     const Format& valueFormat) {
    for (const auto& [key, value] : values) {
      const std::string at = joinPath(path, key);
      if (!isLabelKey(key)) report(at, "must be named like a label, such as example.com/name", describeString(key));
      format(at, value, valueFormat);
    }
  }

 private:
  std::vector<ConfigProblem>& problems_;
};

}  // namespace mailu::validation
