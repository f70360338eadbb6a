"""Settings helpers that read the environment (used by config/settings/production.py)."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

# The table `manage.py createcachetable` creates for the default production cache.
DATABASE_CACHE_TABLE = "fachstelle_cache"
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
# Backends that understand MAX_ENTRIES (Redis and memcached evict by themselves).
_CULLING_BACKENDS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.db.DatabaseCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}


def cache_config(*, url: str = "", backend: str = "", location: str = "", max_entries: int = 5000) -> dict:
    """CACHES["default"] from CACHE_URL (redis://host:6379/1, rediss://…, db://table, locmem://name) or
    CACHE_BACKEND + CACHE_LOCATION; without either a DatabaseCache, which every app server shares."""
    if url:
        parts = urlsplit(url)
        if parts.scheme in {"redis", "rediss", "unix"}:
            backend, location = "django.core.cache.backends.redis.RedisCache", url
        elif parts.scheme in {"db", "database"}:
            backend = "django.core.cache.backends.db.DatabaseCache"
            location = (parts.netloc + parts.path).strip("/") or DATABASE_CACHE_TABLE
        elif parts.scheme == "locmem":
            backend, location = "django.core.cache.backends.locmem.LocMemCache", parts.netloc or "fachstelle"
        else:
            raise ImproperlyConfigured(
                f"CACHE_URL: unknown scheme {parts.scheme!r} (redis, rediss, db, locmem)"
            )
    elif not backend:
        backend, location = "django.core.cache.backends.db.DatabaseCache", DATABASE_CACHE_TABLE
    config = {"BACKEND": backend, "LOCATION": location}
    if backend in _CULLING_BACKENDS:
        config["OPTIONS"] = {"MAX_ENTRIES": max_entries}
    return config


def public_hosts(hosts: list[str]) -> list[str]:
    """The entries of ALLOWED_HOSTS that are reachable from outside this machine."""
    return [host for host in hosts if host.lstrip(".").lower() not in LOOPBACK_HOSTS]
