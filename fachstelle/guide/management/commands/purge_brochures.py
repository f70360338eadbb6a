"""Delete brochures whose content is no longer current (and failed ones), with their files."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from fachstelle.guide.brochure import PURGE_GRACE, brochures_purge_superseded


class Command(BaseCommand):
    help = "Delete the files of superseded welcome brochures (older than the grace period)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace-hours",
            type=float,
            default=PURGE_GRACE.total_seconds() / 3600,
            help="Keep superseded brochures this many hours after they were requested (default: 24).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be deleted.")

    def handle(self, *args, grace_hours, dry_run, **options):
        count = brochures_purge_superseded(grace=timedelta(hours=grace_hours), dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {count} superseded brochure(s).")
