"""Helpers of bench/grants.sh (project grants, issue 7): check the data set, write the session and URL files,
run the 50 concurrent approvals, merge the results.

    python bench/grants_tool.py dataset-ok                       exit 0 when the grants data set is complete
    python bench/grants_tool.py urls OUT_DIR                     budget-k.txt, overview-k.txt, review-k.txt
                                                                 (first line a session cookie), dataset.json
    python bench/grants_tool.py preflight BASE_URL FILE          every URL of a cookie file answers 200
    python bench/grants_tool.py approvals BASE_URL OUT_DIR       50 approvals at once against a budget for 20
                                                                 (BASE_URL "-": the service, in process)
    python bench/grants_tool.py report RAW_JSONL OUT_DIR OUT_JSON   merge into $BENCH_OUT, print the table

Runs with the environment grants.sh sets (production settings, DATABASE_URL, SECRET_KEY shared with the
server: the session cookies carry a hash made with it). Exit status 1 when the approvals do not end with
exactly 20 approved and 30 refused, or a request failed.
"""

import html
import http.cookiejar
import io
import json
import os
import random
import re
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

SEED = 7_000
APPROVALS = int(os.environ.get("BENCH_APPROVALS", "50"))
FUNDABLE = int(os.environ.get("BENCH_APPROVALS_FUNDABLE", "20"))
APPROVAL_AMOUNT = 4_000
REVIEW_SESSIONS = 4  # the admin and three reviewers: each wrk thread its own session
TARGETS = {
    # check: (endpoint, concurrency, target p95 ms); the targets, at concurrency 1
    "grants_budget_detail_p95_ms": ("grants_budget_detail", 1, 200.0),
    "grants_review_list_p95_ms": ("grants_review_list", 1, 150.0),
}
ERROR_RE = re.compile(r'<p class="error"[^>]*>(.*?)</p>|<div class="form-errors"[^>]*>(.*?)</div>', re.S)
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _django():
    import django

    django.setup()


def _want() -> dict:
    years = int(os.environ.get("BENCH_GRANT_YEARS", "10"))
    programmes = int(os.environ.get("BENCH_GRANT_PROGRAMMES", "5"))
    applications = int(os.environ.get("BENCH_GRANT_APPLICATIONS", "2000"))
    lines = int(os.environ.get("BENCH_GRANT_LINES", "10"))
    return {
        "years": years,
        "programmes": years * programmes,
        "applications": years * programmes * applications,
        "budget_lines": years * programmes * applications * lines,
    }


def dataset() -> dict:
    _django()
    from fachstelle.grants.bench import bench_grants_counts

    return bench_grants_counts()


def dataset_ok() -> int:
    want, have = _want(), dataset()
    print(f"grants data set: {have} (wanted {want})")
    return 0 if all(have.get(key) == value for key, value in want.items()) else 1


def _session_cookie(username: str) -> str:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("bench_session", username, "--i-know-this-is-a-benchmark", "--cookie", stdout=out)
    return out.getvalue().strip()


def _write(path: Path, cookie: str, paths: list[str]) -> None:
    path.write_text("\n".join([cookie, *paths]) + "\n")


def _reverse(name: str, office_slug: str, **kwargs) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override("de"):
        return reverse(name, kwargs={"office_slug": office_slug, **kwargs})


def urls(out_dir: Path) -> None:
    """budget-k.txt: the budget page of every generated programme (50), shuffled; sessions of the office
    admin and the statistics user (who may see only the budget). overview-0.txt: the office's budget
    overview for each year. review-k.txt: the review list with a filter mix (none, open, each status, a
    programme of this year and of past years, programme + status, text searches for titles, sponsors and
    references, municipality, "assigned to me", "needs my assessment", sorts, pages 2 and 5), for the admin
    (k=0) and three reviewers."""
    _django()
    from django.utils import timezone

    from fachstelle.core.models import Membership
    from fachstelle.grants.bench import (
        ADMIN_USERNAME,
        OFFICE_SLUG,
        STATISTICS_USERNAME,
        USER_PREFIX,
        bench_grants_office,
        bench_programmes,
    )
    from fachstelle.grants.models import Application

    rng = random.Random(SEED)
    out_dir.mkdir(parents=True, exist_ok=True)
    office = bench_grants_office()
    programmes = list(bench_programmes().order_by("year", "slug"))
    if office is None or not programmes:
        sys.exit("no grants bench data: generate it first")
    this_year = timezone.localdate().year
    budget = [_reverse("grants:programme_budget_detail", OFFICE_SLUG, pk=p.pk) for p in programmes]
    rng.shuffle(budget)
    _write(out_dir / "budget-0.txt", _session_cookie(ADMIN_USERNAME), budget)
    _write(out_dir / "budget-1.txt", _session_cookie(STATISTICS_USERNAME), budget[::-1])
    overview = _reverse("grants:budget_overview", OFFICE_SLUG)
    years = sorted({p.year for p in programmes})
    _write(
        out_dir / "overview-0.txt",
        _session_cookie(ADMIN_USERNAME),
        [overview, *(f"{overview}?year={year}" for year in years)],
    )

    current = [p for p in programmes if p.year == this_year]
    past = [p for p in programmes if p.year < this_year]
    places = list(office.municipalities.order_by("bfs_number").values_list("pk", flat=True))
    references = list(
        Application.objects.filter(office=office)
        .exclude(reference="")
        .order_by("?")
        .values_list("reference", flat=True)[:6]
    )
    queries = [
        {},
        {"status": "open"},
        {"status": "open", "page": "2"},
        {"status": "submitted"},
        {"status": "in_review"},
        {"status": "approved"},
        {"status": "rejected", "page": "5"},
        {"programme": rng.choice(current).pk, "status": "open"},
        {"programme": rng.choice(current).pk},
        {"programme": rng.choice(past).pk} if past else {"status": "draft"},
        {"programme": rng.choice(past).pk, "status": "approved"} if past else {"status": "withdrawn"},
        {"programme": rng.choice(programmes).pk, "sort": "score"},
        {"q": "Deutsch-Café"},
        {"q": "Elterncafé", "status": "open"},
        {"q": "Verein Deutsch für alle"},
        {"q": "Förderwil 7"},
        {"municipality": rng.choice(places), "status": "open"},
        {"assigned": "me", "status": "in_review"},
        {"needs_my_assessment": "on"},
        {"status": "open", "sort": "requested"},
        {"page": "2"},
        *({"q": reference} for reference in references[:4]),
    ]
    review = _reverse("grants:application_list", OFFICE_SLUG)
    paths = [f"{review}?{urllib.parse.urlencode(q)}" if q else review for q in queries]
    reviewers = list(
        Membership.objects.filter(office=office, role="counsellor", user__username__startswith=USER_PREFIX)
        .order_by("user__username")
        .values_list("user__username", flat=True)[: REVIEW_SESSIONS - 1]
    )
    for k, username in enumerate([ADMIN_USERNAME, *reviewers]):
        mine = paths[:]
        random.Random(SEED + k).shuffle(mine)
        _write(out_dir / f"review-{k}.txt", _session_cookie(username), mine)
    (out_dir / "dataset.json").write_text(json.dumps(dataset()))
    print(
        f"grants URLs in {out_dir}: {len(budget)} budget pages, {len(years) + 1} overviews, "
        f"{len(paths)} review lists × {1 + len(reviewers)} sessions"
    )


def preflight(base_url: str, path_file: Path) -> int:
    from counselling_tool import preflight as counselling_preflight

    return counselling_preflight(base_url, path_file)


# --- 50 approvals at the same moment ----------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _errors_of(page: str) -> list[str]:
    found = []
    for field_error, form_error in ERROR_RE.findall(page):
        text = re.sub(r"<[^>]+>", " ", field_error or form_error)
        text = " ".join(html.unescape(text).split())
        if text:
            found.append(text)
    return found


def _http_prepare(base_url: str, decision_path: str, cookie: str):
    """An opener with the admin's session and the CSRF cookie, and the form's token (None: no form)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
    opener.addheaders = [("Cookie", cookie)]
    try:
        with opener.open(base_url + decision_path, timeout=120) as response:
            page = response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return opener, None
    token = CSRF_RE.search(page)
    csrf_cookie = next((c.value for c in jar if c.name == "csrftoken"), None)
    if token is None or csrf_cookie is None:
        return opener, None
    # The session cookie is sent by hand (the jar does not know it); the CSRF cookie goes along with it.
    opener.addheaders = [("Cookie", f"{cookie}; csrftoken={csrf_cookie}")]
    return opener, token.group(1)


def _http_client(opener, token: str, base_url: str, path: str, n: int, barrier, results: list) -> None:
    result = {"client": n, "status": None, "errors": [], "seconds": None}
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "amount": f"{APPROVAL_AMOUNT}.00", "conditions": ""}
    ).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Referer": base_url + path}
    try:
        barrier.wait(timeout=600)
        started = time.perf_counter()
        try:
            with opener.open(
                urllib.request.Request(base_url + path, data=body, headers=headers), timeout=300
            ) as r:
                result["status"] = r.status
                page = r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:  # 302 (not followed) and 400 land here
            result["status"] = exc.code
            page = exc.read().decode("utf-8", "replace")
        except (urllib.error.URLError, OSError) as exc:
            result["status"] = "socket"
            page = ""
            result["errors"] = [str(exc)]
        result["seconds"] = time.perf_counter() - started
        if result["status"] not in (302, 303):
            result["errors"] = result["errors"] or _errors_of(page) or [f"HTTP {result['status']}"]
    finally:
        results[n] = result


def _service_client(application_id: int, admin, n: int, barrier, results: list) -> None:
    """One thread, its own database connection (Django's connections are per thread), the service."""
    from django.core.exceptions import ValidationError
    from django.db import connection

    from fachstelle.grants.models import Application
    from fachstelle.grants.services.decisions import application_approve

    result = {"client": n, "status": None, "errors": [], "seconds": None}
    try:
        application = Application.objects.get(pk=application_id)  # connection opened before the start
        barrier.wait(timeout=600)
        started = time.perf_counter()
        try:
            application_approve(application=application, by=admin, amount=f"{APPROVAL_AMOUNT}.00")
            result["status"] = "approved"
        except ValidationError as exc:
            result["status"] = "refused"
            result["errors"] = [str(m) for m in exc.messages]
        except Exception as exc:  # a crash must show in the result
            result["status"] = "crashed"
            result["errors"] = [f"{type(exc).__name__}: {exc}"]
        result["seconds"] = time.perf_counter() - started
    finally:
        connection.close()
        results[n] = result


def approvals(base_url: str, out_dir: Path) -> int:
    """A fresh programme with a budget for exactly 20 approvals of CHF 4,000 and 50 applications in review,
    each asking for CHF 4,000; the office admin approves all 50 at the same moment (50 clients, each with
    its own session over HTTP, or 50 threads with their own database connections calling
    `application_approve`). Exactly 20 must end approved, 30 refused with a message and still in review,
    the budget not overspent, every approval in the audit log."""
    _django()
    from django.contrib.auth import get_user_model
    from django.db.models import Sum

    from fachstelle.core.audit import target_label
    from fachstelle.core.models import AuditEvent
    from fachstelle.grants.bench import ADMIN_USERNAME, OFFICE_SLUG, bench_race_prepare
    from fachstelle.grants.models import Application, FundingProgramme, Grant

    race = bench_race_prepare(applications=APPROVALS, fundable=FUNDABLE, amount=APPROVAL_AMOUNT)
    mode = "service" if base_url == "-" else "http"
    results: list = [None] * APPROVALS
    barrier = threading.Barrier(APPROVALS)
    threads = []
    if mode == "http":
        prepared = []
        for n, application_id in enumerate(race.application_ids):
            cookie = _session_cookie(ADMIN_USERNAME)
            decision = _reverse("grants:decision", OFFICE_SLUG, pk=application_id)
            opener, token = _http_prepare(base_url, decision, cookie)
            if token is None:
                print(f"no approval form on {decision}: approving through the service instead")
                mode = "service"
                break
            approve = _reverse("grants:decision_approve", OFFICE_SLUG, pk=application_id)
            prepared.append((opener, token, base_url, approve, n, barrier, results))
        else:
            threads = [threading.Thread(target=_http_client, args=args) for args in prepared]
    if mode == "service":
        admin = get_user_model().objects.get(username=ADMIN_USERNAME)
        threads = [
            threading.Thread(target=_service_client, args=(application_id, admin, n, barrier, results))
            for n, application_id in enumerate(race.application_ids)
        ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started

    programme = FundingProgramme.objects.get(pk=race.programme_id)
    grants = Grant.objects.filter(programme=programme)
    applications = Application.objects.filter(programme=programme)
    statuses = Counter(applications.values_list("status", flat=True))
    committed = grants.aggregate(total=Sum("amount"))["total"] or 0
    audited = AuditEvent.objects.filter(
        target_type=target_label(Grant),
        target_id__in=list(grants.values_list("pk", flat=True)),
        action=AuditEvent.Action.CREATE,
    ).count()
    succeeded = [r for r in results if r and r["status"] in ("approved", 302, 303)]
    refused = [r for r in results if r and r["status"] in ("refused", 400)]
    other = [r for r in results if r and r not in succeeded and r not in refused]
    messages = Counter(message for r in refused for message in r["errors"])
    timings = sorted(r["seconds"] for r in results if r and r.get("seconds") is not None)
    refused_expected = APPROVALS - FUNDABLE
    exact = (
        grants.count() == FUNDABLE
        and statuses.get("approved", 0) == FUNDABLE
        and statuses.get("in_review", 0) == refused_expected
        and len(succeeded) == FUNDABLE
        and len(refused) == refused_expected
        and all(r["errors"] for r in refused)
        and not other
        and committed <= programme.budget
        and audited == FUNDABLE
    )
    result = {
        "mode": mode,
        "clients": APPROVALS,
        "fundable": FUNDABLE,
        "amount": APPROVAL_AMOUNT,
        "budget": str(programme.budget),
        "approved": statuses.get("approved", 0),
        "refused": len(refused),
        "still_in_review": statuses.get("in_review", 0),
        "grants": grants.count(),
        "committed": str(committed),
        "audit_events": audited,
        "other_results": len(other),
        "other_examples": [f"{r['status']}: {r['errors'][:1]}" for r in other[:5]],
        "refusal_messages": dict(messages.most_common(5)),
        "wall_s": round(wall, 3),
        "request_p50_s": round(statistics.median(timings), 3) if timings else None,
        "request_max_s": round(timings[-1], 3) if timings else None,
        "exact": exact,
    }
    (out_dir / "approvals.json").write_text(json.dumps(result, ensure_ascii=False))
    print(
        f"approvals ({mode}): {APPROVALS} at once, budget for {FUNDABLE} → {result['approved']} approved, "
        f"{len(refused)} refused, {len(other)} other, CHF {committed} of {programme.budget} committed, "
        f"{audited} audit events, {wall:.1f} s"
    )
    for message, count in messages.most_common(3):
        print(f"  refused {count}×: {message}")
    for example in result["other_examples"]:
        print(f"  unexpected: {example}", file=sys.stderr)
    if not exact:
        print(
            f"APPROVALS FAILED: wanted exactly {FUNDABLE} approved and {refused_expected} refused "
            "with a message",
            file=sys.stderr,
        )
        return 1
    return 0


# --- report -------------------------------------------------------------------------------------------


def _check(name: str, description: str, value, target, direction: str) -> dict:
    met = None
    if value is not None and target is not None:
        met = value >= target if direction == "min" else value <= target
    return {
        "kind": "check",
        "section": "grants",
        "name": name,
        "description": description,
        "value": value,
        "target": target,
        "direction": direction,
        "met": met,
    }


def report(raw_path: Path, out_dir: Path, out_path: Path) -> int:
    """Append the grants rows to $BENCH_OUT (rows of an earlier grants run are replaced): endpoints with
    section "grants", the approvals measurement, the checks, the load average before each step."""
    from report import endpoint_rows, table

    raw = (
        [json.loads(line) for line in raw_path.read_text().splitlines() if line.strip()]
        if raw_path.exists()
        else []
    )
    data = json.loads((out_dir / "dataset.json").read_text())
    rows = endpoint_rows(raw, data)
    for row in rows:
        row["section"] = "grants"
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
    approvals_path = out_dir / "approvals.json"
    if approvals_path.exists():
        result = json.loads(approvals_path.read_text())
        measurements.append({"kind": "measurement", "section": "grants", "name": "grant_approvals", **result})
        found.append(
            {
                **_check(
                    "grant_approvals_exact",
                    f"{result['clients']} approvals at once, budget for {result['fundable']}: "
                    "approved/refused",
                    f"{result['approved']}/{result['refused']}",
                    f"{result['fundable']}/{result['clients'] - result['fundable']}",
                    "equal",
                ),
                "met": bool(result["exact"]),
            }
        )
    else:
        found.append(_check("grant_approvals_exact", "not measured", None, "20/30", "equal"))
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
                "section": "grants",
                "name": "grants_load_average",
                "cpus": os.cpu_count(),
                "before": before,
            }
        )
    existing = json.loads(out_path.read_text()) if out_path.exists() else []
    kept = [item for item in existing if item.get("section") != "grants"]
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(
        json.dumps([*kept, *rows, *measurements, *found], indent=2, ensure_ascii=False) + "\n"
    )
    print(table(rows, [c for c in found if c["direction"] != "equal"]))
    for check in found:
        if check["direction"] == "equal":
            verdict = {True: "met", False: "MISSED", None: "n/a"}[check["met"]]
            print(f"{check['name']:<28} {check['value']} (target {check['target']})  {verdict}")
    for item in measurements:
        if item["name"] == "grants_load_average":
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
        return preflight(argv[2], Path(argv[3]))
    if command == "approvals":
        return approvals(argv[2], Path(argv[3]))
    if command == "report":
        return report(Path(argv[2]), Path(argv[3]), Path(argv[4]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
