#!/usr/bin/env bash
# For every public parity case, the postfix.cf and postfix.master that
# mailu-synth writes into the postfix-overrides ConfigMap apply cleanly to a
# Mailu-shaped Postfix configuration the way Mailu's start.py applies them
# (postconf -e / postconf -Me through a shell), and postconf then reports the
# case's anvil limits and, with the Traefik PROXY protocol, a smtpd on port
# 2525 that expects the haproxy protocol, without any warning.
# usage: postfix_overrides_postconf.sh MAILU_SYNTH CASES_DIR [CONFIGS_DIR...]
source "$(dirname "$0")/lib.sh"
need postconf postfix
need python3 python3
synth="$1"
cases="$2"
# Further folders hold the project's own configs (every *.json in them).
configs=("${cases}"/p*.json)
for extra in "${@:3}"; do configs+=("${extra}"/*.json); done

# postconf_clean DIR ARGS...: runs postconf -c DIR ARGS, failing on any
# message on stderr (such as "unused parameter" for a misspelt name).
postconf_clean() {
  local dir="$1"
  shift
  postconf -c "${dir}" "$@" >"${TMP}/postconf.out" 2>"${TMP}/postconf.err" ||
    fail "${name}: postconf $* fails: $(cat "${TMP}/postconf.err")"
  [ ! -s "${TMP}/postconf.err" ] || fail "${name}: postconf $* warns: $(cat "${TMP}/postconf.err")"
}

# The fixture itself is clean, so that any warning below is the overrides'.
name=fixture
mailu_postfix_dir "${TMP}/fixture"
postconf_clean "${TMP}/fixture" -n
postconf_clean "${TMP}/fixture" -M
postconf_clean "${TMP}/fixture" -P

declare -A want=()
while read -r case key value; do want["${case}/${key}"]="${value}"; done < <(postfix_expectations "${configs[@]}")

count=0
proxied=0
for config in "${configs[@]}"; do
  name="$(basename "${config}" .json)"
  "${synth}" --config "${config}" --stdout >"${TMP}/${name}.yaml" || fail "${name}: mailu-synth failed"
  postfix_override "${TMP}/${name}.yaml" postfix.cf >"${TMP}/${name}.cf"
  postfix_override "${TMP}/${name}.yaml" postfix.master >"${TMP}/${name}.master"
  [ -s "${TMP}/${name}.cf" ] || fail "${name}: no postfix.cf in a postfix-overrides ConfigMap"
  [ -n "${want[${name}/proxy_listener]:-}" ] || fail "${name}: could not read the case"

  dir="${TMP}/${name}.etc"
  mailu_postfix_dir "${dir}"
  if [ "${want[${name}/proxy_listener]}" = yes ]; then
    [ -s "${TMP}/${name}.master" ] || fail "${name}: no postfix.master although Traefik sends the PROXY protocol"
    apply_postfix_overrides "${dir}" "${TMP}/${name}.cf" "${TMP}/${name}.master"
    proxied=$((proxied + 1))
  else
    [ ! -s "${TMP}/${name}.master" ] ||
      fail "${name}: a postfix.master without the Traefik PROXY protocol: $(cat "${TMP}/${name}.master")"
    apply_postfix_overrides "${dir}" "${TMP}/${name}.cf"
  fi

  # Each line reached postconf intact: the shell's double quotes changed
  # nothing ($, `, \ or " would), and postconf stored the value as written.
  while IFS= read -r line; do
    [[ "${line}" =~ ^([a-z0-9_]+)[[:space:]]*=[[:space:]]*(.*[^[:space:]])[[:space:]]*$ ]] ||
      fail "${name}: postfix.cf line is not 'name = value': ${line}"
    param="${BASH_REMATCH[1]}"
    value="${BASH_REMATCH[2]}"
    postconf_clean "${dir}" -h "${param}"
    [ "$(cat "${TMP}/postconf.out")" = "${value}" ] ||
      fail "${name}: ${param} is '$(cat "${TMP}/postconf.out")' after postconf -e, not '${value}'"
  done < <(postconf_lines "${TMP}/${name}.cf")

  # The anvil limits are the case's, and of the type Postfix parses them as
  # (postconf -e takes any text; smtpd and anvil refuse to start on a bad one).
  for param in smtpd_client_connection_rate_limit smtpd_client_connection_count_limit \
    smtpd_client_message_rate_limit smtpd_client_recipient_rate_limit anvil_rate_time_unit; do
    postconf_clean "${dir}" -h "${param}"
    value="$(cat "${TMP}/postconf.out")"
    [ "${value}" = "${want[${name}/${param}]}" ] || fail "${name}: ${param} is '${value}', not '${want[${name}/${param}]}'"
    grep -q "^${param}[[:space:]]*=" "${TMP}/${name}.cf" || fail "${name}: postfix.cf does not set ${param}"
    if [ "${param}" = anvil_rate_time_unit ]; then
      [[ "${value}" =~ ^[1-9][0-9]*[smhdw]?$ ]] || fail "${name}: ${param} '${value}' is not a Postfix time"
    else
      [[ "${value}" =~ ^[0-9]+$ ]] || fail "${name}: ${param} '${value}' is not a whole number"
    fi
  done

  if [ "${want[${name}/proxy_listener]}" = yes ]; then
    postconf_clean "${dir}" -M 2525/inet
    grep -q . "${TMP}/postconf.out" || fail "${name}: no 2525/inet service after postconf -Me"
    # Every master.cf line arrived as written (modulo spacing).
    while IFS= read -r line; do
      service="${line%%=*}"
      service="${service//[[:space:]]/}"
      postconf_clean "${dir}" -M "${service}"
      [ "$(tr -s ' \t' '  ' <"${TMP}/postconf.out")" = "$(tr -s ' \t' '  ' <<<"${line#*=}" | sed 's/^ //')" ] ||
        fail "${name}: ${service} is '$(cat "${TMP}/postconf.out")' after postconf -Me, not '${line#*=}'"
    done < <(postconf_lines "${TMP}/${name}.master")
    for check in type=inet private=n chroot=n command=smtpd; do
      postconf_clean "${dir}" -hF "2525/inet/${check%%=*}"
      read -r value _ <"${TMP}/postconf.out"
      [ "${value}" = "${check#*=}" ] || fail "${name}: 2525/inet ${check%%=*} is '${value}', not '${check#*=}'"
    done
    postconf_clean "${dir}" -hP 2525/inet/smtpd_upstream_proxy_protocol
    [ "$(cat "${TMP}/postconf.out")" = haproxy ] ||
      fail "${name}: 2525/inet smtpd_upstream_proxy_protocol is '$(cat "${TMP}/postconf.out")', not haproxy"
    # No address a PROXY header names is one Mailu trusts (its SUBNET): only
    # loopback and the relayNets the user named.
    postconf_clean "${dir}" -hP 2525/inet/mynetworks
    [ "$(cat "${TMP}/postconf.out")" = "${want["${name}/proxy_mynetworks"]}" ] ||
      fail "${name}: 2525/inet mynetworks is '$(cat "${TMP}/postconf.out")', not ${want["${name}/proxy_mynetworks"]}"
    # Mailu's own listeners are untouched.
    for service in smtp/inet 10025/inet; do
      postconf_clean "${TMP}/fixture" -M "${service}"
      before="$(cat "${TMP}/postconf.out")"
      postconf_clean "${dir}" -M "${service}"
      [ -n "${before}" ] && [ "$(cat "${TMP}/postconf.out")" = "${before}" ] ||
        fail "${name}: the ${service} service changed: $(cat "${TMP}/postconf.out")"
    done
  fi

  # Nothing unknown or unused anywhere (postconf warns about both).
  postconf_clean "${dir}" -n
  postconf_clean "${dir}" -M
  postconf_clean "${dir}" -P
  count=$((count + 1))
done
[ "${count}" -ge 19 ] || fail "only ${count} configs found in ${cases} and the folders after it"
[ "${proxied}" -ge 1 ] || fail "no parity case has the PROXY protocol listener"
note "ok: the postfix overrides of all ${count} configs apply cleanly (${proxied} with the PROXY listener)"
