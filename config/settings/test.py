"""Fast, deterministic settings for the test suite (pytest)."""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, os

SECRET_KEY = "test-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SITE_URL = "http://testserver"
PUBLIC_PAGE_CACHE_SECONDS = 0  # tests that check the short-lived cache turn it on themselves
DATABASES["default"]["CONN_MAX_AGE"] = 0
# .ci/run names the test database so parallel runs on one server never collide.
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
WHITENOISE_AUTOREFRESH = True  # serve from the finders; no collectstatic before tests
FIELD_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LWZpZWxkLWtleS1ub3QtZm9yLXByb2Q="]
BLIND_INDEX_KEY = "test-blind-index-key"
PRIVATE_EXPORT_ROOT = BASE_DIR / "private" / "test-exports"
