"""Writing the implementation of a programme: measure status, yearly indicator values, the working group's
quality-assurance meetings and the canton's contributions to measures.

Every write checks its rules, saves and appends its audit entry in one transaction; a refused write raises
one ValidationError keyed by form field and changes nothing."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.staff import Role, membership_role

from ..models import (
    CantonContribution,
    Indicator,
    IndicatorValue,
    Measure,
    Process,
    Programme,
    QualityMeeting,
    WorkingGroupMember,
)
from ..selectors.implementation import allowed_years, one_year_after

ZERO = Decimal("0")
HUNDRED = Decimal("100")
# Who may write implementation data; the statistics role reads only.
WRITER_ROLES = (Role.ADMIN, Role.EDITOR, Role.COUNSELLOR)
# Who decides on a canton contribution (approve, pay, reject): the office administrator.
DECISION_ROLES = (Role.ADMIN,)
# A measure set to one of these needs a note saying why.
NOTE_REQUIRED = (Measure.Status.DROPPED, Measure.Status.POSTPONED)
# Contribution status changes an administrator may make on an existing contribution.
TRANSITIONS = {
    CantonContribution.Status.REQUESTED: {"requested", "approved", "rejected"},
    CantonContribution.Status.APPROVED: {"approved", "paid", "rejected"},
    CantonContribution.Status.PAID: {"paid"},
    CantonContribution.Status.REJECTED: {"rejected", "requested"},
}


def format_money(amount: Decimal) -> str:
    """CHF 4'000.00 (Swiss thousands separator), as in the grants."""
    return f"CHF {Decimal(amount):,.2f}".replace(",", "'")


def _role(by, office) -> str | None:
    return membership_role(user=by, office=office) if by is not None else None


def _require_writer(by, office) -> str:
    role = _role(by, office)
    if role not in WRITER_ROLES:
        raise PermissionDenied(_("You may not change the implementation of this programme."))
    return role


def _audit(*, by, office, action, target, detail: str) -> None:
    audit_record(actor=by, action=action, office=office, target=target, detail=detail)


# --- Measure status ---------------------------------------------------------------------------------------


def measure_status_set(*, measure: Measure, status: str, note: str, by) -> Measure:
    """Set a measure's status and note; a dropped or postponed measure needs a note."""
    office = measure.programme.process.office
    _require_writer(by, office)
    note = (note or "").strip()
    if status not in Measure.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    if status in NOTE_REQUIRED and not note:
        raise ValidationError(
            {
                "note": _("Say why the measure is %(status)s (e.g. no provider found, budget cut).")
                % {"status": Measure.Status(status).label.lower()}
            }
        )
    with transaction.atomic():
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        old = locked.status
        locked.status = status
        locked.status_note = note
        locked.save(update_fields=["status", "status_note"])
        _audit(
            by=by,
            office=office,
            action=Action.UPDATE,
            target=locked,
            detail=f"measure status {old} -> {status}",
        )
    measure.status, measure.status_note = locked.status, locked.status_note
    return measure


# --- Indicator values -------------------------------------------------------------------------------------


def indicator_value_check(*, indicator: Indicator, year, value) -> None:
    """The year lies in the programme period ± 1; the value is ≥ 0, and 0–100 for a percentage."""
    programme = indicator.measure.programme
    errors = {}
    years = allowed_years(programme)
    if year is None or year not in years:
        errors["year"] = _("Enter a year between %(first)s and %(last)s (the programme period ± 1 year).") % {
            "first": years[0],
            "last": years[-1],
        }
    if value is None:
        errors["value"] = _("Enter a value.")
    elif indicator.unit.strip() == "%" and not (ZERO <= value <= HUNDRED):
        errors["value"] = _("A percentage lies between 0 and 100.")
    elif value < ZERO:
        errors["value"] = _("The value cannot be negative.")
    if errors:
        raise ValidationError(errors)


def indicator_value_save(*, indicator: Indicator, year: int, value: Decimal, note: str, by) -> IndicatorValue:
    """Record or correct the value of one year (one value per indicator and year)."""
    office = indicator.measure.programme.process.office
    _require_writer(by, office)
    indicator_value_check(indicator=indicator, year=year, value=value)
    with transaction.atomic():
        existing = IndicatorValue.objects.select_for_update().filter(indicator=indicator, year=year).first()
        record = existing or IndicatorValue(indicator=indicator, year=year)
        old = existing.value if existing else None
        record.value = value
        record.note = (note or "").strip()
        record.reported_by = by
        record.save()
        _audit(
            by=by,
            office=office,
            action=Action.UPDATE if existing else Action.CREATE,
            target=record,
            detail=f"indicator {indicator.pk} {year}: {old} -> {value}"
            if existing
            else f"indicator {indicator.pk} {year}: {value}",
        )
    return record


def indicator_value_delete(*, value: IndicatorValue, by) -> None:
    office = value.indicator.measure.programme.process.office
    _require_writer(by, office)
    with transaction.atomic():
        _audit(
            by=by,
            office=office,
            action=Action.DELETE,
            target=value,
            detail=f"indicator {value.indicator_id} {value.year}: {value.value}",
        )
        value.delete()


# --- Quality-assurance meetings ---------------------------------------------------------------------------


def quality_meeting_save(
    *,
    process: Process,
    held_on: datetime.date | None,
    attendees: list[WorkingGroupMember],
    minutes: str,
    decisions: str,
    measures_reviewed: list[Measure],
    by,
    meeting: QualityMeeting | None = None,
    today: datetime.date | None = None,
) -> QualityMeeting:
    """Create (meeting=None) or change a meeting. Attendees are members of this process's working group,
    reviewed measures belong to its programme; a date more than a year ahead is a typing error."""
    _require_writer(by, process.office)
    today = today or timezone.localdate()
    errors = {}
    if held_on is None:
        errors["held_on"] = _("Enter the date of the meeting.")
    elif held_on > one_year_after(today):
        errors["held_on"] = _("The date lies more than a year in the future; check the year.")
    member_ids = set(process.members.values_list("pk", flat=True))
    if any(member.pk not in member_ids for member in attendees):
        errors["attendees"] = _("Only members of this municipality's working group can be present.")
    programme = getattr(process, "programme", None)
    measure_ids = set(programme.measures.values_list("pk", flat=True)) if programme else set()
    if any(measure.pk not in measure_ids for measure in measures_reviewed):
        errors["measures_reviewed"] = _("Only measures of this municipality's programme can be reviewed.")
    if meeting is not None and meeting.process_id != process.pk:
        raise PermissionDenied
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        created = meeting is None
        meeting = meeting or QualityMeeting(process=process)
        meeting.held_on = held_on
        meeting.minutes = (minutes or "").strip()
        meeting.decisions = (decisions or "").strip()
        meeting.save()
        meeting.attendees.set(attendees)
        meeting.measures_reviewed.set(measures_reviewed)
        _audit(
            by=by,
            office=process.office,
            action=Action.CREATE if created else Action.UPDATE,
            target=meeting,
            detail=f"quality meeting {held_on.isoformat()}",
        )
    return meeting


def quality_meeting_delete(*, meeting: QualityMeeting, by) -> None:
    office = meeting.process.office
    _require_writer(by, office)
    with transaction.atomic():
        _audit(
            by=by,
            office=office,
            action=Action.DELETE,
            target=meeting,
            detail=f"quality meeting {meeting.held_on.isoformat()}",
        )
        meeting.delete()


# --- Canton contributions ---------------------------------------------------------------------------------


def _contribution_errors(
    *,
    measure: Measure,
    programme: Programme,
    contribution: CantonContribution | None,
    year,
    amount,
    status: str,
    paid_on,
    note: str,
    exceeds_plan_justified: bool,
    role: str | None,
) -> dict:
    errors = {}
    years = allowed_years(programme)
    if year is None or year not in years:
        errors["year"] = _("Enter a year between %(first)s and %(last)s (the programme period ± 1 year).") % {
            "first": years[0],
            "last": years[-1],
        }
    if amount is None:
        errors["amount"] = _("Enter an amount, e.g. 4000 or 4000.50.")
    elif amount < ZERO:
        errors["amount"] = _("The amount cannot be negative.")
    if status not in CantonContribution.Status.values:
        errors["status"] = _("Choose a status.")
        return errors
    old = contribution.status if contribution else None
    if role not in DECISION_ROLES and status != CantonContribution.Status.REQUESTED:
        errors["status"] = _(
            "Only the office administrator may approve, pay or reject a contribution; record it as requested."
        )
    elif old is not None and status not in TRANSITIONS[old]:
        errors["status"] = _("A contribution cannot go from “%(old)s” to “%(new)s”.") % {
            "old": CantonContribution.Status(old).label,
            "new": CantonContribution.Status(status).label,
        }
    if status == CantonContribution.Status.PAID and paid_on is None:
        errors["paid_on"] = _("Enter the date of the payment.")
    if year is not None and "year" not in errors:
        clash = measure.canton_contributions.filter(year=year)
        if contribution is not None:
            clash = clash.exclude(pk=contribution.pk)
        if clash.exists():
            errors["year"] = _(
                "There is already a contribution for this measure in %(year)s; change that one."
            ) % {"year": year}
    if amount is not None and "amount" not in errors and status != CantonContribution.Status.REJECTED:
        others = measure.canton_contributions.exclude(status=CantonContribution.Status.REJECTED)
        if contribution is not None:
            others = others.exclude(pk=contribution.pk)
        committed = (others.aggregate(total=Sum("amount"))["total"] or ZERO) + amount
        if committed > measure.funding_canton:
            if not exceeds_plan_justified:
                errors["amount"] = _(
                    "The contributions for this measure would add up to %(total)s, more than the %(plan)s "
                    "the programme plans as the canton's share for the whole period. Tick “exceeds the "
                    "plan (justified)” and give the reason in the note to record it anyway."
                ) % {"total": format_money(committed), "plan": format_money(measure.funding_canton)}
            elif not note.strip():
                errors["note"] = _("Give the reason why the contribution exceeds the plan.")
    return errors


def canton_contribution_save(
    *,
    measure: Measure,
    year: int | None,
    amount: Decimal | None,
    status: str,
    by,
    decided_on: datetime.date | None = None,
    paid_on: datetime.date | None = None,
    note: str = "",
    exceeds_plan_justified: bool = False,
    contribution: CantonContribution | None = None,
) -> CantonContribution:
    """Record a request (everyone who writes) or a decision (administrator only). The contributions of a
    measure, rejected ones aside, stay within its planned canton share (`Measure.funding_canton`, the total
    for the whole programme period) unless the excess is marked as justified with a note."""
    programme = measure.programme
    office = programme.process.office
    role = _require_writer(by, office)
    if contribution is not None:
        if contribution.measure_id != measure.pk:
            raise PermissionDenied
        if role not in DECISION_ROLES and contribution.status != CantonContribution.Status.REQUESTED:
            raise PermissionDenied(_("Only the office administrator may change a decided contribution."))
    note = (note or "").strip()
    with transaction.atomic():
        # Lock the measure: two requests for the same measure at once must not both pass the plan check.
        measure = (
            Measure.objects.select_for_update()
            .select_related("programme__process__office")
            .get(pk=measure.pk)
        )
        errors = _contribution_errors(
            measure=measure,
            programme=programme,
            contribution=contribution,
            year=year,
            amount=amount,
            status=status,
            paid_on=paid_on,
            note=note,
            exceeds_plan_justified=exceeds_plan_justified,
            role=role,
        )
        if errors:
            raise ValidationError(errors)
        created = contribution is None
        old = None if created else f"{contribution.status} {contribution.amount}"
        record = contribution or CantonContribution()
        record.measure = measure
        record.year = year
        record.amount = amount
        record.status = status
        if status == CantonContribution.Status.REQUESTED:
            decided_on = None
        elif decided_on is None:
            decided_on = record.decided_on or timezone.localdate()
        record.decided_on = decided_on
        record.paid_on = paid_on if status == CantonContribution.Status.PAID else None
        record.note = note
        try:
            with transaction.atomic():
                record.save()
        except IntegrityError:
            raise ValidationError(
                {
                    "year": _(
                        "There is already a contribution for this measure in %(year)s; change that one."
                    )
                    % {"year": year}
                }
            ) from None
        _audit(
            by=by,
            office=office,
            action=Action.CREATE if created else Action.UPDATE,
            target=record,
            detail=(
                f"canton contribution measure {measure.pk} {year}: {status} {amount}"
                + ("" if created else f" (was {old})")
                + (" exceeds plan" if exceeds_plan_justified else "")
            ),
        )
    return record


def canton_contribution_delete(*, contribution: CantonContribution, by) -> None:
    """A request can be withdrawn by anyone who writes; a decided contribution only by the administrator."""
    office = contribution.measure.programme.process.office
    role = _require_writer(by, office)
    if role not in DECISION_ROLES and contribution.status != CantonContribution.Status.REQUESTED:
        raise PermissionDenied(_("Only the office administrator may delete a decided contribution."))
    with transaction.atomic():
        _audit(
            by=by,
            office=office,
            action=Action.DELETE,
            target=contribution,
            detail=(
                f"canton contribution measure {contribution.measure_id} {contribution.year}: "
                f"{contribution.amount}"
            ),
        )
        contribution.delete()
