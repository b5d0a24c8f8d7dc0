"""The one JSON log line format of the web processes, the workers and gunicorn.

Used by ``LOGGING`` in portal/settings/base.py and by portal/gunicorn.conf.py, so that every
line on stdout reads the same: ``{"time": "2026-12-06T08:00:00+0700", "level": ..., "logger":
..., "message": ...}`` (docs/operations.md, "Logs")."""

JSON_FORMATTER = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
    "datefmt": "%Y-%m-%dT%H:%M:%S%z",
    "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
}
