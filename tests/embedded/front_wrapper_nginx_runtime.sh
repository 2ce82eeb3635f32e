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
start_front "${TMP}/local.conf" "${ip}" runtime

front_client runtime "${ip}" <<'PY'
import imaplib, poplib, smtplib, sys
from client_helpers import last_request, wait_for

ip, log_file = sys.argv[1], sys.argv[2]

wait_for(ip, 8080, 25, 465, 587, 993, 995)

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
    check(last_request(log_file), "smtp", port)

client = imaplib.IMAP4(ip, 993, timeout=10)
try:
    client.login("alice@example.com", "secret")
    raise SystemExit("IMAP login should have been refused")
except imaplib.IMAP4.error:
    pass
check(last_request(log_file), "imap", 993)

client = poplib.POP3(ip, 995, timeout=10)
client.user("alice@example.com")
try:
    client.pass_("secret")
    raise SystemExit("POP3 login should have been refused")
except poplib.error_proto:
    pass
check(last_request(log_file), "pop3", 995)
PY
note "ok: nginx serves 587, 465, 993 and 995 in plaintext and authenticates them at the admin service"
