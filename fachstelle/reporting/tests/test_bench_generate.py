"""`manage.py generate_bench_reporting` with tiny numbers: the bench canton of ten offices with data, the
cantonal office with its canton user, idempotent, the other bench data sets untouched; the bench tool's
report merges its rows and checks into $BENCH_OUT."""

import importlib.util
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from fachstelle.core.models import Membership, Office
from fachstelle.core.tests.otp import login_verified
from fachstelle.counselling.bench import bench_counselling_offices
from fachstelle.counselling.models import Case, CounsellingSession, ShortConsultation
from fachstelle.reporting.bench import (
    BENCH_CANTON,
    CANTON_OFFICE_SLUG,
    CANTON_USERNAME,
    STATISTICS_USERNAME,
    bench_reporting_complete,
    bench_reporting_counts,
    extra_offices,
)

pytestmark = pytest.mark.django_db

SMALL = ["--cases", "12", "--sessions", "30"]


def _counselling():
    """The counselling bench in its three offices bench-1…3 (tiny)."""
    call_command(
        "generate_bench_counselling",
        *["--cases", "30", "--sessions", "60", "--counsellors", "6", "--referrals", "0"],
        *["--short-consultations", "6", "--bookings", "3"],
        stdout=io.StringIO(),
    )


def _generate(*extra):
    out = io.StringIO()
    call_command("generate_bench_reporting", *SMALL, *extra, stdout=out)
    return out.getvalue()


def test_makes_a_canton_of_ten_offices_with_data_and_a_cantonal_office():
    _counselling()
    other = Office.objects.create(name="Elsewhere", short_name="Elsewhere", slug="elsewhere", canton="ZH")
    output = _generate()
    assert "Done in" in output
    # 3 counselling offices exist: 7 extra offices, 12 cases and 30 sessions each.
    extras = list(extra_offices())
    assert len(extras) == 7
    for office in extras:
        assert office.canton == BENCH_CANTON and office.kind == Office.Kind.REGIONAL
        assert office.municipalities.count() == 3
        assert Case.objects.filter(office=office).count() == 12
        assert CounsellingSession.objects.filter(case__office=office).count() == 30
        assert ShortConsultation.objects.filter(office=office).count() == 6
    for office in bench_counselling_offices():
        assert office.canton == BENCH_CANTON
    cantonal = Office.objects.get(slug=CANTON_OFFICE_SLUG)
    assert (cantonal.kind, cantonal.canton) == (Office.Kind.CANTONAL, BENCH_CANTON)
    assert Membership.objects.get(user__username=CANTON_USERNAME).role == Membership.Role.CANTON
    statistics = Membership.objects.get(user__username=STATISTICS_USERNAME)
    assert (statistics.office.slug, statistics.role) == ("bench-1", Membership.Role.STATISTICS)
    # Offices that are not bench offices keep their canton.
    other.refresh_from_db()
    assert other.canton == "ZH"
    counts = bench_reporting_counts()
    assert counts["offices_with_data"] == 10
    assert counts["offices_in_canton"] == 11
    assert counts["cases"] == 30 + 7 * 12
    assert counts["cases_largest_office"] == 10
    assert bench_reporting_complete()


def test_is_idempotent_and_reset_regenerates_only_the_extra_offices():
    _counselling()
    _generate()
    cases = Case.objects.count()
    bench_cases = Case.objects.filter(office__in=bench_counselling_offices()).count()
    _generate()
    assert Case.objects.count() == cases
    assert extra_offices().count() == 7
    assert Office.objects.filter(slug=CANTON_OFFICE_SLUG).count() == 1
    _generate("--reset")
    assert Case.objects.count() == cases
    assert Case.objects.filter(office__in=bench_counselling_offices()).count() == bench_cases
    assert bench_reporting_complete()


def test_incomplete_without_the_canton_step():
    _counselling()
    assert not bench_reporting_complete()


def test_rejects_impossible_numbers():
    with pytest.raises(CommandError):
        _generate("--cases", "5", "--sessions", "2")


def test_the_canton_user_sees_the_canton_view_and_the_statistics_user_the_dashboard(client):
    _counselling()
    _generate()
    canton_user = Membership.objects.get(user__username=CANTON_USERNAME).user
    login_verified(client, canton_user)
    response = client.get(
        reverse("reporting:canton_overview", kwargs={"office_slug": CANTON_OFFICE_SLUG}) + "?year=2025"
    )
    assert response.status_code == 200
    assert "Region 7" in response.content.decode()
    client.logout()
    login_verified(client, Membership.objects.get(user__username=STATISTICS_USERNAME).user)
    response = client.get(reverse("reporting:dashboard", kwargs={"office_slug": "bench-1"}) + "?year=2025")
    assert response.status_code == 200


def _tool():
    from django.conf import settings

    spec = importlib.util.spec_from_file_location(
        "reporting_tool", settings.BASE_DIR / "bench/reporting_tool.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_report_merges_rows_and_checks_against_the_targets(tmp_path):
    tool = _tool()
    work = tmp_path / "work"
    work.mkdir()
    (work / "dataset.json").write_text(json.dumps({"year": 2025, "cases": 100}))
    results = {
        "dashboard": {"n": 10, "p50_s": 0.4, "p95_s": 0.6, "max_s": 0.7},
        "kip": {"n": 10, "p50_s": 0.1, "p95_s": 0.2, "max_s": 0.2},
        "canton": {"n": 5, "p50_s": 2.5, "p95_s": 3.0, "max_s": 3.0},
    }
    (work / "http.json").write_text(json.dumps({"results": results, "failures": []}))
    (work / "pdf.json").write_text(json.dumps({"n": 3, "p50_s": 4.0, "p95_s": 5.0}))
    out = tmp_path / "latest.json"
    out.write_text(json.dumps([{"section": "reporting", "name": "old"}, {"section": "kompakt", "name": "k"}]))
    assert tool.report(work, out) == 0
    rows = json.loads(out.read_text())
    names = [row["name"] for row in rows]
    assert "old" not in names and "k" in names
    checks = {row["name"]: row for row in rows if row.get("kind") == "check"}
    assert checks["reporting_dashboard_p95_s"]["met"] is True
    assert checks["reporting_canton_p95_s"]["met"] is False
    assert checks["reporting_annual_pdf_p95_s"]["value"] == 5.0
    assert checks["reporting_annual_pdf_p95_s"]["met"] is True
