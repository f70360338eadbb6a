"""`manage.py generate_bench_counselling`: the counselling data set of `make bench` (counselling.bench)."""

import time

from django.core.management.base import BaseCommand, CommandError

from fachstelle.counselling.bench import (
    bench_counselling_delete,
    bench_counselling_exists,
    bench_counselling_generate,
)


class Command(BaseCommand):
    help = "Generate counselling cases, sessions and counsellors in the bench offices (bench-1…)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=100_000)
        parser.add_argument("--sessions", type=int, default=1_000_000, help="At least one per case.")
        parser.add_argument("--counsellors", type=int, default=300, help="Spread over the offices.")
        parser.add_argument("--offices", type=int, default=3)
        parser.add_argument("--referrals", type=int, default=None, help="Default: half the cases.")
        parser.add_argument("--short-consultations", type=int, default=None, help="Default: half the cases.")
        parser.add_argument("--bookings", type=int, default=None, help="Default: a fifth of the cases.")
        parser.add_argument("--seed", type=int, default=4, help="Same seed, same content.")
        parser.add_argument(
            "--reset", action="store_true", help="Delete earlier counselling bench data first."
        )
        parser.add_argument("--delete", action="store_true", help="Only delete the counselling bench data.")

    def handle(self, *args, **options):
        cases, sessions, counsellors = options["cases"], options["sessions"], options["counsellors"]
        started = time.perf_counter()
        if options["delete"] or options["reset"]:
            deleted = bench_counselling_delete()
            self.stdout.write(
                f"Deleted {deleted} bench cases with their data ({time.perf_counter() - started:.1f} s)."
            )
            if options["delete"]:
                return
        elif bench_counselling_exists():
            raise CommandError("Counselling bench data exists already; add --reset to replace it.")
        if cases < 1 or options["offices"] < 1:
            raise CommandError("--cases and --offices must be at least 1.")
        if sessions < cases:
            raise CommandError("--sessions must be at least --cases (every case has a session).")
        if counsellors < options["offices"]:
            raise CommandError("--counsellors must be at least --offices (every office needs a counsellor).")

        def default(name, share):
            value = options[name]
            return max(0, int(cases * share) if value is None else value)

        self.stdout.write(f"Generating {cases} cases, {sessions} sessions, {counsellors} counsellors…")
        result = bench_counselling_generate(
            cases=cases,
            sessions=sessions,
            counsellors=counsellors,
            offices=options["offices"],
            referrals=default("referrals", 0.5),
            short_consultations=default("short_consultations", 0.5),
            bookings=default("bookings", 0.2),
            seed=options["seed"],
            report=self.stdout.write,
        )
        counts = ", ".join(f"{value} {key}" for key, value in result.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Done in {time.perf_counter() - started:.1f} s: {counts}."))
