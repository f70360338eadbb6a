"""The grants and projects demos of `make run`: idempotent, and consistent with the rules of the grants app –
budgets add up, commitments within the programme budget, a grant for every approval, payouts within the grant,
unique references, assessments by two staff members with a score for every criterion."""

import re
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Count, F, Sum

from fachstelle.core.models import Membership
from fachstelle.events.demo import load_events_demo
from fachstelle.events.models import Event
from fachstelle.grants import demo_data
from fachstelle.grants.budget_math import budget_totals
from fachstelle.grants.demo import _check, demo_pdf, iban, load_grants_demo, weighted_score
from fachstelle.grants.models import (
    ZERO,
    Application,
    ApplicationMessage,
    Assessment,
    AssessmentCriterion,
    AssessmentScore,
    Attachment,
    BudgetLine,
    FinalReport,
    FundingProgramme,
    Grant,
    Payout,
)
from fachstelle.network.demo import load_network_demo
from fachstelle.offers.demo.loader import demo_data_load
from fachstelle.projects.demo import load_projects_demo
from fachstelle.projects.models import Milestone, Project

pytestmark = pytest.mark.django_db

COUNTED = [
    FundingProgramme,
    AssessmentCriterion,
    Application,
    BudgetLine,
    Attachment,
    ApplicationMessage,
    Assessment,
    AssessmentScore,
    Grant,
    Payout,
    FinalReport,
    Project,
    Milestone,
]
PREFIX = {"region-zofingen": "zofingen", "loerrach": "loerrach"}
S = Application.Status


def _counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Loaded once for the module (the directory demo takes seconds) inside a transaction that is rolled
    back at the end; the network and events demos provide sponsors, partners and the linked event."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_data_load()
        load_network_demo()
        load_events_demo()
        yield {"grants": load_grants_demo(), "projects": load_projects_demo()}
        transaction.set_rollback(True)


def _programme(slug):
    return FundingProgramme.objects.get(slug=slug)


# --- idempotency ----------------------------------------------------------------------------------


def test_the_first_load_creates_every_kind(demo):
    grants, projects = demo["grants"], demo["projects"]
    assert grants.created["funding_programmes"] == 3
    assert grants.created["applications"] == 8 + 3 + 5
    for kind in ["budget_lines", "attachments", "application_messages", "assessments", "grants", "payouts"]:
        assert grants.created[kind] > 0, kind
    assert grants.created["final_reports"] == 3
    assert projects.created["projects"] == 5
    assert projects.created["milestones"] > 10


def test_a_second_load_creates_nothing(demo):
    before = _counts()
    grants, projects = load_grants_demo(), load_projects_demo()
    assert _counts() == before
    assert sum(grants.created.values()) == 0
    assert sum(projects.created.values()) == 0
    # What the first run created is reported as existing, kind by kind and in the same numbers.
    assert grants.existing == demo["grants"].created
    assert projects.existing == demo["projects"].created


# --- programmes and budgets -----------------------------------------------------------------------


def test_the_zofingen_programmes(demo):
    p2026 = _programme("kleinprojekte-integration-2026")
    assert (p2026.office.slug, p2026.currency, p2026.budget, p2026.max_amount) == (
        "region-zofingen",
        "CHF",
        Decimal("30000.00"),
        Decimal("5000.00"),
    )
    assert (str(p2026.opens_on), str(p2026.closes_on), p2026.status) == ("2026-02-01", "2026-09-30", "closed")
    assert p2026.required_documents == ["Statuten", "Jahresrechnung"]
    assert set(p2026.promotion_areas.values_list("code", flat=True)) == {"1.1", "2.1", "2.2", "3.2"}
    assert [(c.name, c.weight) for c in p2026.criteria.all()] == [
        ("Bedarf", 3),
        ("Wirkung", 3),
        ("Machbarkeit und Budget", 2),
        ("Beteiligung der Zielgruppe", 2),
    ]
    # The 2027 round is open now, so the public can apply in the demo.
    p2027 = _programme("kleinprojekte-integration-2027")
    assert (str(p2027.opens_on), str(p2027.closes_on), p2027.status) == ("2026-11-01", "2027-03-31", "open")
    assert p2026.applications.count() == 8
    assert sorted(p2027.applications.values_list("status", flat=True)) == [S.DRAFT, S.DRAFT, S.SUBMITTED]


def test_commitments_stay_within_the_programme_budgets(demo):
    for programme in FundingProgramme.objects.all():
        grants = Grant.objects.filter(programme=programme).exclude(status=Grant.Status.CANCELLED)
        committed = grants.aggregate(total=Sum("amount"))["total"] or ZERO
        assert committed <= programme.budget, programme
    zofingen = Grant.objects.filter(programme__slug="kleinprojekte-integration-2026")
    assert zofingen.aggregate(total=Sum("amount"))["total"] == Decimal("22100.00")
    assert zofingen.aggregate(total=Sum("repaid_amount"))["total"] == Decimal("420.00")
    loerrach = _programme("berufliche-integration-2026")
    assert (loerrach.currency, loerrach.budget, loerrach.max_amount) == (
        "EUR",
        Decimal("100000.00"),
        Decimal("15000.00"),
    )
    assert loerrach.applications.count() == 5


def test_every_budget_adds_up_within_the_programme_limits(demo):
    applications = Application.objects.select_related("programme").prefetch_related("budget_lines")
    assert applications.count() == 16
    for application in applications:
        lines = list(application.budget_lines.all())
        assert 4 <= len(lines) <= 8, application
        totals = budget_totals(lines, application.requested_amount)
        assert totals.balanced, (application, totals.difference)
        assert application.requested_amount <= application.programme.max_amount
        assert totals.own_share_percent >= application.programme.min_own_share_percent
        assert application.office_id == application.programme.office_id


# --- statuses, decisions and money ----------------------------------------------------------------


def test_every_approved_application_has_a_grant_and_no_other_has(demo):
    approved = Application.objects.filter(status=S.APPROVED)
    assert approved.count() == 8
    assert not approved.filter(grant__isnull=True).exists()
    assert not Grant.objects.exclude(application__status=S.APPROVED).exists()
    for grant in Grant.objects.select_related("application__office", "decided_by", "programme"):
        application = grant.application
        assert grant.programme_id == application.programme_id
        assert ZERO < grant.amount <= application.requested_amount
        assert grant.decided_at == application.decided_at
        assert grant.decided_at > application.submitted_at
        assert grant.decided_by == application.decided_by
        assert grant.decided_by.username == f"{PREFIX[application.office.slug]}-admin"
        assert grant.letter_sent_at > grant.decided_at
        assert grant.report_due_on > application.ends_on


def test_decided_and_undecided_applications(demo):
    for application in Application.objects.filter(status=S.REJECTED).select_related("office"):
        assert application.rejection_reason
        assert application.decided_by.username == f"{PREFIX[application.office.slug]}-admin"
    undecided = Application.objects.filter(status__in=[S.DRAFT, S.SUBMITTED, S.IN_REVIEW])
    assert not undecided.filter(decided_at__isnull=False).exists()
    assert not undecided.filter(decided_by__isnull=False).exists()
    assert not Application.objects.filter(status=S.DRAFT, submitted_at__isnull=False).exists()
    assert not Application.objects.exclude(status=S.DRAFT).filter(submitted_at__isnull=True).exists()


def test_payouts_stay_within_the_grant_and_their_status_is_consistent(demo):
    for grant in Grant.objects.annotate(total=Sum("payouts__amount")):
        assert grant.total <= grant.amount, grant
    assert set(Payout.objects.values_list("status", flat=True)) == {"planned", "released", "paid"}
    for payout in Payout.objects.select_related("grant__application"):
        released = payout.status in {Payout.Status.RELEASED, Payout.Status.PAID}
        assert (payout.released_at is not None) == released
        assert (payout.released_by is not None) == released
        paid = payout.status == Payout.Status.PAID
        assert (payout.paid_on is not None) == paid
        assert bool(payout.booking_reference) == paid
        if paid:
            # Four eyes: released by one person, the payment recorded by another.
            assert payout.paid_recorded_by != payout.released_by
            assert payout.paid_on >= payout.grant.decided_at.date()
    # Settled and closed grants were paid out completely.
    for grant in Grant.objects.filter(status__in=["settled", "closed", "report_submitted"]):
        assert not grant.payouts.exclude(status=Payout.Status.PAID).exists()


def test_the_story_of_the_issue_brittnau(demo):
    """CHF 4,500 asked for a women's German conversation café in Brittnau, CHF 4,000 approved, two payouts,
    the final report came in."""
    application = Application.objects.get(organisation_name="Verein Frauenforum Brittnau")
    assert application.reference == "KP-2026-0001"
    assert application.requested_amount == Decimal("4500.00")
    assert list(application.municipalities.values_list("bfs_number", flat=True)) == [4274]
    assert application.messages.filter(author__isnull=True).exists()  # advice asked before submitting
    grant = application.grant
    assert grant.amount == Decimal("4000.00")
    assert grant.status == Grant.Status.REPORT_SUBMITTED
    assert list(grant.payouts.values_list("amount", "status")) == [
        (Decimal("2400.00"), "paid"),
        (Decimal("1600.00"), "paid"),
    ]
    assert grant.final_report.status == FinalReport.Status.SUBMITTED
    assert not application.budget_lines.filter(actual_amount__isnull=True).exists()
    assert application.attachments.filter(stage=Attachment.Stage.FINAL_REPORT).exists()


def test_the_settled_grant_repaid_what_the_actual_budget_did_not_need(demo):
    grant = Grant.objects.get(status=Grant.Status.SETTLED)
    paid = grant.payouts.filter(status="paid").aggregate(total=Sum("amount"))["total"]
    actual = budget_totals(grant.application.budget_lines.all(), ZERO, actual=True)
    assert grant.repayment_amount == paid - actual.gap == Decimal("420.00")
    assert grant.repaid_amount == grant.repayment_amount
    assert grant.repaid_on and grant.settled_at
    assert grant.final_report.status == FinalReport.Status.ACCEPTED
    closed = Grant.objects.get(status=Grant.Status.CLOSED)
    assert closed.closed_at >= closed.settled_at
    assert closed.repayment_amount == ZERO


def test_grants_are_published_only_with_the_sponsors_consent(demo):
    assert Grant.objects.filter(publish=True).exists()
    assert not Grant.objects.filter(publish=True, application__publish_consent=False).exists()


# --- references, assessments, messages, attachments -----------------------------------------------


def test_references_are_unique_per_office_and_given_on_submission(demo):
    submitted = Application.objects.exclude(status=S.DRAFT)
    for application in submitted.select_related("programme"):
        prefix = "BI" if application.office.slug == "loerrach" else "KP"
        assert re.fullmatch(rf"{prefix}-{application.programme.year}-\d{{4}}", application.reference)
    duplicates = submitted.values("office", "reference").annotate(n=Count("pk")).filter(n__gt=1)
    assert not duplicates.exists()
    assert not Application.objects.filter(status=S.DRAFT).exclude(reference="").exists()


def test_assessments_by_two_staff_members_with_every_criterion_scored(demo):
    staff_roles = {Membership.Role.ADMIN, Membership.Role.EDITOR}
    in_review = Application.objects.get(reference="KP-2026-0007")
    assert in_review.status == S.IN_REVIEW
    assert in_review.assessments.count() == 1
    decided = Application.objects.filter(status__in=[S.APPROVED, S.REJECTED])
    assert not decided.annotate(n=Count("assessments")).exclude(n=2).exists()
    for assessment in Assessment.objects.select_related("application__programme", "application__office"):
        application = assessment.application
        roles = set(
            Membership.objects.filter(user=assessment.reviewer, office=application.office).values_list(
                "role", flat=True
            )
        )
        assert roles & staff_roles, assessment
        scores = {s.criterion_id: s.score for s in assessment.scores.all()}
        criteria = list(application.programme.criteria.all())
        assert set(scores) == {c.pk for c in criteria}
        expected = Decimal(sum(scores[c.pk] * c.weight for c in criteria) * 100) / (
            5 * sum(c.weight for c in criteria)
        )
        assert assessment.weighted_score == expected.quantize(Decimal("0.1"))
        assert application.submitted_at < assessment.created_at
        if application.decided_at:
            assert assessment.created_at < application.decided_at


def test_a_draft_with_advice_asked_and_answered(demo):
    draft = Application.objects.get(project_title="Berufswahl-Abende für Eltern (Türkisch/Deutsch)")
    assert draft.status == S.DRAFT and draft.advice_requested_at
    question, answer = draft.messages.all()
    assert question.author is None
    assert answer.author.username == "zofingen-editor" and not answer.internal
    assert answer.created_at > question.created_at


def test_submitted_applications_include_the_required_documents_as_pdf(demo):
    for application in Application.objects.exclude(status=S.DRAFT).select_related("programme"):
        labels = list(
            application.attachments.filter(stage=Attachment.Stage.APPLICATION).values_list("label", flat=True)
        )
        assert labels == application.programme.required_documents
    attachment = Attachment.objects.first()
    with attachment.file.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-") and len(content) == attachment.size
    assert not Attachment.objects.filter(application__status=S.DRAFT).exists()


def test_sponsors_from_the_network_are_linked_within_their_office(demo):
    linked = Application.objects.filter(organisation__isnull=False)
    assert linked.count() >= 10
    assert not linked.exclude(organisation__office=F("office")).exists()
    # Sponsors that are not in the network keep the name as typed.
    typed = Application.objects.get(organisation_name="Elternverein Oftringen")
    assert typed.organisation is None


# --- projects -------------------------------------------------------------------------------------


def test_projects_with_milestones_partners_and_links(demo):
    assert Project.objects.filter(office__slug="region-zofingen").count() == 3
    assert Project.objects.filter(office__slug="loerrach").count() == 2
    welcome = Project.objects.get(title="Willkommensanlass für Neuzugezogene 2027")
    assert (welcome.role, welcome.status) == ("initiated", "planned")
    assert welcome.milestones.count() >= 4
    assert welcome.milestones.filter(done_on__isnull=False).exists()
    pool = Project.objects.get(title="Dolmetschpool Region Zofingen aufbauen")
    assert pool.role == "initiated"
    assert pool.partners.filter(name="Schweizerisches Rotes Kreuz Kanton Aargau").exists()
    parents = Project.objects.get(title="Elternbildung in der Schule Oftringen")
    assert parents.role == "accompanied"
    assert list(parents.grant_applications.values_list("reference", flat=True)) == ["KP-2026-0005"]
    assert parents.events.exists()
    assert set(parents.events.values_list("title", flat=True)) == {"Elternabend: Schule in der Schweiz"}
    jobs = Project.objects.get(office__slug="loerrach", role="accompanied")
    assert jobs.currency == "EUR"
    assert list(jobs.grant_applications.values_list("reference", flat=True)) == ["BI-2026-0001"]


def test_projects_stay_inside_their_office(demo):
    for project in Project.objects.select_related("office", "lead"):
        assert not project.partners.exclude(office=project.office).exists()
        assert not project.grant_applications.exclude(office=project.office).exists()
        assert not project.events.exclude(office=project.office).exists()
        assert not project.municipalities.exclude(country=project.office.country).exists()
        assert project.lead.username.startswith(PREFIX[project.office.slug] + "-")
        assert project.partners.exists()
        for milestone in project.milestones.select_related("owner"):
            assert milestone.owner.username.startswith(PREFIX[project.office.slug] + "-")
    assert Event.objects.filter(projects__isnull=False).exists()


# --- the helpers ----------------------------------------------------------------------------------


def test_weighted_score_follows_the_review_rule():
    assert weighted_score([5, 5, 5, 5], [3, 3, 2, 2]) == Decimal("100.0")
    assert weighted_score([0, 0, 0, 0], [3, 3, 2, 2]) == Decimal("0.0")
    # (5×3 + 4×3 + 3×2 + 4×2) / (5 × 10) × 100 = 41 / 50 × 100
    assert weighted_score([5, 4, 3, 4], [3, 3, 2, 2]) == Decimal("82.0")
    assert weighted_score([1, 2, 2], [1, 1, 1]) == Decimal("33.3")


def test_iban_check_digits():
    # The official sample IBANs of SIX (Switzerland) and of the Bundesbank (Germany).
    assert iban("CH", "00762011623852957") == "CH93 0076 2011 6238 5295 7"
    assert iban("DE", "370400440532013000") == "DE89 3704 0044 0532 0130 00"
    assert iban("CH", "") == ""


def test_demo_pdf_is_a_pdf():
    content = demo_pdf("Statuten (Demo) – Zofingen")
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
    assert b"Statuten [Demo]" in content


def test_inconsistent_demo_data_is_refused_before_anything_is_written():
    programme = demo_data.ZOFINGEN_PROGRAMMES[0]
    good = demo_data.ZOFINGEN_2026[0]
    _check(programme, [good])  # the real data passes
    unbalanced = {**good, "requested": good["requested"] + 1}
    with pytest.raises(ValueError, match="does not add up"):
        _check(programme, [unbalanced])
    too_much = {**good, "grant": {**good["grant"], "amount": Decimal("4600.00")}}
    with pytest.raises(ValueError, match="grant above"):
        _check(programme, [too_much])
    double_payout = {
        **good,
        "grant": {**good["grant"], "payouts": good["grant"]["payouts"] * 2},
    }
    with pytest.raises(ValueError, match="payouts above"):
        _check(programme, [double_payout])
    with pytest.raises(ValueError, match="commitments above"):
        _check({**programme, "budget": Decimal("3000.00")}, [good])
    no_grant = {key: value for key, value in good.items() if key != "grant"}
    with pytest.raises(ValueError, match="approved application has a grant"):
        _check(programme, [no_grant])
