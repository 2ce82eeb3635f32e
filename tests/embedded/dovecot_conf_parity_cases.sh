#!/usr/bin/env bash
# For every public parity case, the dovecot.conf that mailu-synth actually
# writes into the dovecot-submission ConfigMap is accepted by doveconf, and
# relays to that case's Postfix Service on port 25.
# usage: dovecot_conf_parity_cases.sh MAILU_SYNTH CASES_DIR
source "$(dirname "$0")/lib.sh"
need doveconf dovecot-core
synth="$1"
cases="$2"

# The block literal under `dovecot.conf: |` (4-space indented) as a file.
extract_conf() {
  awk '
    /^  dovecot\.conf: \|/ { inside = 1; next }
    inside && /^    / { print substr($0, 5); next }
    inside && /^$/ { print ""; next }
    inside { exit }' "$1"
}

count=0
for config in "${cases}"/p*.json; do
  name="$(basename "${config}" .json)"
  "${synth}" --config "${config}" --stdout >"${TMP}/${name}.yaml" || fail "${name}: mailu-synth failed"
  extract_conf "${TMP}/${name}.yaml" >"${TMP}/${name}.conf"
  [ -s "${TMP}/${name}.conf" ] || fail "${name}: no dovecot.conf in the output"
  smtp_address="$(sed -n 's/^  SMTP_ADDRESS: //p' "${TMP}/${name}.yaml")"
  [ -n "${smtp_address}" ] || fail "${name}: no SMTP_ADDRESS in the env ConfigMap"
  doveconf -n -c "${TMP}/${name}.conf" >"${TMP}/${name}.parsed" 2>"${TMP}/${name}.err" ||
    fail "${name}: doveconf rejects it: $(cat "${TMP}/${name}.err")"
  grep -qx 'protocols = submission' "${TMP}/${name}.parsed" || fail "${name}: protocols is not submission"
  grep -qx '    port = 10025' "${TMP}/${name}.parsed" || fail "${name}: no listener on 10025"
  grep -qx 'ssl = no' "${TMP}/${name}.parsed" || fail "${name}: ssl is not no"
  [ "$(doveconf -c "${TMP}/${name}.conf" -h submission_relay_host)" = "${smtp_address}" ] ||
    fail "${name}: relay host is not the Postfix Service ${smtp_address}"
  [ "$(doveconf -c "${TMP}/${name}.conf" -h submission_relay_port)" = 25 ] || fail "${name}: relay port is not 25"
  count=$((count + 1))
done
[ "${count}" -ge 16 ] || fail "only ${count} parity cases found in ${cases}"
note "ok: doveconf accepts the dovecot.conf of all ${count} public cases"
