"""Logs go to stdout as one JSON object per line (the default outside development)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_log_records_are_json_lines_on_stdout():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "LOG_FORMAT": "json"}
    env.pop("DATABASE_URL", None)
    code = "import logging; logging.getLogger('portal.test').warning('Đã nhận hồ sơ')"
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout.strip().splitlines()[-1])
    assert record["message"] == "Đã nhận hồ sơ"
    assert record["level"] == "WARNING"
    assert record["logger"] == "portal.test"
    assert "time" in record


def test_an_unknown_log_format_is_a_one_line_configuration_error():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "LOG_FORMAT": "xml"}
    done = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == "ERROR: configuration: LOG_FORMAT='xml' must be json or text."
