#!/usr/bin/env bash
# Runs dovecot with the rendered dovecot-submission.conf: a webmail-like
# client logs in with an arbitrary token and sends a message, which must
# reach a stand-in for Postfix unchanged. Only the listening and relay ports
# (and a private base_dir) differ from the rendered file, so the test needs no
# fixed port and no Postfix.
source "$(dirname "$0")/lib.sh"
need dovecot dovecot-core
need python3 python3
need_root
[ -x /usr/lib/dovecot/submission ] || [ -x /usr/libexec/dovecot/submission ] ||
  skip "dovecot's submission service is not installed (Debian package dovecot-submissiond)"
getent passwd mail >/dev/null || skip "no 'mail' user on this system"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

python3 "${EMBEDDED_TEST_DIR}/smtp_sink.py" 127.0.0.1 "${TMP}/sink.port" "${TMP}/sink.log" &
sink_pid=$!
on_exit "kill ${sink_pid} 2>/dev/null"
for _ in $(seq 50); do [ -s "${TMP}/sink.port" ] && break; sleep 0.1; done
sink_port="$(cat "${TMP}/sink.port")"
submission_port="$(free_port)"

render_dovecot_conf example.com 127.0.0.1 "${TMP}/dovecot.conf"
grep -qx 'submission_relay_port = 25' "${TMP}/dovecot.conf" || fail "no 'submission_relay_port = 25' line to redirect"
grep -qx '    port = 10025' "${TMP}/dovecot.conf" || fail "no 'port = 10025' line to redirect"
sed -i -e "s/^submission_relay_port = 25$/submission_relay_port = ${sink_port}/" \
  -e "s/^    port = 10025$/    port = ${submission_port}/" "${TMP}/dovecot.conf"
mkdir -p "${TMP}/run"
chmod 755 "${TMP}"
printf 'base_dir = %s/run\n' "${TMP}" >>"${TMP}/dovecot.conf"

dovecot -F -c "${TMP}/dovecot.conf" >"${TMP}/dovecot.log" 2>&1 &
dovecot_pid=$!
on_exit "kill ${dovecot_pid} 2>/dev/null; sleep 0.3"
for _ in $(seq 100); do
  python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', ${submission_port}), 1)" 2>/dev/null && break
  kill -0 "${dovecot_pid}" 2>/dev/null || fail "dovecot did not start: $(cat "${TMP}/dovecot.log")"
  sleep 0.1
done

python3 - "${submission_port}" <<'PY' || fail "submission session failed; dovecot log: $(cat "${TMP}/dovecot.log")"
import smtplib, sys
client = smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=20)
code, banner = client.ehlo("webmail.test")
features = banner.decode()
assert code == 250, banner
assert "AUTH" in features and "PLAIN" in features, features
assert "SIZE 52428800" in features, features  # 50 MiB
client.login("alice@example.com", "token-0123456789abcdef")
refused = client.sendmail("alice@example.com", ["bob@example.org"],
                          "From: alice@example.com\r\nTo: bob@example.org\r\nSubject: relay test\r\n\r\nhello from webmail\r\n")
assert not refused, refused
client.quit()
PY

wait "${sink_pid}" 2>/dev/null || true
grep -q '^MAIL FROM:<alice@example.com>' "${TMP}/sink.log" || fail "the relay did not send MAIL FROM: $(cat "${TMP}/sink.log")"
grep -q '^RCPT TO:<bob@example.org>' "${TMP}/sink.log" || fail "the relay did not send RCPT TO"
grep -q '^Subject: relay test' "${TMP}/sink.log" || fail "the message did not arrive"
grep -q 'hello from webmail' "${TMP}/sink.log" || fail "the message body did not arrive"
grep -q 'Successfully relayed message' "${TMP}/dovecot.log" || fail "dovecot did not log the relay: $(cat "${TMP}/dovecot.log")"
note "ok: dovecot accepted the login and relayed the message"
