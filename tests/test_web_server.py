"""`make web` serves the demo ward through gunicorn with portal/gunicorn.conf.py (issue 22).

Nothing else in the suite starts gunicorn with that file, and once it did not start at all
(``Unable to configure root logger``), so this starts the real thing: `make web` on a free
loopback port, against this test's database (the committed demo ward), and reads what it
answers and what it logs.
"""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from .test_startup import PRODUCTION_ENV

ROOT = Path(__file__).resolve().parent.parent
ISO_TIME = "%Y-%m-%dT%H:%M:%S%z"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def get(url, **headers):
    """(status, body) of a GET, redirects not followed."""
    request = urllib.request.Request(url, headers={"Host": "phuong.example.gov.vn", **headers})
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class WebServer:
    """`make web` in its own process group, stopped (and its log read) on exit."""

    def __init__(self, env, log_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.env = {**env, "BIND": f"127.0.0.1:{self.port}", "WEB_CONCURRENCY": "1"}

    def __enter__(self):
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(
            ["make", "--no-print-directory", "web"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"make web exited with {self.process.returncode}:\n{self.output()}")
            try:
                if get(f"{self.url}/healthz")[0] in (200, 503):
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        pytest.fail(f"make web did not answer within 90 s:\n{self.output()}")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log.close()

    def output(self):
        self.log.flush()
        return Path(self.log_path).read_text()

    def log_lines(self):
        """Every line the server wrote, read as JSON (a line that is not fails the test)."""
        lines = [line for line in self.output().splitlines() if line.strip()]
        records = []
        for line in lines:
            if line.startswith(("/", "make", ".venv/bin/python", "exec ")):
                continue  # make echoing its recipe
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                pytest.fail(f"not a JSON log line: {line!r}")
        return records


def environment(tmp_path, **overrides):
    keep = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k != "DEBUG"}
    for name in ("DJANGO_SETTINGS_MODULE", "PYTEST_XDIST_WORKER", "PORTAL_REQUIRE_SERVICES"):
        keep.pop(name, None)
    return {
        **keep,
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DATABASE_URL": database_url(),
        "ALLOWED_HOSTS": "phuong.example.gov.vn",
        **overrides,
    }


def assert_serves_the_ward(server):
    status, body = get(f"{server.url}/healthz")
    assert status == 200, body
    assert json.loads(body)["status"] == "ok"
    status, body = get(f"{server.url}/", **{"X-Forwarded-Proto": "https"})
    assert status == 200
    assert "Từ Liêm" in body
    assert "/static/" in body


def assert_json_logs(server):
    time.sleep(0.5)  # the access line is written after the response
    records = server.log_lines()
    assert records, server.output()
    for record in records:
        assert {"time", "level", "logger", "message"} <= record.keys(), record
        time.strptime(record["time"][:19], ISO_TIME[:17])  # an ISO date and time
        assert record["time"][10] == "T"
    loggers = {record["logger"] for record in records}
    assert "gunicorn.error" in loggers
    assert any("Listening at" in r["message"] for r in records if r["logger"] == "gunicorn.error")
    access = [r["message"] for r in records if r["logger"] == "gunicorn.access"]
    assert any(message.startswith("GET /healthz 200") for message in access), access
    assert any(message.startswith("GET / 200") for message in access), access


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql") or not settings.REDIS_URL,
    reason="production settings run only on PostgreSQL and Redis",
)
def test_make_web_serves_the_ward_with_production_settings(transactional_db, demo_ward, tmp_path):
    env = environment(tmp_path, **{**PRODUCTION_ENV, "DATABASE_URL": database_url()})
    env["REDIS_URL"] = settings.REDIS_URL
    env.pop("DJANGO_SETTINGS_MODULE")  # `make web` chooses the production settings itself
    with WebServer(env, tmp_path / "web.log") as server:
        assert_serves_the_ward(server)
        # Plain HTTP is sent to HTTPS (the front ends TLS), /healthz excepted.
        status, _ = get(f"{server.url}/thu-tuc-hanh-chinh/")
        assert status == 301
        assert_json_logs(server)


def test_make_web_serves_the_ward_with_the_settings_it_is_given(
    transactional_db, demo_ward, tmp_path
):
    env = environment(tmp_path, DJANGO_SETTINGS_MODULE="portal.settings.dev", LOG_FORMAT="json")
    env.pop("REDIS_URL", None)
    with WebServer(env, tmp_path / "web.log") as server:
        assert_serves_the_ward(server)
        assert_json_logs(server)


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql") or not settings.REDIS_URL,
    reason="production settings run only on PostgreSQL and Redis",
)
def test_row_19_gunicorn_on_production_settings_serves_renditions_only(
    transactional_db, demo_ward, tmp_path
):
    """What an attacker reached on a clone: gunicorn itself (no front) served original images
    and document files straight from MEDIA_ROOT, skipping Wagtail's document view."""
    env = environment(tmp_path, **{**PRODUCTION_ENV, "DATABASE_URL": database_url()})
    env["REDIS_URL"] = settings.REDIS_URL
    env.pop("DJANGO_SETTINGS_MODULE")
    media = tmp_path / "media"
    for path, data in (
        ("original_images/goc.jpg", b"original"),
        ("documents/noi-bo.pdf", b"%PDF-1.4 noi bo"),
        ("images/goc.fill-60x45.jpg", b"rendition"),
    ):
        (media / path).parent.mkdir(parents=True, exist_ok=True)
        (media / path).write_bytes(data)
    https = {"X-Forwarded-Proto": "https"}
    with WebServer(env, tmp_path / "web.log") as server:
        for path in (
            "/media/original_images/goc.jpg",
            "/media/documents/noi-bo.pdf",
            "/media/images/../documents/noi-bo.pdf",
            "/media/images/%2e%2e/original_images/goc.jpg",
        ):
            assert get(f"{server.url}{path}", **https)[0] == 404, path
        assert get(f"{server.url}/media/images/goc.fill-60x45.jpg", **https)[0] == 200
