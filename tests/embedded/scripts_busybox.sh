#!/usr/bin/env bash
# The images are Alpine based: /bin/sh, awk, sed, grep, cmp... are BusyBox
# there. The patch steps run under BusyBox alone (its sh and nothing but its
# applets on PATH) give the same bytes as under the system's sh and GNU tools,
# are idempotent, and still fail loudly.
source "$(dirname "$0")/lib.sh"
need busybox busybox

applets="${TMP}/busybox-bin"
mkdir -p "${applets}"
busybox_path="$(command -v busybox)"
for applet in $(busybox --list); do ln -s "${busybox_path}" "${applets}/${applet}"; done
for applet in sh awk sed grep cmp cat cp mv rm wc; do
  [ -e "${applets}/${applet}" ] || skip "this BusyBox has no ${applet} applet"
done

# in_busybox VAR=VALUE... SCRIPT ARG...: runs SCRIPT with BusyBox's sh and
# applets only.
in_busybox() { env -i PATH="${applets}" "$@"; }

admin=mailu-admin-service-c8ad3a23.mailu.svc.cluster.local
imap=mailu-dovecot-service-c8c4c495
submission=mailu-dovecot-submission-service-c88c85f9.mailu.svc.cluster.local

# front
cp "${FIXTURES_DIR}/nginx.conf" "${TMP}/system.conf"
cp "${FIXTURES_DIR}/nginx.conf" "${TMP}/busybox.conf"
front_patch "${TMP}/system.conf" "${admin}" >/dev/null
in_busybox ADMIN_ADDRESS="${admin}" NGINX_CONF="${TMP}/busybox.conf" "${applets}/sh" "${FRONT_SCRIPT}" --patch-only >/dev/null ||
  fail "front patch failed under BusyBox"
cmp "${TMP}/system.conf" "${TMP}/busybox.conf" || fail "front: BusyBox and the system tools give different files"
before="$(sum "${TMP}/busybox.conf")"
in_busybox ADMIN_ADDRESS="${admin}" NGINX_CONF="${TMP}/busybox.conf" "${applets}/sh" "${FRONT_SCRIPT}" --patch-only >/dev/null ||
  fail "front: second run failed under BusyBox"
[ "$(sum "${TMP}/busybox.conf")" = "${before}" ] || fail "front: the second run under BusyBox changed the file"
grep -v 'Auth-Port 25;' "${FIXTURES_DIR}/nginx.conf" >"${TMP}/broken.conf"
if in_busybox ADMIN_ADDRESS="${admin}" NGINX_CONF="${TMP}/broken.conf" "${applets}/sh" "${FRONT_SCRIPT}" --patch-only >/dev/null 2>"${TMP}/err"; then
  fail "front: BusyBox run succeeded on a config without the port-25 server"
fi
grep -q 'Auth-Port 25' "${TMP}/err" || fail "front: no message under BusyBox: $(cat "${TMP}/err")"
note "ok: front patch under BusyBox"

# webmail
cp "${FIXTURES_DIR}/config.inc.php" "${TMP}/system.php"
cp "${FIXTURES_DIR}/config.inc.php" "${TMP}/busybox.php"
webmail_patch "${TMP}/system.php" "${imap}" "${submission}" >/dev/null
in_busybox IMAP_ADDRESS="${imap}" SUBMISSION_ADDRESS="${submission}" ROUNDCUBE_CONFIG="${TMP}/busybox.php" \
  "${applets}/sh" "${WEBMAIL_SCRIPT}" --patch-only >/dev/null || fail "webmail patch failed under BusyBox"
cmp "${TMP}/system.php" "${TMP}/busybox.php" || fail "webmail: BusyBox and the system tools give different files"
before="$(sum "${TMP}/busybox.php")"
in_busybox IMAP_ADDRESS="${imap}" SUBMISSION_ADDRESS="${submission}" ROUNDCUBE_CONFIG="${TMP}/busybox.php" \
  "${applets}/sh" "${WEBMAIL_SCRIPT}" --patch-only >/dev/null || fail "webmail: second run failed under BusyBox"
[ "$(sum "${TMP}/busybox.php")" = "${before}" ] || fail "webmail: the second run under BusyBox changed the file"
grep -v "smtp_host'\]" "${FIXTURES_DIR}/config.inc.php" >"${TMP}/broken.php"
if in_busybox IMAP_ADDRESS="${imap}" SUBMISSION_ADDRESS="${submission}" ROUNDCUBE_CONFIG="${TMP}/broken.php" \
  "${applets}/sh" "${WEBMAIL_SCRIPT}" --patch-only >/dev/null 2>"${TMP}/err"; then
  fail "webmail: BusyBox run succeeded on a config without smtp_host"
fi
grep -q 'smtp_host' "${TMP}/err" || fail "webmail: no message under BusyBox: $(cat "${TMP}/err")"
note "ok: webmail patch under BusyBox"
