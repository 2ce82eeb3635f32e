#!/usr/bin/env bash
# The webmail image is Alpine based: /bin/sh, cmp, cat... are BusyBox there,
# and python3 is a program of its own (start.py runs with it). The Snappymail
# patch step run by BusyBox's sh with nothing but its applets on PATH, and
# PYTHON_BIN naming the python3 binary, gives the same bytes as under the
# system's sh and tools, is idempotent, and still fails loudly.
# (scripts_busybox.sh covers the Roundcube patch step, which needs no Python.)
source "$(dirname "$0")/lib.sh"
need busybox busybox
need python3 python3

applets="${TMP}/busybox-bin"
mkdir -p "${applets}"
busybox_path="$(command -v busybox)"
for applet in $(busybox --list); do ln -s "${busybox_path}" "${applets}/${applet}"; done
for applet in sh cmp cat rm wc; do
  [ -e "${applets}/${applet}" ] || skip "this BusyBox has no ${applet} applet"
done
# The interpreter itself, not a wrapper script such as pyenv's shim.
python_bin="$(python3 -c 'import sys; print(sys.executable)')"
[ -x "${python_bin}" ] || skip "cannot find the python3 binary"

imap=mailu-dovecot-service-c8c4c495
submission=mailu-dovecot-submission-service-c88c85f9.mailu.svc.cluster.local

# in_busybox FILE [ARG]: the patch step on FILE under BusyBox alone.
in_busybox() {
  env -i PATH="${applets}" PYTHON_BIN="${python_bin}" WEBMAIL=snappymail IMAP_ADDRESS="${imap}" \
    SUBMISSION_ADDRESS="${submission}" SNAPPYMAIL_CONFIG="$1" "${applets}/sh" "${WEBMAIL_SCRIPT}" --patch-only
}

cp "${FIXTURES_DIR}/snappymail-default.json" "${TMP}/system.json"
cp "${FIXTURES_DIR}/snappymail-default.json" "${TMP}/busybox.json"
snappymail_patch "${TMP}/system.json" "${imap}" "${submission}" >/dev/null
in_busybox "${TMP}/busybox.json" >"${TMP}/out" 2>&1 || fail "patch failed under BusyBox: $(cat "${TMP}/out")"
cmp "${TMP}/system.json" "${TMP}/busybox.json" || fail "BusyBox and the system tools give different files"
cmp -s "${FIXTURES_DIR}/snappymail-default.json" "${TMP}/busybox.json" && fail "nothing was patched under BusyBox"

before="$(sum "${TMP}/busybox.json")"
in_busybox "${TMP}/busybox.json" >"${TMP}/out" 2>&1 || fail "second run failed under BusyBox: $(cat "${TMP}/out")"
[ "$(sum "${TMP}/busybox.json")" = "${before}" ] || fail "the second run under BusyBox changed the file"
grep -q 'already patched' "${TMP}/out" || fail "the second run does not say so: $(cat "${TMP}/out")"

python3 -c 'import json, sys
d = json.load(open(sys.argv[1])); del d["IMAP"]; json.dump(d, open(sys.argv[2], "w"))' \
  "${FIXTURES_DIR}/snappymail-default.json" "${TMP}/broken.json"
before="$(sum "${TMP}/broken.json")"
status=0
in_busybox "${TMP}/broken.json" >/dev/null 2>"${TMP}/err" || status=$?
[ "${status}" -eq 1 ] || fail "BusyBox run returned ${status} on a config without IMAP"
grep -q '"IMAP"' "${TMP}/err" || fail "no message under BusyBox: $(cat "${TMP}/err")"
[ "$(sum "${TMP}/broken.json")" = "${before}" ] || fail "the refused file was changed under BusyBox"
if ls "${TMP}"/*.cdk8s-mailu.* >/dev/null 2>&1; then fail "work files left behind"; fi
note "ok: Snappymail patch under BusyBox ($(sum "${TMP}/busybox.json"))"
