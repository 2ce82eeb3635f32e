// security.hardened: every container drops ALL capabilities and gets back
// only the registry's (include/mailu/component_registry.hpp, Hardening), a
// read-only root filesystem where the registry says so, with an emptyDir at
// each of its writable paths, and dovecot-submission runs as mail (8:8) with
// the dovecot.conf that lets it. Unset or false, nothing changes. The
// per-component tables in docs/configuration.md are the registry's, rendered
// here (UPDATE_DOCS=1 rewrites them).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "cdk8s/app.hpp"
#include "cdk8s/testing.hpp"
#include "cdk8s_plus/container.hpp"
#include "config_fixtures.hpp"
#include "file_contents.hpp"
#include "mailu/component_registry.hpp"
#include "mailu/constructs/dovecot_submission.hpp"
#include "mailu/mailu_chart.hpp"
#include "manifest_objects.hpp"

namespace {

using cdk8s::Json;
using mailu::Component;
using mailu::ComponentSpec;
using testconfig::withMinimal;
using testmanifest::objectNamed;

// Every component switched on, so each one's container is checked.
constexpr std::string_view kAllComponents =
    "components: {clamav: true, fetchmail: true, webdav: true, oletools: true, tika: true}\n";

struct Chart {
  cdk8s::App app;
  mailu::MailuChart chart;
  std::vector<Json> objects;
  explicit Chart(std::string_view extra)
      : chart(app, "mailu", mailu::parseConfig(withMinimal(extra))), objects(cdk8s::Testing::synth(chart)) {}

  const Json& podSpec(Component component) {
    return objectNamed(objects, "Deployment", chart.component(component)->deployment().name())
        .at("spec")
        .at("template")
        .at("spec");
  }
  const Json& container(Component component) { return podSpec(component).at("containers").at(0); }
};

std::vector<std::string> strings(const Json& list) {
  std::vector<std::string> out;
  for (const Json& item : list) out.push_back(item.get<std::string>());
  return out;
}

std::vector<std::string> registryCapabilities(const ComponentSpec& spec) {
  std::vector<std::string> out;
  for (const mailu::Capability& capability : spec.hardening.capabilities) out.emplace_back(capability.name);
  return out;
}

// mountPath -> volume name of the container's mounts.
std::map<std::string, std::string> mountsOf(const Json& container) {
  std::map<std::string, std::string> mounts;
  if (!container.contains("volumeMounts")) return mounts;
  for (const Json& mount : container.at("volumeMounts")) {
    mounts[mount.at("mountPath").get<std::string>()] = mount.at("name").get<std::string>();
  }
  return mounts;
}

const Json* volumeNamed(const Json& podSpec, const std::string& name) {
  if (!podSpec.contains("volumes")) return nullptr;
  for (const Json& volume : podSpec.at("volumes")) {
    if (volume.at("name") == name) return &volume;
  }
  return nullptr;
}

std::size_t emptyDirVolumes(const Json& podSpec) {
  std::size_t count = 0;
  if (!podSpec.contains("volumes")) return 0;
  for (const Json& volume : podSpec.at("volumes")) count += volume.contains("emptyDir") ? 1 : 0;
  return count;
}

TEST(Hardening, EveryContainerDropsAllAndAddsBackOnlyTheRegistrysCapabilities) {
  Chart hardened(std::string(kAllComponents) + "security: {hardened: true}\n");
  for (const ComponentSpec& spec : mailu::mailuComponents()) {
    SCOPED_TRACE(std::string(spec.name));
    const Json& security = hardened.container(spec.id).at("securityContext");
    EXPECT_EQ(strings(security.at("capabilities").at("drop")), std::vector<std::string>{"ALL"});
    const std::vector<std::string> added =
        security.at("capabilities").contains("add") ? strings(security.at("capabilities").at("add"))
                                                    : std::vector<std::string>{};
    EXPECT_EQ(added, registryCapabilities(spec));
    EXPECT_EQ(security.at("readOnlyRootFilesystem"), spec.hardening.readOnlyRootFilesystem);
    // Kept from the unhardened context.
    EXPECT_EQ(security.at("allowPrivilegeEscalation"), false);
    EXPECT_EQ(security.at("privileged"), false);
    EXPECT_EQ(security.at("seccompProfile").at("type"), "RuntimeDefault");
  }
}

TEST(Hardening, ReadOnlyRootFilesystemsGetAnEmptyDirAtEachWritablePath) {
  Chart hardened(std::string(kAllComponents) + "security: {hardened: true}\n");
  int emptyDirs = 0;
  for (const ComponentSpec& spec : mailu::mailuComponents()) {
    SCOPED_TRACE(std::string(spec.name));
    const Json& pod = hardened.podSpec(spec.id);
    const auto mounts = mountsOf(hardened.container(spec.id));
    const std::size_t expected = spec.hardening.readOnlyRootFilesystem ? spec.hardening.emptyDirs.size() : 0;
    EXPECT_EQ(emptyDirVolumes(pod), expected);
    if (!spec.hardening.readOnlyRootFilesystem) continue;
    for (const mailu::WritablePath& writable : spec.hardening.emptyDirs) {
      const auto mount = mounts.find(std::string(writable.path));
      ASSERT_NE(mount, mounts.end()) << "nothing mounted at " << writable.path;
      EXPECT_EQ(mount->second, mailu::emptyDirVolumeName(writable.path));
      const Json* volume = volumeNamed(pod, mount->second);
      ASSERT_NE(volume, nullptr) << mount->second;
      EXPECT_EQ(volume->at("emptyDir"), Json::object());
      ++emptyDirs;
    }
  }
  EXPECT_GE(emptyDirs, 10);
}

// Each mount path is mounted once: no emptyDir hides a claim or a ConfigMap
// the construct mounts, which the registry's lists leave out.
TEST(Hardening, EmptyDirsTakeNoPathTheConstructsMount) {
  Chart plain(kAllComponents);
  Chart hardened(std::string(kAllComponents) + "security: {hardened: true}\n");
  for (const ComponentSpec& spec : mailu::mailuComponents()) {
    SCOPED_TRACE(std::string(spec.name));
    const Json& container = hardened.container(spec.id);
    const auto own = mountsOf(plain.container(spec.id));
    std::size_t mounts = container.contains("volumeMounts") ? container.at("volumeMounts").size() : 0;
    EXPECT_EQ(mounts, mountsOf(container).size()) << "a path is mounted twice";
    for (const mailu::WritablePath& writable : spec.hardening.emptyDirs) {
      EXPECT_FALSE(own.contains(std::string(writable.path))) << writable.path << " is already mounted";
      for (const auto& [path, volume] : own) {
        EXPECT_FALSE(path.starts_with(std::string(writable.path) + "/"))
            << "the emptyDir at " << writable.path << " lies under the mount at " << path;
      }
    }
  }
}

TEST(Hardening, DovecotSubmissionRunsAsTheMailUserWithItsUnprivilegedConf) {
  Chart hardened("security: {hardened: true}\n");
  const Json& security = hardened.container(Component::kDovecotSubmission).at("securityContext");
  EXPECT_EQ(security.at("runAsUser"), 8);
  EXPECT_EQ(security.at("runAsGroup"), 8);
  EXPECT_EQ(security.at("runAsNonRoot"), true);
  EXPECT_FALSE(security.at("capabilities").contains("add"));
  // The usual file with constructs/files/dovecot-submission-unprivileged.conf after it.
  Chart plain("");
  const std::string conf = hardened.chart.dovecotSubmission()->configMap().data().at("dovecot.conf");
  const std::filesystem::path files =
      std::filesystem::path(TEST_DATA_DIR).parent_path().parent_path() / "constructs" / "files";
  EXPECT_EQ(conf, plain.chart.dovecotSubmission()->configMap().data().at("dovecot.conf") +
                      testdata::readFile(files / "dovecot-submission-unprivileged.conf"));
  EXPECT_NE(conf.find("\ndefault_login_user = mail\n"), std::string::npos);
  EXPECT_NE(conf.find("\nservice anvil {\n  chroot =\n}\n"), std::string::npos);
  // The others keep the image's user: Mailu's images start as root and drop privileges.
  for (const ComponentSpec& spec : mailu::mailuComponents()) {
    if (spec.id == Component::kDovecotSubmission || !hardened.chart.component(spec.id)) continue;
    EXPECT_FALSE(hardened.container(spec.id).at("securityContext").contains("runAsUser")) << spec.name;
  }
}

TEST(Hardening, UnprivilegedConfIsTheUsualOneWithSettingsAppended) {
  const std::string usual = mailu::renderDovecotSubmissionConf("example.org", "postfix.mail.svc.cluster.local");
  const std::string unprivileged =
      mailu::renderDovecotSubmissionConf("example.org", "postfix.mail.svc.cluster.local", true);
  ASSERT_GT(unprivileged.size(), usual.size());
  EXPECT_EQ(unprivileged.substr(0, usual.size()), usual);
  EXPECT_EQ(usual.find("default_internal_user"), std::string::npos);
  for (const mailu::WritablePath& writable : mailu::componentSpec(Component::kDovecotSubmission).hardening.emptyDirs) {
    if (writable.path == "/tmp") continue;  // mail_location, in the usual part
    EXPECT_NE(unprivileged.find(std::string(" = ") + std::string(writable.path) + "\n"), std::string::npos)
        << "no base_dir/state_dir on the emptyDir " << writable.path;
  }
}

// Off (unset, empty block or false), the manifests are today's; on, they differ.
TEST(Hardening, OffByDefaultChangesNothing) {
  std::vector<Json> unset = Chart(kAllComponents).objects;
  for (std::string_view off : {"security: {}\n", "security: {hardened: false}\n"}) {
    EXPECT_TRUE(Chart(std::string(kAllComponents) + std::string(off)).objects == unset) << off;
  }
  EXPECT_FALSE(Chart(std::string(kAllComponents) + "security: {hardened: true}\n").objects == unset);
  Chart plain(kAllComponents);
  for (const ComponentSpec& spec : mailu::mailuComponents()) {
    const Json& security = plain.container(spec.id).at("securityContext");
    EXPECT_EQ(strings(security.at("capabilities").at("drop")), std::vector<std::string>{"NET_RAW"}) << spec.name;
    EXPECT_FALSE(security.at("capabilities").contains("add")) << spec.name;
    EXPECT_EQ(security.at("readOnlyRootFilesystem"), false) << spec.name;
  }
}

TEST(Hardening, ConfigRefusesWhatIsNotABoolean) {
  const testconfig::RefusedCase refused[] = {
      {"security: {hardened: \"yes\"}\n", "security.hardened"},
      {"security: {hardened: 1}\n", "security.hardened"},
      {"security: {strict: true}\n", "security.strict", true},
      {"security: true\n", "security"},
  };
  for (const testconfig::RefusedCase& row : refused) testconfig::expectRefused(row);
}

// The registry's own facts are well formed: Kubernetes' capability names,
// each with its reason, and emptyDirs only where the root is read-only.
TEST(Hardening, RegistryFactsAreWellFormed) {
  const std::set<std::string_view> known = {"AUDIT_WRITE", "CHOWN",  "DAC_OVERRIDE",     "FOWNER",
                                            "FSETID",      "KILL",   "MKNOD",            "NET_BIND_SERVICE",
                                            "NET_RAW",     "SETFCAP", "SETGID",          "SETPCAP",
                                            "SETUID",      "SYS_CHROOT"};
  for (const ComponentSpec& spec : mailu::mailuComponents()) {
    SCOPED_TRACE(std::string(spec.name));
    const mailu::Hardening& hardening = spec.hardening;
    EXPECT_FALSE(hardening.rootFilesystemWhy.empty());
    std::set<std::string_view> seen;
    for (const mailu::Capability& capability : hardening.capabilities) {
      // Docker's default set: a capability outside it would be an addition, not a give-back.
      EXPECT_TRUE(known.contains(capability.name)) << capability.name;
      EXPECT_FALSE(capability.why.empty()) << capability.name;
      EXPECT_TRUE(seen.insert(capability.name).second) << capability.name << " twice";
    }
    if (!hardening.readOnlyRootFilesystem) {
      EXPECT_TRUE(hardening.emptyDirs.empty());
    }
    std::set<std::string> names;
    for (const mailu::WritablePath& writable : hardening.emptyDirs) {
      EXPECT_TRUE(writable.path.starts_with('/')) << writable.path;
      EXPECT_FALSE(writable.why.empty()) << writable.path;
      EXPECT_TRUE(names.insert(mailu::emptyDirVolumeName(writable.path)).second) << writable.path;
    }
    EXPECT_EQ(hardening.runAsUser.has_value(), !hardening.userWhy.empty());
  }
}

TEST(Hardening, EmptyDirVolumeNamesComeFromThePath) {
  EXPECT_EQ(mailu::emptyDirVolumeName("/tmp"), "tmp");
  EXPECT_EQ(mailu::emptyDirVolumeName("/var/lib/dovecot"), "var-lib-dovecot");
  EXPECT_EQ(mailu::emptyDirVolumeName("/etc/rspamd/local.d"), "etc-rspamd-local-d");
}

// cdk8s_plus: added capabilities come before the drops, as the API lists them.
TEST(Hardening, ContainerWritesAddedCapabilitiesBeforeDropped) {
  cdk8s::plus::Container container({.image = "x",
                                    .securityContext = {.dropCapabilities = {"ALL"}, .addCapabilities = {"CHOWN"}}});
  const Json capabilities = container.toJson().at("securityContext").at("capabilities");
  EXPECT_EQ(capabilities.dump(), R"({"add":["CHOWN"],"drop":["ALL"]})");
  cdk8s::plus::Container onlyAdded({.image = "x", .securityContext = {.addCapabilities = {"KILL"}}});
  EXPECT_EQ(onlyAdded.toJson().at("securityContext").at("capabilities").dump(), R"({"add":["KILL"]})");
}

// docs/configuration.md, between `<!-- hardening:begin -->` and `<!-- hardening:end -->`.
std::string hardeningTables() {
  std::string text;
  for (const ComponentSpec& spec : mailu::mailuComponents()) {
    const mailu::Hardening& hardening = spec.hardening;
    text += fmt::format("**{}**\n\n| Setting | Value | Why |\n|---|---|---|\n", spec.name);
    if (hardening.capabilities.empty()) text += "| capabilities | none added back | nothing it runs needs one |\n";
    for (const mailu::Capability& capability : hardening.capabilities) {
      text += fmt::format("| capability | `{}` | {} |\n", capability.name, capability.why);
    }
    text += fmt::format("| root filesystem | {} | {} |\n",
                        hardening.readOnlyRootFilesystem ? "read-only" : "writable", hardening.rootFilesystemWhy);
    for (const mailu::WritablePath& writable : hardening.emptyDirs) {
      text += fmt::format("| emptyDir | `{}` (volume `{}`) | {} |\n", writable.path,
                          mailu::emptyDirVolumeName(writable.path), writable.why);
    }
    if (hardening.runAsUser) {
      text += fmt::format("| user | {}:{}, runAsNonRoot | {} |\n", *hardening.runAsUser,
                          hardening.runAsGroup.value_or(*hardening.runAsUser), hardening.userWhy);
    } else {
      text += "| user | the image's | unchanged |\n";
    }
    text += "\n";
  }
  return text;
}

TEST(Hardening, DocsTablesAreTheRegistrys) {
  const std::filesystem::path doc =
      std::filesystem::path(TEST_DATA_DIR).parent_path().parent_path() / "docs" / "configuration.md";
  const std::string text = testdata::readFile(doc);
  const std::string begin = "<!-- hardening:begin -->\n";
  const std::string end = "<!-- hardening:end -->";
  const std::size_t from = text.find(begin);
  const std::size_t to = text.find(end);
  ASSERT_TRUE(from != std::string::npos && to != std::string::npos && from < to) << "markers missing in " << doc;
  std::string rendered = text;
  rendered.replace(from + begin.size(), to - from - begin.size(), hardeningTables());
  if (std::getenv("UPDATE_DOCS") != nullptr && rendered != text) {
    std::ofstream(doc, std::ios::binary) << rendered;
    GTEST_SKIP() << "rewrote " << doc;
  }
  EXPECT_EQ(rendered, text) << "docs/configuration.md is behind the registry: run with UPDATE_DOCS=1";
}

}  // namespace
