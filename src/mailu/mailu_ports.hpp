// The ports Mailu 2024.06's programs listen on, in one place. Each is what a
// Service exposes and what the clients of that program dial; the file that
// opens the port is named beside it (paths in github.com/Mailu/Mailu at tag
// 2024.06.57).
#pragma once

namespace mailu::ports {

constexpr int kAdminHttp = 8080;         // gunicorn: core/admin/start.py
constexpr int kSmtp = 25;                // postfix `smtp inet`: core/postfix/conf/master.cf; front: core/nginx/conf/nginx.conf
constexpr int kPostfixSubmission = 10025;  // postfix's authenticated relay: core/postfix/conf/master.cf
// Postfix listener for Traefik's port-25 traffic with the PROXY protocol (D14):
// not Mailu's, added by this chart's postfix.master override.
constexpr int kPostfixProxiedSmtp = 2525;
constexpr int kLmtp = 2525;              // dovecot LMTP: core/dovecot/conf/dovecot.conf; front: core/nginx/dovecot/proxy.conf
constexpr int kImap = 143;               // dovecot: core/dovecot/conf/dovecot.conf
constexpr int kPop3 = 110;               // dovecot: core/dovecot/conf/dovecot.conf
constexpr int kManageSieve = 4190;       // dovecot: core/dovecot/conf/dovecot.conf
constexpr int kSubmissionRelay = 10025;  // this chart's dovecot-submission (constructs/files/dovecot-submission.conf)
constexpr int kFrontHttp = 80;           // nginx: core/nginx/conf/nginx.conf
// Mail ports whose TLS Traefik ends; front serves them in plaintext through
// the nginx patch (constructs/files/front-entrypoint-wrapper.sh).
constexpr int kSmtps = 465;
constexpr int kSubmission = 587;
constexpr int kImaps = 993;
constexpr int kPop3s = 995;
// front.service.proxyProtocol: front's listeners for the exposed mail ports
// that take the PROXY protocol, beside the standard ones that do not (the
// seeds' operator notes: alternate ports for the load balancer, the standard
// ones for clients inside the cluster). Not Mailu's: the entrypoint wrapper
// adds them (constructs/files/front-entrypoint-wrapper.sh).
constexpr int kProxiedSmtpAtFront = 11025;
constexpr int kProxiedSmtpsAtFront = 11465;
constexpr int kProxiedSubmissionAtFront = 11587;
constexpr int kProxiedImapsAtFront = 11993;
constexpr int kProxiedPop3sAtFront = 11995;
constexpr int kRadicale = 5232;          // optional/radicale/radicale.conf; front's /webdav: core/nginx/conf/nginx.conf
constexpr int kClamd = 3310;             // rspamd's antivirus.conf: core/rspamd/conf/antivirus.conf
constexpr int kRspamdMilter = 11332;     // rspamd's proxy worker (core/rspamd/conf/worker-proxy.inc), postfix's smtpd_milters
// Kept on the Service as the reference has it; Mailu 2024.06's rspamd serves
// its fuzzy storage on 11335 instead (core/rspamd/conf/worker-fuzzy.inc).
constexpr int kRspamdFuzzy = 11333;
constexpr int kRspamdHttp = 11334;       // controller (worker-controller.inc): web UI, API, /ping; front's /admin/antispam
constexpr int kWebmailHttp = 80;         // webmails/nginx-webmail.conf
// olefy (OLEFY_BINDPORT in core/oletools/Dockerfile), where rspamd's oletools
// module sends Office attachments: core/rspamd/conf/external_services.conf
// appends ":11343" to OLETOOLS_ADDRESS.
constexpr int kOlefy = 11343;
// Apache Tika's server (the apache/tika image's default port), where dovecot's
// fts_tika sends attachments: core/dovecot/conf/dovecot.conf writes
// "http://FTS_ATTACHMENTS_ADDRESS:9998/tika/".
constexpr int kTika = 9998;
// Outside the chart.
constexpr int kDns = 53;                 // the cluster resolver, UDP and TCP
constexpr int kHttp = 80;                // rspamd's map downloads
constexpr int kHttps = 443;              // signature mirrors, rspamd maps, MTA-STS policies
// rspamd's fuzzy hash servers (fuzzy1.rspamd.com), UDP: the stock fuzzy_check rule.
constexpr int kRspamdFuzzyStorage = 11335;

}  // namespace mailu::ports
