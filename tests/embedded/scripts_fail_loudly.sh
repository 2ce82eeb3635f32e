#!/usr/bin/env bash
# When what a script must patch is not there (or its settings are wrong), the
# script exits non-zero with a message on stderr naming the problem, and the
# file stays exactly as it was.
source "$(dirname "$0")/lib.sh"

admin=mailu-admin-service-c8ad3a23.mailu.svc.cluster.local
imap=mailu-dovecot-service-c8c4c495
submission=mailu-dovecot-submission-service-c88c85f9.mailu.svc.cluster.local

# refused CASE WORD FILE COMMAND...: COMMAND must fail, say WORD on stderr and
# leave FILE (if it exists) as it was.
refused() {
  local case="$1" word="$2" file="$3" before="" status=0
  shift 3
  [ -e "${file}" ] && before="$(sum "${file}")"
  "$@" >"${TMP}/out" 2>"${TMP}/err" || status=$?
  [ "${status}" -ne 0 ] || fail "${case}: exit status 0"
  [ -s "${TMP}/err" ] || fail "${case}: nothing on stderr"
  grep -qF -- "${word}" "${TMP}/err" || fail "${case}: stderr does not mention '${word}': $(cat "${TMP}/err")"
  if [ -n "${before}" ]; then
    [ "$(sum "${file}")" = "${before}" ] || fail "${case}: the file was changed"
  fi
  if ls "${TMP}"/*.cdk8s-mailu.* >/dev/null 2>&1; then fail "${case}: work files left behind"; fi
  note "ok: ${case}: status ${status}, $(head -n 1 "${TMP}/err")"
}

# --- front ---------------------------------------------------------------
conf="${TMP}/nginx.conf"
front() { ADMIN_ADDRESS="${1}" NGINX_CONF="${conf}" sh "${FRONT_SCRIPT}" --patch-only; }

grep -v 'auth_http http://127.0.0.1:8000/auth/email;' "${FIXTURES_DIR}/nginx.conf" >"${conf}"
refused "front: no auth_http to rewrite" "auth_http" "${conf}" front "${admin}"

grep -v 'auth_http_header Auth-Port 25;' "${FIXTURES_DIR}/nginx.conf" >"${conf}"
refused "front: no port-25 mail server" "Auth-Port 25" "${conf}" front "${admin}"

sed '/^mail {/,$d' "${FIXTURES_DIR}/nginx.conf" >"${conf}"
printf 'mail {\n    auth_http http://127.0.0.1:8000/auth/email;\n}\n' >>"${conf}"
refused "front: mail block without servers" "no server in a mail {} block" "${conf}" front "${admin}"

sed 's/^    smtp_capabilities .*/&\n    server {\n      listen 587;\n      protocol smtp;\n    }/' "${FIXTURES_DIR}/nginx.conf" >"${conf}"
refused "front: port 587 already served" "port 587" "${conf}" front "${admin}"

cp "${FIXTURES_DIR}/nginx.conf" "${conf}"
refused "front: ADMIN_ADDRESS unset" "ADMIN_ADDRESS" "${conf}" front ""
refused "front: ADMIN_ADDRESS not a host name" "ADMIN_ADDRESS" "${conf}" front 'admin|x; evil'
refused "front: no nginx.conf" "does not exist" "${TMP}/absent.conf" \
  env ADMIN_ADDRESS="${admin}" NGINX_CONF="${TMP}/absent.conf" sh "${FRONT_SCRIPT}" --patch-only
refused "front: unknown argument" "unknown argument" "${conf}" \
  env ADMIN_ADDRESS="${admin}" NGINX_CONF="${conf}" sh "${FRONT_SCRIPT}" --bogus

# --- webmail -------------------------------------------------------------
php="${TMP}/config.inc.php"
webmail() { IMAP_ADDRESS="$1" SUBMISSION_ADDRESS="$2" ROUNDCUBE_CONFIG="${php}" sh "${WEBMAIL_SCRIPT}" --patch-only; }

grep -v "^\$config\['smtp_host'\]" "${FIXTURES_DIR}/config.inc.php" >"${php}"
refused "webmail: no smtp_host" "smtp_host" "${php}" webmail "${imap}" "${submission}"

grep -v "^\$config\['managesieve_host'\]" "${FIXTURES_DIR}/config.inc.php" >"${php}"
refused "webmail: no managesieve_host" "managesieve_host" "${php}" webmail "${imap}" "${submission}"

sed "s|^\$config\['imap_host'\] = .*|\$config['imap_host'] = 'ssl://front:993';|" "${FIXTURES_DIR}/config.inc.php" >"${php}"
refused "webmail: unexpected imap_host" "imap_host is ssl://front:993" "${php}" webmail "${imap}" "${submission}"

{ cat "${FIXTURES_DIR}/config.inc.php"; echo "\$config['imap_host'] = 'tls://front:10143';"; } >"${php}"
refused "webmail: imap_host twice" "expected one imap_host setting, found 2" "${php}" webmail "${imap}" "${submission}"

cp "${FIXTURES_DIR}/config.inc.php" "${php}"
refused "webmail: IMAP_ADDRESS unset" "IMAP_ADDRESS" "${php}" webmail "" "${submission}"
refused "webmail: SUBMISSION_ADDRESS unset" "SUBMISSION_ADDRESS" "${php}" webmail "${imap}" ""
refused "webmail: SUBMISSION_ADDRESS not a host name" "SUBMISSION_ADDRESS" "${php}" webmail "${imap}" "a'b"
refused "webmail: no config" "does not exist" "${TMP}/absent.php" \
  env IMAP_ADDRESS="${imap}" SUBMISSION_ADDRESS="${submission}" ROUNDCUBE_CONFIG="${TMP}/absent.php" \
  sh "${WEBMAIL_SCRIPT}" --patch-only
