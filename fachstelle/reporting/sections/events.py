"""Report section "events": the events the office held in the period and the people who came.

Definitions
- *held*: published (or since archived) events that started in the period (local time); drafts and
  cancelled events are not counted. *Own*: organised by the office (no organiser); *partner*: organised by
  an organisation of the network (an imported event counts by the organiser its feed names).
- *registered / waitlisted / cancelled*: people (`Registration.people`, one registration can bring
  several) of the registrations of the held events, by the registration's status now.
- *present*: people recorded at the check-in (`attended_people` of checked-in registrations).
- The municipality filter and the per-municipality figures use the event's municipality (events without
  one — online, or outside the region — are only in the office-wide figures).

Suppression: the numbers of events are not counts of people and are shown as they are. Every number of
people (registered, waitlisted, cancelled, present) is a count of people and goes through
`core.statistics`: the people tables are protected (`protected_table`, the month table additive, the
field table not: an event can have several fields of action), the headline figures are the tables' totals
(so a total hidden in one place is hidden everywhere), and per municipality each count is suppressed
below 5.

Queries: six, whatever the data volume (the events' headline counts, events and people by month, events
and people by field of action, the fields of action).
"""

import datetime

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from fachstelle.core.languages import active_language
from fachstelle.core.models import FieldOfAction
from fachstelle.core.statistics import SECONDARY, Column, is_suppressed, protected_table, suppress
from fachstelle.events.models import Event, Registration

from . import Figure, MunicipalityRow, Section
from ._plain import month_rows, municipality_ids, period_bounds, plain_table

Status = Registration.Status
NONE = "none"
HELD_STATUSES = (Event.Status.PUBLISHED, Event.Status.ARCHIVED)
# The people columns of both people tables: (aggregate key, condition on the registration).
PEOPLE = {
    "registered": ("people", Q(status=Status.CONFIRMED)),
    "waitlisted": ("people", Q(status=Status.WAITLISTED)),
    "cancelled": ("people", Q(status=Status.CANCELLED)),
    "present": ("attended_people", Q(checked_in_at__isnull=False)),
}


def _people_columns() -> list[Column]:
    return [
        Column(_("People registered (confirmed)")),
        Column(_("People on the waitlist")),
        Column(_("People cancelled")),
        Column(_("People present")),
    ]


def held_events(*, office, filters):
    """The office's events held in the period (and in the filtered municipality)."""
    start, end = period_bounds(filters)
    events = Event.objects.filter(
        office=office, status__in=HELD_STATUSES, starts_at__gte=start, starts_at__lt=end
    )
    if filters.municipality:
        events = events.filter(municipality=filters.municipality)
    return events


def _people_sums() -> dict:
    """Σ people of registrations per people column (aggregated over Registration rows)."""
    return {key: Sum(field, filter=condition, default=0) for key, (field, condition) in PEOPLE.items()}


def _by_month(events, filters) -> tuple:
    year = ExtractYear("starts_at", tzinfo=timezone.get_current_timezone())
    month = ExtractMonth("starts_at", tzinfo=timezone.get_current_timezone())
    event_counts = {
        (row["y"], row["m"]): row
        for row in events.annotate(y=year, m=month)
        .values("y", "m")
        .annotate(
            own=Count("pk", filter=Q(organiser__isnull=True)),
            partner=Count("pk", filter=Q(organiser__isnull=False)),
        )
        .order_by()
    }
    registrations = Registration.objects.filter(event__in=events.values("pk"))
    people = {
        (row["y"], row["m"]): row
        for row in registrations.annotate(
            y=ExtractYear("event__starts_at", tzinfo=timezone.get_current_timezone()),
            m=ExtractMonth("event__starts_at", tzinfo=timezone.get_current_timezone()),
        )
        .values("y", "m")
        .annotate(**_people_sums())
        .order_by()
    }
    months = month_rows(filters)
    labels = [(f"{y}-{m:02d}", date_format(datetime.date(y, m, 1), "YEAR_MONTH_FORMAT")) for y, m in months]
    events_table = plain_table(
        key="events_months",
        title=_("Events held by month"),
        row_header=_("Month"),
        columns=[_("Own events"), _("Partner events")],
        rows=[
            (key, label, [event_counts.get(ym, {}).get("own", 0), event_counts.get(ym, {}).get("partner", 0)])
            for (key, label), ym in zip(labels, months, strict=True)
        ],
        total=[
            sum(row["own"] for row in event_counts.values()),
            sum(row["partner"] for row in event_counts.values()),
        ],
        total_label=_("Total"),
        chart="stacked",
    )
    counts = [[people.get(ym, {}).get(key, 0) for key in PEOPLE] for ym in months]
    raw_totals = [sum(row[j] for row in counts) for j in range(len(PEOPLE))]
    people_table = protected_table(
        key="events_people_months",
        title=_("Participants by month"),
        row_header=_("Month"),
        rows=labels,
        columns=_people_columns(),
        counts=counts,
        column_totals=raw_totals,
        total_label=_("Total"),
        note=_("People of the registrations for the events held in the month; fewer than 5 are not shown."),
    )
    return events_table, people_table, raw_totals


def _by_field(events, *, held: int, people_totals: list[int]) -> tuple:
    language = active_language()
    fields = list(FieldOfAction.objects.order_by("order", "name"))
    event_counts = {
        row["fields_of_action"]: row["n"]
        for row in events.values("fields_of_action").annotate(n=Count("pk", distinct=True)).order_by()
    }
    registrations = Registration.objects.filter(event__in=events.values("pk"))
    people = {
        row["event__fields_of_action"]: row
        for row in registrations.values("event__fields_of_action").annotate(**_people_sums()).order_by()
    }
    rows = [(field.slug, field.label(language), field.pk) for field in fields] + [
        (NONE, _("No field of action recorded"), None)
    ]
    several = _("An event can have several fields of action: the rows do not add up to the total.")
    events_table = plain_table(
        key="events_fields",
        title=_("Events held by field of action"),
        row_header=_("Field of action"),
        columns=[_("Events")],
        rows=[(key, label, [event_counts.get(pk, 0)]) for key, label, pk in rows],
        total=[held],
        total_label=_("Events held"),
        note=several,
    )
    people_table = protected_table(
        key="events_people_fields",
        title=_("Participants by field of action"),
        row_header=_("Field of action"),
        rows=[(key, label) for key, label, _pk in rows],
        columns=[Column(column.label, additive=False) for column in _people_columns()],
        counts=[[people.get(pk, {}).get(key, 0) for key in PEOPLE] for _key, _label, pk in rows],
        column_totals=people_totals,
        total_label=_("Total"),
        note=several,
    )
    return events_table, people_table


def _hide_shared_totals(tables) -> None:
    """Both people tables have the same totals: one hidden in one table is hidden in the other too."""
    for j in range(len(PEOPLE)):
        if any(is_suppressed(table.total.cells[j]) for table in tables):
            for table in tables:
                if not is_suppressed(table.total.cells[j]):
                    table.total.cells[j] = SECONDARY


def section(*, office, filters) -> Section:
    events = held_events(office=office, filters=filters)
    # 1: the headline numbers of events.
    totals = events.aggregate(
        held=Count("pk"),
        own=Count("pk", filter=Q(organiser__isnull=True)),
        partner=Count("pk", filter=Q(organiser__isnull=False)),
    )
    # 2–3: events and people by month.
    month_events, month_people, raw_totals = _by_month(events, filters)
    # 4–6: the fields of action, events and people by field of action.
    field_events, field_people = _by_field(events, held=totals["held"], people_totals=raw_totals)
    _hide_shared_totals([month_people, field_people])
    shown = month_people.total.cells
    return Section(
        key="events",
        title=_("Events"),
        figures=[
            Figure("held", _("Events held"), totals["held"]),
            Figure("own", _("Own events"), totals["own"]),
            Figure("partner", _("Partner events"), totals["partner"]),
            Figure("registered", _("People registered (confirmed)"), shown[0]),
            Figure("waitlisted", _("People on the waitlist"), shown[1]),
            Figure("cancelled", _("People cancelled"), shown[2]),
            Figure("present", _("People present"), shown[3]),
        ],
        tables=[month_events, month_people, field_events, field_people],
        note=_(
            "Published events that started in the period (cancelled events not counted). Numbers of people "
            "below 5 are not shown."
        ),
    )


def municipality_rows(*, office, filters, municipalities) -> list[MunicipalityRow]:
    """Events held and people registered (confirmed, suppressed below 5) per municipality (one query)."""
    ids = municipality_ids(municipalities)
    start, end = period_bounds(filters)
    rows = (
        Event.objects.filter(
            office=office,
            status__in=HELD_STATUSES,
            starts_at__gte=start,
            starts_at__lt=end,
            municipality_id__in=ids,
        )
        .values("municipality_id")
        .annotate(
            held=Count("pk", distinct=True),
            registered=Sum(
                "registrations__people", filter=Q(registrations__status=Status.CONFIRMED), default=0
            ),
        )
        .order_by()
    )
    found = {row["municipality_id"]: row for row in rows}
    return [
        MunicipalityRow(
            key="events_held",
            label=_("Events held"),
            values={pk: found.get(pk, {}).get("held", 0) for pk in ids},
            additive=True,
        ),
        MunicipalityRow(
            key="events_registered",
            label=_("People registered (confirmed)"),
            values={pk: suppress(found.get(pk, {}).get("registered", 0)) for pk in ids},
            additive=True,
        ),
    ]
