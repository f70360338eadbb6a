"""`manage.py generate_bench_grants` with tiny numbers: the requested counts, budgets that add up, money that
never exceeds a programme's budget, idempotence; and the programme of the concurrent-approval race."""

import io
import json
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from fachstelle.core.models import Membership, Office
from fachstelle.grants.bench import (
    ADMIN_USERNAME,
    OFFICE_SLUG,
    RACE_SLUG,
    bench_grants_counts,
    bench_programmes,
    bench_race_prepare,
)
from fachstelle.grants.budget_math import budget_totals
from fachstelle.grants.models import (
    Application,
    Assessment,
    AssessmentScore,
    BudgetLine,
    FinalReport,
    FundingProgramme,
    Grant,
    Payout,
)

pytestmark = pytest.mark.django_db

SMALL = ["--years", "3", "--programmes", "2", "--applications", "40"]


def _generate(*extra):
    out = io.StringIO()
    call_command("generate_bench_grants", *SMALL, *extra, stdout=out)
    return out.getvalue()


def test_creates_exactly_the_requested_counts_in_the_bench_office(vocab):
    _generate()
    office = Office.objects.get(slug=OFFICE_SLUG)
    programmes = FundingProgramme.objects.filter(office=office)
    assert programmes.count() == 3 * 2
    this_year = timezone.localdate().year
    assert sorted(set(programmes.values_list("year", flat=True))) == [this_year - 2, this_year - 1, this_year]
    assert Application.objects.filter(office=office).count() == 3 * 2 * 40
    assert BudgetLine.objects.count() == 3 * 2 * 40 * 10
    assert not Application.objects.exclude(office=office).exists()
    # Every status of the mix occurs; the current year's programmes are open and have work to review.
    statuses = Counter(Application.objects.values_list("status", flat=True))
    assert set(statuses) == set(Application.Status.values)
    assert set(programmes.filter(year=this_year).values_list("status", flat=True)) == {"open"}
    assert not programmes.filter(year__lt=this_year, status="open").exists()
    assert Application.objects.filter(
        programme__year=this_year, status__in=["submitted", "in_review"]
    ).exists()
    # Staff: the office admin (for the staff pages and the approvals), reviewers, a statistics user.
    roles = Counter(Membership.objects.filter(office=office).values_list("role", flat=True))
    assert roles == {"admin": 1, "counsellor": 8, "statistics": 1}
    assert Membership.objects.get(office=office, user__username=ADMIN_USERNAME).role == "admin"
    counts = bench_grants_counts()
    assert counts["applications"] == 240 and counts["budget_lines"] == 2400 and counts["years"] == 3


def test_every_budget_adds_up_and_commitments_stay_within_the_programme_budget(vocab):
    _generate()
    for application in Application.objects.prefetch_related("budget_lines"):
        totals = budget_totals(application.budget_lines.all(), application.requested_amount)
        assert totals.balanced, application.pk
        assert totals.costs > 0 and totals.own > 0
        assert application.requested_amount <= application.programme.max_amount
    for programme in FundingProgramme.objects.annotate(committed=Sum("grants__amount")):
        assert programme.committed is not None
        assert programme.committed <= programme.budget
    # Grants: only for approved applications, never above the requested amount, paid out exactly.
    assert Grant.objects.count() == Application.objects.filter(status="approved").count()
    assert not Grant.objects.exclude(application__status="approved").exists()
    assert not Grant.objects.filter(amount__gt=F("application__requested_amount")).exists()
    assert not Grant.objects.exclude(programme=F("application__programme")).exists()
    for grant in Grant.objects.annotate(paid=Sum("payouts__amount"), n=Count("payouts")):
        assert grant.paid == grant.amount and 1 <= grant.n <= 3
    assert not Payout.objects.filter(status="paid", paid_on=None).exists()
    assert not Payout.objects.filter(status="planned").exclude(paid_on=None).exists()
    # Closed grants of older years have their final report accepted; repayments never exceed the grant.
    assert FinalReport.objects.filter(grant__status="closed").exclude(status="accepted").count() == 0
    assert (
        FinalReport.objects.count()
        == Grant.objects.filter(status__in=["report_submitted", "settled", "closed"]).count()
    )
    assert not Grant.objects.filter(repayment_amount__gt=F("amount")).exists()


def test_reviews_and_dates_are_consistent(vocab):
    _generate()
    reviewed = Application.objects.filter(status__in=["in_review", "approved", "rejected"])
    assert Assessment.objects.count() >= reviewed.count()
    assert not Assessment.objects.exclude(application__in=reviewed).exists()
    assert not reviewed.annotate(n=Count("assessments")).filter(Q(n=0) | Q(n__gt=2)).exists()
    # A score per criterion of the programme, in range, by a reviewer of the office.
    for assessment in Assessment.objects.annotate(n=Count("scores")):
        assert assessment.n == assessment.application.programme.criteria.count()
    assert not AssessmentScore.objects.exclude(criterion__programme=F("assessment__application__programme"))
    assert not Assessment.objects.exclude(reviewer__memberships__office=F("application__office")).exists()
    assert not Application.objects.filter(status="draft").exclude(submitted_at=None).exists()
    assert not Application.objects.exclude(status="draft").filter(submitted_at=None).exists()
    decided = Application.objects.filter(status__in=["approved", "rejected"])
    assert not decided.filter(decided_at=None).exists()
    assert not decided.filter(decided_at__lt=F("submitted_at")).exists()
    assert not Application.objects.filter(submitted_at__gt=timezone.now()).exists()
    assert not Application.objects.filter(ends_on__lt=F("starts_on")).exists()
    # References are unique within the office (drafts have none yet).
    references = list(Application.objects.exclude(reference="").values_list("reference", flat=True))
    assert len(references) == len(set(references)) == Application.objects.exclude(status="draft").count()


def test_a_second_run_keeps_a_complete_data_set_and_replaces_another_size(vocab):
    _generate()
    ids = set(Application.objects.values_list("pk", flat=True))
    output = _generate()
    assert "nothing to do" in output
    assert set(Application.objects.values_list("pk", flat=True)) == ids
    # Another size: the old data goes, the new size is there (no mix of both).
    call_command(
        "generate_bench_grants",
        "--years",
        "1",
        "--programmes",
        "1",
        "--applications",
        "7",
        stdout=io.StringIO(),
    )
    assert Application.objects.count() == 7
    assert BudgetLine.objects.count() == 70
    assert FundingProgramme.objects.count() == 1  # (SQLite reuses ids: count, do not compare them)
    call_command("generate_bench_grants", "--delete", stdout=io.StringIO())
    assert not FundingProgramme.objects.exists() and not Grant.objects.exists()
    assert Office.objects.filter(slug=OFFICE_SLUG).exists()  # the office and its users stay


def test_rejects_impossible_sizes(vocab):
    with pytest.raises(CommandError):
        call_command("generate_bench_grants", "--lines", "5", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("generate_bench_grants", "--years", "0", stdout=io.StringIO())
    assert not FundingProgramme.objects.exists()


def test_race_programme_covers_exactly_the_fundable_applications(vocab):
    _generate()
    before = bench_grants_counts()
    race = bench_race_prepare(applications=12, fundable=5, amount=3000)
    programme = FundingProgramme.objects.get(pk=race.programme_id)
    assert programme.slug == RACE_SLUG and programme.status == "open"
    assert programme.budget == Decimal("15000.00") == race.amount * race.fundable
    applications = Application.objects.filter(programme=programme)
    assert applications.count() == 12 == len(race.application_ids)
    assert set(applications.values_list("status", flat=True)) == {"in_review"}
    for application in applications.prefetch_related("budget_lines"):
        assert budget_totals(application.budget_lines.all(), application.requested_amount).balanced
    assert not Grant.objects.filter(programme=programme).exists()
    # Not part of the data set's counts; a second race replaces the first (nothing left of it).
    assert bench_grants_counts() == before
    again = bench_race_prepare(applications=3, fundable=2, amount=1000)
    assert not FundingProgramme.objects.filter(pk=race.programme_id).exists()
    assert Application.objects.filter(programme_id=again.programme_id).count() == 3
    assert bench_programmes().count() == 6


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_of_the_bench_end_exact(vocab, tmp_path, monkeypatch):
    """bench/grants_tool.py approvals in service mode, small: 10 threads with their own connections approve
    at once against a budget for 4; exactly 4 approved, 6 refused with the budget message. Needs real
    concurrency, so PostgreSQL only (SQLite serialises the whole database)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
    import grants_tool

    monkeypatch.setattr(grants_tool, "APPROVALS", 10)
    monkeypatch.setattr(grants_tool, "FUNDABLE", 4)
    assert grants_tool.approvals("-", tmp_path) == 0
    result = json.loads((tmp_path / "approvals.json").read_text())
    assert (result["approved"], result["refused"], result["grants"]) == (4, 6, 4)
    assert result["exact"] and result["audit_events"] == 4
    assert sum(result["refusal_messages"].values()) == 6
    programme = FundingProgramme.objects.get(slug=RACE_SLUG)
    committed = Grant.objects.filter(programme=programme).aggregate(total=Sum("amount"))["total"]
    assert committed == programme.budget
