"""`manage.py purge_expired_exports [--dry-run]`: delete the archives of expired exports of personal data
(settings.PERSONAL_EXPORT_DAYS after they were requested) and mark them expired. Daily cron job; the
retention command runs it too."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from fachstelle.counselling.models import PersonalDataExport
from fachstelle.counselling.services.exports import exports_purge_expired


class Command(BaseCommand):
    help = "Delete expired exports of personal data (files and status)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count only; change nothing.")

    def handle(self, *args, dry_run: bool, **options):
        if dry_run:
            count = (
                PersonalDataExport.objects.filter(expires_at__lte=timezone.now())
                .exclude(status=PersonalDataExport.Status.EXPIRED)
                .count()
            )
            self.stdout.write(f"Would delete {count} expired export(s). Dry run: nothing was changed.")
            return
        count = exports_purge_expired()
        self.stdout.write(self.style.SUCCESS(f"Deleted {count} expired export(s)."))
