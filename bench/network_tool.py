"""Helpers of bench/network.sh: check the network data set, write the URL files, time the CSV import
validation, merge the results.

    python bench/network_tool.py dataset-ok                  exit 0 when the data set has the wanted size
    python bench/network_tool.py urls OUT_DIR                session cookies + URL files, dataset.json
    python bench/network_tool.py preflight BASE_URL FILE     every URL of a cookie file answers 200
    python bench/network_tool.py import-timing OUT_DIR       a 10,000-row CSV, validated 3 times → import.json
    python bench/network_tool.py report RAW_JSONL DATASET_JSON IMPORT_JSON OUT_JSON   merge into $BENCH_OUT

Runs with the environment network.sh sets (production settings, DATABASE_URL, the bench keys).
"""

import io
import json
import os
import random
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SEED = 5_000
IMPORT_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "10000"))
IMPORT_RUNS = 3
# Languages of the key-person searches (the most asked for), with a municipality each.
SEARCH_LANGUAGES = ["ti", "ar", "uk", "tr", "sq", "prs", "fa", "ta", "so"]
TARGETS = {
    # check: (endpoint, concurrency, target p95 ms)
    "network_key_person_search_p95_ms": ("network_key_person_search", 1, 100.0),
    "network_inbox_p95_ms": ("network_inbox", 1, 150.0),
    "network_inbox_filtered_p95_ms": ("network_inbox_filtered", 1, 150.0),
}
IMPORT_TARGET_S = 10.0


def _django():
    import django

    django.setup()


def _want() -> dict:
    return {
        "organisations": int(os.environ.get("BENCH_NET_ORGANISATIONS", "20000")),
        "contacts": int(os.environ.get("BENCH_NET_CONTACTS", "50000")),
        "key_persons": int(os.environ.get("BENCH_NET_KEY_PERSONS", "2000")),
        "inquiries": int(os.environ.get("BENCH_NET_INQUIRIES", "100000")),
    }


def dataset() -> dict:
    _django()
    from django.utils import timezone

    from fachstelle.network.bench import SLUG_PREFIX, bench_network_offices
    from fachstelle.network.models import Contact, Inquiry, KeyPerson, KeyPersonLanguage, Organisation
    from fachstelle.network.services.inquiries import OPEN_STATUSES

    offices = bench_network_offices()
    generated = Organisation.objects.filter(office__in=offices, slug__startswith=SLUG_PREFIX)
    inquiries = Inquiry.objects.filter(office__in=offices)
    return {
        "offices": offices.count(),
        "organisations": generated.count(),
        "contacts": Contact.objects.filter(organisation__in=generated).count(),
        "key_persons": KeyPerson.objects.filter(office__in=offices).count(),
        "key_person_languages": KeyPersonLanguage.objects.filter(key_person__office__in=offices).count(),
        "inquiries": inquiries.count(),
        "inquiries_open": inquiries.filter(status__in=OPEN_STATUSES).count(),
        "inquiries_overdue": inquiries.filter(
            status__in=OPEN_STATUSES, due_on__lt=timezone.localdate()
        ).count(),
    }


def dataset_ok() -> int:
    want, have = _want(), dataset()
    print(f"network data set: {have} (wanted {want})")
    return 0 if all(have[key] == value for key, value in want.items()) else 1


def _session_cookie(username: str) -> str:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("bench_session", username, "--i-know-this-is-a-benchmark", "--cookie", stdout=out)
    return out.getvalue().strip()


def _write(path: Path, cookie: str, paths: list[str]) -> None:
    path.write_text("\n".join([cookie, *paths]) + "\n")


def urls(out_dir: Path) -> None:
    """Per bench office k (0…2) a counsellor who is contact person of some fields of action:
    key_persons-k.txt (language + municipality searches), inbox-k.txt (the inbox, pages 1–3),
    inbox_filtered-k.txt (status, overdue, topic, triage, mine, subject search). File 3 of the inbox is the
    first office's admin, who sees every inquiry."""
    _django()
    from fachstelle.core.models import FieldOfAction, Language, Membership
    from fachstelle.network.bench import bench_network_offices
    from fachstelle.network.models import FieldContact

    rng = random.Random(SEED)
    out_dir.mkdir(parents=True, exist_ok=True)
    languages = dict(Language.objects.filter(code__in=SEARCH_LANGUAGES).values_list("code", "pk"))
    offices = list(bench_network_offices())
    fields = list(FieldOfAction.objects.order_by("order").values_list("pk", flat=True))
    for k, office in enumerate(offices[:3]):
        contact = (
            FieldContact.objects.filter(office=office, person__memberships__office=office)
            .select_related("person")
            .order_by("field_of_action__order")
            .first()
        )
        if contact is None:
            sys.exit(f"no contact person in {office.slug}: generate the network data set first")
        cookie = _session_cookie(contact.person.username)
        municipalities = list(office.municipalities.order_by("bfs_number").values_list("pk", flat=True))
        base = f"/de/staff/{office.slug}/network/key-persons/"
        searches = [
            {"language": languages[code], "municipality": rng.choice(municipalities)}
            for code in SEARCH_LANGUAGES
            if code in languages
            for _n in range(2)
        ]
        searches += [{"language": languages["ti"]}, {"municipality": municipalities[0]}]
        _write(
            out_dir / f"key_persons-{k}.txt",
            cookie,
            [f"{base}?{urllib.parse.urlencode(q)}" for q in searches],
        )
        inbox = f"/de/staff/{office.slug}/network/inquiries/"
        _write(out_dir / f"inbox-{k}.txt", cookie, [inbox, f"{inbox}?page=2", f"{inbox}?page=3"])
        filtered = [
            {"status": "new"},
            {"status": "in_progress"},
            {"overdue": "on"},
            {"topic": contact.field_of_action_id},
            {"topic": "triage"},
            {"mine": "on"},
            {"mine": "on", "status": "in_progress"},
            {"status": "closed", "topic": rng.choice(fields), "page": "2"},
            {"q": "Wohnung"},
        ]
        _write(
            out_dir / f"inbox_filtered-{k}.txt",
            cookie,
            [f"{inbox}?{urllib.parse.urlencode(q)}" for q in filtered],
        )
    admin = Membership.objects.filter(office=offices[0], role="admin").select_related("user").first()
    if admin is not None:
        inbox = f"/de/staff/{offices[0].slug}/network/inquiries/"
        _write(out_dir / "inbox-3.txt", _session_cookie(admin.user.username), [inbox, f"{inbox}?page=2"])
    (out_dir / "dataset.json").write_text(json.dumps(dataset()))
    print(f"network URLs for {min(3, len(offices))} offices in {out_dir}")


def preflight(base_url: str, path_file: Path) -> int:
    from counselling_tool import preflight as counselling_preflight

    return counselling_preflight(base_url, path_file)


def _import_csv(office, rows: int, rng: random.Random) -> bytes:
    """A list as an office keeps it: one row per contact person (about 1.6 per organisation), a few
    organisations already in the office (duplicates), a few broken rows (e-mail, municipality, type)."""
    from fachstelle.core.tabular import csv_bytes
    from fachstelle.counselling.bench import FIRST_NAMES, LAST_NAMES
    from fachstelle.network.models import Organisation
    from fachstelle.offers.demo import bench_blocks as blocks

    existing = list(
        Organisation.objects.filter(office=office).order_by("?").values_list("name", flat=True)[:300]
    )
    places = list(office.municipalities.values_list("name", flat=True)) or ["Zofingen"]
    kinds = ["Verein", "Regelstruktur", "Kirche", "Migrantenverein", "Arbeitgeber", "Freiwilligengruppe", ""]
    fields = ["Wohnen", "Arbeit und Beruf", "sprache", "Schule und Bildung, Gesundheit", ""]
    headers = ["Name", "Typ", "Strasse", "PLZ", "Gemeinde", "Website", "E-Mail", "Telefon", "Handlungsfelder"]
    headers += ["Tags", "Kontakt Name", "Kontakt Funktion", "Kontakt E-Mail", "Kontakt Telefon"]
    out, n = [], 0
    while len(out) < rows:
        n += 1
        if existing and rng.random() < 0.03:
            name = existing.pop()
        else:
            pattern, _kind, _topics = rng.choice(blocks.PROVIDER_PATTERNS)
            name = (
                pattern.format(place=rng.choice(places), nation=rng.choice(blocks.NATIONS)) + f" Import {n}"
            )
        domain = f"import-{n}.example.ch"
        org = [name, rng.choice(kinds), f"{rng.choice(blocks.STREETS)} {rng.randint(1, 99)}", "4800"]
        org += [rng.choice(places), f"www.{domain}", f"info@{domain}", "062 745 00 00", rng.choice(fields)]
        org += ["Import"]
        for c in range(rng.choice([1, 1, 2, 2, 3])):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            email = f"kontakt{c}@{domain}"
            row = list(org) if c == 0 else [name, *[""] * 9]
            if rng.random() < 0.002:  # a broken row: a typo in the contact's e-mail
                email = email.replace("@", " at ")
            row += [f"{first} {last}", "Leitung" if c == 0 else "Sekretariat", email, "079 000 00 00"]
            out.append(row)
    return csv_bytes(headers=headers, rows=out[:rows])


def import_timing(out_dir: Path) -> int:
    """Times reading and validating a 10,000-row CSV for the first bench office (3 runs; the median
    counts). The validation is the import's preview step: every row checked, nothing written."""
    _django()
    from fachstelle.network.bench import bench_network_offices

    try:
        from fachstelle.core.tabular import read_table
        from fachstelle.network.services.imports import organisations_import_validate
    except ImportError as exc:  # the import is being built: record it as not measured
        result = {"rows": IMPORT_ROWS, "seconds": None, "error": f"import validation not available: {exc}"}
        (out_dir / "import.json").write_text(json.dumps(result))
        print(result["error"])
        return 0
    office = bench_network_offices().first()
    data = _import_csv(office, IMPORT_ROWS, random.Random(SEED))
    (out_dir / "import.csv").write_bytes(data)
    runs, preview = [], None
    for _n in range(IMPORT_RUNS):
        started = time.perf_counter()
        table = read_table(data, file_type="csv")
        preview = organisations_import_validate(office=office, table=table)
        runs.append(time.perf_counter() - started)
    result = {
        "rows": len(table.rows),
        "bytes": len(data),
        "organisations_in_office": office.organisations.count(),
        "organisations_in_file": len(preview.plans),
        "rows_with_errors": len(preview.error_rows),
        "to_create": preview.to_create,
        "to_skip": preview.to_skip,
        "runs_s": [round(value, 3) for value in runs],
        "seconds": round(statistics.median(runs), 3),
    }
    (out_dir / "import.json").write_text(json.dumps(result))
    print(f"import validation of {result['rows']} rows: {result['runs_s']} s (median {result['seconds']} s)")
    return 0


def report(raw_path: Path, dataset_path: Path, import_path: Path, out_path: Path) -> int:
    """Append the network rows to $BENCH_OUT (a list; rows of an earlier network run are replaced,
    everything else is kept): kind "endpoint" rows with section "network", the import measurement, checks."""
    from report import endpoint_rows, table

    raw = [json.loads(line) for line in raw_path.read_text().splitlines() if line.strip()]
    data = json.loads(dataset_path.read_text())
    rows = endpoint_rows(raw, data)
    for row in rows:
        row["section"] = "network"
    by_key = {(row["name"], row["concurrency"]): row for row in rows}
    found = []
    for name, (endpoint, concurrency, target) in TARGETS.items():
        row = by_key.get((endpoint, concurrency))
        value = row["p95_ms"] if row else None
        found.append(
            {
                "kind": "check",
                "section": "network",
                "name": name,
                "description": f"p95 latency of {endpoint} at concurrency {concurrency}, ms",
                "value": value,
                "target": target,
                "direction": "max",
                "met": None if value is None else value <= target,
            }
        )
    imported = json.loads(import_path.read_text()) if import_path.exists() else {"seconds": None}
    measurement = {
        "kind": "measurement",
        "section": "network",
        "name": "network_import_validation",
        **imported,
    }
    seconds = imported.get("seconds")
    found.append(
        {
            "kind": "check",
            "section": "network",
            "name": "network_import_validation_s",
            "description": f"reading and validating a {IMPORT_ROWS}-row CSV of organisations, s (median)",
            "value": seconds,
            "target": IMPORT_TARGET_S,
            "direction": "max",
            "met": None if seconds is None else seconds <= IMPORT_TARGET_S,
        }
    )
    existing = json.loads(out_path.read_text()) if out_path.exists() else []
    kept = [item for item in existing if item.get("section") != "network"]
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps([*kept, *rows, measurement, *found], indent=2, ensure_ascii=False) + "\n")
    print(table(rows, found))
    print(f"\nadded to {out_path}")
    return 1 if any(row["errors"] for row in rows) else 0


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "dataset-ok":
        return dataset_ok()
    if command == "urls":
        urls(Path(argv[2]))
        return 0
    if command == "preflight":
        return preflight(argv[2], Path(argv[3]))
    if command == "import-timing":
        return import_timing(Path(argv[2]))
    if command == "report":
        return report(Path(argv[2]), Path(argv[3]), Path(argv[4]), Path(argv[5]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
