"""A backup restores into a fresh database (in another process, as an operator would run it) with every row,
every file byte for byte, encrypted fields that still decrypt, and retention rules that still apply."""

import sqlite3
import uuid
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from fachstelle.core import crypto
from fachstelle.counselling.tests.protection_fixtures import NAME
from fachstelle.events.services.retention import REMOVED

from .support import (
    build_world,
    manage,
    manage_env,
    new_backup_key,
    read_tree,
    source_table_counts,
    use_file_dirs,
)

pytestmark = pytest.mark.django_db(transaction=True)  # committed data, so that pg_dump sees it


def make_backup(tmp_path: Path, monkeypatch, key: str) -> Path:
    monkeypatch.setenv("BACKUP_ENCRYPTION_KEY", key)
    out = StringIO()
    call_command("backup", output=str(tmp_path / "backups"), stdout=out)
    archives = list((tmp_path / "backups").glob("fachstelle-*.fsbackup"))
    assert len(archives) == 1 and "Backup written" in out.getvalue()
    return archives[0]


# --- PostgreSQL ---------------------------------------------------------------------------------------------


@pytest.fixture
def fresh_pg_database():
    """An empty database on the test server, dropped afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL round trip: run with DATABASE_URL=postgres://… (SQLite has its own test)")
    params = connection.settings_dict
    server = {
        "host": params["HOST"] or "localhost",
        "port": int(params["PORT"] or 5432),
        "user": params["USER"],
        "password": params["PASSWORD"] or None,
    }
    name = f"fs_restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://{server['user']}@{server['host']}:{server['port']}/{name}"
    if server["password"]:
        url = f"postgres://{server['user']}:{server['password']}@{server['host']}:{server['port']}/{name}"
    try:
        yield url, {**server, "dbname": name}
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_table_counts(conninfo: dict) -> dict[str, int]:
    with psycopg.connect(**conninfo) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        ]
        return {table: conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608


def test_postgresql_backup_restores_into_a_fresh_database(settings, tmp_path, monkeypatch, fresh_pg_database):
    url, conninfo = fresh_pg_database
    media, private = use_file_dirs(settings, tmp_path / "source")
    world = build_world(media, private)
    key = new_backup_key()
    archive = make_backup(tmp_path, monkeypatch, key)
    source_counts = source_table_counts()
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, opened_on, summary, status FROM counselling_case ORDER BY id")
        source_cases = cursor.fetchall()
        cursor.execute("SELECT name FROM counselling_client WHERE id = %s", [world.old_client_id])
        (source_name_ciphertext,) = cursor.fetchone()
    assert NAME.encode() not in archive.read_bytes()  # the archive itself is encrypted

    target_media, target_private = tmp_path / "restored" / "media", tmp_path / "restored" / "private"
    env = manage_env(database_url=url, media=target_media, private=target_private, backup_key=key)
    result = manage(env, "restore", str(archive))

    assert result.returncode == 0, result.stderr
    assert "Row counts match the backup" in result.stdout
    # Every table, not only the models' ones, holds as many rows as the source.
    assert pg_table_counts(conninfo) == source_counts
    assert source_counts["counselling_client"] == 3 and source_counts["events_registration"] == 2
    with psycopg.connect(**conninfo) as restored:
        cases = restored.execute(
            "SELECT id, opened_on, summary, status FROM counselling_case ORDER BY id"
        ).fetchall()
        (ciphertext,) = restored.execute(
            "SELECT name FROM counselling_client WHERE id = %s", [world.old_client_id]
        ).fetchone()
        (file_name,) = restored.execute(
            "SELECT file FROM grants_attachment WHERE id = %s", [world.attachment_id]
        ).fetchone()
    assert cases == source_cases
    # Encrypted at rest in the restored database too, and the field keys still open it.
    assert ciphertext == source_name_ciphertext and NAME not in ciphertext
    assert crypto.decrypt(ciphertext) == NAME
    assert crypto.decrypt(cases[0][2]).startswith("GEHEIM")
    # Every file is back with the same bytes (the attachment's too).
    assert read_tree(target_media, target_private) == world.files
    assert (target_media / file_name).read_bytes() == world.files[f"media/{file_name}"]

    # The retention rules survive: in the restored database they anonymise exactly the expired records.
    cases_run = manage(env, "anonymise_closed_cases")
    registrations_run = manage(env, "anonymise_past_registrations")
    assert cases_run.returncode == 0, cases_run.stderr
    assert "Total: anonymised 1 case(s), 1 person(s)." in cases_run.stdout
    assert "Anonymised 1 registration(s)" in registrations_run.stdout
    with psycopg.connect(**conninfo) as restored:
        anonymised = restored.execute(
            "SELECT id FROM counselling_case WHERE anonymised_at IS NOT NULL"
        ).fetchall()
        registrations = dict(restored.execute("SELECT id, name FROM events_registration").fetchall())
    assert anonymised == [(world.old_case_id,)]
    assert registrations == {world.old_registration_id: REMOVED, world.recent_registration_id: "Amina Tesfay"}


def test_postgresql_restore_refuses_a_database_with_data_unless_forced(
    settings, tmp_path, monkeypatch, fresh_pg_database
):
    url, conninfo = fresh_pg_database
    media, private = use_file_dirs(settings, tmp_path / "source")
    build_world(media, private)
    key = new_backup_key()
    archive = make_backup(tmp_path, monkeypatch, key)
    env = manage_env(database_url=url, media=tmp_path / "m", private=tmp_path / "p", backup_key=key)
    assert manage(env, "restore", str(archive)).returncode == 0

    again = manage(env, "restore", str(archive))
    assert again.returncode != 0 and "already holds data" in again.stderr
    forced = manage(env, "restore", str(archive), "--force")
    assert forced.returncode == 0, forced.stderr
    assert pg_table_counts(conninfo) == source_table_counts()


# --- SQLite -------------------------------------------------------------------------------------------------


def test_sqlite_backup_restores_into_a_new_file(settings, tmp_path, monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite round trip: runs on the default test settings (PostgreSQL has its own test)")
    media, private = use_file_dirs(settings, tmp_path / "source")
    world = build_world(media, private)
    key = new_backup_key()
    archive = make_backup(tmp_path, monkeypatch, key)
    source_counts = source_table_counts()

    target = tmp_path / "restored" / "db.sqlite3"
    target_media, target_private = tmp_path / "restored" / "media", tmp_path / "restored" / "private"
    env = manage_env(
        database_url=f"sqlite:///{target}", media=target_media, private=target_private, backup_key=key
    )
    result = manage(env, "restore", str(archive))

    assert result.returncode == 0, result.stderr
    with sqlite3.connect(target) as restored:
        tables = [
            row[0]
            for row in restored.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not row[0].startswith("sqlite_")
        ]
        counts = {t: restored.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
        (ciphertext,) = restored.execute(
            "SELECT name FROM counselling_client WHERE id = ?", [world.old_client_id]
        ).fetchone()
    assert counts == source_counts
    assert crypto.decrypt(ciphertext) == NAME
    assert read_tree(target_media, target_private) == world.files

    cases_run = manage(env, "anonymise_closed_cases")
    registrations_run = manage(env, "anonymise_past_registrations")
    assert "Total: anonymised 1 case(s), 1 person(s)." in cases_run.stdout, cases_run.stderr
    assert "Anonymised 1 registration(s)" in registrations_run.stdout
    with sqlite3.connect(target) as restored:
        anonymised = restored.execute(
            "SELECT id FROM counselling_case WHERE anonymised_at IS NOT NULL"
        ).fetchall()
        (old_name,) = restored.execute(
            "SELECT name FROM events_registration WHERE id = ?", [world.old_registration_id]
        ).fetchone()
    assert anonymised == [(world.old_case_id,)] and old_name == REMOVED
