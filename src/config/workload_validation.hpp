// Private to the config layer: the rules of `workloads` and
// `images.dovecotSubmission` (config_validation.cpp calls them).
#pragma once

#include <vector>

#include "mailu/config.hpp"
#include "mailu/config_error.hpp"

namespace mailu::validation {

// The values: formats, the scheduling rules Kubernetes enforces, replicas
// the component can run, extra variables given once each and none the
// chart sets itself (the registry's configVariables and the like).
void checkWorkloads(const MailuChartConfig& config, std::vector<ConfigProblem>& problems);

}  // namespace mailu::validation
