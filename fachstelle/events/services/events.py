"""Writing events on the staff side: create (with recurrence), update, cancel, delete, duplicate, turn an
imported event into an own one, and save translations.

Dates are entered in local time (Europe/Zurich). A recurring event is one row per date sharing `series`;
each date is built from the local wall-clock time, so a weekly event at 19:00 stays at 19:00 across the
change to and from summer time.

Imported events (see `services/feeds.py`): any change of their content by staff marks them
`edited_locally`, and the nightly import no longer overwrites them. Publishing or unpublishing alone does
not count as an edit, so a feed whose events wait as drafts keeps updating them after they are published.
"""

import datetime
import uuid
import zoneinfo
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from fachstelle.core.languages import SOURCE_LANGUAGE
from fachstelle.core.validation import FieldErrors

from ..models import Event, EventTranslation, Registration

LOCAL_TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
MAX_DATES = 52
FREQUENCIES = {
    "weekly": relativedelta(weeks=1),
    "biweekly": relativedelta(weeks=2),
    "monthly": relativedelta(months=1),
}
M2M_FIELDS = ("languages", "fields_of_action", "target_groups")
# A change of these fields makes calendar programmes update the entry (ICS SEQUENCE).
SCHEDULE_FIELDS = (
    "starts_at",
    "ends_at",
    "all_day",
    "location_name",
    "street",
    "postcode",
    "municipality",
    "is_online",
    "online_url",
    "status",
)
# Fields that belong to one date of a series and are not copied to the other dates.
PER_DATE_FIELDS = ("starts_at", "ends_at", "registration_deadline", "status", "cancellation_note")
# Changing only these does not make an imported event "edited by staff".
NOT_AN_EDIT = {"status"}


@dataclass(frozen=True)
class Recurrence:
    frequency: str
    until: datetime.date | None = None
    count: int | None = None

    @classmethod
    def from_value(cls, value) -> "Recurrence | None":
        if not value:
            return None
        if isinstance(value, Recurrence):
            return value
        return cls(frequency=value.get("frequency") or "", until=value.get("until"), count=value.get("count"))


def _actor(by):
    return by if getattr(by, "is_authenticated", False) else None


def local(value: datetime.datetime) -> datetime.datetime:
    """An aware datetime in the office's time zone."""
    return value.astimezone(LOCAL_TZ)


def make_local(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """The aware datetime of a local wall-clock time (DST-correct)."""
    return datetime.datetime.combine(day, time.replace(tzinfo=None), tzinfo=LOCAL_TZ)


def confirmed_people(event: Event) -> int:
    return (
        event.registrations.filter(status=Registration.Status.CONFIRMED).aggregate(total=Sum("people"))[
            "total"
        ]
        or 0
    )


def _normalise_all_day(event: Event) -> None:
    """An all-day event runs from 00:00 of its first day to 23:59 of its last day, local time."""
    if event.all_day and event.starts_at and event.ends_at:
        event.starts_at = make_local(local(event.starts_at).date(), datetime.time(0, 0))
        event.ends_at = make_local(local(event.ends_at).date(), datetime.time(23, 59))


def _check(event: Event, errors: FieldErrors, *, check_capacity: bool) -> None:
    """The rules of one event, each with a clear message next to its field."""
    if event.starts_at and event.ends_at and event.ends_at < event.starts_at:
        errors.add("ends_at", _("The event cannot end before it starts."))
    if event.registration_deadline and event.starts_at and event.registration_deadline > event.starts_at:
        errors.add("registration_deadline", _("The registration deadline must be before the event starts."))
    if event.organiser_id and event.organiser.office_id != event.office_id:
        errors.add("organiser", _("The organiser must be an organisation of your network."))
    if event.is_online and not event.online_url and not event.location_name:
        errors.add("online_url", _("Please give the link of the online event."))
    if event.cost_type == Event.CostType.FEE and event.cost_amount is None:
        errors.add("cost_amount", _("Please give the amount of the fee."))
    if check_capacity and event.pk and event.capacity is not None:
        confirmed = confirmed_people(event)
        if event.capacity < confirmed:
            errors.add(
                "capacity",
                _(
                    "%(confirmed)s people are already confirmed; the places cannot be fewer. "
                    "Cancel registrations first."
                )
                % {"confirmed": confirmed},
            )
    errors.add_model_errors(event, exclude=("office", "source_revision"))


def _set_m2m(event: Event, m2m: dict | None) -> set[str]:
    changed = set()
    for name, values in (m2m or {}).items():
        if name not in M2M_FIELDS:
            raise ValueError(f"not a many-to-many field of events: {name}")
        values = list(values)
        if event.pk is None or {v.pk for v in values} != set(
            getattr(event, name).values_list("pk", flat=True)
        ):
            changed.add(name)
        getattr(event, name).set(values)
    return changed


def recurrence_steps(
    *, starts_at: datetime.datetime, recurrence: Recurrence, errors: FieldErrors | None = None
) -> list[int]:
    """How many steps of the recurrence the series has (index 0 is the first date); at most MAX_DATES.
    Bad input goes to `errors` under "recurrence"."""
    errors = errors if errors is not None else FieldErrors()
    if recurrence.frequency not in FREQUENCIES:
        errors.add("recurrence", _("Please choose how often the event repeats."))
        return [0]
    if not recurrence.until and not recurrence.count:
        errors.add("recurrence", _("Please give the last date or the number of dates."))
        return [0]
    step = FREQUENCIES[recurrence.frequency]
    first_day = local(starts_at).date()
    if recurrence.count:
        if recurrence.count < 1 or recurrence.count > MAX_DATES:
            errors.add("recurrence", _("A series has between 1 and %(max)s dates.") % {"max": MAX_DATES})
            return [0]
        return list(range(recurrence.count))
    if recurrence.until < first_day:
        errors.add("recurrence", _("The last date of the series is before the first date."))
        return [0]
    steps = []
    index = 0
    while first_day + step * index <= recurrence.until:
        if index >= MAX_DATES:
            errors.add(
                "recurrence",
                _("A series has at most %(max)s dates. Choose an earlier last date.") % {"max": MAX_DATES},
            )
            break
        steps.append(index)
        index += 1
    return steps


def _shifted(value: datetime.datetime | None, step: relativedelta, index: int) -> datetime.datetime | None:
    """`value` moved by `index` steps in local wall-clock time (same local time on each date)."""
    if value is None:
        return None
    wall = local(value)
    return make_local(wall.date() + step * index, wall.time())


@transaction.atomic
def event_create(
    *, office, by, fields: dict, m2m: dict | None = None, recurrence: dict | Recurrence | None = None
) -> list[Event]:
    """One event, or one per date of a series (sharing a new `series` uuid). Returns the created rows."""
    errors = FieldErrors()
    template = Event(office=office, source=Event.Source.OWN, updated_by=_actor(by), **fields)
    _normalise_all_day(template)
    _check(template, errors, check_capacity=False)
    rule = Recurrence.from_value(recurrence)
    steps = [0]
    if rule is not None and template.starts_at:
        steps = recurrence_steps(starts_at=template.starts_at, recurrence=rule, errors=errors)
    errors.raise_if_any()
    series = uuid.uuid4() if len(steps) > 1 else None
    step = FREQUENCIES.get(rule.frequency) if rule else None
    events = []
    for index in steps:
        event = Event(office=office, source=Event.Source.OWN, updated_by=_actor(by), series=series, **fields)
        event.starts_at, event.ends_at = template.starts_at, template.ends_at
        if index:
            event.starts_at = _shifted(template.starts_at, step, index)
            event.ends_at = _shifted(template.ends_at, step, index)
            event.registration_deadline = _shifted(template.registration_deadline, step, index)
        event.full_clean(exclude=["source_revision"])
        event.save()
        _set_m2m(event, m2m)
        events.append(event)
    return events


def _apply(event: Event, fields: dict, *, by, minor_change: bool, check_capacity: bool = True) -> set[str]:
    """Set `fields` on `event` with the bookkeeping (revision, sequence, edited mark); raise on bad input.
    Returns the names of the fields that changed."""
    changed = {name for name, value in fields.items() if getattr(event, name) != value}
    german_before = event.source_values()
    for name, value in fields.items():
        setattr(event, name, value)
    _normalise_all_day(event)
    errors = FieldErrors()
    _check(event, errors, check_capacity=check_capacity and "capacity" in changed)
    errors.raise_if_any()
    if event.source_values() != german_before and not minor_change:
        event.source_revision = F("source_revision") + 1
    if changed & set(SCHEDULE_FIELDS):
        event.ics_sequence = F("ics_sequence") + 1
    if event.source == Event.Source.IMPORTED and changed - NOT_AN_EDIT:
        event.edited_locally = True
    event.updated_by = _actor(by)
    return changed


def _save(event: Event) -> None:
    event.save()
    # F() expressions are resolved by the database; read the numbers back for the caller.
    event.refresh_from_db(fields=["source_revision", "ics_sequence"])


@transaction.atomic
def event_update(
    *,
    event: Event,
    by,
    fields: dict,
    m2m: dict | None = None,
    minor_change: bool = False,
    apply_to_series: bool = False,
) -> Event:
    """Change one event. `apply_to_series`: the same content changes (not the dates, status or deadline)
    also go to the other dates of its series that have not started yet."""
    event = Event.objects.select_for_update(of=("self",)).select_related("organiser").get(pk=event.pk)
    changed = _apply(event, fields, by=by, minor_change=minor_change)
    _save(event)
    changed |= _set_m2m(event, m2m)
    if event.source == Event.Source.IMPORTED and changed & set(M2M_FIELDS) and not event.edited_locally:
        Event.objects.filter(pk=event.pk).update(edited_locally=True)
        event.edited_locally = True
    if apply_to_series and event.series:
        shared = {name: value for name, value in fields.items() if name not in PER_DATE_FIELDS}
        siblings = (
            Event.objects.select_for_update()
            .filter(office=event.office, series=event.series, starts_at__gte=timezone.now())
            .exclude(pk=event.pk)
        )
        for sibling in siblings:
            try:
                _apply(sibling, shared, by=by, minor_change=minor_change)
            except ValidationError as error:
                when = local(sibling.starts_at).strftime("%d.%m.%Y")
                raise ValidationError(
                    {NON_FIELD_ERRORS: [_("Date %(date)s:") % {"date": when}, *error.messages]}
                ) from error
            _save(sibling)
            _set_m2m(sibling, m2m)
    return event


@transaction.atomic
def event_cancel(*, event: Event, by, note: str) -> Event:
    """Cancel an event: it stays visible as cancelled, registered people are told (registrations service)."""
    from .registrations import event_cancel_notify

    if not (note or "").strip():
        raise ValidationError({"note": _("Please give the reason for the cancellation.")})
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        raise ValidationError({NON_FIELD_ERRORS: _("The event is already cancelled.")})
    event.status = Event.Status.CANCELLED
    event.cancellation_note = note.strip()[:300]
    event.ics_sequence = F("ics_sequence") + 1
    if event.source == Event.Source.IMPORTED:
        # Cancelled by staff: the feed must not bring it back.
        event.edited_locally = True
    event.updated_by = _actor(by)
    event.full_clean(exclude=["source_revision", "ics_sequence"])
    _save(event)
    event_cancel_notify(event=event)
    return event


@transaction.atomic
def event_delete(*, event: Event, by) -> None:
    """Delete an event nobody registered for. With registrations, cancel it instead (people are told)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.registrations.exists():
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "People have registered for this event, so it cannot be deleted. Cancel it instead."
                )
            }
        )
    event.delete()


@transaction.atomic
def event_make_own(*, event: Event, by) -> Event:
    """An imported event becomes an own event of the office: fully editable, never touched by the feed.

    The link to the feed (`feed`, `external_uid`) is kept on purpose: it is the marker by which the next
    import recognises the occurrence (unique per feed, UID and start) and leaves it alone instead of
    importing it a second time. `source` says it is the office's own event now."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.source != Event.Source.IMPORTED:
        raise ValidationError({NON_FIELD_ERRORS: _("This event is already an own event.")})
    event.source = Event.Source.OWN
    event.edited_locally = True
    event.updated_by = _actor(by)
    event.save()
    return event


@transaction.atomic
def event_duplicate(*, event: Event, by) -> Event:
    """A draft copy of an event (same texts, place, settings and categories; no registrations, no feed)."""
    copy = Event.objects.get(pk=event.pk)
    m2m = {name: list(getattr(copy, name).all()) for name in M2M_FIELDS}
    copy.pk = None
    copy.id = None
    copy._state.adding = True
    copy.series = None
    copy.status = Event.Status.DRAFT
    copy.cancellation_note = ""
    copy.source = Event.Source.OWN
    copy.feed = None
    copy.external_uid = ""
    copy.external_fingerprint = ""
    copy.edited_locally = False
    copy.reminders_sent_at = None
    copy.ics_sequence = 0
    copy.source_revision = 1
    copy.updated_by = _actor(by)
    copy.full_clean(exclude=["source_revision"])
    copy.save()
    _set_m2m(copy, m2m)
    return copy


@transaction.atomic
def event_translation_save(
    *, event: Event, language: str, by, fields: dict, state: str = EventTranslation.State.DONE
) -> EventTranslation:
    """Create or update one translation; a finished one is marked as made from the current German text."""
    codes = {code for code, _name, _rtl in settings.CONTENT_LANGUAGES}
    if language == SOURCE_LANGUAGE or language not in codes:
        raise ValidationError({"language": _("This language cannot be a translation.")})
    if state not in EventTranslation.State.values:
        raise ValidationError({"state": _("Unknown state.")})
    translation = EventTranslation.objects.filter(event=event, language=language).first()
    if translation is None:
        translation = EventTranslation(event=event, language=language, source_revision=event.source_revision)
    for name, value in fields.items():
        if name not in Event.TRANSLATED_FIELDS:
            raise ValueError(f"not a translated field: {name}")
        setattr(translation, name, value)
    translation.state = state
    if state != EventTranslation.State.IN_TRANSLATION:
        translation.source_revision = event.source_revision
    errors = FieldErrors()
    if state != EventTranslation.State.IN_TRANSLATION and not (translation.title or "").strip():
        errors.add("title", _("A finished translation needs a title."))
    errors.add_model_errors(translation, exclude=("event",))
    errors.raise_if_any()
    translation.save()
    return translation


@transaction.atomic
def event_translation_delete(*, event: Event, language: str, by) -> None:
    EventTranslation.objects.filter(event=event, language=language).delete()
