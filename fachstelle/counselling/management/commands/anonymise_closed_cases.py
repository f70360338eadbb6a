"""`manage.py anonymise_closed_cases [--dry-run] [--office SLUG]`: the retention rule of counselling.

Closed cases whose closing date lies more than the office's retention period (CounsellingSettings,
24 months without a settings row) in the past are anonymised (services.protection), then the persons whose
every case is anonymised. Also deletes expired exports. Each case in its own transaction; running it twice
changes nothing the second time. Meant for a nightly cron job.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fachstelle.core.models import Office
from fachstelle.counselling.models import PersonalDataExport
from fachstelle.counselling.services.exports import exports_purge_expired
from fachstelle.counselling.services.protection import retention_run


class Command(BaseCommand):
    help = "Anonymise closed cases past the retention period, then their persons (--dry-run: report only)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report only; change nothing.")
        parser.add_argument("--office", metavar="SLUG", help="Only this office.")

    def handle(self, *args, dry_run: bool, office: str | None, **options):
        offices = Office.objects.order_by("pk")
        if office:
            offices = offices.filter(slug=office)
            if not offices.exists():
                raise CommandError(f"No office with the web address {office!r}.")
        verb = "would anonymise" if dry_run else "anonymised"
        total_cases = total_clients = 0
        for each in offices:
            result = retention_run(office=each, dry_run=dry_run)
            total_cases += len(result.case_refs)
            total_clients += len(result.client_refs)
            self.stdout.write(
                f"{each.short_name or each.name}: retention {result.retention_months} months "
                f"(closed before {result.cutoff:%Y-%m-%d}): {verb} {len(result.case_refs)} case(s), "
                f"{len(result.client_refs)} person(s)"
            )
            if result.case_refs:
                self.stdout.write(f"  cases: {', '.join(result.case_refs)}")
            if result.client_refs:
                self.stdout.write(f"  persons: {', '.join(result.client_refs)}")
        if dry_run:
            expired = (
                PersonalDataExport.objects.filter(expires_at__lte=timezone.now())
                .exclude(status=PersonalDataExport.Status.EXPIRED)
                .count()
            )
            self.stdout.write(f"Exports: would delete {expired} expired export(s).")
            self.stdout.write(self.style.WARNING("Dry run: nothing was changed."))
        else:
            purged = exports_purge_expired()
            self.stdout.write(f"Exports: deleted {purged} expired export(s).")
        summary = f"Total: {verb} {total_cases} case(s), {total_clients} person(s)."
        self.stdout.write(self.style.SUCCESS(summary))
