// The Mailu contract (tests/data/mailu-contract, see its README.md): in every
// parity case a container is given only variables something in it reads, every
// key of an envFrom ConfigMap is read by a container that receives it, and every
// address a program connects to names a Service of the chart that exposes the
// port and leads to a container listening on it. Checked on the synthesized
// manifests and on the expected ones (the target of the constructs).
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "file_contents.hpp"

#include "cdk8s/app.hpp"
#include "cdk8s/testing.hpp"
#include "mailu/component_registry.hpp"
#include "mailu/config_loader.hpp"
#include "mailu/mailu_chart.hpp"

namespace mailu {
namespace {

namespace fs = std::filesystem;
using cdk8s::Json;
using Row = std::map<std::string, std::string>;
using Env = std::map<std::string, std::string>;

const fs::path kData(TEST_DATA_DIR);
const fs::path kProject = kData.parent_path().parent_path();  // tests/data -> the project

std::vector<std::string> split(const std::string& text, const std::string& separator) {
  std::vector<std::string> parts;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string::npos) return parts;
    start = end + separator.size();
  }
}

std::vector<Row> readTable(const std::string& name) {
  std::istringstream lines(testdata::readFile(kData / "mailu-contract" / name));
  std::vector<std::string> columns;
  std::vector<Row> rows;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> cells = split(line, "\t");
    if (columns.empty()) {
      columns = cells;
      continue;
    }
    EXPECT_EQ(cells.size(), columns.size()) << name << ": " << line;
    Row& row = rows.emplace_back();
    for (std::size_t i = 0; i < columns.size(); ++i) row[columns[i]] = i < cells.size() ? cells[i] : "";
  }
  return rows;
}

// The upper-case names a shell script expands and never assigns, or assigns
// only from themselves (NAME="${NAME:-default}"): the variables it reads.
std::set<std::string> scriptEnvReads(const std::string& script) {
  const std::string code =
      std::regex_replace(script, std::regex("(^|\n)[ \t]*#[^\n]*"), "$1");  // comments name anything
  const std::regex expansion(R"(\$\{?([A-Z_][A-Z0-9_]*))"), assignment(R"((^|[\s;(])([A-Z_][A-Z0-9_]*)=(\S*))");
  std::set<std::string> expanded, local, reads;
  for (std::sregex_iterator it(code.begin(), code.end(), expansion), end; it != end; ++it) expanded.insert((*it)[1]);
  for (std::sregex_iterator it(code.begin(), code.end(), assignment), end; it != end; ++it) {
    const std::string name = (*it)[2], value = (*it)[3];
    if (!value.starts_with("\"${" + name + ":-") && !value.starts_with("${" + name + ":-")) local.insert(name);
  }
  std::set_difference(expanded.begin(), expanded.end(), local.begin(), local.end(), std::inserter(reads, reads.end()));
  return reads;
}

struct Contract {
  std::vector<Row> reads = readTable("env-reads.tsv"), images = readTable("images.tsv"),
                   wrappers = readTable("wrappers.tsv"), listeners = readTable("listeners.tsv"),
                   connections = readTable("connections.tsv"), exceptions = readTable("exceptions.tsv"),
                   files = readTable("files.tsv");
  std::map<std::string, std::set<std::string>> wrapperReads;  // project file -> variables
  Contract() {
    for (const Row& w : wrappers)
      wrapperReads[w.at("project_file")] = scriptEnvReads(testdata::readFile(kProject / w.at("project_file")));
  }
};

const Contract& contract() {
  static const Contract loaded;
  return loaded;
}

// A container as the contract sees it: the programs that run in it and its environment.
struct Container {
  std::string workload, namespace_, name, image;
  std::vector<std::string> programs;          // keys of the tables' image/client columns
  std::string wrapper;                        // its project file, empty when none runs
  std::set<std::string> parts{"entrypoint"};  // what of the image runs: all of it, or what the wrapper runs
  std::vector<std::string> explicitEnv;       // the names in `env`
  std::vector<std::string> configMaps;        // the envFrom configMapRefs
  std::vector<std::pair<std::string, std::string>> directories;  // mountPath, ConfigMap mounted whole there
  Env env;                                    // the ConfigMaps' data, `env` on top, what socrate derives
  Json podLabels;
  std::set<std::string> reads;  // what the programs read
};

std::string imageName(std::string image) {  // registry.internal:5000/mirror/mailu/nginx:2024.06 -> nginx
  image = image.substr(0, image.find('@'));
  image = image.substr(image.rfind('/') + 1);  // npos + 1 == 0
  return image.substr(0, image.find(':'));
}

bool isTrue(const Env& env, const std::string& name) {  // socrate's coercion, then Jinja's truth
  const auto it = env.find(name);
  if (it == env.end() || it->second.empty()) return false;
  std::string lower = it->second;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower != "false" && lower != "no";
}

// Adds what socrate's clean_env derives (core/base/libs/socrate/socrate/system.py).
void addDerivedVariables(Env& env) {
  const std::vector<std::string> mail{"25", "110", "995", "143", "993", "587", "465", "4190"};
  const std::string allPorts = "25,80,443,465,993,995,4190";
  const auto get = [&](const std::string& name, const std::string& otherwise) {
    return env.count(name) ? env.at(name) : otherwise;
  };
  for (const std::string& item : split(get("PROXY_PROTOCOL", ""), ",")) {
    std::vector<std::string> ports = item == "mail" || item.starts_with("all") ? mail : std::vector{item};
    if (item == "all-but-http" || item == "all") ports.push_back("443");
    if (item == "all") ports.push_back("80");
    for (const std::string& port : ports) {
      if (!port.empty()) env["PROXY_PROTOCOL_" + port] = "True";
    }
  }
  const std::set<std::string> needTls{"443", "465", "993", "995"};
  const bool notls = get("TLS_FLAVOR", "") == "notls";
  for (const std::string& port : split(get("PORTS", allPorts), ",")) {
    if (!(notls && needTls.count(port))) env["PORT_" + port] = "True";
  }
  for (const std::string& port : split(get("TLS", allPorts), ",")) {
    if (!notls && needTls.count(port)) env["TLS_" + port] = "True";
  }
}

bool holds(const std::string& when, const Container& c) {  // the `when` column, see README.md
  const Env& env = c.env;
  for (const std::string& term : when.empty() ? std::vector<std::string>{} : split(when, " & ")) {
    const std::size_t equals = term.find('=');
    const bool negated = equals != std::string::npos && equals > 0 && term[equals - 1] == '!';
    const std::string name = term.substr(0, equals - (negated ? 1 : 0));
    bool result;
    if (term.starts_with("runs:"))
      result = c.parts.count("entrypoint") || c.parts.count(term.substr(5));
    else if (term == "wrapped" || term == "unwrapped")
      result = c.wrapper.empty() == (term == "unwrapped");
    else if (term.starts_with("!"))
      result = !isTrue(env, term.substr(1));
    else if (equals == std::string::npos)
      result = isTrue(env, term);
    else
      result = (env.count(name) && env.at(name) == term.substr(equals + 1)) != negated;
    if (!result) return false;
  }
  return true;
}

// The rows of `table` (keyed by `column`) that apply to the container.
std::vector<const Row*> rowsFor(const std::vector<Row>& table, const std::string& column, const Container& c) {
  std::vector<const Row*> rows;
  for (const Row& row : table) {
    const bool runs = std::find(c.programs.begin(), c.programs.end(), row.at(column)) != c.programs.end();
    if (runs && holds(row.at("when"), c)) rows.push_back(&row);
  }
  return rows;
}

std::set<std::string> readsOf(const Container& c) {
  std::set<std::string> reads;
  for (const Row* row : rowsFor(contract().reads, "image", c)) reads.insert(row->at("variable"));
  if (!c.wrapper.empty()) reads.merge(std::set(contract().wrapperReads.at(c.wrapper)));
  return reads;
}

bool listensOn(const Container& c, int port) {
  const auto rows = rowsFor(contract().listeners, "image", c);
  return std::any_of(rows.begin(), rows.end(), [&](const Row* row) { return std::stoi(row->at("port")) == port; });
}

std::string text(const Json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

struct Violation {
  std::string check, subject, variable, message;
};

const Json* findDoc(const std::vector<Json>& docs, const std::string& kind, const std::string& ns,
                    const std::string& name) {
  for (const Json& doc : docs) {
    const Json& meta = doc["metadata"];
    if (doc.value("kind", "") == kind && meta.value("namespace", "") == ns && meta.value("name", "") == name)
      return &doc;
  }
  return nullptr;
}

// Which programs run: the image's entrypoint, a wrapper of wrappers.tsv, or another command.
void findPrograms(Container& c, const Json& spec, std::vector<Violation>& violations) {
  const Json command = spec.value("command", Json::array()), mounts = spec.value("volumeMounts", Json::array());
  std::string key = c.image;
  if (!command.empty()) {
    key = "command:" + command[0].get<std::string>();
    c.parts.clear();
    for (const Row& w : contract().wrappers) {
      const std::string& path = w.at("mount_path");
      const bool runsIt =
          std::find(command.begin(), command.end(), Json(path)) != command.end() &&
          std::any_of(mounts.begin(), mounts.end(), [&](const Json& m) { return m.value("mountPath", "") == path; });
      if (w.at("image") != c.image || !runsIt) continue;
      key = c.image, c.wrapper = w.at("project_file");
      for (const std::string& part : split(w.at("runs"), ",")) c.parts.insert(part);
    }
  }
  const auto& images = contract().images;
  const auto image = std::find_if(images.begin(), images.end(), [&](const Row& r) { return r.at("image") == key; });
  if (image == images.end()) {
    violations.push_back(
        {"env", c.name, "", "container '" + c.name + "' runs '" + key + "', which images.tsv has no contract for"});
  } else {
    c.programs = split(image->at("reads"), ",");
  }
  if (!c.wrapper.empty()) c.programs.push_back(c.wrapper);
}

std::vector<Container> containersOf(const std::vector<Json>& docs, std::vector<Violation>& violations) {
  std::vector<Container> containers;
  for (const Json& doc : docs) {
    if (!doc.contains("spec") || !doc["spec"].contains("template")) continue;
    const Json& pod = doc["spec"]["template"];
    for (const Json& spec : pod["spec"].value("containers", Json::array())) {
      Container& c = containers.emplace_back(Container{.workload = doc["metadata"].value("name", ""),
                                                       .namespace_ = doc["metadata"].value("namespace", ""),
                                                       .name = spec.value("name", ""),
                                                       .image = imageName(spec.value("image", ""))});
      c.podLabels = pod["metadata"].value("labels", Json::object());
      findPrograms(c, spec, violations);
      for (const Json& mount : spec.value("volumeMounts", Json::array())) {
        if (mount.contains("subPath")) continue;  // one file: a wrapper (wrappers.tsv)
        for (const Json& volume : pod["spec"].value("volumes", Json::array())) {
          if (volume.value("name", "") == mount.value("name", "") && volume.contains("configMap")) {
            c.directories.emplace_back(mount.value("mountPath", ""), volume["configMap"].value("name", ""));
          }
        }
      }
      for (const Json& from : spec.value("envFrom", Json::array())) {
        if (!from.contains("configMapRef")) continue;
        const Json* map =
            findDoc(docs, "ConfigMap", c.namespace_, c.configMaps.emplace_back(from["configMapRef"].value("name", "")));
        if (!map || !map->contains("data")) continue;
        for (const auto& [key, value] : (*map)["data"].items()) c.env[key] = text(value);
      }
      for (const Json& variable : spec.value("env", Json::array())) {
        c.env[c.explicitEnv.emplace_back(variable.value("name", ""))] =
            text(variable.value("value", Json("<valueFrom>")));
      }
      addDerivedVariables(c.env);
      c.reads = readsOf(c);
    }
  }
  return containers;
}

int portNumber(const Json& port) { return port.is_number() ? port.get<int>() : std::stoi(port.get<std::string>()); }

// Empty when `host` (bare, .ns, .ns.svc or .ns.svc.cluster.local) and `port`
// lead to a container listening on the Service's targetPort, else what is missing.
std::string resolve(const std::vector<Json>& docs, const std::vector<Container>& containers, const std::string& ns,
                    const std::string& host, int port) {
  const std::size_t dot = host.find('.');
  const std::string rest = dot == std::string::npos ? "" : host.substr(dot + 1);
  const std::string serviceNs = rest.empty() ? ns : rest.substr(0, rest.find('.')),
                    suffix = rest.substr(rest.find('.') + 1);
  const bool isServiceName = rest.find('.') == std::string::npos || suffix == "svc" || suffix == "svc.cluster.local";
  const Json* service = isServiceName ? findDoc(docs, "Service", serviceNs, host.substr(0, dot)) : nullptr;
  if (!service) return "names no Service of the chart (seen from namespace '" + ns + "')";
  const std::string name = "Service '" + (*service)["metadata"].value("name", "") + "'";
  const Json ports = (*service)["spec"].value("ports", Json::array()),
             selector = (*service)["spec"].value("selector", Json::object());
  const auto exposed =
      std::find_if(ports.begin(), ports.end(), [&](const Json& p) { return portNumber(p["port"]) == port; });
  if (exposed == ports.end()) return name + " does not expose port " + std::to_string(port);
  std::vector<const Container*> selected;
  for (const Container& c : containers) {
    bool picked = !selector.empty() && c.namespace_ == serviceNs;
    for (const auto& [label, value] : selector.items()) picked = picked && c.podLabels.value(label, Json()) == value;
    if (picked) selected.push_back(&c);
  }
  if (selected.empty()) return name + " selects no pod of the chart";
  const int target = exposed->contains("targetPort") ? portNumber((*exposed)["targetPort"]) : port;
  if (std::none_of(selected.begin(), selected.end(), [&](const Container* c) { return listensOn(*c, target); })) {
    return name + " sends port " + std::to_string(port) + " to targetPort " + std::to_string(target) +
           ", on which nothing in '" + selected.front()->workload + "' listens (listeners.tsv)";
  }
  return "";
}

std::vector<Violation> checkContract(const std::vector<Json>& docs) {
  std::vector<Violation> violations;
  const std::vector<Container> containers = containersOf(docs, violations);
  // A manifest read wrongly would otherwise pass with nothing checked.
  if (containers.empty()) violations.push_back({"env", "*", "*", "no Deployment container found"});
  std::map<std::string, std::vector<const Container*>> receivers;  // ConfigMap -> the containers it reaches
  for (const Container& c : containers) {
    for (const std::string& map : c.configMaps) receivers[map].push_back(&c);
    for (const std::string& variable : c.explicitEnv) {
      if (c.reads.count(variable)) continue;
      violations.push_back(
          {"env", c.name, variable,
           "container '" + c.name + "' (image " + c.image + ") is given " + variable + ", which nothing in it reads"});
    }
    for (const Row* connection : rowsFor(contract().connections, "client", c)) {
      if (connection->at("kind") == "external") continue;  // redis, the databases, a relay host
      const std::string& variable = connection->at("variable");
      const std::string what = "container '" + c.name + "': " + variable + " (port " + connection->at("port") + ", " +
                               connection->at("file") + ": " + connection->at("purpose") + ")";
      const auto value = c.env.find(variable);
      if (value == c.env.end() || value->second.empty()) {
        if (connection->at("kind") == "required")
          violations.push_back({"connection", c.name, variable, what + " is not set"});
        continue;
      }
      const std::string problem =
          resolve(docs, containers, c.namespace_, value->second, std::stoi(connection->at("port")));
      if (!problem.empty())
        violations.push_back({"connection", c.name, variable, what + " = " + value->second + " " + problem});
    }
  }
  for (const Container& c : containers) {
    for (const auto& [directory, map] : c.directories) {
      const Json* doc = findDoc(docs, "ConfigMap", c.namespace_, map);
      if (!doc || !doc->contains("data")) continue;  // the user's own ConfigMap
      const auto files = rowsFor(contract().files, "image", c);
      for (const auto& [key, value] : (*doc)["data"].items()) {
        const bool read = std::any_of(files.begin(), files.end(), [&](const Row* row) {
          const std::string& name = row->at("name");
          if (row->at("directory") != directory) return false;
          if (name == "*") return true;
          if (!name.starts_with("*")) return name == key;
          return key.size() >= name.size() && key.ends_with(name.substr(1));
        });
        if (read) continue;
        violations.push_back({"file", c.name, key,
                              "container '" + c.name + "' (image " + c.image + ") is given " + directory + "/" + key +
                                  ", which nothing in it reads (files.tsv)"});
      }
    }
  }
  // Every port the chart exposes outside the cluster (front.service's
  // Service, any NodePort or LoadBalancer) leads to a listener too.
  for (const Json& doc : docs) {
    if (doc.value("kind", "") != "Service") continue;
    const std::string name = doc["metadata"].value("name", ""), ns = doc["metadata"].value("namespace", "");
    const bool external = doc["spec"].value("type", "ClusterIP") != "ClusterIP" ||
                          name.find("-mail-service-") != std::string::npos;
    if (!external) continue;
    for (const Json& port : doc["spec"].value("ports", Json::array())) {
      const std::string problem = resolve(docs, containers, ns, name, portNumber(port["port"]));
      if (!problem.empty()) violations.push_back({"service", name, std::to_string(portNumber(port["port"])), problem});
    }
  }
  for (const auto& [map, reached] : receivers) {
    const Json* doc = findDoc(docs, "ConfigMap", reached.front()->namespace_, map);
    if (!doc || !doc->contains("data")) continue;
    for (const auto& [key, value] : (*doc)["data"].items()) {
      if (std::any_of(reached.begin(), reached.end(), [&](const Container* c) { return c->reads.count(key) > 0; }))
        continue;
      std::string names;
      for (const Container* c : reached) names += (names.empty() ? "" : ", ") + c->name;
      violations.push_back(
          {"configmap", map, key,
           "ConfigMap '" + map + "' key " + key + " reaches " + names + " through envFrom; none of them reads it"});
    }
  }
  return violations;
}

// Expects no violation that exceptions.tsv does not cover; counts the uses of each exception.
void expectNoViolations(const std::string& caseName, const std::vector<Json>& docs,
                        std::map<std::size_t, int>& exceptionUses) {
  const std::vector<Row>& exceptions = contract().exceptions;
  const auto matches = [](const std::string& pattern, const std::string& text) {
    return pattern == "*" || pattern == text;
  };
  for (const Violation& v : checkContract(docs)) {
    bool excepted = false;
    for (std::size_t i = 0; i < exceptions.size(); ++i) {
      const Row& e = exceptions[i];
      if (matches(e.at("case"), caseName) && e.at("check") == v.check && matches(e.at("subject"), v.subject) &&
          e.at("variable") == v.variable) {
        excepted = true;
        ++exceptionUses[i];
      }
    }
    EXPECT_TRUE(excepted) << "case " << caseName << ": " << v.message;
  }
}

std::vector<Json> synthesizedDocs(const std::filesystem::path& config, const std::string& chartId) {
  cdk8s::App app;
  MailuChart chart(app, chartId, loadConfigFile(config));
  return cdk8s::Testing::synth(chart);
}

std::map<std::string, std::string> parityCases() {
  return Json::parse(testdata::readFile(kData / "parity" / "cases" / "chart-ids.json"))
      .get<std::map<std::string, std::string>>();
}

TEST(MailuContract, TablesNameKnownProgramsAndTheWrappersDoWhatTheySay) {
  std::set<std::string> programs;
  for (const Row& image : contract().images) {
    for (const std::string& program : split(image.at("reads"), ",")) programs.insert(program);
  }
  for (const Row& w : contract().wrappers) {
    const std::string script = testdata::readFile(kProject / w.at("project_file"));
    programs.insert(w.at("project_file"));
    for (const std::string& evidence : split(w.at("evidence"), " && ")) {
      EXPECT_NE(script.find(evidence), std::string::npos)
          << w.at("project_file") << " no longer has '" << evidence << "' (" << w.at("note") << ")";
    }
    EXPECT_TRUE(contract().wrapperReads.at(w.at("project_file")).count("PYTHON_BIN"))
        << "cannot parse " << w.at("project_file");
  }
  for (const Row& row : contract().reads)
    EXPECT_TRUE(programs.count(row.at("image"))) << "env-reads.tsv: " << row.at("image");
  for (const Row& row : contract().connections) {
    EXPECT_TRUE(programs.count(row.at("client"))) << "connections.tsv: " << row.at("client");
    EXPECT_TRUE(row.at("kind") == "external" || std::regex_match(row.at("port"), std::regex("[0-9]+")))
        << row.at("port");
  }
  for (const Row& row : contract().listeners) {
    EXPECT_TRUE(programs.count(row.at("image"))) << "listeners.tsv: " << row.at("image");
    if (!row.at("image").starts_with("constructs/")) continue;
    if (row.at("when") == "PROXY_ALTERNATE_PORTS") {
      // The wrapper opens what the variable names, which the registry's
      // front.service table gives it.
      const auto& exposed = exposedMailPorts();
      EXPECT_TRUE(std::any_of(exposed.begin(), exposed.end(),
                              [&](const ExposedMailPort& p) { return std::to_string(p.proxyPort) == row.at("port"); }))
          << "listeners.tsv: " << row.at("port") << " is no alternate port of the registry";
      EXPECT_TRUE(contract().wrapperReads.at(row.at("image")).count("PROXY_ALTERNATE_PORTS")) << row.at("image");
      continue;
    }
    EXPECT_TRUE(std::regex_search(testdata::readFile(kProject / row.at("image")),
                                  std::regex("(^|[^0-9])" + row.at("port") + ":")))
        << row.at("image");
  }
  for (const Row& e : contract().exceptions)
    EXPECT_FALSE(e.at("reason").empty()) << "exceptions.tsv: every row needs a reason";
}

// The parity cases (whose manifests Parity.* holds to the expected files, so
// the expected files keep the contract too) and the project's own configs.
TEST(MailuContract, SynthesizedManifestsKeepTheContract) {
  std::map<std::size_t, int> exceptionUses;
  const auto cases = parityCases();
  ASSERT_FALSE(cases.empty());
  for (const auto& [caseName, chartId] : cases) {
    expectNoViolations(caseName, synthesizedDocs(kData / "parity" / "cases" / (caseName + ".json"), chartId),
                       exceptionUses);
  }
  int configs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kData / "configs")) {
    if (entry.path().extension() != ".json") continue;
    expectNoViolations(entry.path().stem().string(), synthesizedDocs(entry.path(), "mailu"), exceptionUses);
    ++configs;
  }
  EXPECT_GE(configs, 2);
  // A fixed defect takes its exception with it.
  for (std::size_t i = 0; i < contract().exceptions.size(); ++i) {
    EXPECT_GT(exceptionUses[i], 0) << "exceptions.tsv row " << i + 1
                                   << " matches nothing: " << contract().exceptions[i].at("reason");
  }
}

// The checks themselves: each defect put into a copy of a case is reported.
TEST(MailuContract, ChecksReportUnreadVariablesAndAddressesThatLeadNowhere) {
  const std::vector<Json> clean = synthesizedDocs(kData / "parity" / "cases" / "p01-minimal-sqlite.json", "mailu");
  std::vector<Json> docs = clean;
  for (Json& doc : docs) {
    const std::string kind = doc.value("kind", "");
    const std::string component =
        doc["metadata"].value("labels", Json::object()).value("app.kubernetes.io/component", "");
    if (kind == "ConfigMap" && doc.contains("data") && doc["data"].contains("DOMAIN")) {
      doc["data"]["NOT_READ_BY_MAILU"] = "x";
      doc["data"].erase("ADMIN_ADDRESS");
    }
    if (kind == "ConfigMap" && doc.contains("data") && doc["data"].contains("postfix.cf")) {
      doc["data"]["main.cf"] = "x";  // postfix reads postfix.cf there, not main.cf
    }
    if (kind == "Deployment" && component == "admin") {
      doc["spec"]["template"]["spec"]["containers"][0]["env"].push_back(
          Json{{"name", "POSTFIX_MESSAGE_SIZE_LIMIT"}, {"value", "1"}});
    }
    if (kind == "Service" && component == "rspamd") doc["spec"]["ports"].erase(0);  // the milter port, 11332
    if (kind == "Service" && component == "dovecot") doc["spec"]["ports"][0]["targetPort"] = 2526;  // lmtp 2525
  }
  std::set<std::string> found;
  for (const Violation& v : checkContract(docs)) found.insert(v.check + " " + v.subject + " " + v.variable);
  // None of them is there before the defects are put in.
  for (const Violation& v : checkContract(clean)) {
    EXPECT_FALSE(v.variable == "POSTFIX_MESSAGE_SIZE_LIMIT" || v.variable == "NOT_READ_BY_MAILU" ||
                 v.check == "connection" || v.check == "file")
        << v.message;
  }
  EXPECT_TRUE(found.count("env admin POSTFIX_MESSAGE_SIZE_LIMIT"));
  EXPECT_TRUE(std::any_of(found.begin(), found.end(), [](const std::string& f) {
    return f.starts_with("configmap ") && f.ends_with(" NOT_READ_BY_MAILU");
  }));
  EXPECT_TRUE(found.count("file postfix main.cf"));
  EXPECT_TRUE(found.count("connection rspamd ADMIN_ADDRESS"));      // required, not set
  EXPECT_TRUE(found.count("connection postfix ANTISPAM_ADDRESS"));  // port not exposed
  EXPECT_TRUE(found.count("connection postfix FRONT_ADDRESS"));     // targetPort not served
}

// The component registry against the contract tables, which were written from
// Mailu's sources on their own: every listener the registry opens is one a
// program serves, and every connection the tables list between two of the
// chart's components is one the registry knows (so its NetworkPolicies allow it).

// The registry's component whose container runs `image` (listeners.tsv and
// connections.tsv name programs by image).
std::optional<Component> componentOfImage(const std::string& image) {
  for (const ComponentSpec& spec : mailuComponents()) {
    if (spec.image == image) return spec.id;
  }
  if (image == "command:/usr/sbin/dovecot") return Component::kDovecotSubmission;
  // A pinned upstream image (tika), by the name the tables give it.
  for (const ComponentSpec& spec : mailuComponents()) {
    if (spec.image.empty() && spec.id != Component::kDovecotSubmission && imageName(std::string(spec.fixedImage)) == image) {
      return spec.id;
    }
  }
  return std::nullopt;
}

// postfix.master of a case with the PROXY protocol (p04), after a newline.
std::string synthesizedPostfixMaster() {
  cdk8s::App app;
  MailuChart chart(app, "mailu", loadConfigFile(kData / "parity" / "cases" / "p04-all-components-traefik.json"));
  for (const Json& doc : chart.toJson()) {
    if (doc.at("kind") == "ConfigMap" && doc.contains("data") && doc.at("data").contains("postfix.master")) {
      return "\n" + doc.at("data").at("postfix.master").get<std::string>();
    }
  }
  return "";
}

TEST(MailuContract, EveryRegistryListenerIsServed) {
  const std::vector<Row> listeners = readTable("listeners.tsv");
  int checked = 0;
  for (const ComponentSpec& spec : mailuComponents()) {
    for (const Listener& listener : spec.listeners) {
      if (listener.openedBy.empty()) continue;  // kept for the reference's Service names; no policy opens it
      const std::string opener(listener.openedBy.substr(0, listener.openedBy.find(' ')));
      const bool listed = std::any_of(listeners.begin(), listeners.end(), [&](const Row& row) {
        const bool ours = componentOfImage(row.at("image")) == spec.id || row.at("image") == opener;
        return ours && row.at("port") == std::to_string(listener.port);
      });
      // The project's own listeners not in the table: postfix's PROXY listener, a
      // master.cf service "<port>/inet" in the synthesized postfix.master.
      const bool ownFile = listener.openedBy.ends_with("(postfix.master)") &&
                           synthesizedPostfixMaster().find(fmt::format("\n{}/inet = ", listener.port)) != std::string::npos;
      EXPECT_TRUE(listed || ownFile) << spec.name << ":" << listener.port << " (" << listener.openedBy << ")";
      ++checked;
    }
  }
  EXPECT_GE(checked, 20);
}

TEST(MailuContract, EveryConnectionBetweenComponentsIsInTheRegistry) {
  int checked = 0;
  for (const Row& row : readTable("connections.tsv")) {
    const std::string& when = row.at("when");
    if (row.at("kind") == "external" || row.at("port") == "-") continue;
    // Not in this chart: Mailu's own webmail and front paths (the wrappers replace them),
    // settings it never sets, MySQL.
    const bool notHere = when.find("unwrapped") != std::string::npos ||
                         (when.find("PROXY_PROTOCOL_25") != std::string::npos && when.find("!PROXY_PROTOCOL_25") == std::string::npos);
    // No route brings ManageSieve clients to front (its Service has no 4190).
    const bool frontSieve = row.at("client") == "admin" && row.at("port") == "4190";
    if (notHere || frontSieve) continue;
    std::optional<Component> client = componentOfImage(row.at("client"));
    // Admin's auth answers tell front's mail proxies where to connect.
    if (row.at("client") == "admin" && row.at("purpose").find("auth answer") != std::string::npos) client = Component::kFront;
    ASSERT_TRUE(client) << row.at("client");
    std::optional<Component> target;
    for (const AddressVariable& variable : addressVariables()) {
      if (variable.name != row.at("variable")) continue;
      if (variable.reader == client) {
        target = variable.target;
        break;
      }
      if (!variable.reader && !target) target = variable.target;
    }
    ASSERT_TRUE(target) << row.at("client") << " " << row.at("variable") << ": no address variable in the registry";
    const int port = std::stoi(row.at("port"));
    const auto& connections = componentSpec(*client).connections;
    const bool known = std::any_of(connections.begin(), connections.end(), [&](const Connection& connection) {
      return connection.to == target && std::find(connection.ports.begin(), connection.ports.end(), port) != connection.ports.end();
    });
    EXPECT_TRUE(known) << componentSpec(*client).name << " -> " << componentSpec(*target).name << ":" << port << " ("
                       << row.at("file") << ")";
    ++checked;
  }
  EXPECT_GE(checked, 20);
}

TEST(MailuContract, EveryRegistryConnectionIsOneMailuMakes) {
  const std::vector<Row> rows = readTable("connections.tsv");
  int checked = 0;
  for (const ComponentSpec& client : mailuComponents()) {
    for (const Connection& connection : client.connections) {
      if (!connection.to) continue;
      for (int port : connection.ports) {
        const bool listed = std::any_of(rows.begin(), rows.end(), [&](const Row& row) {
          const bool byClient = componentOfImage(row.at("client")) == client.id;
          // Admin's auth answers send front's mail proxies on.
          const bool byAuthAnswer = client.id == Component::kFront && row.at("client") == "admin" &&
                                    row.at("purpose").find("auth answer") != std::string::npos;
          return (byClient || byAuthAnswer) && row.at("port") == std::to_string(port);
        });
        // dovecot-submission runs the project's own dovecot.conf, which names its relay.
        const bool ownConf = client.id == Component::kDovecotSubmission &&
                             testdata::readFile(kProject / "constructs/files/dovecot-submission.conf")
                                     .find("submission_relay_port = " + std::to_string(port) + "\n") != std::string::npos;
        EXPECT_TRUE(listed || ownConf) << client.name << " -> " << componentSpec(*connection.to).name << ":" << port;
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 20);
}

}  // namespace
}  // namespace mailu
