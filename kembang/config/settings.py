"""Kembang settings, read from the environment.

With no environment variable set, Kembang runs in development mode: DEBUG on, SQLite under
var/, a development secret generated once under var/, local hosts only. Production is
chosen explicitly with KEMBANG_ENV=production; then SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL are required, and start-up fails with a clear message without them;
KEMBANG_BASE_URL is required by the system checks (`migrate`, `check`), and the data
directory defaults to one beside the virtual environment.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kembang.config.env import (
    default_var_dir,
    development_secret,
    env_bool,
    env_int,
    env_list,
    env_str,
    public_base_url,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent

ENVIRONMENT = (env_str("KEMBANG_ENV") or "development").lower()
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("KEMBANG_ENV must be 'development' or 'production'.")
PRODUCTION = ENVIRONMENT == "production"

# Static files, uploads and evidence. Installed into a virtual environment (which is
# rebuilt on upgrade) the default sits beside it, never inside it: /opt/kembang/venv →
# /opt/kembang/var. The README's deployment names it explicitly (KEMBANG_VAR_DIR).
VAR_DIR = Path(env_str("KEMBANG_VAR_DIR") or default_var_dir(PROJECT_DIR))

DEBUG = False if PRODUCTION else env_bool("DEBUG", True)

# A persistent connection per worker saves a PostgreSQL connection set-up on every request;
# the health check drops one the server closed (a restart, an idle timeout) before it is used.
CONN_MAX_AGE = env_int("DB_CONN_MAX_AGE", 600 if PRODUCTION else 0)

if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY", required=True)
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", required=True)
    database_url = env_str("DATABASE_URL", required=True)
    # The site's public address: links in mail, QR codes and printed documents use it.
    # Missing, it is a system-check error (kembang.config.checks): `migrate` and `check`
    # stop with the message, while `collectstatic` still works.
    KEMBANG_BASE_URL = public_base_url(env_str("KEMBANG_BASE_URL")) if env_str(
        "KEMBANG_BASE_URL") else ""
else:
    SECRET_KEY = env_str("SECRET_KEY") or development_secret(VAR_DIR)
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
    database_url = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'kembang.sqlite3'}"
    KEMBANG_BASE_URL = public_base_url(env_str("KEMBANG_BASE_URL") or "http://127.0.0.1:8000")
DATABASES = {
    "default": dj_database_url.parse(
        database_url, conn_max_age=CONN_MAX_AGE, conn_health_checks=CONN_MAX_AGE > 0
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the task worker write while pages read; the timeout rides out short locks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    # Before django_tasks_db: its `db_worker` command adds the worker's heartbeat.
    "kembang.health",
    "django_tasks",
    "django_tasks_db",
    "kembang.common",
    "kembang.audit",
    "kembang.accounts",
    "kembang.organisation",
    "kembang.organisation.importing",
    "kembang.regulation",
    "kembang.learning",
    "kembang.recap",
    "kembang.reports",
    "kembang.annual",
    "kembang.competency",
    "kembang.certificates",
    "kembang.api",
    "kembang.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kembang.common.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Indonesian unless the user chose English (the account, else the language cookie);
    # never the browser's Accept-Language. After authentication: it reads the account.
    "kembang.accounts.language.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kembang.accounts.middleware.LoginRequiredMiddleware",
    "kembang.organisation.middleware.RegencyTimezoneMiddleware",
    # Axes last, as its documentation asks: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kembang.config.urls"
WSGI_APPLICATION = "kembang.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kembang.accounts.context_processors.navigation",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "kembang.accounts.backends.NipOrUsernameBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes: lock an account from one address after repeated failures (docs/accounts.md).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
# Locked for an hour, or until an administrator lifts it sooner.
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
# Behind nginx every request comes from 127.0.0.1; count the client's own address.
KEMBANG_TRUSTED_PROXIES = env_int("KEMBANG_TRUSTED_PROXIES", 1 if PRODUCTION else 0)
AXES_CLIENT_IP_CALLABLE = "kembang.accounts.backends.client_ip"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# Count "19680501 199202 1 001" and "196805011992021001" as the same account.
AXES_USERNAME_CALLABLE = "kembang.accounts.backends.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# The server's clock zone; pages and dates switch to the regency's own zone (WIB/WITA/WIT).
TIME_ZONE = "Asia/Jakarta"
FORMAT_MODULE_PATH = ["kembang.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
if not PRODUCTION:
    # WhiteNoise serves from the finders in development; the empty root keeps it quiet.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Evidence and uploads live outside the web root and are served only through views that
# check access.
MEDIA_ROOT = Path(env_str("KEMBANG_MEDIA_DIR") or VAR_DIR / "media")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work through Django's task framework (django-tasks). Development runs tasks
# at once; production queues them in the database for `kembang db_worker`.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if env_bool("KEMBANG_TASKS_QUEUED", PRODUCTION)
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_CONFIGURED = bool(EMAIL_HOST)
if EMAIL_CONFIGURED:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "kembang@localhost")

SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Imports larger than this run as a background task with a progress bar.
KEMBANG_IMPORT_BATCH = 500

# Bounds on an uploaded (or CLI) spreadsheet, checked while it is read (kembang.common.
# spreadsheet). A small XLSX can unpack to gigabytes (a "zip bomb"): a 0.3 MB file holding
# one 300 MB cell took a worker to 5.3 GB. Real files are far inside these: a regency's
# SIASN export is ~15,000 rows of ~40 columns, ~10 MB unpacked.
# Total bytes once unzipped (for CSV, the file itself); counted while decompressing, not
# taken from the sizes the zip declares.
KEMBANG_UPLOAD_MAX_UNPACKED_MB = 50
# Sheet rows as Excel numbers them (the header row counts); a row beyond it holding any
# value refuses the file.
KEMBANG_UPLOAD_MAX_ROWS = 60000
# Columns up to the last one holding a value in any row.
KEMBANG_UPLOAD_MAX_COLUMNS = 200
# Characters in one cell: a name, a position title or an address is well under this.
KEMBANG_UPLOAD_MAX_CELL_CHARS = 1000
