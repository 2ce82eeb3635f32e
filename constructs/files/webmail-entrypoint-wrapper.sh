#!/bin/sh
# Entrypoint of the webmail container inside the cdk8s-mailu layout.
#
# Mailu's Roundcube config reaches IMAP, submission and ManageSieve through
# front with TLS (tls://FRONT:10143, :10025, :14190). Here front only serves
# mail clients behind Traefik, so the config is rewritten to talk plaintext to
# the Dovecot Service (IMAP_ADDRESS) and the dovecot-submission Service
# (SUBMISSION_ADDRESS) inside the cluster, and nginx is reloaded.
#
# Every path can be overridden for tests; the defaults are the image's.
# With --patch-only it only patches ROUNDCUBE_CONFIG and exits.

set -eu

ROUNDCUBE_CONFIG="${ROUNDCUBE_CONFIG:-/var/www/roundcube/config/config.inc.php}"
MAILU_START_SCRIPT="${MAILU_START_SCRIPT:-/start.py}"
NGINX_PID_FILE="${NGINX_PID_FILE:-/var/run/nginx.pid}"
NGINX_BIN="${NGINX_BIN:-nginx}"
WAIT_SECONDS="${WAIT_SECONDS:-60}"

fail() {
  echo "entrypoint-wrapper: $*" >&2
  exit 1
}

# Replaces tls://<host>:<from> with <scheme>://<target>; fine when already done.
rewrite_endpoint() {
  from="$1"
  target="$2"
  if grep -q "tls://[^:'\"]*:${from}" "$ROUNDCUBE_CONFIG"; then
    sed -i "s|tls://[^:'\"]*:${from}|${target}|g" "$ROUNDCUBE_CONFIG"
  elif ! grep -qF "$target" "$ROUNDCUBE_CONFIG"; then
    fail "no tls://...:${from} endpoint in $ROUNDCUBE_CONFIG to rewrite"
  fi
}

patch_roundcube_config() {
  [ -f "$ROUNDCUBE_CONFIG" ] || fail "$ROUNDCUBE_CONFIG not found"
  imap_host="${IMAP_ADDRESS:?IMAP_ADDRESS is not set}"
  submission_host="${SUBMISSION_ADDRESS:?SUBMISSION_ADDRESS is not set}"
  rewrite_endpoint 10143 "imap://${imap_host}:143"
  rewrite_endpoint 10025 "smtp://${submission_host}:10025"
  rewrite_endpoint 14190 "sieve://${imap_host}:4190"
}

if [ "${1:-}" = "--patch-only" ]; then
  patch_roundcube_config
  exit 0
fi

python3 "$MAILU_START_SCRIPT" &
start_pid=$!

waited=0
while [ ! -f "$ROUNDCUBE_CONFIG" ]; do
  [ "$waited" -lt "$WAIT_SECONDS" ] || fail "$ROUNDCUBE_CONFIG did not appear within ${WAIT_SECONDS}s"
  sleep 1
  waited=$((waited + 1))
done
sleep 1 # let start.py finish writing the file
echo "entrypoint-wrapper: pointing Roundcube at the IMAP and submission services"
patch_roundcube_config

waited=0
while [ ! -f "$NGINX_PID_FILE" ] && [ "$waited" -lt 30 ]; do
  sleep 1
  waited=$((waited + 1))
done
if [ -f "$NGINX_PID_FILE" ]; then
  "$NGINX_BIN" -s reload
else
  echo "entrypoint-wrapper: nginx is not running yet; it will read the patched config when it starts" >&2
fi

wait "$start_pid"
