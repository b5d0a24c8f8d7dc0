"""A real HTTP server on 127.0.0.1 standing in for an upstream (catalogue, statistics, iHanoi).

Tests set what it answers: JSON pages by cursor, a status, a delay longer than the client's
timeout, raw bytes. It records every request (path, query and headers) it received.

An upstream that serves many wards answers per unit (``units``): the unit is read from the
``unit`` query parameter or from a ``/don-vi/<unit>/`` path segment (the two ways a ward's
feed is addressed, content.upstream.unit_url); each unit may have its own pages, status and
delay.
"""

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse

UNIT_SEGMENT = re.compile(r"/don-vi/([^/?]+)")


class UpstreamServer:
    def __init__(self):
        self.pages = {None: {"items": [], "next": None}}
        self.status = 200
        self.delay = 0.0
        self.raw = None
        # Statuses answered before the normal answer, one per request (to test retries).
        self.failures = []
        self.requests = []
        # {unit: {"pages": …, "status": …, "delay": …}}; a unit not listed gets the defaults.
        self.units = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self):
        host, port = self._server.server_address
        return f"http://{host}:{port}/api/v1/thu-tuc"

    @property
    def root(self):
        host, port = self._server.server_address
        return f"http://{host}:{port}"

    def serve_unit(self, unit, payload=None, *, items=None, page_size=None, status=200, delay=0.0):
        """What ``unit`` is answered: one ``payload`` (case statistics), or ``items`` in pages
        linked by cursors (iHanoi), with a status and a delay of its own."""
        if items is not None:
            size = page_size or max(len(items), 1)
            chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
            pages = {}
            for number, chunk in enumerate(chunks):
                cursor = None if number == 0 else f"trang-{number}"
                following = f"trang-{number + 1}" if number + 1 < len(chunks) else None
                pages[cursor] = {"items": chunk, "next": following}
        else:
            pages = {None: payload}
        self.units[unit] = {"pages": pages, "status": status, "delay": delay}

    @staticmethod
    def unit_of(path):
        """The unit a request asks for (query ``unit`` or ``/don-vi/<unit>/``), or None."""
        parsed = urlparse(path)
        unit = parse_qs(parsed.query).get("unit", [None])[0]
        if unit is None:
            match = UNIT_SEGMENT.search(parsed.path)
            unit = unquote(match.group(1)) if match else None
        return unit

    def requests_for(self, unit):
        return [r for r in self.requests if self.unit_of(r["path"]) == unit]

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
                unit = upstream.units.get(upstream.unit_of(self.path))
                if unit is not None:
                    self._answer_unit(unit, query)
                    return
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

            def _answer_unit(self, unit, query):
                if unit["delay"]:
                    time.sleep(unit["delay"])
                if unit["status"] != 200:
                    self._send(unit["status"], b'{"error": "upstream error"}')
                    return
                page = unit["pages"].get(query.get("cursor", [None])[0])
                if page is None:
                    self._send(404, b'{"error": "no such cursor"}')
                    return
                self._send(200, json.dumps(page, ensure_ascii=False).encode("utf-8"))

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
