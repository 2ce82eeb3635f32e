#!/usr/bin/env bash
# Runs nginx with the patched front config and logs in on each new port:
# nginx must ask the admin service (a stand-in on ADMIN_ADDRESS:8080) at
# /internal/auth/email with the port's protocol and Auth-Port, in plaintext.
# Every listener binds a random loopback address, so no real port is taken.
source "$(dirname "$0")/lib.sh"
need nginx nginx
need python3 python3
need_low_ports

ip="$(random_loopback)"
conf="${TMP}/nginx.conf"
cp "${FIXTURES_DIR}/nginx.conf" "${conf}"
front_patch "${conf}" "${ip}" >"${TMP}/patch.out" 2>&1 || fail "patch step failed: $(cat "${TMP}/patch.out")"
local_nginx_conf "${conf}" "${TMP}/local.conf" "${ip}"
# The rendered resolver is the cluster's DNS; without it here, nginx would
# spend up to resolver_timeout on every connection looking up the client.
sed -i '/^[[:space:]]*resolver /d' "${TMP}/local.conf"

python3 "${EMBEDDED_TEST_DIR}/fake_admin.py" "${ip}" 8080 "${TMP}/admin.log" 2>"${TMP}/admin.err" &
admin_pid=$!
on_exit "kill ${admin_pid} 2>/dev/null"
nginx -e stderr -c "${TMP}/local.conf" -g 'daemon off;' >"${TMP}/nginx.log" 2>&1 &
nginx_pid=$!
on_exit "kill ${nginx_pid} 2>/dev/null; sleep 0.3"

python3 - "${ip}" "${TMP}/admin.log" <<'PY' || fail "client checks failed; nginx log:"$'\n'"$(cat "${TMP}/nginx.log")"$'\n'"admin: $(cat "${TMP}/admin.err")"
import base64, imaplib, json, poplib, smtplib, socket, sys, time

ip, log_file = sys.argv[1], sys.argv[2]

def wait_for(port):
    for _ in range(100):
        try:
            socket.create_connection((ip, port), 1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listens on {ip}:{port}")

for port in (8080, 25, 465, 587, 993, 995):
    wait_for(port)

def last_request():
    for _ in range(50):
        try:
            with open(log_file) as handle:
                lines = handle.read().splitlines()
            if lines:
                open(log_file, "w").close()
                return json.loads(lines[-1])
        except FileNotFoundError:
            pass
        time.sleep(0.1)
    raise SystemExit("the admin service was not asked")

def check(request, protocol, port):
    headers = request["headers"]
    assert request["path"] == "/internal/auth/email", request
    assert headers["Auth-Protocol"] == protocol, headers
    assert headers["Auth-Port"] == str(port), headers
    assert headers["Auth-Method"] == "plain", headers
    assert headers["Auth-User"] == "alice@example.com", headers
    assert headers["Auth-Pass"] == "secret", headers
    # nginx sends auth_http_header values as written: variables such as
    # $remote_port are not expanded (Mailu's own port-25 server does the same).
    assert headers.get("Client-Port", "").isdigit() or headers.get("Client-Port") == "$remote_port", headers
    assert "Auth-SSL" not in headers, headers
    print(f"ok: {protocol} on {port} asks the admin service")

for port in (587, 465):
    client = smtplib.SMTP(ip, port, timeout=10)
    code, features = client.ehlo("client.test")
    assert code == 250 and b"AUTH PLAIN" in features, features
    try:
        client.login("alice@example.com", "secret")
        raise SystemExit(f"login on {port} should have been refused")
    except smtplib.SMTPAuthenticationError as error:
        assert error.smtp_code == 535, error
    client.close()
    check(last_request(), "smtp", port)

client = imaplib.IMAP4(ip, 993, timeout=10)
try:
    client.login("alice@example.com", "secret")
    raise SystemExit("IMAP login should have been refused")
except imaplib.IMAP4.error:
    pass
check(last_request(), "imap", 993)

client = poplib.POP3(ip, 995, timeout=10)
client.user("alice@example.com")
try:
    client.pass_("secret")
    raise SystemExit("POP3 login should have been refused")
except poplib.error_proto:
    pass
check(last_request(), "pop3", 995)
PY
note "ok: nginx serves 587, 465, 993 and 995 in plaintext and authenticates them at the admin service"
