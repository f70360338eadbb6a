"""Database side of backups: a consistent dump with its row counts, and the restore into the configured
database. PostgreSQL goes through pg_dump/pg_restore (Debian's postgresql-client), SQLite through sqlite3's
online backup API."""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.db import connections
from django.db.backends.postgresql.client import DatabaseClient

from .archive import CHUNK_SIZE, file_chunks

SUPPORTED = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class DatabaseError(Exception):
    """pg_dump/pg_restore failed or the database is not what the archive needs; the message says why."""


@dataclass
class Snapshot:
    vendor: str
    entry_name: str
    chunks: Iterator[bytes]  # the dump, streamed
    row_counts: dict[str, int]
    migrations: list[str]


def model_tables() -> dict[str, str]:
    """Model label → table of every concrete model, m2m tables included (proxies share their parent's)."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        tables[model._meta.label_lower] = model._meta.db_table
    return dict(sorted(tables.items()))


def _count(cursor, quote, existing: set[str]) -> dict[str, int]:
    counts = {}
    for label, table in model_tables().items():
        if table in existing:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - table names from models
            counts[label] = cursor.fetchone()[0]
    return counts


def _migrations(cursor, existing: set[str]) -> list[str]:
    if "django_migrations" not in existing:
        return []
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [f"{app}.{name}" for app, name in cursor.fetchall()]


def pg_env(settings_dict: dict) -> dict[str, str]:
    """libpq environment for pg_dump/pg_restore from a DATABASES entry (password, SSL, service as psql gets
    them from Django), so that no secret appears on a command line."""
    _args, extra = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(extra or {})}
    for key, value in [
        ("PGHOST", settings_dict.get("HOST")),
        ("PGPORT", settings_dict.get("PORT")),
        ("PGUSER", settings_dict.get("USER")),
        ("PGDATABASE", settings_dict.get("NAME")),
    ]:
        if value:
            env[key] = str(value)
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise DatabaseError(f"{name} is not installed (Debian: apt install postgresql-client).")
    return path


@contextmanager
def database_snapshot(alias: str = "default") -> Iterator[Snapshot]:
    connection = connections[alias]
    if connection.in_atomic_block:
        # PostgreSQL: the dump's own connection would not see this transaction's writes. SQLite: the backup
        # API would wait for this transaction's locks forever.
        raise DatabaseError("A backup cannot run inside a database transaction.")
    if connection.vendor == "postgresql":
        with _postgresql_snapshot(connection) as snapshot:
            yield snapshot
    elif connection.vendor == "sqlite":
        with _sqlite_snapshot(connection) as snapshot:
            yield snapshot
    else:
        raise DatabaseError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")


@contextmanager
def _postgresql_snapshot(connection) -> Iterator[Snapshot]:
    # Counts, migrations and pg_dump all read one exported snapshot: the manifest describes exactly the dump,
    # even while the application keeps writing.
    own = connection.copy()
    try:
        with own.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot_id = cursor.fetchone()[0]
            existing = set(own.introspection.table_names(cursor))
            counts = _count(cursor, own.ops.quote_name, existing)
            migrations = _migrations(cursor, existing)
            yield Snapshot(
                vendor="postgresql",
                entry_name=SUPPORTED["postgresql"],
                chunks=_pg_dump(own.settings_dict, snapshot_id),
                row_counts=counts,
                migrations=migrations,
            )
            cursor.execute("ROLLBACK")
    finally:
        own.close()


def _pg_dump(settings_dict: dict, snapshot_id: str) -> Iterator[bytes]:
    command = [_tool("pg_dump"), "--format=custom", "--no-owner", f"--snapshot={snapshot_id}"]
    with tempfile.TemporaryFile() as errors:
        # stdout is read as it comes (never the whole dump in memory); stderr goes to a file so that a
        # chatty pg_dump cannot block on a full pipe.
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, env=pg_env(settings_dict))
        try:
            yield from file_chunks(process.stdout, CHUNK_SIZE)
        finally:
            process.stdout.close()
            returncode = process.wait()
        if returncode != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace").strip()
            raise DatabaseError(f"pg_dump failed (exit {returncode}): {message}")


@contextmanager
def _sqlite_snapshot(connection) -> Iterator[Snapshot]:
    connection.ensure_connection()
    with tempfile.TemporaryDirectory(prefix="fachstelle-backup-") as tmp:
        copy_path = Path(tmp) / "db.sqlite3"
        copy = sqlite3.connect(copy_path)
        try:
            # The online backup API copies a consistent state even while others write.
            connection.connection.backup(copy)
            cursor = copy.cursor()
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            existing = {row[0] for row in cursor.fetchall()}
            counts = _count(cursor, connection.ops.quote_name, existing)
            migrations = _migrations(cursor, existing)
        finally:
            copy.close()
        with copy_path.open("rb") as stream:
            yield Snapshot(
                vendor="sqlite",
                entry_name=SUPPORTED["sqlite"],
                chunks=file_chunks(stream),
                row_counts=counts,
                migrations=migrations,
            )


def current_row_counts(alias: str = "default") -> dict[str, int]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        return _count(cursor, connection.ops.quote_name, existing)


def database_has_data(alias: str = "default") -> bool:
    """A target counts as empty when it has no tables, or only what `migrate` makes (reference data, but no
    office and no user). Tables of something other than Django count as data: wrong database?"""
    connection = connections[alias]
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    if connection.vendor == "sqlite" and not in_memory and not _sqlite_path(connection).exists():
        return False
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        if not existing:
            return False
        if "django_migrations" not in existing:
            return True
        tables = model_tables()
        for label in ("core.office", "core.user"):
            table = tables.get(label)
            if table in existing:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
                if cursor.fetchone():
                    return True
    return False


def _sqlite_path(connection) -> Path:
    return Path(connection.settings_dict["NAME"])


def restore_database(*, dump: Path, vendor: str, alias: str = "default") -> None:
    connection = connections[alias]
    if vendor != connection.vendor:
        raise DatabaseError(
            f"The archive holds a {vendor} database; the configured database is {connection.vendor}."
        )
    # Our own connection would hold locks (PostgreSQL) or the old file (SQLite).
    connection.close()
    if vendor == "postgresql":
        command = [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            # All or nothing: an error rolls back the whole restore instead of leaving half a database.
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ]
        result = subprocess.run(
            command, capture_output=True, env=pg_env(connection.settings_dict), check=False
        )
        if result.returncode != 0:
            message = result.stderr.decode(errors="replace").strip()
            raise DatabaseError(f"pg_restore failed (exit {result.returncode}), nothing changed: {message}")
    else:
        if connection.is_in_memory_db():
            raise DatabaseError("The configured SQLite database is in memory: nothing to restore into.")
        target = _sqlite_path(connection)
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.with_name(target.name + ".restoring")
        shutil.copyfile(dump, staging)
        # Journal files of the old database would be replayed into the new one.
        for suffix in ("-wal", "-shm", "-journal"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        os.replace(staging, target)
