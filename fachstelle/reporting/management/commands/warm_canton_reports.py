"""Scheduled (hourly): compute the canton's comparison of its offices ahead of the canton's visit."""

import time

from django.core.management.base import BaseCommand

from fachstelle.reporting.selectors.canton import warm_canton_comparisons


class Command(BaseCommand):
    help = (
        "Compute the offices' comparison of every cantonal office (current and last year, every UI language)."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        computed = warm_canton_comparisons()
        self.stdout.write(f"{computed} comparisons computed in {time.perf_counter() - started:.1f} s")
