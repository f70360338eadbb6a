"""Payouts (instalments) of a grant: planned → released → paid, or cancelled. Every change locks the grant
row, so two people recording the same payment at once pay once; every change is audited."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from fachstelle.core.audit import Action, audit_record

from ..models import ZERO, Grant, Payout
from .decisions import format_money, money_parse, require_grant_role

# Grants whose payouts may still change.
PAYABLE = (Grant.Status.APPROVED, Grant.Status.REPORT_DUE, Grant.Status.REPORT_SUBMITTED)


def _lock_grant(grant_id: int) -> Grant:
    return (
        Grant.objects.select_for_update(of=("self",))
        .select_related("application", "programme__office")
        .get(pk=grant_id)
    )


def _sum(grant: Grant, statuses) -> Decimal:
    return grant.payouts.filter(status__in=statuses).aggregate(total=Sum("amount"))["total"] or ZERO


def _audit(*, by, grant: Grant, detail: str) -> None:
    audit_record(
        actor=by,
        action=Action.UPDATE,
        office=grant.programme.office,
        target=grant,
        target_ref=grant.application.reference,
        detail=detail,
    )


def _require_payable(grant: Grant, field: str = "amount") -> None:
    if grant.status not in PAYABLE:
        raise ValidationError(
            {
                field: _("Payouts of this grant can no longer be changed (status: %(status)s).")
                % {"status": grant.get_status_display()}
            }
        )


def _check_total(
    grant: Grant, extra: Decimal, *, field: str = "amount", exclude_planned: bool = False
) -> None:
    """The instalments (not cancelled) plus `extra` stay within the approved amount."""
    statuses = (Payout.Status.RELEASED, Payout.Status.PAID)
    if not exclude_planned:
        statuses = (*statuses, Payout.Status.PLANNED)
    if _sum(grant, statuses) + extra > grant.amount:
        raise ValidationError(
            {
                field: _("The instalments would exceed the approved amount of %(amount)s.")
                % {"amount": format_money(grant.amount, grant.programme.currency)}
            }
        )


def payout_add(*, grant: Grant, by, amount, planned_on: datetime.date) -> Payout:
    require_grant_role(user=by, office=grant.programme.office)
    amount = money_parse(amount, field="amount")
    if not isinstance(planned_on, datetime.date):
        raise ValidationError({"planned_on": _("Enter the date of the instalment.")})
    with transaction.atomic():
        grant = _lock_grant(grant.pk)
        _require_payable(grant)
        _check_total(grant, amount)
        number = (grant.payouts.aggregate(n=Max("number"))["n"] or 0) + 1
        payout = Payout(grant=grant, number=number, amount=amount, planned_on=planned_on)
        payout.full_clean()
        payout.save()
        _audit(
            by=by,
            grant=grant,
            detail=f"instalment {number} planned: {format_money(amount, grant.programme.currency)}",
        )
    return payout


def payout_plan_set(*, grant: Grant, by, plan) -> list[Payout]:
    """Replace the planned instalments by `plan` ([(amount, date)] or [{amount, planned_on}]); released and
    paid ones stay as they are."""
    require_grant_role(user=by, office=grant.programme.office)
    parsed = []
    for item in plan or []:
        amount, planned_on = (item["amount"], item["planned_on"]) if isinstance(item, dict) else item
        if not isinstance(planned_on, datetime.date):
            raise ValidationError({"plan": _("Every instalment needs a date.")})
        parsed.append((money_parse(amount, field="plan"), planned_on))
    with transaction.atomic():
        grant = _lock_grant(grant.pk)
        _require_payable(grant, "plan")
        _check_total(grant, sum((a for a, _d in parsed), ZERO), field="plan", exclude_planned=True)
        grant.payouts.filter(status=Payout.Status.PLANNED).delete()
        number = grant.payouts.aggregate(n=Max("number"))["n"] or 0
        created = []
        for amount, planned_on in parsed:
            number += 1
            payout = Payout(grant=grant, number=number, amount=amount, planned_on=planned_on)
            payout.full_clean()
            payout.save()
            created.append(payout)
        _audit(
            by=by,
            grant=grant,
            detail="payout plan set: "
            + (", ".join(format_money(a, grant.programme.currency) for a, _d in parsed) or "none"),
        )
    return created


def _lock_payout(payout: Payout) -> tuple[Grant, Payout]:
    grant = _lock_grant(payout.grant_id)
    return grant, Payout.objects.get(pk=payout.pk)


def payout_release(*, payout: Payout, by) -> Payout:
    """Planned → released: approved for payment by the accounts department."""
    require_grant_role(user=by, office=payout.grant.programme.office)
    with transaction.atomic():
        grant, payout = _lock_payout(payout)
        _require_payable(grant, "status")
        if payout.status != Payout.Status.PLANNED:
            raise ValidationError({"status": _("Only a planned instalment can be released.")})
        payout.status = Payout.Status.RELEASED
        payout.released_at = timezone.now()
        payout.released_by = by
        payout.save(update_fields=["status", "released_at", "released_by"])
        _audit(
            by=by,
            grant=grant,
            detail=f"instalment {payout.number} released: "
            f"{format_money(payout.amount, grant.programme.currency)}",
        )
    return payout


def payout_mark_paid(*, payout: Payout, by, paid_on: datetime.date, booking_reference: str = "") -> Payout:
    """Released → paid, with the booking date and reference of the accounts. Paying twice changes nothing."""
    require_grant_role(user=by, office=payout.grant.programme.office)
    if not isinstance(paid_on, datetime.date):
        raise ValidationError({"paid_on": _("Enter the date of the payment.")})
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("The payment date cannot be in the future.")})
    with transaction.atomic():
        grant, payout = _lock_payout(payout)
        if payout.status == Payout.Status.PAID:
            raise ValidationError({"status": _("This instalment is already paid.")})
        if payout.status != Payout.Status.RELEASED:
            raise ValidationError({"status": _("Release the instalment before recording the payment.")})
        _require_payable(grant, "status")
        if _sum(grant, (Payout.Status.PAID,)) + payout.amount > grant.amount:
            raise ValidationError({"status": _("The payments would exceed the approved amount.")})
        payout.status = Payout.Status.PAID
        payout.paid_on = paid_on
        payout.paid_recorded_by = by
        payout.booking_reference = (booking_reference or "").strip()[:60]
        payout.full_clean()
        payout.save(update_fields=["status", "paid_on", "paid_recorded_by", "booking_reference"])
        # Everything paid: the sponsor's turn (the final report).
        if grant.status == Grant.Status.APPROVED and _sum(grant, (Payout.Status.PAID,)) >= grant.amount:
            grant.status = Grant.Status.REPORT_DUE
            grant.save(update_fields=["status"])
        _audit(
            by=by,
            grant=grant,
            detail=f"instalment {payout.number} paid on {paid_on.isoformat()}: "
            f"{format_money(payout.amount, grant.programme.currency)} {payout.booking_reference}".strip(),
        )
    return payout


def payout_cancel(*, payout: Payout, by) -> Payout:
    require_grant_role(user=by, office=payout.grant.programme.office)
    with transaction.atomic():
        grant, payout = _lock_payout(payout)
        if payout.status not in (Payout.Status.PLANNED, Payout.Status.RELEASED):
            raise ValidationError({"status": _("A paid or cancelled instalment cannot be cancelled.")})
        payout.status = Payout.Status.CANCELLED
        payout.save(update_fields=["status"])
        _audit(
            by=by,
            grant=grant,
            detail=f"instalment {payout.number} cancelled: "
            f"{format_money(payout.amount, grant.programme.currency)}",
        )
    return payout
