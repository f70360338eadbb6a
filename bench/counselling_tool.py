"""Helpers of bench/counselling.sh: check the counselling data set, write the URL files, merge the results.

    python bench/counselling_tool.py dataset-ok            exit 0 when the data set has the wanted size
    python bench/counselling_tool.py urls OUT_DIR YEAR     session cookies + URL files, dataset.json
    python bench/counselling_tool.py preflight BASE_URL FILE   every URL of a cookie file answers 200
    python bench/counselling_tool.py report RAW_JSONL DATASET_JSON OUT_JSON   merge into $BENCH_OUT

Runs with the environment counselling.sh sets (production settings, DATABASE_URL, the bench keys).
"""

import io
import json
import os
import random
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 4_000
USERS_PER_RUN = 4  # counsellors at concurrency 4 (one session each), from different offices
TARGETS = {
    # check: (endpoint, concurrency, target p95 ms)
    "counselling_case_list_p95_ms": ("counselling_case_list", 1, 150.0),
    "counselling_analysis_p95_ms": ("counselling_analysis", 1, 1000.0),
}


def _django():
    import django

    django.setup()


def dataset() -> dict:
    _django()
    from fachstelle.core.models import Membership
    from fachstelle.counselling.bench import bench_counselling_offices
    from fachstelle.counselling.models import (
        Case,
        Client,
        CounsellingSession,
        InterpreterBooking,
        Referral,
        ShortConsultation,
    )

    offices = bench_counselling_offices()
    cases = Case.objects.filter(office__in=offices)
    return {
        "offices": offices.count(),
        "counsellors": Membership.objects.filter(office__in=offices, role="counsellor").count(),
        "cases": cases.count(),
        "cases_with_client": cases.filter(client__isnull=False).count(),
        "clients": Client.objects.filter(office__in=offices).count(),
        "sessions": CounsellingSession.objects.filter(case__office__in=offices).count(),
        "referrals": Referral.objects.filter(case__office__in=offices).count(),
        "short_consultations": ShortConsultation.objects.filter(office__in=offices).count(),
        "interpreter_bookings": InterpreterBooking.objects.filter(office__in=offices).count(),
    }


def dataset_ok() -> int:
    want = {
        "cases": int(os.environ.get("BENCH_CASES", "100000")),
        "sessions": int(os.environ.get("BENCH_SESSIONS", "1000000")),
        "counsellors": int(os.environ.get("BENCH_COUNSELLORS", "300")),
    }
    have = dataset()
    print(f"counselling data set: {have} (wanted {want})")
    return 0 if all(have[key] == value for key, value in want.items()) else 1


def _session_cookie(username: str) -> str:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("bench_session", username, "--i-know-this-is-a-benchmark", "--cookie", stdout=out)
    return out.getvalue().strip()


def urls(out_dir: Path, year: int) -> None:
    """case_list-K.txt (K = 0…3): a counsellor's cookie and a mix of list URLs (filters, name search,
    pages); analysis-0.txt: an office admin's cookie and the needs analysis of `year`."""
    _django()
    from fachstelle.core.models import Membership
    from fachstelle.counselling.bench import bench_counselling_offices
    from fachstelle.counselling.models import Case, Topic

    rng = random.Random(SEED)
    offices = list(bench_counselling_offices())
    topics = list(Topic.objects.order_by("slug").values_list("slug", flat=True))
    out_dir.mkdir(parents=True, exist_ok=True)
    for k in range(USERS_PER_RUN):
        office = offices[k % len(offices)]
        members = Membership.objects.filter(office=office, role="counsellor").order_by("user__username")
        member = members.select_related("user")[k // len(offices)]
        # Name searches with names (and prefixes) of the counsellor's own clients, decrypted here.
        names = [
            case.client.name
            for case in Case.objects.filter(counsellor=member.user, client__isnull=False)
            .select_related("client")
            .order_by("pk")[:40]
        ]
        base = f"/de/staff/{office.slug}/counselling/cases/"
        queries = [
            {},
            {"status": "open"},
            {"status": "open", "topic": "arbeit"},
            {"status": "waiting", "topic": rng.choice(topics)},
            {"status": "closed", "page": "2"},
            {"topic": rng.choice(topics)},
        ]
        for name in rng.sample(names, min(10, len(names))):
            first, last = name.split(" ", 1)
            queries.append({"q": rng.choice([first, first[:3], f"{first} {last[:3]}", last])})
        lines = [_session_cookie(member.user.username)]
        lines += [f"{base}?{urllib.parse.urlencode(q)}" if q else base for q in queries]
        (out_dir / f"case_list-{k}.txt").write_text("\n".join(lines) + "\n")
    admin = Membership.objects.filter(office=offices[0], role="admin").select_related("user").first()
    analysis = f"/de/staff/{offices[0].slug}/counselling/analysis/?year={year}"
    (out_dir / "analysis-0.txt").write_text(f"{_session_cookie(admin.user.username)}\n{analysis}\n")
    (out_dir / "dataset.json").write_text(json.dumps(dataset()))
    print(f"counselling URLs: {USERS_PER_RUN} counsellors × {len(queries)} case list URLs, analysis {year}")


def preflight(base_url: str, path_file: Path) -> int:
    """Every URL answers 200 with the file's cookie (a redirect to the login or 2FA page would be
    measured as a cheap 302 instead of the page)."""
    import http.client

    host, port = urllib.parse.urlsplit(base_url).netloc.split(":")
    cookie, *paths = path_file.read_text().split("\n")
    connection = http.client.HTTPConnection(host, int(port), timeout=120)
    bad = []
    for path in filter(None, paths):
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            bad.append(f"{response.status} {path} {response.getheader('Location') or ''}")
    connection.close()
    for line in bad[:10]:
        print(f"  {line}", file=sys.stderr)
    return 1 if bad else 0


def report(raw_path: Path, dataset_path: Path, out_path: Path) -> int:
    """Append the counselling rows to $BENCH_OUT (a list; rows of an earlier counselling run are replaced,
    everything else is kept): kind "endpoint" rows with section "counselling", then the checks."""
    sys.path.insert(0, str(ROOT / "bench"))
    from report import endpoint_rows, table

    raw = [json.loads(line) for line in raw_path.read_text().splitlines() if line.strip()]
    rows = endpoint_rows(raw, json.loads(dataset_path.read_text()))
    for row in rows:
        row["section"] = "counselling"
    by_key = {(row["name"], row["concurrency"]): row for row in rows}
    found = []
    for name, (endpoint, concurrency, target) in TARGETS.items():
        row = by_key.get((endpoint, concurrency))
        value = row["p95_ms"] if row else None
        found.append(
            {
                "kind": "check",
                "section": "counselling",
                "name": name,
                "description": f"p95 latency of {endpoint} at concurrency {concurrency}, ms",
                "value": value,
                "target": target,
                "direction": "max",
                "met": None if value is None else value <= target,
            }
        )
    existing = json.loads(out_path.read_text()) if out_path.exists() else []
    kept = [item for item in existing if item.get("section") != "counselling"]
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps([*kept, *rows, *found], indent=2, ensure_ascii=False) + "\n")
    print(table(rows, found))
    print(f"\nadded to {out_path}")
    return 1 if any(row["errors"] for row in rows) else 0


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "dataset-ok":
        return dataset_ok()
    if command == "urls":
        urls(Path(argv[2]), int(argv[3]))
        return 0
    if command == "preflight":
        return preflight(argv[2], Path(argv[3]))
    if command == "report":
        return report(Path(argv[2]), Path(argv[3]), Path(argv[4]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
