"""Helpers of bench/run.sh: create the database, check the data set, write the URL mix.

    python bench/tool.py ensure-db          create the database named in DATABASE_URL if missing
    python bench/tool.py dataset-ok         exit 0 when the generated data set is complete
    python bench/tool.py urls OUT_DIR       write search/api/detail/baseline URL lists and dataset.json
    python bench/tool.py preflight BASE_URL FILE [N]   the first N URLs of FILE must answer 200

The Django subcommands run with the environment run.sh sets (production settings, DATABASE_URL).
"""

import json
import os
import random
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OFFICES = [f"bench-{n}" for n in (1, 2, 3)]
# Search terms of the mix: single words, a compound split in two, plural forms, typos (the trigram pass).
QUERIES = [
    "deutsch",
    "Deutschkurs",
    "Deutschkurse",
    "kurs deutsch",
    "beratung",
    "kinder",
    "arbeit",
    "Frauen",
    "Treffpunkt",
    "Integration",
    "Elternbildung",
    "Sprachcafé",
    "Bewerbung",
    "Spielgruppe",
    "deutschkurz",
    "beratnug",
    "kindr",
    "arbiet",
]
SEED = 20_000  # the same mix on every run
DISTINCT_QUERIES = 400
# Visitors repeat popular searches: the request sequence draws the distinct query strings with Zipf
# weights (rank^-1: the top 10 make about 45 % of the requests, the top 100 about 80 %), so caches see a
# realistic mix of hits and misses instead of a cycle that defeats every LRU cache.
SEQUENCE_LENGTH = 2000


def ensure_db() -> None:
    import psycopg

    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    name = url.path.lstrip("/")
    admin_url = urllib.parse.urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def _django():
    import django

    django.setup()


def dataset() -> dict:
    _django()
    from fachstelle.core.models import Municipality, Office
    from fachstelle.offers.models import Offer, OfferTranslation

    offers = Offer.objects.filter(office__slug__in=OFFICES)
    n_offers = offers.count()
    translations = OfferTranslation.objects.filter(offer__in=offers).count()
    return {
        "offers": n_offers,
        "published_offers": offers.public().count(),
        "offices": Office.objects.filter(slug__in=OFFICES, is_active=True).count(),
        "municipalities": Municipality.objects.filter(offices__slug__in=OFFICES).distinct().count(),
        "translations_per_offer": round(translations / n_offers, 2) if n_offers else 0.0,
    }


def dataset_ok() -> int:
    want = {
        "published_offers": int(os.environ.get("BENCH_OFFERS", "20000")),
        "offices": 3,
        "municipalities": int(os.environ.get("BENCH_MUNICIPALITIES", "30")),
        "translations_per_offer": float(os.environ.get("BENCH_TRANSLATIONS", "2")),
    }
    have = dataset()
    print(f"data set: {have} (wanted {want})")
    return 0 if all(have[key] == value for key, value in want.items()) else 1


def _mix(rng: random.Random, vocabulary: dict, office_municipalities: dict) -> list[dict]:
    """Query strings as visitors send them: mostly one office, a text or one or two filters, pages 1-3."""
    mixes = []
    for _ in range(DISTINCT_QUERIES):
        params: dict[str, str] = {}
        office = rng.choice(OFFICES) if rng.random() < 0.9 else ""
        if office:
            params["office"] = office
        if rng.random() < 0.6:
            params["q"] = rng.choice(QUERIES)
        if rng.random() < 0.3:
            params["area"] = rng.choice(vocabulary["areas"])
        if rng.random() < 0.2:
            params["target_group"] = rng.choice(vocabulary["target_groups"])
        if rng.random() < 0.15:
            params["language"] = rng.choice(vocabulary["languages"])
        if office and rng.random() < 0.2:
            params["municipality"] = str(rng.choice(office_municipalities[office]))
        if rng.random() < 0.2:
            params["free"] = "1"
        if rng.random() < 0.1:
            params["childcare"] = "1"
        page = rng.choices([1, 2, 3], weights=[6, 3, 1])[0]
        if page > 1:
            params["page"] = str(page)
        mixes.append(params)
    return mixes


def urls(out_dir: Path) -> None:
    _django()
    from django.utils.translation import override

    from fachstelle.core.models import FieldOfAction, Language, Office, TargetGroup
    from fachstelle.offers.models import Offer

    rng = random.Random(SEED)
    vocabulary = {
        "areas": sorted(FieldOfAction.objects.values_list("slug", flat=True)),
        "target_groups": sorted(TargetGroup.objects.values_list("slug", flat=True)),
        # Languages offers are actually held in, not the whole list.
        "languages": sorted(
            Language.objects.filter(offers__office__slug__in=OFFICES)
            .distinct()
            .values_list("code", flat=True)
        ),
    }
    office_municipalities = {
        office.slug: sorted(office.municipalities.values_list("bfs_number", flat=True))
        for office in Office.objects.filter(slug__in=OFFICES)
    }
    distinct = _mix(rng, vocabulary, office_municipalities)
    mixes = rng.choices(
        distinct, weights=[1 / rank for rank in range(1, len(distinct) + 1)], k=SEQUENCE_LENGTH
    )
    api, baseline, search = [], [], []
    for params in mixes:
        api_params = dict(params)
        if rng.random() < 0.2:
            api_params["lang"] = rng.choice(["fr", "en", "ar", "ti"])
        query = urllib.parse.urlencode(api_params)
        api.append(f"/api/v1/offers?{query}")
        baseline.append(f"/?{query}")
        page_params = {k: v for k, v in params.items() if k != "office"}
        prefix = f"/de/{params['office']}/offers/" if "office" in params else "/de/search/"
        search.append(f"{prefix}?{urllib.parse.urlencode(page_params)}" if page_params else prefix)
    detail = []
    with override("de"):
        for slug in OFFICES:
            ids = list(Offer.objects.public().filter(office__slug=slug).values_list("pk", flat=True))
            chosen = rng.sample(ids, min(100, len(ids)))
            # The canonical URL with the slug: the short one answers with a redirect.
            for offer in Offer.objects.filter(pk__in=chosen).select_related("office"):
                detail.append(offer.get_absolute_url())
    rng.shuffle(detail)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, lines in {"search": search, "api": api, "detail": detail, "baseline": baseline}.items():
        (out_dir / f"{name}.txt").write_text("\n".join(lines) + "\n")
    (out_dir / "dataset.json").write_text(json.dumps(dataset()))
    print(
        f"URL mix: {len(search)} searches and API lists ({len(set(api))} distinct), {len(detail)} offer pages"
    )


def preflight(base_url: str, path_file: Path, limit: int) -> int:
    """Every URL answers 200 itself (a redirect would be measured as a cheap 301 instead of the page)."""
    import http.client

    host, port = urllib.parse.urlsplit(base_url).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    bad = []
    for path in path_file.read_text().split()[:limit]:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            bad.append(f"{response.status} {path}")
    connection.close()
    for line in bad[:10]:
        print(f"  {line}", file=sys.stderr)
    if bad:
        print(f"preflight: {len(bad)} URLs of {path_file.name} did not answer 200", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "ensure-db":
        ensure_db()
        return 0
    if command == "dataset-ok":
        return dataset_ok()
    if command == "urls":
        urls(Path(argv[2]))
        return 0
    if command == "preflight":
        return preflight(argv[2], Path(argv[3]), int(argv[4]) if len(argv) > 4 else 1_000_000)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
