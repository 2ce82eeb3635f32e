#!/usr/bin/env bash
# TLS at front (TLS_FLAVOR=mail, front.service): the front script's patch
# step on Mailu's TLS nginx.conf and front's dovecot proxy.conf
# (fixtures/nginx-tls.conf, fixtures/dovecot-proxy-tls.conf), checked by the
# real programs with a self-signed certificate of the test's own:
#   1. without alternates: auth_http goes to admin and the webmail identity
#      headers are dropped, and nothing else changes (no plaintext server:
#      the mail {} servers are exactly Mailu's port 25, no pod-network
#      guard); idempotent; nginx -t;
#   2. PROXY_ALTERNATE_PORTS with all five ports, PROXY_ALTERNATE_FROM and
#      SUBNET with IPv4 and IPv6 entries: one more nginx server, on 11025, a
#      copy of Mailu's port-25 server (STARTTLS and TLS settings included)
#      that differs only in its listen line (proxy_protocol), set_real_ip_from
#      lines and an auth_http to the guard (127.0.0.1:8001), between the
#      markers right after 25's server; the pod-network guard (a geo block
#      with the SUBNET entries and a server on 127.0.0.1:8001 that refuses
#      them and passes the rest to admin) exactly once, at the top of
#      http {}; nothing else changes; nginx -t; the dovecot file only gains
#      the block at its end, and doveconf -n shows haproxy listeners on
#      11465, 11587, 11993 and 11995 (ssl but 11587) and nowhere else, and
#      haproxy_trusted_networks = the entries; both files idempotent; subsets
#      of the ports add only theirs, and no guard without 25's alternate
#      (where SUBNET is not needed);
#   3. every refusal: exit 1, the problem named on stderr, both files as
#      they were, no work files left (alternates with notls; an empty,
#      blank or invalid PROXY_ALTERNATE_FROM, or one without ports; an
#      empty, blank or invalid SUBNET with 25's alternate; a pair with an
#      unknown standard port, no colon, or an alternate that is not a port
#      number or is a port front already listens on, another alternate's
#      included; a standard port twice; TLS_FLAVOR letsencrypt; dovecot
#      alternates without proxy.conf); and a file patched for other
#      alternates or another SUBNET fails verification, and one patched with
#      a SUBNET is refused without one;
#   4. the real nginx with the patched config, a stand-in admin service and
#      a PROXY v2 client: 11025 greets a client whose header comes from a
#      trusted address, offers STARTTLS, works after it, and admin sees the
#      header's public address (IPv4 or IPv6) as Client-IP (Auth-SSL on),
#      with the same request headers as from Mailu's 25, through the guard,
#      even when the trusted peer itself is inside SUBNET; a header naming
#      an address inside SUBNET (IPv4 or IPv6) gets the guard's refusal at
#      RCPT TO and admin is not asked; without a header 11025 says nothing
#      and closes on the first bytes, and admin is not asked; from an
#      untrusted peer the header is read but not believed: admin sees the
#      peer's address, or, when that address is inside SUBNET, the guard
#      refuses whatever the header says; Mailu's 25 greets a plain
#      connection, offers STARTTLS and asks admin, from inside SUBNET too;
#   5. under BusyBox alone: the same bytes as with the system's tools,
#      idempotent, the same refusals (SUBNET's included);
#   6. the full start with stand-ins for config.py, dovecot, nginx and
#      doveadm: a missing certificate file stops it before config.py, naming
#      the file; with the files, the dovecot file is patched before dovecot
#      starts, nginx.conf has its alternate and guard before nginx starts,
#      and a changed certificate reloads nginx and dovecot once.
# Every listener binds a random loopback address, so no real port is taken.
source "$(dirname "$0")/lib.sh"
need nginx nginx
need doveconf dovecot-core
need openssl openssl
need python3 python3
need setsid util-linux
need_low_ports

admin=mailu-admin-service-c8ad3a23.mailu.svc.cluster.local
all_ports=25:11025,465:11465,587:11587,993:11993,995:11995
# Blanks around an entry are allowed (the script strips them).
trusted="10.42.0.0/16, fd00:10:42::/56,192.0.2.1"
trusted_words="10.42.0.0/16 fd00:10:42::/56 192.0.2.1"
# Mailu's pod network, which 25's alternate keeps out (blanks allowed too).
subnet=" 10.42.0.0/16 ,fd00:10:42::/56"
subnet_words="10.42.0.0/16 fd00:10:42::/56"
subnet_entries=(10.42.0.0/16 fd00:10:42::/56)
guard_mark='# cdk8s-mailu: no pod-network clients on the PROXY listener (front.service)'
guard_auth_http='auth_http http://127.0.0.1:8001/auth/email;'
alt_begin='# >>> cdk8s-mailu: PROXY listeners for the load balancer (front.service)'
alt_end='# <<< cdk8s-mailu: PROXY listeners for the load balancer'

# The test's certificate, and a tls.conf naming it in place of the image's.
certs="${TMP}/certs"
mkdir -p "${certs}"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=mail.example.com \
  -keyout "${certs}/key.pem" -out "${certs}/cert.pem" >"${TMP}/openssl.out" 2>&1 ||
  fail "openssl could not make a certificate: $(cat "${TMP}/openssl.out")"
printf 'ssl_certificate %s;\nssl_certificate_key %s;\nssl_protocols TLSv1.2 TLSv1.3;\n' \
  "${certs}/cert.pem" "${certs}/key.pem" >"${TMP}/tls.conf"

# fresh DIR: DIR/nginx.conf and DIR/proxy.conf as config.py renders them,
# with the test's certificate directory for /certs.
fresh() {
  rm -rf "$1"
  mkdir -p "$1"
  cp "${FIXTURES_DIR}/nginx-tls.conf" "$1/nginx.conf"
  sed "s|/certs/|${certs}/|g" "${FIXTURES_DIR}/dovecot-proxy-tls.conf" >"$1/proxy.conf"
}

# tls_patch DIR ADMIN [VAR=VALUE...]: the patch step on DIR's two files with
# TLS_FLAVOR=mail, no alternates and no SUBNET, unless the arguments say
# otherwise.
tls_patch() {
  local dir="$1" admin_address="$2"
  shift 2
  env TLS_FLAVOR=mail PROXY_ALTERNATE_PORTS= PROXY_ALTERNATE_FROM= SUBNET= PROXY_PROTOCOL= REAL_IP_FROM= "$@" \
    ADMIN_ADDRESS="${admin_address}" NGINX_CONF="${dir}/nginx.conf" DOVECOT_PROXY_CONF="${dir}/proxy.conf" \
    sh "${FRONT_SCRIPT}" --patch-only
}

# server_body FILE PORT: the lines of the mail server whose first listen is
# on PORT, as they are, without its listen and set_real_ip_from lines, and
# without blank lines (the script leaves those out of its copy).
server_body() {
  awk -v port="$2" '
    /^mail[ \t]*\{/ { in_mail = 1; next }
    in_mail && /^[ \t]*server[ \t]*\{/ { in_server = 1; n = 0; first = ""; next }
    in_server && /^[ \t]*\}/ { if (first == port) for (i = 1; i <= n; i++) print body[i]; in_server = 0; next }
    in_server {
      line = $0; sub(/^[ \t]+/, "", line)
      if (line ~ /^listen[ \t]/) {
        if (first == "") { first = line; sub(/^listen[ \t]+/, "", first); sub(/[ \t;].*/, "", first) }
        next
      }
      if (line ~ /^set_real_ip_from[ \t]/ || line == "") next
      body[++n] = $0
    }' "$1"
}

# guard_block ADMIN NETWORK...: the pod-network guard as the script adds it
# right after "http {", for admin ADMIN and SUBNET's entries NETWORK....
# shellcheck disable=SC2016 # nginx variables
guard_block() {
  local admin_address="$1" network
  shift
  printf '    %s\n' "${guard_mark}"
  printf '    geo $http_client_ip $cdk8s_mailu_pod_network {\n      default 0;\n'
  for network in "$@"; do printf '      %s 1;\n' "${network}"; done
  printf '    }\n    server {\n      listen 127.0.0.1:8001;\n      location = /auth/email {\n'
  printf '        if ($cdk8s_mailu_pod_network) {\n'
  printf '          add_header Auth-Status "the client address is inside the pod network";\n'
  printf '          return 200;\n        }\n'
  printf '        proxy_pass http://%s:8080/internal/auth/email;\n      }\n    }\n' "${admin_address}"
}

# no_guard FILE CASE: FILE has no part of the pod-network guard.
# shellcheck disable=SC2016 # nginx variables
no_guard() {
  if grep -qF -e "${guard_mark}" -e '$cdk8s_mailu_pod_network' -e '8001' "$1"; then
    fail "$2: a pod-network guard without 25's alternate:"$'\n'"$(grep -nF -e "${guard_mark}" -e '$cdk8s_mailu_pod_network' -e '8001' "$1")"
  fi
}

# haproxy_listeners CONF: "<service> <listener> port=<n> ssl=<v>" for every
# inet_listener with haproxy = yes in doveconf -n's view of CONF, sorted.
haproxy_listeners() {
  doveconf -c "$1" -n 2>"${TMP}/doveconf.err" >"${TMP}/doveconf.out" ||
    fail "doveconf rejects $1:"$'\n'"$(cat "${TMP}/doveconf.err")"
  awk '
    /^service [^ ]+ \{$/ { service = $2; next }
    service != "" && /^  inet_listener [^ ]+ \{$/ { listener = $2; port = ""; ssl = "no"; haproxy = "no"; next }
    listener != "" && /^    port = / { port = $3 }
    listener != "" && /^    ssl = / { ssl = $3 }
    listener != "" && /^    haproxy = / { haproxy = $3 }
    listener != "" && /^  \}$/ { if (haproxy == "yes") print service, listener, "port=" port, "ssl=" ssl; listener = "" }
    /^\}$/ { service = "" }' "${TMP}/doveconf.out" | sort
}

# tls_local_conf CONF IP: CONF.local, a local copy of the patched CONF, its
# listeners on IP and the test's tls.conf.
# local_nginx_conf moves the guard's "listen 127.0.0.1:8001" to IP too; the
# PROXY listener's auth_http follows it there.
tls_local_conf() {
  local_nginx_conf "$1" "$1.local" "$2"
  sed -i -e "s|include /etc/nginx/tls.conf;|include ${TMP}/tls.conf;|" \
    -e "s|auth_http http://127\\.0\\.0\\.1:8001/|auth_http http://$2:8001/|" "$1.local"
  if grep -qF '127.0.0.1:8001' "$1.local"; then fail "the guard's address is left in $1.local"; fi
}

# nginx_t CONF IP: nginx -t on tls_local_conf's copy of CONF.
nginx_t() {
  tls_local_conf "$1" "$2"
  nginx -t -q -e stderr -c "$1.local" >"${TMP}/nginx-t.out" 2>&1 ||
    fail "nginx -t rejects $1:"$'\n'"$(cat "${TMP}/nginx-t.out")"
}

# unchanged_rerun DIR ADMIN [VAR=VALUE...]: a second run with the same
# settings leaves both files as they were, not even rewritten, and says so.
unchanged_rerun() {
  local dir="$1" before_nginx before_dovecot
  touch -d '2000-01-01 00:00:00' "${dir}/nginx.conf" "${dir}/proxy.conf"
  before_nginx="$(sum "${dir}/nginx.conf") $(stat -c %Y "${dir}/nginx.conf")"
  before_dovecot="$(sum "${dir}/proxy.conf") $(stat -c %Y "${dir}/proxy.conf")"
  tls_patch "$@" >"${TMP}/rerun.out" 2>&1 || fail "second run failed: $(cat "${TMP}/rerun.out")"
  [ "$(sum "${dir}/nginx.conf") $(stat -c %Y "${dir}/nginx.conf")" = "${before_nginx}" ] ||
    fail "the second run changed or rewrote nginx.conf: $(cat "${TMP}/rerun.out")"
  [ "$(sum "${dir}/proxy.conf") $(stat -c %Y "${dir}/proxy.conf")" = "${before_dovecot}" ] ||
    fail "the second run changed or rewrote proxy.conf: $(cat "${TMP}/rerun.out")"
  grep -q 'already patched' "${TMP}/rerun.out" || fail "the second run does not say so: $(cat "${TMP}/rerun.out")"
  if ls "${dir}"/*.cdk8s-mailu.* >/dev/null 2>&1; then fail "work files left behind in ${dir}"; fi
}

# --- 1. TLS at front, no alternates -----------------------------------------
ip="$(random_loopback)"
plain="${TMP}/plain"
fresh "${plain}"
tls_patch "${plain}" "${ip}" >"${TMP}/patch.out" 2>&1 || fail "patch step failed: $(cat "${TMP}/patch.out")"
[ "$(mail_servers "${plain}/nginx.conf")" = "25 |" ] ||
  fail "the mail servers are not exactly Mailu's port 25:"$'\n'"$(mail_servers "${plain}/nginx.conf")"
if grep -q 'plaintext mail listeners' "${plain}/nginx.conf"; then fail "plaintext listeners added with TLS at front"; fi
[ "$(grep -c '^[[:space:]]*auth_http ' "${plain}/nginx.conf")" -eq 1 ] || fail "expected exactly one auth_http"
grep -qx "    auth_http http://${ip}:8080/internal/auth/email;" "${plain}/nginx.conf" ||
  fail "auth_http does not go to http://${ip}:8080/internal/auth/email"
[ "$(grep -A 3 '^ *location /webmail {$' "${plain}/nginx.conf" | sed 's/^ *//')" = 'location /webmail {
# cdk8s-mailu: no identity headers from the client
proxy_set_header X-Remote-User "";
proxy_set_header X-Remote-User-Token "";' ] ||
  fail "the webmail location does not start by dropping the identity headers:"$'\n'"$(grep -A 3 'location /webmail {' "${plain}/nginx.conf")"
# Nothing else changes: Mailu's TLS settings stay as rendered.
other="$(diff "${FIXTURES_DIR}/nginx-tls.conf" "${plain}/nginx.conf" | grep '^[<>]' |
  grep -vxF -e '<     auth_http http://127.0.0.1:8000/auth/email;' -e ">     auth_http http://${ip}:8080/internal/auth/email;" \
    -e '>         # cdk8s-mailu: no identity headers from the client' -e '>         proxy_set_header X-Remote-User "";' \
    -e '>         proxy_set_header X-Remote-User-Token "";' || true)"
[ -z "${other}" ] || fail "the patch changed more than auth_http and the webmail headers:"$'\n'"${other}"
cmp -s "${plain}/proxy.conf" <(sed "s|/certs/|${certs}/|g" "${FIXTURES_DIR}/dovecot-proxy-tls.conf") ||
  fail "proxy.conf was changed without dovecot alternates"
no_guard "${plain}/nginx.conf" "no alternates"
unchanged_rerun "${plain}" "${ip}"
nginx_t "${plain}/nginx.conf" "${ip}"
note "ok: TLS at front without alternates: only Mailu's port 25, auth_http to admin, identity headers dropped, no guard; idempotent; nginx -t"

# --- 2. all five alternates, then subsets -----------------------------------
alt="${TMP}/alt"
fresh "${alt}"
tls_patch "${alt}" "${ip}" PROXY_ALTERNATE_PORTS="${all_ports}" PROXY_ALTERNATE_FROM="${trusted}" SUBNET="${subnet}" \
  >"${TMP}/patch.out" 2>&1 || fail "patch step with alternates failed: $(cat "${TMP}/patch.out")"
[ "$(mail_servers "${alt}/nginx.conf")" = "25 |"$'\n'"11025 proxy_protocol | ${trusted_words}" ] ||
  fail "unexpected mail servers with alternates:"$'\n'"$(mail_servers "${alt}/nginx.conf")"
[ "$(grep -c 'set_real_ip_from' "${alt}/nginx.conf")" -eq 3 ] || fail "set_real_ip_from outside the copy (or missing)"
# The copy is Mailu's port-25 server line for line (Auth-Port 25 included,
# which admin's auth reads), but for its listen and set_real_ip_from lines
# and, right after them, its auth_http to the pod-network guard.
body="$(server_body "${alt}/nginx.conf" 11025)"
mailu_25="$(server_body "${FIXTURES_DIR}/nginx-tls.conf" 25)"
if [ -z "${body}" ] || [ "${body}" != "      ${guard_auth_http}"$'\n'"${mailu_25}" ]; then
  fail "the 11025 server is not a copy of Mailu's port-25 server with the guard's auth_http:"$'\n'"$(diff <(printf '      %s\n%s\n' "${guard_auth_http}" "${mailu_25}") <(printf '%s\n' "${body}"))"
fi
[ "$(server_body "${alt}/nginx.conf" 25)" = "${mailu_25}" ] || fail "Mailu's port-25 server was changed"
[ "$(grep -c '^[[:space:]]*auth_http ' "${alt}/nginx.conf")" -eq 2 ] ||
  fail "expected two auth_http (mail {}'s to admin, the copy's to the guard):"$'\n'"$(grep -n 'auth_http ' "${alt}/nginx.conf")"
grep -qx "    auth_http http://${ip}:8080/internal/auth/email;" "${alt}/nginx.conf" ||
  fail "mail {}'s auth_http does not go to admin with alternates"
for line in 'starttls on;' 'ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;' 'ssl_prefer_server_ciphers on;' 'smtp_auth none;'; do
  grep -qxF "      ${line}" <<<"${body}" || fail "the 11025 server lacks Mailu's '${line}'"
done
# The pod-network guard: once, right after "http {", with SUBNET's entries
# and admin's address.
guard="$(guard_block "${ip}" "${subnet_entries[@]}")"
guard_lines="$(wc -l <<<"${guard}")"
http_line="$(grep -n '^http {$' "${plain}/nginx.conf" | cut -d: -f1)"
[ "$(sed -n "$((http_line + 1)),$((http_line + guard_lines))p" "${alt}/nginx.conf")" = "${guard}" ] ||
  fail "no pod-network guard right after 'http {' (line ${http_line}):"$'\n'"$(diff <(printf '%s\n' "${guard}") <(sed -n "$((http_line + 1)),$((http_line + guard_lines))p" "${alt}/nginx.conf"))"
# shellcheck disable=SC2016 # nginx variables
for part in "${guard_mark}" 'geo $http_client_ip $cdk8s_mailu_pod_network {' 'listen 127.0.0.1:8001;' \
  'if ($cdk8s_mailu_pod_network) {'; do
  [ "$(grep -cF -- "${part}" "${alt}/nginx.conf")" -eq 1 ] || fail "'${part}' is not in nginx.conf exactly once"
done
# The copy and its markers are inserted, as one block, right after the
# closing brace of 25's server; nothing else differs from the plain patch
# but for the guard.
sed "$((http_line + 1)),$((http_line + guard_lines))d" "${alt}/nginx.conf" >"${TMP}/alt-unguarded.conf"
hunks="$(diff "${plain}/nginx.conf" "${TMP}/alt-unguarded.conf" | grep '^[0-9]' || true)"
end_of_25="$(awk '/^mail[ \t]*\{/ { m = 1 } m && /^      auth_http_header Client-Port/ { a = 1 } a && /^    \}$/ { print NR; exit }' "${plain}/nginx.conf")"
[[ "${hunks}" =~ ^${end_of_25}a[0-9]+,[0-9]+$ ]] ||
  fail "the copy is not one block right after line ${end_of_25} (the end of 25's server): ${hunks}"
added="$(diff "${plain}/nginx.conf" "${TMP}/alt-unguarded.conf" | sed -n 's/^> //p' || true)"
if [ "$(sed -n 2p <<<"${added}")" != "    ${alt_begin}" ] || [ "$(tail -n 1 <<<"${added}")" != "    ${alt_end}" ]; then
  fail "the copy is not between the markers:"$'\n'"${added}"
fi
grep -qxF "      listen 11025 proxy_protocol;" "${alt}/nginx.conf" || fail "no 'listen 11025 proxy_protocol;'"
nginx_t "${alt}/nginx.conf" "${ip}"
note "ok: 25:11025: one copy of Mailu's port-25 server, listen 11025 proxy_protocol, set_real_ip_from ${trusted_words}, auth_http to the guard; the guard for ${subnet_words} at the top of http {}; nginx -t"

# Dovecot: the block is appended, and dovecot reads the listeners from it.
original="${TMP}/proxy.orig"
sed "s|/certs/|${certs}/|g" "${FIXTURES_DIR}/dovecot-proxy-tls.conf" >"${original}"
[ "$(head -n "$(wc -l <"${original}")" "${alt}/proxy.conf")" = "$(cat "${original}")" ] ||
  fail "proxy.conf was changed before its end"
if ! grep -qxF "${alt_begin}" "${alt}/proxy.conf" || [ "$(tail -n 1 "${alt}/proxy.conf")" != "${alt_end}" ]; then
  fail "the dovecot block is not between the markers at the end"
fi
listeners="$(haproxy_listeners "${alt}/proxy.conf")"
[ "${listeners}" = "imap-login imaps-proxy port=11993 ssl=yes
pop3-login pop3s-proxy port=11995 ssl=yes
submission-login submission-proxy port=11587 ssl=no
submission-login submissions-proxy port=11465 ssl=yes" ] || fail "unexpected haproxy listeners in doveconf -n:"$'\n'"${listeners}"
[ "$(doveconf -c "${alt}/proxy.conf" -h haproxy_trusted_networks)" = "${trusted_words}" ] ||
  fail "haproxy_trusted_networks is '$(doveconf -c "${alt}/proxy.conf" -h haproxy_trusted_networks)', not '${trusted_words}'"
# Mailu's own listeners are still there, without haproxy.
for port in 465 587 993 995 2525; do
  grep -qx "    port = ${port}" "${TMP}/doveconf.out" || fail "doveconf -n lost Mailu's listener on ${port}"
done
unchanged_rerun "${alt}" "${ip}" PROXY_ALTERNATE_PORTS="${all_ports}" PROXY_ALTERNATE_FROM="${trusted}" SUBNET="${subnet}"
grep -q 'PROXY listener guard: already there' "${TMP}/rerun.out" ||
  fail "the second run does not say the guard is there: $(cat "${TMP}/rerun.out")"
grep -q 'dovecot PROXY listeners: already there' "${TMP}/rerun.out" ||
  fail "the second run does not say the dovecot listeners are there: $(cat "${TMP}/rerun.out")"
note "ok: dovecot: haproxy listeners on 11465, 11587 (no ssl), 11993, 11995, trusted ${trusted_words}; both files idempotent"

# subset PORTS NGINX_SERVERS DOVECOT_LISTENERS [SUBNET]: with 25 in PORTS,
# the guard holds SUBNET's entries; without, there is none, and SUBNET (set
# or not) does not matter.
subset() {
  local dir="${TMP}/subset" networks
  fresh "${dir}"
  tls_patch "${dir}" "${ip}" PROXY_ALTERNATE_PORTS="$1" PROXY_ALTERNATE_FROM="${trusted}" SUBNET="${4:-}" \
    >"${TMP}/patch.out" 2>&1 || fail "patch step with PROXY_ALTERNATE_PORTS=$1 SUBNET='${4:-}' failed: $(cat "${TMP}/patch.out")"
  [ "$(mail_servers "${dir}/nginx.conf")" = "$2" ] ||
    fail "PROXY_ALTERNATE_PORTS=$1: unexpected mail servers:"$'\n'"$(mail_servers "${dir}/nginx.conf")"
  if [ -z "$3" ]; then
    cmp -s "${dir}/proxy.conf" "${original}" || fail "PROXY_ALTERNATE_PORTS=$1 changed proxy.conf"
  else
    [ "$(haproxy_listeners "${dir}/proxy.conf")" = "$3" ] ||
      fail "PROXY_ALTERNATE_PORTS=$1: unexpected haproxy listeners:"$'\n'"$(haproxy_listeners "${dir}/proxy.conf")"
  fi
  case ",$1" in
    *,25:*)
      read -r -a networks <<<"$(tr ',' ' ' <<<"$4")"
      [ "$(sed -n "$((http_line + 1)),$((http_line + guard_lines + ${#networks[@]} - 2))p" "${dir}/nginx.conf")" = \
        "$(guard_block "${ip}" "${networks[@]}")" ] ||
        fail "PROXY_ALTERNATE_PORTS=$1: no guard for ${networks[*]} after 'http {':"$'\n'"$(head -n 40 "${dir}/nginx.conf")"
      [ "$(grep -cF "${guard_mark}" "${dir}/nginx.conf")" -eq 1 ] || fail "PROXY_ALTERNATE_PORTS=$1: not one guard"
      nginx_t "${dir}/nginx.conf" "${ip}"
      ;;
    *) no_guard "${dir}/nginx.conf" "PROXY_ALTERNATE_PORTS=$1" ;;
  esac
  unchanged_rerun "${dir}" "${ip}" PROXY_ALTERNATE_PORTS="$1" PROXY_ALTERNATE_FROM="${trusted}" SUBNET="${4:-}"
  note "ok: PROXY_ALTERNATE_PORTS=$1 (SUBNET '${4:-}') adds only those; idempotent"
}
subset 25:11025,993:11993 "25 |"$'\n'"11025 proxy_protocol | ${trusted_words}" "imap-login imaps-proxy port=11993 ssl=yes" \
  10.42.0.0/16
subset 25:2025 "25 |"$'\n'"2025 proxy_protocol | ${trusted_words}" "" "fd00:10:42::/56,10.42.0.0/16,10.43.0.0/16"
subset 587:11587 "25 |" "submission-login submission-proxy port=11587 ssl=no"
subset 993:11993 "25 |" "imap-login imaps-proxy port=11993 ssl=yes" "${subnet}"
subset 995:11995,465:11465 "25 |" "pop3-login pop3s-proxy port=11995 ssl=yes
submission-login submissions-proxy port=11465 ssl=yes"

# --- 3. refusals -------------------------------------------------------------
# refused CASE WORD [VAR=VALUE...]: the patch step (with SUBNET=${subnet}
# unless the arguments say otherwise) exits 1, names WORD on stderr and
# leaves both files as they were, with no work files.
refused() {
  local case="$1" word="$2" dir="${TMP}/refused" before status=0
  shift 2
  fresh "${dir}"
  before="$(sum "${dir}/nginx.conf") $(sum "${dir}/proxy.conf")"
  tls_patch "${dir}" "${admin}" SUBNET="${subnet}" "$@" >"${TMP}/out" 2>"${TMP}/err" || status=$?
  [ "${status}" -eq 1 ] || fail "${case}: exit status ${status}, expected 1: $(cat "${TMP}/out" "${TMP}/err")"
  grep -qF -- "${word}" "${TMP}/err" || fail "${case}: stderr does not mention '${word}': $(cat "${TMP}/err")"
  [ "$(sum "${dir}/nginx.conf") $(sum "${dir}/proxy.conf")" = "${before}" ] || fail "${case}: a file was changed"
  if ls "${dir}"/*.cdk8s-mailu.* >/dev/null 2>&1; then fail "${case}: work files left behind"; fi
  note "ok: ${case}: $(head -n 1 "${TMP}/err")"
}
from="PROXY_ALTERNATE_FROM=${trusted}"
refused "alternates with notls" "needs TLS at front" TLS_FLAVOR=notls PROXY_ALTERNATE_PORTS=25:11025 "${from}"
refused "alternates with TLS_FLAVOR unset" "needs TLS at front" TLS_FLAVOR= PROXY_ALTERNATE_PORTS="${all_ports}" "${from}"
refused "alternates with an empty PROXY_ALTERNATE_FROM" "PROXY_ALTERNATE_FROM is empty" PROXY_ALTERNATE_PORTS="${all_ports}"
refused "alternates with a blank PROXY_ALTERNATE_FROM" "PROXY_ALTERNATE_FROM is empty" \
  PROXY_ALTERNATE_PORTS=993:11993 PROXY_ALTERNATE_FROM=" , "
refused "PROXY_ALTERNATE_FROM with a host name" "'lb.example.com'" \
  PROXY_ALTERNATE_PORTS="${all_ports}" PROXY_ALTERNATE_FROM="10.42.0.0/16,lb.example.com"
refused "PROXY_ALTERNATE_FROM with a bad IPv4 prefix" "'10.42.0.0/33'" \
  PROXY_ALTERNATE_PORTS=25:11025 PROXY_ALTERNATE_FROM="10.42.0.0/33"
refused "PROXY_ALTERNATE_FROM with a bad IPv6 prefix" "'fd00::/129'" \
  PROXY_ALTERNATE_PORTS=993:11993 PROXY_ALTERNATE_FROM="10.42.0.0/16,fd00::/129"
refused "PROXY_ALTERNATE_FROM with a stray ';'" "'10.42.0.0/16; evil'" \
  PROXY_ALTERNATE_PORTS=25:11025 PROXY_ALTERNATE_FROM="10.42.0.0/16; evil"
# 25's alternate needs Mailu's pod network, to keep it out.
refused "25's alternate without SUBNET" "SUBNET is empty" PROXY_ALTERNATE_PORTS=25:11025 "${from}" SUBNET=
refused "all alternates without SUBNET" "SUBNET is empty" PROXY_ALTERNATE_PORTS="${all_ports}" "${from}" SUBNET=
refused "25's alternate with a blank SUBNET" "SUBNET is empty" PROXY_ALTERNATE_PORTS=25:11025 "${from}" SUBNET=" , "
refused "SUBNET with a host name" "SUBNET entry 'pods.example.com'" \
  PROXY_ALTERNATE_PORTS="${all_ports}" "${from}" SUBNET="10.42.0.0/16,pods.example.com"
refused "SUBNET with a bad IPv4 prefix" "SUBNET entry '10.42.0.0/33'" \
  PROXY_ALTERNATE_PORTS=25:11025 "${from}" SUBNET="10.42.0.0/33"
refused "SUBNET with a bad IPv6 prefix" "SUBNET entry 'fd00:10:42::/129'" \
  PROXY_ALTERNATE_PORTS=25:11025,993:11993 "${from}" SUBNET="10.42.0.0/16,fd00:10:42::/129"
refused "SUBNET with a stray ';'" "SUBNET entry '10.42.0.0/16; evil'" \
  PROXY_ALTERNATE_PORTS=25:11025 "${from}" SUBNET="10.42.0.0/16; evil"
refused "PROXY_ALTERNATE_FROM without PROXY_ALTERNATE_PORTS" "PROXY_ALTERNATE_PORTS names no port" "${from}"
refused "an unknown standard port" "'143:11143'" PROXY_ALTERNATE_PORTS=25:11025,143:11143 "${from}"
refused "a non-numeric alternate" "'25:smtp'" PROXY_ALTERNATE_PORTS=25:smtp "${from}"
refused "an empty alternate" "'993:'" PROXY_ALTERNATE_PORTS=993: "${from}"
refused "an alternate above 65535" "70000 is not a port" PROXY_ALTERNATE_PORTS=465:70000 "${from}"
refused "a six-digit alternate" "100000 is not a port" PROXY_ALTERNATE_PORTS=465:100000 "${from}"
refused "an alternate with a leading 0" "'25:01025'" PROXY_ALTERNATE_PORTS=25:01025 "${from}"
refused "alternate 0" "'995:0'" PROXY_ALTERNATE_PORTS=995:0 "${from}"
refused "a standard port twice" "names 25 more than once" PROXY_ALTERNATE_PORTS=25:11025,465:11465,25:12025 "${from}"
# An alternate must be a port of its own: nginx or dovecot would otherwise
# fail to bind it when front starts, after the patch was taken as good.
refused "a port without its alternate" "'993' is not <port>:<alternate>" PROXY_ALTERNATE_PORTS=25:11025,993 "${from}"
refused "25 without its alternate" "'25' is not <port>:<alternate>" PROXY_ALTERNATE_PORTS=25 "${from}"
refused "an alternate on a standard port" "front already listens on 587" PROXY_ALTERNATE_PORTS=25:587 "${from}"
refused "an alternate on front's LMTP port" "front already listens on 2525" PROXY_ALTERNATE_PORTS=993:2525 "${from}"
refused "an alternate on nginx's web port" "front already listens on 80" PROXY_ALTERNATE_PORTS=25:80 "${from}"
refused "the same alternate twice (dovecot)" "front already listens on 11465" PROXY_ALTERNATE_PORTS=465:11465,993:11465 "${from}"
refused "the same alternate twice (nginx and dovecot)" "front already listens on 11995" \
  PROXY_ALTERNATE_PORTS=995:11995,25:11995 "${from}"
refused "TLS_FLAVOR=letsencrypt" "'letsencrypt'" TLS_FLAVOR=letsencrypt
refused "TLS_FLAVOR=letsencrypt with alternates" "'letsencrypt'" TLS_FLAVOR=letsencrypt \
  PROXY_ALTERNATE_PORTS="${all_ports}" "${from}"
refused "TLS_FLAVOR=mail-letsencrypt" "'mail-letsencrypt'" TLS_FLAVOR=mail-letsencrypt

# Dovecot alternates without front's proxy.conf: nginx.conf is left alone too.
missing="${TMP}/missing"
fresh "${missing}"
rm "${missing}/proxy.conf"
status=0
tls_patch "${missing}" "${admin}" PROXY_ALTERNATE_PORTS="${all_ports}" "${from}" >/dev/null 2>"${TMP}/err" || status=$?
if [ "${status}" -ne 1 ] || ! grep -qF "${missing}/proxy.conf does not exist" "${TMP}/err"; then
  fail "dovecot alternates without proxy.conf: status ${status}, stderr: $(cat "${TMP}/err")"
fi
cmp -s "${missing}/nginx.conf" "${FIXTURES_DIR}/nginx-tls.conf" || fail "nginx.conf was patched although proxy.conf is missing"
if ls "${missing}"/*.cdk8s-mailu.* >/dev/null 2>&1; then fail "work files left behind without proxy.conf"; fi
note "ok: dovecot alternates without proxy.conf: $(cat "${TMP}/err"); nginx.conf unchanged"

# A file patched for other alternates is not taken as patched for these.
stale="${TMP}/stale"
fresh "${stale}"
tls_patch "${stale}" "${admin}" PROXY_ALTERNATE_PORTS=25:11025 "${from}" SUBNET="${subnet}" >/dev/null 2>&1 ||
  fail "patch for 25:11025 failed"
before="$(sum "${stale}/nginx.conf")"
# stale_rerun CASE WORD [VAR=VALUE...]: a second run on the file patched for
# 25:11025 and ${subnet} exits 1 naming WORD, and leaves it as it was.
stale_rerun() {
  local case="$1" word="$2" status=0
  shift 2
  tls_patch "${stale}" "${admin}" "$@" >/dev/null 2>"${TMP}/err" || status=$?
  if [ "${status}" -ne 1 ] || ! grep -qF -- "${word}" "${TMP}/err"; then
    fail "a file patched for 25:11025 and SUBNET ${subnet} passed for ${case} (status ${status}): $(cat "${TMP}/err")"
  fi
  [ "$(sum "${stale}/nginx.conf")" = "${before}" ] || fail "${case}: the failed run changed the file"
  if ls "${stale}"/*.cdk8s-mailu.* >/dev/null 2>&1; then fail "${case}: the failed run left work files behind"; fi
  note "ok: a file patched for other settings fails for ${case}: $(cat "${TMP}/err")"
}
stale_rerun 25:12025 'verification failed' PROXY_ALTERNATE_PORTS=25:12025 "${from}" SUBNET="${subnet}"
stale_rerun "another SUBNET" 'verification failed: the pod-network guard does not hold 10.43.0.0/16 (SUBNET)' \
  PROXY_ALTERNATE_PORTS=25:11025 "${from}" SUBNET="10.42.0.0/16,10.43.0.0/16"
stale_rerun "a SUBNET of fewer entries" 'verification failed: the pod-network guard' \
  PROXY_ALTERNATE_PORTS=25:11025 "${from}" SUBNET="10.42.0.0/16"
stale_rerun "no SUBNET" 'SUBNET is empty' PROXY_ALTERNATE_PORTS=25:11025 "${from}" SUBNET=
stale_rerun "an invalid SUBNET" "SUBNET entry 'pods.example.com'" PROXY_ALTERNATE_PORTS=25:11025 "${from}" SUBNET=pods.example.com

# --- 4. the real nginx ---------------------------------------------------------
# The client. MODE "trusted" (the peer in PROXY_ALTERNATE_FROM and, as the
# load balancer may be, inside SUBNET): 11025 believes the header, admin is
# asked for public addresses and the guard refuses SUBNET's, and the
# header-less and standard-port checks run too; "untrusted" (the peer
# outside PROXY_ALTERNATE_FROM and SUBNET): the header is read but admin
# sees the peer's address; "untrusted-pod" (the peer outside
# PROXY_ALTERNATE_FROM, inside SUBNET): the guard refuses whatever the
# header says, and Mailu's 25 still asks admin.
cat >"${TMP}/client.py" <<'PY'
import json, socket, ssl, sys, time
from client_helpers import clear_requests, last_request, proxy_v2_header, requests, silent_without_header, wait_for

ip, log_file, mode = sys.argv[1], sys.argv[2], sys.argv[3]
PUBLIC, PUBLIC6 = "203.0.113.7", "2001:db8::7"
POD, POD6 = "10.42.3.4", "fd00:10:42::5"  # inside the runs' SUBNET
REFUSAL = "the client address is inside the pod network"

class Smtp:
    def __init__(self, port, header):
        self.sock = socket.create_connection((ip, port), 10)
        if header:
            # The header's destination: the listener's address, or for an
            # IPv6 client the helper's IPv6 default (the listener's is IPv4).
            server = None if ":" in header else ip
            self.sock.sendall(proxy_v2_header(header, server, 40000, port))
        self.own_addr = self.sock.getsockname()[0]
        self.file = self.sock.makefile("rb")

    def reply(self):
        lines = []
        while True:
            line = self.file.readline()
            if not line:
                raise SystemExit(f"nginx closed the connection after {lines}")
            lines.append(line.decode().rstrip("\r\n"))
            if lines[-1][3:4] != "-":
                return lines

    def command(self, text):
        self.sock.sendall(text.encode() + b"\r\n")
        return self.reply()

    def starttls(self):
        reply = self.command("STARTTLS")
        assert reply[-1].startswith("220"), reply
        # The test's certificate is self-signed: no verification.
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        self.file.close()
        self.sock = context.wrap_socket(self.sock, server_hostname="mail.example.com")
        self.file = self.sock.makefile("rb")
        return self.sock.version()

    def close(self):
        self.file.close()
        self.sock.close()

def session(port, header, refused=False):
    """Greeting, EHLO with STARTTLS, STARTTLS, EHLO, MAIL, RCPT, with a PROXY
    header naming the address header (or none); returns the client's own
    address, the TLS version and admin's request headers, or, refused, the
    reply to RCPT, which must be the guard's refusal with admin not asked."""
    c = Smtp(port, header)
    greeting = c.reply()
    assert greeting[-1].startswith("220 "), f"no SMTP greeting on {port}: {greeting}"
    features = c.command("EHLO client.test")
    assert features[-1].startswith("250 ") and any(f[4:] == "STARTTLS" for f in features), \
        f"{port} does not offer STARTTLS: {features}"
    version = c.starttls()
    features = c.command("EHLO client.test")
    assert features[-1].startswith("250 "), f"no EHLO after STARTTLS on {port}: {features}"
    assert not any("STARTTLS" in f for f in features), f"STARTTLS offered again inside TLS: {features}"
    reply = c.command("MAIL FROM:<sender@example.net>")
    assert reply[-1].startswith("250"), reply
    # nginx asks auth_http here (smtp_auth none); the fake admin says no.
    reply = c.command("RCPT TO:<alice@example.com>")
    assert reply[-1][:1] in "45", f"RCPT accepted although auth refused: {reply}"
    if refused:
        c.close()
        # The guard's own answer: not admin's, nor one for an auth_http
        # nginx could not reach (451 4.3.2 Internal server error).
        assert reply[-1][:1] in "45" and REFUSAL in reply[-1], \
            f"{port} with a header naming {header} (peer {c.own_addr}): not the guard's refusal: {reply}"
        time.sleep(0.3)
        assert requests(log_file) == [], f"admin was asked for {header} (peer {c.own_addr}): {requests(log_file)}"
        return c.own_addr, version, reply
    request = last_request(log_file)
    c.close()
    headers = request["headers"]
    assert request["path"] == "/internal/auth/email", request
    assert headers["Auth-Protocol"] == "smtp", headers
    assert headers["Auth-Method"] == "none", headers
    assert headers["Auth-Port"] == "25", headers
    assert headers["Auth-SMTP-Helo"] == "client.test", headers
    assert headers["Auth-SMTP-From"] == "MAIL FROM:<sender@example.net>", headers
    assert headers["Auth-SMTP-To"] == "RCPT TO:<alice@example.com>", headers
    assert headers.get("Auth-SSL") == "on", f"admin was asked outside TLS: {headers}"
    assert REFUSAL not in json.dumps(headers), headers
    return c.own_addr, version, headers

wait_for(ip, 8080, 25, 11025)
clear_requests(log_file)

if mode == "untrusted":
    for header in (PUBLIC, POD):
        own_addr, version, headers = session(11025, header)
        assert own_addr != header
        assert headers["Client-IP"] == own_addr, f"Client-IP {headers['Client-IP']}, expected the peer's {own_addr}"
        print(f"ok: 11025 from an untrusted peer, header {header}: admin sees Client-IP {own_addr}")
    sys.exit(0)

if mode == "untrusted-pod":
    for header in (PUBLIC, POD):
        own_addr, version, reply = session(11025, header, refused=True)
        print(f"ok: 11025 from an untrusted peer inside SUBNET ({own_addr}), header {header}: {reply[-1]}, admin not asked")
    own_addr, version, headers = session(25, None)
    assert headers["Client-IP"] == own_addr, f"Client-IP {headers['Client-IP']} on 25, expected the peer's {own_addr}"
    print(f"ok: 25 from inside SUBNET: admin asked, Client-IP {own_addr}")
    sys.exit(0)

# mode == "trusted"
own_addr, version, proxied = session(11025, PUBLIC)
assert own_addr != PUBLIC
assert proxied["Client-IP"] == PUBLIC, f"Client-IP {proxied['Client-IP']}, expected the header's {PUBLIC}"
print(f"ok: 11025 with a PROXY header: greeting, STARTTLS ({version}), admin sees Client-IP {PUBLIC} (peer {own_addr}, inside SUBNET)")
own_addr, version, headers = session(11025, PUBLIC6)
assert headers["Client-IP"] == PUBLIC6, f"Client-IP {headers['Client-IP']}, expected the header's {PUBLIC6}"
print(f"ok: 11025 with a PROXY header naming {PUBLIC6}: admin sees it as Client-IP")
for header in (POD, POD6):
    own_addr, version, reply = session(11025, header, refused=True)
    print(f"ok: 11025 with a PROXY header naming {header} (inside SUBNET): {reply[-1]}, admin not asked")

# Without a header: a client that speaks first is cut off, and one that
# waits for the greeting gets none.
silent_without_header(ip, 11025)
time.sleep(0.5)
assert requests(log_file) == [], f"the admin service was asked for a connection without a header: {requests(log_file)}"
print("ok: 11025 without a PROXY header: no greeting, closed, admin not asked")

# Mailu's 25 takes no header and has no guard: it greets first, and admin
# sees the peer, inside SUBNET as it is.
own_addr, version, direct = session(25, None)
assert direct["Client-IP"] == own_addr, f"Client-IP {direct['Client-IP']} on 25, expected the peer's {own_addr}"
print(f"ok: 25 without a header: greeting, STARTTLS ({version}), admin sees Client-IP {own_addr}")

# The guard passes admin the whole request nginx made: the headers of 25's,
# which goes straight to admin, and the PROXY listener's Proxy-Protocol-*,
# but for the client's address and port, and Host and Connection, which the
# guard's proxy_pass sets.
def comparable(headers):
    return {k.lower(): v for k, v in headers.items()
            if k.lower() not in ("client-ip", "client-port", "host", "connection")
            and not k.lower().startswith("proxy-protocol-")}
assert comparable(proxied) == comparable(direct), \
    f"admin got other headers through the guard:\n  11025: {proxied}\n  25:    {direct}"
assert proxied.get("Proxy-Protocol-Addr") == PUBLIC, f"no Proxy-Protocol-Addr {PUBLIC} through the guard: {proxied}"
print(f"ok: through the guard admin gets the headers of 25's request and the PROXY listener's: {sorted(proxied)}")
PY

# live NAME FROM SUBNET PORTS: the patch step and nginx for client MODE NAME.
live() {
  ip="$(random_loopback)"
  fresh "${TMP}/live-$1"
  tls_patch "${TMP}/live-$1" "${ip}" PROXY_ALTERNATE_PORTS="$4" PROXY_ALTERNATE_FROM="$2" SUBNET="$3" \
    >"${TMP}/patch.out" 2>&1 || fail "patch step for the $1 run failed: $(cat "${TMP}/patch.out")"
  tls_local_conf "${TMP}/live-$1/nginx.conf" "${ip}"
  start_front "${TMP}/live-$1/nginx.conf.local" "${ip}" "$1"
  front_client "$1" "${ip}" "$1" <"${TMP}/client.py"
}

live trusted "127.0.0.0/8,::1" "10.42.0.0/16,fd00:10:42::/56,127.0.0.0/8" "${all_ports}"
grep -q 'broken header: "EHLO client.test' "${TMP}/trusted-nginx.log" ||
  fail "nginx did not log the header-less connection as a broken header:"$'\n'"$(cat "${TMP}/trusted-nginx.log")"
stop_front
live untrusted 192.0.2.0/24 10.42.0.0/16 25:11025
stop_front
live untrusted-pod 192.0.2.0/24 "10.42.0.0/16,127.0.0.0/8" 25:11025
stop_front
note "ok: nginx's 11025 requires the PROXY header, believes it only from PROXY_ALTERNATE_FROM, refuses SUBNET's addresses (believed or the peer's own) without asking admin, and serves STARTTLS like 25"

# --- 5. BusyBox ------------------------------------------------------------------
if command -v busybox >/dev/null 2>&1; then
  applets="${TMP}/busybox-bin"
  mkdir -p "${applets}"
  for applet in $(busybox --list); do ln -s "$(command -v busybox)" "${applets}/${applet}"; done
  # bb_patch DIR [VAR=VALUE...]: tls_patch with BusyBox's sh and applets only.
  bb_patch() {
    local dir="$1"
    shift
    env -i PATH="${applets}" TLS_FLAVOR=mail "$@" ADMIN_ADDRESS="${admin}" NGINX_CONF="${dir}/nginx.conf" \
      DOVECOT_PROXY_CONF="${dir}/proxy.conf" "${applets}/sh" "${FRONT_SCRIPT}" --patch-only
  }
  for ports in "" "${all_ports}" 25:11025 993:11993,587:11587; do
    settings=()
    if [ -n "${ports}" ]; then
      settings=(PROXY_ALTERNATE_PORTS="${ports}" PROXY_ALTERNATE_FROM="${trusted}" SUBNET="${subnet}")
    fi
    fresh "${TMP}/system"
    fresh "${TMP}/busybox"
    tls_patch "${TMP}/system" "${admin}" "${settings[@]}" >/dev/null 2>&1 || fail "system patch failed for '${ports}'"
    bb_patch "${TMP}/busybox" "${settings[@]}" >"${TMP}/out" 2>&1 ||
      fail "patch failed under BusyBox for '${ports}': $(cat "${TMP}/out")"
    cmp "${TMP}/system/nginx.conf" "${TMP}/busybox/nginx.conf" || fail "BusyBox gives another nginx.conf for '${ports}'"
    cmp "${TMP}/system/proxy.conf" "${TMP}/busybox/proxy.conf" || fail "BusyBox gives another proxy.conf for '${ports}'"
    before="$(sum "${TMP}/busybox/nginx.conf") $(sum "${TMP}/busybox/proxy.conf")"
    bb_patch "${TMP}/busybox" "${settings[@]}" >"${TMP}/out" 2>&1 || fail "second run under BusyBox failed for '${ports}'"
    [ "$(sum "${TMP}/busybox/nginx.conf") $(sum "${TMP}/busybox/proxy.conf")" = "${before}" ] ||
      fail "the second run under BusyBox changed a file for '${ports}'"
    grep -q 'already patched' "${TMP}/out" || fail "the second run under BusyBox does not say so: $(cat "${TMP}/out")"
    if [ "${ports}" = "${all_ports}" ]; then
      grep -q 'set_real_ip_from fd00:10:42::/56;' "${TMP}/busybox/nginx.conf" || fail "no IPv6 set_real_ip_from under BusyBox"
      grep -qx 'haproxy_trusted_networks = 10.42.0.0/16 fd00:10:42::/56 192.0.2.1' "${TMP}/busybox/proxy.conf" ||
        fail "no haproxy_trusted_networks with the entries under BusyBox"
      [ "$(sed -n "$((http_line + 1)),$((http_line + guard_lines))p" "${TMP}/busybox/nginx.conf")" = \
        "$(guard_block "${admin}" "${subnet_entries[@]}")" ] || fail "no guard for ${subnet_words} under BusyBox"
      grep -qxF "      ${guard_auth_http}" "${TMP}/busybox/nginx.conf" || fail "no auth_http to the guard under BusyBox"
    fi
    case "${ports}" in
      *25:*) ;;
      *) no_guard "${TMP}/busybox/nginx.conf" "BusyBox, '${ports}'" ;;
    esac
  done
  for bad in "PROXY_ALTERNATE_FROM=10.42.0.0/16,lb.example.com" "PROXY_ALTERNATE_FROM=::ffff:10.42.0.256" \
    "PROXY_ALTERNATE_FROM=1:2:3:4:5:6:7:8:9" "PROXY_ALTERNATE_FROM=" "PROXY_ALTERNATE_PORTS=25:01025" \
    "PROXY_ALTERNATE_PORTS=25:70000" "PROXY_ALTERNATE_PORTS=993:11993,993:12993" "PROXY_ALTERNATE_PORTS=110:11110" \
    "PROXY_ALTERNATE_PORTS=993" "PROXY_ALTERNATE_PORTS=465:11465,993:11465" "PROXY_ALTERNATE_PORTS=25:587" \
    "TLS_FLAVOR=notls" "TLS_FLAVOR=letsencrypt" "SUBNET=" "SUBNET= , " "SUBNET=10.42.0.0/16,pods.example.com" \
    "SUBNET=10.42.0.0/33" "SUBNET=fd00::/129"; do
    fresh "${TMP}/busybox"
    status=0
    bb_patch "${TMP}/busybox" PROXY_ALTERNATE_PORTS="${all_ports}" PROXY_ALTERNATE_FROM="${trusted}" SUBNET="${subnet}" \
      "${bad}" >/dev/null 2>"${TMP}/err" || status=$?
    if [ "${status}" -ne 1 ] || ! grep -q 'error:' "${TMP}/err"; then
      fail "BusyBox run with ${bad}: status ${status}, stderr: $(cat "${TMP}/err")"
    fi
    case "${bad}" in
      SUBNET=*) grep -q 'error: SUBNET ' "${TMP}/err" || fail "BusyBox run with ${bad}: SUBNET not named: $(cat "${TMP}/err")" ;;
      *) ;;
    esac
    cmp -s "${FIXTURES_DIR}/nginx-tls.conf" "${TMP}/busybox/nginx.conf" || fail "BusyBox run with ${bad} changed nginx.conf"
    cmp -s "${original}" "${TMP}/busybox/proxy.conf" || fail "BusyBox run with ${bad} changed proxy.conf"
    if ls "${TMP}/busybox"/*.cdk8s-mailu.* >/dev/null 2>&1; then fail "BusyBox run with ${bad}: work files left behind"; fi
  done
  note "ok: TLS at front under BusyBox: same bytes (the guard's included), idempotent, the same refusals"
else
  note "BusyBox is not installed (Debian package busybox): its part is not run"
fi

# --- 6. the full start -------------------------------------------------------------
# Stand-ins: config.py renders the two fixtures; dovecot records what it was
# given; nginx records every call and, started in the foreground, stays up
# until ${STUB_DIR}/stop appears; doveadm records its calls.
stubs="${TMP}/stubs"
mkdir -p "${stubs}"
cat >"${stubs}/python3" <<'STUB'
#!/bin/sh
echo config.py >>"$STUB_DIR/order"
cp "$FIXTURE_NGINX" "$NGINX_CONF"
cp "$FIXTURE_DOVECOT" "$DOVECOT_PROXY_CONF"
STUB
cat >"${stubs}/dovecot" <<'STUB'
#!/bin/sh
echo dovecot >>"$STUB_DIR/order"
printf '%s\n' "$*" >"$STUB_DIR/dovecot.args"
grep -c 'haproxy = yes' "$2" >"$STUB_DIR/dovecot.haproxy"
exit 0
STUB
cat >"${stubs}/nginx" <<'STUB'
#!/bin/sh
printf '%s\n' "$*" >>"$STUB_DIR/nginx.calls"
if [ "$1" = -g ]; then
  echo nginx >>"$STUB_DIR/order"
  i=0
  while [ ! -e "$STUB_DIR/stop" ] && [ "$i" -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
fi
STUB
cat >"${stubs}/doveadm" <<'STUB'
#!/bin/sh
printf '%s\n' "$*" >>"$STUB_DIR/doveadm.calls"
STUB
chmod +x "${stubs}/python3" "${stubs}/dovecot" "${stubs}/nginx" "${stubs}/doveadm"

# start_env CERT_DIR: the environment of a full start.
start_env() {
  start_vars=(STUB_DIR="${stubs}" FIXTURE_NGINX="${FIXTURES_DIR}/nginx-tls.conf" FIXTURE_DOVECOT="${original}"
    TLS_FLAVOR=mail PROXY_ALTERNATE_PORTS="${all_ports}" PROXY_ALTERNATE_FROM="${trusted}" SUBNET="${subnet}" CERT_DIR="$1"
    CERT_POLL_SECONDS=1 ADMIN_ADDRESS="${admin}" NGINX_CONF="${TMP}/start/nginx.conf"
    NGINX_PID_FILE="${TMP}/start/nginx.pid" DOVECOT_PROXY_CONF="${TMP}/start/proxy.conf" CPU_MAX_FILE=/nonexistent
    PYTHON_BIN="${stubs}/python3" NGINX_BIN="${stubs}/nginx" DOVECOT_BIN="${stubs}/dovecot" DOVEADM_BIN="${stubs}/doveadm")
  rm -rf "${TMP}/start"
  mkdir -p "${TMP}/start"
  rm -f "${stubs}/order" "${stubs}/stop" "${stubs}"/*.calls "${stubs}"/dovecot.*
}

# A certificate file missing: status 1, the file named, config.py not run.
# Each start runs in a session of its own, so that a watch loop one leaves
# behind (when the check is broken) can be ended with it; the stand-in nginx
# of such a start ends at once.
mkdir -p "${TMP}/half-certs"
cp "${certs}/cert.pem" "${TMP}/half-certs/cert.pem"
for case in "${TMP}/no-certs:cert.pem" "${TMP}/half-certs:key.pem"; do
  start_env "${case%:*}"
  touch "${stubs}/stop"
  setsid env "${start_vars[@]}" sh "${FRONT_SCRIPT}" >"${TMP}/out" 2>"${TMP}/err" &
  entrypoint_pid=$!
  on_exit "kill -- -${entrypoint_pid} 2>/dev/null"
  finish 30
  kill -- -"${entrypoint_pid}" 2>/dev/null || true
  [ "${status}" -eq 1 ] || fail "the start without ${case} exited with ${status}, not 1"
  grep -qF "${case%:*}/${case#*:} is missing" "${TMP}/err" || fail "the error does not name ${case%:*}/${case#*:}: $(cat "${TMP}/err")"
  [ ! -e "${stubs}/order" ] || fail "something was started without ${case#*:}: $(tr '\n' ' ' <"${stubs}/order")"
  note "ok: no ${case#*:}: $(cat "${TMP}/err")"
done

# With the certificate: patched, started, watched.
cp -r "${certs}" "${TMP}/live-certs"
start_env "${TMP}/live-certs"
setsid env "${start_vars[@]}" sh "${FRONT_SCRIPT}" >"${TMP}/out" 2>"${TMP}/err" &
entrypoint_pid=$!
on_exit "touch '${stubs}/stop'; kill -- -${entrypoint_pid} 2>/dev/null"
for _ in $(seq 100); do
  grep -q nginx "${stubs}/order" 2>/dev/null && break
  running "${entrypoint_pid}" || break
  sleep 0.1
done
[ "$(cat "${stubs}/order" 2>/dev/null)" = $'config.py\ndovecot\nnginx' ] ||
  fail "not config.py, dovecot, nginx: $(cat "${stubs}/order" "${TMP}/out" "${TMP}/err" 2>&1)"
[ "$(cat "${stubs}/dovecot.args")" = "-c ${TMP}/start/proxy.conf" ] || fail "dovecot started as: $(cat "${stubs}/dovecot.args")"
[ "$(cat "${stubs}/dovecot.haproxy")" = 4 ] || fail "dovecot started before its alternates were added"
grep -qxF "      listen 11025 proxy_protocol;" "${TMP}/start/nginx.conf" || fail "nginx started before its alternate was added"
grep -qxF "      ${guard_auth_http}" "${TMP}/start/nginx.conf" || fail "nginx started without the alternate's auth_http to the guard"
grep -qxF "    ${guard_mark}" "${TMP}/start/nginx.conf" || fail "nginx started before the guard was added"
# No change, no reload.
sleep 2.5
[ "$(cat "${stubs}/nginx.calls")" = "-g daemon off;" ] || fail "nginx was called again without a change: $(cat "${stubs}/nginx.calls")"
[ ! -e "${stubs}/doveadm.calls" ] || fail "doveadm was called without a change: $(cat "${stubs}/doveadm.calls")"
# A renewed certificate (Kubernetes swaps the Secret's files in place).
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=mail.example.com \
  -keyout "${TMP}/live-certs/key.pem" -out "${TMP}/live-certs/cert.pem" >/dev/null 2>&1
for _ in $(seq 50); do
  [ -e "${stubs}/doveadm.calls" ] && break
  sleep 0.1
done
sleep 2.5
[ "$(cat "${stubs}/nginx.calls")" = $'-g daemon off;\n-s reload' ] ||
  fail "nginx was not reloaded once after the certificate changed: $(cat "${stubs}/nginx.calls" "${TMP}/out" "${TMP}/err")"
[ "$(cat "${stubs}/doveadm.calls" 2>/dev/null)" = "-c ${TMP}/start/proxy.conf reload" ] ||
  fail "dovecot was not reloaded once after the certificate changed: $(cat "${stubs}/doveadm.calls" "${TMP}/out" "${TMP}/err" 2>&1)"
grep -q 'the certificate changed' "${TMP}/out" || fail "the reload is not logged: $(cat "${TMP}/out")"
touch "${stubs}/stop"
kill -- -"${entrypoint_pid}" 2>/dev/null || true
wait "${entrypoint_pid}" 2>/dev/null || true
note "ok: full start: certificate checked before config.py, dovecot patched before it starts, nginx.conf with the alternate and its guard, a renewed certificate reloads nginx and dovecot once"
