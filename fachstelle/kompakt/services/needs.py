"""Writing workshop minutes and the needs for action a process's working group identified."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.models import PromotionArea, TargetGroup
from fachstelle.core.validation import FieldErrors

from ..models import NeedForAction, Process, WorkingGroupMember, Workshop

NEED_FIELDS = ("promotion_area", "title", "rationale", "priority", "workshop")
MINUTES_MAX_LENGTH = 50_000


@transaction.atomic
def workshop_minutes_save(
    *,
    workshop: Workshop,
    by,
    minutes: str,
    areas: list[PromotionArea],
    attendees: list[WorkingGroupMember],
) -> Workshop:
    """The minutes text, the portrait areas discussed and who was present (members of the workshop's own
    process only)."""
    workshop = Workshop.objects.select_for_update().select_related("process__office").get(pk=workshop.pk)
    errors = FieldErrors()
    minutes = (minutes or "").strip()
    if len(minutes) > MINUTES_MAX_LENGTH:
        errors.add(
            "minutes",
            _("The minutes are too long (at most %(max)s characters).") % {"max": MINUTES_MAX_LENGTH},
        )
    if any(member.process_id != workshop.process_id for member in attendees):
        errors.add("attendees", _("Only members of this process's working group can be marked as present."))
    errors.raise_if_any()
    workshop.minutes = minutes
    workshop.save(update_fields=["minutes"])
    workshop.areas_discussed.set(areas)
    workshop.attendees.set(attendees)
    audit_record(
        actor=by,
        action=Action.UPDATE,
        office=workshop.process.office,
        target=workshop,
        detail=f"minutes: {len(areas)} areas, {len(attendees)} present",
    )
    return workshop


def _apply(need: NeedForAction, fields: dict, errors: FieldErrors) -> None:
    for name, value in fields.items():
        if name in NEED_FIELDS:
            setattr(need, name, value)
    if isinstance(need.title, str):
        need.title = need.title.strip()
    workshop = fields.get("workshop")
    if workshop is not None and workshop.process_id != need.process_id:
        errors.add("workshop", _("Choose a workshop of this process."))
    errors.add_model_errors(need, exclude=["process"])


@transaction.atomic
def need_create(
    *, process: Process, by, fields: dict, target_groups: list[TargetGroup] | None = None
) -> NeedForAction:
    need = NeedForAction(process=process)
    errors = FieldErrors()
    _apply(need, fields, errors)
    errors.raise_if_any()
    need.save()
    need.target_groups.set(target_groups or [])
    audit_record(
        actor=by,
        action=Action.CREATE,
        office=process.office,
        target=need,
        detail=f"need for action ({need.promotion_area.code}, {need.priority}): {need.title}",
    )
    return need


@transaction.atomic
def need_update(
    *, need: NeedForAction, by, fields: dict, target_groups: list[TargetGroup] | None = None
) -> NeedForAction:
    need = NeedForAction.objects.select_for_update().select_related("process__office").get(pk=need.pk)
    errors = FieldErrors()
    _apply(need, fields, errors)
    errors.raise_if_any()
    need.save()
    if target_groups is not None:
        need.target_groups.set(target_groups)
    audit_record(
        actor=by,
        action=Action.UPDATE,
        office=need.process.office,
        target=need,
        detail=f"need for action ({need.promotion_area.code}, {need.priority}): {need.title}",
    )
    return need


@transaction.atomic
def need_delete(*, need: NeedForAction, by) -> None:
    """Delete the need; measures and goals that addressed it keep existing (their link is cleared)."""
    need = NeedForAction.objects.select_related("process__office").filter(pk=need.pk).first()
    if need is None:
        raise ValidationError(_("The need for action no longer exists."))
    office = need.process.office
    detail = f"need for action deleted: {need.title}"
    target_id = need.pk
    audit_record(
        actor=by,
        action=Action.DELETE,
        office=office,
        target_type="kompakt.needforaction",
        target_id=target_id,
        detail=detail,
    )
    need.delete()
