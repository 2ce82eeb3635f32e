#!/usr/bin/env bash
# The webmail script's patch step applied to a Mailu 2024.06 Roundcube config
# points IMAP, SMTP and ManageSieve at the cluster services in plaintext, and
# PHP still accepts the file (php -l) and reads the new values from it.
source "$(dirname "$0")/lib.sh"
need php php-cli

imap=mailu-dovecot-service-c8c4c495.mailu.svc.cluster.local
submission=mailu-dovecot-submission-service-c88c85f9.mailu.svc.cluster.local
conf="${TMP}/config.inc.php"
cp "${FIXTURES_DIR}/config.inc.php" "${conf}"
webmail_patch "${conf}" "${imap}" "${submission}" >"${TMP}/patch.out" 2>&1 ||
  fail "patch step failed: $(cat "${TMP}/patch.out")"

grep -qxF "\$config['imap_host'] = 'imap://${imap}:143';" "${conf}" || fail "imap_host is not imap://${imap}:143"
grep -qxF "\$config['smtp_host'] = 'smtp://${submission}:10025';" "${conf}" || fail "smtp_host is not smtp://${submission}:10025"
grep -qxF "\$config['managesieve_host'] = 'sieve://${imap}:4190';" "${conf}" || fail "managesieve_host is not sieve://${imap}:4190"
if grep -q 'tls://' "${conf}"; then fail "a tls:// endpoint is left: $(grep 'tls://' "${conf}")"; fi
# Nothing else changed: the diff is exactly the three lines.
changed="$(diff "${FIXTURES_DIR}/config.inc.php" "${conf}" | grep -c '^>')" || true
[ "${changed}" -eq 3 ] || fail "expected 3 changed lines, got ${changed}"

php -l "${conf}" >"${TMP}/php-l.out" 2>&1 || fail "php -l rejects the patched config: $(cat "${TMP}/php-l.out")"
values="$(php -r 'include $argv[1]; echo $config["imap_host"], "|", $config["smtp_host"], "|", $config["managesieve_host"], "|", $config["smtp_user"];' "${conf}")"
[ "${values}" = "imap://${imap}:143|smtp://${submission}:10025|sieve://${imap}:4190|%u" ] ||
  fail "PHP reads: ${values}"
# Roundcube takes any scheme but ssl:// and tls:// as plaintext, and the port
# from the URL (rcube_utils::parse_host_uri); check that PHP parses them so.
parsed="$(php -r 'include $argv[1]; foreach (["imap_host", "smtp_host", "managesieve_host"] as $k) { $u = parse_url($config[$k]); echo $u["scheme"], " ", $u["host"], " ", $u["port"], "\n"; }' "${conf}")"
[ "${parsed}" = "imap ${imap} 143"$'\n'"smtp ${submission} 10025"$'\n'"sieve ${imap} 4190" ] ||
  fail "parse_url gives:"$'\n'"${parsed}"
note "ok: php -l accepts the patched config and PHP reads ${values}"
