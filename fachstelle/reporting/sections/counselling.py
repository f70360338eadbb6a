"""Report section "counselling": cases, short consultations, sessions, topics, languages, interpreters.

Who is counted (office, period [start, end] both days included, municipality optional):
- cases opened: cases of the office with `opened_on` in the period (anonymous cases included); the
  municipality is the one recorded on the case (copied from the client, so it survives anonymisation);
- cases open at the end of the period: opened by the last day and not closed by then (`closed_on`);
- short consultations: held in the period (their own municipality);
- sessions held: counselling sessions of the office's cases held in the period (the case's municipality);
- persons counselled: distinct clients with a session in the period, each anonymous case as one person;
- interpreter bookings: `interpreting_bookings` — bookings dated in the period that are confirmed or done
  (a request is not yet an appointment, a cancelled one none; a confirmed booking is owed to the interpreter
  even if the client does not come); with a municipality filter only those of a case of that municipality;
  hours and cost = the booking's cost, or the interpreter's hourly rate × duration where no cost was
  entered. The KIP report counts the same bookings.

Suppression: every count (cases, consultations, sessions, persons, bookings) goes through
`core.statistics` (1–4 → "< 5", complementary cells "–"); totals shown in two tables and the headline are
hidden together (`hide_shared_total`). Interpreter hours and cost are amounts, not counts, but for a small
group they describe the persons behind it: they are shown only when at least 5 cases are behind them
(a booking without a case counts as one), else "–".

Queries: ten for the section (topics, languages, cases by topic, the cases' aggregate, cases by language,
short consultations by topic, sessions by month, persons counselled, bookings by language, the cases
behind the bookings), whatever the data volume and however many offices `sections_for_offices` is asked
for (grouped by office); three for `municipality_rows`.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from fachstelle.core.languages import active_language
from fachstelle.core.models import Language
from fachstelle.core.statistics import Column, protected_table, suppress
from fachstelle.counselling.models import (
    Case,
    CounsellingSession,
    InterpreterBooking,
    ShortConsultation,
    Topic,
)

from ..selectors.dashboard import amount, currency, hide_shared_total, month_rows
from . import Figure, MunicipalityRow, Section

KEY = "counselling"
NONE = "none"
MONEY = DecimalField(max_digits=14, decimal_places=2)

# The bookings every report counts as interpreting (see the module docstring).
COUNTED_BOOKING_STATUSES = (InterpreterBooking.Status.CONFIRMED, InterpreterBooking.Status.DONE)


def interpreting_bookings(*, office_ids, start, end, municipality_id=None):
    """Interpreter bookings of `office_ids` dated in [start, end] that the reports count."""
    bookings = InterpreterBooking.objects.filter(
        office_id__in=office_ids, date__range=(start, end), status__in=COUNTED_BOOKING_STATUSES
    )
    if municipality_id:
        bookings = bookings.filter(case__municipality_id=municipality_id)
    return bookings


def cases_behind_bookings():
    """The aggregate counting who is behind bookings: distinct cases, a booking without a case as one."""
    return Count("case_id", distinct=True) + Count("pk", filter=Q(case__isnull=True))


# --- The counts, for one or many offices at once -----------------------------------------------------------
# Sessions carry no office (they belong to a case): a query per office would scan the period's sessions of
# every office each time, so the canton's view asks once for all its offices, grouped by office.


@dataclass
class _Counts:
    """What the section is built from, for one office."""

    opened: int = 0
    open_at_end: int = 0
    cases_by_topic: dict = field(default_factory=dict)  # topic id (None: no topic) → cases opened
    short_by_topic: dict = field(default_factory=dict)  # topic id → short consultations
    cases_by_language: dict = field(default_factory=dict)  # language id (None: not recorded) → cases
    sessions_by_month: dict = field(default_factory=dict)  # (year, month) → sessions
    persons: int = 0
    bookings: list = field(default_factory=list)  # rows by language: n, minutes, entered, rated
    cases_behind_bookings: int = 0


def _counts(*, office_ids: list[int], filters) -> dict[int, _Counts]:
    """Eight grouped queries whatever the number of offices."""
    counts = {pk: _Counts() for pk in office_ids}
    municipality_id = filters.municipality.pk if filters.municipality else None
    period = (filters.start, filters.end)
    end = filters.end
    cases = Case.objects.filter(office_id__in=office_ids)
    short = ShortConsultation.objects.filter(office_id__in=office_ids, held_on__range=period)
    sessions = CounsellingSession.objects.filter(case__office_id__in=office_ids, held_on__range=period)
    if municipality_id:
        cases = cases.filter(municipality_id=municipality_id)
        short = short.filter(municipality_id=municipality_id)
        sessions = sessions.filter(case__municipality_id=municipality_id)
    opened = cases.filter(opened_on__range=period)
    bookings = interpreting_bookings(
        office_ids=office_ids, start=filters.start, end=filters.end, municipality_id=municipality_id
    )

    for row in (
        cases.values("office_id")
        .annotate(
            opened=Count("pk", filter=Q(opened_on__range=period)),
            open_at_end=Count(
                "pk", filter=Q(opened_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))
            ),
        )
        .order_by()
    ):
        counts[row["office_id"]].opened = row["opened"]
        counts[row["office_id"]].open_at_end = row["open_at_end"]
    # A case can have several topics: the column sums to at least the number of cases (non-additive).
    for row in opened.values("office_id", "topics__id").annotate(n=Count("pk", distinct=True)).order_by():
        counts[row["office_id"]].cases_by_topic[row["topics__id"]] = row["n"]
    for row in short.values("office_id", "topic_id").annotate(n=Count("pk")).order_by():
        counts[row["office_id"]].short_by_topic[row["topic_id"]] = row["n"]
    for row in opened.values("office_id", "language_id").annotate(n=Count("pk")).order_by():
        counts[row["office_id"]].cases_by_language[row["language_id"]] = row["n"]
    for row in (
        sessions.annotate(year=ExtractYear("held_on"), month=ExtractMonth("held_on"))
        .values("case__office_id", "year", "month")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[row["case__office_id"]].sessions_by_month[(row["year"], row["month"])] = row["n"]
    for row in (
        sessions.values("case__office_id")
        .annotate(
            n=Count("case__client_id", distinct=True)
            + Count("case_id", distinct=True, filter=Q(case__client__isnull=True))
        )
        .order_by()
    ):
        counts[row["case__office_id"]].persons = row["n"]
    for row in (
        bookings.values("office_id", "language_id")
        .annotate(
            n=Count("pk"),
            minutes=Sum("duration_minutes"),
            entered=Sum("cost"),
            # rate × minutes where no cost was entered (divided by 60 below, in Decimal).
            rated=Sum(
                F("interpreter__hourly_rate") * F("duration_minutes"),
                filter=Q(cost__isnull=True),
                output_field=MONEY,
            ),
        )
        .order_by()
    ):
        counts[row["office_id"]].bookings.append(row)
    # The threshold counts the distinct cases of all bookings (a case with bookings in two languages is
    # one case, which the rows by language cannot tell).
    for row in bookings.values("office_id").annotate(n=cases_behind_bookings()).order_by():
        counts[row["office_id"]].cases_behind_bookings = row["n"]
    return counts


# --- The tables and figures, from the counts ---------------------------------------------------------------


def _topics_table(counts: _Counts, *, topics, language: str):
    per_topic, per_topic_short = counts.cases_by_topic, counts.short_by_topic
    rows = [(topic.slug, topic.label(language)) for topic in topics]
    cells = [[per_topic.get(topic.pk, 0), per_topic_short.get(topic.pk, 0)] for topic in topics]
    if per_topic.get(None):
        rows.append((NONE, _("No topic recorded")))
        cells.append([per_topic[None], 0])
    return protected_table(
        key="topics",
        title=_("Cases and short consultations by topic"),
        row_header=_("Topic"),
        rows=rows,
        columns=[Column(_("Cases opened"), additive=False), Column(_("Short consultations"))],
        counts=cells,
        column_totals=[counts.opened, sum(per_topic_short.values())],
        total_label=_("Total"),
        note=_("Cases opened in the period (a case can have several topics) and short consultations held."),
    )


def _languages_table(counts: _Counts, *, labels: dict[int, str]):
    per_language = counts.cases_by_language
    used = sorted((pk for pk in per_language if pk is not None), key=lambda pk: labels.get(pk, "").lower())
    # Alphabetical, not by size: an order by size would tell more than the cells show.
    rows = [(str(pk), labels.get(pk, "?")) for pk in used] + [(NONE, _("Not recorded"))]
    values = [per_language[pk] for pk in used] + [per_language.get(None, 0)]
    return protected_table(
        key="languages",
        title=_("Cases opened by language of counselling"),
        row_header=_("Language"),
        rows=rows,
        columns=[Column(_("Cases opened"))],
        counts=[[value] for value in values],
        column_totals=[sum(values)],
        total_label=_("Total"),
    )


def _months_table(counts: _Counts, *, filters):
    months = month_rows(filters)
    values = [counts.sessions_by_month.get(month, 0) for month in months]
    return protected_table(
        key="sessions_by_month",
        title=_("Sessions by month"),
        row_header=_("Month"),
        rows=[
            (f"{year:04d}-{month:02d}", date_format(datetime.date(year, month, 1), "YEAR_MONTH_FORMAT"))
            for year, month in months
        ],
        columns=[Column(_("Sessions"))],
        counts=[[value] for value in values],
        column_totals=[sum(values)],
        total_label=_("Total"),
    )


def _interpreting(counts: _Counts, *, labels: dict[int, str]):
    """The bookings by language (a protected table) and their hours and cost (withheld below 5 cases)."""
    rows = counts.bookings
    by_language = {row["language_id"]: row["n"] for row in rows}
    used = sorted(by_language, key=lambda pk: labels.get(pk, "").lower())
    values = [by_language[pk] for pk in used]
    table = protected_table(
        key="interpreter_bookings",
        title=_("Interpreter bookings by language"),
        row_header=_("Language"),
        rows=[(str(pk), labels.get(pk, "?")) for pk in used],
        columns=[Column(_("Bookings"))],
        counts=[[value] for value in values],
        column_totals=[sum(values)],
        total_label=_("Total"),
        note=_("Bookings dated in the period, confirmed or done."),
    )
    minutes = sum(row["minutes"] or 0 for row in rows)
    cost = sum((Decimal(row["entered"] or 0) for row in rows), Decimal(0)) + sum(
        (Decimal(row["rated"] or 0) for row in rows), Decimal(0)
    ) / Decimal(60)
    people = counts.cases_behind_bookings
    return table, amount(Decimal(minutes) / Decimal(60), people=people), amount(cost, people=people)


def _section(counts: _Counts, *, office, filters, topics, labels: dict[int, str], language: str) -> Section:
    topics_table = _topics_table(counts, topics=topics, language=language)
    languages = _languages_table(counts, labels=labels)
    months = _months_table(counts, filters=filters)
    bookings, hours, cost = _interpreting(counts, labels=labels)

    opened = Figure("cases_opened", _("Cases opened"), suppress(counts.opened))
    short = Figure("short_consultations", _("Short consultations"), topics_table.total.cells[1])
    sessions = Figure("sessions", _("Sessions held"), months.total.cells[0])
    # The cases opened are the total of two tables and a headline figure: hidden in one, hidden in all.
    hide_shared_total([(topics_table.total, 0), (languages.total, 0)], [opened])
    figures = [
        opened,
        Figure("cases_open_at_end", _("Cases open at the end of the period"), suppress(counts.open_at_end)),
        short,
        sessions,
        Figure(
            "persons_counselled",
            _("Persons counselled (with a session in the period)"),
            suppress(counts.persons),
        ),
        Figure("interpreter_bookings", _("Interpreter bookings"), bookings.total.cells[0]),
        Figure("interpreter_hours", _("Interpreter hours"), hours, "h"),
        Figure("interpreter_cost", _("Interpreter cost"), cost, currency(office)),
    ]
    return Section(
        key=KEY,
        title=_("Counselling"),
        figures=figures,
        tables=[topics_table, languages, months, bookings],
        note=_(
            "Interpreter hours and cost are shown only when at least 5 cases are behind them (“–” otherwise)."
        ),
    )


def sections_for_offices(*, offices, filters) -> dict[int, Section]:
    """The section of each of `offices` (by office id): ten queries whatever the number of offices."""
    language = active_language()
    labels = {item.pk: item.label(language) for item in Language.objects.all()}
    topics = list(Topic.objects.order_by("order", "name"))
    counts = _counts(office_ids=[office.pk for office in offices], filters=filters)
    return {
        office.pk: _section(
            counts[office.pk], office=office, filters=filters, topics=topics, labels=labels, language=language
        )
        for office in offices
    }


def section(*, office, filters) -> Section:
    return sections_for_offices(offices=[office], filters=filters)[office.pk]


def municipality_rows(*, office, filters, municipalities) -> list[MunicipalityRow]:
    """Cases opened, short consultations and sessions held in the period per municipality (the
    municipality filter of `filters` is not applied: the rows compare the municipalities)."""
    ids = [getattr(municipality, "pk", municipality) for municipality in municipalities]
    period = (filters.start, filters.end)
    cases = dict(
        Case.objects.filter(office=office, opened_on__range=period, municipality_id__in=ids)
        .values("municipality_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("municipality_id", "n")
    )
    short = dict(
        ShortConsultation.objects.filter(office=office, held_on__range=period, municipality_id__in=ids)
        .values("municipality_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("municipality_id", "n")
    )
    sessions = dict(
        CounsellingSession.objects.filter(
            case__office=office, held_on__range=period, case__municipality_id__in=ids
        )
        .values("case__municipality_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("case__municipality_id", "n")
    )
    return [
        MunicipalityRow(
            "cases_opened", _("Cases opened"), {pk: suppress(cases.get(pk, 0)) for pk in ids}, additive=True
        ),
        MunicipalityRow(
            "short_consultations",
            _("Short consultations"),
            {pk: suppress(short.get(pk, 0)) for pk in ids},
            additive=True,
        ),
        MunicipalityRow(
            "sessions", _("Sessions held"), {pk: suppress(sessions.get(pk, 0)) for pk in ids}, additive=True
        ),
    ]
