#!/usr/bin/env bash
# Running a patch step on a file it has already patched changes nothing: same
# bytes, and the file is not even rewritten. Checked for both scripts, for
# the fixtures and for nginx.conf variants Mailu renders with other settings
# (IPv6 listener from SUBNET6, PROXY_PROTOCOL_25).
source "$(dirname "$0")/lib.sh"

# twice NAME PATCH-COMMAND...: runs PATCH-COMMAND on ${TMP}/NAME twice.
twice() {
  local name="$1" file="${TMP}/$1" first second stamp
  shift
  "$@" "${file}" >"${TMP}/out1" 2>&1 || fail "${name}: first run failed: $(cat "${TMP}/out1")"
  first="$(sum "${file}")"
  cmp -s "${file}" "${TMP}/${name}.orig" && fail "${name}: the first run changed nothing"
  touch -d '2000-01-01 00:00:00' "${file}"
  stamp="$(stat -c %Y "${file}")"
  "$@" "${file}" >"${TMP}/out2" 2>&1 || fail "${name}: second run failed: $(cat "${TMP}/out2")"
  second="$(sum "${file}")"
  [ "${first}" = "${second}" ] || fail "${name}: the second run changed the file:"$'\n'"$(cat "${TMP}/out2")"
  [ "$(stat -c %Y "${file}")" = "${stamp}" ] || fail "${name}: the second run rewrote the file"
  grep -q 'already patched' "${TMP}/out2" || fail "${name}: the second run does not say so: $(cat "${TMP}/out2")"
  if ls "${TMP}"/*.cdk8s-mailu.* >/dev/null 2>&1; then fail "${name}: work files left behind"; fi
  note "ok: ${name} (${second})"
}

front() { front_patch "$1" mailu-admin-service-c8ad3a23.mailu.svc.cluster.local; }
webmail() { webmail_patch "$1" mailu-dovecot-service-c8c4c495 mailu-dovecot-submission-service-c88c85f9.mailu.svc.cluster.local; }

cp "${FIXTURES_DIR}/nginx.conf" "${TMP}/nginx.conf"
cp "${FIXTURES_DIR}/nginx.conf" "${TMP}/nginx.conf.orig"
twice nginx.conf front

# SUBNET6 adds "listen [::]:25;", PROXY_PROTOCOL_25 "listen 25 proxy_protocol;".
sed -e 's/^      listen 25;$/      listen 25 proxy_protocol;\n      listen [::]:25 proxy_protocol;/' \
  "${FIXTURES_DIR}/nginx.conf" >"${TMP}/nginx-v6-proxy.conf"
grep -q 'listen \[::\]:25 proxy_protocol;' "${TMP}/nginx-v6-proxy.conf" || fail "could not make the IPv6 variant"
cp "${TMP}/nginx-v6-proxy.conf" "${TMP}/nginx-v6-proxy.conf.orig"
twice nginx-v6-proxy.conf front

cp "${FIXTURES_DIR}/config.inc.php" "${TMP}/config.inc.php"
cp "${FIXTURES_DIR}/config.inc.php" "${TMP}/config.inc.php.orig"
twice config.inc.php webmail
