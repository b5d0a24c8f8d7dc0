"""Production refuses to start on bad configuration, and start-up problems read as one line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k8Jm2vQx9Lp4Rt7Wz1Nc5Hb3Fd6Gs0Ay8Ue2Io4Pq7Vr1Xt3Zm5Kn9Lj6Hg2Df4Sa8"
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "phuong.example.gov.vn",
    "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "WAGTAILADMIN_BASE_URL": "https://phuong.example.gov.vn",
    "EMAIL_HOST": "smtp.example.gov.vn",
    "DEFAULT_FROM_EMAIL": "cong-thong-tin@phuong.example.gov.vn",
}


def manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    base.pop("DEBUG", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_djangos_deployment_checks():
    """Row 13 of section (b) of the reliability checklist."""
    done = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": "django-insecure-" + "x" * 60}, "SECRET_KEY is too weak"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY is too weak"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS must list"),
        ({"DATABASE_URL": ""}, "DATABASE_URL is not set"),
        ({"DATABASE_URL": "sqlite:///db.sqlite3"}, "DATABASE_URL must point at PostgreSQL"),
        ({"REDIS_URL": ""}, "REDIS_URL is not set"),
        ({"DEBUG": "1"}, "DEBUG is on"),
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"EMAIL_HOST": ""}, "EMAIL_HOST is not set"),
        (
            {"MEDIA_ROOT": "/srv/portal/media", "FEEDBACK_PHOTO_ROOT": "/srv/portal/media/anh"},
            "FEEDBACK_PHOTO_ROOT (/srv/portal/media/anh) is inside MEDIA_ROOT",
        ),
    ],
)
def test_production_refuses_to_start_naming_the_bad_value(override, message):
    done = manage("check", **{**PRODUCTION_ENV, **override})
    assert done.returncode == 1
    assert done.stderr.startswith("ERROR: configuration: ")
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_unreachable_database_at_start_up_is_one_clear_line():
    done = manage(
        "migrate",
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL="postgres://portal:secret-password@127.0.0.1:1/portal",
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "ERROR: cannot reach the postgresql database 'portal' at 127.0.0.1:1"
    )
    assert "secret-password" not in done.stderr
