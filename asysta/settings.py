"""Asysta settings: one module, driven by the environment (see README, "Zmienne środowiskowe")."""

from __future__ import annotations

import secrets
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
VAR_DIR = Path(env.str("ASYSTA_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("ASYSTA_DEBUG", default=False)
DEMO = env.bool("ASYSTA_DEMO", default=False)
TESTING = env.bool("ASYSTA_TESTING", default=False)


def _secret_key() -> str:
    key = env.str("SECRET_KEY", default="")
    if key:
        return key
    if not (DEBUG or DEMO or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY jest wymagany (ustaw zmienną środowiskową SECRET_KEY). "
            "Bez niego aplikacja działa tylko w trybie demonstracyjnym (ASYSTA_DEMO=1) "
            "lub deweloperskim (ASYSTA_DEBUG=1)."
        )
    # Demo and development: one random key kept in var/, so sessions survive a restart.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "auditlog",
    "django_tasks",
    "django_tasks_db",
    "asysta.core",
    "asysta.audit",
    "asysta.accounts",
    "asysta.families",
    "asysta.intake",
    "asysta.plans",
    "asysta.visits",
    "asysta.assessments",
    "asysta.court",
    "asysta.closure",
    "asysta.chronology",
    "asysta.deadlines",
    "asysta.documents",
    "asysta.attachments",
    "asysta.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "asysta.core.scope.RequestScopeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "asysta.accounts.middleware.SessionTimeoutMiddleware",
    "asysta.accounts.middleware.MFARequiredMiddleware",
    "asysta.accounts.middleware.PolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "asysta.audit.middleware.AuditMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "asysta.urls"
WSGI_APPLICATION = "asysta.wsgi.application"
ASGI_APPLICATION = "asysta.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "asysta" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "asysta.accounts.context_processors.asysta",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
# An empty DATABASE_URL means the default, like an unset one.
DATABASES = {
    "default": environ.Env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'asysta.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at
            # the start of a transaction, so a caseload check and its insert cannot interleave.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Behind a pooler in transaction mode (pgbouncer) a server-side cursor — the streamed
    # exports read rows through one — would not survive between transactions, nor would a
    # prepared statement.
    if env.bool("ASYSTA_DB_TRANSACTION_POOLER", default=False):
        DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    elif env.bool("ASYSTA_DB_PREPARED", default=True):
        # Parameters bound by the server, so that psycopg prepares a statement the connection
        # has run a few times (its default: five) and PostgreSQL parses and plans it once per
        # connection instead of on every page: about a third of a page's database time.
        DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts, passwords, sign-in ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Two-factor sign-in: required for every role unless switched off (demo and development only).
REQUIRE_MFA = env.bool("ASYSTA_REQUIRE_MFA", default=not (DEBUG or DEMO))
OTP_TOTP_ISSUER = env.str("ASYSTA_OTP_ISSUER", default="Asysta")

# Sessions: idle timeout and an absolute limit since sign-in.
SESSION_IDLE_TIMEOUT = env.int("ASYSTA_SESSION_IDLE_MINUTES", default=30) * 60
SESSION_ABSOLUTE_TIMEOUT = env.int("ASYSTA_SESSION_MAX_HOURS", default=12) * 3600
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_COOKIES = env.bool("ASYSTA_SECURE_COOKIES", default=not (DEBUG or DEMO or TESTING))
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env.bool("ASYSTA_BEHIND_HTTPS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Lockout after repeated wrong passwords: the 6th attempt within the window gets 429.
AXES_FAILURE_LIMIT = env.int("ASYSTA_LOCKOUT_FAILURES", default=5)
AXES_LOCK_OUT_AT_FAILURE = True
AXES_COOLOFF_TIME = env.float("ASYSTA_LOCKOUT_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_RESET_ON_SUCCESS = True
# Client address behind reverse proxies (lockout and audit): see asysta.core.http.client_ip.
ASYSTA_PROXY_COUNT = env.int("ASYSTA_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "asysta.core.http.client_ip"
AXES_VERBOSE = False

# --- Audit -------------------------------------------------------------------------------------
AUDITLOG_DISABLE_REMOTE_ADDR = False
AUDITLOG_MASK_CALLABLE = "asysta.audit.masking.mask_all"

# --- Language, time -------------------------------------------------------------------------------
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("polski")), ("en", _("angielski"))]
LOCALE_PATHS = [BASE_DIR / "asysta" / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["asysta.formats"]

# --- Static files ------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "asysta" / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    # Embedded in the PDFs (Polish characters); WeasyPrint reads them from the static files.
    ("vendor/fonts", BASE_DIR / "node_modules" / "dejavu-fonts-ttf" / "ttf"),
]

# --- Stored files (generated documents, attachments, centre logos) ------------------------------
# Private: never served by the web server, only by views that check access and log the read.
MEDIA_ROOT = Path(env.str("ASYSTA_FILES_DIR", default=str(VAR_DIR / "files")))
MEDIA_URL = "/nieuzywane/"  # files are served by views only

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- Background work (heavy documents) ----------------------------------------------------------
# The database backend and its worker (`manage.py db_worker`, started by `make run`); tests run
# tasks at once. LibreOffice (ODT, PDF in a centre's own layout) is optional: ASYSTA_SOFFICE
# names the program when it is not `soffice` on the PATH.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend"
        )
    }
}
ASYSTA_SOFFICE = env.str("ASYSTA_SOFFICE", default="")
ASYSTA_LIBREOFFICE_TIMEOUT = env.int("ASYSTA_LIBREOFFICE_TIMEOUT", default=120)
# Report exports: above this many families served in the period the report page suggests making
# the file in the background worker (the direct download still works).
ASYSTA_REPORT_BACKGROUND_FAMILIES = env.int("ASYSTA_REPORT_BACKGROUND_FAMILIES", default=300)

# --- Caseload -----------------------------------------------------------------------------------
# art. 15 ust. 4 of the Act on family support: at most 15 families at the same time.
CASELOAD_HARD_CAP = 15

# --- Logging ------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "asysta.core.logging.RedactFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["redact"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("ASYSTA_LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every refused URL and its progress; the URLs may come from user text.
        "weasyprint": {"level": "CRITICAL"},
        "weasyprint.progress": {"level": "CRITICAL"},
    },
}
