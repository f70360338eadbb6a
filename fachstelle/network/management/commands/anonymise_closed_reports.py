"""`manage.py anonymise_closed_reports [--dry-run]`: the retention rule of the reporting point.

Closed reports last changed more than the office's retention period ago (the counselling setting, 24 months
by default) lose everything they say about people; category, municipality and dates stay for the statistics.
Idempotent; meant for the nightly cron job next to `anonymise_closed_cases`.
"""

from django.core.management.base import BaseCommand

from fachstelle.core.models import Office
from fachstelle.network.services.reports import reports_retention_run


class Command(BaseCommand):
    help = "Anonymise closed reports past the retention period (--dry-run: report only)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report only; change nothing.")

    def handle(self, *args, dry_run: bool, **options):
        verb = "would anonymise" if dry_run else "anonymised"
        for office in Office.objects.order_by("pk"):
            references = reports_retention_run(office=office, dry_run=dry_run)
            self.stdout.write(f"{office.short_name or office.name}: {verb} {len(references)} report(s)")
            if references:
                self.stdout.write(f"  reports: {', '.join(references)}")
