#include "dns_command.hpp"

#include <ostream>

#include "cdk8s/file_output.hpp"
#include "mailu/config_error.hpp"
#include "mailu/config_loader.hpp"
#include "synth_command.hpp"

namespace mailu::cli {

int printDnsRecords(const std::filesystem::path& config, const DnsRecordOptions& options, std::ostream& out,
                    std::ostream& errors) {
  std::string text;
  try {
    text = dnsRecords(loadConfigFile(config), options);
  } catch (const ConfigError& error) {
    // Problems of the options name the option, those of the file the file.
    for (const ConfigProblem& problem : error.problems()) {
      const bool option = problem.path.rfind("--", 0) == 0;
      errors << "mailu-synth: " << (option ? "" : cdk8s::displayPath(config) + ": ") << problem.toString() << "\n";
    }
    return kExitInvalidInput;
  } catch (const std::exception& error) {
    errors << "mailu-synth: " << cdk8s::displayPath(config) << ": " << error.what() << "\n";
    return kExitFailed;
  }
  out << text;
  out.flush();
  return out ? kExitOk : kExitFailed;
}

}  // namespace mailu::cli
