#include "mailu/config_schema.hpp"

#include "config_reader.hpp"
#include "field_reader.hpp"
#include "schema_recorder.hpp"

namespace mailu {

std::string configSchema() {
  validation::SchemaRecorder recorder;
  validation::recordConfigSchema(recorder);
  validation::SchemaRecorder::Schema schema =
      recorder.schema(std::string(validation::kDocumentPath), "mailu-synth config (MailuChartConfig)");
  return schema.dump(2) + "\n";
}

}  // namespace mailu
