"""Reading events on the staff side: the list with its tabs and place counts, one event of the office,
its registrations, the feeds, and the statistics of a year. Every query is scoped to the office."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import ExtractMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format

from ..models import CalendarFeed, Event, EventTranslation, Registration
from ..services.events import LOCAL_TZ

Status = Registration.Status
UPCOMING, PAST, DRAFTS, IMPORTED = "upcoming", "past", "drafts", "imported"
TABS = (UPCOMING, PAST, DRAFTS, IMPORTED)
# Registrations in the order the participants page shows them.
STATUS_ORDER = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED, Status.CANCELLED, Status.REJECTED)


def _people(status) -> Sum:
    return Sum("registrations__people", filter=Q(registrations__status=status), default=0)


def event_list_for_staff(*, office, tab: str = UPCOMING, query: str = "", field_of_action=None, now=None):
    """Events of a tab with their place counts (one query; categories filtered by a subquery so the sums
    are not multiplied by a join)."""
    now = now or timezone.now()
    events = (
        Event.objects.filter(office=office)
        .select_related("organiser", "feed")
        .annotate(
            confirmed_people=_people(Status.CONFIRMED),
            waitlisted_people=_people(Status.WAITLISTED),
            pending_count=Count("registrations", filter=Q(registrations__status=Status.PENDING)),
        )
    )
    if tab == PAST:
        events = (
            events.filter(ends_at__lt=now).exclude(status=Event.Status.DRAFT).order_by("-starts_at", "-pk")
        )
    elif tab == DRAFTS:
        events = events.filter(status=Event.Status.DRAFT).order_by("starts_at", "pk")
    elif tab == IMPORTED:
        events = events.filter(source=Event.Source.IMPORTED, ends_at__gte=now).order_by("starts_at", "pk")
    else:
        events = (
            events.filter(ends_at__gte=now).exclude(status=Event.Status.DRAFT).order_by("starts_at", "pk")
        )
    if query:
        events = events.filter(Q(title__icontains=query) | Q(location_name__icontains=query))
    if field_of_action is not None:
        events = events.filter(
            Exists(
                Event.fields_of_action.through.objects.filter(
                    event=OuterRef("pk"), fieldofaction=field_of_action
                )
            )
        )
    return events


def event_tab_counts(*, office, now=None) -> dict[str, int]:
    """How many events each tab holds (one query)."""
    now = now or timezone.now()
    not_draft = ~Q(status=Event.Status.DRAFT)
    counts = Event.objects.filter(office=office).aggregate(
        upcoming=Count("pk", filter=Q(ends_at__gte=now) & not_draft),
        past=Count("pk", filter=Q(ends_at__lt=now) & not_draft),
        drafts=Count("pk", filter=Q(status=Event.Status.DRAFT)),
        imported=Count("pk", filter=Q(source=Event.Source.IMPORTED, ends_at__gte=now)),
    )
    return counts


def event_get(*, office, event_id: int) -> Event:
    """One event of `office` (404 for another office's event)."""
    return get_object_or_404(
        Event.objects.select_related("organiser", "feed", "municipality", "office"),
        office=office,
        pk=event_id,
    )


def event_series_size(*, event: Event) -> int:
    if not event.series:
        return 1
    return Event.objects.filter(office_id=event.office_id, series=event.series).count()


def event_translations(*, event: Event) -> dict[str, EventTranslation]:
    return {translation.language: translation for translation in event.translations.all()}


@dataclass
class Participants:
    by_status: list[tuple[str, str, list[Registration]]]  # (status, label, registrations)
    registrations: list[Registration]
    registered_people: int  # confirmed
    pending_people: int
    waitlisted_people: int
    attended_people: int
    checked_in: int


def event_participants(*, event: Event) -> Participants:
    """The registrations of an event grouped by status, with the people counts (one query)."""
    registrations = list(event.registrations.order_by("name", "pk"))
    groups = []
    for status in STATUS_ORDER:
        members = [r for r in registrations if r.status == status]
        if members:
            groups.append((status, Status(status).label, members))

    def people(status):
        return sum(r.people for r in registrations if r.status == status)

    return Participants(
        by_status=groups,
        registrations=registrations,
        registered_people=people(Status.CONFIRMED),
        pending_people=people(Status.PENDING),
        waitlisted_people=people(Status.WAITLISTED),
        attended_people=sum(r.attended_people or 0 for r in registrations if r.checked_in_at),
        checked_in=sum(1 for r in registrations if r.checked_in_at),
    )


def registration_get(*, event: Event, registration_id: int) -> Registration:
    registration = get_object_or_404(Registration, event=event, pk=registration_id)
    registration.event = event
    return registration


def feed_list(*, office):
    """The office's feeds with how many upcoming events each brought (one query)."""
    now = timezone.now()
    return (
        CalendarFeed.objects.filter(office=office)
        .select_related("organiser")
        .prefetch_related("fields_of_action")
        .annotate(upcoming_events=Count("events", filter=Q(events__ends_at__gte=now), distinct=True))
        .order_by("name", "pk")
    )


def feed_get(*, office, feed_id: int) -> CalendarFeed:
    return get_object_or_404(
        CalendarFeed.objects.select_related("organiser", "municipality"), office=office, pk=feed_id
    )


# --- Statistics ------------------------------------------------------------------------------------------


@dataclass
class Row:
    label: str
    events: int = 0
    registrations: int = 0
    people: int = 0
    attended: int = 0
    people_with_attendance: int = 0  # registered people of the events where attendance was recorded

    @property
    def attendance_rate(self) -> float | None:
        if not self.people_with_attendance:
            return None
        return round(100 * self.attended / self.people_with_attendance, 1)


@dataclass
class EventStatistics:
    year: int
    total: Row
    own: int
    imported: int
    cancelled: int
    by_field: list[Row] = field(default_factory=list)
    by_month: list[Row] = field(default_factory=list)


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime(year, 1, 1, tzinfo=LOCAL_TZ)
    return start, datetime.datetime(year + 1, 1, 1, tzinfo=LOCAL_TZ)


def statistics_years(*, office) -> list[int]:
    dates = (
        Event.objects.filter(office=office)
        .exclude(status=Event.Status.DRAFT)
        .datetimes("starts_at", "year", tzinfo=LOCAL_TZ)
    )
    years = sorted({d.year for d in dates} | {timezone.localdate().year}, reverse=True)
    return years


def event_statistics(*, office, year: int, field_labels=None) -> EventStatistics:
    """Counts of one calendar year (local time): events held or planned (drafts not counted), own and
    imported, cancelled; confirmed registrations, the people they registered and the people present; the
    same per field of action and per month. Attendance rate: people present ÷ people registered, counted
    only over events where attendance was recorded (an event without check-ins says nothing)."""
    start, end = _year_bounds(year)
    events = Event.objects.filter(office=office, starts_at__gte=start, starts_at__lt=end).exclude(
        status=Event.Status.DRAFT
    )
    confirmed = Q(registrations__status=Status.CONFIRMED)
    per_event = events.annotate(
        regs=Count("registrations", filter=confirmed),
        people=Sum("registrations__people", filter=confirmed, default=0),
        attended=Sum("registrations__attended_people", filter=confirmed, default=0),
        checked=Count("registrations", filter=confirmed & Q(registrations__checked_in_at__isnull=False)),
        month=ExtractMonth("starts_at", tzinfo=LOCAL_TZ),
    ).values("pk", "source", "status", "regs", "people", "attended", "checked", "month")
    rows = list(per_event)
    total = Row(label=str(year))
    months = [Row(label=date_format(datetime.date(year, m, 1), "F")) for m in range(1, 13)]
    own = imported = cancelled = 0
    by_pk = {}
    for row in rows:
        by_pk[row["pk"]] = row
        own += row["source"] == Event.Source.OWN
        imported += row["source"] == Event.Source.IMPORTED
        cancelled += row["status"] == Event.Status.CANCELLED
        for target in (total, months[row["month"] - 1]):
            _add(target, row)
    fields: dict[int, Row] = {}
    links = Event.fields_of_action.through.objects.filter(event_id__in=by_pk).select_related("fieldofaction")
    for link in links.order_by("fieldofaction__order", "fieldofaction__name"):
        name = field_labels(link.fieldofaction) if field_labels else link.fieldofaction.name
        target = fields.setdefault(link.fieldofaction_id, Row(label=name))
        _add(target, by_pk[link.event_id])
    return EventStatistics(
        year=year,
        total=total,
        own=own,
        imported=imported,
        cancelled=cancelled,
        by_field=list(fields.values()),
        by_month=months,
    )


def _add(target: Row, row: dict) -> None:
    target.events += 1
    target.registrations += row["regs"]
    target.people += row["people"]
    if row["checked"]:
        # Only events with recorded attendance enter the rate.
        target.attended += row["attended"]
        target.people_with_attendance += row["people"]


# --- Choices of the forms --------------------------------------------------------------------------------


def form_choices(*, office, current=None) -> dict:
    """The objects of the event and feed forms' selects, loaded once: the office's active organisations
    (and the current organiser, even if inactive), its municipalities, languages, fields of action and
    target groups."""
    from fachstelle.core.languages import active_language
    from fachstelle.core.models import FieldOfAction, Language, Municipality, TargetGroup
    from fachstelle.network.models import Organisation

    organiser_id = getattr(current, "organiser_id", None)
    municipality_id = getattr(current, "municipality_id", None)
    organisations = Organisation.objects.filter(office=office).filter(Q(is_active=True) | Q(pk=organiser_id))
    municipalities = Municipality.objects.filter(Q(offices=office) | Q(pk=municipality_id)).distinct()
    language = active_language()
    return {
        "organisations": list(organisations.order_by("name", "pk").only("pk", "name", "office_id")),
        "municipalities": list(municipalities.order_by("name")),
        "languages": list(Language.objects.all()),
        "fields_of_action": list(FieldOfAction.objects.all()),
        "target_groups": list(TargetGroup.objects.all()),
        "label_of": lambda obj: obj.label(language),
    }
