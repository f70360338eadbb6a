"""Needs analysis (Bedarfsanalyse): anonymised aggregates of intakes and cases of one office, by period and
municipality, every table protected by `fachstelle.core.statistics` (cells of fewer than 5 persons hidden,
and the cells a total would give away).

Who is counted: the *persons* of the period are the office's clients with an intake held in the period or
a case opened in it (a client's municipality decides the municipality filter). Topic statistics count the
cases opened in the period, where an anonymous case counts as one person; sessions and short consultations
count by their own date and municipality (the case's municipality for sessions). Anonymised records
(`anonymised_at` set) are counted like any other: anonymisation clears what identifies a person, not the
categories, so statistics survive retention.

Everything is aggregated in the database (GROUP BY / COUNT DISTINCT / conditional counts), one or two
queries per section and a constant number per page, whatever the period or the data volume; Python only
arranges the aggregated rows (a few dozen) into tables.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from fachstelle.core.languages import active_language
from fachstelle.core.models import Language, Municipality, Office
from fachstelle.core.statistics import Column, Table, protected_table, suppress
from fachstelle.core.statistics import Count as ShownCount

from ..countries import COUNTRIES
from ..models import (
    Case,
    Client,
    ClientLanguage,
    CounsellingSession,
    GoalCategory,
    Intake,
    IntakeGoal,
    Qualification,
    ShortConsultation,
    Topic,
)
from ..models.office import permit_choices

# How many countries of origin are listed by name; the others are summed up as "other countries".
TOP_COUNTRIES = 10
GERMAN = "de"
# The order of the German levels in the table (the brief of the district: A1 → C2, then the rest).
GERMAN_LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2", "native", "none"]
UNKNOWN = "unknown"


@dataclass(frozen=True)
class AnalysisFilters:
    date_from: datetime.date
    date_to: datetime.date
    municipality: Municipality | None = None

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        return self.date_from, self.date_to

    def cache_token(self) -> str:
        municipality = self.municipality.pk if self.municipality else "-"
        return f"{self.date_from.isoformat()}:{self.date_to.isoformat()}:{municipality}"


def default_filters(*, today: datetime.date | None = None) -> AnalysisFilters:
    """The current calendar year, all municipalities."""
    year = (today or datetime.date.today()).year
    return AnalysisFilters(date_from=datetime.date(year, 1, 1), date_to=datetime.date(year, 12, 31))


@dataclass
class NeedsAnalysis:
    filters: AnalysisFilters
    tables: list[Table]
    persons: ShownCount | None = None
    cases: ShownCount | None = None
    short_consultations: ShownCount | None = None

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)


class _Context:
    """What the sections of one analysis share: the office, the filters, the persons of the period."""

    def __init__(self, *, office: Office, filters: AnalysisFilters):
        self.office = office
        self.filters = filters
        self.language = active_language()
        self.headline: dict[str, ShownCount] = {}

    def persons(self) -> QuerySet[Client]:
        period = self.filters.period
        opened = Case.objects.filter(
            office=self.office, opened_on__range=period, client__isnull=False
        ).values("client_id")
        persons = Client.objects.filter(office=self.office).filter(
            Q(intake__held_on__range=period) | Q(pk__in=opened)
        )
        if self.filters.municipality:
            persons = persons.filter(municipality=self.filters.municipality)
        return persons

    def cases(self) -> QuerySet[Case]:
        cases = Case.objects.filter(office=self.office, opened_on__range=self.filters.period)
        if self.filters.municipality:
            cases = cases.filter(municipality=self.filters.municipality)
        return cases

    def language_labels(self) -> dict[int, str]:
        return {language.pk: language.label(self.language) for language in Language.objects.all()}


def _grouped(queryset: QuerySet, field: str) -> dict:
    """{value of `field`: n} of a `.values(field).annotate(n=…)` queryset."""
    return {row[field]: row["n"] for row in queryset}


def _single_column_table(
    context: _Context,
    *,
    key: str,
    title: str,
    row_header: str,
    rows: list[tuple[str, str]],
    counts: dict,
    note: str = "",
) -> Table:
    """A table of persons in which every person is in exactly one row (the total is the sum)."""
    values = [counts.get(row_key, 0) for row_key, _label in rows]
    return protected_table(
        key=key,
        title=title,
        row_header=row_header,
        rows=rows,
        columns=[Column(_("Persons"))],
        counts=[[value] for value in values],
        column_totals=[sum(values)],
        total_label=_("Total persons"),
        note=note,
    )


# --- Sections ---------------------------------------------------------------------------------------------


def _german(context: _Context) -> Table:
    level = ClientLanguage.objects.filter(client=OuterRef("pk"), language__code=GERMAN).values("level")[:1]
    counts = _grouped(
        context.persons().annotate(level=Subquery(level)).values("level").annotate(n=Count("pk")).order_by(),
        "level",
    )
    counts[UNKNOWN] = counts.pop(None, 0)
    labels = dict(ClientLanguage.Level.choices)
    rows = [(code, str(labels[code])) for code in GERMAN_LEVELS] + [(UNKNOWN, _("Not recorded"))]
    table = _single_column_table(
        context, key="german", title=_("Knowledge of German"), row_header=_("Level"), rows=rows, counts=counts
    )
    context.headline["persons"] = table.total.cells[0]
    return table


def _education(context: _Context) -> Table:
    counts = _grouped(
        context.persons().values("intake__education").annotate(n=Count("pk")).order_by(), "intake__education"
    )
    # No intake yet: the education is not known.
    counts[Intake.Education.UNKNOWN] = counts.get(Intake.Education.UNKNOWN, 0) + counts.pop(None, 0)
    rows = [(code, str(label)) for code, label in Intake.Education.choices]
    return _single_column_table(
        context,
        key="education",
        title=_("Highest education"),
        row_header=_("Education"),
        rows=rows,
        counts=counts,
    )


def _qualifications(context: _Context) -> Table:
    kinds = Qualification.Kind.choices
    statuses = Qualification.Recognition.choices
    person = "client_id"
    aggregates = {"grand": Count(person, distinct=True)}
    for kind, _label in kinds:
        aggregates[f"kind_{kind}"] = Count(person, distinct=True, filter=Q(kind=kind))
        for status, _status_label in statuses:
            aggregates[f"cell_{kind}_{status}"] = Count(
                person, distinct=True, filter=Q(kind=kind, recognition=status)
            )
    for status, _label in statuses:
        aggregates[f"status_{status}"] = Count(person, distinct=True, filter=Q(recognition=status))
    # One query: every cell and total as a conditional COUNT DISTINCT of persons.
    result = Qualification.objects.filter(client__in=context.persons().values("pk")).aggregate(**aggregates)
    return protected_table(
        key="qualifications",
        title=_("Qualifications by recognition"),
        row_header=_("Qualification"),
        rows=[(kind, str(label)) for kind, label in kinds],
        # A person with two qualifications is in two cells: the lines are not additive.
        columns=[Column(str(label), additive=False) for _status, label in statuses],
        counts=[[result[f"cell_{kind}_{status}"] for status, _s in statuses] for kind, _k in kinds],
        column_totals=[result[f"status_{status}"] for status, _s in statuses],
        total_label=_("Persons with qualifications"),
        row_totals=[result[f"kind_{kind}"] for kind, _k in kinds],
        row_total_label=_("Persons"),
        rows_additive=False,
        grand_total=result["grand"],
        note=_("Persons with at least one qualification of the kind; a person can be in several cells."),
        chart="stacked",
    )


def _goals(context: _Context) -> Table:
    aggregates = {
        f"goal_{category}": Count("pk", filter=Q(category=category)) for category, _l in GoalCategory.choices
    }
    result = IntakeGoal.objects.filter(intake__client__in=context.persons().values("pk")).aggregate(
        persons=Count("intake__client_id", distinct=True), **aggregates
    )
    return protected_table(
        key="goals",
        title=_("Goals"),
        row_header=_("Goal"),
        rows=[(category, str(label)) for category, label in GoalCategory.choices],
        columns=[Column(_("Persons"), additive=False)],
        counts=[[result[f"goal_{category}"]] for category, _l in GoalCategory.choices],
        column_totals=[result["persons"]],
        total_label=_("Persons with goals"),
        note=_("Goal categories chosen at intake; a person can have several goals."),
    )


def _topics(context: _Context) -> Table:
    cases = context.cases()
    # An anonymous case has no client: it counts as one person of its own.
    anonymous = Q(client__isnull=True)
    totals = cases.aggregate(
        persons=Count("client_id", distinct=True) + Count("pk", filter=anonymous), cases=Count("pk")
    )
    per_topic = _grouped(
        Case.topics.through.objects.filter(case__in=cases)
        .values("topic_id")
        .annotate(
            n=Count("case__client_id", distinct=True) + Count("case_id", filter=Q(case__client__isnull=True))
        )
        .order_by(),
        "topic_id",
    )
    short = ShortConsultation.objects.filter(office=context.office, held_on__range=context.filters.period)
    if context.filters.municipality:
        short = short.filter(municipality=context.filters.municipality)
    per_topic_short = _grouped(short.values("topic_id").annotate(n=Count("pk")).order_by(), "topic_id")
    topics = list(Topic.objects.order_by("order", "name"))
    table = protected_table(
        key="topics",
        title=_("Topics"),
        row_header=_("Topic"),
        rows=[(topic.slug, topic.label(context.language)) for topic in topics],
        columns=[
            Column(_("Persons (cases opened)"), additive=False),
            Column(_("Short consultations")),
        ],
        counts=[[per_topic.get(topic.pk, 0), per_topic_short.get(topic.pk, 0)] for topic in topics],
        column_totals=[totals["persons"], sum(per_topic_short.values())],
        total_label=_("Total"),
        note=_(
            "Cases opened in the period (an anonymous case counts as one person; a case can have several "
            "topics) and short consultations held in the period."
        ),
    )
    context.headline["cases"] = suppress(totals["cases"])
    context.headline["short_consultations"] = table.total.cells[1]
    return table


def _interpreting(context: _Context) -> Table:
    at_intake = _grouped(
        context.persons()
        .filter(intake__needs_interpreter=True)
        .values("intake__interpreter_language_id")
        .annotate(n=Count("pk"))
        .order_by(),
        "intake__interpreter_language_id",
    )
    sessions = CounsellingSession.objects.filter(
        case__office=context.office, held_on__range=context.filters.period, interpreter_used=True
    )
    if context.filters.municipality:
        sessions = sessions.filter(case__municipality=context.filters.municipality)
    persons = Count("case__client_id", distinct=True) + Count(
        "case_id", distinct=True, filter=Q(case__client__isnull=True)
    )
    in_sessions = _grouped(sessions.values("language_id").annotate(n=persons).order_by(), "language_id")
    session_persons = sessions.aggregate(n=persons)["n"]
    labels = context.language_labels()
    language_ids = sorted(
        {pk for pk in [*at_intake, *in_sessions] if pk is not None and pk in labels},
        key=lambda pk: labels[pk].lower(),
    )
    rows = [(str(pk), labels[pk]) for pk in language_ids]
    counts = [[at_intake.get(pk, 0), in_sessions.get(pk, 0)] for pk in language_ids]
    # Always listed, so the table's shape does not depend on whether the cell is empty.
    rows.append(("none", _("Language not recorded")))
    counts.append([at_intake.get(None, 0), in_sessions.get(None, 0)])
    return protected_table(
        key="interpreting",
        title=_("Languages needing interpreting"),
        row_header=_("Language"),
        rows=rows,
        columns=[
            Column(_("Persons needing an interpreter (intake)")),
            # A person can have interpreted sessions in two languages.
            Column(_("Persons with interpreted sessions"), additive=False),
        ],
        counts=counts,
        column_totals=[sum(at_intake.values()), session_persons],
        total_label=_("Total persons"),
        note=_("Need recorded at intake, and sessions held with an interpreter in the period, by language."),
    )


def _permits(context: _Context) -> Table:
    counts = _grouped(
        context.persons().values("permit_category").annotate(n=Count("pk")).order_by(), "permit_category"
    )
    counts[UNKNOWN] = counts.pop("", 0) + counts.pop(None, 0)
    choices = [(str(code), str(label)) for code, label in permit_choices(context.office)]
    known = {code for code, _label in choices}
    # Codes no longer in the office's list (the list was changed) are still counted, under their code.
    retired = sorted(code for code in counts if code not in known and code != UNKNOWN)
    rows = [*choices, *[(code, code) for code in retired], (UNKNOWN, _("Not recorded"))]
    return _single_column_table(
        context,
        key="permits",
        title=_("Residence permits"),
        row_header=_("Permit"),
        rows=rows,
        counts=counts,
    )


def _countries(context: _Context) -> Table:
    counts = _grouped(
        context.persons().values("country_of_origin").annotate(n=Count("pk")).order_by(), "country_of_origin"
    )
    unknown = counts.pop("", 0) + counts.pop(None, 0)
    names = {code: str(name) for code, name in COUNTRIES}
    # Named: the most frequent countries that are not small anyway; all others go to "other countries".
    # Listed alphabetically: an order by size would tell more than the cells show.
    frequent = sorted((code for code, n in counts.items() if n >= 5), key=lambda code: (-counts[code], code))[
        :TOP_COUNTRIES
    ]
    rows = sorted(((code, names.get(code, code)) for code in frequent), key=lambda row: row[1].lower())
    values = {code: counts[code] for code in frequent}
    values["other"] = sum(n for code, n in counts.items() if code not in values)
    values[UNKNOWN] = unknown
    rows += [("other", _("Other countries")), (UNKNOWN, _("Not recorded"))]
    return _single_column_table(
        context,
        key="countries",
        title=_("Countries of origin"),
        row_header=_("Country"),
        rows=rows,
        counts=values,
        note=_("The %(n)s most frequent countries by name; all others together.") % {"n": TOP_COUNTRIES},
    )


def _municipalities(context: _Context) -> Table:
    grouped = list(
        context.persons().values("municipality_id", "municipality__name").annotate(n=Count("pk")).order_by()
    )
    counts = {str(row["municipality_id"]): row["n"] for row in grouped if row["municipality_id"]}
    counts[UNKNOWN] = sum(row["n"] for row in grouped if not row["municipality_id"])
    served = Municipality.objects.filter(offices=context.office)
    if context.filters.municipality:
        served = served.filter(pk=context.filters.municipality.pk)
    names = {str(pk): name for pk, name in served.values_list("pk", "name")}
    # Persons living in a municipality the office does not serve (moved away) are still counted.
    names.update(
        {str(row["municipality_id"]): row["municipality__name"] for row in grouped if row["municipality_id"]}
    )
    rows = sorted(names.items(), key=lambda row: row[1].lower())
    rows.append((UNKNOWN, _("Not recorded")))
    return _single_column_table(
        context,
        key="municipalities",
        title=_("Municipalities"),
        row_header=_("Municipality"),
        rows=rows,
        counts=counts,
    )


# The sections in the order of the page; their keys name them in chart URLs and the CSV.
SECTIONS: dict[str, Callable[[_Context], Table]] = {
    "german": _german,
    "education": _education,
    "qualifications": _qualifications,
    "goals": _goals,
    "topics": _topics,
    "interpreting": _interpreting,
    "permits": _permits,
    "countries": _countries,
    "municipalities": _municipalities,
}


def needs_analysis(
    *, office: Office, filters: AnalysisFilters, sections: Iterable[str] | None = None
) -> NeedsAnalysis:
    """The protected tables of the needs analysis (all sections, or the named ones) and the headline
    figures (persons, cases opened, short consultations; set when their sections are computed)."""
    context = _Context(office=office, filters=filters)
    keys = list(SECTIONS) if sections is None else [key for key in SECTIONS if key in set(sections)]
    tables = [SECTIONS[key](context) for key in keys]
    return NeedsAnalysis(
        filters=filters,
        tables=tables,
        persons=context.headline.get("persons"),
        cases=context.headline.get("cases"),
        short_consultations=context.headline.get("short_consultations"),
    )
