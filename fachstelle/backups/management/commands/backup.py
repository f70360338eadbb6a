"""`manage.py backup [--output DIR] [--keep N]`: one encrypted archive of the database, MEDIA_ROOT and
PRIVATE_EXPORT_ROOT (see fachstelle/backups/archive.py and docs/backups.md). Meant for a nightly timer."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fachstelle.backups.services import BackupError, backup_create, backups_rotate


class Command(BaseCommand):
    help = "Write an encrypted backup archive (database and files); --keep N deletes all but the newest N."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            metavar="DIR",
            default=os.environ.get("BACKUP_DIR"),
            help="Directory of the archives (default: $BACKUP_DIR).",
        )
        parser.add_argument("--keep", type=int, metavar="N", help="Keep only the newest N archives in DIR.")

    def handle(self, *args, output: str | None, keep: int | None, **options):
        if not output:
            raise CommandError("Give --output DIR or set BACKUP_DIR.")
        if keep is not None and keep < 1:
            raise CommandError("--keep must be at least 1.")
        output_dir = Path(output)
        try:
            path, manifest = backup_create(output_dir=output_dir)
            deleted = backups_rotate(output_dir=output_dir, keep=keep, spare=path) if keep else []
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            f"Database ({manifest['database']['vendor']}): {manifest['database']['size']} bytes, "
            f"{rows} rows in {len(manifest['row_counts'])} tables; files: {len(manifest['files'])}."
        )
        for old in deleted:
            self.stdout.write(f"Deleted old backup {old.name}")
        self.stdout.write(self.style.SUCCESS(f"Backup written: {path} ({path.stat().st_size} bytes)"))
