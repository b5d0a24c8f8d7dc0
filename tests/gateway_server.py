"""A real HTTP server on 127.0.0.1 standing in for an SMS or Zalo ZNS gateway: it records each
POST (path, headers, JSON body) and answers ``status``. It can be stopped and started again
on the same port, as a gateway that goes down and comes back."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class GatewayServer:
    def __init__(self, port=0):
        self.status = 200
        self.requests = []
        self.port = port
        self._server = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/gui-tin"

    def start(self):
        ThreadingHTTPServer.allow_reuse_address = True
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def _handler(self):
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (the name http.server calls)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                gateway.requests.append(
                    {
                        "path": self.path,
                        "headers": dict(self.headers),
                        "json": json.loads(body or b"null"),
                    }
                )
                answer = b'{"ok": true}'
                self.send_response(gateway.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        return Handler
