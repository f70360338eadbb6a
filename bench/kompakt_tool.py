"""Helpers of bench/kompakt.sh (KOMPAKT, issue 8): check the data set, time the statistics import, the
portrait over HTTP and the programme PDF, merge the results.

    python bench/kompakt_tool.py dataset-ok                 exit 0 when the statistics data set is complete
    python bench/kompakt_tool.py import OUT_DIR             one canton's year through statistics_check +
                                                            statistics_import (in process): new, replace
    python bench/kompakt_tool.py urls OUT_DIR               session cookie + portrait URLs (large, median)
    python bench/kompakt_tool.py portrait BASE_URL OUT_DIR  page + every chart PNG, sequential, N repeats
    python bench/kompakt_tool.py pdf OUT_DIR                programme_pdf of a 12-measure programme, N=5
    python bench/kompakt_tool.py report OUT_DIR OUT_JSON    merge into $BENCH_OUT (section "kompakt")

Runs with the environment kompakt.sh sets (production settings, DATABASE_URL, SECRET_KEY shared with the
server: the session cookie carries a hash made with it).
"""

import http.client
import io
import json
import os
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REPEATS = int(os.environ.get("BENCH_KOMPAKT_REPEATS", "20"))
COLD_MUNICIPALITIES = int(os.environ.get("BENCH_KOMPAKT_COLD", "10"))
PDF_REPEATS = int(os.environ.get("BENCH_KOMPAKT_PDF_REPEATS", "5"))
IMPORT_YEAR = 2009  # outside the generated years: the import adds it, the bench removes it again
TARGETS = {
    # check: (description, target, direction)
    "kompakt_import_canton_year_s": ("import of one canton's year (check + import), s", 30.0, "max"),
    "kompakt_portrait_first_view_p95_s": (
        "portrait page with its six charts (SVG), first view (nothing cached), p95 s",
        2.0,
        "max",
    ),
    "kompakt_portrait_large_total_p95_s": (
        "portrait page + all chart PNGs, large municipality, p95 s",
        2.0,
        "max",
    ),
    "kompakt_portrait_median_total_p95_s": (
        "portrait page + all chart PNGs, median municipality, p95 s",
        2.0,
        "max",
    ),
    "kompakt_programme_pdf_p95_s": ("programme PDF with 12 measures (in process), p95 s", 5.0, "max"),
}


def _django():
    import django

    django.setup()


def _want() -> dict:
    return {
        "municipalities": int(os.environ.get("BENCH_KOMPAKT_MUNICIPALITIES", "2100")),
        "years": int(os.environ.get("BENCH_KOMPAKT_YEARS", "15")),
    }


def dataset_ok() -> int:
    _django()
    from fachstelle.kompakt.bench import bench_kompakt_complete, bench_kompakt_counts

    want = _want()
    print(f"KOMPAKT data set: {bench_kompakt_counts()} (wanted {want})")
    return 0 if bench_kompakt_complete(**want) else 1


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def _summary(values: list[float], digits: int = 3) -> dict:
    return {
        "n": len(values),
        "p50_s": round(statistics.median(values), digits) if values else None,
        "p95_s": round(_pct(values, 0.95), digits) if values else None,
        "max_s": round(max(values), digits) if values else None,
    }


# --- Import -----------------------------------------------------------------------------------------------


def import_bench(out_dir: Path) -> int:
    """The import canton's year as the realistic full cross table (shape "cross"), through the services the
    upload pages use: statistics_check (parse + validate + record), then statistics_import with the data
    (which checks again, then deletes and writes in one transaction). Twice: into an empty year, then the
    same file again (the year is replaced). The year is deleted afterwards."""
    _django()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from fachstelle.kompakt.bench import (
        ADMIN_USERNAME,
        IMPORT_CANTON,
        bench_kompakt_municipalities,
        bench_kompakt_office,
        canton_csv,
    )
    from fachstelle.kompakt.models import PopulationFigure
    from fachstelle.kompakt.services.statistics_import import _report, statistics_check, statistics_import

    office = bench_kompakt_office()
    admin = get_user_model().objects.get(username=ADMIN_USERNAME)
    started = time.perf_counter()
    data, rows = canton_csv(canton=IMPORT_CANTON, year=IMPORT_YEAR)
    made = time.perf_counter() - started
    canton = bench_kompakt_municipalities().filter(canton=IMPORT_CANTON)
    PopulationFigure.objects.filter(municipality__in=canton, year=IMPORT_YEAR).delete()
    runs = []
    for label in ("new", "replace"):
        t0 = time.perf_counter()
        parsed = _report(office=office, data=data, file_name="x.csv")  # parsing + validation alone
        t1 = time.perf_counter()
        report = statistics_check(office=office, data=data, file_name=f"bench-{IMPORT_CANTON}.csv", by=admin)
        t2 = time.perf_counter()
        assert not report.has_errors, report.errors[:3]
        statistics_import(office=office, data=data, record=report.record, by=admin)
        t3 = time.perf_counter()
        stored = PopulationFigure.objects.filter(municipality__in=canton, year=IMPORT_YEAR).count()
        runs.append(
            {
                "run": label,
                "rows": rows,
                "rows_stored": stored,
                "parse_validate_s": round(t1 - t0, 3),
                "check_s": round(t2 - t1, 3),
                "import_s": round(t3 - t2, 3),
                "write_s": round((t3 - t2) - (t1 - t0), 3),
                "check_plus_import_s": round(t3 - t1, 3),
            }
        )
        print(
            f"import {label}: {rows} rows, {len(parsed.municipality_ids)} municipalities – check "
            f"{t2 - t1:.2f} s, import {t3 - t2:.2f} s (re-check ~{t1 - t0:.2f} s), total {t3 - t1:.2f} s"
        )
    PopulationFigure.objects.filter(municipality__in=canton, year=IMPORT_YEAR).delete()
    result = {
        "canton": IMPORT_CANTON,
        "year": IMPORT_YEAR,
        "municipalities": canton.count(),
        "rows": rows,
        "bytes": len(data),
        "file_made_s": round(made, 3),
        "backend": connection.vendor,
        "runs": runs,
        "worst_check_plus_import_s": max(run["check_plus_import_s"] for run in runs),
        "ok": all(run["rows_stored"] == rows for run in runs),
    }
    (out_dir / "import.json").write_text(json.dumps(result))
    return 0 if result["ok"] else 1


# --- Portrait over HTTP -----------------------------------------------------------------------------------


def _session_cookie(username: str) -> str:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("bench_session", username, "--i-know-this-is-a-benchmark", "--cookie", stdout=out)
    return out.getvalue().strip()


def urls(out_dir: Path) -> int:
    """portrait.json: the statistics user's session cookie and, for the largest and the median municipality
    (by residents in the newest year), the portrait page and every chart's PNG."""
    _django()
    from django.db.models import Sum
    from django.urls import reverse
    from django.utils import translation

    from fachstelle.kompakt.bench import (
        LAST_YEAR,
        OFFICE_SLUG,
        STATISTICS_USERNAME,
        bench_kompakt_municipalities,
    )
    from fachstelle.kompakt.models import PopulationFigure
    from fachstelle.kompakt.portrait_charts import CHART_KEYS

    totals = list(
        PopulationFigure.objects.filter(municipality__in=bench_kompakt_municipalities(), year=LAST_YEAR)
        .values("municipality__bfs_number", "municipality__name")
        .annotate(total=Sum("count"))
        .order_by("-total", "municipality__bfs_number")
    )
    if not totals:
        sys.exit("no KOMPAKT bench data: generate it first")
    picks = {"large": totals[0], "median": totals[len(totals) // 2]}
    # The cold set: municipalities never opened before (charts not yet in the cache), spread over all sizes.
    step = max(1, len(totals) // COLD_MUNICIPALITIES)
    for i, row in enumerate(totals[1::step][:COLD_MUNICIPALITIES]):
        picks[f"cold-{i}"] = row
    pages = {}
    with translation.override("de"):
        for label, row in picks.items():
            kwargs = {"office_slug": OFFICE_SLUG, "bfs_number": row["municipality__bfs_number"]}
            page = reverse("kompakt:portrait_detail", kwargs=kwargs) + f"?year={LAST_YEAR}"
            charts = [
                reverse("kompakt:portrait_chart", kwargs={**kwargs, "chart": key})
                + f"?year={LAST_YEAR}&format=png"
                for key in CHART_KEYS
            ]
            pages[label] = {
                "bfs_number": row["municipality__bfs_number"],
                "name": row["municipality__name"],
                "residents": row["total"],
                "page": page,
                "charts": charts,
            }
    out = {"cookie": _session_cookie(STATISTICS_USERNAME), "pages": pages}
    (out_dir / "portrait.json").write_text(json.dumps(out, ensure_ascii=False))
    for label, item in pages.items():
        print(f"portrait {label}: {item['name']} ({item['bfs_number']}), {item['residents']} residents")
    return 0


def _get(conn: http.client.HTTPConnection, path: str, cookie: str) -> tuple[int, int, float]:
    started = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
    response = conn.getresponse()
    body = response.read()
    return response.status, len(body), time.perf_counter() - started


def portrait(base_url: str, out_dir: Path) -> int:
    """Sequentially (one connection, concurrency 1): the page, then every chart PNG; one unrecorded warm-up
    round, then REPEATS rounds per municipality."""
    spec = json.loads((out_dir / "portrait.json").read_text())
    url = urllib.parse.urlsplit(base_url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    results, failures = {}, []
    # First views: each municipality once, nothing cached yet (the page draws its six charts as SVG, each PNG
    # is drawn on its request).
    cold_pages, cold_totals = [], []
    for label, item in spec["pages"].items():
        if not label.startswith("cold-"):
            continue
        status, _size, seconds = _get(conn, item["page"], spec["cookie"])
        if status != 200:
            failures.append(f"{item['page']}: HTTP {status}")
        cold_pages.append(seconds)
        total = seconds
        for path in item["charts"]:
            status, _size, seconds = _get(conn, path, spec["cookie"])
            if status != 200:
                failures.append(f"{path}: HTTP {status}")
            total += seconds
        cold_totals.append(total)
    if cold_pages:
        results["cold"] = {
            "municipalities": len(cold_pages),
            "page": _summary(cold_pages),
            "total": _summary(cold_totals),
        }
        page, total = results["cold"]["page"], results["cold"]["total"]
        print(
            f"portrait first view ({len(cold_pages)} municipalities, all sizes): page p50 {page['p50_s']} s "
            f"p95 {page['p95_s']} s; page + charts p50 {total['p50_s']} s p95 {total['p95_s']} s"
        )
    for label, item in spec["pages"].items():
        if label.startswith("cold-"):
            continue
        pages, charts, totals = [], {}, []
        for round_ in range(REPEATS + 1):
            total = 0.0
            status, size, seconds = _get(conn, item["page"], spec["cookie"])
            if status != 200:
                failures.append(f"{item['page']}: HTTP {status}")
            total += seconds
            if round_:
                pages.append(seconds)
            for path in item["charts"]:
                status, _size, seconds = _get(conn, path, spec["cookie"])
                if status != 200:
                    failures.append(f"{path}: HTTP {status}")
                total += seconds
                if round_:
                    key = path.rstrip("/").split("?")[0].rstrip("/").rsplit("/", 1)[-1]
                    charts.setdefault(key, []).append(seconds)
            if round_:
                totals.append(total)
        all_charts = [s for values in charts.values() for s in values]
        results[label] = {
            "municipality": item["name"],
            "bfs_number": item["bfs_number"],
            "residents": item["residents"],
            "page_bytes": size,
            "page": _summary(pages),
            "chart_png": _summary(all_charts),
            "charts": {key: _summary(values) for key, values in charts.items()},
            "total": _summary(totals),
        }
        print(
            f"portrait {label} ({item['name']}, {item['residents']} residents): page p50 "
            f"{results[label]['page']['p50_s']} s p95 {results[label]['page']['p95_s']} s; chart PNG p50 "
            f"{results[label]['chart_png']['p50_s']} s p95 {results[label]['chart_png']['p95_s']} s; "
            f"page + {len(item['charts'])} charts p50 {results[label]['total']['p50_s']} s "
            f"p95 {results[label]['total']['p95_s']} s"
        )
    conn.close()
    (out_dir / "portrait-result.json").write_text(
        json.dumps({"repeats": REPEATS, "results": results, "failures": failures[:20]}, ensure_ascii=False)
    )
    for failure in failures[:5]:
        print(f"  failed: {failure}", file=sys.stderr)
    return 1 if failures else 0


# --- Programme PDF ----------------------------------------------------------------------------------------


def _bench_programme(office, municipality):
    """A programme with 12 measures (4 goals, every KIP area in turn) for a bench municipality (ORM, created
    once, reused)."""
    import datetime
    from decimal import Decimal

    from fachstelle.core.models import PromotionArea
    from fachstelle.kompakt.models import Goal, Measure, Process, Programme

    process, _created = Process.objects.get_or_create(office=office, municipality=municipality)
    programme = Programme.objects.filter(process=process).first()
    if programme is None:
        programme = Programme.objects.create(
            process=process,
            title=f"Integrationsprogramm {municipality.name} 2025–2028",
            summary="Die Gemeinde stärkt Sprache, Begegnung und frühe Förderung.",
            starting_point="{municipality} hat {population} Einwohnende ({foreign_share} Ausländer/innen).",
            challenges="Wenig Angebote für Frauen mit kleinen Kindern; lange Wege zu Deutschkursen.",
            period_start=2025,
            period_end=2028,
        )
    areas = list(PromotionArea.objects.order_by("code"))
    goals = list(Goal.objects.filter(programme=programme))
    for n in range(len(goals), 4):
        goals.append(
            Goal.objects.create(
                programme=programme,
                promotion_area=areas[n % len(areas)] if areas else None,
                title=f"Ziel {n + 1}: Zugang zu Information und Sprache verbessern",
                position=n,
            )
        )
    for n in range(Measure.objects.filter(programme=programme).count(), 12):
        Measure.objects.create(
            programme=programme,
            goal=goals[n % 4],
            promotion_area=areas[n % len(areas)],
            title=f"Massnahme {n + 1}: Deutschkurs mit Kinderbetreuung",
            description="Niederschwelliger Kurs zweimal pro Woche, mit Kinderbetreuung und Begegnungscafé.",
            responsible="Gemeinderat, Ressort Soziales",
            partners="Schule, Verein Deutsch für alle",
            starts_on=datetime.date(2025, 1 + n % 12, 1),
            ends_on=datetime.date(2028, 12, 31),
            cost_once=Decimal("2000"),
            cost_yearly=Decimal("8500"),
            funding_municipality=Decimal("6000"),
            funding_canton=Decimal("4500"),
        )
    return programme


def pdf(out_dir: Path) -> int:
    _django()
    result = {"available": False, "repeats": PDF_REPEATS, "mode": "in process (programme_pdf(programme))"}
    try:
        from fachstelle.kompakt.programme_pdf import programme_pdf
    except ImportError:
        print("programme PDF: not available")
        (out_dir / "pdf.json").write_text(json.dumps(result))
        return 0
    from fachstelle.kompakt.bench import bench_kompakt_municipalities, bench_kompakt_office

    office = bench_kompakt_office()
    municipality = bench_kompakt_municipalities().order_by("bfs_number").first()
    try:
        programme = _bench_programme(office, municipality)
    except Exception as exc:  # the programme models' required fields may differ from this builder
        print(f"programme PDF: not available (could not build the programme: {type(exc).__name__}: {exc})")
        result["error"] = f"{type(exc).__name__}: {exc}"
        (out_dir / "pdf.json").write_text(json.dumps(result))
        return 0
    timings, size = [], 0
    programme_pdf(programme)  # warm-up (fonts, templates)
    for _n in range(PDF_REPEATS):
        started = time.perf_counter()
        size = len(programme_pdf(programme))
        timings.append(time.perf_counter() - started)
    result.update({"available": True, "bytes": size, **_summary(timings)})
    print(
        f"programme PDF (12 measures, in process): p50 {result['p50_s']} s, p95 {result['p95_s']} s, "
        f"{size} bytes"
    )
    (out_dir / "pdf.json").write_text(json.dumps(result))
    return 0


# --- Report -----------------------------------------------------------------------------------------------


def _check(name: str, value) -> dict:
    description, target, direction = TARGETS[name]
    met = None if value is None else (value <= target if direction == "max" else value >= target)
    return {
        "kind": "check",
        "section": "kompakt",
        "name": name,
        "description": description,
        "value": value,
        "target": target,
        "direction": direction,
        "met": met,
    }


def _load(path: Path) -> dict | None:
    return json.loads(path.read_text()) if path.exists() else None


def report(out_dir: Path, out_path: Path) -> int:
    """Append the KOMPAKT rows to $BENCH_OUT (rows of an earlier KOMPAKT run are replaced)."""
    dataset = _load(out_dir / "dataset.json") or {}
    imported = _load(out_dir / "import.json")
    portrait_result = _load(out_dir / "portrait-result.json")
    pdf_result = _load(out_dir / "pdf.json")
    rows = [{"kind": "measurement", "section": "kompakt", "name": "kompakt_dataset", **dataset}]
    if imported:
        rows.append({"kind": "measurement", "section": "kompakt", "name": "kompakt_import", **imported})
    if portrait_result:
        for label, item in portrait_result["results"].items():
            rows.append(
                {
                    "kind": "measurement",
                    "section": "kompakt",
                    "name": f"kompakt_portrait_{label}",
                    "repeats": portrait_result["repeats"],
                    "concurrency": 1,
                    **item,
                }
            )
    if pdf_result:
        rows.append(
            {"kind": "measurement", "section": "kompakt", "name": "kompakt_programme_pdf", **pdf_result}
        )
    results = (portrait_result or {}).get("results", {})
    checks = [
        _check("kompakt_import_canton_year_s", imported["worst_check_plus_import_s"] if imported else None),
        _check(
            "kompakt_portrait_first_view_p95_s",
            results["cold"]["page"]["p95_s"] if "cold" in results else None,
        ),
        _check(
            "kompakt_portrait_large_total_p95_s",
            results["large"]["total"]["p95_s"] if "large" in results else None,
        ),
        _check(
            "kompakt_portrait_median_total_p95_s",
            results["median"]["total"]["p95_s"] if "median" in results else None,
        ),
        _check(
            "kompakt_programme_pdf_p95_s",
            pdf_result.get("p95_s") if pdf_result and pdf_result.get("available") else None,
        ),
    ]
    existing = json.loads(out_path.read_text()) if out_path.exists() else []
    kept = [item for item in existing if item.get("section") != "kompakt"]
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps([*kept, *rows, *checks], indent=2, ensure_ascii=False) + "\n")
    print(f"\nKOMPAKT data set: {dataset}")
    for check in checks:
        verdict = {True: "met", False: "MISSED", None: "n/a"}[check["met"]]
        print(f"{check['name']:<40} {check['value']} (target ≤ {check['target']})  {verdict}")
    print(f"\nadded to {out_path}")
    failed = bool(portrait_result and portrait_result.get("failures")) or (imported and not imported["ok"])
    return 1 if failed else 0


def dataset_json(out_dir: Path) -> int:
    _django()
    from fachstelle.kompakt.bench import bench_kompakt_counts

    (out_dir / "dataset.json").write_text(json.dumps(bench_kompakt_counts()))
    return 0


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "dataset-ok":
        return dataset_ok()
    if command == "import":
        return import_bench(Path(argv[2]))
    if command == "urls":
        return urls(Path(argv[2])) or dataset_json(Path(argv[2]))
    if command == "portrait":
        return portrait(argv[2], Path(argv[3]))
    if command == "pdf":
        return pdf(Path(argv[2]))
    if command == "report":
        return report(Path(argv[2]), Path(argv[3]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
