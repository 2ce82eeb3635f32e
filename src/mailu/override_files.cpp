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
       .directory = "/overrides",
       .read = {{"postfix.cf", false, "each line applied with postconf -e (core/postfix/start.py)"},
                {"postfix.master", false, "each line applied with postconf -Me (core/postfix/start.py)"},
                {".map", true,
                 "copied to /etc/postfix and compiled with postmap, for lmdb:/etc/postfix/<name> "
                 "(core/postfix/start.py)"},
                {"mta-sts-daemon.yml", false, "replaces Mailu's /etc/mta-sts-daemon.yml (core/postfix/start.py)"}},
       .chartFiles = true},
      {.key = "dovecot",
       .component = Component::kDovecot,
       .member = &OverridesConfig::dovecot,
       .directory = "/overrides",
       .read = {{"dovecot.conf", false, "included last by !include_try (core/dovecot/conf/dovecot.conf)"}}},
      // start.py renders Mailu's /conf files into local.d and copies every
      // other file there; Mailu's .conf files also include the same name
      // from /overrides, merged over their settings.
      {.key = "rspamd",
       .component = Component::kRspamd,
       .member = &OverridesConfig::rspamd,
       .directory = "/overrides",
       .everyOtherName = "copied into /etc/rspamd/local.d, or merged over Mailu's file of that name "
                         "(core/rspamd/start.py, core/rspamd/conf)",
       .skipped = {{"local_subnet.map", false, "Mailu's own"},
                   {"logging.inc", false, "Mailu's own"},
                   {"options.inc", false, "Mailu's own"},
                   {"redis.conf", false, "Mailu's own"},
                   {"worker-controller.inc", false, "Mailu's own"},
                   {"worker-fuzzy.inc", false, "Mailu's own"},
                   {"worker-normal.inc", false, "Mailu's own"},
                   {"worker-proxy.inc", false, "Mailu's own"}}},
      {.key = "nginx",
       .component = Component::kFront,
       .member = &OverridesConfig::nginx,
       .directory = "/overrides",
       .read = {{".conf", true,
                 "included in the web server block before Mailu's locations (core/nginx/conf/nginx.conf)"}}},
      {.key = "roundcube",
       .component = Component::kWebmail,
       .member = &OverridesConfig::roundcube,
       .directory = "/overrides",
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

std::optional<std::string_view> overrideEffect(const OverrideTarget& target, std::string_view name) {
  const auto rule = [&](const OverrideName& candidate) { return matches(candidate, name); };
  if (std::any_of(target.skipped.begin(), target.skipped.end(), rule)) return std::nullopt;
  const auto found = std::find_if(target.read.begin(), target.read.end(), rule);
  if (found != target.read.end()) return found->effect;
  if (!target.everyOtherName.empty()) return target.everyOtherName;
  return std::nullopt;
}

}  // namespace mailu
