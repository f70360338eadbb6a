"""`manage.py generate_bench_data`: the large synthetic data set of `make bench` (see offers.demo.bench)."""

import time

from django.core.management.base import BaseCommand, CommandError

from fachstelle.offers.demo.bench import (
    BENCH_NUMBER_END,
    BENCH_NUMBER_START,
    MAX_TRANSLATIONS,
    bench_data_delete,
    bench_data_generate,
    bench_offices,
)


class Command(BaseCommand):
    help = "Generate N offers of M providers in bench offices (slugs bench-1…) for the benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--offers", type=int, default=20_000, help="Published offers.")
        parser.add_argument(
            "--unpublished", type=int, default=0, help="Further offers in draft, review or archived."
        )
        parser.add_argument("--providers", type=int, default=600)
        parser.add_argument("--offices", type=int, default=3)
        parser.add_argument("--municipalities", type=int, default=30)
        parser.add_argument("--translations", type=int, default=2, help="Translations per offer (fr, en, …).")
        parser.add_argument("--seed", type=int, default=42, help="Same seed, same content.")
        parser.add_argument(
            "--reset", action="store_true", help="Delete earlier bench offices and their data."
        )

    def handle(self, *args, **options):
        offers, providers, offices = options["offers"], options["providers"], options["offices"]
        municipalities, translations = options["municipalities"], options["translations"]
        max_municipalities = BENCH_NUMBER_END - BENCH_NUMBER_START + 1
        if offers < 1 or offices < 1:
            raise CommandError("--offers and --offices must be at least 1.")
        if providers < offices:
            raise CommandError("--providers must be at least --offices (every office needs a provider).")
        if not offices <= municipalities <= max_municipalities:
            raise CommandError(f"--municipalities must be between --offices and {max_municipalities}.")
        if not 0 <= translations <= MAX_TRANSLATIONS:
            raise CommandError(f"--translations must be between 0 and {MAX_TRANSLATIONS}.")

        started = time.perf_counter()
        if options["reset"]:
            deleted = bench_data_delete()
            self.stdout.write(
                f"Deleted {deleted} bench offices with their data ({time.perf_counter() - started:.2f} s)."
            )
        elif bench_offices().exists():
            raise CommandError("Bench data exists already; add --reset to replace it.")

        self.stdout.write(
            f"Generating {offers} offers, {providers} providers, {offices} offices, "
            f"{municipalities} municipalities, {translations} translations per offer…"
        )
        result = bench_data_generate(
            offers=offers,
            providers=providers,
            offices=offices,
            municipalities=municipalities,
            translations=translations,
            unpublished=max(0, options["unpublished"]),
            seed=options["seed"],
            report=self.stdout.write,
        )
        counts = ", ".join(f"{value} {key}" for key, value in result.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Done in {time.perf_counter() - started:.2f} s: {counts}."))
