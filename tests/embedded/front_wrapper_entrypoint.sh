#!/usr/bin/env bash
# The front script as the container runs it, with stand-ins for the image's
# python3 /config.py, dovecot and nginx: it removes the stale pid file,
# renders, patches, starts front's dovecot with the proxy.conf config.py
# rendered (Mailu's start.py: `dovecot -c /etc/dovecot/proxy.conf`, whose
# LMTP 2525 fetchmail delivers to) and hands over to nginx in the
# foreground, in that order; and it starts neither dovecot nor nginx when
# config.py fails or the rendered file cannot be patched, and not nginx when
# dovecot fails to start.
source "$(dirname "$0")/lib.sh"

# A config.py stand-in that "renders" the given file into NGINX_CONF, and
# front's dovecot configuration into DOVECOT_PROXY_CONF.
cat >"${TMP}/python3" <<'STUB'
#!/bin/sh
printf '%s\n' "$*" >"$STUB_DIR/config.args"
printf 'WEBDAV=%s WEBMAIL=%s ADMIN=%s\n' "${WEBDAV-unset}" "${WEBMAIL-unset}" "${ADMIN-unset}" >"$STUB_DIR/config.env"
printf '%s\n' "${CPU_COUNT-unset}" >"$STUB_DIR/cpu_count"
echo config.py >>"$STUB_DIR/order"
[ -n "${RENDER_FROM:-}" ] || exit 4
cp "$RENDER_FROM" "$NGINX_CONF"
echo 'protocols = sieve imap pop3 lmtp submission' >"$DOVECOT_PROXY_CONF"
STUB
# A dovecot stand-in that records how it was started, and whether the
# configuration it was given was there; it fails with DOVECOT_STATUS.
cat >"${TMP}/dovecot" <<'STUB'
#!/bin/sh
printf '%s\n' "$@" >"$STUB_DIR/dovecot.args"
echo dovecot >>"$STUB_DIR/order"
[ "$1" = -c ] && [ -f "$2" ] || echo "no rendered config at '$2'" >"$STUB_DIR/dovecot.args"
exit "${DOVECOT_STATUS:-0}"
STUB
# An nginx stand-in that records how it was started.
cat >"${TMP}/nginx" <<'STUB'
#!/bin/sh
printf '%s\n' "$@" >"$STUB_DIR/nginx.args"
echo nginx >>"$STUB_DIR/order"
[ -e "$NGINX_PID_FILE" ] && echo "stale pid file still there" >"$STUB_DIR/nginx.args"
exit 0
STUB
chmod +x "${TMP}/python3" "${TMP}/dovecot" "${TMP}/nginx"

run_entrypoint() {
  rm -f "${TMP}/order" "${TMP}/config.args" "${TMP}/dovecot.args" "${TMP}/nginx.args" "${TMP}/proxy.conf"
  STUB_DIR="${TMP}" ADMIN_ADDRESS="${ADMIN_ADDRESS:-mailu-admin-service-c8ad3a23.mailu.svc.cluster.local}" \
    NGINX_CONF="${TMP}/nginx.conf" NGINX_PID_FILE="${TMP}/nginx.pid" \
    MAILU_CONFIG_SCRIPT=/config.py PYTHON_BIN="${TMP}/python3" NGINX_BIN="${TMP}/nginx" \
    DOVECOT_BIN="${TMP}/dovecot" DOVECOT_PROXY_CONF="${TMP}/proxy.conf" CPU_MAX_FILE="${CPU_MAX_FILE:-/nonexistent}" \
    sh "${FRONT_SCRIPT}" >"${TMP}/out" 2>"${TMP}/err"
}

# 1. The normal start.
echo 4242 >"${TMP}/nginx.pid"
RENDER_FROM="${FIXTURES_DIR}/nginx.conf" run_entrypoint || fail "the entrypoint failed: $(cat "${TMP}/err")"
[ "$(cat "${TMP}/config.args")" = /config.py ] || fail "config.py was run as '$(cat "${TMP}/config.args")'"
[ ! -e "${TMP}/nginx.pid" ] || fail "the stale pid file was not removed"
[ -e "${TMP}/dovecot.args" ] || fail "front's dovecot was not started"
[ "$(cat "${TMP}/dovecot.args")" = "-c"$'\n'"${TMP}/proxy.conf" ] ||
  fail "dovecot was started with: $(cat "${TMP}/dovecot.args")"
[ "$(cat "${TMP}/nginx.args")" = $'-g\ndaemon off;' ] || fail "nginx was started with: $(cat "${TMP}/nginx.args")"
[ "$(cat "${TMP}/order")" = $'config.py\ndovecot\nnginx' ] ||
  fail "not config.py, then dovecot, then nginx: $(tr '\n' ' ' <"${TMP}/order")"
grep -q 'auth_http http://mailu-admin-service-c8ad3a23.mailu.svc.cluster.local:8080/internal/auth/email;' "${TMP}/nginx.conf" ||
  fail "the rendered config was not patched before nginx started"
grep -q 'listen 993;' "${TMP}/nginx.conf" || fail "the listeners were not added before nginx started"
note "ok: pid file removed, config rendered and patched, dovecot -c proxy.conf started, then nginx in the foreground"

# Mailu's switches follow the chart's addresses: without WEBDAV_ADDRESS or
# WEBMAIL_ADDRESS, or with the image's defaults (core/base/Dockerfile), that
# part is "none"; ADMIN is true; given switches stay.
[ "$(cat "${TMP}/config.env")" = "WEBDAV=none WEBMAIL=none ADMIN=true" ] ||
  fail "config.py saw $(cat "${TMP}/config.env") without webdav and webmail addresses"
RENDER_FROM="${FIXTURES_DIR}/nginx.conf" WEBDAV_ADDRESS=webdav WEBMAIL_ADDRESS=webmail run_entrypoint ||
  fail "the entrypoint failed: $(cat "${TMP}/err")"
[ "$(cat "${TMP}/config.env")" = "WEBDAV=none WEBMAIL=none ADMIN=true" ] ||
  fail "config.py saw $(cat "${TMP}/config.env") with the image's default addresses"
RENDER_FROM="${FIXTURES_DIR}/nginx.conf" WEBDAV_ADDRESS=webdav.mailu.svc.cluster.local \
  WEBMAIL_ADDRESS=webmail.mailu.svc.cluster.local run_entrypoint || fail "the entrypoint failed: $(cat "${TMP}/err")"
[ "$(cat "${TMP}/config.env")" = "WEBDAV=unset WEBMAIL=unset ADMIN=true" ] ||
  fail "config.py saw $(cat "${TMP}/config.env") with webdav and webmail addresses"
RENDER_FROM="${FIXTURES_DIR}/nginx.conf" WEBDAV=custom WEBMAIL=snappymail ADMIN=false run_entrypoint ||
  fail "the entrypoint failed: $(cat "${TMP}/err")"
[ "$(cat "${TMP}/config.env")" = "WEBDAV=custom WEBMAIL=snappymail ADMIN=false" ] ||
  fail "config.py saw $(cat "${TMP}/config.env") instead of the given switches"
RENDER_FROM="${FIXTURES_DIR}/nginx.conf" ADMIN_ADDRESS=admin run_entrypoint || fail "the entrypoint failed: $(cat "${TMP}/err")"
[ "$(cat "${TMP}/config.env")" = "WEBDAV=none WEBMAIL=none ADMIN=unset" ] ||
  fail "config.py saw $(cat "${TMP}/config.env") with the image's default admin address"
note "ok: WEBDAV, WEBMAIL and ADMIN follow the chart's addresses unless given"

# CPU_COUNT (front's dovecot processes) follows the container's CPU limit.
for limit in "50000 100000:1" "250000 100000:3" "max 100000:unset" "garbage:unset"; do
  printf '%s\n' "${limit%:*}" >"${TMP}/cpu.max"
  RENDER_FROM="${FIXTURES_DIR}/nginx.conf" CPU_MAX_FILE="${TMP}/cpu.max" run_entrypoint ||
    fail "the entrypoint failed: $(cat "${TMP}/err")"
  [ "$(cat "${TMP}/cpu_count")" = "${limit##*:}" ] ||
    fail "cpu.max '${limit%:*}' gave CPU_COUNT $(cat "${TMP}/cpu_count"), not ${limit##*:}"
done
RENDER_FROM="${FIXTURES_DIR}/nginx.conf" CPU_MAX_FILE="${TMP}/cpu.max" CPU_COUNT=7 run_entrypoint ||
  fail "the entrypoint failed: $(cat "${TMP}/err")"
[ "$(cat "${TMP}/cpu_count")" = 7 ] || fail "a given CPU_COUNT was replaced by $(cat "${TMP}/cpu_count")"
note "ok: CPU_COUNT is the CPU limit rounded up, unless given or unlimited"

# 2. config.py fails: neither dovecot nor nginx.
if RENDER_FROM="" run_entrypoint; then fail "the entrypoint succeeded although config.py failed"; fi
[ ! -e "${TMP}/nginx.args" ] || fail "nginx was started although config.py failed"
[ ! -e "${TMP}/dovecot.args" ] || fail "dovecot was started although config.py failed"
grep -q 'error' "${TMP}/err" || fail "no error message on stderr when config.py fails"
note "ok: a failing config.py stops the start"

# 3. The rendered file lacks the port-25 server: neither dovecot nor nginx.
grep -v 'Auth-Port 25;' "${FIXTURES_DIR}/nginx.conf" >"${TMP}/broken.conf"
if RENDER_FROM="${TMP}/broken.conf" run_entrypoint; then fail "the entrypoint succeeded on an unpatchable config"; fi
[ ! -e "${TMP}/nginx.args" ] || fail "nginx was started with an unpatched config"
[ ! -e "${TMP}/dovecot.args" ] || fail "dovecot was started although the nginx config could not be patched"
grep -q 'Auth-Port 25' "${TMP}/err" || fail "the error does not name the missing anchor: $(cat "${TMP}/err")"
note "ok: an unpatchable config stops the start"

# 4. dovecot fails to start (its status when a listener cannot be opened or
# the configuration is wrong is 89): exit 1, an error naming it, no nginx.
status=0
DOVECOT_STATUS=89 RENDER_FROM="${FIXTURES_DIR}/nginx.conf" run_entrypoint || status=$?
[ "${status}" -eq 1 ] || fail "the entrypoint exited with ${status}, not 1, when dovecot failed"
[ -e "${TMP}/dovecot.args" ] || fail "dovecot was not even tried"
[ ! -e "${TMP}/nginx.args" ] || fail "nginx was started although front's dovecot failed to start"
grep -q 'error:.*dovecot' "${TMP}/err" || fail "no error naming dovecot on stderr: $(cat "${TMP}/err")"
note "ok: a failing dovecot stops the start with status 1: $(cat "${TMP}/err")"
