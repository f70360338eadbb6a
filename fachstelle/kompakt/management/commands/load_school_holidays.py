"""Load the school holidays 2026–2028 of AG, BL, ZH and Baden-Württemberg (kompakt/school_holidays.py).

Idempotent: rows are matched by canton and first day; a second run changes nothing."""

from django.core.management.base import BaseCommand

from fachstelle.kompakt.services.processes import school_holidays_load


class Command(BaseCommand):
    help = "Load the school holidays of AG, BL, ZH and BW (update or create by canton and first day)."

    def handle(self, *args, **options):
        result = school_holidays_load()
        self.stdout.write(
            f"School holidays: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
