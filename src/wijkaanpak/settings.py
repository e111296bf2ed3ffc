"""Settings, read from environment variables with safe defaults.

Every variable is documented in docs/configuration.md. Defaults give a local
development/demo setup: embedded SQLite under WIJKAANPAK_DATA_DIR, DEBUG on.
Production: set DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.utils.translation import gettext_lazy as _

# Generic Django classes at runtime (admin.ModelAdmin[Model], forms.ModelForm[Model]): mypy --strict
# wants their type parameters.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
DATA_DIR = Path(os.environ.get("WIJKAANPAK_DATA_DIR", REPO_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Our apps come first so that their Dutch translations win over Django's for shared phrases.
INSTALLED_APPS = [
    "wijkaanpak.core",
    "wijkaanpak.accounts",
    "wijkaanpak.areas",
    "wijkaanpak.organisations",
    "wijkaanpak.programmes",
    "wijkaanpak.opportunities",
    "wijkaanpak.indicators",
    "wijkaanpak.outreach",
    "wijkaanpak.finance",
    "wijkaanpak.reports",
    "wijkaanpak.jobs",
    "wijkaanpak.notifications",
    "wijkaanpak.demo",
    "wijkaanpak.team",
    "wijkaanpak.participation",
    "wijkaanpak.residents",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, so that its headers (CSP, no-store for personal data) are also on the answers that
    # a later middleware gives itself (a refused token's 401, a lockout's 429).
    "wijkaanpak.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "wijkaanpak.accounts.middleware.BearerTokenMiddleware",
    "wijkaanpak.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wijkaanpak.core.middleware.DomainErrorPagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it turns a lockout flagged by any login (page, API, admin) into a 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wijkaanpak.urls"
WSGI_APPLICATION = "wijkaanpak.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wijkaanpak.notifications.context_processors.notifications",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
# The statements every API request runs are prepared on PostgreSQL (core/db.py). Set to false
# behind a PgBouncer in transaction mode older than 1.21, which cannot keep them.
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASE_PREPARED_STATEMENTS and DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # Django turns psycopg's prepared statements off (threshold None). Allow them, but
        # only where core/db.py asks (prepare=True): Django's own cursors never prepare.
        DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 2**31 - 1
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "wijkaanpak.sqlite3"),
            # Keep the connection (and its PRAGMAs) across requests, as for PostgreSQL.
            "CONN_MAX_AGE": 60,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "outreach:work"  # "My work": the start page per role (issue 15)
LOGOUT_REDIRECT_URL = "/"

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses logins while a username/IP pair is locked out.
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend that also refuses the published demo password when DEBUG is off.
    "wijkaanpak.accounts.backends.PasswordBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

# Upload limits of the imports (docs/security.md "Upload limits", core/tabular.py): the file's
# size in bytes, its rows (header included) and columns, and what a workbook may unpack to.
# Address lists and ODK submissions; budget tables with their own size; indicator files.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(10_000_000)))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "50000"))
IMPORT_MAX_COLUMNS = int(os.environ.get("IMPORT_MAX_COLUMNS", "500"))
IMPORT_MAX_UNZIPPED_BYTES = int(os.environ.get("IMPORT_MAX_UNZIPPED_BYTES", str(100_000_000)))
BUDGET_IMPORT_MAX_BYTES = int(os.environ.get("BUDGET_IMPORT_MAX_BYTES", str(2_000_000)))
INDICATOR_IMPORT_MAX_BYTES = int(os.environ.get("INDICATOR_IMPORT_MAX_BYTES", str(1_000_000_000)))
INDICATOR_IMPORT_MAX_ROWS = int(os.environ.get("INDICATOR_IMPORT_MAX_ROWS", "20000000"))
INDICATOR_IMPORT_MAX_COLUMNS = int(os.environ.get("INDICATOR_IMPORT_MAX_COLUMNS", "2000"))
INDICATOR_IMPORT_MAX_UNZIPPED_BYTES = int(
    os.environ.get("INDICATOR_IMPORT_MAX_UNZIPPED_BYTES", str(1_000_000_000))
)
INDICATOR_IMPORT_MAX_JSON_BYTES = int(
    os.environ.get("INDICATOR_IMPORT_MAX_JSON_BYTES", str(10_000_000))
)

# Security. Production (DEBUG off) gets secure cookies and HSTS unless told otherwise.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
# Content-Security-Policy and Permissions-Policy are set by core.middleware.SecurityHeadersMiddleware.
# Scripts only from our own origin (no inline scripts); inline style attributes are allowed
# because server-side SVG charts and ambition colours use them.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(self), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Login throttling (django-axes): 5 failed attempts for one username from one IP address lock
# that pair out for 15 minutes, on the login page, the admin and POST /api/v1/auth/token.
# Against password spraying also 20 failures from one IP address (any usernames) and 10 for one
# username (from any addresses) within the cool-off time (accounts.throttling.LoginThrottle).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_IP_FAILURE_LIMIT = int(os.environ.get("AXES_IP_FAILURE_LIMIT", "20"))
AXES_USERNAME_FAILURE_LIMIT = int(os.environ.get("AXES_USERNAME_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address", "username"]
AXES_HANDLER = "wijkaanpak.accounts.throttling.LoginThrottle"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "wijkaanpak.accounts.throttling.lockout_response"
AXES_VERBOSE = False
if env_bool("BEHIND_PROXY", False):
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# API bearer tokens end this many hours after they are issued (like a session: a working day).
API_TOKEN_LIFETIME_HOURS = float(os.environ.get("API_TOKEN_LIFETIME_HOURS", "8"))

# Two-factor authentication (django-otp, TOTP). Who needs it: accounts.selectors.user_requires_2fa.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Wijkaanpak")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Demo users (password below) may only exist while DEBUG is on.
DEMO_PASSWORD = "wijkaanpak-demo"  # noqa: S105

# Background jobs and schedules (jobs app): django-tasks with its database backend, so the queue
# lives in the project's own database (SQLite in the demo, PostgreSQL in production) and a job is
# queued in the same transaction as the change that causes it. Run `wijkaanpak worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A failed job is tried again after this many seconds, doubling each time (30, 60, 120, ...).
JOBS_RETRY_BASE_SECONDS = float(os.environ.get("JOBS_RETRY_BASE_SECONDS", "30"))
# A try left running this long (a worker that was killed) is put back in the queue.
JOBS_STALE_AFTER_SECONDS = float(os.environ.get("JOBS_STALE_AFTER_SECONDS", "600"))
# The worker claims this many ready jobs at a time; e-mail jobs claimed together go out as one.
JOBS_WORKER_BATCH = int(os.environ.get("JOBS_WORKER_BATCH", "20"))
# PostgreSQL: the worker's own commits do not wait for the disk (synchronous_commit off). Safe
# for a killed worker; a crash of the database server may make a job run (a mail go) twice.
JOBS_WORKER_ASYNC_COMMIT = env_bool("JOBS_WORKER_ASYNC_COMMIT", True)

# E-mail (notifications app). SITE_URL makes the links in e-mails (no trailing slash).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Wijkaanpak <noreply@localhost>")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# The demo (DEBUG) writes mail as files under var/mail, shown on the outbox page.
EMAIL_FILE_PATH = str(DATA_DIR / "mail")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)

# Service levels count working days: not Saturday or Sunday, not a Dutch public holiday
# (holidays.NL), not one of these extra closing days (ISO dates, comma-separated, e.g. the
# municipality's bridge days "2026-05-15,2026-12-24").
CLOSING_DAYS = env_list("CLOSING_DAYS", "")

# Team management (team app): an invitation link works once, for this many days.
INVITATION_LIFETIME_DAYS = int(os.environ.get("INVITATION_LIFETIME_DAYS", "7"))
