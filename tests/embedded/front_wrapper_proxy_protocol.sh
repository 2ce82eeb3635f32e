#!/usr/bin/env bash
# PROXY protocol on the added mail ports (PROXY_PROTOCOL=465,587,993,995, as
# the chart sets it for Traefik). The patch step refuses to trust PROXY
# headers when REAL_IP_FROM is empty or not made of addresses/CIDRs. Then the
# real nginx runs the patched config next to a stand-in admin service:
#   - a client sending a PROXY v2 header from a REAL_IP_FROM address logs in
#     by SMTP AUTH (587, 465), IMAP LOGIN (993) and POP3 (995), and admin's
#     auth sees the header's address as Client-IP, not the client's own;
#   - a connection without a header gets no greeting, is closed, and admin
#     is not asked;
#   - with REAL_IP_FROM not covering the client, nginx reads the header but
#     keeps the peer address as Client-IP.
# Every listener binds a random loopback address, so no real port is taken.
source "$(dirname "$0")/lib.sh"
need nginx nginx
need python3 python3
need_low_ports

admin=mailu-admin-service-c8ad3a23.mailu.svc.cluster.local
ports=465,587,993,995

# proxy_patch FILE ADMIN PROXY_PROTOCOL REAL_IP_FROM: the patch step with the
# PROXY settings.
proxy_patch() {
  PROXY_PROTOCOL="$3" REAL_IP_FROM="$4" ADMIN_ADDRESS="$2" NGINX_CONF="$1" sh "${FRONT_SCRIPT}" --patch-only
}

# refused CASE WORD PROXY_PROTOCOL REAL_IP_FROM: the patch step exits 1,
# names WORD on stderr and leaves the fixture's copy as it was.
refused() {
  local case="$1" word="$2" conf="${TMP}/refused.conf" before status=0
  cp "${FIXTURES_DIR}/nginx.conf" "${conf}"
  before="$(sum "${conf}")"
  proxy_patch "${conf}" "${admin}" "$3" "$4" >"${TMP}/out" 2>"${TMP}/err" || status=$?
  [ "${status}" -eq 1 ] || fail "${case}: exit status ${status}, expected 1"
  grep -qF -- "${word}" "${TMP}/err" || fail "${case}: stderr does not mention '${word}': $(cat "${TMP}/err")"
  [ "$(sum "${conf}")" = "${before}" ] || fail "${case}: the file was changed"
  if ls "${TMP}"/*.cdk8s-mailu.* >/dev/null 2>&1; then fail "${case}: work files left behind"; fi
  note "ok: ${case}: $(head -n 1 "${TMP}/err")"
}

# --- the patch step --------------------------------------------------------
refused "PROXY ports with an empty REAL_IP_FROM" "REAL_IP_FROM is empty" "${ports}" ""
refused "PROXY ports with a blank REAL_IP_FROM" "REAL_IP_FROM is empty" "${ports}" " , "
refused "'mail' with an empty REAL_IP_FROM" "REAL_IP_FROM is empty" "mail" ""
refused "REAL_IP_FROM with a host name" "'traefik.example.com'" "${ports}" "10.42.0.0/16,traefik.example.com"
refused "REAL_IP_FROM with a stray ';'" "'10.42.0.0/16; evil'" "${ports}" "10.42.0.0/16; evil"
refused "REAL_IP_FROM with a bad prefix" "'10.42.0.0/33'" "${ports}" "10.42.0.0/33"
refused "REAL_IP_FROM with a bad IPv6 address" "'fd00::1::2'" "${ports}" "fd00::1::2"
refused "PROXY_PROTOCOL with an unknown word" "'smtps'" "smtps" "10.42.0.0/16"

# Ports this script does not add are Mailu's: nothing changes, REAL_IP_FROM
# or not.
cp "${FIXTURES_DIR}/nginx.conf" "${TMP}/plain.conf"
front_patch "${TMP}/plain.conf" "${admin}" >/dev/null
cp "${FIXTURES_DIR}/nginx.conf" "${TMP}/other-ports.conf"
proxy_patch "${TMP}/other-ports.conf" "${admin}" "25,80,443" "" >/dev/null ||
  fail "PROXY_PROTOCOL=25,80,443 with an empty REAL_IP_FROM was refused"
cmp -s "${TMP}/plain.conf" "${TMP}/other-ports.conf" || fail "PROXY_PROTOCOL=25,80,443 changed the added servers"
note "ok: PROXY_PROTOCOL without an added port leaves the output as without it"

# patched_for FILE ADMIN_ADDRESS REAL_IP_FROM: patches a copy of the fixture
# for the PROXY ports and checks what the servers became.
patched_for() {
  local conf="$1" admin_ip="$2" trusted="$3" want from summary
  cp "${FIXTURES_DIR}/nginx.conf" "${conf}"
  proxy_patch "${conf}" "${admin_ip}" "${ports}" "${trusted}" >"${TMP}/patch.out" 2>&1 ||
    fail "patch step failed: $(cat "${TMP}/patch.out")"
  want=""
  for from in ${trusted//,/ }; do want="${want} ${from}"; done
  summary="$(mail_servers "${conf}")"
  [ "${summary}" = "25 |"$'\n'"587 proxy_protocol |${want}"$'\n'"465 proxy_protocol |${want}"$'\n'"993 proxy_protocol |${want}"$'\n'"995 proxy_protocol |${want}" ] ||
    fail "unexpected mail servers for REAL_IP_FROM=${trusted}:"$'\n'"${summary}"
  # Mailu's part of the file is untouched: the only differences from the
  # plain patch are the listen parameters and set_real_ip_from lines.
  cp "${FIXTURES_DIR}/nginx.conf" "${TMP}/plain-local.conf"
  front_patch "${TMP}/plain-local.conf" "${admin_ip}" >/dev/null
  local other
  other="$(diff "${TMP}/plain-local.conf" "${conf}" | grep '^[<>]' |
    grep -vE '^< +listen (587|465|993|995);$|^> +listen (587|465|993|995) proxy_protocol;$|^> +set_real_ip_from [^ ;]+;$' || true)"
  [ -z "${other}" ] || fail "the PROXY patch changed more than the added servers' listen and set_real_ip_from lines:"$'\n'"${other}"
  # Idempotent, and nginx accepts it.
  local before
  before="$(sum "${conf}")"
  proxy_patch "${conf}" "${admin_ip}" "${ports}" "${trusted}" >"${TMP}/patch2.out" 2>&1 ||
    fail "second patch run failed: $(cat "${TMP}/patch2.out")"
  [ "$(sum "${conf}")" = "${before}" ] || fail "the second patch run changed the file"
  grep -q 'already patched' "${TMP}/patch2.out" || fail "the second run does not say so: $(cat "${TMP}/patch2.out")"
  note "ok: REAL_IP_FROM=${trusted}: 587, 465, 993, 995 listen with proxy_protocol and trust${want}; idempotent"
}

# A file patched without the PROXY protocol is not taken as patched with it.
cp "${TMP}/plain.conf" "${TMP}/stale.conf"
before="$(sum "${TMP}/stale.conf")"
if proxy_patch "${TMP}/stale.conf" "${admin}" "${ports}" 127.0.0.0/8 >/dev/null 2>"${TMP}/err"; then
  fail "a file patched without the PROXY protocol passed verification with it"
fi
grep -q 'verification failed' "${TMP}/err" || fail "no verification message: $(cat "${TMP}/err")"
[ "$(sum "${TMP}/stale.conf")" = "${before}" ] || fail "the failed verification changed the file"
note "ok: a file patched without the PROXY protocol fails verification when it is asked for"

# --- the patch step under BusyBox (the image is Alpine) ----------------------
# The same as scripts_busybox.sh does for the plain patch: BusyBox's sh and
# applets only, same bytes as with the system's tools, idempotent, and the
# REAL_IP_FROM checks (an awk program) refuse the same entries.
if command -v busybox >/dev/null 2>&1; then
  applets="${TMP}/busybox-bin"
  mkdir -p "${applets}"
  for applet in $(busybox --list); do ln -s "$(command -v busybox)" "${applets}/${applet}"; done
  bb_patch() {
    env -i PATH="${applets}" PROXY_PROTOCOL="${ports}" REAL_IP_FROM="$2" ADMIN_ADDRESS="${admin}" NGINX_CONF="$1" \
      "${applets}/sh" "${FRONT_SCRIPT}" --patch-only
  }
  cp "${FIXTURES_DIR}/nginx.conf" "${TMP}/system.conf"
  cp "${FIXTURES_DIR}/nginx.conf" "${TMP}/busybox.conf"
  trusted="10.42.0.0/16, fd00:10:42::/56"
  proxy_patch "${TMP}/system.conf" "${admin}" "${ports}" "${trusted}" >/dev/null
  bb_patch "${TMP}/busybox.conf" "${trusted}" >/dev/null 2>"${TMP}/err" || fail "PROXY patch failed under BusyBox: $(cat "${TMP}/err")"
  cmp "${TMP}/system.conf" "${TMP}/busybox.conf" || fail "BusyBox and the system tools give different PROXY files"
  grep -q 'set_real_ip_from fd00:10:42::/56;' "${TMP}/busybox.conf" || fail "no IPv6 set_real_ip_from under BusyBox"
  before="$(sum "${TMP}/busybox.conf")"
  bb_patch "${TMP}/busybox.conf" "${trusted}" >/dev/null 2>&1 || fail "second PROXY run failed under BusyBox"
  [ "$(sum "${TMP}/busybox.conf")" = "${before}" ] || fail "the second PROXY run under BusyBox changed the file"
  for bad in "" "10.42.0.0/16,mail.example.com" "::ffff:10.42.0.256" "1:2:3:4:5:6:7:8:9"; do
    cp "${FIXTURES_DIR}/nginx.conf" "${TMP}/busybox.conf"
    if bb_patch "${TMP}/busybox.conf" "${bad}" >/dev/null 2>"${TMP}/err"; then
      fail "BusyBox run accepted REAL_IP_FROM='${bad}'"
    fi
    grep -q 'REAL_IP_FROM' "${TMP}/err" || fail "no REAL_IP_FROM message under BusyBox: $(cat "${TMP}/err")"
    cmp -s "${FIXTURES_DIR}/nginx.conf" "${TMP}/busybox.conf" || fail "BusyBox run changed the file for REAL_IP_FROM='${bad}'"
  done
  note "ok: PROXY patch under BusyBox: same bytes, idempotent, bad REAL_IP_FROM refused"
else
  note "BusyBox is not installed (Debian package busybox): its part is not run"
fi

# --- nginx -------------------------------------------------------------------
# The client: MODE "trusted" expects the header's address as Client-IP and
# checks the header-less connections, "untrusted" expects the client's own
# address.
cat >"${TMP}/client.py" <<'PY'
import base64, socket, sys, time
from client_helpers import clear_requests, last_request, proxy_v2_header, requests, silent_without_header, wait_for

ip, log_file, mode = sys.argv[1], sys.argv[2], sys.argv[3]
HEADER_ADDR = "203.0.113.7"

class Line:
    def __init__(self, port):
        self.sock = socket.create_connection((ip, port), 10)
        self.sock.sendall(proxy_v2_header(HEADER_ADDR, ip, 40000 + port, port))
        self.own_addr = self.sock.getsockname()[0]
        self.file = self.sock.makefile("rb")

    def read(self):
        line = self.file.readline()
        if not line:
            raise SystemExit("nginx closed the connection")
        return line.decode().rstrip("\r\n")

    def send(self, text):
        self.sock.sendall(text.encode() + b"\r\n")

    def close(self):
        self.file.close()
        self.sock.close()

def smtp_login(port):
    c = Line(port)
    assert c.read().startswith("220 "), "no SMTP greeting"
    c.send("EHLO client.test")
    features = []
    while True:
        line = c.read()
        features.append(line)
        if line[:4] != "250-":
            break
    assert features[-1].startswith("250 ") and any("AUTH PLAIN" in f for f in features), features
    c.send("AUTH PLAIN " + base64.b64encode(b"\0alice@example.com\0secret").decode())
    reply = c.read()
    assert reply.startswith("535"), reply
    c.close()
    return c.own_addr

def imap_login(port):
    c = Line(port)
    assert c.read().startswith("* OK"), "no IMAP greeting"
    c.send('a1 LOGIN "alice@example.com" "secret"')
    reply = c.read()
    assert reply.startswith("a1 NO"), reply
    c.close()
    return c.own_addr

def pop3_login(port):
    c = Line(port)
    assert c.read().startswith("+OK"), "no POP3 greeting"
    c.send("USER alice@example.com")
    assert c.read().startswith("+OK")
    c.send("PASS secret")
    reply = c.read()
    assert reply.startswith("-ERR"), reply
    c.close()
    return c.own_addr

wait_for(ip, 8080, 25, 465, 587, 993, 995)
clear_requests(log_file)

for port, protocol, login in ((587, "smtp", smtp_login), (465, "smtp", smtp_login),
                              (993, "imap", imap_login), (995, "pop3", pop3_login)):
    own_addr = login(port)
    request = last_request(log_file)
    headers = request["headers"]
    assert request["path"] == "/internal/auth/email", request
    assert headers["Auth-Protocol"] == protocol, headers
    assert headers["Auth-Port"] == str(port), headers
    assert headers["Auth-User"] == "alice@example.com", headers
    assert headers["Auth-Pass"] == "secret", headers
    assert own_addr != HEADER_ADDR
    if mode == "trusted":
        assert headers["Client-IP"] == HEADER_ADDR, f"Client-IP {headers['Client-IP']}, expected the header's {HEADER_ADDR}"
        print(f"ok: {protocol} on {port}: admin sees Client-IP {HEADER_ADDR} from the PROXY header (peer {own_addr})")
    else:
        assert headers["Client-IP"] == own_addr, f"Client-IP {headers['Client-IP']}, expected the peer's {own_addr}"
        print(f"ok: {protocol} on {port}: untrusted peer, admin sees Client-IP {own_addr}, not {HEADER_ADDR}")
    extra = {k: v for k, v in headers.items() if k.lower().startswith("proxy-protocol")}
    if extra and port == 587:
        print(f"   (nginx also sends {extra})")

if mode != "trusted":
    sys.exit(0)

# Without a header: a client that speaks first is cut off before any
# greeting, and one that waits for the greeting gets none.
for port in (587, 465, 993, 995):
    silent_without_header(ip, port)
time.sleep(0.5)
assert requests(log_file) == [], f"the admin service was asked for a connection without a header: {requests(log_file)}"
print("ok: 587, 465, 993, 995 close connections without a PROXY header; no greeting, no auth request")
PY

# live MODE IP: nginx with ${TMP}/MODE.conf (patched_for) on IP, the fake
# admin service, and the client in MODE; the run is named MODE.
live() {
  local_nginx_conf "${TMP}/$1.conf" "${TMP}/$1-local.conf" "$2"
  start_front "${TMP}/$1-local.conf" "$2" "$1"
  front_client "$1" "$2" "$1" <"${TMP}/client.py"
}

# Trusted: REAL_IP_FROM covers the loopback range the client comes from; an
# IPv6 entry too, to have more than one set_real_ip_from per server.
ip="$(random_loopback)"
patched_for "${TMP}/trusted.conf" "${ip}" "127.0.0.0/8,::1"
live trusted "${ip}"
grep -q 'broken header: "EHLO client.test' "${TMP}/trusted-nginx.log" ||
  fail "nginx did not log the header-less connections as broken headers:"$'\n'"$(cat "${TMP}/trusted-nginx.log")"
stop_front

# Untrusted: the header is read (the login works) but not believed.
ip="$(random_loopback)"
patched_for "${TMP}/untrusted.conf" "${ip}" "192.0.2.0/24"
live untrusted "${ip}"
stop_front
note "ok: nginx takes Client-IP from the PROXY header only from REAL_IP_FROM, and requires the header"
