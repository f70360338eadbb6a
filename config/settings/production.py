"""Production: everything from the environment; refuses to start with an unsafe configuration."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BLIND_INDEX_KEY, DATABASES, FIELD_ENCRYPTION_KEYS, SECRET_KEY, env_bool, os

DEBUG = False
if not SECRET_KEY or SECRET_KEY.startswith(("dev-", "test-")) or len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 32 characters.")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql" and not env_bool("ALLOW_SQLITE"):
    raise ImproperlyConfigured("Production runs on PostgreSQL: set DATABASE_URL=postgres://…")

if not FIELD_ENCRYPTION_KEYS or any(key.startswith(("ZGV2", "dGVzdC")) for key in FIELD_ENCRYPTION_KEYS):
    raise ImproperlyConfigured(
        "FIELD_ENCRYPTION_KEYS must hold your own Fernet key(s): "
        'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
    )
if len(BLIND_INDEX_KEY) < 32:
    raise ImproperlyConfigured("BLIND_INDEX_KEY must be set to a random value of at least 32 characters.")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Behind a TLS-terminating proxy (nginx); HTTPS_ONLY=false only for loopback benchmarks.
HTTPS_ONLY = env_bool("HTTPS_ONLY", True)
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SECURE_SSL_REDIRECT = HTTPS_ONLY
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000 if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
if os.environ.get("CACHE_BACKEND") is None:
    # One cache per worker process is correct (content version keys) but a shared one is better.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "prod",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "5000"))},
        }
    }
