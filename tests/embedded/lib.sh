# Helpers shared by the tests of the embedded files (sourced by bash).
#
# A test exits 0 when it passes, 1 when it fails and 77 when a program it
# needs is not installed (ctest reports that as "skipped", see SKIP_RETURN_CODE
# in CMakeLists.txt). The Debian packages that provide these programs are
# listed in packages.txt.
# shellcheck disable=SC2034 # the variables are for the scripts that source this

set -euo pipefail
# nginx, dovecot and doveconf live in sbin, which a user's PATH may lack.
PATH="${PATH}:/usr/sbin:/sbin"

EMBEDDED_TEST_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EMBEDDED_FILES_DIR="${EMBEDDED_FILES_DIR:-${EMBEDDED_TEST_DIR}/../../constructs/files}"
FIXTURES_DIR="${EMBEDDED_TEST_DIR}/fixtures"

FRONT_SCRIPT="${EMBEDDED_FILES_DIR}/front-entrypoint-wrapper.sh"
WEBMAIL_SCRIPT="${EMBEDDED_FILES_DIR}/webmail-entrypoint-wrapper.sh"
DOVECOT_CONF="${EMBEDDED_FILES_DIR}/dovecot-submission.conf"

TEST_NAME="$(basename "$0" .sh)"
for embedded_file in "${FRONT_SCRIPT}" "${WEBMAIL_SCRIPT}" "${DOVECOT_CONF}"; do
  if [ ! -f "${embedded_file}" ]; then
    printf '[%s] FAIL: %s does not exist (EMBEDDED_FILES_DIR?)\n' "${TEST_NAME}" "${embedded_file}" >&2
    exit 1
  fi
done

note() { printf '[%s] %s\n' "${TEST_NAME}" "$*"; }

fail() {
  printf '[%s] FAIL: %s\n' "${TEST_NAME}" "$*" >&2
  exit 1
}

skip() {
  printf '[%s] SKIP: %s\n' "${TEST_NAME}" "$*"
  exit 77
}

# need PROGRAM [DEBIAN-PACKAGE]: skip the test when PROGRAM is missing.
need() {
  command -v "$1" >/dev/null 2>&1 || skip "'$1' is not installed (Debian package ${2:-$1})"
}

need_root() {
  [ "$(id -u)" -eq 0 ] || skip "needs to run as root"
}

# A private scratch directory, removed on exit. Extra cleanup commands can be
# registered with on_exit.
TMP="$(mktemp -d "${TMPDIR:-/tmp}/embedded-${TEST_NAME}.XXXXXX")"
EXIT_COMMANDS=()
on_exit() { EXIT_COMMANDS+=("$1"); }
run_exit_commands() {
  local cmd
  for cmd in "${EXIT_COMMANDS[@]}"; do eval "${cmd}" || true; done
  rm -rf "${TMP}"
}
trap run_exit_commands EXIT

# sum FILE: a checksum of FILE's bytes.
sum() { cksum <"$1"; }

# Runs the front script's patch step on FILE with ADMIN_ADDRESS=$2.
front_patch() {
  ADMIN_ADDRESS="$2" NGINX_CONF="$1" sh "${FRONT_SCRIPT}" --patch-only
}

# Runs the webmail script's patch step on FILE with the given IMAP and
# submission addresses.
webmail_patch() {
  IMAP_ADDRESS="$2" SUBMISSION_ADDRESS="$3" ROUNDCUBE_CONFIG="$1" sh "${WEBMAIL_SCRIPT}" --patch-only
}

# snappymail_patch FILE IMAP SUBMISSION: runs the webmail script's patch step
# on Snappymail's domain config FILE (WEBMAIL=snappymail).
snappymail_patch() {
  WEBMAIL=snappymail IMAP_ADDRESS="$2" SUBMISSION_ADDRESS="$3" SNAPPYMAIL_CONFIG="$1" sh "${WEBMAIL_SCRIPT}" --patch-only
}

# render_dovecot_conf DOMAIN POSTFIX_FQDN OUT: what the C++ code does with
# the template, with the same two placeholders.
render_dovecot_conf() {
  sed -e "s|@DOMAIN@|$1|g" -e "s|@POSTFIX_ADDRESS@|$2|g" "${DOVECOT_CONF}" >"$3"
  if grep -q '@[A-Z_]*@' "$3"; then fail "placeholder left in the rendered dovecot.conf: $(grep '@[A-Z_]*@' "$3")"; fi
}

# The directory holding nginx's mail module, or nothing.
nginx_mail_module() {
  local dir candidate
  dir="$(nginx -V 2>&1 | tr ' ' '\n' | sed -n 's/^--modules-path=//p')"
  for candidate in "${dir}/ngx_mail_module.so" /usr/lib/nginx/modules/ngx_mail_module.so \
    /usr/lib64/nginx/modules/ngx_mail_module.so /usr/share/nginx/modules/ngx_mail_module.so; do
    if [ -f "${candidate}" ]; then
      printf '%s\n' "${candidate}"
      return 0
    fi
  done
  return 1
}

# True when the local nginx knows the "http2 on;" directive (1.25.1 and later).
nginx_knows_http2_directive() {
  local version major minor patch
  version="$(nginx -v 2>&1 | sed -n 's|.*nginx/\([0-9.]*\).*|\1|p')"
  IFS=. read -r major minor patch <<<"${version}"
  [ $((major * 1000000 + minor * 1000 + ${patch:-0})) -ge 1025001 ]
}

# A random address of 127.0.0.0/8 for a test's listeners, so that they take
# no port anyone else uses.
random_loopback() {
  printf '127.%d.%d.%d\n' $((RANDOM % 200 + 20)) $((RANDOM % 250 + 1)) $((RANDOM % 250 + 1))
}

# nginx binds its listening ports even for "nginx -t"; the mail ports are
# below 1024.
need_low_ports() {
  local first
  first="$(cat /proc/sys/net/ipv4/ip_unprivileged_port_start 2>/dev/null || echo 1024)"
  [ "$(id -u)" -eq 0 ] || [ "${first}" -le 25 ] || skip "nginx must bind ports below 1024: run as root"
}

# local_nginx_conf PATCHED OUT [LISTEN_IP]: turns a patched Mailu nginx.conf
# into one the local nginx can load outside the image, leaving the mail {}
# servers as they are except, with LISTEN_IP, for the address they bind to.
# Only what belongs to the image changes: the nginx user, the pid file, the
# module path, Mailu's proxy.conf, and "http2 on;" for nginx older than 1.25.1.
local_nginx_conf() {
  local patched="$1" out="$2" ip="${3:-}" module
  module="$(nginx_mail_module)" || skip "nginx's mail module is not installed (Debian package libnginx-mod-mail)"
  printf 'proxy_set_header Host $http_host;\nproxy_set_header X-Real-IP $remote_addr;\n' >"${TMP}/proxy.conf"
  sed -e '/^user /d' \
    -e "s|^pid .*|pid ${TMP}/nginx.pid;|" \
    -e "s|^load_module .*ngx_mail_module.so.*|load_module ${module};|" \
    -e "s|include /etc/nginx/proxy.conf;|include ${TMP}/proxy.conf;|" \
    "${patched}" >"${out}"
  if ! nginx_knows_http2_directive; then sed -i '/^[[:space:]]*http2 on;/d' "${out}"; fi
  if [ -n "${ip}" ]; then
    sed -i -E -e "s/^([[:space:]]*listen )(127\.0\.0\.1:)?([0-9]+)/\1${ip}:\3/" "${out}"
  fi
}

# mail_servers FILE: "<listen arguments> |<set_real_ip_from values, each
# after a blank>" for every server of the mail {} block of an nginx.conf, in
# order.
mail_servers() {
  awk '
    /^mail[ \t]*\{/ { in_mail = 1; next }
    in_mail && /^[ \t]*server[ \t]*\{/ { in_server = 1; l = ""; r = ""; next }
    in_server && /^[ \t]*\}/ { print l " |" r; in_server = 0; next }
    in_server {
      line = $0; sub(/^[ \t]+/, "", line); sub(/;[ \t]*$/, "", line)
      word = line; sub(/[ \t].*/, "", word); rest = substr(line, length(word) + 2)
      if (word == "listen") l = l (l == "" ? "" : ",") rest
      else if (word == "set_real_ip_from") r = r " " rest
    }' "$1"
}

# For the tests that run the local nginx with a patched front config and the
# fake admin service, each run's files in ${TMP} named after the run (NAME):
# start_front LOCAL_CONF IP NAME: nginx -t on LOCAL_CONF (a config made by
# local_nginx_conf, its listeners on IP), then nginx with it in the background,
# logging to ${TMP}/NAME-nginx.log, and the fake admin service on IP:8080,
# logging its requests to ${TMP}/NAME-admin.log; sets nginx_pid and admin_pid.
# The rendered resolver is the cluster's DNS; without it here, nginx would
# spend up to resolver_timeout on every connection looking up the client. The
# pid file is the run's own, so that no two runs share one.
start_front() {
  local conf="$1" ip="$2" name="$3"
  sed -i -e '/^[[:space:]]*resolver /d' -e "s|^pid .*|pid ${TMP}/${name}-nginx.pid;|" "${conf}"
  nginx -t -q -e stderr -c "${conf}" >"${TMP}/${name}-nginx-t.out" 2>&1 ||
    fail "nginx -t rejects ${conf}:"$'\n'"$(cat "${TMP}/${name}-nginx-t.out")"
  python3 "${EMBEDDED_TEST_DIR}/fake_admin.py" "${ip}" 8080 "${TMP}/${name}-admin.log" 2>"${TMP}/${name}-admin.err" &
  admin_pid=$!
  on_exit "kill ${admin_pid} 2>/dev/null"
  nginx -e stderr -c "${conf}" -g 'daemon off;' >"${TMP}/${name}-nginx.log" 2>&1 &
  nginx_pid=$!
  on_exit "kill ${nginx_pid} 2>/dev/null; sleep 0.3"
}

# stop_front: ends the nginx and fake admin service start_front started last
# and waits until they are gone, before the test's next run starts its own.
stop_front() {
  kill "${nginx_pid}" "${admin_pid}" 2>/dev/null || true
  wait "${nginx_pid}" "${admin_pid}" 2>/dev/null || true
}

# front_client NAME IP [ARG...]: runs the Python client read from stdin with
# the arguments IP, ${TMP}/NAME-admin.log and ARG..., this directory on
# PYTHONPATH for client_helpers.py; when it fails, so does the test, showing
# the logs of start_front's run NAME.
front_client() {
  local name="$1" ip="$2"
  shift 2
  PYTHONPATH="${EMBEDDED_TEST_DIR}${PYTHONPATH:+:${PYTHONPATH}}" python3 - "${ip}" "${TMP}/${name}-admin.log" "$@" ||
    fail "client checks failed (${name}); nginx log:"$'\n'"$(cat "${TMP}/${name}-nginx.log")"$'\n'"admin: $(cat "${TMP}/${name}-admin.err")"
}

# postfix_override YAML KEY: the block literal under `  KEY: |` in the
# ConfigMap whose name contains postfix-overrides (Mailu's /overrides), or
# nothing when that ConfigMap has no such key.
postfix_override() { configmap_file "$1" postfix-overrides "$2"; }

# configmap_keys YAML NAME_PART: the keys written as block literals in the
# ConfigMaps whose names contain NAME_PART, one a line.
configmap_keys() {
  awk -v part="$2" '
    /^---/ { configmap = 0; named = 0; next }
    /^kind: ConfigMap$/ { configmap = 1 }
    /^  name: / && index($0, part) { named = 1 }
    configmap && named && /^  [^ ].*: [|][-+]?$/ { key = substr($0, 3); sub(/: [|][-+]?$/, "", key); print key }' "$1"
}

# configmap_file YAML NAME_PART KEY: the block literal under `  KEY: |` in the
# ConfigMap whose name contains NAME_PART, or nothing when it has no such key.
configmap_file() {
  awk -v part="$2" -v key="$3" '
    function flush(   i, line, inside) {
      if (configmap && named) {
        for (i = 1; i <= n; i++) {
          line = buf[i]
          if (line == "  " key ": |" || line == "  " key ": |-" || line == "  " key ": |+") { inside = 1; continue }
          if (!inside) continue
          if (line ~ /^    /) print substr(line, 5)
          else if (line ~ /^ *$/) print ""
          else inside = 0
        }
      }
      n = 0; configmap = 0; named = 0
    }
    /^---/ { flush(); next }
    { buf[++n] = $0 }
    /^kind: ConfigMap$/ { configmap = 1 }
    /^  name: / && index($0, part) { named = 1 }
    END { flush() }' "$1"
}

# postfix_expectations CASE_JSON...: what each parity case asks of the
# postfix overrides, as "case name value" lines (case: the file name without
# .json): the five anvil parameters (the case's postfix.rateLimits or the
# chart's defaults), proxy_listener yes|no (a Traefik ingress in front of
# Mailu's front whose TCP routes are on and whose proxyProtocol is not false)
# and proxy_mynetworks, the networks that listener trusts.
postfix_expectations() {
  python3 - "$@" <<'PY'
import json, os, sys
for path in sys.argv[1:]:
    case = os.path.basename(path)[:-len(".json")]
    config = json.load(open(path))
    limits = (config.get("postfix") or {}).get("rateLimits") or {}
    for name, key, default in (("smtpd_client_connection_rate_limit", "connectionRate", 60),
                               ("smtpd_client_connection_count_limit", "connectionCount", 10),
                               ("smtpd_client_message_rate_limit", "messageRate", 100),
                               ("smtpd_client_recipient_rate_limit", "recipientRate", 300),
                               ("anvil_rate_time_unit", "timeUnit", "60s")):
        print(case, name, limits.get(key, default))
    ingress = config.get("ingress") or {}
    traefik = ingress.get("traefik")
    proxied = (ingress.get("enabled", False) and ingress.get("type") == "traefik" and traefik is not None
               and (config.get("components") or {}).get("front", True)
               and traefik.get("enableTcp", True) and traefik.get("proxyProtocol", True))
    print(case, "proxy_listener", "yes" if proxied else "no")
    # The PROXY listener trusts loopback and the relayNets (IPv6 bracketed, as Postfix wants).
    nets = ["127.0.0.1/32"]
    for net in (config.get("relay") or {}).get("relayNets") or []:
        address, prefix = net.split("/")
        nets.append("[%s]/%s" % (address, prefix) if ":" in address else net)
    print(case, "proxy_mynetworks", ",".join(nets))
PY
}

# postconf_lines FILE: the lines of an override file that Mailu's postfix
# start.py hands to postconf, one a line: it strips the whole file of leading
# and trailing white space, splits it into lines and skips the empty ones and
# those starting with #.
postconf_lines() {
  awk '
    { text = text (NR > 1 ? "\n" : "") $0 }
    END {
      sub(/^[ \t\r\n\v\f]+/, "", text)
      sub(/[ \t\r\n\v\f]+$/, "", text)
      count = split(text, lines, "\n")
      for (i = 1; i <= count; i++) if (lines[i] != "" && substr(lines[i], 1, 1) != "#") print lines[i]
    }' "$1"
}

# postconf_each CONFIG_DIR FLAG FILE: `postconf -c CONFIG_DIR FLAG "LINE"` for
# each line of FILE that start.py would apply, through a shell (BusyBox's when
# installed, as the Alpine image's /bin/sh); fails on a non-zero exit or any
# output on stderr.
postconf_each() {
  local dir="$1" flag="$2" line shell=(sh)
  if command -v busybox >/dev/null 2>&1; then shell=(busybox sh); fi
  while IFS= read -r line; do
    "${shell[@]}" -c "postconf -c '${dir}' ${flag} \"${line}\"" 2>"${TMP}/postconf.err" ||
      fail "postconf ${flag} rejects '${line}': $(cat "${TMP}/postconf.err")"
    [ ! -s "${TMP}/postconf.err" ] || fail "postconf ${flag} warns about '${line}': $(cat "${TMP}/postconf.err")"
  done < <(postconf_lines "$3")
}

# apply_postfix_overrides CONFIG_DIR [POSTFIX_CF] [POSTFIX_MASTER]: applies
# POSTFIX_CF with `postconf -e` and POSTFIX_MASTER with `postconf -Me`, line by
# line, as Mailu's start.py does (see postconf_each).
apply_postfix_overrides() {
  local dir="$1" cf="${2:-}" master="${3:-}"
  if [ -n "${cf}" ]; then postconf_each "${dir}" -e "${cf}"; fi
  if [ -n "${master}" ]; then postconf_each "${dir}" -Me "${master}"; fi
  # Postfix waits until a main.cf modified in the current second is a second
  # old before it reads it (in case it is still being written); backdating
  # the edits saves the tests that wait.
  touch -d '5 seconds ago' "${dir}/main.cf" "${dir}/master.cf"
}

# mailu_postfix_dir DIR: a Postfix configuration directory shaped like the
# one Mailu's image renders into /etc/postfix (fixtures/postfix-*.cf).
mailu_postfix_dir() {
  mkdir -p "$1"
  cp "${FIXTURES_DIR}/postfix-main.cf" "$1/main.cf"
  cp "${FIXTURES_DIR}/postfix-master.cf" "$1/master.cf"
  touch -d '5 seconds ago' "$1/main.cf" "$1/master.cf" # see apply_postfix_overrides
}

# For the tests that run an entrypoint in the background (its pid in
# $entrypoint_pid, its output in $TMP/out and $TMP/err):
# finish [SECONDS]: waits for the entrypoint; its status is in $status.
# shellcheck disable=SC2154 # entrypoint_pid is set by the test that sources this
finish() {
  local limit="${1:-30}" i
  for ((i = 0; i < limit * 10; i++)); do
    kill -0 "${entrypoint_pid}" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "${entrypoint_pid}" 2>/dev/null; then
    kill -9 "${entrypoint_pid}"
    fail "the entrypoint did not end; output: $(cat "${TMP}/out" "${TMP}/err")"
  fi
  status=0
  wait "${entrypoint_pid}" || status=$?
}

# A terminated process may linger for a moment, or as a zombie until init
# reaps it (its parent is gone): neither counts as still running.
running() { kill -0 "$1" 2>/dev/null && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat" 2>/dev/null; }

# wait_for_file FILE: waits up to 20 s for FILE to appear.
wait_for_file() {
  local i
  for ((i = 0; i < 200; i++)); do [ -e "$1" ] && return 0; sleep 0.1; done
  fail "$1 did not appear; output: $(cat "${TMP}/out" "${TMP}/err")"
}
