"""An SMTP client for the tests of Postfix's PROXY protocol listener.

Usage:
  proxy_smtp_client.py proxied HOST PORT CLIENT_IP
      Sends a PROXY protocol v2 header, as Traefik does, that names CLIENT_IP
      as the client, then EHLO and QUIT. Succeeds when the server greets with
      220 and answers EHLO with 250.
  proxy_smtp_client.py direct HOST PORT
      An ordinary SMTP session (no PROXY header): succeeds on a 220 greeting
      and a 250 answer to EHLO.
  proxy_smtp_client.py plain HOST PORT
      Connects like an ordinary SMTP client, without a PROXY header, and waits
      for the greeting. Succeeds when no 220 greeting comes (the server closes
      the connection, answers with an error, or says nothing).
  proxy_smtp_client.py limit HOST PORT CLIENT_IP COUNT
      Opens COUNT proxied connections from CLIENT_IP and keeps them open; each
      must be greeted with 220. Then one more must be turned away with 421.
  proxy_smtp_client.py relay HOST PORT CLIENT_IP refused|accepted
      A proxied session from CLIENT_IP asking to relay to a foreign domain;
      succeeds when RCPT gets a 5xx (refused) or 250 (accepted).

Every wait is bounded (WAIT seconds). Prints what the server says.
"""
import socket
import sys

# Run as a script, its directory is on sys.path: client_helpers.py is beside it.
from client_helpers import proxy_v2_header

WAIT = 12  # longer than Postfix's smtpd_upstream_proxy_timeout (5s)


def connect(host, port):
    conn = socket.create_connection((host, int(port)), timeout=WAIT)
    conn.settimeout(WAIT)
    return conn, conn.makefile("rb")


def reply(stream):
    """One (possibly multi-line) SMTP reply as text, or '' when closed."""
    lines = []
    while True:
        line = stream.readline().decode(errors="replace")
        print(f"S: {line.rstrip()}")
        if not line:
            return "".join(lines)
        lines.append(line)
        if line[3:4] != "-":
            return "".join(lines)


def session(conn, stream, header=None):
    """Greeting, EHLO and QUIT; a problem or None."""
    if header:
        conn.sendall(header)
    greeting = reply(stream)
    if not greeting.startswith("220"):
        return f"no 220 greeting: {greeting!r}"
    conn.sendall(b"EHLO client.test\r\n")
    ehlo = reply(stream)
    if not ehlo.startswith("250"):
        return f"EHLO was not accepted: {ehlo!r}"
    conn.sendall(b"QUIT\r\n")
    reply(stream)
    conn.close()
    return None


def proxied(host, port, client_ip):
    return session(*connect(host, port), proxy_v2_header(client_ip))


def direct(host, port):
    return session(*connect(host, port))


def plain(host, port):
    conn, stream = connect(host, port)
    try:
        greeting = reply(stream)
    except (socket.timeout, ConnectionResetError) as error:
        print(f"no reply: {error!r}")
        return None
    finally:
        conn.close()
    if greeting.startswith("220"):
        return f"greeted without a PROXY header: {greeting!r}"
    return None


def relay(host, port, client_ip, expected):
    """Asks to relay to a domain that is not the server's, as client_ip;
    expected: "refused" (a 5xx to RCPT) or "accepted" (250)."""
    conn, stream = connect(host, port)
    conn.sendall(proxy_v2_header(client_ip))
    if not reply(stream).startswith("220"):
        return "no 220 greeting"
    for command in (b"EHLO client.test\r\n", b"MAIL FROM:<sender@example.org>\r\n"):
        conn.sendall(command)
        answer = reply(stream)
        if not answer.startswith("250"):
            return f"{command!r} was answered {answer!r}"
    conn.sendall(b"RCPT TO:<someone@elsewhere.example>\r\n")
    answer = reply(stream)
    conn.sendall(b"QUIT\r\n")
    reply(stream)
    conn.close()
    if expected == "refused" and not answer.startswith("5"):
        return f"relaying for {client_ip} was not refused: {answer!r}"
    if expected == "accepted" and not answer.startswith("250"):
        return f"relaying for {client_ip} was not accepted: {answer!r}"
    return None


def limit(host, port, client_ip, count):
    held = []
    try:
        for number in range(1, count + 1):
            conn, stream = connect(host, port)
            held.append(conn)
            conn.sendall(proxy_v2_header(client_ip, client_port=40000 + number))
            greeting = reply(stream)
            if not greeting.startswith("220"):
                return f"connection {number} of {count} was not greeted: {greeting!r}"
        conn, stream = connect(host, port)
        held.append(conn)
        conn.sendall(proxy_v2_header(client_ip, client_port=41000))
        refused = reply(stream)
        if not refused.startswith("421"):
            return f"connection {count + 1} was not refused with 421: {refused!r}"
        return None
    finally:
        for conn in held:
            conn.close()


def main(argv):
    mode, args = argv[1], argv[2:]
    try:
        if mode == "proxied":
            problem = proxied(*args)
        elif mode == "direct":
            problem = direct(*args)
        elif mode == "plain":
            problem = plain(*args)
        elif mode == "relay":
            problem = relay(*args)
        elif mode == "limit":
            problem = limit(args[0], args[1], args[2], int(args[3]))
        else:
            problem = f"unknown mode {mode}"
    except (OSError, ValueError) as error:
        problem = f"{mode}: {error!r}"
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
