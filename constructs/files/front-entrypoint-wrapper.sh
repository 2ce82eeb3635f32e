#!/bin/sh
# Entrypoint of Mailu's front container (ghcr.io/mailu/nginx:2024.06) in a
# cdk8s-mailu deployment, where Traefik terminates TLS for mail clients.
#
# For TLS_FLAVOR=notls, Mailu's config.py renders an nginx.conf whose mail {}
# section has a single server, the one for port 25, and whose auth_http goes
# to a local proxy on 127.0.0.1:8000. This wrapper renders that file, then
#   1. sends auth_http straight to the admin Service
#      (http://$ADMIN_ADDRESS:8080/internal/auth/email), and
#   2. adds plaintext mail servers next to the port-25 one: 587 and 465
#      (smtp), 993 (imap) and 995 (pop3), which Traefik forwards to after it
#      has decrypted the client's connection,
# checks that both changes are in place and replaces itself with nginx.
#
# Usage: entrypoint-wrapper.sh [--patch-only]
#   --patch-only  only patch $NGINX_CONF (already rendered) and exit.
#
# Environment (defaults are the paths of the image):
#   ADMIN_ADDRESS        host name of the admin Service (required)
#   NGINX_CONF           /etc/nginx/nginx.conf
#   NGINX_PID_FILE       /var/run/nginx.pid (removed before start)
#   MAILU_CONFIG_SCRIPT  /config.py
#   PYTHON_BIN           python3
#   NGINX_BIN            /usr/sbin/nginx
#
# The changes are made on a copy, which replaces $NGINX_CONF only once all of
# them are verified; a file that already has them is not written at all.
# When something to be patched cannot be found, the script says so on stderr
# and exits with status 1: $NGINX_CONF stays as it was and nginx is not run.

set -eu

NGINX_CONF="${NGINX_CONF:-/etc/nginx/nginx.conf}"
NGINX_PID_FILE="${NGINX_PID_FILE:-/var/run/nginx.pid}"
MAILU_CONFIG_SCRIPT="${MAILU_CONFIG_SCRIPT:-/config.py}"
PYTHON_BIN="${PYTHON_BIN:-python3}"
NGINX_BIN="${NGINX_BIN:-/usr/sbin/nginx}"

ME="front-entrypoint"
LOCAL_AUTH_HTTP='auth_http http://127.0.0.1:8000/auth/email;'
BEGIN_MARK='# >>> cdk8s-mailu: plaintext mail listeners (TLS ends at Traefik)'
END_MARK='# <<< cdk8s-mailu: plaintext mail listeners'
# port:protocol of each server to add, in this order.
LISTENERS='587:smtp 465:smtp 993:imap 995:pop3'

WORK=""
cleanup() {
  if [ -n "${WORK}" ]; then rm -f "${WORK}" "${WORK}.next"; fi
}
trap cleanup EXIT

log() {
  printf '%s: %s\n' "${ME}" "$*"
}

die() {
  printf '%s: error: %s\n' "${ME}" "$*" >&2
  exit 1
}

# Makes ${WORK}.next the new ${WORK}.
take_next() {
  mv -f "${WORK}.next" "${WORK}"
}

# Prints "<port> <protocol>" for every listen directive of every server in the
# top-level mail {} block of file $1 (one directive per line, as Mailu
# renders it). A server without a protocol directive reports "-".
mail_server_ports() {
  awk '
    {
      line = $0
      sub(/#.*/, "", line)
      n = split(line, w, /[ \t;]+/)
      if (w[1] == "") { for (i = 1; i < n; i++) w[i] = w[i + 1]; n-- }
      if (!in_mail && depth == 0 && w[1] == "mail" && w[2] == "{") { in_mail = 1; mail_depth = 1 }
      else if (in_mail && depth == mail_depth && w[1] == "server" && w[2] == "{") {
        in_server = 1; nports = 0; proto = "-"
      } else if (in_server && w[1] == "listen") {
        port = w[2]; sub(/.*:/, "", port); ports[++nports] = port
      } else if (in_server && w[1] == "protocol") {
        proto = w[2]
      }
      opened = gsub(/\{/, "{", line); closed = gsub(/\}/, "}", line)
      depth += opened - closed
      if (in_server && depth == mail_depth) {
        for (i = 1; i <= nports; i++) print ports[i], proto
        in_server = 0
      }
      if (in_mail && depth == 0) in_mail = 0
    }' "$1"
}

# The server blocks to add, indented like Mailu's own.
listener_blocks() {
  printf '\n    %s\n' "${BEGIN_MARK}"
  for entry in ${LISTENERS}; do
    port=${entry%%:*}
    proto=${entry#*:}
    printf '    server {\n'
    printf '      listen %s;\n' "${port}"
    printf '      protocol %s;\n' "${proto}"
    printf '      %s_auth plain;\n' "${proto}"
    printf '      auth_http_header Auth-Port %s;\n' "${port}"
    # shellcheck disable=SC2016 # $remote_port is an nginx variable
    printf '      auth_http_header Client-Port $remote_port;\n'
    printf '    }\n'
  done
  printf '    %s\n' "${END_MARK}"
}

patch_auth_http() {
  if grep -qF "${LOCAL_AUTH_HTTP}" "${WORK}"; then
    sed "s|auth_http http://127\.0\.0\.1:8000/auth/email;|${ADMIN_AUTH_HTTP}|" "${WORK}" >"${WORK}.next"
    take_next
    log "auth_http: pointing it at http://${ADMIN_ADDRESS}:8080/internal/auth/email"
  elif grep -qF "${ADMIN_AUTH_HTTP}" "${WORK}"; then
    log "auth_http: already points at the admin service"
  else
    die "${NGINX_CONF} has no '${LOCAL_AUTH_HTTP}' to point at the admin service"
  fi
}

add_listeners() {
  if grep -qF "${BEGIN_MARK}" "${WORK}"; then
    log "listeners: already there"
    return 0
  fi
  ports="$(mail_server_ports "${WORK}")"
  [ -n "${ports}" ] || die "${NGINX_CONF} has no server in a mail {} block"
  for entry in ${LISTENERS}; do
    if printf '%s\n' "${ports}" | grep -q "^${entry%%:*} "; then
      die "${NGINX_CONF} already has a mail server on port ${entry%%:*}; refusing to add another"
    fi
  done
  blocks="$(listener_blocks)"
  # The new servers go right after the closing brace of the mail server
  # that carries "auth_http_header Auth-Port 25;".
  BLOCKS="${blocks}" awk '
    {
      print
      line = $0
      sub(/#.*/, "", line)
      n = split(line, w, /[ \t;]+/)
      if (w[1] == "") { for (i = 1; i < n; i++) w[i] = w[i + 1]; n-- }
      if (!in_mail && depth == 0 && w[1] == "mail" && w[2] == "{") { in_mail = 1; mail_depth = 1 }
      else if (in_mail && depth == mail_depth && w[1] == "server" && w[2] == "{") { in_server = 1; anchor = 0 }
      else if (in_server && w[1] == "auth_http_header" && w[2] == "Auth-Port" && w[3] == "25") anchor = 1
      opened = gsub(/\{/, "{", line); closed = gsub(/\}/, "}", line)
      depth += opened - closed
      if (in_server && depth == mail_depth) {
        if (anchor && !done) { print ENVIRON["BLOCKS"]; done = 1 }
        in_server = 0
      }
      if (in_mail && depth == 0) in_mail = 0
    }
    END { exit done ? 0 : 3 }' "${WORK}" >"${WORK}.next" ||
    die "${NGINX_CONF} has no mail server with 'auth_http_header Auth-Port 25;' to add the listeners after"
  take_next
  log "listeners: adding plaintext 587, 465 (smtp), 993 (imap) and 995 (pop3)"
}

verify() {
  grep -qF "${ADMIN_AUTH_HTTP}" "${WORK}" ||
    die "verification failed: auth_http does not go to the admin service"
  if grep -qF "${LOCAL_AUTH_HTTP}" "${WORK}"; then
    die "verification failed: auth_http still goes to 127.0.0.1:8000"
  fi
  ports="$(mail_server_ports "${WORK}")"
  for entry in ${LISTENERS}; do
    printf '%s\n' "${ports}" | grep -qx "${entry%%:*} ${entry#*:}" ||
      die "verification failed: no ${entry#*:} server listening on ${entry%%:*}"
  done
}

patch_nginx_conf() {
  [ -n "${ADMIN_ADDRESS:-}" ] || die "ADMIN_ADDRESS is not set"
  case "${ADMIN_ADDRESS}" in
    *[!A-Za-z0-9._-]*) die "ADMIN_ADDRESS '${ADMIN_ADDRESS}' is not a host name or IPv4 address" ;;
    *) ;;
  esac
  ADMIN_AUTH_HTTP="auth_http http://${ADMIN_ADDRESS}:8080/internal/auth/email;"
  [ -f "${NGINX_CONF}" ] || die "${NGINX_CONF} does not exist"
  WORK="${NGINX_CONF}.cdk8s-mailu.$$"
  cp "${NGINX_CONF}" "${WORK}"
  patch_auth_http
  add_listeners
  verify
  if cmp -s "${WORK}" "${NGINX_CONF}"; then
    log "${NGINX_CONF} was already patched; left unchanged"
  else
    cat "${WORK}" >"${NGINX_CONF}"
    log "patched and verified ${NGINX_CONF}"
  fi
  rm -f "${WORK}"
  WORK=""
}

case "${1:-}" in
  --patch-only)
    patch_nginx_conf
    exit 0
    ;;
  "") ;;
  *) die "unknown argument '$1' (usage: $0 [--patch-only])" ;;
esac

rm -f "${NGINX_PID_FILE}"
log "rendering the nginx configuration with ${MAILU_CONFIG_SCRIPT}"
"${PYTHON_BIN}" "${MAILU_CONFIG_SCRIPT}" || die "${MAILU_CONFIG_SCRIPT} failed"
patch_nginx_conf
log "starting nginx"
exec "${NGINX_BIN}" -g 'daemon off;'
