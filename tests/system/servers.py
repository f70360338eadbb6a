"""App servers as real gunicorn subprocesses on the test database, for the system tests.

Each server runs `config.wsgi` with the production settings (tests/system/server_settings.py) and a
production-like environment; the test process and the servers share only PostgreSQL, as separate machines
behind a load balancer would.
"""

import collections
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")

# Keys the servers and the test process share (production refuses the test settings' keys); a Fernet key
# and an HMAC key that are only ever used by this test.
FIELD_ENCRYPTION_KEY = "c3lzdGVtLXRlc3Qtb25seS1maWVsZC1rZXktMzJieXQ="  # base64 of 32 bytes
BLIND_INDEX_KEY = "system-test-blind-index-key-0123456789abcdef"
CACHE_TABLE = "fachstelle_cache"


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Django's PBKDF2 with few rounds, for the staff password the test sets: the servers (default hashers)
    verify it with the rounds stored in the hash, so the test need not spend a second hashing it."""

    iterations = 1000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The URL of the database this test runs on (the test database, not the configured one)."""
    db = connection.settings_dict
    auth = db["USER"] or ""
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or "5432"
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}"


def server_environment(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.system.server_settings",
        SECRET_KEY=secrets.token_urlsafe(48),
        DATABASE_URL=database_url(),
        FIELD_ENCRYPTION_KEYS=FIELD_ENCRYPTION_KEY,
        BLIND_INDEX_KEY=BLIND_INDEX_KEY,
        HTTPS_ONLY="false",
        ALLOWED_HOSTS="127.0.0.1",
        # Shared state lives in PostgreSQL: sessions (Django's default) and the cache (rate limits).
        CACHE_BACKEND="django.core.cache.backends.db.DatabaseCache",
        CACHE_LOCATION=CACHE_TABLE,
        PUBLIC_FORM_RATE_LIMIT="100000",
        # E-mails and letters are not the subject here; a real deployment runs them on the task worker.
        TASK_BACKEND="django_tasks.backends.dummy.DummyBackend",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_EXPORT_ROOT=str(tmp_path / "exports"),
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


@dataclass
class AppServer:
    name: str
    port: int
    access_log: Path
    error_log: Path
    process: subprocess.Popen | None = None
    sent: collections.Counter = field(default_factory=collections.Counter)  # status codes seen by clients

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, env: dict[str, str]) -> None:
        command = [
            str(GUNICORN),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            "2",
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--timeout",
            "60",
            # Clients wait at a barrier between fetching a form and posting it on the same connection; with
            # gunicorn's default of 2 s the server may close it in between (nginx keeps its own upstreams).
            "--keep-alive",
            "120",
            # Import the app once per server, not once per worker: starts in half the time on a busy machine.
            "--preload",
            "--access-logfile",
            str(self.access_log),
            # status, method, path: one line per answered request
            "--access-logformat",
            "%(s)s %(m)s %(U)s",
            "--error-logfile",
            str(self.error_log),
        ]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)

    def wait_ready(self, timeout: float = 45) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server {self.name} exited:\n{self.error_log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/health/", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"server {self.name} not ready:\n{self.error_log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)  # quick shutdown: no waiting for idle keep-alive clients
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)

    def answered(self) -> collections.Counter:
        """Status codes of the requests this server logged, health checks left out."""
        counts: collections.Counter = collections.Counter()
        if self.access_log.exists():
            for line in self.access_log.read_text().splitlines():
                status, _method, path = line.split(" ", 2)
                if path != "/health/":
                    counts[int(status)] += 1
        return counts
