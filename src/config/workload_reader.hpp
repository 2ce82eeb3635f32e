// Private to the config loader: reads `workloads` (where and how each
// component's pods run) from the document, in Kubernetes' own shapes.
#pragma once

#include <optional>

#include "field_reader.hpp"
#include "mailu/config.hpp"

namespace mailu::validation {

std::optional<WorkloadsConfig> readWorkloads(FieldReader& reader, const Field& field);

}  // namespace mailu::validation
