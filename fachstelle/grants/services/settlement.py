"""After the project: the final report is reviewed (accepted or sent back), the grant is settled (what
was not needed is paid back), the repayment is recorded and the grant closed.

Status flow of a grant: approved → report_due (report date passed or everything paid) → report_submitted
→ settled → closed. A repayment flows back into the programme's available budget."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from fachstelle.core.audit import Action, audit_record

from ..budget_math import budget_totals
from ..models import ZERO, FinalReport, Grant, Payout
from .decisions import format_money, money_parse, require_decision_role, require_grant_role

CENT = Decimal("0.01")


def _audit(*, by, grant: Grant, detail: str, target=None) -> None:
    audit_record(
        actor=by,
        action=Action.UPDATE,
        office=grant.programme.office,
        target=target or grant,
        target_ref=grant.application.reference,
        detail=detail,
    )


def grant_paid(grant: Grant) -> Decimal:
    return grant.payouts.filter(status=Payout.Status.PAID).aggregate(t=Sum("amount"))["t"] or ZERO


def settlement_suggestion(grant: Grant) -> Decimal:
    """What the sponsor should pay back: paid − the actual gap (actual costs − actual other income),
    never below zero."""
    actual = budget_totals(grant.application.budget_lines.all(), ZERO, actual=True)
    return max(ZERO, grant_paid(grant) - max(ZERO, actual.gap)).quantize(CENT)


def _lock(grant: Grant) -> Grant:
    return (
        Grant.objects.select_for_update(of=("self",))
        .select_related("application__office", "programme__office")
        .get(pk=grant.pk)
    )


def final_report_accept(*, report: FinalReport, by) -> FinalReport:
    require_grant_role(user=by, office=report.grant.programme.office)
    with transaction.atomic():
        grant = _lock(report.grant)
        report = FinalReport.objects.select_for_update().get(pk=report.pk)
        if report.status != FinalReport.Status.SUBMITTED:
            raise ValidationError({"review_note": _("Only a submitted final report can be accepted.")})
        report.status = FinalReport.Status.ACCEPTED
        report.reviewed_at = timezone.now()
        report.reviewed_by = by
        report.save(update_fields=["status", "reviewed_at", "reviewed_by"])
        if grant.status in (Grant.Status.APPROVED, Grant.Status.REPORT_DUE):
            grant.status = Grant.Status.REPORT_SUBMITTED
            grant.save(update_fields=["status"])
        _audit(by=by, grant=grant, detail="final report accepted")
    return report


def final_report_return(*, report: FinalReport, by, note: str) -> FinalReport:
    """Send the report back to the sponsor with a note (e-mailed after commit)."""
    require_grant_role(user=by, office=report.grant.programme.office)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"review_note": _("Tell the sponsor what to complete or correct.")})
    with transaction.atomic():
        grant = _lock(report.grant)
        report = FinalReport.objects.select_for_update().get(pk=report.pk)
        if report.status != FinalReport.Status.SUBMITTED:
            raise ValidationError({"review_note": _("Only a submitted final report can be sent back.")})
        report.status = FinalReport.Status.RETURNED
        report.review_note = note
        report.reviewed_at = timezone.now()
        report.reviewed_by = by
        report.save(update_fields=["status", "review_note", "reviewed_at", "reviewed_by"])
        if grant.status == Grant.Status.REPORT_SUBMITTED:
            grant.status = Grant.Status.REPORT_DUE
            grant.save(update_fields=["status"])
        _audit(by=by, grant=grant, detail="final report returned for changes")
        from ..tasks import final_report_returned_send

        application_id = grant.application_id
        transaction.on_commit(lambda: final_report_returned_send.enqueue(application_id=application_id))
    return report


def grant_settle(*, grant: Grant, by, repayment_amount=None, reason: str = "") -> Grant:
    """Settle after the accepted final report. Without `repayment_amount` the suggestion is taken; another
    amount needs a reason. Open instalments must be paid or cancelled first."""
    require_decision_role(user=by, office=grant.programme.office)
    with transaction.atomic():
        grant = _lock(grant)
        if grant.status in (Grant.Status.SETTLED, Grant.Status.CLOSED):
            raise ValidationError({"repayment_amount": _("This grant is already settled.")})
        if grant.status == Grant.Status.CANCELLED:
            raise ValidationError({"repayment_amount": _("A cancelled grant is not settled.")})
        report = FinalReport.objects.filter(grant=grant).first()
        if report is None or report.status != FinalReport.Status.ACCEPTED:
            raise ValidationError(
                {"repayment_amount": _("Accept the final report before settling the grant.")}
            )
        if grant.payouts.filter(status__in=(Payout.Status.PLANNED, Payout.Status.RELEASED)).exists():
            raise ValidationError(
                {"repayment_amount": _("Pay or cancel the open instalments before settling the grant.")}
            )
        suggestion = settlement_suggestion(grant)
        paid = grant_paid(grant)
        if repayment_amount in (None, ""):
            amount = suggestion
        else:
            amount = money_parse(repayment_amount, field="repayment_amount", allow_zero=True)
            if amount > paid:
                raise ValidationError(
                    {
                        "repayment_amount": _("The repayment cannot exceed the %(paid)s paid out.")
                        % {"paid": format_money(paid, grant.programme.currency)}
                    }
                )
            if amount != suggestion and not (reason or "").strip():
                raise ValidationError(
                    {
                        "reason": _("Give a reason for deviating from the suggested %(amount)s.")
                        % {"amount": format_money(suggestion, grant.programme.currency)}
                    }
                )
        grant.repayment_amount = amount
        grant.status = Grant.Status.SETTLED
        grant.settled_at = timezone.now()
        grant.full_clean()
        grant.save(update_fields=["repayment_amount", "status", "settled_at"])
        detail = f"grant settled: repayment {format_money(amount, grant.programme.currency)}"
        if amount != suggestion:
            detail += f" (suggested {format_money(suggestion, grant.programme.currency)}: {reason.strip()})"
        _audit(by=by, grant=grant, detail=detail)
    return grant


def repayment_record(*, grant: Grant, by, amount, on: datetime.date) -> Grant:
    """Record money paid back by the sponsor; it becomes available in the programme's budget again."""
    require_grant_role(user=by, office=grant.programme.office)
    amount = money_parse(amount, field="amount")
    if not isinstance(on, datetime.date):
        raise ValidationError({"on": _("Enter the date of the repayment.")})
    with transaction.atomic():
        grant = _lock(grant)
        if grant.status != Grant.Status.SETTLED:
            raise ValidationError({"amount": _("Repayments are recorded after the settlement.")})
        if grant.repaid_amount + amount > grant.repayment_amount:
            raise ValidationError(
                {
                    "amount": _("Only %(open)s is still to be paid back.")
                    % {
                        "open": format_money(
                            grant.repayment_amount - grant.repaid_amount, grant.programme.currency
                        )
                    }
                }
            )
        grant.repaid_amount += amount
        grant.repaid_on = on
        grant.save(update_fields=["repaid_amount", "repaid_on"])
        _audit(
            by=by,
            grant=grant,
            detail=f"repayment received on {on.isoformat()}: "
            f"{format_money(amount, grant.programme.currency)}",
        )
    return grant


def grant_close(*, grant: Grant, by) -> Grant:
    require_grant_role(user=by, office=grant.programme.office)
    with transaction.atomic():
        grant = _lock(grant)
        if grant.status != Grant.Status.SETTLED:
            raise ValidationError({"status": _("Only a settled grant can be closed.")})
        if grant.repaid_amount < grant.repayment_amount:
            raise ValidationError({"status": _("The repayment has not been received in full.")})
        grant.status = Grant.Status.CLOSED
        grant.closed_at = timezone.now()
        grant.save(update_fields=["status", "closed_at"])
        _audit(by=by, grant=grant, detail="grant closed")
    return grant


def grants_mark_report_due(*, today: datetime.date | None = None) -> int:
    """Approved grants whose report date has passed move to report_due (run daily by the reminders)."""
    today = today or timezone.localdate()
    return Grant.objects.filter(status=Grant.Status.APPROVED, report_due_on__lt=today).update(
        status=Grant.Status.REPORT_DUE
    )
