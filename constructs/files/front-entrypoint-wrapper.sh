#!/bin/sh
# Entrypoint of the front (nginx) container when Traefik terminates TLS.
#
# Mailu renders nginx.conf for TLS_FLAVOR=notls with only the port-25 mail
# server. Traefik hands mail clients over in plaintext on 465, 587, 993 and
# 995, so this script renders the config the usual way, adds a plaintext
# listener for each of those ports that is still missing, points auth_http at
# the admin Service, checks the result and starts nginx.
#
# Every path can be overridden for tests; the defaults are the image's.
# With --patch-only it only patches NGINX_CONF and exits.

set -eu

NGINX_CONF="${NGINX_CONF:-/etc/nginx/nginx.conf}"
NGINX_PID_FILE="${NGINX_PID_FILE:-/var/run/nginx.pid}"
MAILU_CONFIG_SCRIPT="${MAILU_CONFIG_SCRIPT:-/config.py}"
NGINX_BIN="${NGINX_BIN:-/usr/sbin/nginx}"
MARKER="# cdk8s-mailu: plaintext mail listeners behind Traefik"

fail() {
  echo "entrypoint-wrapper: $*" >&2
  exit 1
}

patch_auth_http() {
  if grep -q "auth_http http://${ADMIN_ADDRESS}:8080/internal/auth/email;" "$NGINX_CONF"; then
    return 0
  fi
  grep -q 'auth_http http://127.0.0.1:8000/auth/email;' "$NGINX_CONF" ||
    fail "no 'auth_http http://127.0.0.1:8000/auth/email;' in $NGINX_CONF to point at the admin service"
  sed -i "s|auth_http http://127.0.0.1:8000/auth/email;|auth_http http://${ADMIN_ADDRESS}:8080/internal/auth/email;|" "$NGINX_CONF"
}

# Prints the server blocks for the ports the mail block does not listen on yet.
missing_listeners() {
  for entry in 465:smtp 587:smtp 993:imap 995:pop3; do
    port="${entry%%:*}"
    protocol="${entry#*:}"
    if awk -v port="$port" '
        /^[[:space:]]*mail[[:space:]]*\{/ { inside = 1 }
        inside && $1 == "listen" && ($2 == port || $2 == port ";") { found = 1 }
        END { exit found ? 0 : 1 }' "$NGINX_CONF"; then
      continue
    fi
    cat <<BLOCK
    server {
      listen ${port};
      protocol ${protocol};
      ${protocol}_auth plain;
      auth_http_header Auth-Port ${port};
      auth_http_header Client-Port \$remote_port;
    }
BLOCK
  done
}

add_mail_listeners() {
  if grep -qF "$MARKER" "$NGINX_CONF"; then
    return 0
  fi
  grep -Eq '^[[:space:]]*mail[[:space:]]*\{' "$NGINX_CONF" || fail "no mail {} block in $NGINX_CONF"
  blocks="$(missing_listeners)"
  patched="${NGINX_CONF}.patched"
  # Insert before the brace that closes the mail block.
  awk -v marker="$MARKER" -v blocks="$blocks" '
    /^[[:space:]]*mail[[:space:]]*\{/ && depth == 0 { inside = 1 }
    {
      if (inside) {
        opens = gsub(/\{/, "{"); closes = gsub(/\}/, "}")
        depth += opens - closes
        if (depth == 0 && closes > 0) {
          print "    " marker
          if (blocks != "") print blocks
          inside = 0; done = 1
        }
      }
      print
    }
    END { if (!done) exit 1 }' "$NGINX_CONF" >"$patched" || {
    rm -f "$patched"
    fail "the mail {} block in $NGINX_CONF is not closed"
  }
  cat "$patched" >"$NGINX_CONF"
  rm -f "$patched"
}

patch_nginx_conf() {
  [ -n "${ADMIN_ADDRESS:-}" ] || fail "ADMIN_ADDRESS is not set"
  [ -f "$NGINX_CONF" ] || fail "$NGINX_CONF not found"
  patch_auth_http
  add_mail_listeners
}

if [ "${1:-}" = "--patch-only" ]; then
  patch_nginx_conf
  exit 0
fi

rm -f "$NGINX_PID_FILE"
echo "entrypoint-wrapper: rendering the nginx configuration"
python3 "$MAILU_CONFIG_SCRIPT"
echo "entrypoint-wrapper: adding plaintext mail listeners for Traefik"
patch_nginx_conf
exec "$NGINX_BIN" -g "daemon off;"
