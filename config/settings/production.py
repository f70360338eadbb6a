"""Production: everything from the environment; refuses to start with an unsafe configuration."""

from django.core.exceptions import ImproperlyConfigured

from fachstelle.ops.env import cache_config, public_hosts
from fachstelle.ops.log_format import logging_config
from fachstelle.ops.sentry import sentry_init

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    BLIND_INDEX_KEY,
    DATABASES,
    FIELD_ENCRYPTION_KEYS,
    SECRET_KEY,
    env_bool,
    os,
    task_backend_path,
)

# DEBUG=true only for a diagnosis on the machine itself: refused as soon as a public host is allowed.
DEBUG = env_bool("DEBUG")
if not os.environ.get("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("ALLOWED_HOSTS must name this installation's host name(s), comma-separated.")
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS=* would accept forged Host headers (links in e-mails): name the hosts."
    )
if DEBUG and public_hosts(ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        "DEBUG=true shows settings and data on error pages: never with a public host in ALLOWED_HOSTS."
    )
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

# Media (uploads, generated PDFs) on disk under MEDIA_ROOT, or MEDIA_STORAGE=s3 for an S3-compatible object
# store through django-storages (optional: `pip install -r requirements-s3.txt`, imported only when chosen).
# The bucket stays private: files get signed URLs that expire after AWS_QUERYSTRING_EXPIRE seconds, which
# must outlast the page caches (DIRECTORY_CACHE_SECONDS). Static files: whitenoise's manifest (hashed
# names, so nginx caches them for a year).
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem").strip().lower()
if MEDIA_STORAGE == "s3":
    from importlib.util import find_spec

    if find_spec("storages") is None or find_spec("boto3") is None:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs django-storages: see requirements-s3.txt")
    if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    MEDIA_STORAGE_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            # Empty values fall back to boto3's own lookup (AWS_* variables, instance roles).
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            # "path" for MinIO and most non-AWS stores; empty: boto3 decides.
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": int(os.environ.get("AWS_QUERYSTRING_EXPIRE", "3600")),
            "file_overwrite": False,
            "signature_version": "s3v4",
        },
    }
elif MEDIA_STORAGE == "filesystem":
    MEDIA_STORAGE_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured("MEDIA_STORAGE must be 'filesystem' or 's3'.")
STORAGES = {
    "default": MEDIA_STORAGE_BACKEND,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Background work: the database queue, run by `manage.py db_worker` (deploy/systemd/fachstelle-worker@).
TASKS = {"default": {"BACKEND": task_backend_path(os.environ.get("TASK_BACKEND", "database"))}}
# Behind a TLS-terminating proxy (nginx); HTTPS_ONLY=false only for loopback benchmarks.
HTTPS_ONLY = env_bool("HTTPS_ONLY", True)
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SECURE_SSL_REDIRECT = HTTPS_ONLY
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe over plain HTTP on the internal network.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", "31536000")) if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY and env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is hard to undo (browsers ship the list): only when the operator asks for it.
SECURE_HSTS_PRELOAD = HTTPS_ONLY and env_bool("HSTS_PRELOAD")
if not SECURE_HSTS_PRELOAD:
    # With the preload token anyone may submit the domain (often the canton's) to browsers' built-in
    # lists; that is the operator's decision, so the check's reminder is silenced until HSTS_PRELOAD=true.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
# Links to providers' sites must not tell them which page (e.g. which counselling topic) a person came from.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Sessions stay in the database (not the cache): every app server sees them, and a cache flush logs
# nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# One cache shared by every app server (rate limits of public forms, cached directory pages):
# a DatabaseCache (`manage.py createcachetable`) unless CACHE_URL names Redis.
CACHES = {
    "default": cache_config(
        url=os.environ.get("CACHE_URL", ""),
        backend=os.environ.get("CACHE_BACKEND", ""),
        location=os.environ.get("CACHE_LOCATION", ""),
        max_entries=int(os.environ.get("CACHE_MAX_ENTRIES", "5000")),
    )
}
# JSON lines for the log collector unless LOG_FORMAT=text.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING = logging_config(
    log_format=LOG_FORMAT,
    level=os.environ.get("LOG_LEVEL", "WARNING"),
    request_level=os.environ.get("REQUEST_LOG_LEVEL", "INFO"),
)
# Error reports to Sentry only with SENTRY_DSN, stripped of personal data (fachstelle/ops/sentry.py).
SENTRY_ENABLED = sentry_init()
