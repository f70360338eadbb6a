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
behind the bookings), three for
`municipality_rows`, whatever the data volume.
"""

import datetime
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


def _cases(*, office, filters):
    cases = Case.objects.filter(office=office)
    if filters.municipality:
        cases = cases.filter(municipality=filters.municipality)
    return cases


def _opened(*, office, filters):
    return _cases(office=office, filters=filters).filter(opened_on__range=(filters.start, filters.end))


def _short_consultations(*, office, filters):
    short = ShortConsultation.objects.filter(office=office, held_on__range=(filters.start, filters.end))
    if filters.municipality:
        short = short.filter(municipality=filters.municipality)
    return short


def _sessions(*, office, filters):
    sessions = CounsellingSession.objects.filter(
        case__office=office, held_on__range=(filters.start, filters.end)
    )
    if filters.municipality:
        sessions = sessions.filter(case__municipality=filters.municipality)
    return sessions


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


def _bookings(*, office, filters):
    return interpreting_bookings(
        office_ids=[office.pk],
        start=filters.start,
        end=filters.end,
        municipality_id=filters.municipality.pk if filters.municipality else None,
    )


def _topics_table(*, office, filters, language: str, opened_total: int):
    topics = list(Topic.objects.order_by("order", "name"))
    # A case can have several topics: the column sums to at least the number of cases (non-additive).
    per_topic = {
        row["topics__id"]: row["n"]
        for row in _opened(office=office, filters=filters)
        .values("topics__id")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    }
    per_topic_short = {
        row["topic_id"]: row["n"]
        for row in _short_consultations(office=office, filters=filters)
        .values("topic_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows = [(topic.slug, topic.label(language)) for topic in topics]
    counts = [[per_topic.get(topic.pk, 0), per_topic_short.get(topic.pk, 0)] for topic in topics]
    if per_topic.get(None):
        rows.append((NONE, _("No topic recorded")))
        counts.append([per_topic[None], 0])
    return protected_table(
        key="topics",
        title=_("Cases and short consultations by topic"),
        row_header=_("Topic"),
        rows=rows,
        columns=[Column(_("Cases opened"), additive=False), Column(_("Short consultations"))],
        counts=counts,
        column_totals=[opened_total, sum(per_topic_short.values())],
        total_label=_("Total"),
        note=_("Cases opened in the period (a case can have several topics) and short consultations held."),
    )


def _languages_table(*, office, filters, labels: dict[int, str]):
    per_language = {
        row["language_id"]: row["n"]
        for row in _opened(office=office, filters=filters)
        .values("language_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
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


def _months_table(*, office, filters):
    per_month = {
        (row["year"], row["month"]): row["n"]
        for row in _sessions(office=office, filters=filters)
        .annotate(year=ExtractYear("held_on"), month=ExtractMonth("held_on"))
        .values("year", "month")
        .annotate(n=Count("pk"))
        .order_by()
    }
    months = month_rows(filters)
    values = [per_month.get(month, 0) for month in months]
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


def _interpreting(*, office, filters, labels: dict[int, str]):
    """The bookings by language (a protected table) and their hours and cost (withheld below 5 cases)."""
    money = DecimalField(max_digits=14, decimal_places=2)
    rows = list(
        _bookings(office=office, filters=filters)
        .values("language_id")
        .annotate(
            n=Count("pk"),
            cases=Count("case_id", distinct=True),
            without_case=Count("pk", filter=Q(case__isnull=True)),
            minutes=Sum("duration_minutes"),
            entered=Sum("cost"),
            # rate × minutes where no cost was entered (divided by 60 below, in Decimal).
            rated=Sum(
                F("interpreter__hourly_rate") * F("duration_minutes"),
                filter=Q(cost__isnull=True),
                output_field=money,
            ),
        )
        .order_by()
    )
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
    # The threshold counts the distinct cases of all bookings (a case with bookings in two languages is
    # one case, which the rows by language cannot tell).
    cases_behind = _bookings(office=office, filters=filters).aggregate(n=cases_behind_bookings())["n"]
    minutes = sum(row["minutes"] or 0 for row in rows)
    cost = sum((Decimal(row["entered"] or 0) for row in rows), Decimal(0)) + sum(
        (Decimal(row["rated"] or 0) for row in rows), Decimal(0)
    ) / Decimal(60)
    hours = amount(Decimal(minutes) / Decimal(60), people=cases_behind or 0)
    return table, hours, amount(cost, people=cases_behind or 0)


def section(*, office, filters) -> Section:
    language = active_language()
    labels = {item.pk: item.label(language) for item in Language.objects.all()}
    end = filters.end
    totals = _cases(office=office, filters=filters).aggregate(
        opened=Count("pk", filter=Q(opened_on__range=(filters.start, end))),
        open_at_end=Count(
            "pk", filter=Q(opened_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))
        ),
    )
    topics = _topics_table(office=office, filters=filters, language=language, opened_total=totals["opened"])
    languages = _languages_table(office=office, filters=filters, labels=labels)
    months = _months_table(office=office, filters=filters)
    persons = _sessions(office=office, filters=filters).aggregate(
        n=Count("case__client_id", distinct=True)
        + Count("case_id", distinct=True, filter=Q(case__client__isnull=True))
    )["n"]
    bookings, hours, cost = _interpreting(office=office, filters=filters, labels=labels)

    opened = Figure("cases_opened", _("Cases opened"), suppress(totals["opened"]))
    short = Figure("short_consultations", _("Short consultations"), topics.total.cells[1])
    sessions = Figure("sessions", _("Sessions held"), months.total.cells[0])
    # The cases opened are the total of two tables and a headline figure: hidden in one, hidden in all.
    hide_shared_total([(topics.total, 0), (languages.total, 0)], [opened])
    figures = [
        opened,
        Figure(
            "cases_open_at_end", _("Cases open at the end of the period"), suppress(totals["open_at_end"])
        ),
        short,
        sessions,
        Figure(
            "persons_counselled", _("Persons counselled (with a session in the period)"), suppress(persons)
        ),
        Figure("interpreter_bookings", _("Interpreter bookings"), bookings.total.cells[0]),
        Figure("interpreter_hours", _("Interpreter hours"), hours, "h"),
        Figure("interpreter_cost", _("Interpreter cost"), cost, currency(office)),
    ]
    return Section(
        key=KEY,
        title=_("Counselling"),
        figures=figures,
        tables=[topics, languages, months, bookings],
        note=_(
            "Interpreter hours and cost are shown only when at least 5 cases are behind them (“–” otherwise)."
        ),
    )


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
