"""Changing, cancelling one session, and inviting the working group to sessions."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fachstelle.core.audit import Action, audit_record

from ..models import Process, WorkingGroupMember, Workshop
from .workshop_plan import ZURICH, PlanCalendar, phases_sync

# Sessions the working group can (still) be invited to.
INVITABLE = (Workshop.Status.PROPOSED, Workshop.Status.CONFIRMED)


class WorkshopDateConflict(ValidationError):
    """The new date is in the school holidays, blocked or a public holiday; saving needs a confirmation."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__(
            {
                "confirm": _("This date is not free: %(reasons)s. Tick the confirmation to keep it anyway.")
                % {"reasons": ", ".join(reasons)}
            }
        )


def _local_day(value: datetime.datetime) -> datetime.date:
    return timezone.localtime(value, ZURICH).date()


def _audit(*, by, workshop: Workshop, detail: str) -> None:
    audit_record(
        actor=by,
        action=Action.UPDATE,
        office=workshop.process.office,
        target=workshop,
        detail=detail,
    )


def _last_session_day(process: Process) -> datetime.date | None:
    last = (
        process.workshops.exclude(status=Workshop.Status.CANCELLED)
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    return _local_day(last) if last else None


def workshop_date_conflicts(*, workshop: Workshop, day: datetime.date) -> list[str]:
    """Why `day` is not free for a session of the workshop's process (empty: free)."""
    return PlanCalendar(process=workshop.process, first=day, last=day).reasons(day)


def workshop_update(
    *,
    workshop: Workshop,
    by,
    starts_at: datetime.datetime,
    duration_minutes: int,
    location: str,
    agenda: str,
    status: str,
    confirm: bool = False,
) -> Workshop:
    """Change one session. A new date that is not free needs `confirm` (else WorkshopDateConflict). A new
    date, time or place bumps `sequence`, so re-sent invitations update calendars. When the programme due
    date was derived from the last session, it follows that session."""
    if status not in Workshop.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    with transaction.atomic():
        # The process first, as the plan's acceptance does: one lock order, no deadlock.
        process = (
            Process.objects.select_for_update()
            .select_related("municipality", "office")
            .get(pk=workshop.process_id)
        )
        workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
        workshop.process = process
        old_day = _local_day(workshop.starts_at)
        new_day = _local_day(starts_at)
        if new_day != old_day and not confirm:
            reasons = workshop_date_conflicts(workshop=workshop, day=new_day)
            if reasons:
                raise WorkshopDateConflict(reasons)
        old_last = _last_session_day(process)
        changed = workshop.starts_at != starts_at or workshop.location != location.strip()
        if workshop.duration_minutes != duration_minutes:
            changed = True
        workshop.starts_at = starts_at
        workshop.duration_minutes = duration_minutes
        workshop.location = location.strip()
        workshop.agenda = agenda
        workshop.status = status
        if changed:
            workshop.sequence += 1
        workshop.full_clean(exclude=["process"])
        workshop.save()
        _follow_due_date(process, old_last)
        phases_sync(process=process)
        _audit(by=by, workshop=workshop, detail=f"session changed: {workshop.kind} {new_day.isoformat()}")
    return workshop


def _follow_due_date(process: Process, old_last: datetime.date | None) -> None:
    """Move the programme due date with the last session when it was derived from it."""
    new_last = _last_session_day(process)
    if not (old_last and new_last and process.programme_due_on) or old_last == new_last:
        return
    weeks = datetime.timedelta(weeks=process.programme_weeks_after_workshops)
    if process.programme_due_on == old_last + weeks:
        process.programme_due_on = new_last + weeks
        process.save(update_fields=["programme_due_on", "updated_at"])


def workshop_cancel(*, workshop: Workshop, by) -> Workshop:
    with transaction.atomic():
        workshop = (
            Workshop.objects.select_for_update(of=("self",))
            .select_related("process__office", "process__municipality")
            .get(pk=workshop.pk)
        )
        if workshop.status == Workshop.Status.HELD:
            raise ValidationError(_("A session that has been held cannot be cancelled."))
        if workshop.status == Workshop.Status.CANCELLED:
            raise ValidationError(_("This session is already cancelled."))
        workshop.status = Workshop.Status.CANCELLED
        workshop.sequence += 1
        workshop.save(update_fields=["status", "sequence"])
        phases_sync(process=workshop.process)
        _audit(by=by, workshop=workshop, detail=f"session cancelled: {workshop.kind}")
    return workshop


@dataclass
class InvitationResult:
    workshops: list[Workshop]
    invited: list[WorkingGroupMember]
    without_email: list[WorkingGroupMember]


def workshop_invite(*, process: Process, workshops: list[Workshop], by) -> InvitationResult:
    """Send every working-group member with an e-mail an invitation to each of `workshops` (after commit);
    members without an e-mail are returned as not invited. Held or cancelled sessions are refused."""
    if not workshops:
        raise ValidationError(_("There is no planned session to invite to."))
    for workshop in workshops:
        if workshop.process_id != process.pk:
            raise ValidationError(_("The session belongs to another process."))
        if workshop.status not in INVITABLE:
            raise ValidationError(
                _("No invitations can be sent for a session that is %(status)s.")
                % {"status": workshop.get_status_display().lower()}
            )
    members = list(process.members.order_by("name", "pk"))
    invited = [member for member in members if member.email]
    without_email = [member for member in members if not member.email]
    if not invited:
        raise ValidationError(
            _("Nobody in the working group has an e-mail address: add the members' addresses first.")
        )
    from ..workshop_emails import workshop_invitations_task

    workshop_ids = [workshop.pk for workshop in workshops]
    member_ids = [member.pk for member in invited]
    with transaction.atomic():
        for workshop in workshops:
            audit_record(
                actor=by,
                action=Action.UPDATE,
                office=process.office,
                target=workshop,
                detail=f"invitations sent to {len(invited)} members (sequence {workshop.sequence})",
            )
        transaction.on_commit(
            lambda: workshop_invitations_task.enqueue(workshop_ids=workshop_ids, member_ids=member_ids)
        )
    return InvitationResult(workshops=workshops, invited=invited, without_email=without_email)
