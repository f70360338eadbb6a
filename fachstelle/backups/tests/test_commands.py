"""The commands refuse to work without a key, restore nothing from a wrong-key, altered or truncated archive,
refuse to overwrite data without --force, and rotate old archives."""

import datetime
import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from fachstelle.backups import archive as archive_format
from fachstelle.backups.services import archive_path_for, backups_rotate
from fachstelle.core.models import Office
from fachstelle.core.tests.factories import OfficeFactory

from .support import new_backup_key, use_file_dirs

pytestmark = pytest.mark.django_db(transaction=True)  # a backup reads committed data only


@pytest.fixture
def backed_up(settings, tmp_path, monkeypatch):
    """An office, a 1.5 MB media file (two archive chunks at least) and a backup of them."""
    media, _private = use_file_dirs(settings, tmp_path / "source")
    OfficeFactory(name="Fachstelle Integration Aarau")
    (media / "news").mkdir(parents=True)
    (media / "news" / "bild.jpg").write_bytes(os.urandom(1_500_000))
    monkeypatch.setenv("BACKUP_ENCRYPTION_KEY", new_backup_key())
    call_command("backup", output=str(tmp_path / "backups"), stdout=StringIO())
    (archive,) = (tmp_path / "backups").glob("*.fsbackup")
    # Restores go to other directories, so that "nothing restored" can be seen.
    use_file_dirs(settings, tmp_path / "target")
    return archive


def restore(*args) -> str:
    out = StringIO()
    call_command("restore", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def assert_nothing_restored(tmp_path: Path):
    assert not (tmp_path / "target").exists()
    assert list(Office.objects.values_list("name", flat=True)) == ["Fachstelle Integration Aarau"]


def test_backup_refuses_to_run_without_a_key(tmp_path, monkeypatch):
    monkeypatch.delenv("BACKUP_ENCRYPTION_KEY", raising=False)
    with pytest.raises(CommandError, match="BACKUP_ENCRYPTION_KEY is not set"):
        call_command("backup", output=str(tmp_path / "out"))
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_archive_is_private_and_holds_a_complete_manifest(backed_up, tmp_path):
    assert backed_up.stat().st_mode & 0o777 == 0o600
    extracted = tmp_path / "extracted"
    output = restore(str(backed_up), "--extract-to", str(extracted))
    assert "verified" in output
    manifest = json.loads((extracted / "manifest.json").read_text())
    assert manifest["database"]["vendor"] in {"postgresql", "sqlite"}
    assert (extracted / manifest["database"]["path"]).stat().st_size == manifest["database"]["size"] > 0
    assert manifest["files"] == [
        {"path": "media/news/bild.jpg", "size": 1_500_000, "sha256": manifest["files"][0]["sha256"]}
    ]
    assert (extracted / "media/news/bild.jpg").read_bytes() == (
        tmp_path / "source/media/news/bild.jpg"
    ).read_bytes()
    assert "counselling.client" in manifest["row_counts"]
    assert "core.0001_initial" in manifest["migrations"]
    assert {"created_at", "app_version", "django_version"} <= manifest.keys()


def test_wrong_key_restores_nothing(backed_up, tmp_path, monkeypatch):
    monkeypatch.setenv("BACKUP_ENCRYPTION_KEY", new_backup_key())
    with pytest.raises(CommandError, match="different BACKUP_ENCRYPTION_KEY"):
        restore(str(backed_up), "--force")
    assert_nothing_restored(tmp_path)


def test_tampered_byte_restores_nothing(backed_up, tmp_path):
    data = bytearray(backed_up.read_bytes())
    data[len(data) - 100] ^= 0x20  # in the last chunk: the database and the first file were already read
    backed_up.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="damaged, truncated or was altered"):
        restore(str(backed_up), "--force")
    assert_nothing_restored(tmp_path)


def test_extract_of_an_altered_archive_leaves_no_plaintext(backed_up, tmp_path):
    data = bytearray(backed_up.read_bytes())
    data[-1] ^= 0x01  # the last tag: everything before it decrypts and was already written out
    backed_up.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="damaged, truncated or was altered"):
        restore(str(backed_up), "--extract-to", str(tmp_path / "extracted"))
    assert not (tmp_path / "extracted").exists()


@pytest.mark.parametrize("cut", ["middle", "chunk boundary", "last byte"])
def test_truncated_archive_restores_nothing(backed_up, tmp_path, cut):
    data = backed_up.read_bytes()
    length = {
        "middle": len(data) // 2,
        "chunk boundary": archive_format.HEADER_SIZE + archive_format.CHUNK_SIZE + archive_format.TAG_SIZE,
        "last byte": len(data) - 1,
    }[cut]
    backed_up.write_bytes(data[:length])
    with pytest.raises(CommandError, match="truncated"):
        restore(str(backed_up), "--force")
    assert_nothing_restored(tmp_path)


def test_restore_refuses_a_database_with_data(backed_up, tmp_path):
    with pytest.raises(CommandError, match="already holds data"):
        restore(str(backed_up))
    assert_nothing_restored(tmp_path)


def test_keep_deletes_all_but_the_newest_archives(backed_up, tmp_path):
    output = tmp_path / "backups"
    out = StringIO()
    for _ in range(3):
        call_command("backup", output=str(output), keep=2, stdout=out)
    archives = sorted(p.name for p in output.iterdir())
    assert len(archives) == 2 and backed_up.name not in archives
    # Made within seconds (numbered names): each run's own archive survives its rotation.
    written = [
        line.split(": ", 1)[1].rsplit(" (", 1)[0] for line in out.getvalue().splitlines() if "written" in line
    ]
    assert len(written) == 3 and {Path(p).name for p in written[1:]} == set(archives)
    assert "Deleted old backup" in out.getvalue()


def test_rotation_orders_by_time_in_the_name_and_leaves_other_files(tmp_path):
    names = [
        "fachstelle-20260101T010000Z.fsbackup",
        "fachstelle-20260101T010000Z-2.fsbackup",  # same second, made later
        "fachstelle-20260101T010000Z-10.fsbackup",
        "fachstelle-20251231T235959Z.fsbackup",
        "notes.txt",
        "other-20200101T000000Z.fsbackup",
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    assert backups_rotate(output_dir=tmp_path, keep=5) == []
    # Same second as existing archives: numbered after the highest, never into a gap.
    assert archive_path_for(tmp_path, datetime.datetime(2026, 1, 1, 1, 0, tzinfo=datetime.UTC)).name == (
        "fachstelle-20260101T010000Z-11.fsbackup"
    )
    deleted = backups_rotate(output_dir=tmp_path, keep=2)
    assert sorted(p.name for p in deleted) == [
        "fachstelle-20251231T235959Z.fsbackup",
        "fachstelle-20260101T010000Z.fsbackup",
    ]
    kept = {p.name for p in tmp_path.iterdir()}
    assert kept == {
        "fachstelle-20260101T010000Z-2.fsbackup",
        "fachstelle-20260101T010000Z-10.fsbackup",
        "notes.txt",
        "other-20200101T000000Z.fsbackup",
    }


def test_backup_inside_a_transaction_is_refused_instead_of_missing_data(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKUP_ENCRYPTION_KEY", new_backup_key())
    with transaction.atomic(), pytest.raises(CommandError, match="inside a database transaction"):
        call_command("backup", output=str(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_rotation_spares_the_archive_just_written(tmp_path):
    for name in ["fachstelle-20260301T000000Z.fsbackup", "fachstelle-20260302T000000Z.fsbackup"]:
        (tmp_path / name).write_bytes(b"x")
    behind = tmp_path / "fachstelle-20250101T000000Z.fsbackup"  # written with a clock set back
    behind.write_bytes(b"x")
    deleted = backups_rotate(output_dir=tmp_path, keep=1, spare=behind)
    assert [p.name for p in deleted] == ["fachstelle-20260301T000000Z.fsbackup"]
    assert behind.exists()


def test_keep_zero_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKUP_ENCRYPTION_KEY", new_backup_key())
    with pytest.raises(CommandError, match="at least 1"):
        call_command("backup", output=str(tmp_path), keep=0)
    assert list(tmp_path.iterdir()) == []
