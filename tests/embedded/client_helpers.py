"""Helpers shared by the tests' Python clients.

Imported by proxy_smtp_client.py (beside it) and by the clients of
front_wrapper_nginx_runtime.sh, front_wrapper_proxy_protocol.sh and
front_wrapper_tls_at_front.sh, which front_client in lib.sh runs with this
directory on PYTHONPATH: PROXY protocol v2 headers as Traefik sends them,
waiting for listeners, and the requests fake_admin.py logs (one JSON object
a line).
"""
import json
import socket
import struct
import time

# The twelve bytes every PROXY protocol v2 header starts with.
SIGNATURE = b"\r\n\r\n\x00\r\nQUIT\n"


def proxy_v2_header(client_ip, server_ip=None, client_port=40025, server_port=25):
    """A PROXY v2 header: version 2, PROXY command, TCP over IPv4 (12 address
    bytes) or IPv6 (36), by client_ip's family; server_ip must be of the same
    family and defaults to 10.42.0.25 or 2001:db8::25."""
    if ":" in client_ip:
        family, family_byte, default_server = socket.AF_INET6, 0x21, "2001:db8::25"
    else:
        family, family_byte, default_server = socket.AF_INET, 0x11, "10.42.0.25"
    addresses = socket.inet_pton(family, client_ip) + socket.inet_pton(family, server_ip or default_server)
    addresses += struct.pack("!HH", client_port, server_port)
    return SIGNATURE + bytes([0x21, family_byte]) + struct.pack("!H", len(addresses)) + addresses


def wait_for(host, *ports):
    """Waits up to about 10 s for each port on host to take connections."""
    for port in ports:
        for _ in range(100):
            try:
                socket.create_connection((host, port), 1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit(f"nothing listens on {host}:{port}")


def requests(log_file):
    """The requests fake_admin.py has logged to log_file since it was last
    cleared, oldest first."""
    try:
        with open(log_file) as handle:
            return [json.loads(line) for line in handle.read().splitlines()]
    except FileNotFoundError:
        return []


def clear_requests(log_file):
    open(log_file, "w").close()


def last_request(log_file):
    """Waits up to 5 s for a request to the fake admin service; returns the
    last one and clears the log, so that the next call sees only newer ones."""
    for _ in range(50):
        found = requests(log_file)
        if found:
            clear_requests(log_file)
            return found[-1]
        time.sleep(0.1)
    raise SystemExit("the admin service was not asked")


def silent_without_header(host, port):
    """A listener that requires a PROXY header, connected to without one:
    a client that speaks first is cut off without an answer, and one that
    waits for the greeting gets none."""
    sock = socket.create_connection((host, port), 5)
    sock.sendall(b"EHLO client.test\r\n")
    sock.settimeout(5)
    try:
        data = sock.recv(1024)
    except ConnectionResetError:
        data = b""
    assert data == b"", f"port {port} answered a connection without a PROXY header: {data!r}"
    sock.close()
    sock = socket.create_connection((host, port), 5)
    sock.settimeout(1)
    try:
        data = sock.recv(1024)
        raise SystemExit(f"port {port} sent {data!r} before any PROXY header")
    except socket.timeout:
        pass
    sock.close()
