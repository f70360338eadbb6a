"""Report section "grants": programmes of 2025 with the budget page's figures, applications received,
approved and rejected in 2025, amounts approved and paid, by KIP area and per municipality."""

import datetime
from decimal import Decimal

import pytest

from fachstelle.grants.models import Application, FundingProgramme, Grant, Payout
from fachstelle.grants.tests.money_factories import make_application, make_programme
from fachstelle.reporting.sections import grants

from .sections_world import base_world, figure, local, row, table, year

pytestmark = pytest.mark.django_db
A = Application.Status


def _programme(office, year_, **fields):
    programme = make_programme(office, year=year_, **fields)
    FundingProgramme.objects.filter(pk=programme.pk).update(
        opens_on=datetime.date(year_, 1, 1), closes_on=datetime.date(year_, 12, 31)
    )
    return programme


def _application(programme, *, area, municipalities, submitted, status=A.SUBMITTED, decided=None):
    application = make_application(programme, status=status, promotion_area=area)
    Application.objects.filter(pk=application.pk).update(submitted_at=submitted, decided_at=decided)
    application.municipalities.set(municipalities)
    return application


def _grant(application, amount, decided, by, *, status=Grant.Status.APPROVED, payouts=()):
    grant = Grant.objects.create(
        application=application,
        programme=application.programme,
        amount=Decimal(amount),
        decided_at=decided,
        decided_by=by,
        status=status,
    )
    for number, (value, paid_on) in enumerate(payouts, start=1):
        Payout.objects.create(
            grant=grant,
            number=number,
            amount=Decimal(value),
            planned_on=paid_on,
            status=Payout.Status.PAID,
            paid_on=paid_on,
        )
    return grant


@pytest.fixture
def world(vocab):
    w = base_world()
    kip = sorted(vocab["kip"].values(), key=lambda area: area.code)
    w.kip1, w.kip2 = kip[0], kip[1]
    o, r = w.oftringen, w.rothrist
    w.programme = _programme(w.office, 2025, budget="30000")
    _programme(w.office, 2023, budget="99999")  # not of the period
    foreign = _programme(w.other_office, 2025, budget="50000")
    d = datetime.date
    # a1: received and approved in 2025 (4000), paid 1000 in 2025 and 500 in 2026.
    a1 = _application(
        w.programme,
        area=w.kip1,
        municipalities=[o],
        submitted=local(2025, 2, 1),
        status=A.APPROVED,
        decided=local(2025, 3, 1),
    )
    _grant(a1, "4000", local(2025, 3, 1), w.admin, payouts=[("1000", d(2025, 4, 1)), ("500", d(2026, 1, 10))])
    # a2: received in 2024, approved in January 2025 (2000) for Oftringen and Rothrist, paid 2000.
    a2 = _application(
        w.programme,
        area=w.kip1,
        municipalities=[o, r],
        submitted=local(2024, 12, 20),
        status=A.APPROVED,
        decided=local(2025, 1, 10),
    )
    _grant(a2, "2000", local(2025, 1, 10), w.admin, payouts=[("2000", d(2025, 2, 1))])
    # a3: rejected; a4: submitted in the last hour of 2025, in review; a5: approved, the grant cancelled.
    _application(
        w.programme,
        area=w.kip2,
        municipalities=[r],
        submitted=local(2025, 5, 5),
        status=A.REJECTED,
        decided=local(2025, 6, 1),
    )
    _application(
        w.programme, area=None, municipalities=[], submitted=local(2025, 12, 31, 23), status=A.IN_REVIEW
    )
    a5 = _application(
        w.programme,
        area=w.kip2,
        municipalities=[o],
        submitted=local(2025, 3, 1),
        status=A.APPROVED,
        decided=local(2025, 4, 1),
    )
    _grant(a5, "1500", local(2025, 4, 1), w.admin, status=Grant.Status.CANCELLED)
    # a6: submitted on the first moment of 2026 — not received in 2025.
    _application(w.programme, area=w.kip2, municipalities=[o], submitted=local(2026, 1, 1))
    # The other office's approved grant in Oftringen: never counted.
    f1 = _application(
        foreign,
        area=w.kip1,
        municipalities=[o],
        submitted=local(2025, 2, 1),
        status=A.APPROVED,
        decided=local(2025, 3, 1),
    )
    _grant(f1, "9000", local(2025, 3, 1), w.admin, payouts=[("9000", d(2025, 3, 5))])
    return w


def test_headline_figures(world):
    result = grants.section(office=world.office, filters=year())
    assert figure(result, "received") == 4  # a1, a3, a4, a5
    assert figure(result, "approved") == 2  # a1, a2 (a5's grant is cancelled)
    assert figure(result, "rejected") == 1
    assert figure(result, "approved_amount_CHF") == Decimal("6000")
    assert figure(result, "paid_amount_CHF") == Decimal("3000")
    assert figure(result, "budget_CHF") == Decimal("30000")
    # Committed: the two running grants (6000); available 30000 − 6000.
    assert figure(result, "available_CHF") == Decimal("24000")


def test_budget_table_reuses_budget_definitions(world):
    budget = table(grants.section(office=world.office, filters=year()), "grants_budget")
    assert [r.key for r in budget.rows] == [str(world.programme.pk)]
    # Budget, committed, paid (all paid instalments, also 2026's), available.
    assert budget.row(str(world.programme.pk)).cells == [30000, 6000, 3500, 24000]


def test_by_promotion_area(world):
    result = grants.section(office=world.office, filters=year())
    areas = table(result, "grants_areas")
    # Received, approved, rejected.
    assert areas.row(world.kip1.code).cells == [1, 2, 0]
    assert areas.row(world.kip2.code).cells == [2, 0, 1]
    assert areas.row("none").cells == [1, 0, 0]
    assert areas.total.cells == [4, 2, 1]
    money = table(result, "grants_money")
    # Approved (CHF), paid (CHF), in whole francs.
    assert money.row(world.kip1.code).cells == [6000, 3000]
    assert money.row(world.kip2.code).cells == [0, 0]
    assert money.total.cells == [6000, 3000]


def test_municipality_filter(world):
    rothrist = grants.section(office=world.office, filters=year(world.rothrist))
    assert figure(rothrist, "received") == 1  # a3
    assert figure(rothrist, "approved") == 1  # a2
    assert figure(rothrist, "rejected") == 1
    assert figure(rothrist, "approved_amount_CHF") == Decimal("2000")
    assert figure(rothrist, "paid_amount_CHF") == Decimal("2000")


def test_other_office_scoped(world):
    result = grants.section(office=world.other_office, filters=year())
    assert figure(result, "approved_amount_CHF") == Decimal("9000")
    assert figure(result, "received") == 1


def test_municipality_rows(world):
    rows = grants.municipality_rows(office=world.office, filters=year(), municipalities=world.municipalities)
    o, r, a = world.oftringen.pk, world.rothrist.pk, world.aarburg.pk
    assert row(rows, "grants_approved").values == {o: 2, r: 1, a: 0}
    assert row(rows, "grants_approved_amount_CHF").values == {o: Decimal("6000"), r: Decimal("2000"), a: 0}
    assert row(rows, "grants_paid_amount_CHF").values == {o: Decimal("3000"), r: Decimal("2000"), a: 0}


def test_query_counts(world, django_assert_num_queries):
    # Programmes with figures; applications, grants, payouts by area; the promotion areas.
    with django_assert_num_queries(5):
        grants.section(office=world.office, filters=year())
    with django_assert_num_queries(2):
        grants.municipality_rows(office=world.office, filters=year(), municipalities=world.municipalities)


def test_money_tables_chart_and_render(world):
    from django.template.loader import render_to_string

    from fachstelle.core.charts import table_chart
    from fachstelle.reporting.selectors.dashboard import section_blocks

    result = grants.section(office=world.office, filters=year())
    assert [item.key for item in result.tables] == ["grants_budget", "grants_areas", "grants_money"]
    for item in result.tables:
        assert table_chart(item, fmt="svg")
    html = render_to_string("reporting/_section.html", {"block": section_blocks([result])[0]})
    assert 'id="section-grants"' in html
    assert "None" not in html
