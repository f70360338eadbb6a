"""`manage.py generate_bench_statistics`: the population statistics of the KOMPAKT benchmark (kompakt.bench):
2,100 municipalities × 15 years in the office `bench-kompakt`.

Idempotent: a complete data set of the wanted size is kept (nothing written); an incomplete or differently
sized one is replaced. --reset replaces it anyway, --delete only removes it."""

import time

from django.core.management.base import BaseCommand, CommandError

from fachstelle.kompakt.bench import (
    MUNICIPALITIES,
    SEED,
    YEARS,
    bench_kompakt_complete,
    bench_kompakt_counts,
    bench_kompakt_delete,
    bench_kompakt_generate,
)


class Command(BaseCommand):
    help = "Generate population statistics for the KOMPAKT benchmark (office bench-kompakt)."

    def add_arguments(self, parser):
        parser.add_argument("--municipalities", type=int, default=MUNICIPALITIES)
        parser.add_argument("--years", type=int, default=YEARS, help="Years ending with 2024.")
        parser.add_argument("--seed", type=int, default=SEED, help="Same seed, same figures.")
        parser.add_argument("--reset", action="store_true", help="Regenerate even when complete.")
        parser.add_argument("--delete", action="store_true", help="Only delete the KOMPAKT bench data.")

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["delete"]:
            deleted = bench_kompakt_delete()
            self.stdout.write(f"Deleted the KOMPAKT bench data ({deleted} rows).")
            return
        municipalities, years = options["municipalities"], options["years"]
        if municipalities < 1 or not 1 <= years <= 30:
            raise CommandError("--municipalities must be at least 1, --years between 1 and 30.")
        if not options["reset"] and bench_kompakt_complete(municipalities=municipalities, years=years):
            counts = ", ".join(
                f"{value} {key.replace('_', ' ')}" for key, value in bench_kompakt_counts().items()
            )
            self.stdout.write(f"The KOMPAKT bench data set is complete ({counts}); nothing to do.")
            return
        deleted = bench_kompakt_delete()
        if deleted:
            self.stdout.write(f"Deleted the earlier KOMPAKT bench data ({deleted} rows).")
        self.stdout.write(f"Generating {municipalities} municipalities × {years} years…")
        verbose = options["verbosity"] > 1
        result = bench_kompakt_generate(
            municipalities=municipalities,
            years=years,
            seed=options["seed"],
            progress=self.stdout.write if verbose else None,
        )
        per_year = ", ".join(
            f"{key[5:]}: {value}" for key, value in result.counts.items() if key.startswith("rows_")
        )
        self.stdout.write(
            f"Generated {result.counts['rows']} rows for {result.counts['municipalities']} municipalities "
            f"in {time.perf_counter() - started:.1f} s (rows per year: {per_year})."
        )
