"""Development: the demo ward on this machine (`make run`). Never use in production."""

from .base import *  # noqa: F403
from .env import ConfigError, env_bool, env_str

DEBUG = env_bool("DEBUG", True)
# A per-checkout development key; production refuses anything like it.
SECRET_KEY = env_str("SECRET_KEY") or "django-insecure-dev-only-" + str(BASE_DIR)  # noqa: F405
# The demo's further wards (`seed_demo --wards N`) answer at phuong-N.localhost; a leading dot
# allows localhost and every name under it (which resolve to this machine, RFC 6761).
if ".localhost" not in ALLOWED_HOSTS:  # noqa: F405
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, ".localhost"]  # noqa: F405
# Staff e-mails are written to files in var/mail/ (one per message) instead of being sent.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"  # noqa: F405
LOG_FORMAT = env_str("LOG_FORMAT", "text").lower()
if LOG_FORMAT not in ("json", "text"):
    raise ConfigError(f"LOG_FORMAT={LOG_FORMAT!r} must be json or text.")
LOGGING["handlers"]["stdout"]["formatter"] = LOG_FORMAT  # noqa: F405
# Serve static files straight from the source folders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
