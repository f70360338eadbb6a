"""Helpers of bench/content.sh (welcome guide, calendar, registrations, brochure): check the data set,
write the URL files, run the concurrent registrations, time the brochure, merge the results.

    python bench/content_tool.py dataset-ok                      exit 0 when the content data set is complete
    python bench/content_tool.py urls OUT_DIR                    guide.txt, events.txt, events_month.txt,
                                                                 registration.json, dataset.json
    python bench/content_tool.py preflight BASE_URL FILE [N]     the first N URLs of FILE answer 200
    python bench/content_tool.py registrations BASE_URL OUT_DIR  200 clients register at once over HTTP
                                                                 (BASE_URL "-": the service, in process)
    python bench/content_tool.py brochure-timing OUT_DIR         brochure_build of the 20-page guide, de, ar
    python bench/content_tool.py report RAW_JSONL OUT_DIR OUT_JSON   merge into $BENCH_OUT, print the table

Runs with the environment content.sh sets (production settings, DATABASE_URL). Exit status 1 when a check
that must hold exactly fails (registrations not 50 confirmed / 150 waitlisted, a request failed).
"""

import datetime
import html.parser
import http.cookiejar
import json
import os
import random
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SEED = 6_000
GUIDE_URLS = 2_000  # (page, language) pairs drawn for the welcome-page mix
REGISTRATIONS = int(os.environ.get("BENCH_REGISTRATIONS", "200"))
# PostgreSQL allows 100 connections on this machine (shared with tests); the in-process fallback lets at
# most this many threads hold a connection at the same time.
SERVICE_CONNECTIONS = int(os.environ.get("BENCH_REGISTRATION_CONNECTIONS", "40"))
BROCHURE_LANGUAGES = ["de", "ar"]
BROCHURE_RUNS = 3
TARGETS = {
    # check: (endpoint, concurrency, target p95 ms)
    "guide_page_p95_ms": ("guide_page", 16, 80.0),
    "events_list_p95_ms": ("events_list", 16, 100.0),
    "events_month_p95_ms": ("events_month", 16, 100.0),
}
BROCHURE_TARGET_S = 5.0


def _django():
    import django

    django.setup()


def _want() -> dict:
    pages = int(os.environ.get("BENCH_GUIDE_PAGES", "2000"))
    languages = int(os.environ.get("BENCH_GUIDE_LANGUAGES", "12"))
    return {
        "guide_pages": pages,
        "guide_translations": pages * languages,
        "brochure_pages": int(os.environ.get("BENCH_BROCHURE_PAGES", "20")),
        "events": int(os.environ.get("BENCH_EVENTS", "10000")),
        "registration_events": 1,
    }


def dataset() -> dict:
    _django()
    from fachstelle.events.bench import bench_events_counts
    from fachstelle.guide.bench import bench_guide_counts

    return {**bench_guide_counts(), **bench_events_counts()}


def dataset_ok() -> int:
    want, have = _want(), dataset()
    print(f"content data set: {have} (wanted {want})")
    return 0 if all(have.get(key) == value for key, value in want.items()) else 1


def _path(name: str, language: str, **kwargs) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def urls(out_dir: Path) -> None:
    """guide.txt: 2,000 welcome pages, each a random published page of a content office in a random
    language (German or one of its twelve translations). events.txt: the calendar list with a filter mix
    (none, field, language, municipality, a date range, a search word, page 2) over the offices, in
    German and four other languages. events_month.txt: month views of the last, current and next months
    with the same filters. registration.json: the registration event's page."""
    _django()
    from django.utils import timezone

    from fachstelle.core.models import FieldOfAction
    from fachstelle.events.bench import registration_event
    from fachstelle.guide.bench import LANGUAGES, content_offices
    from fachstelle.guide.models import GuidePage

    rng = random.Random(SEED)
    out_dir.mkdir(parents=True, exist_ok=True)
    offices = list(content_offices())
    pages = list(
        GuidePage.objects.filter(office__in=offices, status=GuidePage.Status.PUBLISHED)
        .select_related("office")
        .order_by("pk")
    )
    if not pages:
        sys.exit("no guide pages: generate the content data set first")
    languages = ["de", *LANGUAGES]
    guide = []
    for _n in range(GUIDE_URLS):
        page = rng.choice(pages)
        guide.append(
            _path(
                "guide_public:page_detail",
                rng.choice(languages),
                office_slug=page.office.slug,
                pk=page.pk,
                slug=page.slug,
            )
        )
    (out_dir / "guide.txt").write_text("\n".join(guide) + "\n")

    fields = list(FieldOfAction.objects.order_by("order").values_list("slug", flat=True))
    today = timezone.localdate()
    list_languages = ["de", "de", "de", "en", "ar", "ti", "uk"]
    filter_mix = []  # (office slug, query)
    for office in offices:
        places = list(office.municipalities.order_by("bfs_number").values_list("bfs_number", flat=True))
        queries = [{}, {}, {"page": "2"}]
        queries += [{"field": slug} for slug in rng.sample(fields, min(4, len(fields)))]
        queries += [{"language": code} for code in ("ti", "ar", "uk")]
        queries += [{"municipality": str(bfs)} for bfs in rng.sample(places, min(3, len(places)))]
        queries += [
            {"field": rng.choice(fields), "municipality": str(rng.choice(places))},
            {"from": (today + datetime.timedelta(days=30)).isoformat()},
            {"q": "Deutsch"},
            {"q": "Elternabend", "language": "ar"},
        ]
        filter_mix += [(office.slug, query) for query in queries]
    events, months = [], []
    for office_slug, query in filter_mix:
        params = urllib.parse.urlencode(query)
        language = rng.choice(list_languages)
        base = _path("events_public:event_list", language, office_slug=office_slug)
        events.append(f"{base}?{params}" if params else base)
        month_query = {k: v for k, v in query.items() if k not in ("page", "from")}
        for delta in (-1, 0, 1):
            year, month = today.year, today.month + delta
            if month == 0:
                year, month = year - 1, 12
            elif month == 13:
                year, month = year + 1, 1
            months.append(_month_path(language, office_slug, year, month, month_query))
    rng.shuffle(events)
    rng.shuffle(months)
    (out_dir / "events.txt").write_text("\n".join(events) + "\n")
    (out_dir / "events_month.txt").write_text("\n".join(months) + "\n")
    event = registration_event()
    if event is not None:
        detail = _path(
            "events_public:event_detail", "de", office_slug=event.office.slug, pk=event.pk, slug=event.slug
        )
        (out_dir / "registration.json").write_text(json.dumps({"event_id": event.pk, "path": detail}))
    (out_dir / "dataset.json").write_text(json.dumps(dataset()))
    print(f"content URLs in {out_dir}: {len(guide)} guide pages, {len(events)} lists, {len(months)} months")


def _month_path(language: str, office_slug: str, year: int, month: int, query: dict) -> str:
    """The month view: the URL name helper C gave it (year and month in the path), else the list with
    ?view=month&month=YYYY-MM."""
    from django.urls import NoReverseMatch

    params = urllib.parse.urlencode(query)
    for name in ("events_public:event_month", "events_public:calendar_month", "events_public:month"):
        try:
            base = _path(name, language, office_slug=office_slug, year=year, month=month)
        except NoReverseMatch:
            continue
        return f"{base}?{params}" if params else base
    base = _path("events_public:event_list", language, office_slug=office_slug)
    extra = urllib.parse.urlencode({"view": "month", "month": f"{year}-{month:02d}"})
    return f"{base}?{extra}&{params}" if params else f"{base}?{extra}"


def preflight(base_url: str, path_file: Path, limit: int) -> int:
    from tool import preflight as tool_preflight

    return tool_preflight(base_url, path_file, limit)


# --- registrations ------------------------------------------------------------------------------------


class _FormParser(html.parser.HTMLParser):
    """The forms of a page: action, method and their inputs (name → value; textareas and selects empty
    or their first option)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": attrs.get("action") or "",
                    "method": (attrs.get("method") or "get").lower(),
                    "fields": {},
                }
            )
        elif not self.forms:
            return
        elif tag == "input" and attrs.get("name"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.forms[-1]["fields"][attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea" and attrs.get("name"):
            self.forms[-1]["fields"][attrs["name"]] = ""
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
            self.forms[-1]["fields"].setdefault(self._select, "")
        elif tag == "option" and self._select and self.forms[-1]["fields"].get(self._select) == "":
            self.forms[-1]["fields"][self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _registration_form(page_html: str) -> dict | None:
    parser = _FormParser()
    parser.feed(page_html)
    for form in parser.forms:
        names = {name.rsplit("-", 1)[-1] for name in form["fields"]}
        if form["method"] == "post" and {"people", "name"} <= names:
            return form
    return None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # a 302/303 after the POST is the answer we record, not followed


def _client(base_url: str, path: str, n: int, barrier: threading.Barrier, results: list) -> None:
    """One person: GET the event page (CSRF cookie, token, submission key), wait for everyone, POST."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
    # Each client comes from its own address (the server trusts one proxy hop): the per-address rate
    # limit of public forms applies per person, as in production behind nginx.
    address = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256 + 1}"
    headers = {"X-Forwarded-For": address, "User-Agent": "fachstelle-bench"}
    result = {"client": n, "get": None, "post": None, "seconds": None, "error": ""}
    form = None
    try:
        with opener.open(urllib.request.Request(base_url + path, headers=headers), timeout=120) as response:
            result["get"] = response.status
            form = _registration_form(response.read().decode("utf-8", "replace"))
        if form is None:
            result["error"] = "no registration form on the event page"
    except (urllib.error.URLError, OSError) as exc:
        result["error"] = f"GET: {exc}"
    try:
        barrier.wait(timeout=600)
    except threading.BrokenBarrierError:
        result["error"] = result["error"] or "barrier broken"
    if form is not None and not result["error"]:
        data = dict(form["fields"])
        for name in list(data):
            base = name.rsplit("-", 1)[-1]
            value = {
                "name": f"Bench Person {n + 1}",
                "email": f"bench.person.{n + 1}@example.com",
                "phone": "",
                "people": "1",
                "needs": "",
                "website_url": "",  # the honeypot stays empty
            }.get(base)
            if value is not None:
                data[name] = value
        action = urllib.parse.urljoin(base_url + path, form["action"] or path)
        body = urllib.parse.urlencode(data).encode()
        post_headers = {
            **headers,
            "Referer": base_url + path,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        started = time.perf_counter()
        try:
            with opener.open(
                urllib.request.Request(action, data=body, headers=post_headers), timeout=300
            ) as response:
                result["post"] = response.status
                response.read()
        except urllib.error.HTTPError as exc:  # 3xx without redirect-following lands here too
            result["post"] = exc.code
            if exc.code >= 400:
                result["error"] = f"POST: {exc.code} {exc.read()[:200]!r}"
        except (urllib.error.URLError, OSError) as exc:
            result["error"] = f"POST: {exc}"
        result["seconds"] = time.perf_counter() - started
    results[n] = result


def _service_client(event_id: int, n: int, barrier, gate, results: list) -> None:
    """The fallback without the form: one thread, its own database connection, the service."""
    from django.core.exceptions import ValidationError
    from django.db import close_old_connections, connection

    from fachstelle.events.models import Event
    from fachstelle.events.services.registrations import registration_create

    result = {"client": n, "seconds": None, "error": ""}
    try:
        barrier.wait(timeout=600)
        with gate:
            started = time.perf_counter()
            try:
                registration_create(
                    event=Event(pk=event_id),
                    name=f"Bench Person {n + 1}",
                    email=f"bench.person.{n + 1}@example.com",
                    phone="",
                    people=1,
                    language="de",
                    needs="",
                    submission_key=None,
                )
            except ValidationError as exc:
                result["error"] = str(exc)[:200]
            result["seconds"] = time.perf_counter() - started
            connection.close()
    finally:
        close_old_connections()
        results[n] = result


def registrations(base_url: str, out_dir: Path) -> int:
    """200 people register for the capacity-50 event at the same moment (people=1 each): exactly 50
    must be confirmed and 150 waitlisted, no one twice, nothing lost. Earlier bench registrations of the
    event are deleted first. Over HTTP (the public form under gunicorn) or, with BASE_URL "-", through the
    service in threads with their own database connections."""
    _django()
    from django.db.models import Count, Sum

    from fachstelle.events.bench import REGISTRATION_CAPACITY, registration_event
    from fachstelle.events.models import Registration

    event = registration_event()
    if event is None:
        sys.exit("no registration event: generate the content data set first")
    Registration.objects.filter(event=event).delete()
    info = (
        json.loads((out_dir / "registration.json").read_text())
        if (out_dir / "registration.json").exists()
        else {}
    )
    mode = "service" if base_url == "-" else "http"
    if mode == "http":
        path = info.get("path") or event.get_absolute_url()
        try:
            with urllib.request.urlopen(base_url + path, timeout=60) as response:
                has_form = _registration_form(response.read().decode("utf-8", "replace")) is not None
        except (urllib.error.URLError, OSError) as exc:
            print(f"the event page did not answer ({exc})", file=sys.stderr)
            has_form = False
        if not has_form:
            print("no registration form on the event page: registering through the service instead")
            mode = "service"
    results: list = [None] * REGISTRATIONS
    barrier = threading.Barrier(REGISTRATIONS)
    if mode == "http":
        threads = [
            threading.Thread(target=_client, args=(base_url, path, n, barrier, results))
            for n in range(REGISTRATIONS)
        ]
    else:
        gate = threading.BoundedSemaphore(SERVICE_CONNECTIONS)
        threads = [
            threading.Thread(target=_service_client, args=(event.pk, n, barrier, gate, results))
            for n in range(REGISTRATIONS)
        ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    rows = Registration.objects.filter(event=event)
    by_status = {
        row["status"]: row for row in rows.values("status").annotate(n=Count("pk"), people=Sum("people"))
    }
    confirmed = by_status.get("confirmed", {}).get("people") or 0
    waitlisted = by_status.get("waitlisted", {}).get("people") or 0
    errors = [r["error"] for r in results if r and r["error"]]
    timings = sorted(r["seconds"] for r in results if r and r.get("seconds") is not None)
    expected_waitlist = REGISTRATIONS - REGISTRATION_CAPACITY
    ok = (
        confirmed == REGISTRATION_CAPACITY
        and waitlisted == expected_waitlist
        and rows.count() == REGISTRATIONS
        and rows.values("email").distinct().count() == REGISTRATIONS
        and set(by_status) <= {"confirmed", "waitlisted"}
        and not errors
    )
    result = {
        "mode": mode,
        "clients": REGISTRATIONS,
        "capacity": REGISTRATION_CAPACITY,
        "registrations": rows.count(),
        "confirmed": confirmed,
        "waitlisted": waitlisted,
        "other_statuses": {k: v["n"] for k, v in by_status.items() if k not in ("confirmed", "waitlisted")},
        "errors": len(errors),
        "error_examples": sorted(Counter(errors))[:5],
        "post_status": dict(Counter(str(r.get("post")) for r in results if r)) if mode == "http" else None,
        "wall_s": round(wall, 3),
        "request_p50_s": round(statistics.median(timings), 3) if timings else None,
        "request_max_s": round(timings[-1], 3) if timings else None,
        "exact": ok,
    }
    (out_dir / "registrations.json").write_text(json.dumps(result))
    print(
        f"registrations ({mode}): {REGISTRATIONS} clients → {confirmed} confirmed, {waitlisted} waitlisted, "
        f"{rows.count()} rows, {len(errors)} errors, {wall:.1f} s"
    )
    for example in result["error_examples"]:
        print(f"  error: {example}", file=sys.stderr)
    if not ok:
        print(
            f"REGISTRATIONS FAILED: wanted exactly {REGISTRATION_CAPACITY} confirmed and {expected_waitlist} "
            f"waitlisted from {REGISTRATIONS} registrations without errors",
            file=sys.stderr,
        )
        return 1
    return 0


# --- brochure -----------------------------------------------------------------------------------------


def brochure_timing(out_dir: Path) -> int:
    """brochure_build of the brochure office's guide (20 pages of about 300 words, no municipality) in
    German and Arabic, three times each; the median counts. WeasyPrint is imported once beforehand, as in a
    long-running worker. Each run re-renders the same brochure row (status set back to pending)."""
    _django()
    try:
        from fachstelle.guide.brochure import brochure_build, brochure_content_key
    except ImportError as exc:
        result = {"error": f"brochure not available: {exc}"}
        (out_dir / "brochure.json").write_text(json.dumps(result))
        print(result["error"])
        return 0
    import weasyprint  # noqa: F401  (the import costs about a second once per process)

    from fachstelle.guide.bench import brochure_office
    from fachstelle.guide.models import Brochure, GuidePage

    office = brochure_office()
    if office is None:
        sys.exit("no brochure office: generate the content data set first")
    result = {
        "guide_pages": GuidePage.objects.filter(office=office, status="published").count(),
        "languages": {},
    }
    for language in BROCHURE_LANGUAGES:
        key = brochure_content_key(office=office, municipality=None, language=language)
        brochure = Brochure.objects.filter(
            office=office, municipality=None, language=language, content_key=key
        ).first()
        if brochure is None:
            brochure = Brochure.objects.create(
                office=office, municipality=None, language=language, content_key=key, status="pending"
            )
        runs = []
        for _n in range(BROCHURE_RUNS):
            Brochure.objects.filter(pk=brochure.pk).update(status="pending", error="")
            started = time.perf_counter()
            brochure_build(brochure_id=brochure.pk)
            runs.append(time.perf_counter() - started)
        brochure.refresh_from_db()
        result["languages"][language] = {
            "status": brochure.status,
            "error": brochure.error,
            "pdf_pages": brochure.page_count,
            "bytes": brochure.file.size if brochure.file else 0,
            "runs_s": [round(value, 3) for value in runs],
            "seconds": round(statistics.median(runs), 3),
        }
        print(f"brochure {language}: {result['languages'][language]}")
    (out_dir / "brochure.json").write_text(json.dumps(result))
    return 0 if all(v["status"] == "ready" for v in result["languages"].values()) else 1


# --- report -------------------------------------------------------------------------------------------


def _check(name: str, description: str, value, target, direction: str) -> dict:
    met = None
    if value is not None and target is not None:
        met = value >= target if direction == "min" else value <= target
    return {
        "kind": "check",
        "section": "content",
        "name": name,
        "description": description,
        "value": value,
        "target": target,
        "direction": direction,
        "met": met,
    }


def report(raw_path: Path, out_dir: Path, out_path: Path) -> int:
    """Append the content rows to $BENCH_OUT (rows of an earlier content run are replaced): endpoints with
    section "content", the registration and brochure measurements, the checks."""
    from report import endpoint_rows, table

    raw = (
        [json.loads(line) for line in raw_path.read_text().splitlines() if line.strip()]
        if raw_path.exists()
        else []
    )
    data = json.loads((out_dir / "dataset.json").read_text())
    rows = endpoint_rows(raw, data)
    for row in rows:
        row["section"] = "content"
    by_key = {(row["name"], row["concurrency"]): row for row in rows}
    found = []
    for name, (endpoint, concurrency, target) in TARGETS.items():
        row = by_key.get((endpoint, concurrency))
        found.append(
            _check(
                name,
                f"p95 latency of {endpoint} at concurrency {concurrency}, ms",
                row["p95_ms"] if row else None,
                target,
                "max",
            )
        )
    measurements = []
    registration_path = out_dir / "registrations.json"
    if registration_path.exists():
        reg = json.loads(registration_path.read_text())
        measurements.append(
            {"kind": "measurement", "section": "content", "name": "event_registrations", **reg}
        )
        found.append(
            {
                **_check(
                    "event_registrations_exact",
                    f"{reg['clients']} registrations at once, {reg['capacity']} places: confirmed/waitlisted",
                    f"{reg['confirmed']}/{reg['waitlisted']}",
                    f"{reg['capacity']}/{reg['clients'] - reg['capacity']}",
                    "equal",
                ),
                "met": bool(reg["exact"]),
            }
        )
    else:
        found.append(_check("event_registrations_exact", "not measured", None, "50/150", "equal"))
    brochure_path = out_dir / "brochure.json"
    brochure = json.loads(brochure_path.read_text()) if brochure_path.exists() else {"error": "not measured"}
    measurements.append({"kind": "measurement", "section": "content", "name": "brochure_build", **brochure})
    for language in BROCHURE_LANGUAGES:
        entry = brochure.get("languages", {}).get(language, {})
        found.append(
            _check(
                f"brochure_build_{language}_s",
                f"brochure of the {brochure.get('guide_pages', '?')}-page guide in {language}, s "
                f"(median of {BROCHURE_RUNS}; {entry.get('pdf_pages', '?')} PDF pages)",
                entry.get("seconds") if entry.get("status") == "ready" else None,
                BROCHURE_TARGET_S,
                "max",
            )
        )
    load_path = out_dir / "load.txt"
    if load_path.exists():
        # The machine's load average (1, 5, 15 min) before each step: with other work running, the
        # figures are upper bounds of what the app needs.
        before = {}
        for line in load_path.read_text().splitlines():
            name, *values = line.split()
            before[name] = [float(value) for value in values]
        measurements.append(
            {
                "kind": "measurement",
                "section": "content",
                "name": "content_load_average",
                "cpus": os.cpu_count(),
                "before": before,
            }
        )
    existing = json.loads(out_path.read_text()) if out_path.exists() else []
    kept = [item for item in existing if item.get("section") != "content"]
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(
        json.dumps([*kept, *rows, *measurements, *found], indent=2, ensure_ascii=False) + "\n"
    )
    # The shared table prints targets with ≤/≥; the exact registration check is printed as it is.
    print(table(rows, [c for c in found if c["direction"] != "equal"]))
    for check in found:
        if check["direction"] == "equal":
            verdict = {True: "met", False: "MISSED", None: "n/a"}[check["met"]]
            print(f"{check['name']:<28} {check['value']} (target {check['target']})  {verdict}")
    for item in measurements:
        if item["name"] == "content_load_average":
            loads = ", ".join(f"{name} {values[0]:.1f}" for name, values in item["before"].items())
            print(f"\nload average (1 min) before each step on {item['cpus']} CPUs: {loads}")
    print(f"\nadded to {out_path}")
    failed = any(row["errors"] for row in rows) or any(
        c["direction"] == "equal" and c["met"] is False for c in found
    )
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "dataset-ok":
        return dataset_ok()
    if command == "urls":
        urls(Path(argv[2]))
        return 0
    if command == "preflight":
        return preflight(argv[2], Path(argv[3]), int(argv[4]) if len(argv) > 4 else 1_000_000)
    if command == "registrations":
        return registrations(argv[2], Path(argv[3]))
    if command == "brochure-timing":
        return brochure_timing(Path(argv[2]))
    if command == "report":
        return report(Path(argv[2]), Path(argv[3]), Path(argv[4]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
