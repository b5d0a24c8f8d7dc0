"""A real HTTP server on 127.0.0.1 standing in for an upstream (catalogue, statistics, iHanoi).

Tests set what it answers: JSON pages by cursor, a status, a delay longer than the client's
timeout, raw bytes. It records every request (path, query and headers) it received.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class UpstreamServer:
    def __init__(self):
        self.pages = {None: {"items": [], "next": None}}
        self.status = 200
        self.delay = 0.0
        self.raw = None
        # Statuses answered before the normal answer, one per request (to test retries).
        self.failures = []
        self.requests = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self):
        host, port = self._server.server_address
        return f"http://{host}:{port}/api/v1/thu-tuc"

    def serve(self, items, page_size=None):
        """Answer ``items`` in pages of ``page_size`` linked by ``next`` cursors."""
        size = page_size or max(len(items), 1)
        chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
        self.pages = {}
        for number, chunk in enumerate(chunks):
            cursor = None if number == 0 else f"trang-{number}"
            following = f"trang-{number + 1}" if number + 1 < len(chunks) else None
            self.pages[cursor] = {"items": chunk, "next": following}

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def _handler(self):
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the name http.server calls)
                query = parse_qs(urlparse(self.path).query)
                upstream.requests.append({"path": self.path, "headers": dict(self.headers)})
                if upstream.delay:
                    time.sleep(upstream.delay)
                if upstream.failures:
                    self._send(upstream.failures.pop(0), b"{}")
                    return
                if upstream.raw is not None:
                    self._send(upstream.status, upstream.raw)
                    return
                cursor = query.get("cursor", [None])[0]
                page = upstream.pages.get(cursor)
                if page is None:
                    self._send(404, b'{"error": "no such cursor"}')
                    return
                body = json.dumps(page, ensure_ascii=False).encode("utf-8")
                self._send(upstream.status, body)

            def _send(self, status, body):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, *args):
                pass

        return Handler
