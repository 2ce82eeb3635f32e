#!/bin/sh
# Entrypoint of Mailu's front container (ghcr.io/mailu/nginx:2024.06) in a
# cdk8s-mailu deployment, where Traefik terminates TLS for mail clients, or
# (front.service, below) front does.
#
# For TLS_FLAVOR=notls, Mailu's config.py renders an nginx.conf whose mail {}
# section has a single server, the one for port 25, and whose auth_http goes
# to a local proxy on 127.0.0.1:8000. This wrapper renders that file, then
#   1. sends auth_http straight to the admin Service
#      (http://$ADMIN_ADDRESS:8080/internal/auth/email), and
#   2. adds plaintext mail servers next to the port-25 one: 587 and 465
#      (smtp), 993 (imap) and 995 (pop3), which Traefik forwards to after it
#      has decrypted the client's connection,
# checks that both changes are in place, starts front's dovecot and replaces
# itself with nginx.
#
# The full start (no argument) does what the image's /start.py does for
# TLS_FLAVOR=notls, in the same order, plus the patch:
#   1. removes nginx's stale pid file ($NGINX_PID_FILE);
#   2. runs $MAILU_CONFIG_SCRIPT, which renders nginx.conf and front's
#      dovecot configuration ($DOVECOT_PROXY_CONF, login.lua);
#   3. patches and verifies $NGINX_CONF (see above and below);
#   4. runs "$DOVECOT_BIN -c $DOVECOT_PROXY_CONF", as start.py does: dovecot
#      opens its listeners and then goes to the background by itself;
#   5. execs nginx in the foreground.
# Front's dovecot is the authenticating proxy of Mailu's proxy.conf; what
# this deployment needs of it behind Traefik is its LMTP listener on 2525
# (with TLS at front, also 465, 587, 993 and 995): Mailu's fetchmail
# hands the mail of fetches that are not scanned to FRONT_ADDRESS/2525, and
# front's Service exposes 2525 for it when fetchmail is on. Without it that
# mail would not be delivered, so when dovecot does not start (it exits
# non-zero when its configuration is wrong or a listener cannot be opened)
# the script says so on stderr and exits with status 1, before nginx. The
# patch comes first, so that an unpatchable nginx.conf starts neither.
# (Its other listeners, sieve 4190/14190 and 10143/10025 for webmail, are
# unused here: webmail talks to dovecot and dovecot-submission directly, and
# no route brings ManageSieve clients to front.)
#
# When Traefik sends the PROXY protocol (v1 or v2) on a route, the added
# server for that port must expect it: PROXY_PROTOCOL names those ports the
# way Mailu's socrate reads it (comma-separated port numbers, or "mail",
# "all-but-http" and "all", which all include every added port). Such a
# server listens with "proxy_protocol" and gets one "set_real_ip_from" per
# REAL_IP_FROM entry, so that nginx's mail realip module takes the client
# address from the header only when the connection comes from there (the
# pod network Traefik runs in); that address is what admin's auth sees as
# Client-IP. The directives go in the added servers, not in mail {}, so that
# Mailu's port-25 server keeps whatever Mailu rendered for it. Ports of
# PROXY_PROTOCOL that this script does not add (25, 80, 443...) are Mailu's
# business and ignored here.
#
# With front.service the chart has front end TLS itself instead
# (TLS_FLAVOR=mail, the certificate in /certs): Mailu's own listeners serve
# the mail ports with TLS (nginx 25 with STARTTLS, front's dovecot 465, 587,
# 993 and 995), so no plaintext server is added and PROXY_PROTOCOL is left
# to Mailu. When the load balancer sends the PROXY protocol,
# PROXY_ALTERNATE_PORTS pairs each exposed port with an alternate listener
# that requires the header and believes it from PROXY_ALTERNATE_FROM only;
# the standard ports stay PROXY-free for clients inside the cluster:
#   - 25's alternate is a copy of Mailu's port-25 server in nginx.conf (same
#     STARTTLS and TLS settings), listening with "proxy_protocol" and one
#     "set_real_ip_from" per PROXY_ALTERNATE_FROM entry;
#   - 465, 587, 993 and 995's are inet_listeners with "haproxy = yes" added
#     to front's dovecot services in $DOVECOT_PROXY_CONF (ssl = yes but for
#     587, which is STARTTLS), with haproxy_trusted_networks set to
#     PROXY_ALTERNATE_FROM (Mailu's own ports take no PROXY header then).
# Kubernetes updates the certificate files when the Secret changes (no
# subPath); Mailu's certwatcher.py would re-render nginx.conf without the
# patch, so this script watches them itself instead and reloads nginx and
# dovecot when they change.
#
# Usage: entrypoint-wrapper.sh [--patch-only]
#   --patch-only  only patch $NGINX_CONF (already rendered) and, when
#                 dovecot alternates are asked for, $DOVECOT_PROXY_CONF; exit.
#
# Environment (defaults are the paths of the image):
#   ADMIN_ADDRESS        host name of the admin Service (required)
#   WEB_WEBMAIL          /webmail: the location whose client identity headers
#                        (X-Remote-User, X-Remote-User-Token) are dropped
#   WEBDAV_ADDRESS, WEBMAIL_ADDRESS
#                        the chart's Services when it has that component; unset
#                        or the image's "webdav"/"webmail", WEBDAV or WEBMAIL
#                        defaults to "none" for config.py
#   ADMIN                default "true" (Mailu serves the admin UI at WEB_ADMIN)
#   CPU_COUNT            default: the container's CPU limit, rounded up
#   CPU_MAX_FILE         /sys/fs/cgroup/cpu.max (where that limit is read)
#   PROXY_PROTOCOL       ports that receive the PROXY protocol (default: none)
#   REAL_IP_FROM         comma-separated IPv4/IPv6 addresses or CIDRs allowed
#                        to send a PROXY header; required, and checked, only
#                        when PROXY_PROTOCOL names an added port
#   NGINX_CONF           /etc/nginx/nginx.conf
#   NGINX_PID_FILE       /var/run/nginx.pid (removed before start)
#   MAILU_CONFIG_SCRIPT  /config.py
#   PYTHON_BIN           python3
#   NGINX_BIN            /usr/sbin/nginx
#   DOVECOT_BIN          /usr/sbin/dovecot (front's dovecot, started in the
#                        background before nginx)
#   DOVECOT_PROXY_CONF   /etc/dovecot/proxy.conf (rendered by config.py)
#   TLS_FLAVOR           notls (TLS at the ingress, the default) or mail/cert
#                        (TLS at front); nothing else
#   PROXY_ALTERNATE_PORTS  with TLS at front: comma-separated
#                        "<port>:<alternate>" pairs, <port> one of 25, 465,
#                        587, 993, 995, each <alternate> a port nothing else
#                        in front listens on (default: none)
#   PROXY_ALTERNATE_FROM comma-separated IPv4/IPv6 addresses or CIDRs whose
#                        PROXY headers the alternates believe; required with
#                        PROXY_ALTERNATE_PORTS
#   CERT_DIR             /certs; TLS_CERT_FILENAME cert.pem and
#                        TLS_KEYPAIR_FILENAME key.pem in it, as Mailu reads them
#   CERT_POLL_SECONDS    60 (how often the certificate files are compared)
#   DOVEADM_BIN          /usr/bin/doveadm
#
# The changes are made on a copy, which replaces $NGINX_CONF only once all of
# them are verified; a file that already has them is not written at all.
# When something to be patched cannot be found, or PROXY_PROTOCOL or
# REAL_IP_FROM cannot be used as they are, the script says so on stderr and
# exits with status 1: $NGINX_CONF stays as it was and nginx is not run.

set -eu

NGINX_CONF="${NGINX_CONF:-/etc/nginx/nginx.conf}"
NGINX_PID_FILE="${NGINX_PID_FILE:-/var/run/nginx.pid}"
MAILU_CONFIG_SCRIPT="${MAILU_CONFIG_SCRIPT:-/config.py}"
PYTHON_BIN="${PYTHON_BIN:-python3}"
NGINX_BIN="${NGINX_BIN:-/usr/sbin/nginx}"
CPU_MAX_FILE="${CPU_MAX_FILE:-/sys/fs/cgroup/cpu.max}"
DOVECOT_BIN="${DOVECOT_BIN:-/usr/sbin/dovecot}"
DOVECOT_PROXY_CONF="${DOVECOT_PROXY_CONF:-/etc/dovecot/proxy.conf}"
DOVEADM_BIN="${DOVEADM_BIN:-/usr/bin/doveadm}"
CERT_DIR="${CERT_DIR:-/certs}"
CERT_FILE="${CERT_DIR}/${TLS_CERT_FILENAME:-cert.pem}"
KEY_FILE="${CERT_DIR}/${TLS_KEYPAIR_FILENAME:-key.pem}"
CERT_POLL_SECONDS="${CERT_POLL_SECONDS:-60}"

ME="front-entrypoint"
LOCAL_AUTH_HTTP='auth_http http://127.0.0.1:8000/auth/email;'
BEGIN_MARK='# >>> cdk8s-mailu: plaintext mail listeners (TLS ends at Traefik)'
END_MARK='# <<< cdk8s-mailu: plaintext mail listeners'
# port:protocol of each server to add, in this order.
LISTENERS='587:smtp 465:smtp 993:imap 995:pop3'
# Set by proxy_settings: the added ports that take the PROXY protocol, and
# the REAL_IP_FROM entries trusted to send it (both space-separated).
PROXY_PORTS=""
TRUSTED=""
TAB="$(printf '\t')"
ALT_BEGIN_MARK='# >>> cdk8s-mailu: PROXY listeners for the load balancer (front.service)'
ALT_END_MARK='# <<< cdk8s-mailu: PROXY listeners for the load balancer'
# Set by alternate_settings: "<port>:<alternate>" pairs and the entries
# trusted to send PROXY headers to them (both space-separated).
ALT_PAIRS=""
ALT_TRUSTED=""
# The ports Mailu's front listens on: nginx (mail 25, web 80 and 443, its
# local 8000 and 10204, the PROXY listener's guard 8001) and front's dovecot (465, 587, 993, 995, LMTP 2525,
# sieve 4190 and 14190, the webmail's 10025 and 10143). An alternate on one
# of them, or on another alternate, would only show when nginx or dovecot
# fails to bind it at start.
FRONT_PORTS='25 80 443 465 587 993 995 2525 4190 8000 8001 10025 10143 10204 14190'

WORK=""
DOVECOT_WORK=""
cleanup() {
  if [ -n "${WORK}" ]; then rm -f "${WORK}" "${WORK}.next"; fi
  if [ -n "${DOVECOT_WORK}" ]; then rm -f "${DOVECOT_WORK}"; fi
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

# Prints "<port> <protocol> <mode> <trusted>" for every listen directive of
# every server in the top-level mail {} block of file $1 (one directive per
# line, as Mailu renders it). <mode> is "proxy_protocol" when the listen
# directive has that parameter, "plain" otherwise; <trusted> is the server's
# set_real_ip_from values joined by commas, or "-". A server without a
# protocol directive reports "-" as <protocol>.
mail_server_ports() {
  awk '
    {
      line = $0
      sub(/#.*/, "", line)
      n = split(line, w, /[ \t;]+/)
      if (w[1] == "") { for (i = 1; i < n; i++) w[i] = w[i + 1]; n-- }
      if (!in_mail && depth == 0 && w[1] == "mail" && w[2] == "{") { in_mail = 1; mail_depth = 1 }
      else if (in_mail && depth == mail_depth && w[1] == "server" && w[2] == "{") {
        in_server = 1; nports = 0; proto = "-"; trusted = ""
      } else if (in_server && w[1] == "listen") {
        port = w[2]; sub(/.*:/, "", port); ports[++nports] = port
        modes[nports] = "plain"
        for (i = 3; i <= n; i++) if (w[i] == "proxy_protocol") modes[nports] = "proxy_protocol"
      } else if (in_server && w[1] == "protocol") {
        proto = w[2]
      } else if (in_server && w[1] == "set_real_ip_from") {
        trusted = trusted (trusted == "" ? "" : ",") w[2]
      }
      opened = gsub(/\{/, "{", line); closed = gsub(/\}/, "}", line)
      depth += opened - closed
      if (in_server && depth == mail_depth) {
        for (i = 1; i <= nports; i++) print ports[i], proto, modes[i], (trusted == "" ? "-" : trusted)
        in_server = 0
      }
      if (in_mail && depth == 0) in_mail = 0
    }' "$1"
}

# True when the added port $1 takes the PROXY protocol.
wants_proxy() {
  case " ${PROXY_PORTS} " in
    *" $1 "*) return 0 ;;
    *) return 1 ;;
  esac
}

# Prints the entries of variable $1 (default REAL_IP_FROM), one a line with the blanks around them
# removed, when every one is an IPv4 or IPv6 address or CIDR; otherwise
# prints only the first entry that is not, and fails. Each entry becomes an
# nginx directive argument, so anything else (a host name, "unix:", a stray
# ";") is refused rather than passed on. No {n,m} in the regular
# expressions: older mawk does not know them.
real_ip_from_entries() {
  awk -v var="${1:-REAL_IP_FROM}" '
    function ipv4(a,   p, i) {
      if (split(a, p, ".") != 4) return 0
      for (i = 1; i <= 4; i++)
        if (p[i] !~ /^[0-9]+$/ || length(p[i]) > 3 || p[i] + 0 > 255) return 0
      return 1
    }
    function hex_groups(a,   g, n, i) {
      if (a == "") return 0
      n = split(a, g, ":")
      for (i = 1; i <= n; i++)
        if (g[i] !~ /^[0-9A-Fa-f]+$/ || length(g[i]) > 4) return -1
      return n
    }
    function ipv6(a,   tail, at, left, right, nl, nr) {
      if (a !~ /^[0-9A-Fa-f:.]+$/ || index(a, ":::")) return 0
      # An IPv4 tail (::ffff:192.0.2.1) stands for the last two groups.
      if (index(a, ".")) {
        tail = a; sub(/.*:/, "", tail)
        if (!ipv4(tail)) return 0
        a = substr(a, 1, length(a) - length(tail)) "0:0"
      }
      at = index(a, "::")
      if (!at) return hex_groups(a) == 8
      left = substr(a, 1, at - 1); right = substr(a, at + 2)
      if (index(right, "::")) return 0
      nl = hex_groups(left); nr = hex_groups(right)
      return nl >= 0 && nr >= 0 && nl + nr <= 7
    }
    function valid(e,   parts, n, bits) {
      n = split(e, parts, "/")
      if (n > 2) return 0
      if (n == 2 && (parts[2] !~ /^[0-9]+$/ || length(parts[2]) > 3)) return 0
      bits = (n == 2) ? parts[2] + 0 : -1
      if (index(parts[1], ":")) return ipv6(parts[1]) && bits <= 128
      return ipv4(parts[1]) && bits <= 32
    }
    BEGIN {
      n = split(ENVIRON[var], entries, ",")
      for (i = 1; i <= n; i++) {
        e = entries[i]
        gsub(/^[ \t]+|[ \t]+$/, "", e)
        if (!valid(e)) { print e; exit 1 }
        out = out e "\n"
      }
      printf "%s", out
    }'
}

add_proxy_port() {
  wants_proxy "$1" || PROXY_PORTS="${PROXY_PORTS:+${PROXY_PORTS} }$1"
}

# Reads PROXY_PROTOCOL and REAL_IP_FROM into PROXY_PORTS and TRUSTED, or
# dies when they cannot be used as they are.
proxy_settings() {
  PROXY_PORTS=""
  TRUSTED=""
  # Split on commas only, with no globbing of the items; the loop body
  # splits ${LISTENERS} on blanks again.
  set -f
  old_ifs=${IFS}
  IFS=,
  for item in ${PROXY_PROTOCOL:-}; do
    IFS=${old_ifs}
    while :; do
      case "${item}" in
        " "* | "${TAB}"*) item=${item#?} ;;
        *" " | *"${TAB}") item=${item%?} ;;
        *) break ;;
      esac
    done
    case "${item}" in
      "") ;;
      # socrate's lists for these words include all four added ports.
      mail | all-but-http | all)
        for entry in ${LISTENERS}; do add_proxy_port "${entry%%:*}"; done
        ;;
      # socrate only logs what it does not understand; here it would leave
      # a port expecting, or not expecting, a header Traefik does not send.
      *[!0-9]*)
        die "PROXY_PROTOCOL item '${item}' is not a port number, mail, all-but-http or all"
        ;;
      *)
        for entry in ${LISTENERS}; do
          if [ "${item}" = "${entry%%:*}" ]; then add_proxy_port "${item}"; fi
        done
        ;;
    esac
  done
  IFS=${old_ifs}
  set +f
  [ -n "${PROXY_PORTS}" ] || return 0
  # Without set_real_ip_from nginx would still read the header but keep the
  # peer address, and a trust list nobody checked could hand Client-IP to
  # anyone who can reach the port: refuse both.
  case "${REAL_IP_FROM:-}" in
    *[!\ "${TAB}",]*) ;;
    *)
      die "PROXY_PROTOCOL puts the PROXY protocol on port(s) ${PROXY_PORTS}," \
        "but REAL_IP_FROM is empty: refusing to trust PROXY headers from anyone"
      ;;
  esac
  entries="$(real_ip_from_entries)" ||
    die "REAL_IP_FROM entry '${entries}' is not an IPv4 or IPv6 address or CIDR"
  TRUSTED="$(printf '%s\n' "${entries}" | tr '\n' ' ')"
  TRUSTED="${TRUSTED% }"
}

# The server blocks to add, indented like Mailu's own.
listener_blocks() {
  printf '\n    %s\n' "${BEGIN_MARK}"
  for entry in ${LISTENERS}; do
    port=${entry%%:*}
    proto=${entry#*:}
    printf '    server {\n'
    if wants_proxy "${port}"; then
      printf '      listen %s proxy_protocol;\n' "${port}"
      for from in ${TRUSTED}; do
        printf '      set_real_ip_from %s;\n' "${from}"
      done
    else
      printf '      listen %s;\n' "${port}"
    fi
    printf '      protocol %s;\n' "${proto}"
    printf '      %s_auth plain;\n' "${proto}"
    printf '      auth_http_header Auth-Port %s;\n' "${port}"
    # shellcheck disable=SC2016 # $remote_port is an nginx variable
    printf '      auth_http_header Client-Port $remote_port;\n'
    printf '    }\n'
  done
  printf '    %s\n' "${END_MARK}"
}

# True when front ends TLS itself (front.service); dies on a flavour this
# script does not run (letsencrypt needs Mailu's certbot, which start.py
# starts and this script does not).
front_ends_tls() {
  case "${TLS_FLAVOR:-notls}" in
    notls) return 1 ;;
    mail | cert) return 0 ;;
    *) die "TLS_FLAVOR '${TLS_FLAVOR}' is not one this script runs: notls (TLS at the ingress), mail or cert" ;;
  esac
}

# Reads PROXY_ALTERNATE_PORTS and PROXY_ALTERNATE_FROM into ALT_PAIRS and
# ALT_TRUSTED, or dies when they cannot be used as they are.
alternate_settings() {
  ALT_PAIRS=""
  ALT_TRUSTED=""
  if [ -z "${PROXY_ALTERNATE_PORTS:-}" ]; then
    [ -z "${PROXY_ALTERNATE_FROM:-}" ] || die "PROXY_ALTERNATE_FROM is set but PROXY_ALTERNATE_PORTS names no port"
    return 0
  fi
  front_ends_tls || die "PROXY_ALTERNATE_PORTS needs TLS at front (TLS_FLAVOR mail or cert), not ${TLS_FLAVOR:-notls}"
  set -f
  old_ifs=${IFS}
  IFS=,
  for pair in ${PROXY_ALTERNATE_PORTS}; do
    IFS=${old_ifs}
    # Without the colon, ${pair#*:} would be the standard port itself.
    case "${pair}" in
      *:*) ;;
      *) die "PROXY_ALTERNATE_PORTS item '${pair}' is not <port>:<alternate>" ;;
    esac
    port=${pair%%:*}
    alternate=${pair#*:}
    case "${port}" in
      25 | 465 | 587 | 993 | 995) ;;
      *) die "PROXY_ALTERNATE_PORTS item '${pair}' does not start with 25, 465, 587, 993 or 995" ;;
    esac
    case "${alternate}" in
      "" | *[!0-9]* | 0*) die "PROXY_ALTERNATE_PORTS item '${pair}' has no alternate port number" ;;
      *) ;;
    esac
    if [ "${#alternate}" -gt 5 ] || [ "${alternate}" -gt 65535 ]; then
      die "PROXY_ALTERNATE_PORTS item '${pair}': ${alternate} is not a port"
    fi
    [ -z "$(alternate_of "${port}")" ] || die "PROXY_ALTERNATE_PORTS names ${port} more than once"
    for taken in ${FRONT_PORTS} ${ALT_PAIRS}; do
      [ "${alternate}" != "${taken#*:}" ] ||
        die "PROXY_ALTERNATE_PORTS item '${pair}': front already listens on ${alternate}"
    done
    ALT_PAIRS="${ALT_PAIRS:+${ALT_PAIRS} }${port}:${alternate}"
  done
  IFS=${old_ifs}
  set +f
  case "${PROXY_ALTERNATE_FROM:-}" in
    *[!\ "${TAB}",]*) ;;
    *) die "PROXY_ALTERNATE_PORTS asks for PROXY listeners, but PROXY_ALTERNATE_FROM is empty: refusing to trust PROXY headers from anyone" ;;
  esac
  entries="$(real_ip_from_entries PROXY_ALTERNATE_FROM)" ||
    die "PROXY_ALTERNATE_FROM entry '${entries}' is not an IPv4 or IPv6 address or CIDR"
  ALT_TRUSTED="$(printf '%s\n' "${entries}" | tr '\n' ' ')"
  ALT_TRUSTED="${ALT_TRUSTED% }"
}

# The alternate port of standard port $1, or nothing.
alternate_of() {
  for pair in ${ALT_PAIRS}; do
    if [ "${pair%%:*}" = "$1" ]; then
      printf '%s\n' "${pair#*:}"
      return 0
    fi
  done
}

# True when an alternate goes to front's dovecot (every port but 25).
wants_dovecot_alternates() {
  for pair in ${ALT_PAIRS}; do
    [ "${pair%%:*}" = 25 ] || return 0
  done
  return 1
}

# The PROXY listener's auth goes through a server of its own that refuses a
# client whose address is inside SUBNET before admin is asked. Postfix
# relays for SUBNET (mynetworks, core/postfix/conf/main.cf) and front hands
# it the client's address with XCLIENT, so such an address on the listener
# meant for the internet is either a forged header or a peer nginx did not
# believe (one outside PROXY_ALTERNATE_FROM, such as a node's bridge address
# when the load balancer's connections are source-NATed): both would make
# port 25 an open relay. nginx's mail module sends the client's address as
# Client-IP; the geo module matches it against SUBNET.
GUARD_LISTEN='127.0.0.1:8001'
GUARD_AUTH_HTTP="http://${GUARD_LISTEN}/auth/email"
GUARD_MARK='# cdk8s-mailu: no pod-network clients on the PROXY listener (front.service)'

# The SUBNET entries, checked like REAL_IP_FROM's, space-separated.
guard_networks() {
  case "${SUBNET:-}" in
    *[!\ "${TAB}",]*) ;;
    *) die "SUBNET is empty: the PROXY listener could not keep addresses of the pod network out" ;;
  esac
  entries="$(real_ip_from_entries SUBNET)" || die "SUBNET entry '${entries}' is not an IPv4 or IPv6 address or CIDR"
  printf '%s\n' "${entries}" | tr '\n' ' ' | sed 's/ $//'
}

# Adds the guard's geo block and server at the top of the http {} block.
add_pod_network_guard() {
  [ -n "$(alternate_of 25)" ] || return 0
  if grep -qF "${GUARD_MARK}" "${WORK}"; then
    log "PROXY listener guard: already there"
    return 0
  fi
  networks="$(guard_networks)" || exit 1
  GUARD_MARK="${GUARD_MARK}" NETWORKS="${networks}" LISTEN="${GUARD_LISTEN}" \
    ADMIN_URL="http://${ADMIN_ADDRESS}:8080/internal/auth/email" awk '
    { print }
    !done && /^http[ \t]*\{/ {
      print "    " ENVIRON["GUARD_MARK"]
      print "    geo $http_client_ip $cdk8s_mailu_pod_network {"
      print "      default 0;"
      n = split(ENVIRON["NETWORKS"], nets, " ")
      for (i = 1; i <= n; i++) print "      " nets[i] " 1;"
      print "    }"
      print "    server {"
      print "      listen " ENVIRON["LISTEN"] ";"
      print "      location = /auth/email {"
      print "        if ($cdk8s_mailu_pod_network) {"
      print "          add_header Auth-Status \"the client address is inside the pod network\";"
      print "          return 200;"
      print "        }"
      print "        proxy_pass " ENVIRON["ADMIN_URL"] ";"
      print "      }"
      print "    }"
      done = 1
    }
    END { exit done ? 0 : 3 }' "${WORK}" >"${WORK}.next" ||
    die "${NGINX_CONF} has no http {} block to add the PROXY listener's guard to"
  take_next
  log "PROXY listener guard: clients inside ${networks} refused before admin is asked"
}

# Prints file $1 with text right after the closing brace of the server of
# its top-level mail {} block that carries "auth_http_header Auth-Port 25;"
# (Mailu's port-25 server): $BLOCKS as it is; or, with $ALT set, a copy of
# that server between the lines $BEGIN and $END, whose first listen
# directive becomes "listen $ALT proxy_protocol;" followed by one
# set_real_ip_from per entry of $TRUSTED_FROM and "auth_http
# $GUARD_AUTH_HTTP;" (its other listen directives are left out). Exits 3
# when there is no such server.
after_port25_server() {
  awk '
    {
      print
      line = $0
      sub(/#.*/, "", line)
      n = split(line, w, /[ \t;]+/)
      if (w[1] == "") { for (i = 1; i < n; i++) w[i] = w[i + 1]; n-- }
      if (!in_mail && depth == 0 && w[1] == "mail" && w[2] == "{") { in_mail = 1; mail_depth = 1 }
      else if (in_mail && depth == mail_depth && w[1] == "server" && w[2] == "{") {
        in_server = 1; anchor = 0; nlines = 0; listened = 0
      } else if (in_server && w[1] == "auth_http_header" && w[2] == "Auth-Port" && w[3] == "25") anchor = 1
      if (in_server && ENVIRON["ALT"] != "") {
        copy = $0
        if (w[1] == "listen") {
          if (listened) { copy = "" }
          else {
            indent = $0; sub(/[^ \t].*/, "", indent)
            copy = indent "listen " ENVIRON["ALT"] " proxy_protocol;"
            m = split(ENVIRON["TRUSTED_FROM"], from, " ")
            for (i = 1; i <= m; i++) copy = copy "\n" indent "set_real_ip_from " from[i] ";"
            copy = copy "\n" indent "auth_http " ENVIRON["GUARD_AUTH_HTTP"] ";"
            listened = 1
          }
        }
        if (copy != "") lines[++nlines] = copy
      }
      opened = gsub(/\{/, "{", line); closed = gsub(/\}/, "}", line)
      depth += opened - closed
      if (in_server && depth == mail_depth) {
        if (anchor && !done) {
          if (ENVIRON["ALT"] == "") print ENVIRON["BLOCKS"]
          else {
            print ""
            print "    " ENVIRON["BEGIN"]
            for (i = 1; i <= nlines; i++) print lines[i]
            print "    " ENVIRON["END"]
          }
          done = 1
        }
        in_server = 0
      }
      if (in_mail && depth == 0) in_mail = 0
    }
    END { exit done ? 0 : 3 }' "$1"
}

# Adds, after Mailu's port-25 server of the mail {} block, a copy of it that
# listens on 25's alternate with the PROXY protocol and believes the header
# from ALT_TRUSTED only. Everything else (STARTTLS, the TLS settings,
# Auth-Port 25, which admin's auth reads) is Mailu's, as rendered.
add_alternate_smtp() {
  alternate="$(alternate_of 25)"
  [ -n "${alternate}" ] || return 0
  if grep -qF "${ALT_BEGIN_MARK}" "${WORK}"; then
    log "PROXY listener: already there"
    return 0
  fi
  if mail_server_ports "${WORK}" | grep -q "^${alternate} "; then
    die "${NGINX_CONF} already has a mail server on port ${alternate}; refusing to add another"
  fi
  ALT="${alternate}" TRUSTED_FROM="${ALT_TRUSTED}" BEGIN="${ALT_BEGIN_MARK}" END="${ALT_END_MARK}" \
    GUARD_AUTH_HTTP="${GUARD_AUTH_HTTP}" after_port25_server "${WORK}" >"${WORK}.next" ||
    die "${NGINX_CONF} has no mail server with 'auth_http_header Auth-Port 25;' to copy for port ${alternate}"
  take_next
  log "PROXY listener: SMTP on ${alternate} (a copy of Mailu's port-25 server), trusted from ${ALT_TRUSTED}"
}

# The dovecot block for the alternates of 465, 587, 993 and 995.
dovecot_alternate_block() {
  printf '\n%s\n' "${ALT_BEGIN_MARK}"
  printf 'haproxy_trusted_networks = %s\n' "${ALT_TRUSTED}"
  for entry in 465:submission-login:submissions-proxy:yes 587:submission-login:submission-proxy:no \
    993:imap-login:imaps-proxy:yes 995:pop3-login:pop3s-proxy:yes; do
    port=${entry%%:*}
    rest=${entry#*:}
    service=${rest%%:*}
    rest=${rest#*:}
    listener=${rest%%:*}
    ssl=${rest#*:}
    alternate="$(alternate_of "${port}")"
    [ -n "${alternate}" ] || continue
    printf 'service %s {\n  inet_listener %s {\n    port = %s\n' "${service}" "${listener}" "${alternate}"
    [ "${ssl}" = no ] || printf '    ssl = yes\n'
    printf '    haproxy = yes\n  }\n}\n'
  done
  printf '%s\n' "${ALT_END_MARK}"
}

# Appends the dovecot alternates to $DOVECOT_PROXY_CONF (rendered by
# config.py), once; the same write-a-copy-then-replace as nginx.conf.
patch_dovecot_conf() {
  wants_dovecot_alternates || return 0
  [ -f "${DOVECOT_PROXY_CONF}" ] || die "${DOVECOT_PROXY_CONF} does not exist"
  if grep -qF "${ALT_BEGIN_MARK}" "${DOVECOT_PROXY_CONF}"; then
    log "dovecot PROXY listeners: already there"
  else
    DOVECOT_WORK="${DOVECOT_PROXY_CONF}.cdk8s-mailu.$$"
    cp "${DOVECOT_PROXY_CONF}" "${DOVECOT_WORK}"
    dovecot_alternate_block >>"${DOVECOT_WORK}"
    cat "${DOVECOT_WORK}" >"${DOVECOT_PROXY_CONF}"
    rm -f "${DOVECOT_WORK}"
    DOVECOT_WORK=""
    log "dovecot PROXY listeners: $(printf '%s' "${ALT_PAIRS}" | tr ' ' ','), trusted from ${ALT_TRUSTED}"
  fi
  for pair in ${ALT_PAIRS}; do
    [ "${pair%%:*}" != 25 ] || continue
    grep -qx "    port = ${pair#*:}" "${DOVECOT_PROXY_CONF}" ||
      die "verification failed: ${DOVECOT_PROXY_CONF} has no listener on ${pair#*:}"
  done
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
  BLOCKS="${blocks}" after_port25_server "${WORK}" >"${WORK}.next" ||
    die "${NGINX_CONF} has no mail server with 'auth_http_header Auth-Port 25;' to add the listeners after"
  take_next
  log "listeners: adding plaintext 587, 465 (smtp), 993 (imap) and 995 (pop3)"
  if [ -n "${PROXY_PORTS}" ]; then
    log "listeners: ${PROXY_PORTS} take the PROXY protocol, trusted from ${TRUSTED}"
  fi
}

# Roundcube's Mailu plugin logs in as whoever X-Remote-User names, with
# X-Remote-User-Token as the password (webmails/roundcube/login/mailu.php).
# Front sets both from admin only on WEB_WEBMAIL/sso.php; its WEB_WEBMAIL
# location passes on what the client sent (core/nginx/conf/nginx.conf). In
# Mailu that is harmless, as front's dovecot proxy checks the token; here
# webmail logs in to dovecot directly, which takes any password from the pod
# network (core/admin/mailu/internal/views/dovecot.py: nopassword), so a
# client's own headers would open any mailbox. They are dropped there.
WEBMAIL_IDENTITY_MARK='# cdk8s-mailu: no identity headers from the client'

# Prints the line numbers of the WEB_WEBMAIL location of file $1 and of the
# identity mark inside it ("<location> <mark>", 0 when absent).
webmail_location() {
  awk -v loc="location ${WEB_WEBMAIL:-/webmail} {" -v mark="${WEBMAIL_IDENTITY_MARK}" '
    {
      line = $0
      sub(/^[ \t]+/, "", line)
      if (line == loc && !at) { at = NR; depth = 1; next }
      if (at && depth > 0) {
        if (line == mark) found = NR
        t = line; depth += gsub(/\{/, "{", t); t = line; depth -= gsub(/\}/, "}", t)
      }
    }
    END { print at + 0, found + 0 }' "$1"
}

drop_client_identity() {
  read -r location mark <<EOF_LOCATION
$(webmail_location "${WORK}")
EOF_LOCATION
  if [ "${location}" -eq 0 ]; then
    log "webmail: no location ${WEB_WEBMAIL:-/webmail} (no webmail); nothing to drop"
    return 0
  fi
  if [ "${mark}" -ne 0 ]; then
    log "webmail: the client's identity headers are already dropped"
    return 0
  fi
  MARK="${WEBMAIL_IDENTITY_MARK}" awk -v at="${location}" '
    { print }
    NR == at {
      print "        " ENVIRON["MARK"]
      print "        proxy_set_header X-Remote-User \"\";"
      print "        proxy_set_header X-Remote-User-Token \"\";"
    }' "${WORK}" >"${WORK}.next"
  take_next
  log "webmail: dropping the client's X-Remote-User and X-Remote-User-Token on ${WEB_WEBMAIL:-/webmail}"
}

verify() {
  verify_common
  if front_ends_tls; then verify_tls_at_front; else verify_plaintext_listeners; fi
}

# With TLS at front: no plaintext server, and 25's alternate as asked.
verify_tls_at_front() {
  if grep -qF "${BEGIN_MARK}" "${WORK}"; then
    die "verification failed: plaintext mail listeners in a config where front ends TLS"
  fi
  alternate="$(alternate_of 25)"
  [ -n "${alternate}" ] || return 0
  trusted_list="$(printf '%s' "${ALT_TRUSTED}" | tr ' ' ',')"
  mail_server_ports "${WORK}" | grep -qxF "${alternate} smtp proxy_protocol ${trusted_list}" ||
    die "verification failed: no smtp server on ${alternate} taking the PROXY protocol from ${ALT_TRUSTED} (and only there)"
  grep -qF "auth_http ${GUARD_AUTH_HTTP};" "${WORK}" ||
    die "verification failed: the PROXY listener's auth does not go through the pod-network guard"
  grep -qF "${GUARD_MARK}" "${WORK}" || die "verification failed: no pod-network guard in the http {} block"
  # Not in the for list, where its failure would go unnoticed: a file
  # patched earlier must not pass with an empty or invalid SUBNET.
  networks="$(guard_networks)" || exit 1
  for network in ${networks}; do
    grep -qxF "      ${network} 1;" "${WORK}" ||
      die "verification failed: the pod-network guard does not hold ${network} (SUBNET)"
  done
  # And nothing else: a file patched for another SUBNET fails here too.
  found="$(guard_entries "${WORK}")"
  [ "${found}" = "${networks}" ] ||
    die "verification failed: the pod-network guard holds ${found:-nothing}, not SUBNET's ${networks}"
}

# The networks of the pod-network guard's geo block in file $1,
# space-separated.
guard_entries() {
  awk '
    /^[ \t]*geo \$http_client_ip \$cdk8s_mailu_pod_network \{$/ { inside = 1; next }
    inside && /^[ \t]*\}$/ { inside = 0; next }
    inside && $2 == "1;" { out = out (out == "" ? "" : " ") $1 }
    END { print out }' "$1"
}

verify_common() {
  read -r location mark <<EOF_LOCATION
$(webmail_location "${WORK}")
EOF_LOCATION
  if [ "${location}" -ne 0 ] && [ "${mark}" -ne $((location + 1)) ]; then
    die "verification failed: the webmail location passes on the client's X-Remote-User"
  fi
  grep -qF "${ADMIN_AUTH_HTTP}" "${WORK}" ||
    die "verification failed: auth_http does not go to the admin service"
  if grep -qF "${LOCAL_AUTH_HTTP}" "${WORK}"; then
    die "verification failed: auth_http still goes to 127.0.0.1:8000"
  fi
}

verify_plaintext_listeners() {
  ports="$(mail_server_ports "${WORK}")"
  # A file patched earlier with other PROXY settings fails here too, rather
  # than serving the ports otherwise than asked.
  trusted_list="$(printf '%s' "${TRUSTED}" | tr ' ' ',')"
  for entry in ${LISTENERS}; do
    port=${entry%%:*}
    proto=${entry#*:}
    if wants_proxy "${port}"; then
      printf '%s\n' "${ports}" | grep -qxF "${port} ${proto} proxy_protocol ${trusted_list}" ||
        die "verification failed: no ${proto} server on ${port} taking the PROXY protocol from ${TRUSTED} (and only there)"
    else
      printf '%s\n' "${ports}" | grep -qxF "${port} ${proto} plain -" ||
        die "verification failed: no ${proto} server listening on ${port} without the PROXY protocol"
    fi
  done
}

patch_nginx_conf() {
  [ -n "${ADMIN_ADDRESS:-}" ] || die "ADMIN_ADDRESS is not set"
  case "${ADMIN_ADDRESS}" in
    *[!A-Za-z0-9._-]*) die "ADMIN_ADDRESS '${ADMIN_ADDRESS}' is not a host name or IPv4 address" ;;
    *) ;;
  esac
  ADMIN_AUTH_HTTP="auth_http http://${ADMIN_ADDRESS}:8080/internal/auth/email;"
  if ! front_ends_tls; then proxy_settings; fi
  alternate_settings
  [ -f "${NGINX_CONF}" ] || die "${NGINX_CONF} does not exist"
  # Checked here too, so that a missing proxy.conf leaves nginx.conf as it
  # was rather than half of the alternates patched.
  if wants_dovecot_alternates && [ ! -f "${DOVECOT_PROXY_CONF}" ]; then
    die "${DOVECOT_PROXY_CONF} does not exist"
  fi
  WORK="${NGINX_CONF}.cdk8s-mailu.$$"
  cp "${NGINX_CONF}" "${WORK}"
  patch_auth_http
  if front_ends_tls; then
    add_alternate_smtp
    add_pod_network_guard
  else
    add_listeners
  fi
  drop_client_identity
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
    patch_dovecot_conf
    exit 0
    ;;
  "") ;;
  *) die "unknown argument '$1' (usage: $0 [--patch-only])" ;;
esac

# Mailu's nginx.conf (core/nginx/conf/nginx.conf) serves the admin UI at
# WEB_ADMIN only with ADMIN set, /webdav unless WEBDAV is "none" and the
# webmail unless WEBMAIL is "none"; Mailu's own setup writes all three
# (setup/flavors/compose/mailu.env). The chart says what it has through the
# addresses alone: it sets WEBMAIL_ADDRESS and WEBDAV_ADDRESS to its Services
# only when it has those components, and left out they keep the image's
# defaults "webmail" and "webdav" (core/base/Dockerfile), which name nothing.
# ADMIN_ADDRESS likewise (image default "admin"): with the chart's admin, its
# UI is served too.
# A switch given in the environment is left as it is.
set_mailu_switches() {
  if [ -z "${WEBDAV:-}" ] && { [ -z "${WEBDAV_ADDRESS:-}" ] || [ "${WEBDAV_ADDRESS}" = webdav ]; }; then
    WEBDAV=none
    export WEBDAV
  fi
  if [ -z "${WEBMAIL:-}" ] && { [ -z "${WEBMAIL_ADDRESS:-}" ] || [ "${WEBMAIL_ADDRESS}" = webmail ]; }; then
    WEBMAIL=none
    export WEBMAIL
  fi
  if [ -z "${ADMIN:-}" ] && [ -n "${ADMIN_ADDRESS:-}" ] && [ "${ADMIN_ADDRESS}" != admin ]; then
    ADMIN=true
    export ADMIN
  fi
  log "webdav: ${WEBDAV:-on}, webmail: ${WEBMAIL:-on}, admin UI: ${ADMIN:-off}"
}

# Front's dovecot starts CPU_COUNT processes for each login service
# (core/nginx/dovecot/proxy.conf), and socrate sets CPU_COUNT to the node's
# processor count when it is unset (core/base/libs/socrate/socrate/system.py):
# dozens of processes on a large node, inside front's memory limit. The
# container's CPU limit (cgroup v2 cpu.max, "quota period") is the share it
# really has; without a limit Mailu's default stays.
set_cpu_count() {
  [ -z "${CPU_COUNT:-}" ] || return 0
  [ -r "${CPU_MAX_FILE}" ] || return 0
  read -r quota period <"${CPU_MAX_FILE}" || return 0
  case "${quota}:${period}" in
    *[!0-9:]* | :* | *:) return 0 ;;
    *) ;;
  esac
  [ "${period}" -gt 0 ] || return 0
  CPU_COUNT=$(((quota + period - 1) / period))
  [ "${CPU_COUNT}" -ge 1 ] || CPU_COUNT=1
  export CPU_COUNT
  log "CPU_COUNT=${CPU_COUNT}, from the container's CPU limit"
}

# Without its certificate Mailu's config.py quietly renders the mail
# servers without TLS (TLS_ERROR), and clients would send passwords in the
# clear or fail: a missing file stops the start instead.
check_certificates() {
  front_ends_tls || return 0
  for file in "${CERT_FILE}" "${KEY_FILE}"; do
    [ -r "${file}" ] || die "TLS_FLAVOR=${TLS_FLAVOR} but ${file} is missing: is the certificate Secret mounted at ${CERT_DIR}?"
  done
}

# A fingerprint of the certificate and key files.
certificate_sum() {
  cat "${CERT_FILE}" "${KEY_FILE}" 2>/dev/null | cksum
}

# Reloads nginx and front's dovecot whenever the certificate files change
# (Kubernetes swaps them in place when the Secret is renewed). Runs in the
# background for the life of the container.
watch_certificates() {
  last="$(certificate_sum)"
  while sleep "${CERT_POLL_SECONDS}"; do
    now="$(certificate_sum)"
    [ "${now}" != "${last}" ] || continue
    last=${now}
    log "the certificate changed: reloading nginx and dovecot"
    "${NGINX_BIN}" -s reload || log "nginx -s reload failed"
    "${DOVEADM_BIN}" -c "${DOVECOT_PROXY_CONF}" reload || log "doveadm reload failed"
  done
}

rm -f "${NGINX_PID_FILE}"
set_mailu_switches
set_cpu_count
check_certificates
log "rendering the nginx and dovecot configuration with ${MAILU_CONFIG_SCRIPT}"
"${PYTHON_BIN}" "${MAILU_CONFIG_SCRIPT}" || die "${MAILU_CONFIG_SCRIPT} failed"
patch_nginx_conf
# Without -F dovecot returns once its listeners are open, with a non-zero
# status when it cannot open them; its master then runs in the background.
[ -f "${DOVECOT_PROXY_CONF}" ] || die "${MAILU_CONFIG_SCRIPT} did not render ${DOVECOT_PROXY_CONF}"
patch_dovecot_conf
log "starting dovecot with ${DOVECOT_PROXY_CONF} (front's LMTP proxy on 2525)"
status=0
"${DOVECOT_BIN}" -c "${DOVECOT_PROXY_CONF}" || status=$?
[ "${status}" -eq 0 ] ||
  die "${DOVECOT_BIN} -c ${DOVECOT_PROXY_CONF} failed (status ${status}): without front's dovecot, mail fetchmail hands to LMTP 2525 would not be delivered (nor, with TLS at front, 465, 587, 993 and 995 served)"
if front_ends_tls; then
  log "watching ${CERT_FILE} and ${KEY_FILE} every ${CERT_POLL_SECONDS}s"
  watch_certificates </dev/null &
fi
log "starting nginx"
exec "${NGINX_BIN}" -g 'daemon off;'
