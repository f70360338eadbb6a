"""`manage.py generate_bench_network`: the network data set of `make bench` (network.bench)."""

import time

from django.core.management.base import BaseCommand, CommandError

from fachstelle.network.bench import bench_network_delete, bench_network_exists, bench_network_generate


class Command(BaseCommand):
    help = "Generate organisations, contacts, key persons and inquiries in the bench offices (bench-1…)."

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=20_000)
        parser.add_argument("--contacts", type=int, default=50_000)
        parser.add_argument("--key-persons", type=int, default=2_000)
        parser.add_argument("--inquiries", type=int, default=100_000)
        parser.add_argument("--offices", type=int, default=3)
        parser.add_argument(
            "--staff", type=int, default=10, help="Counsellors per office who answer inquiries (reused)."
        )
        parser.add_argument(
            "--relations", type=int, default=None, help="Default: a quarter of the organisations."
        )
        parser.add_argument("--assignments", type=int, default=None, help="Default: two per key person.")
        parser.add_argument("--seed", type=int, default=5, help="Same seed, same content.")
        parser.add_argument("--reset", action="store_true", help="Delete earlier network bench data first.")
        parser.add_argument("--delete", action="store_true", help="Only delete the network bench data.")

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["delete"] or options["reset"]:
            deleted = bench_network_delete()
            self.stdout.write(
                f"Deleted the network bench data ({deleted} inquiries, "
                f"{time.perf_counter() - started:.1f} s)."
            )
            if options["delete"]:
                return
        elif bench_network_exists():
            raise CommandError("Network bench data exists already; add --reset to replace it.")
        sizes = {key: options[key] for key in ("organisations", "contacts", "key_persons", "inquiries")}
        if min(sizes.values()) < 0 or options["offices"] < 1 or options["staff"] < 1:
            raise CommandError("Sizes must not be negative; --offices and --staff must be at least 1.")
        counts = ", ".join(f"{value} {key.replace('_', ' ')}" for key, value in sizes.items())
        self.stdout.write(f"Generating {counts}…")
        result = bench_network_generate(
            **sizes,
            offices=options["offices"],
            staff=options["staff"],
            relations=options["relations"],
            assignments=options["assignments"],
            seed=options["seed"],
            report=self.stdout.write,
        )
        done = ", ".join(f"{value} {key}" for key, value in result.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Done in {time.perf_counter() - started:.1f} s: {done}."))
