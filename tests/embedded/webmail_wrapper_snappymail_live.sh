#!/usr/bin/env bash
# A live check of the patched Snappymail config: PHP takes host, port and
# type of IMAP, SMTP and Sieve from the file the patch step wrote, opens a
# plain TCP connection to each (type 0: no SSL on connect, no STARTTLS),
# reads the greeting and signs in with the first SASL mechanism of the
# object's "sasl" list that the server offers, as Snappymail does. Stand-ins
# for Dovecot (IMAP on 143, ManageSieve on 4190) and dovecot-submission
# (SMTP on 10025, AUTH PLAIN and LOGIN, no STARTTLS) listen on two random
# loopback addresses, which are the IMAP_ADDRESS and SUBMISSION_ADDRESS here;
# they record what they receive, and nothing may look like TLS.
source "$(dirname "$0")/lib.sh"
need php php-cli
need python3 python3
need_low_ports

imap="$(random_loopback)"
submission="$(random_loopback)"
while [ "${submission}" = "${imap}" ]; do submission="$(random_loopback)"; done
conf="${TMP}/default.json"
cp "${FIXTURES_DIR}/snappymail-default.json" "${conf}"
snappymail_patch "${conf}" "${imap}" "${submission}" >"${TMP}/patch.out" 2>&1 ||
  fail "patch step failed: $(cat "${TMP}/patch.out")"

python3 - "${imap}" "${submission}" "${TMP}/ready" "${TMP}/servers.log" <<'PY' &
import socket, sys, threading

imap, submission, ready, log_path = sys.argv[1:5]
log = open(log_path, "w", buffering=1)
lock = threading.Lock()


def record(name, line):
    with lock:
        log.write("%s %r\n" % (name, line))


def serve(name, listener, greeting, answer):
    conn, _ = listener.accept()
    conn.settimeout(20)
    stream = conn.makefile("rwb")
    stream.write(greeting)
    stream.flush()
    while True:
        line = stream.readline()
        if not line:
            break
        record(name, line)
        if line[:1] == b"\x16":
            record(name, b"TLS handshake")
            break
        reply = answer(line.rstrip(b"\r\n"))
        if reply is None:
            break
        stream.write(reply)
        stream.flush()
    conn.close()


def imap_answer(line):
    tag, _, command = line.partition(b" ")
    if command.upper().startswith(b"AUTHENTICATE PLAIN "):
        return tag + b" OK signed in\r\n"
    return tag + b" BAD unexpected\r\n" if not command.upper().startswith(b"LOGOUT") else None


def smtp_answer(line):
    word = line.split(b" ")[0].upper()
    if word == b"EHLO":
        return b"250-stand-in\r\n250-SIZE 52428800\r\n250 AUTH PLAIN LOGIN\r\n"
    if line.upper().startswith(b"AUTH PLAIN "):
        return b"235 2.7.0 Logged in.\r\n"
    return b"221 bye\r\n" if word == b"QUIT" else b"502 unexpected\r\n"


def sieve_answer(line):
    if line.upper().startswith(b"AUTHENTICATE \"PLAIN\" "):
        return b"OK \"Logged in.\"\r\n"
    return None


servers = [
    ("IMAP", imap, 143, b"* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=LOGIN] ready\r\n", imap_answer),
    ("SMTP", submission, 10025, b"220 stand-in ESMTP\r\n", smtp_answer),
    ("Sieve", imap, 4190, b"\"IMPLEMENTATION\" \"stand-in\"\r\n\"SASL\" \"PLAIN LOGIN\"\r\n\"VERSION\" \"1.0\"\r\nOK \"ready\"\r\n",
     sieve_answer),
]
threads = []
for name, host, port, greeting, answer in servers:
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen(1)
    listener.settimeout(30)
    thread = threading.Thread(target=serve, args=(name, listener, greeting, answer), daemon=True)
    thread.start()
    threads.append(thread)
open(ready, "w").close()
for thread in threads:
    thread.join(40)
PY
servers_pid=$!
on_exit "kill ${servers_pid} 2>/dev/null"
for _ in $(seq 100); do [ -e "${TMP}/ready" ] && break; kill -0 "${servers_pid}" 2>/dev/null || break; sleep 0.1; done
[ -e "${TMP}/ready" ] || fail "the stand-ins did not start"

# shellcheck disable=SC2016 # PHP code
client_php='
$c = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
$plain = base64_encode("\0alice@example.com\0token-0123456789abcdef");
function line($s) { $l = fgets($s); if ($l === false) throw new RuntimeException("connection closed"); return rtrim($l, "\r\n"); }
function pick($sasl, $offered) { foreach ($sasl as $m) if (in_array($m, $offered, true)) return $m; throw new RuntimeException("no SASL mechanism in common"); }
foreach (["IMAP", "SMTP", "Sieve"] as $name) {
    $e = $c[$name];
    if ($e["type"] !== 0) throw new RuntimeException("$name: type " . $e["type"] . " is not plaintext");
    $s = stream_socket_client("tcp://" . $e["host"] . ":" . $e["port"], $errno, $error, 10);
    if (!$s) throw new RuntimeException("$name: cannot connect to " . $e["host"] . ":" . $e["port"] . ": $error");
    stream_set_timeout($s, 10);
    if ($name === "IMAP") {
        $greeting = line($s);
        preg_match_all("/AUTH=(\S+?)[\] ]/", $greeting, $m);
        if (pick($e["sasl"], $m[1]) !== "PLAIN") throw new RuntimeException("IMAP: not PLAIN");
        fwrite($s, "a1 AUTHENTICATE PLAIN $plain\r\n");
        $r = line($s);
        if (!str_starts_with($r, "a1 OK")) throw new RuntimeException("IMAP: $r");
        fwrite($s, "a2 LOGOUT\r\n");
    } elseif ($name === "SMTP") {
        if (!str_starts_with(line($s), "220 ")) throw new RuntimeException("SMTP: no 220");
        fwrite($s, "EHLO webmail\r\n");
        $offered = [];
        do { $r = line($s); if (preg_match("/^250.AUTH (.*)$/", $r, $m)) $offered = explode(" ", $m[1]); } while ($r[3] === "-");
        if (pick($e["sasl"], $offered) !== "PLAIN") throw new RuntimeException("SMTP: not PLAIN");
        fwrite($s, "AUTH PLAIN $plain\r\n");
        $r = line($s);
        if (!str_starts_with($r, "235 ")) throw new RuntimeException("SMTP: $r");
        fwrite($s, "QUIT\r\n");
        line($s);
    } else {
        $offered = [];
        do { $r = line($s); if (preg_match("/^\"SASL\" \"(.*)\"$/", $r, $m)) $offered = explode(" ", $m[1]); } while (!str_starts_with($r, "OK"));
        if (pick($e["sasl"], $offered) !== "PLAIN") throw new RuntimeException("Sieve: not PLAIN");
        fwrite($s, "AUTHENTICATE \"PLAIN\" \"$plain\"\r\n");
        $r = line($s);
        if (!str_starts_with($r, "OK")) throw new RuntimeException("Sieve: $r");
    }
    fclose($s);
    echo "$name ", $e["host"], ":", $e["port"], " signed in\n";
}
'
php -r "${client_php}" "${conf}" >"${TMP}/php.out" 2>&1 ||
  fail "PHP client:"$'\n'"$(cat "${TMP}/php.out")"$'\n'"stand-ins received:"$'\n'"$(cat "${TMP}/servers.log")"
wait "${servers_pid}" 2>/dev/null || true

if grep -q 'TLS handshake' "${TMP}/servers.log"; then fail "a TLS handshake reached a stand-in: $(cat "${TMP}/servers.log")"; fi
grep -q "^IMAP b'a1 AUTHENTICATE PLAIN " "${TMP}/servers.log" || fail "IMAP got no plaintext login: $(cat "${TMP}/servers.log")"
grep -q "^SMTP b'AUTH PLAIN " "${TMP}/servers.log" || fail "SMTP got no plaintext login: $(cat "${TMP}/servers.log")"
grep -q "^Sieve b'AUTHENTICATE \"PLAIN\" " "${TMP}/servers.log" || fail "Sieve got no plaintext login: $(cat "${TMP}/servers.log")"
note "ok: $(tr '\n' ';' <"${TMP}/php.out") all in plaintext"
