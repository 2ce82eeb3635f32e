"""Stands in for Mailu admin's auth_http endpoint in the tests.

Usage: fake_admin.py HOST PORT LOGFILE
Every request is written to LOGFILE as one JSON object (path and headers)
and refused the way Mailu refuses a wrong password, so nginx answers the
mail client with an authentication error and no backend is needed.
"""
import http.server
import json
import sys

host, port, log_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with open(log_file, "a") as log:
            log.write(json.dumps({"path": self.path, "headers": dict(self.headers.items())}) + "\n")
        self.send_response(200)
        self.send_header("Auth-Status", "Authentication credentials invalid")
        protocol = self.headers.get("Auth-Protocol", "")
        code = {"smtp": "535 5.7.8", "imap": "AUTHENTICATIONFAILED", "pop3": "-ERR Authentication failed"}
        if protocol in code:
            self.send_header("Auth-Error-Code", code[protocol])
        self.send_header("Auth-Wait", "0")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


http.server.HTTPServer((host, port), Handler).serve_forever()
