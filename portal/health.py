"""The health check: can this process reach its database and cache? It also tells whether the
last verified backup is recent (content/backups.py), as a warning that never fails it."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("value written to the cache could not be read back")
    cache.delete(key)


CHECKS = {"database": check_database, "cache": check_cache}


def backup_report():
    """The restore check's state; a warning only: a stale backup does not make this web
    process unhealthy (a monitor restarting it would not help)."""
    from content.backups import backup_status

    try:
        return backup_status().as_json()
    except Exception as exc:  # the database check reports the database itself
        logger.warning("backup status unavailable", extra={"error": str(exc)})
        return {"state": "unknown", "verified_dump_at": None, "checked_at": None}


@never_cache
@require_GET
def healthz(request):
    """200 with {"status": "ok", ...} when every check passes, else 503 naming what failed.
    ``backup`` and ``warnings`` tell about the backups without changing the status."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # any failure of a dependency makes the process unhealthy
            logger.warning("health check failed", extra={"check": name, "error": str(exc)})
            results[name] = "error"
        else:
            results[name] = "ok"
    failed = [name for name, state in results.items() if state != "ok"]
    backup = backup_report()
    body = {
        "status": "error" if failed else "ok",
        "checks": results,
        "failed": failed,
        "backup": backup,
        "warnings": [] if backup["state"] == "ok" else [f"backup-{backup['state']}"],
    }
    return JsonResponse(body, status=503 if failed else 200)
