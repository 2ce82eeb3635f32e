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

// File names an image treats alike: one name, or every name with an ending.
struct OverrideName {
  std::string_view name;       // the whole name, or the ending when `ending`
  bool ending;                 // "*.map": any name that ends so (and is longer)
  std::string_view effect;     // what the image does with such a file, and where
};

struct OverrideTarget {
  std::string_view key;  // overrides.<key>
  Component component;
  std::optional<OverrideFilesConfig> OverridesConfig::*member;
  std::string_view directory;          // where the image looks
  std::vector<OverrideName> read;      // the names it reads
  std::string_view everyOtherName = {};  // what it does with any other name; empty: nothing
  std::vector<OverrideName> skipped;   // names it passes over, for the message
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

// What the image does with a file named so in `target`'s directory; none: it never reads it.
std::optional<std::string_view> overrideEffect(const OverrideTarget& target, std::string_view name);

}  // namespace mailu
