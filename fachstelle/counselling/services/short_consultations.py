"""Short consultations (Kurzberatung): one row per conversation for the statistics, no personal data.

There is nothing about a person in these rows, so they are not written to the audit log (which records
reads and writes of clients and cases); a counsellor may take back an own entry shortly after saving it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fachstelle.core.models import Language, Municipality, Office

from ..access import membership_role
from ..models import Channel, ShortConsultation, Topic
from .common import STAFF_ROLES, refuse

RECORDING_ROLES = STAFF_ROLES
# How far back a short consultation may be dated (entries are made the same day, or caught up later).
MAX_AGE = datetime.timedelta(days=365)
# How long after saving an entry its author may delete it again ("undo").
UNDO_WINDOW = datetime.timedelta(minutes=10)


def short_consultation_record(
    *,
    office: Office,
    by,
    held_on: datetime.date,
    topic: Topic,
    duration_minutes: int,
    language: Language | None,
    municipality: Municipality | None,
    channel: str,
) -> ShortConsultation:
    if membership_role(user=by, office=office) not in RECORDING_ROLES:
        refuse(_("Only counsellors and office administrators can record short consultations."))
    errors: dict[str, list] = {}
    today = timezone.localdate()
    if held_on is None:
        errors.setdefault("held_on", []).append(_("Enter the date."))
    elif held_on > today:
        errors.setdefault("held_on", []).append(_("The date cannot be in the future."))
    elif held_on < today - MAX_AGE:
        errors.setdefault("held_on", []).append(_("The date cannot be more than a year ago."))
    if topic is None:
        errors.setdefault("topic", []).append(_("Choose the topic."))
    if duration_minutes is None or not 1 <= duration_minutes <= 240:
        errors.setdefault("duration_minutes", []).append(_("The duration must be between 1 and 240 minutes."))
    if municipality is not None and not office.municipalities.filter(pk=municipality.pk).exists():
        errors.setdefault("municipality", []).append(_("Your office does not serve this municipality."))
    if channel not in Channel.values:
        errors.setdefault("channel", []).append(_("Choose how the conversation took place."))
    if errors:
        raise ValidationError(errors)
    return ShortConsultation.objects.create(
        office=office,
        held_on=held_on,
        topic=topic,
        duration_minutes=duration_minutes,
        language=language,
        municipality=municipality,
        channel=channel,
        recorded_by=by,
    )


def short_consultation_can_undo(consultation: ShortConsultation, *, by, now=None) -> bool:
    now = now or timezone.now()
    return consultation.recorded_by_id == by.pk and now - consultation.created_at <= UNDO_WINDOW


def short_consultation_delete(*, consultation: ShortConsultation, by) -> None:
    """Take back an own entry within UNDO_WINDOW of saving it (a wrong click); later, entries stay."""
    if consultation.recorded_by_id != by.pk:
        refuse(_("You can only delete your own entries."))
    with transaction.atomic():
        # Re-read under lock: the window is checked against the stored time, not the caller's copy.
        locked = ShortConsultation.objects.select_for_update().filter(pk=consultation.pk).first()
        if locked is None:
            return  # already deleted (double click)
        if not short_consultation_can_undo(locked, by=by):
            refuse(_("Entries can only be deleted within 10 minutes of saving them."))
        locked.delete()
