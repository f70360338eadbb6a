"""Payouts: planned → released → paid; no double payment, no more than approved, audited; the list with
its filters, query pin and the accounting export."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.otp import login_verified
from fachstelle.grants.models import Grant, Payout
from fachstelle.grants.services.decisions import application_approve
from fachstelle.grants.services.payouts import (
    payout_add,
    payout_cancel,
    payout_mark_paid,
    payout_plan_set,
    payout_release,
)

from .money_factories import Role, make_application, make_office, make_programme, make_staff

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def grant_setup():
    office = make_office()
    programme = make_programme(office)
    application = make_application(programme)
    admin = make_staff(office, Role.ADMIN)
    grant = application_approve(
        application=application,
        by=admin,
        amount="4000",
        payout_plan=[("2000", TODAY()), ("2000", TODAY() + datetime.timedelta(days=90))],
    )
    return office, programme, grant, admin


def test_release_and_pay_then_paying_twice_changes_nothing(grant_setup):
    office, _programme, grant, _admin = grant_setup
    editor = make_staff(office, Role.EDITOR)
    first = grant.payouts.get(number=1)
    with pytest.raises(ValidationError) as exc:
        payout_mark_paid(payout=first, by=editor, paid_on=TODAY())
    assert "Release the instalment" in str(exc.value)
    payout_release(payout=first, by=editor)
    payout_mark_paid(payout=first, by=editor, paid_on=TODAY(), booking_reference="FIBU-2026-17")
    first.refresh_from_db()
    assert first.status == Payout.Status.PAID and first.booking_reference == "FIBU-2026-17"
    events_before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        payout_mark_paid(payout=first, by=editor, paid_on=TODAY(), booking_reference="OTHER")
    assert exc.value.message_dict["status"] == ["This instalment is already paid."]
    first.refresh_from_db()
    assert first.booking_reference == "FIBU-2026-17"
    assert AuditEvent.objects.count() == events_before


def test_all_paid_moves_the_grant_to_report_due(grant_setup):
    _office, _programme, grant, admin = grant_setup
    for payout in grant.payouts.all():
        payout_release(payout=payout, by=admin)
        payout_mark_paid(payout=payout, by=admin, paid_on=TODAY())
    grant.refresh_from_db()
    assert grant.status == Grant.Status.REPORT_DUE
    assert AuditEvent.objects.filter(target_type="grants.grant", detail__contains="paid on").count() == 2


def test_payments_in_the_future_and_without_date_are_refused(grant_setup):
    _office, _programme, grant, admin = grant_setup
    payout = grant.payouts.get(number=1)
    payout_release(payout=payout, by=admin)
    with pytest.raises(ValidationError):
        payout_mark_paid(payout=payout, by=admin, paid_on=TODAY() + datetime.timedelta(days=3))
    with pytest.raises(ValidationError):
        payout_mark_paid(payout=payout, by=admin, paid_on=None)
    payout.refresh_from_db()
    assert payout.status == Payout.Status.RELEASED


def test_instalments_cannot_exceed_the_grant(grant_setup):
    _office, _programme, grant, admin = grant_setup
    with pytest.raises(ValidationError) as exc:
        payout_add(grant=grant, by=admin, amount="1", planned_on=TODAY())
    assert "exceed the approved amount" in str(exc.value)
    payout_cancel(payout=grant.payouts.get(number=2), by=admin)
    added = payout_add(grant=grant, by=admin, amount="2000", planned_on=TODAY())
    assert added.number == 3


def test_plan_set_replaces_only_planned_instalments(grant_setup):
    _office, _programme, grant, admin = grant_setup
    first = grant.payouts.get(number=1)
    payout_release(payout=first, by=admin)
    with pytest.raises(ValidationError):
        payout_plan_set(grant=grant, by=admin, plan=[("2500", TODAY())])
    created = payout_plan_set(grant=grant, by=admin, plan=[("1000", TODAY()), ("1000", TODAY())])
    assert [p.number for p in created] == [2, 3]  # the deleted planned #2 is reused
    assert list(grant.payouts.values_list("number", "status")) == [
        (1, Payout.Status.RELEASED),
        (2, Payout.Status.PLANNED),
        (3, Payout.Status.PLANNED),
    ]


def test_negative_amount_is_refused(grant_setup):
    _office, _programme, grant, admin = grant_setup
    with pytest.raises(ValidationError) as exc:
        payout_add(grant=grant, by=admin, amount="-100", planned_on=TODAY())
    assert "greater than zero" in str(exc.value)


def test_statistics_role_and_other_office_may_not_touch_payouts(grant_setup):
    office, _programme, grant, _admin = grant_setup
    for user in (make_staff(office, Role.STATISTICS), make_staff(make_office(), Role.ADMIN)):
        with pytest.raises(PermissionDenied):
            payout_release(payout=grant.payouts.first(), by=user)


def test_payout_list_filters_and_query_pin(client, grant_setup, django_assert_num_queries):
    office, programme, _grant, admin = grant_setup
    for _ in range(3):
        application = make_application(programme, requested="1000")
        application_approve(application=application, by=admin, amount="1000", payout_plan=[("1000", TODAY())])
    login_verified(client, admin)
    url = reverse("grants:payout_list", kwargs={"office_slug": office.slug})
    client.get(url)  # warm up
    # session, user, OTP device, office, membership, programmes for the filter, count, payout rows (with
    # grant, application, programme joined), session save in a savepoint (3): the same for any page size
    with django_assert_num_queries(11):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 5
    later = (TODAY() + datetime.timedelta(days=10)).isoformat()
    response = client.get(url, {"due_until": TODAY().isoformat()})
    assert len(response.context["page"].object_list) == 4
    response = client.get(url, {"status": "paid", "due_until": later})
    assert len(response.context["page"].object_list) == 0


def test_payout_actions_through_the_views(client, grant_setup):
    office, _programme, grant, admin = grant_setup
    login_verified(client, admin)
    payout = grant.payouts.get(number=1)
    url = lambda action: reverse(  # noqa: E731
        "grants:payout_action", kwargs={"office_slug": office.slug, "pk": payout.pk, "action": action}
    )
    assert client.post(url("release")).status_code == 302
    response = client.post(url("pay"), {"paid_on": TODAY().isoformat(), "booking_reference": "B-1"})
    assert response.status_code == 302
    response = client.post(url("pay"), {"paid_on": TODAY().isoformat()}, follow=True)
    assert "This instalment is already paid." in response.content.decode()
    payout.refresh_from_db()
    assert payout.status == Payout.Status.PAID and payout.booking_reference == "B-1"
    response = client.post(
        reverse("grants:grant_payouts", kwargs={"office_slug": office.slug, "pk": grant.pk}),
        {"amount": "-5", "planned_on": TODAY().isoformat()},
    )
    assert response.status_code == 400
    assert "greater than zero" in response.content.decode()


def test_export_has_one_row_per_payout_and_is_audited(client, grant_setup):
    office, _programme, grant, admin = grant_setup
    payout = grant.payouts.get(number=1)
    payout_release(payout=payout, by=admin)
    payout_mark_paid(payout=payout, by=admin, paid_on=TODAY(), booking_reference="=HYPERLINK(1)")
    login_verified(client, admin)
    url = reverse("grants:payouts_export", kwargs={"office_slug": office.slug})
    response = client.get(url, {"status": "all", "format": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["reference", "sponsor", "IBAN"]
    assert len(rows) == 3
    paid = next(row for row in rows[1:] if row[10])
    assert paid[1] == "Verein Frauentreff Brittnau"
    assert paid[2] == "CH93 0076 2011 6238 5295 7"
    assert paid[6] == "2000.00" and paid[7] == "CHF" and paid[10] == TODAY().isoformat()
    assert paid[11] == "'=HYPERLINK(1)"  # neutralised formula
    assert (
        AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, target_type="grants.payout").count() == 1
    )
    response = client.get(url, {"status": "all", "format": "xlsx"})
    assert response.content.startswith(b"PK")
    assert Decimal(paid[6]) == Decimal("2000")
    assert timezone.now()
