"""config.settings.production imported in a fresh process with a production-like environment: it starts
with a safe configuration, passes `check --deploy`, and refuses the unsafe ones."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

from fachstelle.ops.env import cache_config, public_hosts

PRINT_SETTINGS = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'cache': s.CACHES['default'], 'session': s.SESSION_ENGINE, "
    "'log': s.LOG_FORMAT, 'hsts': s.SECURE_HSTS_SECONDS, 'preload': s.SECURE_HSTS_PRELOAD, "
    "'secure_cookies': [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE], "
    "'csrf_origins': s.CSRF_TRUSTED_ORIGINS, "
    "'silenced': s.SILENCED_SYSTEM_CHECKS, 'formatter': s.LOGGING['handlers']['console']['formatter']}))"
)


def production_env(**overrides) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SENTRY_", "CACHE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(48)[:50],
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        BLIND_INDEX_KEY=secrets.token_hex(20),
        ALLOWED_HOSTS="fachstelle.example.ch",
    )
    for key in ("DEBUG", "LOG_FORMAT", "HSTS_PRELOAD", "CSRF_TRUSTED_ORIGINS", "HTTPS_ONLY"):
        env.pop(key, None)
    # The test database server when the suite runs on PostgreSQL, else SQLite (allowed explicitly).
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and os.environ.get(
        "DATABASE_URL"
    ):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    else:
        env.pop("DATABASE_URL", None)
        env["ALLOW_SQLITE"] = "true"
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run(args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120
    )


def production_settings(**overrides) -> dict:
    result = run(["-c", PRINT_SETTINGS], production_env(**overrides))
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def refusal(**overrides) -> str:
    result = run(["-c", PRINT_SETTINGS], production_env(**overrides))
    assert result.returncode != 0, "production settings started with an unsafe configuration"
    assert "ImproperlyConfigured" in result.stderr
    return result.stderr.strip().splitlines()[-1]


def test_check_deploy_finds_no_issues():
    result = run(["manage.py", "check", "--deploy"], production_env())
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr[-1000:]


def test_check_deploy_with_hsts_preload_finds_no_issues_either():
    result = run(["manage.py", "check", "--deploy"], production_env(HSTS_PRELOAD="true"))
    assert "System check identified no issues (0 silenced)" in result.stdout, (
        result.stdout + result.stderr[-1000:]
    )


def test_safe_defaults():
    values = production_settings(CSRF_TRUSTED_ORIGINS="https://fachstelle.example.ch")
    assert values["debug"] is False
    assert values["cache"] == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "fachstelle_cache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
    assert values["session"] == "django.contrib.sessions.backends.db"
    assert values["log"] == "json" and values["formatter"] == "json"
    assert values["hsts"] == 31536000 and values["preload"] is False
    assert values["secure_cookies"] == [True, True]
    assert values["csrf_origins"] == ["https://fachstelle.example.ch"]
    assert values["silenced"] == ["security.W021"]


def test_environment_chooses_redis_text_logs_and_preload():
    values = production_settings(CACHE_URL="redis://127.0.0.1:6379/3", LOG_FORMAT="text", HSTS_PRELOAD="true")
    assert values["cache"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/3",
    }
    assert values["formatter"] == "text"
    assert values["preload"] is True and values["silenced"] == []


def test_debug_is_allowed_for_loopback_only():
    assert production_settings(DEBUG="true", ALLOWED_HOSTS="127.0.0.1,localhost,[::1]")["debug"] is True
    assert "DEBUG=true" in refusal(DEBUG="true", ALLOWED_HOSTS="localhost,fachstelle.example.ch")


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"SECRET_KEY": "dev-only-insecure-key-do-not-use-in-production"}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"FIELD_ENCRYPTION_KEYS": "dGVzdC1vbmx5LWZpZWxkLWtleS1ub3QtZm9yLXByb2Q="}, "FIELD_ENCRYPTION_KEYS"),
        ({"BLIND_INDEX_KEY": "dev-only-blind-index-key"}, "BLIND_INDEX_KEY"),
        ({"ALLOW_SQLITE": None, "DATABASE_URL": None}, "PostgreSQL"),
        ({"CACHE_URL": "memcached://127.0.0.1:11211"}, "CACHE_URL"),
    ],
)
def test_unsafe_configurations_are_refused(overrides, named):
    assert named in refusal(**overrides)


def test_cache_config_from_the_environment():
    assert cache_config(url="rediss://:pw@redis.internal:6380/0")["BACKEND"].endswith("RedisCache")
    assert "OPTIONS" not in cache_config(url="redis://127.0.0.1:6379/1")  # Redis evicts by itself
    assert cache_config(url="db://shared_cache")["LOCATION"] == "shared_cache"
    assert cache_config(url="locmem://")["BACKEND"].endswith("LocMemCache")
    assert (
        cache_config(backend="django.core.cache.backends.redis.RedisCache", location="redis://x:6379")[
            "LOCATION"
        ]
        == "redis://x:6379"
    )
    assert cache_config(max_entries=10)["OPTIONS"] == {"MAX_ENTRIES": 10}


def test_public_hosts():
    assert public_hosts(["localhost", "127.0.0.1", "[::1]", ".localhost"]) == []
    assert public_hosts(["localhost", "fachstelle.example.ch", ".example.ch"]) == [
        "fachstelle.example.ch",
        ".example.ch",
    ]


def test_redis_cache_round_trip_when_redis_runs():
    """The Redis configuration works against a real server (Redis at 127.0.0.1:6379 on the CI machine)."""
    import redis
    from django.core.cache.backends.redis import RedisCache

    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    config = cache_config(url="redis://127.0.0.1:6379/15")
    cache = RedisCache(config["LOCATION"], {"KEY_PREFIX": f"test-{secrets.token_hex(4)}"})
    cache.set("counter", 1, timeout=30)
    assert cache.incr("counter") == 2  # atomic: what the public forms' rate limit relies on
    cache.delete("counter")
