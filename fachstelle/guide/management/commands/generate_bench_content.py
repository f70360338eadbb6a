"""`manage.py generate_bench_content`: the welcome-guide and events data set of `make bench`
(guide.bench and events.bench; bench/content.sh)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from fachstelle.events.bench import bench_events_counts, bench_events_delete, bench_events_generate
from fachstelle.guide.bench import (
    LANGUAGES,
    bench_guide_counts,
    bench_guide_delete,
    bench_guide_generate,
    bench_offices_delete,
)


class Command(BaseCommand):
    help = (
        "Generate guide pages (translated into 12 languages), events and the brochure guide in the content "
        "bench offices (bench-content-…)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=2_000)
        parser.add_argument("--languages", type=int, default=len(LANGUAGES), help="Translations per page.")
        parser.add_argument("--events", type=int, default=10_000, help="Including the registration event.")
        parser.add_argument("--offices", type=int, default=3)
        parser.add_argument("--words", type=int, default=300, help="Words per page text (about).")
        parser.add_argument("--brochure-pages", type=int, default=20)
        parser.add_argument("--seed", type=int, default=6, help="Same seed, same content.")
        parser.add_argument("--reset", action="store_true", help="Delete earlier content bench data first.")
        parser.add_argument(
            "--delete", action="store_true", help="Only delete the content bench data (and its offices)."
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["delete"] or options["reset"]:
            events = bench_events_delete()
            pages = bench_guide_delete()
            offices = bench_offices_delete()
            self.stdout.write(
                f"Deleted the content bench data ({pages} pages, {events} events, {offices} offices, "
                f"{time.perf_counter() - started:.1f} s)."
            )
            if options["delete"]:
                return
        elif bench_guide_counts()["guide_pages"] or bench_events_counts()["events"]:
            raise CommandError("Content bench data exists already; add --reset to replace it.")
        if min(options["pages"], options["events"], options["brochure_pages"], options["words"]) < 0:
            raise CommandError("Sizes must not be negative.")
        if options["offices"] < 1 or not 0 <= options["languages"] <= len(LANGUAGES):
            raise CommandError(
                f"--offices must be at least 1 and --languages between 0 and {len(LANGUAGES)}."
            )
        self.stdout.write(
            f"Generating {options['pages']} guide pages × {options['languages']} languages, "
            f"{options['events']} events, a {options['brochure_pages']}-page brochure guide…"
        )
        guide = bench_guide_generate(
            pages=options["pages"],
            offices=options["offices"],
            languages=options["languages"],
            words=options["words"],
            brochure_pages=options["brochure_pages"],
            seed=options["seed"],
            report=self.stdout.write,
        )
        events = bench_events_generate(
            events=options["events"], seed=options["seed"] + 1, report=self.stdout.write
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        done = ", ".join(f"{value} {key}" for key, value in {**guide.counts, **events.counts}.items())
        self.stdout.write(self.style.SUCCESS(f"Done in {time.perf_counter() - started:.1f} s: {done}."))
