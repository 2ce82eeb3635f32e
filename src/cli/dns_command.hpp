// `mailu-synth dns`: the DNS records of one config's deployment
// (mailu/dns_records.hpp) on standard output; writes no file.
#pragma once

#include <filesystem>
#include <iosfwd>

#include "mailu/dns_records.hpp"

namespace mailu::cli {

// kExitOk, or kExitInvalidInput with one line per problem of the config or
// of the options.
int printDnsRecords(const std::filesystem::path& config, const DnsRecordOptions& options, std::ostream& out,
                    std::ostream& errors);

}  // namespace mailu::cli
