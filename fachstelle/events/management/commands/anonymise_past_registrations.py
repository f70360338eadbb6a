"""`manage.py anonymise_past_registrations [--dry-run]`: the retention rule of event registrations (see
fachstelle/events/services/retention.py). Idempotent; meant for the nightly cron job."""

from django.conf import settings
from django.core.management.base import BaseCommand

from fachstelle.events.services.retention import registrations_anonymise


class Command(BaseCommand):
    help = "Remove names and contacts of registrations of long-past events (--dry-run: count only)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count only; change nothing.")

    def handle(self, *args, dry_run: bool, **options):
        count = registrations_anonymise(dry_run=dry_run)
        verb = "Would anonymise" if dry_run else "Anonymised"
        days = settings.EVENT_REGISTRATION_RETENTION_DAYS
        self.stdout.write(f"{verb} {count} registration(s) of events that ended more than {days} days ago.")
