#!/usr/bin/env bash
# The webmail script as the container runs it, with a stand-in for Mailu's
# start.py (it writes the Roundcube config late, the way start.py does:
# first an empty file, then the content; then nginx's pid file; then it runs
# until stopped) and for nginx. The script must patch the config once it is
# complete, reload nginx, stay until start.py ends and return its status,
# pass SIGTERM on, and stop with an error when the config never comes or
# cannot be patched.
source "$(dirname "$0")/lib.sh"

cat >"${TMP}/python3" <<'STUB'
#!/bin/sh
echo $$ >"$STUB_DIR/start.pid"
printf '%s\n' "$*" >"$STUB_DIR/start.args"
sleep 1
[ -n "${RENDER_FROM:-}" ] || exit 5
: >"$ROUNDCUBE_CONFIG"
sleep 1
cp "$RENDER_FROM" "$ROUNDCUBE_CONFIG"
sleep 1
echo $$ >"$NGINX_PID_FILE"
while [ ! -e "$STUB_DIR/stop" ]; do sleep 0.2; done
exit 7
STUB
cat >"${TMP}/nginx" <<'STUB'
#!/bin/sh
printf '%s\n' "$*" >>"$STUB_DIR/nginx.calls"
grep -q "imap_host'] = 'imap://" "$ROUNDCUBE_CONFIG" || echo "reloaded before the patch" >>"$STUB_DIR/nginx.calls"
STUB
chmod +x "${TMP}/python3" "${TMP}/nginx"

imap=mailu-dovecot-service-c8c4c495
submission=mailu-dovecot-submission-service-c88c85f9.mailu.svc.cluster.local

start_entrypoint() {
  rm -f "${TMP}/stop" "${TMP}/nginx.calls" "${TMP}/config.inc.php" "${TMP}/nginx.pid" "${TMP}/start.pid"
  STUB_DIR="${TMP}" IMAP_ADDRESS="${imap}" SUBMISSION_ADDRESS="${submission}" \
    ROUNDCUBE_CONFIG="${TMP}/config.inc.php" NGINX_PID_FILE="${TMP}/nginx.pid" \
    MAILU_START_SCRIPT=/start.py PYTHON_BIN="${TMP}/python3" NGINX_BIN="${TMP}/nginx" \
    CONFIG_WAIT_SECONDS=20 NGINX_WAIT_SECONDS=20 \
    sh "${WEBMAIL_SCRIPT}" >"${TMP}/out" 2>"${TMP}/err" &
  entrypoint_pid=$!
}

# 1. Normal start, then start.py (nginx) ends with status 7.
RENDER_FROM="${FIXTURES_DIR}/config.inc.php" start_entrypoint
wait_for_file "${TMP}/nginx.calls"
[ "$(cat "${TMP}/nginx.calls")" = "-s reload" ] || fail "nginx calls: $(cat "${TMP}/nginx.calls")"
[ "$(cat "${TMP}/start.args")" = /start.py ] || fail "start.py was run as '$(cat "${TMP}/start.args")'"
grep -qxF "\$config['imap_host'] = 'imap://${imap}:143';" "${TMP}/config.inc.php" || fail "imap_host not patched"
grep -qxF "\$config['smtp_host'] = 'smtp://${submission}:10025';" "${TMP}/config.inc.php" || fail "smtp_host not patched"
grep -qxF "\$config['managesieve_host'] = 'sieve://${imap}:4190';" "${TMP}/config.inc.php" || fail "managesieve_host not patched"
sleep 0.5
kill -0 "${entrypoint_pid}" 2>/dev/null || fail "the entrypoint ended while start.py was still running"
touch "${TMP}/stop"
finish
[ "${status}" -eq 7 ] || fail "the entrypoint returned ${status}, start.py returned 7"
note "ok: config patched once written, nginx reloaded, start.py's status returned"

# 2. SIGTERM to the entrypoint reaches start.py.
RENDER_FROM="${FIXTURES_DIR}/config.inc.php" start_entrypoint
wait_for_file "${TMP}/nginx.calls"
start_pid="$(cat "${TMP}/start.pid")"
kill -TERM "${entrypoint_pid}"
finish 10
for ((i = 0; i < 50; i++)); do running "${start_pid}" || break; sleep 0.1; done
if running "${start_pid}"; then kill "${start_pid}"; fail "start.py still runs after SIGTERM"; fi
[ "${status}" -ne 0 ] || fail "the entrypoint returned 0 after start.py was terminated"
note "ok: SIGTERM is passed on to start.py (status ${status})"

# 3. start.py ends without writing the config.
RENDER_FROM="" start_entrypoint
finish 15
[ "${status}" -ne 0 ] || fail "the entrypoint succeeded without a config"
grep -q 'error: .*ended before writing' "${TMP}/err" || fail "no error message: $(cat "${TMP}/err")"
note "ok: start.py ending early is reported"

# 4. The written config has no smtp_host to patch.
grep -v "smtp_host'\]" "${FIXTURES_DIR}/config.inc.php" >"${TMP}/broken.php"
RENDER_FROM="${TMP}/broken.php" start_entrypoint
finish 15
[ "${status}" -ne 0 ] || fail "the entrypoint succeeded on a config without smtp_host"
grep -q 'error: .*smtp_host' "${TMP}/err" || fail "the error does not name smtp_host: $(cat "${TMP}/err")"
for ((i = 0; i < 50; i++)); do running "$(cat "${TMP}/start.pid")" || break; sleep 0.1; done
if running "$(cat "${TMP}/start.pid")"; then
  kill "$(cat "${TMP}/start.pid")"
  fail "start.py was left running after the failure"
fi
[ ! -e "${TMP}/nginx.calls" ] || fail "nginx was reloaded although the patch failed"
note "ok: a config without smtp_host is reported"
