"""`manage.py restore ARCHIVE [--force] [--extract-to DIR]`: decrypt and verify a backup archive, then replace
the configured database and restore MEDIA_ROOT / PRIVATE_EXPORT_ROOT files; exits non-zero when the row
counts afterwards differ from the archive's manifest. See docs/backups.md for the restore drill."""

import json
import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fachstelle.backups.services import BackupError, archive_extract, backup_restore


class Command(BaseCommand):
    help = "Restore an encrypted backup archive into the configured database and file directories."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .fsbackup file.")
        parser.add_argument(
            "--force", action="store_true", help="Replace a database that already holds offices or users."
        )
        parser.add_argument(
            "--extract-to",
            metavar="DIR",
            help="Only decrypt and verify into DIR (database dump, files, manifest.json); change nothing.",
        )

    def handle(self, *args, archive: str, force: bool, extract_to: str | None, **options):
        try:
            if extract_to:
                self._extract(Path(archive), Path(extract_to))
                return
            report = backup_restore(archive_path=Path(archive), force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        manifest = report.manifest
        self.stdout.write(
            f"Restored the {manifest['database']['vendor']} database of {manifest['created_at']} "
            f"(fachstelle {manifest['app_version']}) and {report.files_restored} file(s)."
        )
        if report.unknown_migrations:
            self.stdout.write(
                self.style.WARNING(
                    "The backup has migrations this code does not know (restored into older code?): "
                    + ", ".join(report.unknown_migrations)
                )
            )
        if not report.ok:
            for label, (expected, found) in sorted(report.mismatches.items()):
                self.stderr.write(f"  {label}: {expected} rows in the backup, {found} now")
            raise CommandError(f"Row counts differ from the backup in {len(report.mismatches)} table(s).")
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Row counts match the backup: {rows} rows in {len(manifest['row_counts'])} tables."
            )
        )
        self.stdout.write("Next: `manage.py migrate` if this code is newer than the backup.")

    def _extract(self, archive: Path, into: Path) -> None:
        if into.exists() and any(into.iterdir()):
            raise CommandError(f"{into} is not empty.")
        into.mkdir(parents=True, exist_ok=True)
        into.chmod(0o700)
        try:
            extracted = archive_extract(archive_path=archive, into=into)
        except BackupError:
            # No half-extracted plaintext left behind.
            shutil.rmtree(into)
            raise
        (into / "manifest.json").write_text(json.dumps(extracted.manifest, indent=2))
        self.stdout.write(self.style.SUCCESS(f"Archive verified and decrypted into {into}."))
