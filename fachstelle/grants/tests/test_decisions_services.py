"""Approval and rejection: roles, amount checks, the budget, no double approval, audit, letter e-mail."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.factories import UserFactory
from fachstelle.grants.models import Application, Grant, Payout
from fachstelle.grants.selectors.budget import programme_budget
from fachstelle.grants.services.decisions import application_approve, application_reject, grant_cancel

from .money_factories import Role, make_application, make_office, make_programme, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    office = make_office()
    programme = make_programme(office, budget="30000", max_amount="5000")
    application = make_application(programme, requested="4500", ends_on=datetime.date(2026, 6, 30))
    admin = make_staff(office, Role.ADMIN, first_name="Petra", last_name="Leiterin")
    return office, programme, application, admin


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_approve_creates_grant_plan_audit_and_mails_the_letter(setup, django_capture_on_commit_callbacks):
    _office, programme, application, admin = setup
    plan = [(Decimal("2000"), datetime.date(2026, 3, 1)), ("2000", datetime.date(2026, 7, 1))]
    with django_capture_on_commit_callbacks(execute=True):
        grant = application_approve(
            application=application, by=admin, amount="4000", conditions="Report photos", payout_plan=plan
        )
    application.refresh_from_db()
    grant.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert application.decided_by == admin and application.decided_at
    assert grant.amount == Decimal("4000.00")
    assert grant.report_due_on == datetime.date(2026, 6, 30) + datetime.timedelta(
        days=programme.report_due_days
    )
    assert [(p.number, p.amount, p.status) for p in grant.payouts.all()] == [
        (1, Decimal("2000.00"), Payout.Status.PLANNED),
        (2, Decimal("2000.00"), Payout.Status.PLANNED),
    ]
    event = AuditEvent.objects.get(target_type="grants.grant", target_id=grant.pk)
    assert event.action == AuditEvent.Action.CREATE and "4'000.00" in event.detail
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    (name, content, mimetype) = message.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF") and name.endswith(".pdf")
    assert grant.letter and grant.letter_sent_at is not None
    assert programme_budget(programme).committed == Decimal("4000.00")


def test_report_due_defaults_to_a_year_after_the_decision_without_project_end(setup):
    _office, programme, _application, admin = setup
    application = make_application(programme, requested="1000")
    grant = application_approve(application=application, by=admin, amount="1000")
    assert grant.report_due_on == grant.decided_at.date() + datetime.timedelta(days=365)


@pytest.mark.parametrize("role", [Role.EDITOR, Role.COUNSELLOR, Role.STATISTICS])
def test_non_admin_roles_may_not_decide(setup, role):
    office, _programme, application, _admin = setup
    user = make_staff(office, role)
    with pytest.raises(PermissionDenied):
        application_approve(application=application, by=user, amount="4000")
    with pytest.raises(PermissionDenied):
        application_reject(application=application, by=user, reason="no")
    assert not Grant.objects.exists()
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_superuser_without_membership_and_admin_of_another_office_may_not_decide(setup):
    _office, _programme, application, _admin = setup
    superuser = UserFactory(is_superuser=True)
    other_admin = make_staff(make_office(), Role.ADMIN)
    for user in (superuser, other_admin):
        with pytest.raises(PermissionDenied):
            application_approve(application=application, by=user, amount="100")
    assert not Grant.objects.exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-10", "greater than zero"),
        ("0", "greater than zero"),
        ("abc", "Enter an amount"),
        ("10.555", "two decimals"),
        ("4600", "more than the CHF 4'500.00 requested"),
    ],
)
def test_bad_amounts_are_refused(setup, amount, message):
    _office, _programme, application, admin = setup
    with pytest.raises(ValidationError) as exc:
        application_approve(application=application, by=admin, amount=amount)
    assert message in " ".join(exc.value.message_dict["amount"])
    assert not Grant.objects.exists()
    assert not AuditEvent.objects.filter(target_type="grants.grant").exists()


def test_amount_above_programme_maximum_is_refused(setup):
    _office, programme, _application, admin = setup
    application = make_application(programme, requested="8000", costs="9000", own="1000")
    with pytest.raises(ValidationError) as exc:
        application_approve(application=application, by=admin, amount="6000")
    assert "at most CHF 5'000.00 per project" in str(exc.value)


def test_amount_over_the_available_budget_is_refused(setup):
    _office, programme, application, admin = setup
    programme.budget = Decimal("5000")
    programme.save()
    application_approve(application=application, by=admin, amount="4000")
    second = make_application(programme, requested="2000")
    with pytest.raises(ValidationError) as exc:
        application_approve(application=second, by=admin, amount="1500")
    assert exc.value.message_dict["amount"] == ["Only CHF 1'000.00 of the budget is still available."]
    second.refresh_from_db()
    assert second.status == Application.Status.SUBMITTED
    assert Grant.objects.count() == 1


def test_double_approval_is_refused_and_writes_nothing(setup, django_capture_on_commit_callbacks):
    _office, _programme, application, admin = setup
    with django_capture_on_commit_callbacks(execute=True):
        application_approve(application=application, by=admin, amount="4000")
    with pytest.raises(ValidationError) as exc:
        # The stale object still says "submitted"; the check happens on the locked row.
        application_approve(application=application, by=admin, amount="4000")
    assert "already been approved" in str(exc.value)
    assert Grant.objects.count() == 1
    assert AuditEvent.objects.filter(target_type="grants.grant").count() == 1
    assert len(mail.outbox) == 1


def test_payout_plan_over_the_amount_is_refused(setup):
    _office, _programme, application, admin = setup
    plan = [("3000", datetime.date(2026, 3, 1)), ("1500", datetime.date(2026, 7, 1))]
    with pytest.raises(ValidationError) as exc:
        application_approve(application=application, by=admin, amount="4000", payout_plan=plan)
    assert "more than the approved amount" in str(exc.value)
    assert not Grant.objects.exists() and not Payout.objects.exists()


def test_draft_or_rejected_applications_cannot_be_approved(setup):
    _office, programme, _application, admin = setup
    draft = make_application(programme, status=Application.Status.DRAFT)
    with pytest.raises(ValidationError):
        application_approve(application=draft, by=admin, amount="100")
    assert not Grant.objects.exists()


def test_reject_requires_a_reason_and_sends_the_letter(setup, django_capture_on_commit_callbacks):
    _office, _programme, application, admin = setup
    with pytest.raises(ValidationError) as exc:
        application_reject(application=application, by=admin, reason="  ")
    assert "reason" in exc.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        application_reject(application=application, by=admin, reason="The project is not in the region.")
    application.refresh_from_db()
    assert application.status == Application.Status.REJECTED
    assert application.rejection_reason == "The project is not in the region."
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments[0][2] == "application/pdf"
    with pytest.raises(ValidationError):
        application_approve(application=application, by=admin, amount="100")


def test_cancel_frees_the_budget_but_not_after_a_payment(setup):
    from fachstelle.grants.services.payouts import payout_mark_paid, payout_release

    _office, programme, application, admin = setup
    grant = application_approve(
        application=application, by=admin, amount="4000", payout_plan=[("1000", datetime.date(2026, 1, 1))]
    )
    with pytest.raises(ValidationError):
        grant_cancel(grant=grant, by=admin, reason="")
    grant_cancel(grant=grant, by=admin, reason="Project did not take place")
    grant.refresh_from_db()
    assert grant.status == Grant.Status.CANCELLED
    assert set(grant.payouts.values_list("status", flat=True)) == {Payout.Status.CANCELLED}
    assert programme_budget(programme).committed == Decimal("0")
    assert programme_budget(programme).available == Decimal("30000")

    other = make_application(programme, requested="1000")
    grant = application_approve(
        application=other, by=admin, amount="1000", payout_plan=[("1000", datetime.date(2026, 1, 1))]
    )
    payout = grant.payouts.get()
    payout_release(payout=payout, by=admin)
    payout_mark_paid(payout=payout, by=admin, paid_on=datetime.date.today())
    with pytest.raises(ValidationError) as exc:
        grant_cancel(grant=grant, by=admin, reason="too late")
    assert "already been paid" in str(exc.value)
