"""Local development: SQLite, console e-mail, DEBUG on. Used by `make run`."""

from .base import *  # noqa: F403
from .base import env_list, os

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
WHITENOISE_AUTOREFRESH = True  # serve static files from the app folders without collectstatic

# Development keys for the encrypted fields (demo data only; production refuses them).
DEV_FIELD_ENCRYPTION_KEY = "ZGV2LW9ubHktZmllbGQta2V5LW5vdC1mb3ItcHJvZC0="
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS") or [DEV_FIELD_ENCRYPTION_KEY]
BLIND_INDEX_KEY = os.environ.get("BLIND_INDEX_KEY", "dev-only-blind-index-key")
