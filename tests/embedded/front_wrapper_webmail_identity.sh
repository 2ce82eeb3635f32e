#!/usr/bin/env bash
# Runs nginx with the patched front config and asks for the webmail with
# forged identity headers: the webmail (a stand-in logging what it gets) must
# not see the client's X-Remote-User or X-Remote-User-Token, which Roundcube's
# Mailu plugin would log in with. The same config without the patch's three
# lines passes them on, which shows that the check can fail.
source "$(dirname "$0")/lib.sh"
need nginx nginx
need python3 python3
need curl curl

ip="$(random_loopback)"
conf="${TMP}/nginx.conf"
cp "${FIXTURES_DIR}/nginx.conf" "${conf}"
front_patch "${conf}" "${ip}" >"${TMP}/patch.out" 2>&1 || fail "patch step failed: $(cat "${TMP}/patch.out")"
grep -qF 'proxy_set_header X-Remote-User "";' "${conf}" || fail "the patch does not drop X-Remote-User"

# Port 80 and the mail ports are left as they are; the mail servers are not
# under test here, the http server is.
local_http_conf() {
  local_nginx_conf "$1" "$2" "${ip}"
  sed -i -e '/^[[:space:]]*resolver /d' \
    -e "s|set \$admin .*;|set \$admin ${ip}:8080;|" \
    -e "s|set \$webmail .*;|set \$webmail ${ip}:8081;|" "$2"
}

# run_and_ask CONF: starts nginx with CONF, asks for /webmail/ as a client
# that claims to be someone else, prints the headers the webmail got.
run_and_ask() {
  local log="${TMP}/webmail.log" nginx_pid i
  : >"${log}"
  nginx -e stderr -c "$1" -g 'daemon off;' >"${TMP}/nginx.log" 2>&1 &
  nginx_pid=$!
  for ((i = 0; i < 100; i++)); do
    curl -s -o /dev/null "http://${ip}/health" && break
    sleep 0.1
  done
  curl -s -o /dev/null -H 'X-Remote-User: victim@example.com' -H 'X-Remote-User-Token: anything' \
    "http://${ip}/webmail/" || true
  kill "${nginx_pid}" 2>/dev/null || true
  wait "${nginx_pid}" 2>/dev/null || true
  grep -v '"path": "/internal' "${log}" || true
}

python3 "${EMBEDDED_TEST_DIR}/fake_admin.py" "${ip}" 8080 "${TMP}/admin.log" 2>"${TMP}/admin.err" &
on_exit "kill $! 2>/dev/null"
python3 "${EMBEDDED_TEST_DIR}/fake_admin.py" "${ip}" 8081 "${TMP}/webmail.log" 2>"${TMP}/webmail.err" &
on_exit "kill $! 2>/dev/null"
need_low_ports
for port in 8080 8081; do
  for ((i = 0; i < 100; i++)); do
    curl -s -o /dev/null "http://${ip}:${port}/" && break
    sleep 0.1
  done
done
: >"${TMP}/admin.log"

local_http_conf "${conf}" "${TMP}/patched.conf"
seen="$(run_and_ask "${TMP}/patched.conf")"
[ -n "${seen}" ] || fail "the webmail was not asked; nginx: $(cat "${TMP}/nginx.log")"
if grep -qi 'x-remote-user' <<<"${seen}"; then fail "the webmail got the client's identity headers: ${seen}"; fi
note "ok: the webmail location drops the client's X-Remote-User and X-Remote-User-Token"

sed '/# cdk8s-mailu: no identity headers from the client/,+2d' "${TMP}/patched.conf" >"${TMP}/unpatched.conf"
seen="$(run_and_ask "${TMP}/unpatched.conf")"
grep -q '"X-Remote-User": "victim@example.com"' <<<"${seen}" ||
  fail "without the three lines the webmail should have got the forged header, got: ${seen}"
note "ok: without them nginx passes the forged headers on (the check can fail)"
