"""`manage.py generate_bench_reporting`: the bench canton of the reporting benchmark (reporting.bench).

Run after the other bench generators (directory, counselling, network, grants, content): it puts their
offices into one canton, adds extra offices with modest counselling data until ten offices have data, and
the cantonal office with its canton user. Idempotent."""

import json

from django.core.management.base import BaseCommand, CommandError

from fachstelle.reporting.bench import bench_reporting_counts, bench_reporting_generate


class Command(BaseCommand):
    help = "Make the bench canton of the reporting benchmark (ten offices with data, a cantonal office)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=4000, help="Cases per extra office.")
        parser.add_argument("--sessions", type=int, default=30000, help="Sessions per extra office.")
        parser.add_argument("--reset", action="store_true", help="Regenerate the extra offices' data.")
        parser.add_argument("--seed", type=int, default=9)

    def handle(self, *args, cases, sessions, reset, seed, **options):
        if cases < 1 or sessions < cases:
            raise CommandError("--cases must be at least 1 and --sessions at least --cases.")
        result = bench_reporting_generate(
            cases_per_extra_office=cases,
            sessions_per_extra_office=sessions,
            reset=reset,
            seed=seed,
            report=self.stdout.write,
        )
        total = dict(result.timings).get("total", 0.0)
        self.stdout.write(f"Done in {total:.1f} s: {json.dumps(result.counts)}")
        self.stdout.write(f"Canton: {json.dumps(bench_reporting_counts())}")
