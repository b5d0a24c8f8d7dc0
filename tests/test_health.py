"""/healthz: 200 when the database and cache answer, 503 naming what failed."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_healthy_when_database_and_cache_answer(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in ("status", "checks", "failed")} == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
        "failed": [],
    }
    # No backup has been verified in the empty test database: a warning, not a failure
    # (tests/test_backups.py).
    assert body["backup"]["state"] == "missing" and body["warnings"] == ["backup-missing"]
    assert "no-cache" in response["Cache-Control"]


def test_unhealthy_when_the_cache_is_unreachable(client, db, settings):
    # A real Redis client pointed at a closed port: the cache cannot answer.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    # Changing CACHES through the settings fixture makes Django drop its cache connections.
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.parametrize(
    "database_url", ["postgres://postgres@127.0.0.1:1/portal", "sqlite:////nonexistent/dir/db"]
)
def test_unhealthy_when_the_database_is_unreachable(database_url):
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "r = Client().get('/healthz')\n"
        "print(r.status_code, r.content.decode())\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url,
    }
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    status, body = done.stdout.strip().splitlines()[-1].split(" ", 1)
    assert status == "503"
    assert json.loads(body)["failed"] == ["database"]
