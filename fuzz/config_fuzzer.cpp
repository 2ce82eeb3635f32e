// libFuzzer target: any bytes given to mailu::parseConfig either load or
// raise mailu::ConfigError. Anything else (another exception, a crash, a leak,
// undefined behaviour, a hang) is a finding. Loaded configs are also
// synthesized, since the constructs trust what the loader accepts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cdk8s/app.hpp"
#include "mailu/config_loader.hpp"
#include "mailu/mailu_chart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    mailu::MailuChartConfig config = mailu::parseConfig(text);
    cdk8s::App app;
    mailu::MailuChart chart(app, "mailu", std::move(config));
    (void)chart.toJson();
  } catch (const mailu::ConfigError&) {
    // Refused with a message: the expected outcome for bad input.
  }
  return 0;
}
