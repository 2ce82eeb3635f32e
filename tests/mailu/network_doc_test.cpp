// docs/network.md's tables are the component registry's (include/mailu/
// component_registry.hpp), rendered here: a registry change that leaves the
// docs behind fails. UPDATE_DOCS=1 rewrites the tables in place.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "file_contents.hpp"
#include "mailu/component_registry.hpp"

namespace mailu {
namespace {

const std::filesystem::path kDoc =
    std::filesystem::path(TEST_DATA_DIR).parent_path().parent_path() / "docs" / "network.md";

std::string portList(const std::vector<int>& tcp, const std::vector<int>& udp) {
  std::string text;
  for (int port : tcp) text += (text.empty() ? "" : ", ") + std::to_string(port);
  for (int port : udp) text += (text.empty() ? "" : ", ") + std::to_string(port) + "/udp";
  return text.empty() ? "its port" : text;
}

std::string outsideName(Outside peer) {
  switch (peer) {
    case Outside::kDns:
      return "cluster DNS (`networkPolicies.dns`)";
    case Outside::kDatabase:
      return "PostgreSQL (`networkPolicies.database`)";
    case Outside::kRedis:
      return "Redis (`networkPolicies.redis`)";
    case Outside::kInternet:
      return "the internet (outside `subnet` and 169.254.0.0/16)";
    case Outside::kRelay:
      return "the smarthost (`relay.host`, outside `subnet`)";
  }
  return "";
}

std::string entryText(const Listener& listener) {
  switch (listener.entry) {
    case Entry::kNone:
      return "";
    case Entry::kPublic:
      return "routed";
    case Entry::kPublicWithProxyProtocol:
      return "routed with the PROXY protocol";
    case Entry::kPublicWithoutProxyProtocol:
      return "routed by the chart's Traefik without the PROXY protocol";
  }
  return "";
}

std::string listenerTable() {
  std::string text = "| Component | Port | Name | Serves | Opened by | Outside the chart |\n|---|---|---|---|---|---|\n";
  for (const ComponentSpec& spec : mailuComponents()) {
    for (const Listener& listener : spec.listeners) {
      text += fmt::format("| {} | {} | {} | {} | {} | {} |\n", spec.name, listener.port, listener.name, listener.serves,
                          listener.openedBy.empty() ? "nothing: no policy opens it" : fmt::format("`{}`", listener.openedBy),
                          entryText(listener));
    }
  }
  return text;
}

std::string connectionTable() {
  std::string text = "| From | To | Ports | Found through | Why (program and file) |\n|---|---|---|---|---|\n";
  for (const ComponentSpec& spec : mailuComponents()) {
    for (const Connection& connection : spec.connections) {
      const std::string to = connection.to ? std::string(componentSpec(*connection.to).name)
                                           : outsideName(*connection.outside);
      std::string ports = portList(connection.ports, connection.udpPorts);
      if (connection.when == OnService::kWithFetchmail) ports += " (with fetchmail)";
      if (connection.when == OnService::kWithFrontSmtp) ports += " (with fetchmail or front.service's 25)";
      text += fmt::format("| {} | {} | {} | {} | {} |\n", spec.name, to, ports,
                          connection.variable.empty() ? "-" : fmt::format("`{}`", connection.variable), connection.why);
    }
  }
  return text;
}

std::string exposureTable() {
  std::string text =
      "| Port | Name | Serves | Opened by (TLS at front) | Front's port with the PROXY protocol |\n|---|---|---|---|---|\n";
  for (const ExposedMailPort& port : exposedMailPorts()) {
    text += fmt::format("| {} | {} | {} | `{}` | {} (`constructs/files/front-entrypoint-wrapper.sh`) |\n", port.port,
                        port.name, port.serves, port.openedBy, port.proxyPort);
  }
  return text;
}

// Replaces what lies between `<!-- NAME:begin -->` and `<!-- NAME:end -->`.
bool replaceBlock(std::string& doc, const std::string& name, const std::string& body) {
  const std::string begin = "<!-- " + name + ":begin -->\n";
  const std::string end = "<!-- " + name + ":end -->";
  const std::size_t from = doc.find(begin);
  const std::size_t to = doc.find(end);
  if (from == std::string::npos || to == std::string::npos || to < from) return false;
  doc.replace(from + begin.size(), to - from - begin.size(), body);
  return true;
}

TEST(NetworkDoc, TablesAreTheRegistrys) {
  const std::string doc = testdata::readFile(kDoc);
  std::string rendered = doc;
  ASSERT_TRUE(replaceBlock(rendered, "listeners", listenerTable())) << "markers missing in " << kDoc;
  ASSERT_TRUE(replaceBlock(rendered, "connections", connectionTable())) << "markers missing in " << kDoc;
  ASSERT_TRUE(replaceBlock(rendered, "exposure", exposureTable())) << "markers missing in " << kDoc;
  if (std::getenv("UPDATE_DOCS") != nullptr && rendered != doc) {
    std::ofstream(kDoc, std::ios::binary) << rendered;
    GTEST_SKIP() << "rewrote " << kDoc;
  }
  EXPECT_EQ(rendered, doc) << "docs/network.md is behind the registry: run with UPDATE_DOCS=1";
}

}  // namespace
}  // namespace mailu
