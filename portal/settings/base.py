"""Settings shared by every environment. Values that vary come from the environment (env.py)."""

import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF

from ..error_style import ERROR_CSS_HASH
from ..logformat import JSON_FORMATTER
from .env import ConfigError, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Our apps first so that their templates and static files win.
    "content",
    "tthc",
    "governance",
    "feedback",
    "open311",
    "society",
    "business",
    "dashboard",
    "sitesearch",
    # The portal's own management commands (portal/management/commands/: migrate).
    "portal",
    "staffauth",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Django's own widget templates for the project's template engine (FORM_RENDERER below).
    "django.forms",
    # Enables the PostgreSQL search backend and lookups; inert on SQLite.
    "django.contrib.postgres",
    # Staff sign-in (staffauth): second factors and throttled sign-in.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy, public or admin (portal/csp.py).
    "portal.csp.PortalCSPMiddleware",
    # Outside the rest, so it sees every cookie they set (portal/caching.py).
    "portal.caching.CachePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public requests with a NUL or another control character stop here (portal/public_input.py).
    "portal.public_input.ControlCharacterMiddleware",
    # A view that cannot reach the database answers 503; a report sent then is kept on disk.
    "portal.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware, which refuses hosts not in ALLOWED_HOSTS.
    "content.page_parts.KeptSiteMiddleware",
    "portal.caching.OriginCsrfMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second step.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions' limits, then the second step on every admin URL (staffauth).
    "staffauth.middleware.StaffSessionMiddleware",
    "staffauth.middleware.SecondFactorMiddleware",
    # Wagtail's admin URLs that name a page or objects of another ward answer 404 (content/scoping.py).
    "content.scoping.WardAdminMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its page.
    "axes.middleware.AxesMiddleware",
]
# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Widgets render with the project's templates, so that templates/wagtailadmin/ can put the admin's
# CSP nonce on the inline scripts of Wagtail's date and time pickers (portal/csp.py).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Data stores -----------------------------------------------------------------------------
# DATABASE_URL points at PostgreSQL in production and CI; unset, a SQLite file serves the demo.
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
try:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
except ValueError as exc:
    raise ConfigError(f"DATABASE_URL is not a valid database URL: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["connect_timeout"] = env_int("DB_CONNECT_TIMEOUT", 5)
    # PostgreSQL's default random_page_cost (4) assumes spinning disks: on the SSDs every
    # server has now, it makes the planner read the whole search index table, large bodies
    # and all, rather than use its GIN index (30 ms instead of 6 for a broad query at 5,700
    # pages; docs/operations.md). Set for the portal's own connections; empty: the server's.
    _page_cost = env_str("DB_RANDOM_PAGE_COST", "1.1")
    if _page_cost:
        try:
            _options["options"] = f"-c random_page_cost={float(_page_cost)}"
        except ValueError:
            raise ConfigError(f"DB_RANDOM_PAGE_COST={_page_cost!r} is not a number.") from None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# `manage.py migrate` on PostgreSQL gives up waiting for a lock, and stops a statement, after
# these (PostgreSQL durations: 5s, 1min; 0 for none): a migration must never queue the live
# site's queries behind it for long (portal/management/commands/migrate.py).
MIGRATE_LOCK_TIMEOUT = env_str("MIGRATE_LOCK_TIMEOUT", "5s")
MIGRATE_STATEMENT_TIMEOUT = env_str("MIGRATE_STATEMENT_TIMEOUT", "60s")
for _name, _value in (
    ("MIGRATE_LOCK_TIMEOUT", MIGRATE_LOCK_TIMEOUT),
    ("MIGRATE_STATEMENT_TIMEOUT", MIGRATE_STATEMENT_TIMEOUT),
):
    if not re.fullmatch(r"\d+\s*(us|ms|s|min|h|d)?", _value):
        raise ConfigError(f"{_name}={_value!r} is not a PostgreSQL duration (e.g. 5s, 1min, 0).")

# REDIS_URL serves the cache and the Celery broker; unset, a local-memory cache is used and
# Celery runs tasks eagerly in the calling process.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "portal"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery --------------------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged once it has run, and put back on the queue when the process running
# it dies (kill -9, out of memory): without the second, Celery acknowledges a task whose worker
# was killed, and it is lost. Every task is therefore safe to run twice (tests/test_jobs.py).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
# Workers log through Django's LOGGING (JSON lines) rather than Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Periodic jobs; each entry calls a task that a management command also runs (docs/operations.md).
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled-pages": {
        "task": "content.tasks.publish_scheduled_pages",
        "schedule": 120.0,
    },
    "send-review-reminders": {
        "task": "content.tasks.send_review_reminders",
        "schedule": 6 * 3600.0,
    },
    "feedback-write-spooled-reports": {
        "task": "feedback.tasks.write_spooled_reports",
        "schedule": 60.0,
    },
    "feedback-drain-outbox": {
        "task": "feedback.tasks.drain_outbox",
        "schedule": 60.0,
    },
    "feedback-sweep-notifications": {
        "task": "feedback.tasks.sweep_notifications",
        "schedule": 300.0,
    },
    "feedback-anonymise-expired": {
        "task": "feedback.tasks.anonymise_expired",
        "schedule": crontab(hour=3, minute=30),
    },
    "feedback-sync-ihanoi": {
        "task": "feedback.tasks.sync_ihanoi",
        "schedule": 3600.0,
    },
    "sync-procedures": {
        "task": "tthc.tasks.sync_procedures",
        "schedule": crontab(hour=2, minute=15),
    },
    # The dashboard's sources (docs/dashboard.md, "Sources").
    "dashboard-pull-case-stats": {
        "task": "dashboard.tasks.pull_case_stats",
        "schedule": crontab(hour=1, minute=45),
    },
    "dashboard-compute-feedback-stats": {
        "task": "dashboard.tasks.compute_feedback_stats",
        "schedule": crontab(minute=50),
    },
    "dashboard-compute-portal-stats": {
        "task": "dashboard.tasks.compute_portal_stats",
        "schedule": crontab(hour=1, minute=15),
    },
    "rebuild-search-index": {
        "task": "sitesearch.tasks.rebuild_search_index",
        "schedule": crontab(hour=3, minute=30),
    },
    # Backups that prove themselves (content/backups.py, docs/operations.md).
    "backup": {"task": "content.tasks.backup", "schedule": crontab(hour=0, minute=30)},
    "verify-backup": {"task": "content.tasks.verify_backup", "schedule": crontab(hour=1, minute=0)},
}

# --- Backups (content/backups.py, docs/operations.md "Backup and restore") ---------------------
# Where `make backup` and the nightly job write their sets, and how many sets stay there.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "var" / "backups")))
BACKUP_KEEP = env_int("BACKUP_KEEP", 14)
# The scratch database the restore check creates and drops (default: <database>_restore_check).
BACKUP_CHECK_DATABASE = env_str("BACKUP_CHECK_DATABASE", "")
# Older than this, the last verified backup is reported on the admin home and by /healthz.
BACKUP_MAX_AGE_HOURS = env_int("BACKUP_MAX_AGE_HOURS", 26)
BACKUP_TIMEOUT = env_int("BACKUP_TIMEOUT", 3600)
# Tables whose counts the check also holds against the live database.
BACKUP_MAIN_TABLES = [
    "wagtailcore.Page",
    "wagtailcore.Revision",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "auth.User",
    "content.Place",
    "feedback.FeedbackReport",
    "tthc.Procedure",
]

# --- Language and time ------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Day-first input formats, matching the admin's date pickers (portal/formats/vi/formats.py).
FORMAT_MODULE_PATH = ["portal.formats"]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]

# --- Static and media files ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site root (/favicon.ico), served by WhiteNoise (bin/build_icons.py).
WHITENOISE_ROOT = BASE_DIR / "portal" / "root_files"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Serve uploads from Django unless a proxy or object storage does (docs/operations.md).
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- E-mail -----------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "cong-thong-tin@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security that holds everywhere ------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's preview views set SAMEORIGIN for themselves; everything else refuses framing.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Paths whose input is not checked for control characters: the admin's forms do their own
# (portal/public_input.py).
PUBLIC_INPUT_EXEMPT_PREFIXES = ("/admin/",)
# A public request declaring a larger body is refused (413) before it is read: the report
# form's photos and text fit within (portal/public_input.py).
PUBLIC_MAX_BODY = 5 * 10 * 1024 * 1024 + 4 * 1024 * 1024
# The Content-Security-Policy of public pages (portal/csp.py; the admin's differs in a few
# directives). One policy for every visitor, without a nonce, since the front caches the pages:
# scripts and styles only from files of the portal, no inline script, handler or style attribute.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # The standalone 400/500/503 pages' one inline style, by its hash (portal/error_style.py).
        "style-src": [SELF, ERROR_CSS_HASH],
        # The hot spot map's tiles (templates/society/hot_spot_page.html).
        "img-src": [SELF, "data:", "https://tile.openstreetmap.org"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Staff avatars are not fetched from Gravatar (a third party told who works in the admin).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- The caching front (portal/caching.py, docs/operations.md) -----------------------------------
# How long the front keeps an anonymous page (purged on publish, so this only bounds what a
# missed purge can cost) and how long a browser may reuse it without asking.
FRONT_CACHE_S_MAXAGE = env_int("FRONT_CACHE_S_MAXAGE", 600)
FRONT_CACHE_MAX_AGE = env_int("FRONT_CACHE_MAX_AGE", 30)
# Paths no cache may keep, whoever asks.
FRONT_CACHE_NEVER_PREFIXES = ("/admin/", "/q/", "/healthz")
# Where the front takes PURGE requests (nginx's cache-purge location); unset, no purge is sent.
FRONT_CACHE_PURGE_URL = env_str("FRONT_CACHE_PURGE_URL")
# The front's cache folder, readable by the portal: wildcard purges (a listing's sub-paths, a
# whole ward) look up the cached keys there (content/front_purge.py).
FRONT_CACHE_DIR = env_str("FRONT_CACHE_DIR")
if FRONT_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "front": {
            "BACKEND": "content.front_purge.NginxFrontBackend",
            "LOCATION": FRONT_CACHE_PURGE_URL,
            "CACHE_DIR": FRONT_CACHE_DIR,
        }
    }
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Wagtail -----------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Cổng thông tin điện tử phường")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Upstreams (docs/integrations.md): every call has a timeout and a few retries with backoff.
UPSTREAM_TIMEOUT = env_int("UPSTREAM_TIMEOUT", 20)
UPSTREAM_RETRIES = env_int("UPSTREAM_RETRIES", 3)
UPSTREAM_BACKOFF = float(env_str("UPSTREAM_BACKOFF", "2"))
TTHC_CATALOGUE_URL = env_str("TTHC_CATALOGUE_URL")
TTHC_CATALOGUE_TOKEN = env_str("TTHC_CATALOGUE_TOKEN")
# A catalogue that would mark more procedures not in force than this share of those in force
# (but always allowing TTHC_SYNC_WITHDRAW_FLOOR) is refused until a person confirms it: a
# truncated feed must not withdraw the catalogue (tthc/sync.py, docs/procedures.md).
try:
    TTHC_SYNC_MAX_WITHDRAW_SHARE = float(env_str("TTHC_SYNC_MAX_WITHDRAW_SHARE", "0.1"))
except ValueError:
    raise ConfigError("TTHC_SYNC_MAX_WITHDRAW_SHARE must be a number from 0 to 1.") from None
if not 0 <= TTHC_SYNC_MAX_WITHDRAW_SHARE <= 1:
    raise ConfigError("TTHC_SYNC_MAX_WITHDRAW_SHARE must be a number from 0 to 1.")
TTHC_SYNC_WITHDRAW_FLOOR = env_int("TTHC_SYNC_WITHDRAW_FLOOR", 3)
# The ward's case statistics on the national portal (dashboard/sources/cases.py).
CASE_STATS_URL = env_str("CASE_STATS_URL")
CASE_STATS_TOKEN = env_str("CASE_STATS_TOKEN")

# Working time for deadlines (feedback/deadlines.py): office periods, and extra days off
# (ISO dates, comma-separated) the `holidays` package does not know, such as a ward's own.
WORKING_HOURS = env_str("WORKING_HOURS", "07:30-11:30,13:00-17:00")
EXTRA_HOLIDAYS = env_list("EXTRA_HOLIDAYS")
# Feedback (docs/feedback.md): the consent notice version, photo limits, rate limit, retention.
FEEDBACK_CONSENT_VERSION = env_str("FEEDBACK_CONSENT_VERSION", "2026-01")
FEEDBACK_MAX_PHOTOS = 5
FEEDBACK_MAX_PHOTO_BYTES = 10 * 1024 * 1024
FEEDBACK_MAX_PHOTO_PIXELS = 40_000_000
FEEDBACK_PHOTO_MAX_SIDE = 2000
FEEDBACK_RATE_LIMIT = env_int("FEEDBACK_RATE_LIMIT", 5)
# The reverse proxies whose X-Forwarded-For is believed (portal/proxies.py: rate limits per
# citizen, sign-in lockouts); the same variable tells gunicorn whom to trust
# (portal/gunicorn.conf.py).
TRUSTED_PROXIES = env_list("FORWARDED_ALLOW_IPS", ["127.0.0.1"])
FEEDBACK_RATE_WINDOW = env_int("FEEDBACK_RATE_WINDOW", 3600)
# Look-ups by tracking code that could be guesses (an unknown code, or an old counting-up one)
# per client per window; a citizen's own new code is never counted (feedback/ratelimit.py).
FEEDBACK_LOOKUP_LIMIT = env_int("FEEDBACK_LOOKUP_LIMIT", 10)
FEEDBACK_LOOKUP_WINDOW = env_int("FEEDBACK_LOOKUP_WINDOW", 3600)
FEEDBACK_RETENTION_DAYS = env_int("FEEDBACK_RETENTION_DAYS", 365)
FEEDBACK_PHOTO_ROOT = Path(env_str("FEEDBACK_PHOTO_ROOT", str(BASE_DIR / "var" / "feedback")))
# Reports sent while the database is down wait here until they are written (feedback/spool.py):
# a folder the web and worker processes share; at most FEEDBACK_SPOOL_MAX reports wait.
FEEDBACK_SPOOL_ROOT = Path(env_str("FEEDBACK_SPOOL_ROOT", str(BASE_DIR / "var" / "feedback-spool")))
FEEDBACK_SPOOL_MAX = env_int("FEEDBACK_SPOOL_MAX", 1000)
# Citizens told of their report's status changes (docs/feedback.md "Notifications to the
# citizen"); gateway tokens: FEEDBACK_SMS_TOKEN, FEEDBACK_ZALO_TOKEN (feedback/channels.py).
FEEDBACK_NOTIFY_CONSENT_VERSION = env_str("FEEDBACK_NOTIFY_CONSENT_VERSION", "2026-12")
FEEDBACK_NOTIFY_MAX_ATTEMPTS = env_int("FEEDBACK_NOTIFY_MAX_ATTEMPTS", 20)
# Days after a report is closed as fixed during which the citizen may reopen it.
FEEDBACK_REOPEN_DAYS = env_int("FEEDBACK_REOPEN_DAYS", 30)
IHANOI_URL = env_str("IHANOI_URL")
IHANOI_TOKEN = env_str("IHANOI_TOKEN")

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents always pass through Wagtail's serve view, which counts downloads.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "csv", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Addresses are Vietnamese without diacritics (/thu-tuc-hanh-chinh/), easy to type and to print.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The editorial workflow (docs/workflow.md). A change to what reviewers approved sends the page
# back to the first review step (content.workflow_actions.restart_if_reviewed_content_changed),
# while step 4 may still set tags and SEO fields: so Wagtail's blanket re-approval stays off.
# Wagtail's own workflow e-mails are replaced by the ward-aware notifications of content/.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = False
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
WAGTAIL_FINISH_WORKFLOW_ACTION = "content.workflow_actions.publish_workflow_state"
# Days after which a page past its review-by date is reminded again.
REVIEW_REMINDER_PERIOD_DAYS = env_int("REVIEW_REMINDER_PERIOD_DAYS", 7)
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

# --- Staff sign-in (staffauth; docs/configuration.md «Staff sign-in», docs/operations.md) ------
# Two factors: an authenticator app (TOTP) and one-time recovery codes. Required: every admin
# URL asks for the second step, and who has none must enrol one within the grace period.
# Off here (demo, development, tests), on in production; one who enrolled is asked either way.
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED", False)
STAFF_2FA_GRACE_DAYS = env_int("STAFF_2FA_GRACE_DAYS", 7)
# The name the authenticator app shows above the account's codes.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", WAGTAIL_SITE_NAME)
# A session ends a working day after sign-in, and after this long without a request.
STAFF_SESSION_MAX_AGE = env_int("STAFF_SESSION_MAX_AGE", 10 * 3600)
STAFF_SESSION_IDLE = env_int("STAFF_SESSION_IDLE", 30 * 60)
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_AGE
# Throttled sign-in (django-axes): LOGIN_FAILURE_LIMIT wrong passwords for one name from one
# address lock that name out from that address for the cool-off. Never the address alone: a
# ward office signs in from behind one address. The address is the trusted proxy's word only.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "portal.proxies.client_address"
AXES_LOCKOUT_CALLABLE = "staffauth.views.locked_out"
AXES_RESET_ON_SUCCESS = True
# The cool-off runs from the failure that locked, whatever is tried meanwhile.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Sign-ins are logged by staffauth without the address (staffauth/signal_handlers.py); axes
# keeps only the attempts of the running cool-off, in its table.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False
# The password-reset form that answers the same for every address (staffauth/forms.py).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "staffauth.forms.PasswordResetForm"  # noqa: S105
PASSWORD_RESET_RATE_LIMIT = env_int("PASSWORD_RESET_RATE_LIMIT", 5)

# --- Logging: one JSON object per line on stdout (LOG_FORMAT=text for humans) --------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOG_FORMAT = env_str("LOG_FORMAT", "json").lower()
if LOG_FORMAT not in ("json", "text"):
    raise ConfigError(f"LOG_FORMAT={LOG_FORMAT!r} must be json or text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": JSON_FORMATTER,
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "filters": {"error_reference": {"()": "portal.errors.ErrorReference"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Errors carry the reference number their 500 page showed (portal/errors.py).
        "django.request": {"filters": ["error_reference"]},
        "django.utils.autoreload": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # django-axes writes client addresses into its lines; staffauth logs sign-ins instead.
        "axes": {"level": "ERROR"},
    },
}
