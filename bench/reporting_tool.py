"""Helpers of bench/reporting.sh (reporting, issue 9): check the bench canton, time the office dashboard, the
KIP report and the canton view over HTTP, the annual report PDF in process, find where the time goes, merge
the results.

    python bench/reporting_tool.py dataset-ok               exit 0 when the bench canton is complete
    python bench/reporting_tool.py urls OUT_DIR             session cookies + the URLs, dataset.json
    python bench/reporting_tool.py http BASE_URL OUT_DIR    dashboard (N=10), KIP (N=10), canton (N=5),
                                                            sequential, after a warm-up; first view + charts
    python bench/reporting_tool.py pdf OUT_DIR              annual_report_pdf(office=, year=) in process, N=3
    python bench/reporting_tool.py profile OUT_DIR          in process: per section time, queries, SQL time
                                                            of the dashboard and the canton view
    python bench/reporting_tool.py report OUT_DIR OUT_JSON  merge into $BENCH_OUT (section "reporting")

Runs with the environment reporting.sh sets (production settings, DATABASE_URL, SECRET_KEY shared with the
server: the session cookie carries a hash made with it).
"""

import http.client
import io
import json
import os
import re
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DASHBOARD_REPEATS = int(os.environ.get("BENCH_REPORTING_REPEATS", "10"))
CANTON_REPEATS = int(os.environ.get("BENCH_REPORTING_CANTON_REPEATS", "5"))
PDF_REPEATS = int(os.environ.get("BENCH_REPORTING_PDF_REPEATS", "3"))
TARGETS = {
    # check: (description, target, direction)
    "reporting_dashboard_p95_s": (
        "office dashboard of the largest office for one year, c1, p95 s",
        1.0,
        "max",
    ),
    "reporting_canton_p95_s": (
        "canton view over the offices of the canton for one year (comparison from the hourly job), c1, p95 s",
        2.0,
        "max",
    ),
    "reporting_annual_pdf_p95_s": (
        "annual report PDF of the largest office (in process), p95 s",
        10.0,
        "max",
    ),
}
CHART_SRC = re.compile(r'<img[^>]+src="([^"]*/reports/charts/[^"]+)"')


def _django():
    import django

    django.setup()


def _year() -> int:
    from fachstelle.reporting.bench import year_with_data

    return int(os.environ.get("BENCH_REPORTING_YEAR") or year_with_data())


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


def _load_avg() -> list[float]:
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except OSError:
        return []


def dataset_ok() -> int:
    _django()
    from fachstelle.reporting.bench import bench_reporting_complete, bench_reporting_counts

    print(f"reporting bench canton: {bench_reporting_counts()}")
    return 0 if bench_reporting_complete() else 1


# --- URLs -------------------------------------------------------------------------------------------------


def _session_cookie(username: str) -> str:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("bench_session", username, "--i-know-this-is-a-benchmark", "--cookie", stdout=out)
    return out.getvalue().strip()


def urls(out_dir: Path) -> int:
    """urls.json: the statistics user's and the canton user's cookies and the pages to measure."""
    _django()
    from django.urls import reverse
    from django.utils import translation

    from fachstelle.reporting.bench import (
        CANTON_OFFICE_SLUG,
        CANTON_USERNAME,
        LARGEST_OFFICE_SLUG,
        STATISTICS_USERNAME,
        bench_reporting_counts,
    )

    year = _year()
    with translation.override("de"):
        office = {"office_slug": LARGEST_OFFICE_SLUG}
        spec = {
            "year": year,
            "pages": {
                "dashboard": {
                    "cookie": _session_cookie(STATISTICS_USERNAME),
                    "path": reverse("reporting:dashboard", kwargs=office) + f"?year={year}",
                    "repeats": DASHBOARD_REPEATS,
                },
                "kip": {
                    "cookie": _session_cookie(STATISTICS_USERNAME),
                    "path": reverse("reporting:kip_report", kwargs=office) + f"?year={year}",
                    "repeats": DASHBOARD_REPEATS,
                },
                "canton": {
                    "cookie": _session_cookie(CANTON_USERNAME),
                    "path": reverse("reporting:canton_overview", kwargs={"office_slug": CANTON_OFFICE_SLUG})
                    + f"?year={year}",
                    "repeats": CANTON_REPEATS,
                },
                # The same page computed while the user waits (?refresh=1), not taken from the hourly job.
                "canton_live": {
                    "cookie": _session_cookie(CANTON_USERNAME),
                    "path": reverse("reporting:canton_overview", kwargs={"office_slug": CANTON_OFFICE_SLUG})
                    + f"?year={year}&refresh=1",
                    "repeats": CANTON_REPEATS,
                },
            },
        }
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "urls.json").write_text(json.dumps(spec))
    counts = bench_reporting_counts()
    (out_dir / "dataset.json").write_text(json.dumps({"year": year, **counts}))
    print(f"reporting year {year}; data: {counts}")
    return 0


# --- HTTP -------------------------------------------------------------------------------------------------


def _get(conn: http.client.HTTPConnection, path: str, cookie: str) -> tuple[int, bytes, float]:
    started = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
    response = conn.getresponse()
    body = response.read()
    return response.status, body, time.perf_counter() - started


def http_bench(base_url: str, out_dir: Path) -> int:
    """Sequentially on one connection (concurrency 1). The dashboard is requested first with its charts
    (first view: the page, then every chart image it shows, nothing cached), then every page once as an
    unrecorded warm-up and `repeats` recorded times."""
    spec = json.loads((out_dir / "urls.json").read_text())
    url = urllib.parse.urlsplit(base_url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=300)
    results, failures = {}, []
    dashboard = spec["pages"]["dashboard"]
    status, body, page_s = _get(conn, dashboard["path"], dashboard["cookie"])
    if status != 200:
        failures.append(f"{dashboard['path']}: HTTP {status}")
    charts = [src.replace("&amp;", "&") for src in CHART_SRC.findall(body.decode("utf-8", "replace"))]
    chart_times = []
    for src in charts:
        status, _body, seconds = _get(conn, src, dashboard["cookie"])
        if status != 200:
            failures.append(f"{src}: HTTP {status}")
        chart_times.append(seconds)
    results["dashboard_first_view"] = {
        "page_s": round(page_s, 3),
        "charts": len(charts),
        "charts_total_s": round(sum(chart_times), 3),
        "chart": _summary(chart_times),
        "page_plus_charts_s": round(page_s + sum(chart_times), 3),
    }
    print(
        f"dashboard first view: page {page_s:.3f} s, {len(charts)} charts {sum(chart_times):.3f} s "
        f"(load average {_load_avg()})"
    )
    for name, item in spec["pages"].items():
        timings, size = [], 0
        for round_ in range(item["repeats"] + 1):
            status, body, seconds = _get(conn, item["path"], item["cookie"])
            if status != 200:
                failures.append(f"{item['path']}: HTTP {status}")
            size = len(body)
            if round_:
                timings.append(seconds)
        results[name] = {
            "path": item["path"],
            "bytes": size,
            "load_average": _load_avg(),
            **_summary(timings),
        }
        print(
            f"{name}: p50 {results[name]['p50_s']} s, p95 {results[name]['p95_s']} s, "
            f"max {results[name]['max_s']} s ({size} bytes; load average {_load_avg()})"
        )
    conn.close()
    (out_dir / "http.json").write_text(json.dumps({"results": results, "failures": failures[:20]}))
    for failure in failures[:5]:
        print(f"  failed: {failure}", file=sys.stderr)
    return 1 if failures else 0


# --- Annual report PDF ------------------------------------------------------------------------------------


def pdf(out_dir: Path) -> int:
    """annual_report_pdf(office=, year=) of the largest office, in process, after a warm-up (fonts,
    templates); also the split: the figures (annual_report_data) and the rendering (render_annual_pdf)."""
    _django()
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from fachstelle.reporting.annual_pdf import annual_report_pdf, render_annual_pdf
    from fachstelle.reporting.bench import largest_office
    from fachstelle.reporting.services.annual import annual_report_data

    office, year = largest_office(), _year()
    timings, size = [], 0
    with translation.override("de"):
        annual_report_pdf(office=office, year=year)  # warm-up (fonts, templates)
        # The first build of the year: no chart drawn yet (rebuilds after text edits reuse the charts).
        cache.clear()
        started = time.perf_counter()
        annual_report_pdf(office=office, year=year)
        first_s = time.perf_counter() - started
        for _n in range(PDF_REPEATS):
            started = time.perf_counter()
            size = len(annual_report_pdf(office=office, year=year))
            timings.append(time.perf_counter() - started)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            data = annual_report_data(office=office, year=year)
            data_s = time.perf_counter() - started
        started = time.perf_counter()
        render_annual_pdf(data)
        render_s = time.perf_counter() - started
    sql_s = sum(float(query["time"]) for query in captured.captured_queries)
    result = {
        "office": office.slug,
        "year": year,
        "repeats": PDF_REPEATS,
        "bytes": size,
        "load_average": _load_avg(),
        **_summary(timings),
        "first_build_s": round(first_s, 3),
        "figures_s": round(data_s, 3),
        "figures_queries": len(captured.captured_queries),
        "figures_sql_s": round(sql_s, 3),
        "render_s": round(render_s, 3),
    }
    print(
        f"annual report PDF ({office.slug}, {year}): first build (charts drawn) {first_s:.2f} s; rebuilds "
        f"p50 {result['p50_s']} s, p95 {result['p95_s']} s, "
        f"{size} bytes; figures {data_s:.2f} s ({result['figures_queries']} queries, SQL {sql_s:.2f} s), "
        f"rendering {render_s:.2f} s"
    )
    (out_dir / "pdf.json").write_text(json.dumps(result))
    return 0


# --- Where the time goes ----------------------------------------------------------------------------------


def _timed(func, **kwargs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        value = func(**kwargs)
        seconds = time.perf_counter() - started
    queries = captured.captured_queries
    slowest = sorted(queries, key=lambda q: -float(q["time"]))[:3]
    return value, {
        "s": round(seconds, 3),
        "queries": len(queries),
        "sql_s": round(sum(float(q["time"]) for q in queries), 3),
        "slowest": [{"s": float(q["time"]), "sql": q["sql"][:300]} for q in slowest],
    }


def _line(timing: dict) -> str:
    return f"{timing['s']:.3f} s, {timing['queries']} queries, SQL {timing['sql_s']:.3f} s"


def profile(out_dir: Path) -> int:
    """In process, warm: each section of the dashboard of the largest office (time, queries, SQL time, the
    slowest queries), and the canton view's parts (office comparison over every office, municipalities, KIP
    table)."""
    _django()
    from django.utils import translation

    from fachstelle.reporting.bench import canton_office, largest_office
    from fachstelle.reporting.filters import ReportFilters
    from fachstelle.reporting.sections import SECTION_MODULES, section_module
    from fachstelle.reporting.selectors.canton import canton_municipalities, canton_offices, office_comparison
    from fachstelle.reporting.selectors.kip import kip_table

    year = _year()
    filters = ReportFilters.year(year)
    office = largest_office()
    result = {"year": year, "dashboard_sections": {}, "canton": {}}
    with translation.override("de"):
        for key in SECTION_MODULES:
            module = section_module(key)
            module.section(office=office, filters=filters)  # warm
            _value, timing = _timed(module.section, office=office, filters=filters)
            result["dashboard_sections"][key] = timing
            print(f"dashboard section {key:<12} {_line(timing)}")
        cantonal = canton_office()
        offices, timing = _timed(canton_offices, office=cantonal)
        _value, result["canton"]["office_comparison"] = _timed(
            office_comparison, offices=offices, filters=filters
        )
        _value, result["canton"]["municipalities"] = _timed(
            canton_municipalities,
            canton=cantonal.canton,
            country=cantonal.country,
            offices=offices,
            filters=filters,
        )
        _value, result["canton"]["kip_table"] = _timed(kip_table, offices=offices, filters=filters)
        result["canton"]["offices"] = len(offices)
        for part in ("office_comparison", "municipalities", "kip_table"):
            item = result["canton"][part]
            print(
                f"canton {part:<18} {item['s']:.3f} s, {item['queries']} queries, SQL {item['sql_s']:.3f} s"
            )
    (out_dir / "profile.json").write_text(json.dumps(result))
    return 0


# --- Report -----------------------------------------------------------------------------------------------


def _check(name: str, value) -> dict:
    description, target, direction = TARGETS[name]
    met = None if value is None else (value <= target if direction == "max" else value >= target)
    return {
        "kind": "check",
        "section": "reporting",
        "name": name,
        "description": description,
        "value": value,
        "target": target,
        "direction": direction,
        "met": met,
    }


def _row(name: str) -> dict:
    return {"kind": "measurement", "section": "reporting", "name": name}


def _load(path: Path) -> dict | None:
    return json.loads(path.read_text()) if path.exists() else None


def report(out_dir: Path, out_path: Path) -> int:
    """Append the reporting rows to $BENCH_OUT (rows of an earlier reporting run are replaced)."""
    dataset = _load(out_dir / "dataset.json") or {}
    http_result = _load(out_dir / "http.json") or {"results": {}, "failures": []}
    pdf_result = _load(out_dir / "pdf.json")
    profile_result = _load(out_dir / "profile.json")
    rows = [{"kind": "measurement", "section": "reporting", "name": "reporting_dataset", **dataset}]
    for name, item in http_result["results"].items():
        rows.append(
            {
                "kind": "measurement",
                "section": "reporting",
                "name": f"reporting_{name}",
                "concurrency": 1,
                **item,
            }
        )
    if pdf_result:
        rows.append(
            {"kind": "measurement", "section": "reporting", "name": "reporting_annual_pdf", **pdf_result}
        )
    if profile_result:
        rows.append(
            {"kind": "measurement", "section": "reporting", "name": "reporting_profile", **profile_result}
        )
    results = http_result["results"]
    checks = [
        _check("reporting_dashboard_p95_s", results.get("dashboard", {}).get("p95_s")),
        _check("reporting_canton_p95_s", results.get("canton", {}).get("p95_s")),
        _check("reporting_annual_pdf_p95_s", pdf_result.get("p95_s") if pdf_result else None),
    ]
    existing = json.loads(out_path.read_text()) if out_path.exists() else []
    kept = [item for item in existing if item.get("section") != "reporting"]
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps([*kept, *rows, *checks], indent=2, ensure_ascii=False) + "\n")
    print(f"\nreporting data set: {dataset}")
    for name in ("kip", "canton_live"):
        if name in results:
            print(f"{'reporting_' + name + ' (no target)':<40} p95 {results[name]['p95_s']} s")
    if pdf_result and "first_build_s" in pdf_result:
        print(f"{'reporting_annual_pdf first build':<40} {pdf_result['first_build_s']} s")
    for check in checks:
        verdict = {True: "met", False: "MISSED", None: "n/a"}[check["met"]]
        print(f"{check['name']:<40} {check['value']} (target ≤ {check['target']})  {verdict}")
    print(f"\nadded to {out_path}")
    return 1 if http_result.get("failures") else 0


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "dataset-ok":
        return dataset_ok()
    if command == "urls":
        return urls(Path(argv[2]))
    if command == "http":
        return http_bench(argv[2], Path(argv[3]))
    if command == "pdf":
        return pdf(Path(argv[2]))
    if command == "profile":
        return profile(Path(argv[2]))
    if command == "report":
        return report(Path(argv[2]), Path(argv[3]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
