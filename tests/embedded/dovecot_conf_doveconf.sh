#!/usr/bin/env bash
# doveconf parses the rendered dovecot-submission.conf and reports the
# settings the chart depends on.
source "$(dirname "$0")/lib.sh"
need doveconf dovecot-core
[ -x /usr/lib/dovecot/submission ] || [ -x /usr/libexec/dovecot/submission ] ||
  skip "dovecot's submission service is not installed (Debian package dovecot-submissiond)"

# setting CONF NAME: the value doveconf gives NAME (defaults included).
setting() { doveconf -c "$1" -h "$2"; }

expect() {
  local conf="$1" name="$2" want="$3" got
  got="$(setting "${conf}" "${name}")" || fail "doveconf cannot read ${name} from ${conf}"
  [ "${got}" = "${want}" ] || fail "${name} = '${got}', expected '${want}'"
}

check() {
  local domain="$1" fqdn="$2" conf="${TMP}/$1.conf" parsed
  render_dovecot_conf "${domain}" "${fqdn}" "${conf}"
  parsed="$(doveconf -n -c "${conf}" 2>"${TMP}/doveconf.err")" ||
    fail "doveconf rejects the config for ${domain}: $(cat "${TMP}/doveconf.err")"
  if [ -s "${TMP}/doveconf.err" ]; then fail "doveconf warns: $(cat "${TMP}/doveconf.err")"; fi
  # What doveconf -n prints: the settings that differ from the defaults.
  grep -qx 'protocols = submission' <<<"${parsed}" || fail "protocols is not 'submission' in: ${parsed}"
  grep -qx 'ssl = no' <<<"${parsed}" || fail "ssl is not 'no'"
  grep -qx "submission_relay_host = ${fqdn}" <<<"${parsed}" || fail "submission_relay_host is not ${fqdn}"
  grep -qx '    port = 10025' <<<"${parsed}" || fail "no listener on port 10025"
  # The same and the rest through single-setting queries, defaults included.
  expect "${conf}" protocols submission
  expect "${conf}" service/submission-login/inet_listener/submission/port 10025
  expect "${conf}" submission_relay_host "${fqdn}"
  expect "${conf}" submission_relay_port 25
  expect "${conf}" submission_relay_ssl no
  expect "${conf}" submission_relay_trusted yes
  expect "${conf}" ssl no
  expect "${conf}" disable_plaintext_auth no
  expect "${conf}" hostname "${domain}"
  expect "${conf}" postmaster_address "admin@${domain}"
  expect "${conf}" first_valid_uid 8
  expect "${conf}" log_path /dev/stderr
  expect "${conf}" submission_max_mail_size "50 M"
  expect "${conf}" passdb/0/driver static
  expect "${conf}" passdb/0/args nopassword=y
  expect "${conf}" userdb/0/driver static
  grep -q 'uid=mail gid=mail' <<<"$(setting "${conf}" userdb/0/args)" || fail "userdb does not map to the mail user"
  note "ok: ${domain} relays to ${fqdn}:25"
}

check example.com mailu-postfix-service-c8dc7636.mailu.svc.cluster.local
check mail.example.org simple-deployment-postfix-service-c8aae4e2.mail-prod.svc.cluster.local
