"""gunicorn settings, from the environment (docs/configuration.md)."""

import multiprocessing
import os

from portal.logformat import JSON_FORMATTER

bind = os.environ.get("BIND", "0.0.0.0:8000")  # noqa: S104 - inside a container; compose publishes to loopback
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
threads = int(os.environ.get("WEB_THREADS", 2))
timeout = int(os.environ.get("WEB_TIMEOUT", 30))
graceful_timeout = 20
max_requests = 2000
# Import the project once, in the master, before forking: a new worker (at start, and after
# every max_requests restart) answers its first request without the ~0.3 s import, and the
# workers share the imported code's memory. Nothing opens a connection at import time; each
# worker opens its own database and Redis connections on first use. WEB_PRELOAD=0 turns it off
# (for example to reload code with a HUP).
preload_app = os.environ.get("WEB_PRELOAD", "1") != "0"
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
# Plain fields inside each JSON log line (python-json-logger escapes them); no client address.
access_log_format = "%(m)s %(U)s %(s)s %(B)s %(M)sms"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": JSON_FORMATTER,
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    # gunicorn's defaults name a "console" handler for the root logger; that handler is
    # replaced above, so the root logger must be given one that exists (issue 22).
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}
