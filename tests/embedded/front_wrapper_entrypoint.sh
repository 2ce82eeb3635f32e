#!/usr/bin/env bash
# The front script as the container runs it, with stand-ins for the image's
# python3 /config.py and nginx: it removes the stale pid file, renders,
# patches, and hands over to nginx in the foreground; and it does not start
# nginx when config.py fails or the rendered file cannot be patched.
source "$(dirname "$0")/lib.sh"

# A config.py stand-in that "renders" the given file into NGINX_CONF.
cat >"${TMP}/python3" <<'STUB'
#!/bin/sh
printf '%s\n' "$*" >"$STUB_DIR/config.args"
[ -n "${RENDER_FROM:-}" ] || exit 4
cp "$RENDER_FROM" "$NGINX_CONF"
STUB
# An nginx stand-in that records how it was started.
cat >"${TMP}/nginx" <<'STUB'
#!/bin/sh
printf '%s\n' "$@" >"$STUB_DIR/nginx.args"
[ -e "$NGINX_PID_FILE" ] && echo "stale pid file still there" >"$STUB_DIR/nginx.args"
exit 0
STUB
chmod +x "${TMP}/python3" "${TMP}/nginx"

run_entrypoint() {
  STUB_DIR="${TMP}" ADMIN_ADDRESS=mailu-admin-service-c8ad3a23.mailu.svc.cluster.local \
    NGINX_CONF="${TMP}/nginx.conf" NGINX_PID_FILE="${TMP}/nginx.pid" \
    MAILU_CONFIG_SCRIPT=/config.py PYTHON_BIN="${TMP}/python3" NGINX_BIN="${TMP}/nginx" \
    sh "${FRONT_SCRIPT}" >"${TMP}/out" 2>"${TMP}/err"
}

# 1. The normal start.
echo 4242 >"${TMP}/nginx.pid"
RENDER_FROM="${FIXTURES_DIR}/nginx.conf" run_entrypoint || fail "the entrypoint failed: $(cat "${TMP}/err")"
[ "$(cat "${TMP}/config.args")" = /config.py ] || fail "config.py was run as '$(cat "${TMP}/config.args")'"
[ ! -e "${TMP}/nginx.pid" ] || fail "the stale pid file was not removed"
[ "$(cat "${TMP}/nginx.args")" = $'-g\ndaemon off;' ] || fail "nginx was started with: $(cat "${TMP}/nginx.args")"
grep -q 'auth_http http://mailu-admin-service-c8ad3a23.mailu.svc.cluster.local:8080/internal/auth/email;' "${TMP}/nginx.conf" ||
  fail "the rendered config was not patched before nginx started"
grep -q 'listen 993;' "${TMP}/nginx.conf" || fail "the listeners were not added before nginx started"
note "ok: pid file removed, config rendered and patched, nginx started in the foreground"

# 2. config.py fails: no nginx.
rm -f "${TMP}/nginx.args"
if RENDER_FROM="" run_entrypoint; then fail "the entrypoint succeeded although config.py failed"; fi
[ ! -e "${TMP}/nginx.args" ] || fail "nginx was started although config.py failed"
grep -q 'error' "${TMP}/err" || fail "no error message on stderr when config.py fails"
note "ok: a failing config.py stops the start"

# 3. The rendered file lacks the port-25 server: no nginx.
grep -v 'Auth-Port 25;' "${FIXTURES_DIR}/nginx.conf" >"${TMP}/broken.conf"
if RENDER_FROM="${TMP}/broken.conf" run_entrypoint; then fail "the entrypoint succeeded on an unpatchable config"; fi
[ ! -e "${TMP}/nginx.args" ] || fail "nginx was started with an unpatched config"
grep -q 'Auth-Port 25' "${TMP}/err" || fail "the error does not name the missing anchor: $(cat "${TMP}/err")"
note "ok: an unpatchable config stops the start"
