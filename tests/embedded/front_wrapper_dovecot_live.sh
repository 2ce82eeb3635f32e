#!/usr/bin/env bash
# The front script's full start with the real dovecot (Debian's; the image's
# is Alpine's 2.3): dovecot -c returns once front's LMTP listener is open and
# keeps running in the background, so LMTP answers before nginx starts; and
# when the listener cannot be opened (port taken), dovecot's non-zero status
# stops the script with status 1 before nginx. The proxy.conf is reduced to
# the LMTP proxy part of Mailu's core/nginx/dovecot/proxy.conf, with a static
# passdb in place of login.lua and paths under the test's directory.
source "$(dirname "$0")/lib.sh"
need dovecot dovecot-core
need_root
ip="$(random_loopback)"

# config.py stand-in: the fixture nginx.conf, and a proxy.conf whose run
# directory is $RUN_DIR.
cat >"${TMP}/python3" <<'STUB'
#!/bin/sh
cp "$FIXTURE" "$NGINX_CONF"
cat >"$DOVECOT_PROXY_CONF" <<CONF
base_dir = $RUN_DIR
state_dir = $RUN_DIR/state
log_path = /dev/stderr
protocols = lmtp
lmtp_proxy = yes
ssl = no
passdb {
  driver = static
  args = proxy=y host=127.0.0.1 port=2525 nopassword=y
}
service lmtp {
  inet_listener lmtp {
    address = $LMTP_IP
    port = 2525
  }
}
CONF
STUB
# nginx stand-in: records the LMTP greeting (220 ...) on $LMTP_IP:2525.
cat >"${TMP}/nginx" <<'STUB'
#!/usr/bin/env bash
exec 3<>"/dev/tcp/${LMTP_IP}/2525" && IFS= read -r -t 5 line <&3 && printf '%s\n' "${line}" >"${STUB_DIR}/banner"
echo started >"${STUB_DIR}/nginx.started"
STUB
chmod +x "${TMP}/python3" "${TMP}/nginx"
# Stops the dovecot this test started, and waits (up to 5 s) until it is gone.
stop_dovecot() {
  local pid
  [ -f "${TMP}/run1/master.pid" ] || return 0
  pid="$(cat "${TMP}/run1/master.pid")"
  kill "${pid}" 2>/dev/null || return 0
  for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "${pid}" 2>/dev/null || return 0; sleep 0.5; done
}
on_exit stop_dovecot

run_entrypoint() {
  rm -f "${TMP}/banner" "${TMP}/nginx.started"
  mkdir -p "${TMP}/$1"
  STUB_DIR="${TMP}" RUN_DIR="${TMP}/$1" LMTP_IP="${ip}" FIXTURE="${FIXTURES_DIR}/nginx.conf" \
    ADMIN_ADDRESS=mailu-admin-service-c8ad3a23.mailu.svc.cluster.local \
    NGINX_CONF="${TMP}/nginx.conf" NGINX_PID_FILE="${TMP}/nginx.pid" PYTHON_BIN="${TMP}/python3" \
    NGINX_BIN="${TMP}/nginx" DOVECOT_BIN="$(command -v dovecot)" DOVECOT_PROXY_CONF="${TMP}/$1.conf" \
    sh "${FRONT_SCRIPT}" >"${TMP}/out" 2>"${TMP}/err"
}

# 1. dovecot starts, goes to the background, and LMTP answers before nginx.
run_entrypoint run1 || fail "the entrypoint failed: $(cat "${TMP}/err")"
[ -f "${TMP}/nginx.started" ] || fail "nginx was not started"
grep -q '^220 ' "${TMP}/banner" 2>/dev/null || fail "no LMTP greeting on ${ip}:2525 when nginx started: $(cat "${TMP}/err")"
kill -0 "$(cat "${TMP}/run1/master.pid")" || fail "dovecot's master is not running"
note "ok: dovecot in the background, LMTP on ${ip}:2525 says: $(tr -d '\r' <"${TMP}/banner")"

# 2. A second dovecot cannot open 2525: exit 1, no nginx.
status=0
run_entrypoint run2 || status=$?
[ "${status}" -eq 1 ] || fail "the entrypoint exited with ${status}, not 1, when dovecot could not listen"
[ ! -f "${TMP}/nginx.started" ] || fail "nginx was started although dovecot failed"
grep -q 'Address already in use' "${TMP}/err" || fail "dovecot's reason is not on stderr: $(cat "${TMP}/err")"
note "ok: port taken: status 1, $(grep 'error:' "${TMP}/err")"
