#include "override_files.hpp"

#include <algorithm>

namespace mailu {
namespace {

bool matches(const OverrideName& rule, std::string_view name) {
  if (!rule.ending) return name == rule.name;
  return name.size() > rule.name.size() && name.substr(name.size() - rule.name.size()) == rule.name;
}

std::vector<OverrideTarget> buildTargets() {
  return {
      {.key = "postfix",
       .component = Component::kPostfix,
       .member = &OverridesConfig::postfix,
       .read = {{"postfix.cf", false, "each line applied with postconf -e (core/postfix/start.py)",
                 PostconfLines::kMain},
                {"postfix.master", false, "each line applied with postconf -Me (core/postfix/start.py)",
                 PostconfLines::kMaster},
                {".map", true,
                 "copied to /etc/postfix and compiled with postmap, for lmdb:/etc/postfix/<name> "
                 "(core/postfix/start.py)"},
                {"mta-sts-daemon.yml", false, "replaces Mailu's /etc/mta-sts-daemon.yml (core/postfix/start.py)"}},
       .chartFiles = true},
      {.key = "dovecot",
       .component = Component::kDovecot,
       .member = &OverridesConfig::dovecot,
       .read = {{"dovecot.conf", false, "included last by !include_try (core/dovecot/conf/dovecot.conf)"}}},
      // start.py renders Mailu's /conf files into local.d and copies every
      // other file there; Mailu's .conf files also include the same name
      // from /overrides, merged over their settings.
      {.key = "rspamd",
       .component = Component::kRspamd,
       .member = &OverridesConfig::rspamd,
       .everyOtherName = "copied into /etc/rspamd/local.d, or merged over Mailu's file of that name "
                         "(core/rspamd/start.py, core/rspamd/conf)",
       .mailusOwn = {"local_subnet.map", "logging.inc", "options.inc", "redis.conf", "worker-controller.inc",
                     "worker-fuzzy.inc", "worker-normal.inc", "worker-proxy.inc"}},
      {.key = "nginx",
       .component = Component::kFront,
       .member = &OverridesConfig::nginx,
       .read = {{".conf", true,
                 "included in the web server block before Mailu's locations (core/nginx/conf/nginx.conf)"}}},
      {.key = "roundcube",
       .component = Component::kWebmail,
       .member = &OverridesConfig::roundcube,
       .read = {{".inc", true, "included at the end of Roundcube's config.inc.php (webmails/start.py)"},
                {".inc.php", true, "included at the end of Roundcube's config.inc.php (webmails/start.py)"}},
       .webmail = WebmailType::kRoundcube},
  };
}

}  // namespace

const std::vector<OverrideTarget>& overrideTargets() {
  static const std::vector<OverrideTarget> targets = buildTargets();
  return targets;
}

std::optional<OverrideName> overrideRule(const OverrideTarget& target, std::string_view name) {
  if (std::find(target.mailusOwn.begin(), target.mailusOwn.end(), name) != target.mailusOwn.end()) return std::nullopt;
  const auto found = std::find_if(target.read.begin(), target.read.end(),
                                  [&](const OverrideName& rule) { return matches(rule, name); });
  if (found != target.read.end()) return *found;
  if (!target.everyOtherName.empty()) return OverrideName{.name = {}, .ending = true, .effect = target.everyOtherName};
  return std::nullopt;
}

}  // namespace mailu
