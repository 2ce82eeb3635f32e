#!/bin/sh
# Entrypoint of Mailu's webmail container (ghcr.io/mailu/webmail:2024.06,
# Roundcube or Snappymail as WEBMAIL says) in a cdk8s-mailu deployment.
#
# Mailu's start.py renders the webmail's config so that IMAP, SMTP and
# ManageSieve all go through the front service on its webmail-only ports
# (FRONT:10143, :10025, :14190). In cdk8s-mailu front has no such ports;
# webmail talks plaintext inside the cluster instead:
#   IMAP        $IMAP_ADDRESS:143          (Dovecot)
#   SMTP        $SUBMISSION_ADDRESS:10025  (dovecot-submission)
#   ManageSieve $IMAP_ADDRESS:4190         (Dovecot)
#
# WEBMAIL=roundcube (or unset): $ROUNDCUBE_CONFIG, rendered from Mailu's
# webmails/roundcube/config/config.inc.php, has tls://FRONT:<port> values;
# they become
#   imap_host         imap://$IMAP_ADDRESS:143
#   smtp_host         smtp://$SUBMISSION_ADDRESS:10025
#   managesieve_host  sieve://$IMAP_ADDRESS:4190
#
# WEBMAIL=snappymail: start.py (webmails/start.py) renders
# webmails/snappymail/defaults/default.json (copied to /defaults/ by
# webmails/Dockerfile) to /data/_data_/_default_/domains/default.json, the
# domain config Snappymail uses for every domain (its data folder is /data/,
# webmails/snappymail/login/include.php). In that JSON the objects "IMAP",
# "SMTP" and "Sieve" each have "host" (FRONT_ADDRESS), "port" (10143, 10025,
# 14190) and "type", Snappymail's connection security (0 none, 1 SSL/TLS,
# 2 STARTTLS, 9 auto-detect; Mailu renders 0); "SMTP" has "useAuth" and
# "Sieve" has "enabled". They become
#   IMAP   host $IMAP_ADDRESS        port 143    type 0
#   SMTP   host $SUBMISSION_ADDRESS  port 10025  type 0
#   Sieve  host $IMAP_ADDRESS        port 4190   type 0, enabled true
# and nothing else changes. SMTP keeps "useAuth" as Mailu renders it (true):
# dovecot-submission offers AUTH PLAIN and LOGIN without TLS and accepts any
# login, and Snappymail picks PLAIN or LOGIN from its "sasl" list, which must
# therefore name one of them. The JSON is edited with $PYTHON_BIN (the image
# runs start.py with it). The file lives on the /data volume, so one left by
# an earlier start is removed first, as start.py itself does, so that only
# the newly rendered one is patched.
#
# This wrapper starts start.py in the background, waits until the config is
# written, rewrites those three settings, reloads nginx once it runs, and
# then stays in the foreground as long as start.py (nginx) does.
#
# Usage: entrypoint-wrapper.sh [--patch-only]
#   --patch-only  only patch the config of $WEBMAIL (already rendered) and exit.
#
# Environment (defaults are the paths of the image):
#   IMAP_ADDRESS         host name of the Dovecot Service (required)
#   SUBMISSION_ADDRESS   host name of the dovecot-submission Service (required)
#   WEBMAIL              roundcube (default) or snappymail
#   ROUNDCUBE_CONFIG     /var/www/roundcube/config/config.inc.php
#   SNAPPYMAIL_CONFIG    /data/_data_/_default_/domains/default.json
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
SNAPPYMAIL_CONFIG="${SNAPPYMAIL_CONFIG:-/data/_data_/_default_/domains/default.json}"
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

# The Python program that edits Snappymail's JSON (no single quotes in it).
#   rewrite SRC DST: writes SRC with the three endpoints pointed at the
#     cluster services to DST (SRC's own bytes when nothing needs to change).
#     Each endpoint must be either as Mailu renders it (a host name, Mailu's
#     port, type 0, 2 or 9: a plaintext connection, maybe upgraded with
#     STARTTLS) or already the wanted one; anything else is refused.
#   verify FILE: checks that FILE has the wanted endpoints.
# ME, SM_IMAP_HOST and SM_SMTP_HOST come from the environment.
SNAPPYMAIL_JSON_PROGRAM='
import json, os, re, sys

ME = os.environ["ME"]
HOST_NAME = re.compile(r"[A-Za-z0-9._-]+\Z")
NO_TLS = 0  # Snappymail: ConnectionSecurityType::NONE
MAILU_TYPES = (0, 2, 9)  # none, STARTTLS, auto-detect
# object: (wanted host, wanted port, port Mailu renders)
WANTED = {
    "IMAP": (os.environ["SM_IMAP_HOST"], 143, 10143),
    "SMTP": (os.environ["SM_SMTP_HOST"], 10025, 10025),
    "Sieve": (os.environ["SM_IMAP_HOST"], 4190, 14190),
}
# what dovecot-submission offers on port 10025
SUBMISSION_SASL = {"PLAIN", "LOGIN"}


def error(text):
    sys.stderr.write(ME + ": error: " + text + "\n")


def unique_keys(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError("key " + json.dumps(key) + " appears twice in one object")
        seen[key] = value
    return seen


def load(path):
    with open(path, "rb") as handle:
        raw = handle.read()
    return raw, json.loads(raw.decode("utf-8"), object_pairs_hook=unique_keys)


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def is_wanted(section, host, port):
    return (section.get("host") == host and is_int(section.get("port"))
            and section.get("port") == port and is_int(section.get("type"))
            and section.get("type") == NO_TLS)


def is_mailus(section, mailu_port):
    host, port, kind = section.get("host"), section.get("port"), section.get("type")
    return (isinstance(host, str) and HOST_NAME.match(host) is not None
            and is_int(port) and port == mailu_port
            and is_int(kind) and kind in MAILU_TYPES)


def describe(name, section):
    return "%s has host %s, port %s, type %s" % (name, json.dumps(section.get("host")),
                                                json.dumps(section.get("port")), json.dumps(section.get("type")))


def sections(path, data):
    if not isinstance(data, dict):
        error(path + " does not hold a JSON object")
        return None
    found = {}
    for name in WANTED:
        if not isinstance(data.get(name), dict):
            error("no \"" + name + "\" object in " + path)
        else:
            found[name] = data[name]
    return found if len(found) == len(WANTED) else None


def rewrite(src, dst):
    try:
        raw, data = load(src)
    except (OSError, ValueError) as exc:
        error(src + " is not readable JSON: " + str(exc))
        return 1
    found = sections(src, data)
    if found is None:
        return 1
    status, changed = 0, False
    for name, (host, port, mailu_port) in WANTED.items():
        section = found[name]
        if is_wanted(section, host, port):
            pass
        elif is_mailus(section, mailu_port):
            section.update(host=host, port=port, type=NO_TLS)
            changed = True
        else:
            error(describe(name, section) + "; expected a front host, port %d and type 0, 2 or 9 as Mailu renders it,"
                  " or %s, port %d, type 0" % (mailu_port, host, port))
            status = 1
    enabled = found["Sieve"].get("enabled")
    if not isinstance(enabled, bool):
        error("Sieve has enabled %s, expected true or false" % json.dumps(enabled))
        status = 1
    elif not enabled:
        found["Sieve"]["enabled"] = True
        changed = True
    use_auth = found["SMTP"].get("useAuth", True)
    sasl = found["SMTP"].get("sasl")
    if not isinstance(use_auth, bool):
        error("SMTP has useAuth %s, expected true or false" % json.dumps(use_auth))
        status = 1
    elif use_auth and sasl is not None and not (
            isinstance(sasl, list) and SUBMISSION_SASL & {str(m).upper() for m in sasl}):
        error("SMTP has sasl %s: none of PLAIN, LOGIN, the mechanisms dovecot-submission offers" % json.dumps(sasl))
        status = 1
    if status:
        return status
    with open(dst, "wb") as out:
        if changed:
            out.write((json.dumps(data, indent=4, ensure_ascii=False) + "\n").encode("utf-8"))
        else:
            out.write(raw)
    return 0


def verify(path):
    try:
        data = load(path)[1]
    except (OSError, ValueError) as exc:
        error("verification failed: " + path + " is not readable JSON: " + str(exc))
        return 1
    found = sections(path, data)
    if found is None:
        return 1
    status = 0
    for name, (host, port, _) in WANTED.items():
        if not is_wanted(found[name], host, port):
            error("verification failed: " + describe(name, found[name]))
            status = 1
    if found["Sieve"].get("enabled") is not True:
        error("verification failed: Sieve is not enabled")
        status = 1
    return status


sys.exit(rewrite(sys.argv[2], sys.argv[3]) if sys.argv[1] == "rewrite" else verify(sys.argv[2]))
'

# snappymail_json rewrite SRC DST | verify FILE
snappymail_json() {
  ME="${ME}" SM_IMAP_HOST="${IMAP_ADDRESS}" SM_SMTP_HOST="${SUBMISSION_ADDRESS}" \
    "${PYTHON_BIN}" -c "${SNAPPYMAIL_JSON_PROGRAM}" "$@"
}

patch_snappymail_config() {
  host_var IMAP_ADDRESS "${IMAP_ADDRESS:-}"
  host_var SUBMISSION_ADDRESS "${SUBMISSION_ADDRESS:-}"
  [ -f "${SNAPPYMAIL_CONFIG}" ] || die "${SNAPPYMAIL_CONFIG} does not exist"
  WORK="${SNAPPYMAIL_CONFIG}.cdk8s-mailu.$$"
  snappymail_json rewrite "${SNAPPYMAIL_CONFIG}" "${WORK}" ||
    die "cannot point Snappymail at the cluster services: ${SNAPPYMAIL_CONFIG} is not shaped as expected"
  snappymail_json verify "${WORK}" ||
    die "verification failed: the patched ${SNAPPYMAIL_CONFIG} does not have the wanted endpoints"
  if cmp -s "${WORK}" "${SNAPPYMAIL_CONFIG}"; then
    log "${SNAPPYMAIL_CONFIG} was already patched; left unchanged"
  else
    cat "${WORK}" >"${SNAPPYMAIL_CONFIG}"
    log "Snappymail now uses IMAP ${IMAP_ADDRESS}:143, SMTP ${SUBMISSION_ADDRESS}:10025 and sieve ${IMAP_ADDRESS}:4190, all without TLS"
  fi
  rm -f "${WORK}"
  WORK=""
}

patch_config() {
  if [ "${WEBMAIL_KIND}" = snappymail ]; then patch_snappymail_config; else patch_roundcube_config; fi
}

# Waits (at most CONFIG_WAIT_SECONDS) until start.py has written the config:
# the file has content, and its size stayed the same for a second.
wait_for_config() {
  waited=0
  last_size=""
  while :; do
    if [ -s "${CONFIG_FILE}" ]; then
      size="$(wc -c <"${CONFIG_FILE}")"
      [ "${size}" != "${last_size}" ] || return 0
      last_size="${size}"
    fi
    kill -0 "${START_PID}" 2>/dev/null ||
      die "${MAILU_START_SCRIPT} ended before writing ${CONFIG_FILE}"
    [ "${waited}" -lt "${CONFIG_WAIT_SECONDS}" ] ||
      die "${CONFIG_FILE} was not written within ${CONFIG_WAIT_SECONDS}s"
    sleep 1
    waited=$((waited + 1))
  done
}

# The config to patch.
case "${WEBMAIL:-roundcube}" in
  roundcube) WEBMAIL_KIND=roundcube CONFIG_FILE="${ROUNDCUBE_CONFIG}" ;;
  snappymail) WEBMAIL_KIND=snappymail CONFIG_FILE="${SNAPPYMAIL_CONFIG}" ;;
  *) die "WEBMAIL '${WEBMAIL}' is neither roundcube nor snappymail" ;;
esac

case "${1:-}" in
  --patch-only)
    patch_config
    exit 0
    ;;
  "") ;;
  *) die "unknown argument '$1' (usage: $0 [--patch-only])" ;;
esac

# Check the settings before anything starts.
host_var IMAP_ADDRESS "${IMAP_ADDRESS:-}"
host_var SUBMISSION_ADDRESS "${SUBMISSION_ADDRESS:-}"

# A Snappymail config on the /data volume is from an earlier start: start.py
# renders it anew (after removing the whole domains directory), and only that
# one must be patched.
if [ "${WEBMAIL_KIND}" = snappymail ] && [ -e "${SNAPPYMAIL_CONFIG}" ]; then
  rm -f "${SNAPPYMAIL_CONFIG}" || die "cannot remove the old ${SNAPPYMAIL_CONFIG}"
  log "removed ${SNAPPYMAIL_CONFIG} of an earlier start; start.py renders it again"
fi

log "starting ${MAILU_START_SCRIPT}"
"${PYTHON_BIN}" "${MAILU_START_SCRIPT}" &
START_PID=$!
# This shell is the container's PID 1: pass termination on to start.py.
trap 'kill -TERM "${START_PID}" 2>/dev/null || true' TERM INT

wait_for_config
patch_config

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
