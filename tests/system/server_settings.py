"""The production settings as the two-server test runs them: `config.settings.production` unchanged, except
that static files come from the app directories instead of a `collectstatic` manifest, so the test needs no
`collectstatic` run into the shared checkout (STATIC_ROOT is not configurable from the environment)."""

from config.settings.production import *  # noqa: F403
from config.settings.production import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
