#!/usr/bin/env bash
# The webmail script as the container runs it with WEBMAIL=snappymail, with a
# stand-in for Mailu's start.py and for nginx. Like start.py the stand-in
# removes Snappymail's domains directory on the /data volume and renders
# default.json anew (late: first an empty file, then the content), then
# writes nginx's pid file and runs until stopped. The script must patch the
# newly rendered file, not one an earlier start left on the volume, reload
# nginx after that, return start.py's status, and stop start.py with an error
# when the file cannot be patched.
source "$(dirname "$0")/lib.sh"
need python3 python3

# The script runs start.py and its JSON edits with PYTHON_BIN: the stand-in
# plays start.py and hands everything else to the real python3.
cat >"${TMP}/python3" <<'STUB'
#!/bin/sh
if [ "${1:-}" != /start.py ]; then exec "$REAL_PYTHON" "$@"; fi
echo $$ >"$STUB_DIR/start.pid"
sleep "${STUB_DELAY:-1}"
[ -n "${RENDER_FROM:-}" ] || exit 5
domains="$(dirname "$SNAPPYMAIL_CONFIG")"
rm -rf "$domains"
mkdir -p "$domains"
: >"$SNAPPYMAIL_CONFIG"
sleep 1
cp "$RENDER_FROM" "$SNAPPYMAIL_CONFIG"
sleep 1
echo $$ >"$NGINX_PID_FILE"
while [ ! -e "$STUB_DIR/stop" ]; do sleep 0.2; done
exit 7
STUB
cat >"${TMP}/nginx" <<'STUB'
#!/bin/sh
printf '%s\n' "$*" >>"$STUB_DIR/nginx.calls"
grep -q "\"$IMAP_ADDRESS\"" "$SNAPPYMAIL_CONFIG" || echo "reloaded before the patch" >>"$STUB_DIR/nginx.calls"
STUB
chmod +x "${TMP}/python3" "${TMP}/nginx"

imap=mailu-dovecot-service-c8c4c495
submission=mailu-dovecot-submission-service-c88c85f9.mailu.svc.cluster.local
domains="${TMP}/data/_data_/_default_/domains"
conf="${domains}/default.json"

start_entrypoint() {
  rm -f "${TMP}/stop" "${TMP}/nginx.calls" "${TMP}/nginx.pid" "${TMP}/start.pid"
  STUB_DIR="${TMP}" REAL_PYTHON="$(command -v python3)" WEBMAIL=snappymail \
    IMAP_ADDRESS="${imap}" SUBMISSION_ADDRESS="${submission}" \
    SNAPPYMAIL_CONFIG="${conf}" ROUNDCUBE_CONFIG="${TMP}/absent.php" NGINX_PID_FILE="${TMP}/nginx.pid" \
    MAILU_START_SCRIPT=/start.py PYTHON_BIN="${TMP}/python3" NGINX_BIN="${TMP}/nginx" \
    CONFIG_WAIT_SECONDS=20 NGINX_WAIT_SECONDS=20 \
    sh "${WEBMAIL_SCRIPT}" >"${TMP}/out" 2>"${TMP}/err" &
  entrypoint_pid=$!
}

# endpoints FILE: IMAP, SMTP and Sieve of FILE as host:port/type.
endpoints() {
  python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join("%s:%s/%s" % (d[k]["host"], d[k]["port"], d[k]["type"]) for k in ("IMAP", "SMTP", "Sieve")))' "$1"
}
wanted="${imap}:143/0 ${submission}:10025/0 ${imap}:4190/0"

# 1. A start after an earlier one: the volume still holds the file that
# start was patched to. start.py renders the new one only after 3 seconds.
mkdir -p "${domains}"
cp "${FIXTURES_DIR}/snappymail-default.json" "${conf}"
snappymail_patch "${conf}" "${imap}" "${submission}" >/dev/null
touch -d '2000-01-01 00:00:00' "${conf}"
STUB_DELAY=3 RENDER_FROM="${FIXTURES_DIR}/snappymail-default.json" start_entrypoint
wait_for_file "${TMP}/nginx.calls"
[ "$(cat "${TMP}/nginx.calls")" = "-s reload" ] || fail "nginx calls: $(cat "${TMP}/nginx.calls")"
[ "$(endpoints "${conf}")" = "${wanted}" ] ||
  fail "endpoints are $(endpoints "${conf}"); output: $(cat "${TMP}/out" "${TMP}/err")"
[ "$(stat -c %Y "${conf}")" != "$(date -d '2000-01-01 00:00:00' +%s)" ] || fail "the old file was patched, not the new one"
grep -q 'removed .*earlier start' "${TMP}/out" || fail "the removal is not logged: $(cat "${TMP}/out")"
grep -q 'Snappymail now uses' "${TMP}/out" || fail "the patch is not logged: $(cat "${TMP}/out")"
sleep 0.5
kill -0 "${entrypoint_pid}" 2>/dev/null || fail "the entrypoint ended while start.py was still running"
touch "${TMP}/stop"
finish
[ "${status}" -eq 7 ] || fail "the entrypoint returned ${status}, start.py returned 7"
note "ok: the newly rendered default.json patched (${wanted}), nginx reloaded after, status 7 returned"

# 2. start.py ends without writing the config.
rm -rf "${TMP}/data"
RENDER_FROM="" start_entrypoint
finish 15
[ "${status}" -ne 0 ] || fail "the entrypoint succeeded without a config"
grep -q 'error: .*ended before writing .*default.json' "${TMP}/err" || fail "no error message: $(cat "${TMP}/err")"
note "ok: start.py ending early is reported"

# 3. The rendered config has no SMTP object.
python3 -c 'import json, sys
d = json.load(open(sys.argv[1])); del d["SMTP"]; json.dump(d, open(sys.argv[2], "w"))' \
  "${FIXTURES_DIR}/snappymail-default.json" "${TMP}/broken.json"
RENDER_FROM="${TMP}/broken.json" start_entrypoint
finish 15
[ "${status}" -eq 1 ] || fail "the entrypoint returned ${status} on a config without SMTP"
grep -q 'error: no "SMTP" object' "${TMP}/err" || fail "the error does not name SMTP: $(cat "${TMP}/err")"
cmp -s "${TMP}/broken.json" "${conf}" || fail "the refused config was changed"
for ((i = 0; i < 50; i++)); do running "$(cat "${TMP}/start.pid")" || break; sleep 0.1; done
if running "$(cat "${TMP}/start.pid")"; then
  kill "$(cat "${TMP}/start.pid")"
  fail "start.py was left running after the failure"
fi
[ ! -e "${TMP}/nginx.calls" ] || fail "nginx was reloaded although the patch failed"
note "ok: a config without SMTP is reported, start.py stopped, nothing reloaded"
