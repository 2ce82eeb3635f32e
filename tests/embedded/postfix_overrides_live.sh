#!/usr/bin/env bash
# Runs a real Postfix with the postfix-overrides that mailu-synth writes for
# the public parity cases, applied as Mailu's start.py applies them to a
# Mailu-shaped configuration (each distinct pair of postfix.cf and
# postfix.master once): smtpd starts with the anvil limits, and with the
# Traefik PROXY protocol the listener on 2525 takes the client address from
# a PROXY v2 header, greets no client that sends none, and applies the
# connection count limit to the proxied address.
# Postfix runs from a private directory on a random loopback address; only
# where it runs and logs differs from the overrides (see run_case).
# A config with security.hardened runs Postfix as its container would: root
# with only the capabilities the manifest adds back after dropping ALL.
# usage: postfix_overrides_live.sh MAILU_SYNTH CASES_DIR [CONFIGS_DIR...]
source "$(dirname "$0")/lib.sh"
need postconf postfix
need postfix postfix
need python3 python3
need_root
getent passwd postfix >/dev/null || skip "no 'postfix' user on this system"
getent group postdrop >/dev/null || skip "no 'postdrop' group on this system"
synth="$1"
cases="$2"
# Further folders hold the project's own configs (every *.json in them).
configs=("${cases}"/p*.json)
for extra in "${@:3}"; do configs+=("${extra}"/*.json); done
client="${EMBEDDED_TEST_DIR}/proxy_smtp_client.py"
chmod 755 "${TMP}"

# What of the system's Postfix the test must leave alone.
system_postfix() {
  find /etc/postfix -printf '%p %m %u %g %s %T@\n' 2>/dev/null | sort
  find /var/spool/postfix /var/lib/postfix -maxdepth 1 -printf '%p %m %u %g\n' 2>/dev/null | sort
}
system_postfix >"${TMP}/system.before"

# free_port IP [PORT]: a port (PORT, or any) that can be bound on IP.
free_port() {
  python3 -c 'import socket, sys; s = socket.socket(); s.bind((sys.argv[1], int(sys.argv[2]))); print(s.getsockname()[1])' \
    "$1" "${2:-0}" 2>/dev/null
}

# stop_postfix CONFIG_DIR QUEUE_DIR PID: stops the instance started with
# `postfix -c CONFIG_DIR start-fg` as PID, by force after 10 seconds.
stop_postfix() {
  local master
  timeout 10 postfix -c "$1" stop >/dev/null 2>&1 || true
  for _ in $(seq 100); do running "$3" || break; sleep 0.1; done
  master="$(tr -d ' ' <"$2/pid/master.pid" 2>/dev/null || true)"
  if [ -n "${master}" ] && running "${master}"; then kill -9 "${master}" 2>/dev/null || true; fi
  if running "$3"; then kill -9 "$3" 2>/dev/null || true; fi
  wait "$3" 2>/dev/null || true
}

# logged REGEX: waits up to 10 seconds for a line of the current maillog.
logged() {
  for _ in $(seq 100); do
    grep -Eq "$1" "${maillog}" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# added_capabilities YAML: the capabilities the postfix Deployment's container
# adds back (securityContext.capabilities.add), one a line, or nothing.
added_capabilities() {
  awk '/^---/ { deployment = 0; named = 0 } /^kind: Deployment$/ { deployment = 1 }
    deployment && /^  name: .*postfix/ { named = 1 }
    named && /^ *add:$/ { adding = 1; next }
    named && adding && /^ *- / { sub(/^ *- /, ""); print; next }
    { adding = 0 }' "$1"
}

# run_case NAME: starts Postfix with NAME's overrides and talks to it.
run_case() {
  local name="$1" root="${TMP}/$1" ip svc port smtp_port="" pid with_master=no count rate wrapper=()
  local etc="${root}/etc" spool="${root}/spool"
  maillog="${root}/maillog"
  mkdir -p "${root}" "${spool}"
  mailu_postfix_dir "${etc}"
  if [ -s "${TMP}/${name}.master" ]; then
    with_master=yes
    apply_postfix_overrides "${etc}" "${TMP}/${name}.cf" "${TMP}/${name}.master"
  else
    apply_postfix_overrides "${etc}" "${TMP}/${name}.cf"
  fi
  # Where this instance keeps its files and logs, and no DNS (the reverse
  # lookup of the clients would only make the test slower). The services
  # listen on a random loopback address instead of all addresses, and Mailu's
  # own ones (25, 10025) on free ports, as a wildcard listener on the same
  # port (a system Postfix on 25) would keep them from binding.
  ip="$(random_loopback)"
  postconf -c "${etc}" -e "queue_directory = ${spool}" "data_directory = ${root}/data" \
    "maillog_file = ${maillog}" "maillog_file_prefixes = ${root}" \
    "inet_interfaces = loopback-only" "inet_protocols = ipv4" "smtpd_peername_lookup = no"
  for svc in $(postconf -c "${etc}" -M | awk '$2 == "inet" && $1 !~ /:/ { print $1 }'); do
    case "${svc}" in
      2525) port=2525 ;;
      smtp) port="$(free_port "${ip}")" && smtp_port="${port}" ;;
      *) port="$(free_port "${ip}")" ;;
    esac
    postconf -c "${etc}" -Fe "${svc}/inet/service=${ip}:${port}"
  done
  [ -n "${smtp_port}" ] || fail "${name}: no smtp inet service in master.cf"
  if [ "${with_master}" = yes ]; then
    free_port "${ip}" 2525 >/dev/null || skip "${ip}:2525 cannot be bound (a wildcard listener on port 2525?)"
  fi
  touch -d '5 seconds ago' "${etc}/main.cf" "${etc}/master.cf"
  postfix -c "${etc}" check || fail "${name}: postfix check fails (run 'postfix -c ${etc} check' on a terminal to see why)"

  if [ -n "${capabilities[${name}]}" ]; then
    # execve gives root the bounding set, once nothing is inheritable: what
    # a container with `drop: [ALL]` and these `add`s starts with.
    wrapper=(setpriv --inh-caps=-all --ambient-caps=-all
      --bounding-set="-all,$(tr 'A-Z' 'a-z' <<<"${capabilities[${name}]}" | sed 's/[^,]*/+&/g')")
  fi
  "${wrapper[@]}" postfix -c "${etc}" start-fg >"${root}/start.out" 2>&1 &
  pid=$!
  on_exit "stop_postfix '${etc}' '${spool}' ${pid}"
  logged 'postfix/master\[[0-9]+\]: daemon started' ||
    fail "${name}: Postfix did not start: $(cat "${root}/start.out" "${maillog}" 2>/dev/null)"

  # Plain smtpd (Mailu's smtp inet service) with the anvil limits: smtpd
  # refuses to run with a value it cannot parse.
  python3 "${client}" direct "${ip}" "${smtp_port}" >"${root}/direct.out" 2>&1 ||
    fail "${name}: no SMTP session on the smtp service: $(cat "${root}/direct.out" "${maillog}")"

  if [ "${with_master}" = yes ]; then
    python3 "${client}" proxied "${ip}" 2525 203.0.113.7 >"${root}/proxied.out" 2>&1 ||
      fail "${name}: no SMTP session through the PROXY listener: $(cat "${root}/proxied.out" "${maillog}")"
    logged 'postfix/smtp-proxy/smtpd\[[0-9]+\]: connect from [^ ]*\[203\.0\.113\.7\]' ||
      fail "${name}: smtpd on 2525 did not take the client address from the PROXY header: $(cat "${maillog}")"
    python3 "${client}" plain "${ip}" 2525 >"${root}/plain.out" 2>&1 ||
      fail "${name}: the PROXY listener greets a client without a PROXY header: $(cat "${root}/plain.out")"
    logged 'postfix/smtp-proxy/smtpd\[[0-9]+\]: warning: haproxy read: ' ||
      fail "${name}: smtpd did not log the missing PROXY header: $(cat "${maillog}")"

    # A header may claim any address. One inside the pod network must not
    # make the sender a trusted client of Mailu's mynetworks (= SUBNET),
    # which Postfix would relay for; the same address on the plain smtp
    # service is trusted, which shows the check means something.
    python3 "${client}" relay "${ip}" 2525 10.42.7.7 refused >"${root}/relay.out" 2>&1 ||
      fail "${name}: a PROXY header from inside the pod network makes Postfix relay: $(cat "${root}/relay.out" "${maillog}")"
    logged 'postfix/smtp-proxy/smtpd\[[0-9]+\]: NOQUEUE: reject: RCPT from [^ ]*\[10\.42\.7\.7\]: 554' ||
      fail "${name}: smtpd on 2525 did not refuse to relay for 10.42.7.7: $(cat "${maillog}")"

    # The connection count limit applies to the address in the PROXY header
    # (when the case's limits make that quick to show).
    count="${want[${name}/smtpd_client_connection_count_limit]}"
    rate="${want[${name}/smtpd_client_connection_rate_limit]}"
    if [ "${count}" -ge 1 ] && [ "${count}" -le 30 ] && { [ "${rate}" -eq 0 ] || [ "${rate}" -gt $((count + 1)) ]; }; then
      python3 "${client}" limit "${ip}" 2525 203.0.113.8 "${count}" >"${root}/limit.out" 2>&1 ||
        fail "${name}: the connection count limit ${count} does not hold: $(cat "${root}/limit.out" "${maillog}")"
      logged "Connection concurrency limit exceeded: $((count + 1)) from [^ ]*\[203\.0\.113\.8\]" ||
        fail "${name}: anvil did not log the exceeded count limit: $(cat "${maillog}")"
    else
      note "${name}: connection limits ${count} and ${rate}/time unit not tried live"
    fi
  fi

  stop_postfix "${etc}" "${spool}" "${pid}"
  # Nothing went wrong that the checks above did not expect (in a log that is there).
  [ -s "${maillog}" ] || fail "${name}: Postfix wrote no log to ${maillog}"
  if grep -E '(fatal|panic|error|warning):' "${maillog}" |
    grep -Ev 'warning: haproxy read: |warning: Connection concurrency limit exceeded: ' >"${root}/unexpected"; then
    fail "${name}: Postfix logged: $(cat "${root}/unexpected")"
  fi
  note "ok: ${name}: Postfix runs with the overrides (PROXY listener: ${with_master})"
}

declare -A want=()
while read -r case key value; do want["${case}/${key}"]="${value}"; done < <(postfix_expectations "${configs[@]}")

# Each distinct pair of override files runs once, under its first case's name.
declare -A first_case=() capabilities=()
runs=()
count=0
for config in "${configs[@]}"; do
  name="$(basename "${config}" .json)"
  "${synth}" --config "${config}" --stdout >"${TMP}/${name}.yaml" || fail "${name}: mailu-synth failed"
  postfix_override "${TMP}/${name}.yaml" postfix.cf >"${TMP}/${name}.cf"
  postfix_override "${TMP}/${name}.yaml" postfix.master >"${TMP}/${name}.master"
  [ -s "${TMP}/${name}.cf" ] || fail "${name}: no postfix.cf in a postfix-overrides ConfigMap"
  capabilities["${name}"]="$(added_capabilities "${TMP}/${name}.yaml" | paste -sd, -)"
  if [ "${want[${name}/proxy_listener]}" = yes ]; then
    [ -s "${TMP}/${name}.master" ] || fail "${name}: no postfix.master although Traefik sends the PROXY protocol"
  fi
  key="$(cat "${TMP}/${name}.cf" "${TMP}/${name}.master" | cksum) $(cksum <"${TMP}/${name}.cf") ${capabilities[${name}]}"
  if [ -z "${first_case[${key}]:-}" ]; then
    first_case["${key}"]="${name}"
    runs+=("${name}")
  fi
  count=$((count + 1))
done
[ "${count}" -ge 16 ] || fail "only ${count} parity cases found in ${cases}"
[ "${#runs[@]}" -le 7 ] || fail "${#runs[@]} distinct override pairs: too many to run in time"

proxied=0
hardened=0
for name in "${runs[@]}"; do
  run_case "${name}"
  if [ -s "${TMP}/${name}.master" ]; then proxied=$((proxied + 1)); fi
  if [ -n "${capabilities[${name}]}" ]; then hardened=$((hardened + 1)); fi
done
[ "${proxied}" -ge 1 ] || fail "no parity case has the PROXY protocol listener"
# tests/data/configs/x08-hardened.json, when its folder is given.
if [ $# -ge 3 ]; then [ "${hardened}" -ge 1 ] || fail "no config runs Postfix with security.hardened's capabilities"; fi

system_postfix >"${TMP}/system.after"
diff "${TMP}/system.before" "${TMP}/system.after" >&2 || fail "the system's Postfix files changed"
note "ok: Postfix ran the overrides of all ${count} public cases (${#runs[@]} distinct, ${proxied} with the PROXY listener, ${hardened} with only security.hardened's capabilities)"
