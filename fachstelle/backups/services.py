"""Backup and restore of the whole installation: database, MEDIA_ROOT and PRIVATE_EXPORT_ROOT in one
encrypted archive (format: archive.py). The management commands `backup` and `restore` call these."""

import datetime
import hashlib
import json
import os
import re
import shutil
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.conf import settings

from . import archive
from .archive import ArchiveError
from .database import (
    SUPPORTED,
    DatabaseError,
    current_row_counts,
    database_has_data,
    database_snapshot,
    restore_database,
)

MANIFEST = "manifest.json"
ARCHIVE_NAME = re.compile(r"^fachstelle-(\d{8}T\d{6}Z)(?:-(\d+))?\.fsbackup$")


class BackupError(Exception):
    """A backup or restore cannot go on; the message is meant for the operator."""


def file_roots() -> dict[str, Path]:
    """Archive prefix → directory whose every file goes into the backup."""
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_EXPORT_ROOT)}


def _app_version() -> str:
    try:
        with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as stream:
            return tomllib.load(stream)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def _files_under(root: Path) -> Iterator[tuple[str, Path]]:
    if not root.is_dir():
        return
    for directory, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(directory) / filename
            if path.is_file():
                yield path.relative_to(root).as_posix(), path


def archive_path_for(output_dir: Path, now: datetime.datetime) -> Path:
    stamp = now.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    # Several backups in one second are numbered after the highest number of that second (not into a gap
    # left by rotation), so that name order stays time order.
    numbers = [
        int(match.group(2) or 1)
        for path in output_dir.iterdir()
        if (match := ARCHIVE_NAME.match(path.name)) and match.group(1) == stamp
    ]
    if not numbers:
        return output_dir / f"fachstelle-{stamp}.fsbackup"
    return output_dir / f"fachstelle-{stamp}-{max(numbers) + 1}.fsbackup"


def backup_create(*, output_dir: Path, now: datetime.datetime | None = None) -> tuple[Path, dict]:
    """Write one archive into output_dir and return its path and manifest. The archive appears under its
    final name only when complete; a failure leaves no file behind."""
    try:
        key = archive.key_from_env()
    except ArchiveError as exc:
        raise BackupError(str(exc)) from None
    now = now or datetime.datetime.now(datetime.UTC)
    output_dir.mkdir(parents=True, exist_ok=True)
    target = archive_path_for(output_dir, now)
    partial = target.with_name(f".{target.name}.partial")
    manifest = {
        "format": archive.VERSION,
        "created_at": now.astimezone(datetime.UTC).isoformat(),
        "app_version": _app_version(),
        "django_version": django.get_version(),
    }
    try:
        # 0600 from the first byte: only the backup user reads archives.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as raw:
            writer = archive.ArchiveWriter(archive.EncryptingWriter(raw, key))
            with database_snapshot() as snapshot:
                info = writer.add_stream(snapshot.entry_name, snapshot.chunks)
                manifest["database"] = {
                    "vendor": snapshot.vendor,
                    "path": info.name,
                    "size": info.size,
                    "sha256": info.sha256,
                }
                manifest["migrations"] = snapshot.migrations
                manifest["row_counts"] = snapshot.row_counts
            files = []
            for prefix, root in file_roots().items():
                for relative, path in _files_under(root):
                    with path.open("rb") as stream:
                        info = writer.add_stream(f"{prefix}/{relative}", archive.file_chunks(stream))
                    files.append({"path": info.name, "size": info.size, "sha256": info.sha256})
            manifest["files"] = files
            writer.add_bytes(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode())
            writer.finish()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, target)
    except (DatabaseError, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"Backup failed, no archive written: {exc}") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target, manifest


def _archive_sort_key(path: Path) -> tuple[str, int]:
    match = ARCHIVE_NAME.match(path.name)
    return (match.group(1), int(match.group(2) or 1))


def backups_rotate(*, output_dir: Path, keep: int, spare: Path | None = None) -> list[Path]:
    """Delete all but the newest `keep` archives (by the UTC time in their names) and return the deleted ones.
    `spare` (the archive just written) survives even if a clock set back made it look older. Other files in
    the directory are never touched."""
    if keep < 1:
        raise BackupError("--keep must be at least 1: rotation never deletes the newest backup.")
    archives = sorted(
        (path for path in output_dir.iterdir() if ARCHIVE_NAME.match(path.name)), key=_archive_sort_key
    )
    doomed = [path for path in archives[:-keep] if path != spare]
    for path in doomed:
        path.unlink()
    return doomed


@dataclass
class Extracted:
    directory: Path
    manifest: dict

    def database_file(self) -> Path:
        return self.directory / self.manifest["database"]["path"]


def archive_extract(*, archive_path: Path, into: Path) -> Extracted:
    """Decrypt and verify an archive into `into`: every entry authenticated, then checked against the
    manifest (names, sizes, SHA-256). Raises BackupError; `into` may then hold partial files."""
    try:
        key = archive.key_from_env()
        with archive_path.open("rb") as raw:
            reader = archive.DecryptingReader(raw, key)
            found: dict[str, tuple[int, str]] = {}
            manifest_bytes = None
            for name, chunks in archive.read_entries(reader):
                if name in found or (name == MANIFEST and manifest_bytes is not None):
                    raise ArchiveError(f"The archive holds {name} twice.")
                if name == MANIFEST:
                    manifest_bytes = b"".join(chunks)
                    continue
                path = into / name
                path.parent.mkdir(parents=True, exist_ok=True)
                digest, size = hashlib.sha256(), 0
                with path.open("wb") as out:
                    for chunk in chunks:
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                found[name] = (size, digest.hexdigest())
    except FileNotFoundError:
        raise BackupError(f"No archive at {archive_path}.") from None
    except ArchiveError as exc:
        raise BackupError(str(exc)) from None
    if manifest_bytes is None:
        raise BackupError("The archive has no manifest.")
    manifest = json.loads(manifest_bytes)
    entries = [manifest["database"], *manifest["files"]]
    expected = {item["path"]: (item["size"], item["sha256"]) for item in entries}
    if expected != found:
        names = expected.keys() | found.keys()
        wrong = sorted(name for name in names if expected.get(name) != found.get(name))
        raise BackupError(f"The archive does not match its manifest: {', '.join(wrong)}.")
    if manifest["database"]["vendor"] not in SUPPORTED:
        raise BackupError(f"Unknown database vendor in the manifest: {manifest['database']['vendor']}.")
    return Extracted(directory=into, manifest=manifest)


@contextmanager
def verified_archive(archive_path: Path) -> Iterator[Extracted]:
    """The archive decrypted and verified in a private temporary directory, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="fachstelle-restore-") as tmp:
        yield archive_extract(archive_path=archive_path, into=Path(tmp))


@dataclass
class RestoreReport:
    manifest: dict
    files_restored: int = 0
    # model label → (rows in the archive, rows now)
    mismatches: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    unknown_migrations: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatches


def _known_migrations() -> set[str]:
    from django.db.migrations.loader import MigrationLoader

    return {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}


def _restore_files(extracted: Extracted) -> int:
    roots = file_roots()
    for item in extracted.manifest["files"]:
        prefix, relative = item["path"].split("/", 1)
        target = roots[prefix] / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.with_name(f".{target.name}.restoring")
        shutil.copyfile(extracted.directory / item["path"], staging)
        os.replace(staging, target)
    return len(extracted.manifest["files"])


def backup_restore(*, archive_path: Path, force: bool = False) -> RestoreReport:
    """Verify the whole archive first; then database, then files; then compare row counts to the manifest."""
    # Checked before the (long) decryption too, so that a refusal comes at once.
    if database_has_data() and not force:
        raise BackupError(
            "The target database already holds data (offices or users). Restoring replaces it: "
            "run again with --force if that is what you want."
        )
    with verified_archive(archive_path) as extracted:
        try:
            restore_database(dump=extracted.database_file(), vendor=extracted.manifest["database"]["vendor"])
        except DatabaseError as exc:
            raise BackupError(str(exc)) from None
        report = RestoreReport(manifest=extracted.manifest)
        report.files_restored = _restore_files(extracted)
    now = current_row_counts()
    for label, count in extracted.manifest["row_counts"].items():
        if now.get(label) != count:
            report.mismatches[label] = (count, now.get(label))
    report.unknown_migrations = sorted(set(extracted.manifest["migrations"]) - _known_migrations())
    return report
