"""Production: refuses to start on a missing or unsafe value, naming it."""

from .base import *  # noqa: F403
from .env import ConfigError, env_bool, env_int, require

DEBUG = env_bool("DEBUG", False)
if DEBUG:
    raise ConfigError("DEBUG is on; production must run with DEBUG=0.")

SECRET_KEY = require("SECRET_KEY")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure"):
    raise ConfigError(
        "SECRET_KEY is too weak: use at least 50 random characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")  # noqa: F405
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ConfigError("ALLOWED_HOSTS must list the portal's host names (no '*').")

if not env_str("DATABASE_URL"):  # noqa: F405
    raise ConfigError("DATABASE_URL is not set; production runs on PostgreSQL.")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":  # noqa: F405
    raise ConfigError("DATABASE_URL must point at PostgreSQL (postgres://…) in production.")
if not REDIS_URL:  # noqa: F405
    raise ConfigError("REDIS_URL is not set; production needs Redis for the cache and jobs.")

# Citizens' photos are personal data, served only by the feedback views: never inside
# MEDIA_ROOT, where a front or bucket serving /media/ wholesale would publish them.
if FEEDBACK_PHOTO_ROOT.resolve().is_relative_to(MEDIA_ROOT.resolve()):  # noqa: F405
    raise ConfigError(
        f"FEEDBACK_PHOTO_ROOT ({FEEDBACK_PHOTO_ROOT}) is inside MEDIA_ROOT ({MEDIA_ROOT}); "  # noqa: F405
        "keep citizens' photos outside the media folder."
    )

WAGTAILADMIN_BASE_URL = require("WAGTAILADMIN_BASE_URL")
EMAIL_HOST = require("EMAIL_HOST")
DEFAULT_FROM_EMAIL = require("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# HTTPS everywhere; the reverse proxy sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Django's CSRF middleware is there, as its subclass portal.caching.OriginCsrfMiddleware
# (anonymous forms checked by Origin, so that cached pages carry no per-visitor token; signed-in
# requests keep the token check). The check looks for the exact class name only.
SILENCED_SYSTEM_CHECKS = ["security.W003"]
if not SECURE_HSTS_PRELOAD:
    # Joining the browsers' preload list is the domain owner's decision, made once for the
    # whole domain; until then the warning that preload is off is expected.
    SILENCED_SYSTEM_CHECKS.append("security.W021")

# Every member of staff signs in with two factors (staffauth; docs/configuration.md).
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED", True)

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
