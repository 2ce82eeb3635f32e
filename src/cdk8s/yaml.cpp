// cdk8s writes manifests with the npm `yaml` library (2.x; YAML 1.1 schema,
// lineWidth 0). Users diff and commit that output, so ours has to match it
// byte for byte. Generic emitters such as yaml-cpp's make other choices
// (quoting, indentation of nested sequences, block scalar headers, number
// text), hence a writer of our own that follows the JavaScript library's
// decisions rule by rule, for the values a JSON document can hold.
//
// This file is the entry: the counterpart of stringifyDocument
// (src/stringify/stringifyDocument.ts of the npm `yaml` library, 2.x) for
// the documents cdk8s writes (no directives, no comments: the content and a
// final newline), of createStringifyContext (src/stringify/stringify.ts)
// with the options cdk8s passes, which fix every choice the other files
// make (two-space indentation, no folding, the YAML 1.1 schema, block
// collections), and of cdk8s's own Yaml.stringify, which joins documents
// with "---\n". The writer's other files are listed in yaml_stringify.hpp.
#include "cdk8s/yaml.hpp"

#include "yaml_stringify.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace cdk8s {
namespace {

template <class J>
void appendDocument(std::string& out, const J& doc) {
  yaml_stringify::stringify(out, doc, 0);
  out += '\n';
}

template <class J>
std::string stringifyAll(const std::vector<J>& docs) {
  // Reserving from the first documents' average size spares the copies of
  // repeated growth, a large share of the time for big document sets.
  constexpr std::size_t kSample = 8;
  std::string out;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (i == kSample && docs.size() > 2 * kSample) out.reserve(out.size() / kSample * docs.size() / 8 * 9);
    if (i > 0) out += "---\n";
    appendDocument(out, docs[i]);
  }
  return out;
}

}  // namespace

void Yaml::append(std::string& out, const Json& doc) { appendDocument(out, doc); }

std::string Yaml::stringify(const Json& doc) {
  std::string out;
  appendDocument(out, doc);
  return out;
}

std::string Yaml::stringify(const std::vector<Json>& docs) { return stringifyAll(docs); }

std::string Yaml::stringify(const std::vector<nlohmann::json>& docs) { return stringifyAll(docs); }

}  // namespace cdk8s
