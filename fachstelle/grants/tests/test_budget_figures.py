"""Budget figures after each step (approve, pay, double pay, settle, repay, cancel), the pages with
their query pins, and the role matrix of the budget and decision URLs."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fachstelle.core.tests.factories import UserFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.grants.models import Application, FinalReport
from fachstelle.grants.selectors.budget import office_budget_overview, programme_budget
from fachstelle.grants.services.decisions import application_approve, grant_cancel
from fachstelle.grants.services.payouts import payout_cancel, payout_mark_paid, payout_release
from fachstelle.grants.services.settlement import final_report_accept, grant_settle, repayment_record

from .money_factories import Role, make_application, make_office, make_programme, make_staff

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today
D = Decimal


def figures_tuple(programme):
    f = programme_budget(programme)
    return (f.budget, f.requested, f.committed, f.paid, f.returned, f.available)


def test_figures_follow_every_step(django_assert_num_queries):
    office = make_office()
    programme = make_programme(office, budget="30000")
    admin = make_staff(office, Role.ADMIN)
    application = make_application(programme, requested="4500", costs="6000", own="1500")
    make_application(programme, requested="3000", status=Application.Status.IN_REVIEW)
    make_application(programme, requested="999", status=Application.Status.DRAFT)
    with django_assert_num_queries(1):
        assert figures_tuple(programme) == (D(30000), D(7500), D(0), D(0), D(0), D(30000))

    grant = application_approve(
        application=application,
        by=admin,
        amount="4000",
        payout_plan=[("2000", TODAY()), ("2000", TODAY())],
    )
    assert figures_tuple(programme) == (D(30000), D(3000), D(4000), D(0), D(0), D(26000))

    first, second = grant.payouts.all()
    payout_release(payout=first, by=admin)
    payout_mark_paid(payout=first, by=admin, paid_on=TODAY())
    with pytest.raises(ValidationError):
        payout_mark_paid(payout=first, by=admin, paid_on=TODAY())
    assert figures_tuple(programme)[3] == D(2000)
    payout_release(payout=second, by=admin)
    payout_mark_paid(payout=second, by=admin, paid_on=TODAY())
    assert figures_tuple(programme) == (D(30000), D(3000), D(4000), D(4000), D(0), D(26000))

    # The project cost less: 5,000 actual costs, 1,500 own → gap 3,500; 500 of 4,000 paid back.
    lines = list(application.budget_lines.all())
    for line in lines:
        line.actual_amount = D(5000) if line.kind == "cost" else D(1500)
        line.save()
    report = FinalReport.objects.create(grant=grant, status=FinalReport.Status.SUBMITTED)
    final_report_accept(report=report, by=admin)
    grant_settle(grant=grant, by=admin)
    grant.refresh_from_db()
    assert grant.repayment_amount == D(500)
    repayment_record(grant=grant, by=admin, amount="500", on=TODAY())
    assert figures_tuple(programme) == (D(30000), D(3000), D(4000), D(4000), D(500), D(26500))


def test_cancelled_grant_frees_its_commitment():
    office = make_office()
    programme = make_programme(office, budget="10000")
    admin = make_staff(office, Role.ADMIN)
    grant = application_approve(application=make_application(programme), by=admin, amount="4000")
    assert programme_budget(programme).available == D(6000)
    grant_cancel(grant=grant, by=admin, reason="withdrawn by the sponsor")
    assert programme_budget(programme).available == D(10000)


def test_office_overview_is_one_query_for_many_programmes(django_assert_num_queries):
    office = make_office()
    admin = make_staff(office, Role.ADMIN)
    for index in range(4):
        programme = make_programme(office, budget="10000", name=f"P{index}", slug=f"p{index}")
        application_approve(application=make_application(programme), by=admin, amount="1000")
    make_programme(office, budget="5000", year=2000, name="old", slug="old")
    make_programme(make_office(), budget="7000", name="other office", slug="x")
    with django_assert_num_queries(1):
        overview = office_budget_overview(office, TODAY().year)
    assert len(overview.rows) == 4
    total = overview.totals_by_currency["CHF"]
    assert (total.budget, total.committed, total.available) == (D(40000), D(4000), D(36000))


@pytest.fixture
def office_roles():
    office = make_office()
    programme = make_programme(office)
    application = make_application(programme)
    users = {role: make_staff(office, role) for role in Role.values}
    users["outsider"] = make_staff(make_office(), Role.ADMIN)
    users["superuser"] = UserFactory(is_superuser=True)
    return office, programme, application, users


def test_budget_pages_for_every_role_and_query_pin(client, office_roles, django_assert_num_queries):
    office, programme, _application, users = office_roles
    overview = reverse("grants:budget_overview", kwargs={"office_slug": office.slug})
    detail = reverse(
        "grants:programme_budget_detail", kwargs={"office_slug": office.slug, "pk": programme.pk}
    )
    for role, expected in [
        (Role.ADMIN, 200),
        (Role.EDITOR, 200),
        (Role.COUNSELLOR, 200),
        (Role.STATISTICS, 200),
        ("outsider", 403),
        ("superuser", 403),
    ]:
        client.logout()
        login_verified(client, users[role])
        assert client.get(overview).status_code == expected, role
        assert client.get(detail).status_code == expected, role
    login_verified(client, users[Role.STATISTICS])
    client.get(overview)
    # session, user, OTP device, office, membership, years, programmes with figures, session save (3)
    with django_assert_num_queries(10):
        response = client.get(overview)
    assert programme.name in response.content.decode()
    # session, user, OTP device, office, membership, programme, figures, grant count, pending
    # applications, session save (3); no grants yet, so no grant page query
    with django_assert_num_queries(12):
        response = client.get(detail)
    assert "G-" in response.content.decode()
    other = make_programme(make_office(), name="foreign", slug="foreign")
    assert (
        client.get(
            reverse("grants:programme_budget_detail", kwargs={"office_slug": office.slug, "pk": other.pk})
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("role", "approve", "view_decision", "payouts"),
    [
        (Role.ADMIN, 302, 200, 200),
        (Role.EDITOR, 403, 200, 200),
        (Role.COUNSELLOR, 403, 200, 200),
        (Role.STATISTICS, 403, 403, 403),
        ("outsider", 403, 403, 403),
        ("superuser", 403, 403, 403),
    ],
)
def test_decision_and_payout_urls_role_matrix(client, office_roles, role, approve, view_decision, payouts):
    office, _programme, application, users = office_roles
    login_verified(client, users[role])
    kwargs = {"office_slug": office.slug, "pk": application.pk}
    assert client.get(reverse("grants:decision", kwargs=kwargs)).status_code == view_decision
    assert (
        client.get(reverse("grants:payout_list", kwargs={"office_slug": office.slug})).status_code == payouts
    )
    assert (
        client.get(reverse("grants:payouts_export", kwargs={"office_slug": office.slug})).status_code
        == payouts
    )
    response = client.post(reverse("grants:decision_approve", kwargs=kwargs), {"amount": "4000"})
    assert response.status_code == approve
    application.refresh_from_db()
    assert (application.status == Application.Status.APPROVED) == (approve == 302)


def test_approve_view_shows_budget_error_and_keeps_input(client, english):
    office = make_office()
    programme = make_programme(office, budget="3000")
    application = make_application(programme)
    admin = make_staff(office, Role.ADMIN)
    login_verified(client, admin)
    response = client.post(
        reverse("grants:decision_approve", kwargs={"office_slug": office.slug, "pk": application.pk}),
        {"amount": "3500", "conditions": "keep me"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Only CHF 3&#x27;000.00 of the budget is still available." in content
    assert "keep me" in content and 'value="3500"' in content
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_instalment_never_paid_goes_back_to_the_budget_at_the_settlement():
    office = make_office()
    programme = make_programme(office, budget="10000")
    admin = make_staff(office, Role.ADMIN)
    application = make_application(programme, requested="4000", costs="4000", own="0")
    grant = application_approve(
        application=application, by=admin, amount="4000", payout_plan=[("3000", TODAY()), ("1000", TODAY())]
    )
    first, second = grant.payouts.all()
    payout_release(payout=first, by=admin)
    payout_mark_paid(payout=first, by=admin, paid_on=TODAY())
    payout_cancel(payout=second, by=admin)  # the project needed less
    assert programme_budget(programme).committed == D(4000)  # still running: the approval counts
    for line in application.budget_lines.all():
        line.actual_amount = D(3000) if line.kind == "cost" else D(0)
        line.save()
    report = FinalReport.objects.create(grant=grant, status=FinalReport.Status.SUBMITTED)
    final_report_accept(report=report, by=admin)
    grant_settle(grant=grant, by=admin)
    figures = programme_budget(programme)
    assert (figures.committed, figures.paid, figures.available) == (D(3000), D(3000), D(7000))
