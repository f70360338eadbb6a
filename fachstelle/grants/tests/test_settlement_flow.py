"""Final report review, settlement (suggested repayment, adjusted with a reason), repayment, closing, and
the report reminders (once per 14 days)."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.otp import login_verified
from fachstelle.grants.management.commands.send_grant_report_reminders import send_report_reminders
from fachstelle.grants.models import FinalReport, Grant
from fachstelle.grants.services.decisions import application_approve
from fachstelle.grants.services.payouts import payout_mark_paid, payout_release
from fachstelle.grants.services.settlement import (
    final_report_accept,
    final_report_return,
    grant_close,
    grant_settle,
    repayment_record,
    settlement_suggestion,
)

from .money_factories import Role, make_application, make_office, make_programme, make_staff

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today
D = Decimal


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def paid_grant():
    office = make_office()
    programme = make_programme(office)
    application = make_application(programme, requested="4500", costs="6000", own="1500")
    admin = make_staff(office, Role.ADMIN)
    grant = application_approve(
        application=application, by=admin, amount="4000", payout_plan=[("2500", TODAY()), ("1500", TODAY())]
    )
    for payout in grant.payouts.all():
        payout_release(payout=payout, by=admin)
        payout_mark_paid(payout=payout, by=admin, paid_on=TODAY())
    grant.refresh_from_db()
    return office, application, grant, admin


def _actuals(application, *, cost, own):
    for line in application.budget_lines.all():
        line.actual_amount = D(cost) if line.kind == "cost" else D(own)
        line.save()


def test_suggestion_is_paid_minus_actual_gap_never_negative(paid_grant):
    _office, application, grant, _admin = paid_grant
    _actuals(application, cost="5200", own="1500")  # gap 3,700 → 300 back
    assert settlement_suggestion(grant) == D("300.00")
    _actuals(application, cost="9000", own="1500")  # gap 7,500 > paid → nothing back
    assert settlement_suggestion(grant) == D("0.00")


def test_return_then_accept_then_settle_repay_close(paid_grant, django_capture_on_commit_callbacks):
    _office, application, grant, admin = paid_grant
    _actuals(application, cost="5200", own="1500")
    report = FinalReport.objects.create(grant=grant, status=FinalReport.Status.SUBMITTED)
    with pytest.raises(ValidationError):
        grant_settle(grant=grant, by=admin)  # report not accepted yet
    with django_capture_on_commit_callbacks(execute=True):
        final_report_return(report=report, by=admin, note="Please add the receipts.")
    assert "Please add the receipts." in mail.outbox[-1].body
    report.refresh_from_db()
    assert report.status == FinalReport.Status.RETURNED
    report.status = FinalReport.Status.SUBMITTED  # the sponsor submits again
    report.save()
    final_report_accept(report=report, by=admin)
    grant.refresh_from_db()
    assert grant.status == Grant.Status.REPORT_SUBMITTED

    with pytest.raises(ValidationError) as exc:
        grant_settle(grant=grant, by=admin, repayment_amount="100")
    assert "reason" in exc.value.message_dict
    with pytest.raises(ValidationError):
        grant_settle(grant=grant, by=admin, repayment_amount="5000", reason="typo")
    grant_settle(grant=grant, by=admin)
    grant.refresh_from_db()
    assert (grant.status, grant.repayment_amount) == (Grant.Status.SETTLED, D("300.00"))
    with pytest.raises(ValidationError):
        grant_close(grant=grant, by=admin)  # repayment missing
    with pytest.raises(ValidationError):
        repayment_record(grant=grant, by=admin, amount="400", on=TODAY())
    repayment_record(grant=grant, by=admin, amount="300", on=TODAY())
    grant_close(grant=grant, by=admin)
    grant.refresh_from_db()
    assert grant.status == Grant.Status.CLOSED and grant.repaid_amount == D(300)
    details = list(
        AuditEvent.objects.filter(target_id=grant.pk, target_type="grants.grant").values_list(
            "detail", flat=True
        )
    )
    assert any("repayment CHF 300.00" in d for d in details)
    assert any("repayment received" in d for d in details)


def test_adjusted_repayment_with_reason_is_audited(paid_grant):
    _office, application, grant, admin = paid_grant
    _actuals(application, cost="5200", own="1500")
    report = FinalReport.objects.create(grant=grant, status=FinalReport.Status.SUBMITTED)
    final_report_accept(report=report, by=admin)
    grant_settle(grant=grant, by=admin, repayment_amount="0", reason="Receipts for 300 came later")
    grant.refresh_from_db()
    assert grant.repayment_amount == D(0)
    assert AuditEvent.objects.filter(detail__contains="Receipts for 300 came later").exists()
    grant_close(grant=grant, by=admin)


def test_settlement_needs_open_instalments_settled_first():
    office = make_office()
    programme = make_programme(office)
    admin = make_staff(office, Role.ADMIN)
    grant = application_approve(
        application=make_application(programme), by=admin, amount="1000", payout_plan=[("1000", TODAY())]
    )
    report = FinalReport.objects.create(grant=grant, status=FinalReport.Status.SUBMITTED)
    final_report_accept(report=report, by=admin)
    with pytest.raises(ValidationError) as exc:
        grant_settle(grant=grant, by=admin)
    assert "open instalments" in str(exc.value)


def test_review_page_accept_and_settle_through_the_view(client, paid_grant):
    office, application, grant, admin = paid_grant
    _actuals(application, cost="5200", own="1500")
    FinalReport.objects.create(grant=grant, status=FinalReport.Status.SUBMITTED, activities="12 meetings")
    login_verified(client, admin)
    url = reverse("grants:final_report_review", kwargs={"office_slug": office.slug, "pk": application.pk})
    response = client.get(url)
    assert response.status_code == 200 and "12 meetings" in response.content.decode()
    assert client.post(url, {"action": "accept"}).status_code == 302
    response = client.post(url, {"action": "settle", "repayment_amount": "-1"})
    assert response.status_code == 400
    assert client.post(url, {"action": "settle"}).status_code == 302
    grant.refresh_from_db()
    assert grant.status == Grant.Status.SETTLED and grant.repayment_amount == D(300)
    editor = make_staff(office, Role.EDITOR)
    client.logout()
    login_verified(client, editor)
    response = client.post(url, {"action": "repayment", "amount": "300", "on": TODAY().isoformat()})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.repaid_amount == D(300)


def test_reminders_once_per_14_days_and_not_after_submission(paid_grant, english):
    _office, _application, grant, _admin = paid_grant
    now = timezone.now()
    Grant.objects.filter(pk=grant.pk).update(report_due_on=TODAY() + datetime.timedelta(days=10))
    far = make_application(grant.programme, requested="100")
    far_grant = application_approve(application=far, by=_admin, amount="100")
    Grant.objects.filter(pk=far_grant.pk).update(report_due_on=TODAY() + datetime.timedelta(days=60))
    mail.outbox.clear()
    assert send_report_reminders(now=now) == 1
    # In the office's language (German), like the letters.
    assert len(mail.outbox) == 1 and "schlussbericht" in mail.outbox[0].subject.lower()
    assert send_report_reminders(now=now + datetime.timedelta(days=5)) == 0
    assert send_report_reminders(now=now + datetime.timedelta(days=15)) == 1
    FinalReport.objects.create(grant=grant, status=FinalReport.Status.SUBMITTED)
    assert send_report_reminders(now=now + datetime.timedelta(days=40)) == 0


def test_overdue_approved_grant_becomes_report_due_and_command_runs(paid_grant):
    _office, application, _grant, admin = paid_grant
    other = application_approve(
        application=make_application(application.programme, requested="100"), by=admin, amount="100"
    )
    Grant.objects.filter(pk=other.pk).update(report_due_on=TODAY() - datetime.timedelta(days=1))
    call_command("send_grant_report_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    other.refresh_from_db()
    assert other.status == Grant.Status.REPORT_DUE and other.report_reminded_at is not None
