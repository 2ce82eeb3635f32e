#!/usr/bin/env bash
# The front script's patch step applied to a Mailu 2024.06 notls nginx.conf
# gives a file nginx accepts (nginx -t), with plaintext mail servers on 587,
# 465 (smtp), 993 (imap) and 995 (pop3) and auth_http going to the admin
# service's /internal/auth/email on port 8080.
source "$(dirname "$0")/lib.sh"
need nginx nginx
need_low_ports

# server_summary FILE: one line per server of the mail {} block,
# "listen=<ports> protocol=<p> auth=<p>_auth:<value> auth-port=<n> client-port=<v>".
server_summary() {
  awk '
    /^mail[ \t]*\{/ { in_mail = 1; next }
    in_mail && /^[ \t]*server[ \t]*\{/ { in_server = 1; s = ""; next }
    in_server && /^[ \t]*\}/ { print s; in_server = 0; next }
    in_server {
      line = $0; sub(/^[ \t]+/, "", line); sub(/;[ \t]*$/, "", line)
      n = split(line, w, /[ \t]+/)
      if (w[1] == "listen") s = s " listen=" w[2]
      else if (w[1] == "protocol") s = s " protocol=" w[2]
      else if (w[1] ~ /_auth$/) s = s " auth=" w[1] ":" w[2]
      else if (w[1] == "auth_http_header") s = s " " tolower(w[2]) "=" w[3]
    }' "$1" | sed 's/^ //'
}

check() {
  local admin="$1" conf="${TMP}/nginx-$1.conf"
  cp "${FIXTURES_DIR}/nginx.conf" "${conf}"
  front_patch "${conf}" "${admin}" >"${TMP}/patch.out" 2>&1 || fail "patch step failed: $(cat "${TMP}/patch.out")"

  local summary
  summary="$(server_summary "${conf}")"
  local want
  for want in \
    'listen=25 protocol=smtp auth=smtp_auth:none auth-port=25 client-port=$remote_port' \
    'listen=587 protocol=smtp auth=smtp_auth:plain auth-port=587 client-port=$remote_port' \
    'listen=465 protocol=smtp auth=smtp_auth:plain auth-port=465 client-port=$remote_port' \
    'listen=993 protocol=imap auth=imap_auth:plain auth-port=993 client-port=$remote_port' \
    'listen=995 protocol=pop3 auth=pop3_auth:plain auth-port=995 client-port=$remote_port'; do
    grep -qxF "${want}" <<<"${summary}" || fail "no mail server '${want}' in:"$'\n'"${summary}"
  done
  [ "$(wc -l <<<"${summary}")" -eq 5 ] || fail "expected exactly 5 mail servers, got:"$'\n'"${summary}"
  [ "$(grep -c '^[[:space:]]*auth_http ' "${conf}")" -eq 1 ] || fail "expected exactly one auth_http"
  grep -qx "    auth_http http://${admin}:8080/internal/auth/email;" "${conf}" ||
    fail "auth_http does not go to http://${admin}:8080/internal/auth/email"

  local_nginx_conf "${conf}" "${TMP}/local.conf" "$(random_loopback)"
  nginx -t -q -e stderr -c "${TMP}/local.conf" >"${TMP}/nginx-t.out" 2>&1 ||
    fail "nginx -t rejects the patched config (ADMIN_ADDRESS=${admin}):"$'\n'"$(cat "${TMP}/nginx-t.out")"
  note "ok: nginx -t accepts the patched config with ADMIN_ADDRESS=${admin}"
}

# nginx resolves the auth_http host while it loads the config, so the test
# uses names that resolve here: an address, and a name from /etc/hosts.
check 127.0.0.1
if getent hosts localhost >/dev/null; then check localhost; fi

# The flip side, which the chart relies on knowingly: an admin address that
# does not resolve stops nginx from loading the config at all (.invalid
# never resolves), so front only starts once the admin Service's name does.
cp "${FIXTURES_DIR}/nginx.conf" "${TMP}/unresolvable.conf"
front_patch "${TMP}/unresolvable.conf" admin.invalid >/dev/null
local_nginx_conf "${TMP}/unresolvable.conf" "${TMP}/local.conf" "$(random_loopback)"
if nginx -t -q -e stderr -c "${TMP}/local.conf" >"${TMP}/nginx-t.out" 2>&1; then
  note "note: this nginx accepted an auth_http host that does not resolve"
else
  grep -q 'host not found in auth_http' "${TMP}/nginx-t.out" ||
    fail "nginx -t failed for another reason than the unresolvable host: $(cat "${TMP}/nginx-t.out")"
  note "ok: nginx -t resolves the auth_http host (admin.invalid: host not found)"
fi
