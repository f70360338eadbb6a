"""The benchmark's helpers: the bare baseline answers like the API; the report computes the checks."""

import json
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection

from fachstelle.core.tests.factories import OrganisationFactory, make_offer

BENCH = Path(__file__).resolve().parents[3] / "bench"
sys.path.insert(0, str(BENCH))

import baseline_wsgi  # noqa: E402
import report  # noqa: E402


def baseline_get(params: dict) -> dict:
    environ = {"QUERY_STRING": urlencode(params), "HTTP_HOST": "testserver", "PATH_INFO": "/api/v1/offers"}
    status = []
    body = b"".join(baseline_wsgi.application(environ, lambda s, headers: status.append(s)))
    assert status == ["200 OK"]
    return json.loads(body)


@pytest.fixture
def baseline_db(db):
    """The baseline on the test database's own connection (it sees the test transaction)."""
    if connection.vendor != "postgresql":
        pytest.skip("the baseline is PostgreSQL-only")
    connection.ensure_connection()
    baseline_wsgi._connection = connection.connection
    yield
    baseline_wsgi._connection = None


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"office": "region-zofingen"},
        {"office": "region-zofingen", "q": "Deutschkurse"},
        {"q": "kurs deutsch"},
        {"q": "deutschkurz"},  # a typo: the trigram pass
        {"office": "region-zofingen", "area": "beratung"},
        {"childcare": "1", "lang": "fr"},
        {"office": "region-zofingen", "kip": "2.1", "target_group": "frauen", "language": "ti"},
        {"office": "region-zofingen", "municipality": "4271", "lang": "ti"},
        {"office": "region-zofingen", "lang": "en", "page": "2"},
        {"q": "treffpunkt", "free": "1", "page": "2"},
    ],
)
def test_baseline_answers_the_mix_like_the_api(client, directory, vocab, baseline_db, params):
    provider = OrganisationFactory(office=directory["region"])
    for n in range(25):
        make_offer(
            office=directory["region"],
            provider=provider,
            title=f"Treffpunkt {n:02d}",
            cost_type="free",
            m2m={"languages": [vocab["languages"]["ar"], vocab["languages"]["de"]]},
        )
    api = client.get("/api/v1/offers", params).json()
    baseline = baseline_get(params)
    assert baseline["count"] == api["count"]
    assert [r["id"] for r in baseline["results"]] == [r["id"] for r in api["results"]]
    assert baseline["results"] == api["results"]
    assert baseline["next"] == api["next"] and baseline["previous"] == api["previous"]


def test_report_checks_and_errors(tmp_path):
    def raw(name, concurrency, rps, p95, errors=0):
        return {
            "name": name,
            "concurrency": concurrency,
            "workers": 4,
            "requests": 100,
            "duration_s": 15.0,
            "requests_per_s": rps,
            "p50_ms": 1.0,
            "p95_ms": p95,
            "p99_ms": p95 * 2,
            "max_ms": p95 * 3,
            "errors_status": errors,
            "errors_connect": 0,
            "errors_read": 0,
            "errors_write": 0,
            "errors_timeout": 0,
        }

    lines = [
        raw("search_page", 16, 200, 80.0),
        raw("api_list", 16, 300, 50.0),
        raw("baseline", 16, 500, 30.0),
        raw("api_list", 1, 100, 10.0),
        raw("baseline", 1, 400, 3.0),
    ]
    raw_file, dataset_file, out = tmp_path / "raw.jsonl", tmp_path / "dataset.json", tmp_path / "out.json"
    raw_file.write_text("\n".join(json.dumps(line) for line in lines))
    dataset_file.write_text(
        json.dumps({"offers": 20000, "offices": 3, "municipalities": 30, "translations_per_offer": 2.0})
    )
    assert report.main(["report", str(raw_file), str(dataset_file), str(out)]) == 0
    written = json.loads(out.read_text())
    endpoints = [o for o in written if o["kind"] == "endpoint"]
    assert {(o["name"], o["concurrency"]) for o in endpoints} == {
        ("search_page", 16),
        ("api_list", 16),
        ("baseline", 16),
        ("api_list", 1),
        ("baseline", 1),
    }
    assert endpoints[0]["dataset"]["offers"] == 20000
    assert set(endpoints[0]) >= {
        "name",
        "dataset",
        "concurrency",
        "requests_per_s",
        "p50_ms",
        "p95_ms",
        "p99_ms",
        "errors",
    }
    checks = {o["name"]: o for o in written if o["kind"] == "check"}
    assert checks["api_list_vs_baseline"]["value"] == 0.6 and checks["api_list_vs_baseline"]["met"] is True
    assert checks["api_list_vs_baseline_c1"]["value"] == 0.25
    assert checks["search_page_p95_ms"]["value"] == 80.0 and checks["search_page_p95_ms"]["met"] is True

    raw_file.write_text(json.dumps(raw("search_page", 16, 200, 150.0, errors=3)))
    assert report.main(["report", str(raw_file), str(dataset_file), str(out)]) == 1  # errors fail the run
    checks = {o["name"]: o for o in json.loads(out.read_text()) if o["kind"] == "check"}
    assert checks["search_page_p95_ms"]["met"] is False
    assert checks["api_list_vs_baseline"]["value"] is None
