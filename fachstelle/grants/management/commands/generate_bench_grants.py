"""`manage.py generate_bench_grants`: the grants data set of `make bench` (grants.bench).

Idempotent: a complete data set of the wanted size is kept (nothing written); an incomplete or differently
sized one is replaced. --reset replaces it anyway, --delete only removes it."""

import time

from django.core.management.base import BaseCommand, CommandError

from fachstelle.grants.bench import (
    LINES_COST,
    LINES_OWN,
    bench_grants_complete,
    bench_grants_counts,
    bench_grants_delete,
    bench_grants_exists,
    bench_grants_generate,
)


class Command(BaseCommand):
    help = "Generate programmes, applications with budget lines, reviews, grants and payouts (bench-grants)."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=10, help="Years ending with the current one.")
        parser.add_argument("--programmes", type=int, default=5, help="Programmes per year.")
        parser.add_argument("--applications", type=int, default=2_000, help="Applications per programme.")
        parser.add_argument("--lines", type=int, default=10, help="Budget lines per application (≥ 10).")
        parser.add_argument("--seed", type=int, default=7, help="Same seed, same content.")
        parser.add_argument("--reset", action="store_true", help="Regenerate even when complete.")
        parser.add_argument("--delete", action="store_true", help="Only delete the grants bench data.")

    def handle(self, *args, **options):
        started = time.perf_counter()
        sizes = {key: options[key] for key in ("years", "programmes", "applications", "lines")}
        if options["delete"]:
            deleted = bench_grants_delete()
            self.stdout.write(f"Deleted the grants bench data ({deleted} applications).")
            return
        if min(sizes["years"], sizes["programmes"]) < 1 or sizes["applications"] < 0:
            raise CommandError("--years and --programmes must be at least 1, --applications not negative.")
        if sizes["lines"] < LINES_COST + LINES_OWN + 1:
            raise CommandError(f"--lines must be at least {LINES_COST + LINES_OWN + 1}.")
        if not options["reset"] and bench_grants_complete(**sizes):
            counts = ", ".join(
                f"{value} {key.replace('_', ' ')}" for key, value in bench_grants_counts().items()
            )
            self.stdout.write(f"The grants bench data set is complete ({counts}); nothing to do.")
            return
        if bench_grants_exists():
            deleted = bench_grants_delete()
            self.stdout.write(
                f"Deleted the earlier grants bench data ({deleted} applications, "
                f"{time.perf_counter() - started:.1f} s)."
            )
        total = sizes["years"] * sizes["programmes"] * sizes["applications"]
        self.stdout.write(
            f"Generating {sizes['years']} years × {sizes['programmes']} programmes × {sizes['applications']} "
            f"applications ({total}) with {sizes['lines']} budget lines each…"
        )
        result = bench_grants_generate(**sizes, seed=options["seed"], report=self.stdout.write)
        done = ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in result.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Done in {time.perf_counter() - started:.1f} s: {done}."))
