// The files the constructs put into ConfigMaps (constructs/files/) and the
// data values are checked against (src/mailu/data/), embedded at build time
// so the library needs nothing at run time.
#pragma once

#include <string_view>

namespace mailu::embedded {

// The IANA time zone names, one per line after '#' comment lines, sorted
// bytewise (tools/update_timezones.sh writes it).
std::string_view timezoneNames();

// Front (nginx) entrypoint: adds the plaintext mail listeners behind Traefik.
std::string_view frontEntrypointWrapper();
// Webmail entrypoint: points Roundcube at the IMAP and submission services.
std::string_view webmailEntrypointWrapper();
// dovecot.conf of the submission relay, with @DOMAIN@ and @POSTFIX_ADDRESS@ to fill in.
std::string_view dovecotSubmissionConf();
// Appended to it with security.hardened: what dovecot needs to run as mail
// (uid 8) without capabilities.
std::string_view dovecotSubmissionUnprivilegedConf();

}  // namespace mailu::embedded
