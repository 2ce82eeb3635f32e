#!/bin/sh
# Entrypoint of Mailu's webmail container (ghcr.io/mailu/webmail:2024.06,
# Roundcube) in a cdk8s-mailu deployment.
#
# Mailu's start.py renders Roundcube's config.inc.php so that IMAP, SMTP and
# ManageSieve all go through the front service with STARTTLS on its
# webmail-only ports (tls://FRONT:10143, :10025, :14190). In cdk8s-mailu front
# has no such ports; webmail talks plaintext inside the cluster instead:
#   imap_host         imap://$IMAP_ADDRESS:143          (Dovecot)
#   smtp_host         smtp://$SUBMISSION_ADDRESS:10025  (dovecot-submission)
#   managesieve_host  sieve://$IMAP_ADDRESS:4190        (Dovecot)
# This wrapper starts start.py in the background, waits until the config is
# written, rewrites those three settings, reloads nginx once it runs, and
# then stays in the foreground as long as start.py (nginx) does.
#
# Usage: entrypoint-wrapper.sh [--patch-only]
#   --patch-only  only patch $ROUNDCUBE_CONFIG (already rendered) and exit.
#
# Environment (defaults are the paths of the image):
#   IMAP_ADDRESS         host name of the Dovecot Service (required)
#   SUBMISSION_ADDRESS   host name of the dovecot-submission Service (required)
#   ROUNDCUBE_CONFIG     /var/www/roundcube/config/config.inc.php
#   MAILU_START_SCRIPT   /start.py
#   PYTHON_BIN           python3
#   NGINX_BIN            /usr/sbin/nginx
#   NGINX_PID_FILE       /run/nginx/nginx.pid (Alpine's nginx default)
#   CONFIG_WAIT_SECONDS  120: how long to wait for the config to be written
#   NGINX_WAIT_SECONDS   120: how long to wait for nginx before reloading
#
# Patching works on a copy and is idempotent: a config that already has the
# three settings is not written at all. If one of them is missing or has an
# unexpected value, the script says so on stderr, stops start.py and exits
# with status 1, leaving the config as it was.

set -eu

ROUNDCUBE_CONFIG="${ROUNDCUBE_CONFIG:-/var/www/roundcube/config/config.inc.php}"
MAILU_START_SCRIPT="${MAILU_START_SCRIPT:-/start.py}"
PYTHON_BIN="${PYTHON_BIN:-python3}"
NGINX_BIN="${NGINX_BIN:-/usr/sbin/nginx}"
NGINX_PID_FILE="${NGINX_PID_FILE:-/run/nginx/nginx.pid}"
CONFIG_WAIT_SECONDS="${CONFIG_WAIT_SECONDS:-120}"
NGINX_WAIT_SECONDS="${NGINX_WAIT_SECONDS:-120}"

ME="webmail-entrypoint"
START_PID=""
WORK=""

# Remove a half-made copy of the config if the script stops early.
trap 'if [ -n "${WORK}" ]; then rm -f "${WORK}"; fi' EXIT

log() {
  printf '%s: %s\n' "${ME}" "$*"
}

die() {
  printf '%s: error: %s\n' "${ME}" "$*" >&2
  if [ -n "${START_PID}" ]; then kill -TERM "${START_PID}" 2>/dev/null || true; fi
  exit 1
}

host_var() {
  # $1: variable name, $2: its value
  [ -n "$2" ] || die "$1 is not set"
  case "$2" in
    *[!A-Za-z0-9._-]*) die "$1 '$2' is not a host name or IPv4 address" ;;
    *) ;;
  esac
}

# Rewrites the three endpoint settings of file $1 into $2. Each one must be
# either Mailu's tls://<host>:<port> value or already the wanted value.
rewrite_endpoints() {
  ME="${ME}" RC_IMAP="imap://${IMAP_ADDRESS}:143" \
  RC_SMTP="smtp://${SUBMISSION_ADDRESS}:10025" \
  RC_SIEVE="sieve://${IMAP_ADDRESS}:4190" \
  awk -v q="'" '
    BEGIN {
      key[1] = "imap_host";        port[1] = "10143"; want[1] = ENVIRON["RC_IMAP"]
      key[2] = "smtp_host";        port[2] = "10025"; want[2] = ENVIRON["RC_SMTP"]
      key[3] = "managesieve_host"; port[3] = "14190"; want[3] = ENVIRON["RC_SIEVE"]
      status = 0
    }
    {
      for (i = 1; i <= 3; i++) {
        head = "$config[" q key[i] q "] = " q
        text = $0
        sub(/^[ \t]+/, "", text)
        if (index(text, head) != 1) continue
        value = substr(text, length(head) + 1)
        if (!sub(q ";[ \t]*$", "", value)) continue
        seen[i]++
        if (value == want[i]) continue
        if (value ~ ("^tls://[A-Za-z0-9._-]+:" port[i] "$")) { $0 = head want[i] q ";"; continue }
        printf "%s: error: %s is %s, expected tls://<front>:%s\n", ENVIRON["ME"], key[i], value, port[i] > "/dev/stderr"
        status = 1
      }
      print
    }
    END {
      for (i = 1; i <= 3; i++) {
        if (seen[i] != 1) {
          printf "%s: error: expected one %s setting, found %d\n", ENVIRON["ME"], key[i], seen[i] + 0 > "/dev/stderr"
          status = 1
        }
      }
      exit status
    }' "$1" >"$2"
}

patch_roundcube_config() {
  host_var IMAP_ADDRESS "${IMAP_ADDRESS:-}"
  host_var SUBMISSION_ADDRESS "${SUBMISSION_ADDRESS:-}"
  [ -f "${ROUNDCUBE_CONFIG}" ] || die "${ROUNDCUBE_CONFIG} does not exist"
  WORK="${ROUNDCUBE_CONFIG}.cdk8s-mailu.$$"
  rewrite_endpoints "${ROUNDCUBE_CONFIG}" "${WORK}" ||
    die "cannot point Roundcube at the cluster services: ${ROUNDCUBE_CONFIG} is not shaped as expected"
  for setting in "imap_host'] = 'imap://${IMAP_ADDRESS}:143'" \
    "smtp_host'] = 'smtp://${SUBMISSION_ADDRESS}:10025'" \
    "managesieve_host'] = 'sieve://${IMAP_ADDRESS}:4190'"; do
    grep -qF "\$config['${setting};" "${WORK}" ||
      die "verification failed: no \$config['${setting}; in the patched config"
  done
  if cmp -s "${WORK}" "${ROUNDCUBE_CONFIG}"; then
    log "${ROUNDCUBE_CONFIG} was already patched; left unchanged"
  else
    cat "${WORK}" >"${ROUNDCUBE_CONFIG}"
    log "Roundcube now uses imap://${IMAP_ADDRESS}:143, smtp://${SUBMISSION_ADDRESS}:10025 and sieve://${IMAP_ADDRESS}:4190"
  fi
  rm -f "${WORK}"
  WORK=""
}

# Waits (at most CONFIG_WAIT_SECONDS) until start.py has written the config:
# the file has content, and its size stayed the same for a second.
wait_for_config() {
  waited=0
  last_size=""
  while :; do
    if [ -s "${ROUNDCUBE_CONFIG}" ]; then
      size="$(wc -c <"${ROUNDCUBE_CONFIG}")"
      [ "${size}" != "${last_size}" ] || return 0
      last_size="${size}"
    fi
    kill -0 "${START_PID}" 2>/dev/null ||
      die "${MAILU_START_SCRIPT} ended before writing ${ROUNDCUBE_CONFIG}"
    [ "${waited}" -lt "${CONFIG_WAIT_SECONDS}" ] ||
      die "${ROUNDCUBE_CONFIG} was not written within ${CONFIG_WAIT_SECONDS}s"
    sleep 1
    waited=$((waited + 1))
  done
}

case "${1:-}" in
  --patch-only)
    patch_roundcube_config
    exit 0
    ;;
  "") ;;
  *) die "unknown argument '$1' (usage: $0 [--patch-only])" ;;
esac

# Check the settings before anything starts.
host_var IMAP_ADDRESS "${IMAP_ADDRESS:-}"
host_var SUBMISSION_ADDRESS "${SUBMISSION_ADDRESS:-}"

log "starting ${MAILU_START_SCRIPT}"
"${PYTHON_BIN}" "${MAILU_START_SCRIPT}" &
START_PID=$!
# This shell is the container's PID 1: pass termination on to start.py.
trap 'kill -TERM "${START_PID}" 2>/dev/null || true' TERM INT

wait_for_config
patch_roundcube_config

waited=0
while [ ! -f "${NGINX_PID_FILE}" ] && [ "${waited}" -lt "${NGINX_WAIT_SECONDS}" ] &&
  kill -0 "${START_PID}" 2>/dev/null; do
  sleep 1
  waited=$((waited + 1))
done
if [ -f "${NGINX_PID_FILE}" ]; then
  if "${NGINX_BIN}" -s reload; then
    log "nginx reloaded"
  else
    log "warning: nginx -s reload failed; PHP reads the patched config on the next request anyway" >&2
  fi
else
  log "warning: no ${NGINX_PID_FILE} after ${waited}s; not reloading nginx" >&2
fi

status=0
wait "${START_PID}" || status=$?
# wait returns early when a signal arrives; keep waiting for start.py to end.
while kill -0 "${START_PID}" 2>/dev/null; do
  status=0
  wait "${START_PID}" || status=$?
done
log "${MAILU_START_SCRIPT} exited with status ${status}"
exit "${status}"
