// The files the constructs put into ConfigMaps, embedded at build time from
// constructs/files/ so the library needs nothing at run time.
#pragma once

#include <string_view>

namespace mailu::embedded {

// Front (nginx) entrypoint: adds the plaintext mail listeners behind Traefik.
std::string_view frontEntrypointWrapper();
// Webmail entrypoint: points Roundcube at the IMAP and submission services.
std::string_view webmailEntrypointWrapper();
// dovecot.conf of the submission relay, with @DOMAIN@ and @POSTFIX_ADDRESS@ to fill in.
std::string_view dovecotSubmissionConf();

}  // namespace mailu::embedded
