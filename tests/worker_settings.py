"""Settings of the real Celery worker that tests/test_worker_crash.py starts: the test
settings, but tasks go through the broker and e-mail to the test's SMTP server."""

import os

from portal.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["WORKER_SMTP_PORT"])
EMAIL_USE_TLS = False
EMAIL_TIMEOUT = 60
