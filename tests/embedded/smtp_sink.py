"""A one-connection SMTP server standing in for Postfix in the tests.

Usage: smtp_sink.py HOST PORTFILE LOGFILE
Binds HOST on a free port, writes the port number to PORTFILE, accepts one
connection, answers every command positively and writes the commands and the
message it receives to LOGFILE.
"""
import socket
import sys

host, port_file, log_file = sys.argv[1:4]
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind((host, 0))
server.listen(1)
with open(port_file, "w") as handle:
    handle.write(f"{server.getsockname()[1]}\n")
server.settimeout(60)
conn, _ = server.accept()
conn.settimeout(30)
stream = conn.makefile("rwb")
log = open(log_file, "w")


def reply(text):
    stream.write(text.encode() + b"\r\n")
    stream.flush()


reply("220 sink.test ESMTP")
while True:
    raw = stream.readline()
    if not raw:
        break
    command = raw.decode(errors="replace").rstrip("\r\n")
    log.write(command + "\n")
    log.flush()
    verb = command.split(" ", 1)[0].upper()
    if verb in ("EHLO", "HELO"):
        reply("250-sink.test")
        reply("250 8BITMIME")
    elif verb == "DATA":
        reply("354 end with <CRLF>.<CRLF>")
        while True:
            line = stream.readline()
            log.write(line.decode(errors="replace"))
            if line in (b".\r\n", b".\n", b""):
                break
        log.flush()
        reply("250 2.0.0 queued as TEST")
    elif verb == "QUIT":
        reply("221 bye")
        break
    else:
        reply("250 ok")
