"""gunicorn settings, from the environment (docs/configuration.md)."""

import multiprocessing
import os

bind = os.environ.get("BIND", "0.0.0.0:8000")  # noqa: S104 - inside a container; compose publishes to loopback
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("WEB_THREADS", 2))
timeout = int(os.environ.get("WEB_TIMEOUT", 30))
graceful_timeout = 20
max_requests = 2000
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_ms": %(M)s, "agent": "%(a)s"}'
)
