#include "mailu/component_registry.hpp"

#include <stdexcept>

#include "mailu_ports.hpp"

namespace mailu {
namespace {

using namespace ports;

Connection to(Component component, std::vector<int> listenerPorts, std::string_view variable, std::string_view why) {
  return {component, std::nullopt, std::move(listenerPorts), variable, why};
}

Connection outside(Outside peer, std::vector<int> peerPorts, std::string_view variable, std::string_view why,
                   std::vector<int> udpPorts = {}) {
  return {std::nullopt, peer, std::move(peerPorts), variable, why, std::move(udpPorts)};
}

Connection withFetchmail(Connection connection) {
  connection.when = OnService::kWithFetchmail;
  return connection;
}

Connection withFrontSmtp(Connection connection) {
  connection.when = OnService::kWithFrontSmtp;
  return connection;
}

// Every Mailu program resolves the Service names it is given.
Connection dns() {
  return outside(Outside::kDns, {ports::kDns}, "", "name resolution (the pod's /etc/resolv.conf)", {ports::kDns});
}

std::vector<ComponentSpec> buildComponents() {
  std::vector<ComponentSpec> components;
  components.push_back(ComponentSpec{
      .id = Component::kAdmin,
      .key = "admin",
      .name = "admin",
      .image = "admin",
      .enabledByDefault = true,
      .enabledKey = &ComponentsConfig::admin,
      .resourcesKey = &ResourcesConfig::admin,
      .workloadKey = &WorkloadsConfig::admin,
      .storageKey = &StorageConfig::admin,
      .resources = {"100m", "256Mi", "500m", "512Mi"},
      .storageSize = "5Gi",  // data and DKIM keys
      // core/admin/mailu/configuration.py DKIM_PATH, core/admin/start.py (flask db upgrade)
      .replicas = {Scaling::kOne,
                   "its DKIM keys are files under /dkim and its data a ReadWriteOnce claim, and every pod migrates "
                   "the database at start"},
      .hardening = {.capabilities = {{"CHOWN", "chown -R /dkim and /data to mailu (core/admin/start.py)"},
                                     {"SETUID", "drop_privs_to('mailu') before gunicorn (core/admin/start.py, "
                                                "core/base/libs/socrate/socrate/system.py)"},
                                     {"SETGID", "the same drop_privs_to: setgroups and setgid"}},
                    .readOnlyRootFilesystem = true,
                    .rootFilesystemWhy = "it writes only /data (its claim), /dkim, /tmp and /dev/shm (gunicorn "
                                         "--worker-tmp-dir, core/admin/start.py)",
                    .emptyDirs = {{"/dkim", "DKIM keys (DKIM_PATH, core/admin/mailu/configuration.py); the chart "
                                            "mounts no claim there, so they last as long as the pod, as without "
                                            "hardening"},
                                  {"/tmp", "Python's temporary files"}}},
      .listeners = {{"http", kAdminHttp, "web admin, /internal/* API for the other components", "core/admin/start.py"}},
      .connections = {dns(),
                      to(Component::kDovecot, {kLmtp}, "FRONT_ADDRESS",
                         "welcome and announcement mail over LMTP (core/admin/mailu/models.py)"),
                      outside(Outside::kDatabase, {}, "DB_HOST", "accounts and domains (core/admin/mailu/configuration.py)"),
                      outside(Outside::kRedis, {}, "REDIS_ADDRESS",
                              "rate limits and sessions (core/admin/mailu/configuration.py)")},
  });
  components.push_back(ComponentSpec{
      .id = Component::kFront,
      .key = "front",
      .name = "front",
      .image = "nginx",
      .enabledByDefault = true,
      .enabledKey = &ComponentsConfig::front,
      .resourcesKey = &ResourcesConfig::front,
      .workloadKey = &WorkloadsConfig::front,
      .resources = {"100m", "256Mi", "500m", "512Mi"},
      // HTTP first (D2): the web Ingress routes to front:80.
      .replicas = {Scaling::kMany},  // nginx proxying to the Services; TLS is the ingress's
      .hardening = {.capabilities = {{"CHOWN", "dovecot's master chowns its listeners to the login and internal "
                                               "users (core/nginx/dovecot/proxy.conf), nginx its temp directories"},
                                     {"DAC_OVERRIDE", "root enters nginx's 0750/0700 directories under "
                                                      "/var/lib/nginx (load_module, temp paths; core/nginx/conf/nginx.conf)"},
                                     {"SETUID", "nginx workers as nginx (`user nginx;`, core/nginx/conf/nginx.conf), "
                                                "dovecot's login and auth processes (core/nginx/dovecot/proxy.conf)"},
                                     {"SETGID", "the same workers and processes"},
                                     {"NET_BIND_SERVICE", "nginx on 80, 443, 25 (core/nginx/conf/nginx.conf), the "
                                                          "dovecot proxy on 110-993 (core/nginx/dovecot/proxy.conf)"},
                                     {"SYS_CHROOT", "dovecot 2.3 chroots its login services and anvil by default; "
                                                    "core/nginx/dovecot/proxy.conf does not clear it"},
                                     {"KILL", "dovecot's master stops its children running as other users"}},
                    .readOnlyRootFilesystem = false,
                    .rootFilesystemWhy = "core/nginx/config.py writes nginx.conf, tls.conf and proxy.conf into "
                                         "/etc/nginx, beside files of the image it includes (mime.types): an emptyDir "
                                         "there would hide them"},
      .listeners =
          {{"http", kFrontHttp, "web: /admin, /webmail, /webdav, /health", "core/nginx/conf/nginx.conf",
            OnService::kAlways, Entry::kPublic},
           {"smtps", kSmtps, "SMTP submission: TLS ended by Traefik, or by front with front.service",
            "constructs/files/front-entrypoint-wrapper.sh", OnService::kAlways, Entry::kPublic},
           {"submission", kSubmission, "SMTP submission: TLS ended by Traefik (D7), or STARTTLS at front with front.service",
            "constructs/files/front-entrypoint-wrapper.sh", OnService::kAlways, Entry::kPublic},
           {"imaps", kImaps, "IMAP: TLS ended by Traefik, or by front with front.service", "constructs/files/front-entrypoint-wrapper.sh",
            OnService::kAlways, Entry::kPublic},
           {"pop3s", kPop3s, "POP3: TLS ended by Traefik, or by front with front.service", "constructs/files/front-entrypoint-wrapper.sh",
            OnService::kAlways, Entry::kPublic},
           // Fetchmail's delivery (D21): relays into postfix with XCLIENT, so only fetchmail may
           // connect; front.service's Service sends the internet here too (exposedMailPorts).
           {"smtp", kSmtp, "SMTP for fetched mail to be scanned", "core/nginx/conf/nginx.conf",
            OnService::kWithFetchmail},
           {"lmtp", kLmtp, "LMTP proxy of front's dovecot, for fetched mail", "core/nginx/dovecot/proxy.conf",
            OnService::kWithFetchmail}},
      .connections =
          {dns(),
           to(Component::kAdmin, {kAdminHttp}, "ADMIN_ADDRESS",
              "auth_request /internal/auth/*, /admin (core/nginx/conf/nginx.conf, core/nginx/dovecot/login.lua)"),
           to(Component::kWebmail, {kWebmailHttp}, "WEBMAIL_ADDRESS", "/webmail (core/nginx/conf/nginx.conf)"),
           to(Component::kRspamd, {kRspamdHttp}, "ANTISPAM_ADDRESS", "/admin/antispam (core/nginx/conf/nginx.conf)"),
           to(Component::kWebdav, {kRadicale}, "WEBDAV_ADDRESS", "/webdav (core/nginx/conf/nginx.conf)"),
           to(Component::kPostfix, {kPostfixSubmission}, "SMTP_ADDRESS",
              "authenticated mail from 465/587, to where admin sends it (core/admin/mailu/internal/nginx.py), "
              "front's dovecot relay (core/nginx/dovecot/proxy.conf)"),
           to(Component::kDovecot, {kImap, kPop3}, "IMAP_ADDRESS",
              "IMAP and POP3 proxy, to where admin sends it (core/admin/mailu/internal/nginx.py)"),
           // Only fetchmail, and the internet through front.service, reach front's 25 (Traefik
           // routes port 25 to postfix); only fetchmail its 2525. No route brings ManageSieve
           // clients to front, so its 4190 proxy is never used.
           withFrontSmtp(to(Component::kPostfix, {kSmtp}, "SMTP_ADDRESS",
                            "fetched mail to be scanned and, with front.service, internet mail, from front's port "
                            "25 with XCLIENT (core/admin/mailu/internal/nginx.py)")),
           withFetchmail(to(Component::kDovecot, {kLmtp}, "IMAP_ADDRESS",
                            "fetched mail over LMTP, from front's dovecot (core/admin/mailu/internal/nginx.py)"))},
  });
  components.push_back(ComponentSpec{
      .id = Component::kPostfix,
      .key = "postfix",
      .name = "postfix",
      .image = "postfix",
      .enabledByDefault = true,
      .enabledKey = &ComponentsConfig::postfix,
      .resourcesKey = &ResourcesConfig::postfix,
      .workloadKey = &WorkloadsConfig::postfix,
      .storageKey = &StorageConfig::postfix,
      .resources = {"100m", "512Mi", "500m", "1Gi"},
      .storageSize = "5Gi",  // mail queue
      .replicas = {Scaling::kOne, "its mail queue is on a ReadWriteOnce claim, which one pod owns"},
      .hardening = {.capabilities = {{"CHOWN", "post-install create-missing and postfix set-permissions "
                                               "(core/postfix/start.py) chown the queue"},
                                     {"DAC_OVERRIDE", "the master (root) makes its sockets in /queue/private (0700 "
                                                      "postfix) and /queue/public"},
                                     {"FOWNER", "set-permissions chmods files that postfix owns (core/postfix/start.py)"},
                                     {"FSETID", "set-permissions sets the setgid bit of postdrop and postqueue"},
                                     {"SETUID", "the master runs its daemons as postfix; drop_privs_to('postfix') "
                                                "for podop and mta-sts (core/postfix/start.py)"},
                                     {"SETGID", "the same daemons and drop_privs_to"},
                                     {"NET_BIND_SERVICE", "smtp on 25 (core/postfix/conf/master.cf)"},
                                     {"KILL", "the master signals its postfix-owned children"}},
                    .readOnlyRootFilesystem = false,
                    .rootFilesystemWhy = "core/postfix/start.py writes main.cf, master.cf and the maps into "
                                         "/etc/postfix, beside postfix-files and dynamicmaps.cf of the image, and "
                                         "chmods /root"},
      .listeners = {{"smtp", kSmtp, "SMTP, relaying for mynetworks (SUBNET)", "core/postfix/conf/master.cf",
                     OnService::kAlways, Entry::kPublicWithoutProxyProtocol},
                    {"submission", kPostfixSubmission, "authenticated relay from front", "core/postfix/conf/master.cf"},
                    {"smtp-proxy", kPostfixProxiedSmtp, "SMTP with the PROXY protocol, mynetworks loopback only",
                     "constructs/postfix.cpp (postfix.master)", OnService::kWithProxyProtocol,
                     Entry::kPublicWithProxyProtocol}},
      .connections = {dns(),
                      to(Component::kAdmin, {kAdminHttp}, "ADMIN_ADDRESS",
                         "podop lookups /internal/postfix/* (core/postfix/start.py)"),
                      to(Component::kRspamd, {kRspamdMilter}, "ANTISPAM_ADDRESS",
                         "smtpd_milters (core/postfix/conf/main.cf)"),
                      to(Component::kDovecot, {kLmtp}, "FRONT_ADDRESS",
                         "virtual_transport lmtp (core/postfix/conf/main.cf)"),
                      outside(Outside::kInternet, {kSmtp, kSubmission, kHttps}, "",
                              "delivery to other domains' MX and relays (core/postfix/conf/main.cf), "
                              "MTA-STS policies over HTTPS (core/postfix/conf/mta-sts-daemon.yml)"),
                      outside(Outside::kRelay, {}, "RELAYHOST",
                              "every outbound message to the smarthost (relayhost, core/postfix/conf/main.cf)")},
  });
  components.push_back(ComponentSpec{
      .id = Component::kDovecot,
      .key = "dovecot",
      .name = "dovecot",
      .image = "dovecot",
      .enabledByDefault = true,
      .enabledKey = &ComponentsConfig::dovecot,
      .resourcesKey = &ResourcesConfig::dovecot,
      .workloadKey = &WorkloadsConfig::dovecot,
      .storageKey = &StorageConfig::dovecot,
      .resources = {"200m", "1Gi", "1000m", "2Gi"},  // IMAP is memory-hungry
      .storageSize = "100Gi",                          // mailboxes
      // ManageSieve last (D13). imaps and pop3s are the reference's Service
      // ports: Mailu 2024.06's dovecot.conf opens no such listener.
      .replicas = {Scaling::kOne, "its mailboxes are on a ReadWriteOnce claim, and dovecot's index locks do not span pods"},
      .hardening = {.capabilities = {{"CHOWN", "chown /mail, /var/lib/dovecot and /conf to mail "
                                               "(core/dovecot/start.py), the master's listeners"},
                                     {"DAC_OVERRIDE", "after a container restart root rewrites /conf/bin, which the "
                                                      "first start left to mail (core/dovecot/start.py)"},
                                     {"SETUID", "mail_uid, the login and internal users (core/dovecot/conf/dovecot.conf), "
                                                "drop_privs_to('mail') for podop (core/dovecot/start.py)"},
                                     {"SETGID", "mail_gid and the same users"},
                                     {"NET_BIND_SERVICE", "imap 143, pop3 110 (core/dovecot/conf/dovecot.conf)"},
                                     {"SYS_CHROOT", "dovecot 2.3 chroots its login services and anvil by default; "
                                                    "core/dovecot/conf/dovecot.conf does not clear it"},
                                     {"KILL", "the master stops idle children running as mail"}},
                    .readOnlyRootFilesystem = true,
                    .rootFilesystemWhy = "core/dovecot/start.py writes only to the emptyDirs and the claim; its "
                                         "chown -R of /conf fails on the image's templates, which os.system ignores",
                    .emptyDirs = {{"/etc/dovecot", "dovecot.conf and auth.conf (core/dovecot/start.py); the image "
                                                   "keeps nothing there that they include"},
                                  {"/conf/bin", "the spam and ham scripts (core/dovecot/start.py)"},
                                  {"/run", "dovecot's base_dir /run/dovecot"},
                                  {"/var/lib/dovecot", "state_dir (core/dovecot/Dockerfile, core/dovecot/start.py)"},
                                  {"/tmp", "podop's socket (core/dovecot/conf/dovecot.conf)"}}},
      .listeners = {{"lmtp", kLmtp, "LMTP delivery", "core/dovecot/conf/dovecot.conf"},
                    {"imap", kImap, "IMAP, no password from SUBNET", "core/dovecot/conf/dovecot.conf"},
                    {"imaps", kImaps, "nothing", ""},
                    {"pop3", kPop3, "POP3, no password from SUBNET", "core/dovecot/conf/dovecot.conf"},
                    {"pop3s", kPop3s, "nothing", ""},
                    {"sieve", kManageSieve, "ManageSieve", "core/dovecot/conf/dovecot.conf"}},
      .connections = {dns(),
                      to(Component::kAdmin, {kAdminHttp}, "ADMIN_ADDRESS",
                         "passdb/userdb /internal/dovecot/* (core/dovecot/start.py)"),
                      to(Component::kPostfix, {kSmtp}, "FRONT_ADDRESS",
                         "submission_host for sieve redirects and vacation (core/dovecot/conf/dovecot.conf, D16)"),
                      to(Component::kRspamd, {kRspamdHttp}, "ANTISPAM_ADDRESS",
                         "rspamc learn_spam/learn_ham (core/dovecot/conf/spam.script, ham.script)"),
                      to(Component::kTika, {kTika}, "FTS_ATTACHMENTS_ADDRESS",
                         "attachment text for the full-text index (fts_tika, core/dovecot/conf/dovecot.conf)")},
  });
  components.push_back(ComponentSpec{
      .id = Component::kRspamd,
      .key = "rspamd",
      .name = "rspamd",
      .image = "rspamd",
      .enabledByDefault = true,
      .enabledKey = &ComponentsConfig::rspamd,
      .resourcesKey = &ResourcesConfig::rspamd,
      .workloadKey = &WorkloadsConfig::rspamd,
      .storageKey = &StorageConfig::rspamd,
      .resources = {"100m", "512Mi", "500m", "1Gi"},
      .storageSize = "5Gi",  // learned spam data
      .replicas = {Scaling::kOne, "its /var/lib/rspamd is a ReadWriteOnce claim, which one pod owns"},
      .hardening = {.capabilities = {{"CHOWN", "chown /run/rspamd and /var/lib/rspamd to rspamd "
                                               "(core/rspamd/start.py)"},
                                     {"SETUID", "rspamd -u rspamd: workers drop to rspamd (core/rspamd/start.py)"},
                                     {"SETGID", "rspamd -g rspamd"},
                                     {"KILL", "the main process stays root and stops its rspamd workers"}},
                    .readOnlyRootFilesystem = true,
                    .rootFilesystemWhy = "it writes local.d, /run/rspamd and /tmp, all emptyDirs, and /var/lib/rspamd, "
                                         "its claim",
                    .emptyDirs = {{"/etc/rspamd/local.d", "the rendered /conf files and the overrides "
                                                          "(core/rspamd/start.py); the package leaves it empty"},
                                  {"/run", "mkdir /run/rspamd (core/rspamd/start.py)"},
                                  {"/tmp", "rspamd's temporary files"}}},
      .listeners = {{"milter", kRspamdMilter, "milter for postfix", "core/rspamd/conf/worker-proxy.inc"},
                    // Kept as the reference has it; Mailu's fuzzy worker listens on 11335.
                    {"fuzzy", kRspamdFuzzy, "nothing", ""},
                    {"rspamd", kRspamdHttp, "controller: web UI, learning, /ping",
                     "core/rspamd/conf/worker-controller.inc"}},
      .connections = {dns(),
                      to(Component::kAdmin, {kAdminHttp}, "ADMIN_ADDRESS",
                         "maps and DKIM vault /internal/rspamd/* (core/rspamd/conf/multimap.conf, dkim_signing.conf)"),
                      to(Component::kClamav, {kClamd}, "ANTIVIRUS_ADDRESS", "clamd scans (core/rspamd/conf/antivirus.conf)"),
                      to(Component::kOletools, {kOlefy}, "OLETOOLS_ADDRESS",
                         "macro scans of Office attachments (core/rspamd/conf/external_services.conf)"),
                      outside(Outside::kRedis, {}, "REDIS_ADDRESS", "statistics and history (core/rspamd/conf/redis.conf)"),
                      // rspamd's stock modules, which Mailu's local.d files leave on.
                      outside(Outside::kInternet, {kHttp, kHttps}, "",
                              "map downloads (maps.rspamd.com, SURBL) and, over UDP, the rspamd.com fuzzy "
                              "hashes (rspamd's modules.d, merged by core/rspamd/conf)",
                              {kRspamdFuzzyStorage})},
  });
  components.push_back(ComponentSpec{
      .id = Component::kDovecotSubmission,
      .key = "dovecotSubmission",
      .name = "dovecot-submission",
      .image = "",
      .fixedImage = "dovecot/dovecot:2.3-latest",
      .enabledByDefault = true,
      .enabledKey = nullptr,
      .resourcesKey = &ResourcesConfig::dovecotSubmission,
      .workloadKey = &WorkloadsConfig::dovecotSubmission,
      .resources = {"100m", "256Mi", "300m", "512Mi"},
      .replicas = {Scaling::kMany},  // a relay with its configuration in a ConfigMap
      .onlyArchitecture = "amd64",  // dovecot/dovecot:2.3 is built for amd64 only
      // Not root at all: Debian's mail user, as the seeds say, with the
      // chroots and users the rendered dovecot.conf clears (hardened part,
      // constructs/dovecot_submission.cpp). Port 10025 needs no capability.
      .hardening = {.readOnlyRootFilesystem = true,
                    .rootFilesystemWhy = "dovecot writes only its base_dir, state_dir and mail_location",
                    .emptyDirs = {{"/run/dovecot", "base_dir: the master's sockets"},
                                  {"/var/lib/dovecot", "state_dir"},
                                  {"/tmp", "mail_location maildir:/tmp/relay-only "
                                           "(constructs/files/dovecot-submission.conf)"}},
                    .runAsUser = 8,
                    .runAsGroup = 8,
                    .userWhy = "mail (8:8) in the Debian-based dovecot/dovecot:2.3 image, the user its static "
                               "userdb maps every session to (constructs/files/dovecot-submission.conf)"},
      .listeners = {{"submission", kSubmissionRelay, "submission relay for webmail, any password",
                     "constructs/files/dovecot-submission.conf"}},
      .connections = {dns(), to(Component::kPostfix, {kSmtp}, "submission_relay_host",
                                "relays every message (constructs/files/dovecot-submission.conf)")},
  });
  components.push_back(ComponentSpec{
      .id = Component::kWebmail,
      .key = "webmail",
      .name = "webmail",
      .image = "webmail",
      .enabledByDefault = true,  // D5
      .enabledKey = &ComponentsConfig::webmail,
      .resourcesKey = &ResourcesConfig::webmail,
      .workloadKey = &WorkloadsConfig::webmail,
      .storageKey = &StorageConfig::webmail,
      .resources = {"100m", "256Mi", "500m", "512Mi"},
      .storageSize = "5Gi",
      // webmails/start.py: Roundcube's GPG keys, and all of Snappymail's data, are in /data
      .replicas = {Scaling::kOne, "its /data (Snappymail's settings, Roundcube's GPG keys) is a ReadWriteOnce claim"},
      .hardening = {.capabilities = {{"CHOWN", "chown -R /data to mailu (webmails/start.py), php-fpm's socket "
                                               "to nginx (webmails/php-webmail.conf)"},
                                     {"DAC_OVERRIDE", "on restart root rewrites files under /data that mailu owns "
                                                      "(webmails/start.py), and enters nginx's directories"},
                                     {"SETUID", "drop_privs_to in demote() (webmails/start.py), the php-fpm pool "
                                                "as mailu (webmails/php-webmail.conf), nginx workers"},
                                     {"SETGID", "the same"},
                                     {"NET_BIND_SERVICE", "nginx on 80 (webmails/nginx-webmail.conf)"},
                                     {"KILL", "pm = ondemand: the root php-fpm master stops idle mailu children "
                                              "(webmails/php-webmail.conf)"}},
                    .readOnlyRootFilesystem = false,
                    .rootFilesystemWhy = "webmails/start.py writes /etc/snuffleupagus.rules, php.ini into /etc/php83 "
                                         "and config.inc.php into Roundcube's config directory, beside files of the "
                                         "image there"},
      .listeners = {{"http", kWebmailHttp, "Roundcube or Snappymail", "webmails/nginx-webmail.conf"}},
      .connections = {dns(),
                      to(Component::kDovecot, {kImap, kManageSieve}, "IMAP_ADDRESS",
                         "IMAP and ManageSieve (constructs/files/webmail-entrypoint-wrapper.sh)"),
                      to(Component::kDovecotSubmission, {kSubmissionRelay}, "SUBMISSION_ADDRESS",
                         "sending (constructs/files/webmail-entrypoint-wrapper.sh)"),
                      outside(Outside::kDatabase, {}, "ROUNDCUBE_DB_HOST", "Roundcube's own data (webmails/start.py, D12)")},
  });
  components.push_back(ComponentSpec{
      .id = Component::kClamav,
      .key = "clamav",
      .name = "clamav",
      .image = "clamav",
      .enabledByDefault = false,
      .enabledKey = &ComponentsConfig::clamav,
      .resourcesKey = &ResourcesConfig::clamav,
      .workloadKey = &WorkloadsConfig::clamav,
      .storageKey = &StorageConfig::clamav,
      .resources = {"500m", "1Gi", "2000m", "2Gi"},  // the signature database lives in memory
      .storageSize = "15Gi",                           // signatures
      // Mailu 2024.06 ships no ClamAV image: its compose setup runs clamav/clamav-debian.
      .replicas = {Scaling::kOne, "its signature database is a ReadWriteOnce claim, which one pod owns"},
      .hardening = {.capabilities = {{"CHOWN", "chown -R clamav /var/lib/clamav and install -o clamav /run/clamav "
                                               "(the clamav-debian image's docker-entrypoint.sh)"},
                                     {"FOWNER", "install -m 775 chmods /run/clamav once clamav owns it"},
                                     {"SETUID", "freshclam --user=clamav, clamd.conf's User clamav"},
                                     {"SETGID", "the same"}},
                    .readOnlyRootFilesystem = true,
                    .rootFilesystemWhy = "the entrypoint writes /run, /tmp, /var/log/clamav and /var/lib/clamav; "
                                         "unverified whether its ln -sf /run/lock /var/lock writes elsewhere",
                    .emptyDirs = {{"/run", "/run/clamav and /run/lock (docker-entrypoint.sh)"},
                                  {"/tmp", "clamd's socket and freshclam's first configuration"},
                                  {"/var/log/clamav", "clamd.log and freshclam.log (the image's LogFile)"},
                                  {"/var/lib/clamav", "the signatures freshclam fetches (DatabaseDirectory); the "
                                                      "chart's claim is at /data"}}},
      .listeners = {{"clamav", kClamd, "clamd", "clamd.conf of the ClamAV image (TCPSocket 3310)"}},
      .connections = {dns(), outside(Outside::kInternet, {kHttps}, "",
                                     "freshclam's signature mirrors, database.clamav.net")},
      .sharedSettings = {{"ANTIVIRUS", "clamav"}},  // rspamd scans only with it (core/rspamd/conf/antivirus.conf, D17)
  });
  components.push_back(ComponentSpec{
      .id = Component::kFetchmail,
      .key = "fetchmail",
      .name = "fetchmail",
      .image = "fetchmail",
      .enabledByDefault = false,
      .enabledKey = &ComponentsConfig::fetchmail,
      .resourcesKey = &ResourcesConfig::fetchmail,
      .workloadKey = &WorkloadsConfig::fetchmail,
      .resources = {"50m", "128Mi", "200m", "256Mi"},
      .replicas = {Scaling::kOne, "each pod would fetch the same mailboxes and deliver their mail again"},
      .hardening = {.capabilities = {{"CHOWN", "os.chown of /data and /data/fetchids "
                                               "(optional/fetchmail/fetchmail.py)"},
                                     {"FOWNER", "chmod and touch of fetchids once fetchmail owns it "
                                                "(optional/fetchmail/fetchmail.py)"},
                                     {"SETUID", "drop_privs_to('fetchmail') (optional/fetchmail/fetchmail.py)"},
                                     {"SETGID", "the same"}},
                    .readOnlyRootFilesystem = true,
                    .rootFilesystemWhy = "it writes /data/fetchids, /tmp and /dev/shm (optional/fetchmail/fetchmail.py)",
                    .emptyDirs = {{"/data", "fetchids, which lasts as long as the pod, as without hardening (no claim)"},
                                  {"/tmp", "the rc file (NamedTemporaryFile, optional/fetchmail/fetchmail.py)"}}},
      .connections = {dns(),
                      to(Component::kAdmin, {kAdminHttp}, "ADMIN_ADDRESS",
                         "the fetches /internal/fetch (optional/fetchmail/fetchmail.py)"),
                      to(Component::kFront, {kSmtp, kLmtp}, "FRONT_ADDRESS",
                         "delivery, SMTP to be scanned or LMTP (optional/fetchmail/fetchmail.py, D21)"),
                      outside(Outside::kInternet, {kPop3, kImap, kImaps, kPop3s}, "",
                              "the remote mailboxes (optional/fetchmail/fetchmail.py)")},
  });
  components.push_back(ComponentSpec{
      .id = Component::kWebdav,
      .key = "webdav",
      .name = "webdav",
      .image = "radicale",
      .enabledByDefault = false,
      .enabledKey = &ComponentsConfig::webdav,
      .resourcesKey = &ResourcesConfig::webdav,
      .workloadKey = &WorkloadsConfig::webdav,
      .storageKey = &StorageConfig::webdav,
      .resources = {"50m", "128Mi", "200m", "256Mi"},
      .storageSize = "5Gi",  // calendars, contacts
      .replicas = {Scaling::kOne, "Radicale keeps calendars and contacts as files on a ReadWriteOnce claim"},
      .hardening = {.readOnlyRootFilesystem = true,
                    .rootFilesystemWhy = "radicale runs as root without dropping privileges and writes only /data, "
                                         "its claim (optional/radicale/Dockerfile, radicale.conf)"},
      .listeners = {{"http", kRadicale, "CalDAV/CardDAV, trusting front's X-Remote-User",
                     "optional/radicale/radicale.conf"}},
      .connections = {dns()},
  });
  components.push_back(ComponentSpec{
      .id = Component::kOletools,
      .key = "oletools",
      .name = "oletools",
      .image = "oletools",  // core/oletools, built for every Mailu tag (tests/build.hcl)
      .enabledByDefault = false,
      .enabledKey = &ComponentsConfig::oletools,
      .resourcesKey = &ResourcesConfig::oletools,
      .workloadKey = &WorkloadsConfig::oletools,
      // olefy runs one olevba process per Office part rspamd sends, each at
      // most rspamd's max_size of 3 MiB (core/rspamd/conf/external_services.conf).
      .resources = {"50m", "128Mi", "500m", "512Mi"},
      .replicas = {Scaling::kMany},  // olefy answers each request on its own
      .hardening = {.readOnlyRootFilesystem = true,
                    .rootFilesystemWhy = "it runs as nobody (core/oletools/Dockerfile USER) and writes only /dev/shm "
                                         "(OLEFY_TMPDIR), the runtime's own tmpfs"},
      .listeners = {{"olefy", kOlefy, "olefy: olevba reports on Office attachments for rspamd",
                     "core/oletools/Dockerfile (OLEFY_BINDPORT, olefy.py run by core/oletools/start.py)"}},
      // None, not even DNS: olefy only answers. Its egress is denied
      // entirely (network_plan.cpp): it parses attachments from anyone.
      .connections = {},
      // rspamd's oletools module and its symbols exist only with it
      // (core/rspamd/conf/external_services.conf, external_services_group.conf);
      // rspamd reads socrate's coerced environment (core/rspamd/start.py), where "true" is True.
      .sharedSettings = {{"SCAN_MACROS", "true"}},
  });
  components.push_back(ComponentSpec{
      .id = Component::kTika,
      .key = "tika",
      .name = "tika",
      .image = "",
      // Mailu ships no Tika image; its compose setup runs apache/tika:latest-full
      // (setup/flavors/compose/docker-compose.yml). -full has the OCR and parsers
      // that setup expects; pinned by version and digest (the Helm chart 2.7.1's
      // pin) so every node runs the same build.
      .fixedImage = "apache/tika:3.2.3.0-full@sha256:21d8052de04e491ccf66e8680ade4da6f3d453a56d59f740b4167e54167219b7",
      .enabledByDefault = false,
      .enabledKey = &ComponentsConfig::tika,
      .resourcesKey = &ResourcesConfig::tika,
      .workloadKey = &WorkloadsConfig::tika,
      // A JVM (heap a quarter of the limit by default) that parses and OCRs
      // whole attachments.
      .resources = {"200m", "512Mi", "1000m", "2Gi"},
      .replicas = {Scaling::kMany},  // Tika server answers each request on its own
      .hardening = {.readOnlyRootFilesystem = true,
                    .rootFilesystemWhy = "it runs as 35002 (the image's USER) and writes only /tmp; unverified",
                    .emptyDirs = {{"/tmp", "java.io.tmpdir of the server, its forked child and tesseract"}}},
      .listeners = {{"http", kTika, "Tika server: the text of attachments for dovecot's fts_tika",
                     "tika-server of the apache/tika image (port 9998)"}},
      // None, not even DNS: Tika only answers. Its egress is denied entirely
      // (network_plan.cpp): it parses attachments from anyone.
      .connections = {},
      // Dovecot renders dovecot.conf with the raw environment (core/dovecot/start.py),
      // where any text but the empty one is true: set only with Tika running.
      .sharedSettings = {{"FULL_TEXT_SEARCH_ATTACHMENTS", "true"}},
  });
  return components;
}

std::vector<AddressVariable> buildAddressVariables() {
  return {
      {"ADMIN_ADDRESS", Component::kAdmin},
      // Despite its name, where postfix delivers over LMTP (core/postfix/conf/main.cf): dovecot.
      {"FRONT_ADDRESS", Component::kDovecot},
      {"WEBMAIL_ADDRESS", Component::kWebmail},
      {"ANTISPAM_ADDRESS", Component::kRspamd},
      {"SMTP_ADDRESS", Component::kPostfix},
      {"IMAP_ADDRESS", Component::kDovecot},
      {"SUBMISSION_ADDRESS", Component::kDovecotSubmission},
      {"ANTIVIRUS_ADDRESS", Component::kClamav, {}, true, "core/rspamd/conf/antivirus.conf (D17)"},
      {"WEBDAV_ADDRESS", Component::kWebdav, {}, true, "front's /webdav, core/nginx/conf/nginx.conf (D19)"},
      // Both host only: the templates add the port (and Tika's path).
      {"OLETOOLS_ADDRESS", Component::kOletools, {}, true, "olefy, core/rspamd/conf/external_services.conf"},
      {"FTS_ATTACHMENTS_ADDRESS", Component::kTika, {}, true, "fts_tika, core/dovecot/conf/dovecot.conf"},
      {"FRONT_ADDRESS", Component::kPostfix, Component::kDovecot, true,
       "submission_host, core/dovecot/conf/dovecot.conf (D16)"},
      {"IMAP_ADDRESS", Component::kDovecot, Component::kWebmail, false},
      {"SMTP_ADDRESS", Component::kPostfix, Component::kWebmail, false},
      {"FRONT_ADDRESS", Component::kFront, Component::kWebmail, false},
      {"FRONT_ADDRESS", Component::kFront, Component::kFetchmail, true,
       "delivery, optional/fetchmail/fetchmail.py (D21)"},
  };
}

}  // namespace

const std::vector<ComponentSpec>& mailuComponents() {
  static const std::vector<ComponentSpec> components = buildComponents();
  return components;
}

std::string emptyDirVolumeName(std::string_view path) {
  std::string name;
  for (char c : path.substr(path.starts_with('/') ? 1 : 0)) name += (c == '/' || c == '.') ? '-' : c;
  return name;
}

const ComponentSpec& componentSpec(Component component) {
  for (const ComponentSpec& spec : mailuComponents()) {
    if (spec.id == component) return spec;
  }
  throw std::logic_error("component missing from the registry");
}

bool isEnabled(const std::optional<ComponentsConfig>& components, Component component) {
  const ComponentSpec& spec = componentSpec(component);
  if (!components || spec.enabledKey == nullptr) return spec.enabledByDefault;
  return ((*components).*spec.enabledKey).value_or(spec.enabledByDefault);
}

static bool switchedOn(OnService when, ListenerSwitches switches) {
  switch (when) {
    case OnService::kAlways:
      return true;
    case OnService::kWithFetchmail:
      return switches.fetchmail;
    case OnService::kWithProxyProtocol:
      return switches.proxyProtocol;
    case OnService::kWithFrontSmtp:
      return switches.fetchmail || switches.exposedSmtp;
  }
  return false;
}

const std::vector<ExposedMailPort>& exposedMailPorts() {
  // What front serves with TLS_FLAVOR=mail: nginx takes SMTP on 25 with
  // STARTTLS and relays it to postfix with XCLIENT (postfix trusts XCLIENT
  // from SUBNET, core/postfix/conf/main.cf); front's dovecot proxies the
  // client ports with TLS, 587 once PORTS names it (socrate's default PORTS
  // leaves it out: core/base/libs/socrate/socrate/system.py).
  static const std::vector<ExposedMailPort> ports{
      {"smtp", kSmtp, kProxiedSmtpAtFront, "SMTP from other servers, STARTTLS", "core/nginx/conf/nginx.conf"},
      {"smtps", kSmtps, kProxiedSmtpsAtFront, "SMTP submission, implicit TLS", "core/nginx/dovecot/proxy.conf"},
      {"submission", kSubmission, kProxiedSubmissionAtFront, "SMTP submission, STARTTLS",
       "core/nginx/dovecot/proxy.conf"},
      {"imaps", kImaps, kProxiedImapsAtFront, "IMAP, implicit TLS", "core/nginx/dovecot/proxy.conf"},
      {"pop3s", kPop3s, kProxiedPop3sAtFront, "POP3, implicit TLS", "core/nginx/dovecot/proxy.conf"},
  };
  return ports;
}

bool onService(const Listener& listener, ListenerSwitches switches) { return switchedOn(listener.onService, switches); }

bool isServed(const Listener& listener, ListenerSwitches switches) {
  return !listener.openedBy.empty() && onService(listener, switches);
}

bool isMade(const Connection& connection, ListenerSwitches switches) { return switchedOn(connection.when, switches); }

bool isEntryPoint(const Listener& listener, ListenerSwitches switches) {
  switch (listener.entry) {
    case Entry::kNone:
      return false;
    case Entry::kPublic:
      return true;
    case Entry::kPublicWithProxyProtocol:
      return switches.proxyProtocol;
    case Entry::kPublicWithoutProxyProtocol:
      return switches.mailRoutes && !switches.proxyProtocol;
  }
  return false;
}

const std::vector<AddressVariable>& addressVariables() {
  static const std::vector<AddressVariable> variables = buildAddressVariables();
  return variables;
}

bool isAddressVariable(std::string_view name) {
  for (const AddressVariable& variable : addressVariables()) {
    if (variable.name == name) return true;
  }
  return false;
}

const std::vector<std::string_view>& containerVariables() {
  static const std::vector<std::string_view> kVariables = {
      "SECRET_KEY",                                                          // every Mailu image
      "DB_USER", "DB_PW",                                                    // admin with PostgreSQL (D18)
      "ROUNDCUBE_DB_FLAVOR", "ROUNDCUBE_DB_HOST", "ROUNDCUBE_DB_NAME",       // webmail with PostgreSQL (D12)
      "ROUNDCUBE_DB_USER", "ROUNDCUBE_DB_PW",
      "INITIAL_ADMIN_ACCOUNT", "INITIAL_ADMIN_DOMAIN", "INITIAL_ADMIN_MODE", "INITIAL_ADMIN_PW",  // admin (D8)
      "API_TOKEN",                                                           // admin with mailu.apiEnabled
      "PROXY_PROTOCOL",                                                      // front behind Traefik's PROXY (D14)
      "TLS_FLAVOR", "PORTS", "TLS",                                          // front with front.service
      "PROXY_ALTERNATE_PORTS", "PROXY_ALTERNATE_FROM",                       // front.service.proxyProtocol
      "RELAYHOST", "RELAYUSER", "RELAYPASSWORD",                             // postfix with relay
      "FETCHMAIL_DELAY",                                                     // fetchmail
      "WEBMAIL",                                                             // webmail's flavour
  };
  return kVariables;
}

bool isContainerVariable(std::string_view name) {
  for (std::string_view variable : containerVariables()) {
    if (variable == name) return true;
  }
  return false;
}

const std::vector<OwnedVariable>& configVariables() {
  static const std::vector<OwnedVariable> kVariables = {
      {"DOMAIN", "domain"}, {"HOSTNAMES", "hostnames"}, {"SUBNET", "subnet"}, {"TZ", "timezone"},
      {"POSTMASTER", "mailu.postmaster"}, {"MESSAGE_SIZE_LIMIT", "mailu.messageSizeLimit"},
      {"LOG_LEVEL", "mailu.logLevel"}, {"DB_FLAVOR", "database.type"}, {"DB_HOST", "database.postgresql.host"},
      {"DB_NAME", "database.postgresql.database"}, {"REDIS_ADDRESS", "redis.host"},
      {"RELAYNETS", "relay.relayNets"}, {"RECIPIENT_DELIMITER", "mailu.recipientDelimiter"},
      {"DMARC_RUA", "mailu.dmarc.rua"}, {"DMARC_RUF", "mailu.dmarc.ruf"},
      {"WILDCARD_SENDERS", "mailu.wildcardSenders"}, {"WELCOME", "mailu.welcome.enabled"},
      {"WELCOME_SUBJECT", "mailu.welcome.subject"}, {"WELCOME_BODY", "mailu.welcome.body"},
      {"DEFAULT_QUOTA", "mailu.defaultQuota"}, {"DEFAULT_SPAM_THRESHOLD", "mailu.defaultSpamThreshold"},
      {"AUTH_RATELIMIT_IP", "mailu.authRatelimit.ip"}, {"AUTH_RATELIMIT_IP_V4_MASK", "mailu.authRatelimit.ipv4Mask"},
      {"AUTH_RATELIMIT_IP_V6_MASK", "mailu.authRatelimit.ipv6Mask"}, {"AUTH_RATELIMIT_USER", "mailu.authRatelimit.user"},
      {"AUTH_RATELIMIT_EXEMPTION", "mailu.authRatelimit.exemption"},
      {"AUTH_RATELIMIT_EXEMPTION_LENGTH", "mailu.authRatelimit.exemptionLength"},
      {"MESSAGE_RATELIMIT", "mailu.messageRatelimit.value"},
      {"MESSAGE_RATELIMIT_EXEMPTION", "mailu.messageRatelimit.exemption"},
      {"OUTBOUND_TLS_LEVEL", "mailu.tls.outboundLevel"}, {"INBOUND_TLS_ENFORCE", "mailu.tls.inboundEnforce"},
      {"DEFER_ON_TLS_ERROR", "mailu.tls.deferOnError"}, {"FULL_TEXT_SEARCH", "mailu.fullTextSearch"},
      {"ANTIVIRUS", "components.clamav"}, {"SCAN_MACROS", "components.oletools"},
      {"FULL_TEXT_SEARCH_ATTACHMENTS", "components.tika"},
      // Fixed by the chart's design: TLS at the ingress, the ingress's address header, the paths front serves.
      {"TLS_FLAVOR", "the chart"}, {"REAL_IP_FROM", "the chart (subnet)"}, {"REAL_IP_HEADER", "the chart"},
      {"WEB_ADMIN", "the chart"}, {"WEB_WEBMAIL", "the chart"}, {"MAILU_HELM_CHART", "the chart"},
  };
  return kVariables;
}

const std::vector<OwnedVariable>& trustVariables() {
  static const std::vector<OwnedVariable> kVariables = {
      // mynetworks and smtpd_authorized_xclient_hosts (core/postfix/conf/main.cf); admin's trusted networks
      // (core/admin/mailu/configuration.py): any IPv6 client in it relays without a login.
      {"SUBNET6", "postfix would relay for every IPv6 client in it without a login (subnet is IPv4 only)"},
      // Which front listeners take a PROXY header (core/base/libs/socrate/socrate/system.py): a client
      // reaching one could claim any address.
      {"PROXY_PROTOCOL", "front would take client addresses from PROXY headers (ingress.traefik.proxyProtocol sets it)"},
  };
  return kVariables;
}

bool isChartPodLabel(std::string_view key) {
  return key == "app.kubernetes.io/name" || key == "app.kubernetes.io/component" || key.starts_with("cdk8s.io/");
}

}  // namespace mailu
