"""The decision on an application: approval (a `Grant`, under the programme's row lock), rejection and the
cancellation of a grant. Every money change is written to the audit log in the same transaction; the
decision letter is built and mailed after the commit (`tasks.decision_letter_send`)."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.models import Membership
from fachstelle.core.staff import GRANT_DECISION_ROLES, GRANT_ROLES

from ..models import ZERO, Application, FundingProgramme, Grant, Payout
from ..selectors.budget import programme_available

CENT = Decimal("0.01")
# Statuses an application can be decided from.
DECIDABLE = (Application.Status.SUBMITTED, Application.Status.IN_REVIEW)
# Without a project end, the final report is due this long after the decision.
DEFAULT_REPORT_AFTER = datetime.timedelta(days=365)


def format_money(amount: Decimal, currency: str = "CHF") -> str:
    """CHF 4'000.00 (Swiss thousands separator)."""
    return f"{currency} {Decimal(amount):,.2f}".replace(",", "'")


def money_parse(value, *, field: str, allow_zero: bool = False) -> Decimal:
    """A positive amount (or zero with `allow_zero`) with at most two decimals, or ValidationError on
    `field`."""
    try:
        amount = Decimal(str(value).strip().replace("'", "")) if value not in (None, "") else None
    except (InvalidOperation, ValueError):
        amount = None
    if amount is None or not amount.is_finite():
        raise ValidationError({field: _("Enter an amount, e.g. 4000 or 4000.50.")})
    if amount < ZERO or (amount == ZERO and not allow_zero):
        raise ValidationError({field: _("The amount must be greater than zero.")})
    if amount != amount.quantize(CENT):
        raise ValidationError({field: _("Enter the amount with at most two decimals.")})
    return amount.quantize(CENT)


def _has_role(user, office, roles) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return Membership.objects.filter(user=user, office=office, role__in=roles).exists()


def require_decision_role(*, user, office) -> None:
    """Only an office administrator decides (a superuser without membership does not)."""
    if not _has_role(user, office, GRANT_DECISION_ROLES):
        raise PermissionDenied(_("Only the office administrator may decide on grants."))


def require_grant_role(*, user, office) -> None:
    if not _has_role(user, office, GRANT_ROLES):
        raise PermissionDenied(_("You may not change grants of this office."))


def _plan_parse(plan, *, total: Decimal) -> list[tuple[Decimal, datetime.date]]:
    """[(amount, date), …] from tuples or dicts; Σ ≤ `total`."""
    parsed = []
    for item in plan or []:
        amount, planned_on = (item["amount"], item["planned_on"]) if isinstance(item, dict) else item
        amount = money_parse(amount, field="payout_plan")
        if not isinstance(planned_on, datetime.date):
            raise ValidationError({"payout_plan": _("Every instalment needs a date.")})
        parsed.append((amount, planned_on))
    if sum((amount for amount, _date in parsed), ZERO) > total:
        raise ValidationError({"payout_plan": _("The instalments add up to more than the approved amount.")})
    return parsed


def _enqueue_letter(application_id: int) -> None:
    from ..tasks import decision_letter_send

    transaction.on_commit(lambda: decision_letter_send.enqueue(application_id=application_id))


def application_approve(
    *,
    application: Application,
    by,
    amount,
    conditions: str = "",
    payout_plan=None,
) -> Grant:
    """Approve `amount` for `application`: creates the Grant (and its planned payouts), provided the
    programme still has that much available. The status and the budget are checked under the programme's
    row lock, so two approvals at the same time can neither approve twice nor overspend the budget."""
    require_decision_role(user=by, office=application.office)
    amount = money_parse(amount, field="amount")
    with transaction.atomic():
        programme = FundingProgramme.objects.select_for_update().get(pk=application.programme_id)
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status == Application.Status.APPROVED:
            raise ValidationError({"amount": _("This application has already been approved.")})
        if application.status not in DECIDABLE:
            raise ValidationError(
                {
                    "amount": _("Only submitted applications can be decided (status: %(status)s).")
                    % {"status": application.get_status_display()}
                }
            )
        errors = {}
        if amount > application.requested_amount:
            errors["amount"] = _("The amount is more than the %(requested)s requested.") % {
                "requested": format_money(application.requested_amount, programme.currency)
            }
        elif programme.max_amount is not None and amount > programme.max_amount:
            errors["amount"] = _("The programme grants at most %(max)s per project.") % {
                "max": format_money(programme.max_amount, programme.currency)
            }
        if errors:
            raise ValidationError(errors)
        _budget, available = programme_available(programme_id=programme.pk)
        if amount > available:
            raise ValidationError(
                {
                    "amount": _("Only %(available)s of the budget is still available.")
                    % {"available": format_money(max(available, ZERO), programme.currency)}
                }
            )
        plan = _plan_parse(payout_plan, total=amount)
        now = timezone.now()
        if application.ends_on:
            report_due_on = application.ends_on + datetime.timedelta(days=programme.report_due_days)
        else:
            report_due_on = timezone.localdate(now) + DEFAULT_REPORT_AFTER
        grant = Grant(
            application=application,
            programme=programme,
            amount=amount,
            conditions=(conditions or "").strip(),
            decided_at=now,
            decided_by=by,
            report_due_on=report_due_on,
            publish=application.publish_consent,
        )
        grant.full_clean()
        try:
            with transaction.atomic():
                grant.save()
        except IntegrityError as exc:  # the one-to-one: a grant exists already
            raise ValidationError({"amount": _("This application has already been approved.")}) from exc
        for number, (instalment, planned_on) in enumerate(plan, start=1):
            payout = Payout(grant=grant, number=number, amount=instalment, planned_on=planned_on)
            payout.full_clean()
            payout.save()
        application.status = Application.Status.APPROVED
        application.decided_at = now
        application.decided_by = by
        application.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
        audit_record(
            actor=by,
            action=Action.CREATE,
            office=application.office,
            target=grant,
            target_ref=application.reference,
            detail=f"grant approved: {format_money(amount, programme.currency)}; "
            f"{len(plan)} instalment(s) planned",
        )
        _enqueue_letter(application.pk)
    return grant


def application_reject(*, application: Application, by, reason: str) -> Application:
    """Reject with a reason (it goes into the letter)."""
    require_decision_role(user=by, office=application.office)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please give the reason for the rejection.")})
    with transaction.atomic():
        FundingProgramme.objects.select_for_update().get(pk=application.programme_id)
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status not in DECIDABLE:
            raise ValidationError(
                {
                    "reason": _("Only submitted applications can be decided (status: %(status)s).")
                    % {"status": application.get_status_display()}
                }
            )
        application.status = Application.Status.REJECTED
        application.rejection_reason = reason
        application.decided_at = timezone.now()
        application.decided_by = by
        application.full_clean()
        application.save(
            update_fields=["status", "rejection_reason", "decided_at", "decided_by", "updated_at"]
        )
        audit_record(
            actor=by,
            action=Action.UPDATE,
            target=application,
            detail="application rejected",
        )
        _enqueue_letter(application.pk)
    return application


def grant_cancel(*, grant: Grant, by, reason: str) -> Grant:
    """Cancel a grant before anything was paid: frees its amount in the budget; open instalments are
    cancelled with it."""
    require_decision_role(user=by, office=grant.programme.office)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Please give the reason for the cancellation.")})
    with transaction.atomic():
        FundingProgramme.objects.select_for_update().get(pk=grant.programme_id)
        grant = Grant.objects.select_for_update().select_related("application").get(pk=grant.pk)
        if grant.status == Grant.Status.CANCELLED:
            raise ValidationError({"reason": _("This grant is already cancelled.")})
        if grant.payouts.filter(status=Payout.Status.PAID).exists():
            raise ValidationError(
                {"reason": _("Money has already been paid out; the grant can no longer be cancelled.")}
            )
        grant.payouts.filter(status__in=(Payout.Status.PLANNED, Payout.Status.RELEASED)).update(
            status=Payout.Status.CANCELLED
        )
        grant.status = Grant.Status.CANCELLED
        grant.publish = False
        grant.save(update_fields=["status", "publish"])
        audit_record(
            actor=by,
            action=Action.UPDATE,
            office=grant.programme.office,
            target=grant,
            target_ref=grant.application.reference,
            detail=f"grant cancelled ({format_money(grant.amount, grant.programme.currency)} freed): "
            f"{reason}",
        )
    return grant


def grant_publish_set(*, grant: Grant, by, publish: bool) -> Grant:
    """List the funded project publicly, or not; only with the sponsor's consent."""
    require_grant_role(user=by, office=grant.programme.office)
    if publish and not grant.application.publish_consent:
        raise ValidationError({"publish": _("The sponsor has not agreed to be listed publicly.")})
    if publish and grant.status == Grant.Status.CANCELLED:
        raise ValidationError({"publish": _("A cancelled grant is not listed.")})
    with transaction.atomic():
        Grant.objects.filter(pk=grant.pk).update(publish=publish)
        grant.publish = publish
        audit_record(
            actor=by,
            action=Action.UPDATE,
            office=grant.programme.office,
            target=grant,
            target_ref=grant.application.reference,
            detail="listed publicly" if publish else "removed from the public list",
        )
    return grant
