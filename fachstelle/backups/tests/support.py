"""Realistic data across apps (with files in a temporary MEDIA_ROOT and PRIVATE_EXPORT_ROOT) and helpers to
run manage.py in a subprocess against another database, as an operator restoring a backup would."""

import base64
import datetime
import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from fachstelle.core.models import FieldOfAction, Language, PromotionArea, TargetGroup
from fachstelle.core.reference_data import seed_reference_data
from fachstelle.core.tests.factories import make_offer
from fachstelle.counselling.models import Topic
from fachstelle.counselling.reference_data import seed_topics
from fachstelle.counselling.tests.factories import counselling_world
from fachstelle.counselling.tests.protection_fixtures import NAME, full_client
from fachstelle.events.tests.factories_public import EventFactory, RegistrationFactory
from fachstelle.grants.models import Attachment
from fachstelle.projects.tests.factories import make_application

BASE_DIR = Path(settings.BASE_DIR)


@dataclass
class World:
    old_case_id: int  # closed 800 days ago: past the 24-month retention
    recent_case_id: int
    old_client_id: int
    old_registration_id: int  # event ended 200 days ago: past the 180-day retention
    recent_registration_id: int
    attachment_id: int
    files: dict[str, bytes]  # "media/…" / "private/…" → content


def use_file_dirs(settings, tmp_path: Path) -> tuple[Path, Path]:
    """Uploads go to real files under tmp_path (the test settings keep them in memory)."""
    media, private = tmp_path / "media", tmp_path / "private"
    settings.MEDIA_ROOT = media
    settings.PRIVATE_EXPORT_ROOT = private
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return media, private


def build_world(media: Path, private: Path, *, big_file: bool = False) -> World:
    # Transactional tests flush what the data migrations seeded.
    seed_reference_data(FieldOfAction, PromotionArea, TargetGroup, Language)
    seed_topics(Topic)
    world = counselling_world()
    old_client, old_case = full_client(world, closed_days_ago=800)
    _recent_client, recent_case = full_client(world, name="Recent Person", closed_days_ago=30)
    full_client(world, name="Open Person", closed_days_ago=None)
    make_offer(office=world.office, title="Deutschkurs für Eltern")

    registrations = []
    for days_ago in (200, 30):
        ends = timezone.now() - datetime.timedelta(days=days_ago)
        event = EventFactory(office=world.office, starts_at=ends - datetime.timedelta(hours=2), ends_at=ends)
        registrations.append(
            RegistrationFactory(event=event, name="Amina Tesfay", email="amina@example.org", people=2)
        )

    application = make_application(office=world.office)
    pdf = b"%PDF-1.4 " + os.urandom(1_500_000 if big_file else 40_000)  # binary, incompressible
    attachment = Attachment(
        application=application,
        label="Statuten",
        original_name="statuten.pdf",
        content_type="application/pdf",
        size=len(pdf),
    )
    attachment.file.save("statuten.pdf", ContentFile(pdf), save=True)
    export = private / "2026" / "export-ab12.zip"
    export.parent.mkdir(parents=True)
    export.write_bytes(os.urandom(5000))

    files = {
        f"media/{p.relative_to(media).as_posix()}": p.read_bytes() for p in media.rglob("*") if p.is_file()
    }
    files |= {
        f"private/{p.relative_to(private).as_posix()}": p.read_bytes()
        for p in private.rglob("*")
        if p.is_file()
    }
    assert f"media/{attachment.file.name}" in files
    return World(
        old_case_id=old_case.pk,
        recent_case_id=recent_case.pk,
        old_client_id=old_client.pk,
        old_registration_id=registrations[0].pk,
        recent_registration_id=registrations[1].pk,
        attachment_id=attachment.pk,
        files=files,
    )


def read_tree(media: Path, private: Path) -> dict[str, bytes]:
    files = {}
    for prefix, root in (("media", media), ("private", private)):
        for path in root.rglob("*"):
            if path.is_file():
                files[f"{prefix}/{path.relative_to(root).as_posix()}"] = path.read_bytes()
    return files


def source_table_counts() -> dict[str, int]:
    """Rows of every table of the test database (not only Django's models)."""
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def new_backup_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def manage_env(*, database_url: str, media: Path, private: Path, backup_key: str) -> dict[str, str]:
    """A production-like process: settings from the environment, the same field keys as the tests."""
    env = {k: v for k, v in os.environ.items() if k not in {"TEST_DATABASE_NAME", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media),
        PRIVATE_EXPORT_ROOT=str(private),
        FIELD_ENCRYPTION_KEYS=",".join(settings.FIELD_ENCRYPTION_KEYS),
        BLIND_INDEX_KEY=settings.BLIND_INDEX_KEY,
        BACKUP_ENCRYPTION_KEY=backup_key,
        EVENT_REGISTRATION_RETENTION_DAYS="180",
    )
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


__all__ = ["NAME"]
