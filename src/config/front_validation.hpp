// Private to the config layer: the rules of `front.service` (config_validation.cpp
// calls them).
#pragma once

#include <vector>

#include "mailu/config.hpp"
#include "mailu/config_error.hpp"

namespace mailu::validation {

// The values (formats, fields the Service type takes), then what the chart
// would make of them: no Traefik mail routes beside it, a certificate to end
// TLS with, and no path that shows front a client address inside `subnet`
// that is not the client's (port 25 would relay mail for anyone).
void checkFrontService(const MailuChartConfig& config, std::vector<ConfigProblem>& problems);

}  // namespace mailu::validation
