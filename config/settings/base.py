"""Settings shared by every environment; values come from the environment (12-factor).

The thin modules dev.py, test.py and production.py override what differs.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from fachstelle.ops.csp import content_security_policy
from fachstelle.ops.log_format import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_tasks",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "fachstelle.core",
    "fachstelle.network",
    "fachstelle.offers",
    "fachstelle.counselling",
    "fachstelle.guide",
    "fachstelle.events",
    "fachstelle.news",
    "fachstelle.grants",
    "fachstelle.projects",
    "fachstelle.kompakt",
    "fachstelle.reporting",
    "fachstelle.api",
    "fachstelle.backups",
    "fachstelle.ops",
    # The database task queue (its table and `manage.py db_worker`) and the list of scheduled jobs.
    "django_tasks_db",
    "fachstelle.jobs",
]

MIDDLEWARE = [
    # First: every request gets its ID and one log line, whatever answers it.
    "fachstelle.ops.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After whitenoise: static files need no policy; every page gets one (and its nonce).
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "fachstelle.core.security.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]
# The Content Security Policy (django-csp) of every page; see fachstelle/ops/csp.py and docs/operations.md.
CONTENT_SECURITY_POLICY = content_security_policy(BASE_DIR)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fachstelle.core.context_processors.site",
            ],
        },
    },
]

# DATABASE_URL switches to PostgreSQL (postgres://user@host:port/name); SQLite is the embedded default.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# Where a login without `next` ends: the staff start page.
LOGIN_REDIRECT_URL = "staff_home"

# --- Login security ----------------------------------------------------------------------------
# django-axes checks every login first (lockout), then Django's ModelBackend checks the password.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# After 5 failed logins for one username from one address, that pair is locked for the cool-off time.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Our own page (translated, HTTP 429) instead of axes' bare text.
AXES_LOCKOUT_CALLABLE = "fachstelle.core.auth_views.lockout"
# Successful logins are in our audit log (AuditEvent); axes keeps only the failed attempts it counts.
AXES_DISABLE_ACCESS_LOG = True
# The address axes counts per (see fachstelle.core.security.login_client_ip): REMOTE_ADDR, or behind
# TRUSTED_PROXY_COUNT proxies the X-Forwarded-For entry the outermost of them added (not spoofable).
AXES_CLIENT_IP_CALLABLE = "fachstelle.core.security.login_client_ip"
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Issuer shown in authenticator apps next to the username.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "fachstelle")
# The back office never shows TOTP secrets or backup codes (reset = delete the device).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Staff sessions end after this many idle seconds: each request of a logged-in user renews the cookie.
# Anonymous visitors have empty sessions, which Django never saves, so public pages stay write-free.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", "1800"))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Languages -------------------------------------------------------------------------------
# UI_LANGUAGES have complete gettext catalogues; the other CONTENT_LANGUAGES are languages newcomers
# read: content (offers, later guide pages) is translated into them, and the interface falls back to
# German for strings without a translation. Every content language is a URL prefix (/ti/…).
LANGUAGE_CODE = "de"
UI_LANGUAGES = ["de", "fr", "it", "en"]
# (code, native name, right-to-left)
CONTENT_LANGUAGES = [
    ("de", "Deutsch", False),
    ("fr", "Français", False),
    ("it", "Italiano", False),
    ("en", "English", False),
    ("ar", "العربية", True),
    ("ti", "ትግርኛ", False),
    ("fa", "فارسی", True),
    ("prs", "دری", True),
    ("uk", "Українська", False),
    ("ru", "Русский", False),
    ("tr", "Türkçe", False),
    ("ku", "Kurdî", False),
    ("sq", "Shqip", False),
    ("sr", "Srpski / Hrvatski / Bosanski", False),
    ("pt", "Português", False),
    ("es", "Español", False),
    ("ta", "தமிழ்", False),
    ("so", "Soomaali", False),
    ("ps", "پښتو", True),
]
LANGUAGES = [(code, name) for code, name, _rtl in CONTENT_LANGUAGES]
RTL_LANGUAGES = {code for code, _name, rtl in CONTENT_LANGUAGES if rtl}
LOCALE_PATHS = [BASE_DIR / "locale"]
# Swiss date formats for the newcomer languages (see config/formats/__init__.py).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Zurich"
LANGUAGE_COOKIE_NAME = "fachstelle_language"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CACHES = {
    "default": {
        "BACKEND": os.environ.get("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": os.environ.get("CACHE_LOCATION", "fachstelle"),
        # Versioned directory pages are many small entries; the locmem default of 300 would churn.
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "5000"))},
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "fachstelle@localhost")

# Background work goes through django-tasks (the backport of Django 6's tasks API). TASK_BACKEND picks
# the backend: "immediate" runs each task in the process that enqueued it, right after the commit (make run:
# no extra server); "database" stores it for `manage.py db_worker` (django-tasks-db), the production default
# (config/settings/production.py). A dotted class path is accepted too.
TASK_BACKEND_ALIASES = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def task_backend_path(name: str) -> str:
    return TASK_BACKEND_ALIASES.get(name.strip().lower(), name.strip())


TASKS = {"default": {"BACKEND": task_backend_path(os.environ.get("TASK_BACKEND", "immediate"))}}

# Absolute base URL used in e-mails (confirmation links are opened outside the request that made them).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Public forms: at most this many submissions per client IP and form within the window (seconds).
PUBLIC_FORM_RATE_LIMIT = int(os.environ.get("PUBLIC_FORM_RATE_LIMIT", "10"))
PUBLIC_FORM_RATE_WINDOW = int(os.environ.get("PUBLIC_FORM_RATE_WINDOW", "3600"))

# Text matches of the directory search are cached per worker and directory version; 0 switches that off.
DIRECTORY_CACHE_SECONDS = int(os.environ.get("DIRECTORY_CACHE_SECONDS", "300"))
# Names and contacts of registrants are removed this long after the event (anonymise_past_registrations).
EVENT_REGISTRATION_RETENTION_DAYS = int(os.environ.get("EVENT_REGISTRATION_RETENTION_DAYS", "180"))
# Calendar pages and rendered guide texts depend on the clock too: cached briefly (core/content_cache.py).
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "60"))
# The canton's comparison of its offices is computed by a scheduled job and kept this long (seconds).
CANTON_COMPARISON_CACHE_SECONDS = int(os.environ.get("CANTON_COMPARISON_CACHE_SECONDS", "7200"))

# Personal free text (case notes, intake fields, client names) is encrypted at rest with these Fernet keys
# (comma-separated; the first encrypts, all decrypt). See fachstelle/core/crypto.py for rotation.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
# Keys the HMACs that find a client by name without storing it in clear.
BLIND_INDEX_KEY = os.environ.get("BLIND_INDEX_KEY", "")
# Where exports of personal data (password-protected archives) are kept until they expire; never served
# as static or media files.
PRIVATE_EXPORT_ROOT = Path(os.environ.get("PRIVATE_EXPORT_ROOT", BASE_DIR / "private" / "exports"))
# Days after which such an export is deleted.
PERSONAL_EXPORT_DAYS = int(os.environ.get("PERSONAL_EXPORT_DAYS", "30"))

# LOG_FORMAT=json writes one JSON object per line (production's default); text is for development.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = logging_config(
    log_format=LOG_FORMAT,
    level=os.environ.get("LOG_LEVEL", "WARNING"),
    request_level=os.environ.get("REQUEST_LOG_LEVEL", "INFO"),
)
