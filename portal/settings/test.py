"""The test suite. DATABASE_URL and REDIS_URL are honoured so CI runs on PostgreSQL and Redis."""

import os
import re

# Under pytest-xdist each worker has its own test database (pytest-django adds a suffix) and
# must have its own Redis database too: tests empty the cache with cache.clear(), which
# flushes a whole Redis database. Worker gwN uses the configured database number + N.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and os.environ.get("REDIS_URL"):
    _url = os.environ["REDIS_URL"]
    _match = re.search(r"/(\d+)$", _url)
    _db = (int(_match[1]) if _match else 0) + int(_worker[2:])
    os.environ["REDIS_URL"] = (_url[: _match.start()] if _match else _url.rstrip("/")) + f"/{_db}"

from .base import *  # noqa: E402, F403
from .env import ConfigError, env_str  # noqa: E402

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
LOG_FORMAT = env_str("LOG_FORMAT", "text").lower()
if LOG_FORMAT not in ("json", "text"):
    raise ConfigError(f"LOG_FORMAT={LOG_FORMAT!r} must be json or text.")
LOGGING["handlers"]["stdout"]["formatter"] = LOG_FORMAT  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
if REDIS_URL:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = "portal-test"  # noqa: F405
# Jobs run in the test process; tests of the queue itself override this.
CELERY_TASK_ALWAYS_EAGER = True
# Serve static files straight from the source folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file rather than memory: the suite keeps a copy of each seeded test database and copies
    # it back after a test that committed (tests/db_states.py). pytest-xdist adds _gwN.
    (BASE_DIR / "var").mkdir(exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test-db.sqlite3")}  # noqa: F405
