#!/usr/bin/env bash
# security.hardened runs dovecot-submission as the mail user (8:8) with no
# capabilities. This takes the dovecot.conf mailu-synth writes for a hardened
# config and runs the real dovecot with it the same way: uid and gid 8, no
# supplementary groups and an empty capability set. It must start, take a
# webmail-like login and relay a message to a stand-in for Postfix. Only the
# ports, the relay host and the writable directories (base_dir, state_dir,
# mail_location: the pod's emptyDirs) differ from the synthesized file.
# usage: dovecot_submission_unprivileged.sh MAILU_SYNTH HARDENED_CONFIG
source "$(dirname "$0")/lib.sh"
need dovecot dovecot-core
need doveconf dovecot-core
need python3 python3
need setpriv util-linux
need_root
[ -x /usr/lib/dovecot/submission ] || [ -x /usr/libexec/dovecot/submission ] ||
  skip "dovecot's submission service is not installed (Debian package dovecot-submissiond)"
[ "$(getent passwd mail | cut -d: -f3,4)" = "8:8" ] || skip "no 'mail' user with uid and gid 8 (Debian's)"
synth="$1"
config="$2"

"${synth}" --config "${config}" --stdout >"${TMP}/manifests.yaml" || fail "mailu-synth failed for ${config}"
configmap_file "${TMP}/manifests.yaml" dovecot-submission dovecot.conf >"${TMP}/dovecot.conf"
[ -s "${TMP}/dovecot.conf" ] || fail "no dovecot.conf in the dovecot-submission ConfigMap"
# The settings the hardened file needs, as doveconf reads them.
doveconf -n -c "${TMP}/dovecot.conf" >"${TMP}/parsed" 2>"${TMP}/doveconf.err" ||
  fail "doveconf rejects the hardened dovecot.conf: $(cat "${TMP}/doveconf.err")"
[ ! -s "${TMP}/doveconf.err" ] || fail "doveconf warns: $(cat "${TMP}/doveconf.err")"
for setting in default_internal_user default_login_user default_internal_group; do
  [ "$(doveconf -c "${TMP}/dovecot.conf" -h "${setting}")" = mail ] || fail "${setting} is not mail"
done
for service in submission-login anvil; do
  [ -z "$(doveconf -c "${TMP}/dovecot.conf" -h "service/${service}/chroot")" ] || fail "${service} still chroots"
done

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
python3 "${EMBEDDED_TEST_DIR}/smtp_sink.py" 127.0.0.1 "${TMP}/sink.port" "${TMP}/sink.log" &
sink_pid=$!
on_exit "kill ${sink_pid} 2>/dev/null"
for _ in $(seq 50); do [ -s "${TMP}/sink.port" ] && break; sleep 0.1; done
sink_port="$(cat "${TMP}/sink.port")"
submission_port="$(free_port)"

# The pod's emptyDirs: empty directories the mail user may write (an
# emptyDir is 0777), under a private directory it may enter.
for dir in run state tmp; do mkdir -p "${TMP}/${dir}" && chmod 777 "${TMP}/${dir}"; done
chmod 755 "${TMP}"
chmod 644 "${TMP}/dovecot.conf"
for line in '^submission_relay_host = ' '^submission_relay_port = 25$' '^    port = 10025$' \
  '^base_dir = /run/dovecot$' '^state_dir = /var/lib/dovecot$' '^mail_location = maildir:/tmp/relay-only$'; do
  grep -q "${line}" "${TMP}/dovecot.conf" || fail "no '${line}' line to redirect"
done
sed -i -e "s|^submission_relay_host = .*|submission_relay_host = 127.0.0.1|" \
  -e "s|^submission_relay_port = 25$|submission_relay_port = ${sink_port}|" \
  -e "s|^    port = 10025$|    port = ${submission_port}|" \
  -e "s|^base_dir = /run/dovecot$|base_dir = ${TMP}/run/dovecot|" \
  -e "s|^state_dir = /var/lib/dovecot$|state_dir = ${TMP}/state|" \
  -e "s|^mail_location = maildir:/tmp/relay-only$|mail_location = maildir:${TMP}/tmp/relay-only|" \
  "${TMP}/dovecot.conf"

# As Kubernetes runs it with runAsUser/runAsGroup 8 and capabilities drop ALL.
setpriv --reuid=8 --regid=8 --clear-groups --inh-caps=-all --bounding-set=-all \
  dovecot -F -c "${TMP}/dovecot.conf" >"${TMP}/dovecot.log" 2>&1 &
dovecot_pid=$!
on_exit "kill ${dovecot_pid} 2>/dev/null; sleep 0.3"
for _ in $(seq 100); do
  python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', ${submission_port}), 1)" 2>/dev/null && break
  kill -0 "${dovecot_pid}" 2>/dev/null || fail "dovecot did not start as uid 8: $(cat "${TMP}/dovecot.log")"
  sleep 0.1
done
[ "$(ps -o uid= -p "${dovecot_pid}" | tr -d ' ')" = 8 ] || fail "dovecot's master is not uid 8"
grep -q '^CapEff:[[:space:]]*0*$' "/proc/${dovecot_pid}/status" || fail "dovecot's master has capabilities"

python3 - "${submission_port}" <<'PY' || fail "submission session failed; dovecot log: $(cat "${TMP}/dovecot.log")"
import smtplib, sys
client = smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=20)
code, banner = client.ehlo("webmail.test")
assert code == 250, banner
client.login("alice@example.org", "token-0123456789abcdef")
refused = client.sendmail("alice@example.org", ["bob@example.net"],
                          "From: alice@example.org\r\nTo: bob@example.net\r\nSubject: unprivileged relay\r\n\r\nhello as uid 8\r\n")
assert not refused, refused
client.quit()
PY

wait "${sink_pid}" 2>/dev/null || true
grep -q '^RCPT TO:<bob@example.net>' "${TMP}/sink.log" || fail "the relay did not send RCPT TO: $(cat "${TMP}/sink.log")"
grep -q 'hello as uid 8' "${TMP}/sink.log" || fail "the message body did not arrive"
# Every dovecot process ran as mail: none could have switched users.
others="$(ps -o uid= --ppid "${dovecot_pid}" | tr -d ' ' | grep -vx 8 || true)"
[ -z "${others}" ] || fail "dovecot children run as uid ${others}, not 8"
if grep -qi 'fatal\|error' "${TMP}/dovecot.log"; then fail "dovecot logged errors: $(cat "${TMP}/dovecot.log")"; fi
note "ok: the hardened dovecot.conf runs as 8:8 without capabilities and relays"
