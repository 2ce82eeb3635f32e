// Where the Mailu images read override files at start and which names they
// read there: the facts behind `overrides.<key>` (paths in Mailu 2024.06.57).
// The validator refuses a name its image would never read, the chart mounts
// the files, docs/configuration.md lists the same names.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "mailu/component_registry.hpp"
#include "mailu/config.hpp"

namespace mailu {

// How Mailu's postfix start script applies a file's lines: each through a
// shell to `postconf -e` (main.cf parameters) or `postconf -Me` (master.cf services).
enum class PostconfLines { kMain, kMaster };

// File names an image treats alike: one name, or every name with an ending.
struct OverrideName {
  std::string_view name;       // the whole name, or the ending when `ending`
  bool ending;                 // "*.map": any name that ends so (and is longer)
  std::string_view effect;     // what the image does with such a file, and where
  std::optional<PostconfLines> postconf = {};  // none: the file is read as it is
};

struct OverrideTarget {
  std::string_view key;  // overrides.<key>
  Component component;
  std::optional<OverrideFilesConfig> OverridesConfig::*member;
  std::vector<OverrideName> read;      // the names it reads
  std::string_view everyOtherName = {};  // what it does with any other name; empty: nothing
  std::vector<std::string_view> mailusOwn = {};  // names its start script keeps Mailu's file for
  // The chart writes files of its own there, so a ConfigMap of the user's
  // cannot take the directory (postfix: anvil limits, the PROXY listener).
  bool chartFiles = false;
  // The web UI that reads them, when the image holds several.
  std::optional<WebmailType> webmail = {};
};

const std::vector<OverrideTarget>& overrideTargets();

// Room kept in postfix's ConfigMap for the chart's own postfix.cf and
// postfix.master (under 1 KiB today) when the user's files are measured.
inline constexpr std::size_t kChartOverrideReserve = 4096;

// The key of `overrides.<key>` that names a ConfigMap instead of giving files.
inline constexpr std::string_view kConfigMapNameKey = "configMapName";

// How the image reads a file named so in /overrides; none: it never reads it.
std::optional<OverrideName> overrideRule(const OverrideTarget& target, std::string_view name);

}  // namespace mailu
