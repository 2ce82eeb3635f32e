// consumer yaml FILE.json      prints cdk8s::Yaml::stringify of the JSON (an array is several documents)
// consumer synth CONFIG OUTDIR writes OUTDIR/mailu.k8s.yaml through cdk8s::App
#include <fstream>
#include <iostream>
#include <string>

#include <cdk8s/cdk8s.hpp>
#include <mailu/mailu.hpp>

int main(int argc, char** argv) {
  if (argc < 3) return 64;
  const std::string mode = argv[1];
  if (mode == "yaml") {
    std::ifstream in(argv[2]);
    const cdk8s::Json value = cdk8s::Json::parse(in);
    if (std::string(argv[2]).find("multi") != std::string::npos) {
      std::cout << cdk8s::Yaml::stringify(std::vector<cdk8s::Json>(value.begin(), value.end()));
    } else {
      std::cout << cdk8s::Yaml::stringify(value);
    }
    return 0;
  }
  if (mode == "synth" && argc == 4) {
    cdk8s::App app(cdk8s::AppProps{.outdir = argv[3]});
    mailu::MailuChart chart(app, "mailu", mailu::loadConfigFile(argv[2]));
    app.synth();
    return 0;
  }
  return 64;
}
