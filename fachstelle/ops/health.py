"""Liveness and readiness probes for load balancers, systemd and container orchestrators.

`/health/live` only says the process answers (no database: a database outage must not get every app
server restarted). `/health/ready` says this server can take traffic. Answers name the failing check but
never the error text (it may hold host names); the error is logged instead.
"""

import logging
import os
import tempfile
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

# Once all migrations were found applied they stay applied for this process (new migrations come with new
# code, i.e. a new process): the migration graph is loaded once, not on every probe.
_migrations_applied = False


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_migrations() -> None:
    global _migrations_applied
    if _migrations_applied:
        return
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        raise RuntimeError(f"{len(plan)} migration(s) not applied")
    _migrations_applied = True


def check_cache() -> None:
    # The shared cache carries rate limits across app servers: a write must be readable again.
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=30)
    try:
        if cache.get(key) != "ok":
            raise RuntimeError("cache round-trip returned another value")
    finally:
        cache.delete(key)


def check_media() -> None:
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        return  # object storage (S3): its credentials are checked by the first upload, not per probe
    location = storage.location or settings.MEDIA_ROOT
    os.makedirs(location, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=location, prefix=".health-"):
        pass


READINESS_CHECKS = {
    "database": check_database,
    "migrations": check_migrations,
    "cache": check_cache,
    "media": check_media,
}


def readiness() -> dict[str, str]:
    """Each check's result, `ok` or `failed`; a failed database check skips the checks that need it."""
    results = {}
    for name, check in READINESS_CHECKS.items():
        if name == "migrations" and results.get("database") == "failed":
            results[name] = "skipped"
            continue
        try:
            check()
        except Exception:
            logger.exception("Readiness check %s failed", name)
            results[name] = "failed"
        else:
            results[name] = "ok"
    return results


@never_cache
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
def ready(request):
    checks = readiness()
    failed = [name for name, result in checks.items() if result == "failed"]
    if failed:
        return JsonResponse({"status": "error", "failed": failed, "checks": checks}, status=503)
    return JsonResponse({"status": "ok", "checks": checks})
