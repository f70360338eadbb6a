"""Needs analysis (Bedarfsanalyse): anonymised aggregates of intakes and cases of one office, by period and
municipality, every table protected by `fachstelle.core.statistics` (cells of fewer than 5 persons hidden,
and the cells a total would give away).

Who is counted: the *persons* of the period are the office's clients with an intake held in the period or
a case opened in it (a client's municipality decides the municipality filter). Topic statistics count the
cases opened in the period, where an anonymous case counts as one person; sessions and short consultations
count by their own date and municipality (the case's municipality for sessions). Anonymised records
(`anonymised_at` set) are counted like any other: anonymisation clears what identifies a person, not the
categories, so statistics survive retention.

Everything is aggregated in the database (conditional COUNT / COUNT DISTINCT, a GROUP BY where the
categories are open-ended), eleven queries for the whole analysis whatever the period or the data volume:
the single-valued facts of the persons (German level, education, permit, country, municipality,
interpreting need) come from one pass over them (`_Context.profile`), qualifications, goals, topics and
interpreted sessions from one query each, plus the short vocabularies. Python only arranges the
aggregated numbers (a few hundred at most) into tables.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, FilteredRelation, Q, QuerySet
from django.utils.translation import gettext as _

from fachstelle.core.countries import COUNTRIES
from fachstelle.core.languages import active_language
from fachstelle.core.models import Language, Municipality, Office
from fachstelle.core.statistics import (
    SECONDARY,
    SUPPRESSION_THRESHOLD,
    Column,
    Table,
    is_suppressed,
    protected_table,
    suppress,
)
from fachstelle.core.statistics import Count as ShownCount

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
# The order of the German levels in the table: A1 → C2, then mother tongue and none.
GERMAN_LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2", "native", "none"]
UNKNOWN = "unknown"
OTHER = "other"


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
    """What the sections of one analysis share: the office, the filters, the persons of the period, and
    the aggregates several sections read (each computed once, on first use)."""

    def __init__(self, *, office: Office, filters: AnalysisFilters):
        self.office = office
        self.filters = filters
        self.language = active_language()
        self.headline: dict[str, ShownCount] = {}

    def persons(self) -> QuerySet[Client]:
        """Clients of the office with an intake held or a case opened in the period: the union of two id
        sets read from the date indexes (intake.held_on, case office + opened_on). As a UNION the planner
        knows how small it is and joins the few persons, not every client of the office."""
        period = self.filters.period
        intakes = Intake.objects.filter(held_on__range=period).values("client_id").order_by()
        opened = (
            Case.objects.filter(office=self.office, opened_on__range=period, client__isnull=False)
            .values("client_id")
            .order_by()
        )
        persons = Client.objects.filter(office=self.office, pk__in=intakes.union(opened))
        if self.filters.municipality:
            persons = persons.filter(municipality=self.filters.municipality)
        return persons

    def person_ids(self) -> QuerySet:
        return self.persons().values("pk")

    def cases(self) -> QuerySet[Case]:
        cases = Case.objects.filter(office=self.office, opened_on__range=self.filters.period)
        if self.filters.municipality:
            cases = cases.filter(municipality=self.filters.municipality)
        return cases

    @cached_property
    def _language_rows(self) -> list[Language]:
        return list(Language.objects.all())

    @cached_property
    def languages(self) -> dict[int, str]:
        """Every language by id, named in the active language (a short vocabulary: one query)."""
        return {language.pk: language.label(self.language) for language in self._language_rows}

    @cached_property
    def german_id(self) -> int | None:
        return next((language.pk for language in self._language_rows if language.code == GERMAN), None)

    @cached_property
    def served(self) -> list[tuple[int, str]]:
        """The municipalities the office serves (only the filtered one, if any), by name."""
        served = Municipality.objects.filter(offices=self.office).order_by("name")
        if self.filters.municipality:
            served = served.filter(pk=self.filters.municipality.pk)
        return list(served.values_list("pk", "name"))

    @cached_property
    def permits(self) -> list[tuple[str, str]]:
        return [(str(code), str(label)) for code, label in permit_choices(self.office)]

    @cached_property
    def profile(self) -> dict[str, int]:
        """One pass over the persons of the period: a conditional count per German level, education,
        permit, country, municipality and interpreting language (the single-valued facts of a person;
        one query, joined to the intake and to the German entry — at most one per person)."""
        persons = self.persons()
        counts = {"total": Count("pk")}
        if self.german_id is not None:
            persons = persons.annotate(
                german=FilteredRelation("languages", condition=Q(languages__language_id=self.german_id))
            )
            for code in GERMAN_LEVELS:
                counts[f"german:{code}"] = Count("pk", filter=Q(german__level=code))
        for code, _label in Intake.Education.choices:
            counts[f"education:{code}"] = Count("pk", filter=Q(intake__education=code))
        for code, _label in self.permits:
            counts[f"permit:{code}"] = Count("pk", filter=Q(permit_category=code))
        counts["permit:"] = Count("pk", filter=Q(permit_category=""))
        for code, _label in COUNTRIES:
            counts[f"country:{code}"] = Count("pk", filter=Q(country_of_origin=code))
        counts["country:"] = Count("pk", filter=Q(country_of_origin=""))
        for pk, _name in self.served:
            counts[f"municipality:{pk}"] = Count("pk", filter=Q(municipality_id=pk))
        counts["municipality:"] = Count("pk", filter=Q(municipality__isnull=True))
        needs = Q(intake__needs_interpreter=True)
        for pk in self.languages:
            counts[f"interpreting:{pk}"] = Count("pk", filter=needs & Q(intake__interpreter_language_id=pk))
        counts["interpreting:"] = Count("pk", filter=needs & Q(intake__interpreter_language__isnull=True))
        return persons.aggregate(**counts)


def _single_column_table(
    *, key: str, title: str, row_header: str, rows: list[tuple[str, str]], counts: dict, note: str = ""
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


def _facet(context: _Context, prefix: str) -> dict[str, int]:
    """The profile's counts of one fact, by code ("" = not recorded)."""
    return {
        key.removeprefix(prefix): value for key, value in context.profile.items() if key.startswith(prefix)
    }


# --- Sections ---------------------------------------------------------------------------------------------


def _german(context: _Context) -> Table:
    counts = {code: context.profile.get(f"german:{code}", 0) for code in GERMAN_LEVELS}
    # Persons without a German entry: the rest of the total.
    counts[UNKNOWN] = context.profile["total"] - sum(counts.values())
    labels = dict(ClientLanguage.Level.choices)
    rows = [(code, str(labels[code])) for code in GERMAN_LEVELS] + [(UNKNOWN, _("Not recorded"))]
    table = _single_column_table(
        key="german", title=_("Knowledge of German"), row_header=_("Level"), rows=rows, counts=counts
    )
    context.headline["persons"] = table.total.cells[0]
    return table


def _education(context: _Context) -> Table:
    counts = _facet(context, "education:")
    # No intake yet: the education is not known either.
    counts[Intake.Education.UNKNOWN] += context.profile["total"] - sum(counts.values())
    return _single_column_table(
        key="education",
        title=_("Highest education"),
        row_header=_("Education"),
        rows=[(code, str(label)) for code, label in Intake.Education.choices],
        counts=counts,
    )


def _qualifications(context: _Context) -> Table:
    kinds = Qualification.Kind.choices
    statuses = Qualification.Recognition.choices
    person = "client_id"
    aggregates = {}
    for kind, _label in kinds:
        aggregates[f"kind_{kind}"] = Count(person, distinct=True, filter=Q(kind=kind))
        for status, _status_label in statuses:
            aggregates[f"cell_{kind}_{status}"] = Count(
                person, distinct=True, filter=Q(kind=kind, recognition=status)
            )
    # One query: every cell and row total as a conditional COUNT DISTINCT of persons.
    result = Qualification.objects.filter(client_id__in=context.person_ids()).aggregate(**aggregates)
    # Totals per row only: crossing row and column totals would force hiding most of them (core.statistics).
    return protected_table(
        key="qualifications",
        title=_("Qualifications by recognition"),
        row_header=_("Qualification"),
        rows=[(kind, str(label)) for kind, label in kinds],
        columns=[Column(str(label)) for _status, label in statuses],
        counts=[[result[f"cell_{kind}_{status}"] for status, _s in statuses] for kind, _k in kinds],
        row_totals=[result[f"kind_{kind}"] for kind, _k in kinds],
        row_total_label=_("Persons"),
        # A person with two qualifications of a kind can be in two columns: a row sums to at least its total.
        rows_additive=False,
        note=_("Persons with at least one qualification of the kind; a person can be in several cells."),
        chart="stacked",
    )


def _goals(context: _Context) -> Table:
    aggregates = {
        f"goal_{category}": Count("pk", filter=Q(category=category)) for category, _l in GoalCategory.choices
    }
    result = IntakeGoal.objects.filter(intake__client_id__in=context.person_ids()).aggregate(
        persons=Count("intake_id", distinct=True), **aggregates
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
    totals = cases.aggregate(
        persons=Count("client_id", distinct=True) + Count("pk", filter=Q(client__isnull=True)),
        cases=Count("pk"),
    )
    # Driven from the cases of the period (index office + opened_on) into their topics.
    per_topic = {
        row["topics__id"]: row["n"]
        for row in cases.values("topics__id")
        .annotate(n=Count("client_id", distinct=True) + Count("pk", filter=Q(client__isnull=True)))
        .order_by()
    }
    short = ShortConsultation.objects.filter(office=context.office, held_on__range=context.filters.period)
    if context.filters.municipality:
        short = short.filter(municipality=context.filters.municipality)
    per_topic_short = {
        row["topic_id"]: row["n"] for row in short.values("topic_id").annotate(n=Count("pk")).order_by()
    }
    topics = list(Topic.objects.order_by("order", "name"))
    table = protected_table(
        key="topics",
        title=_("Topics"),
        row_header=_("Topic"),
        rows=[(topic.slug, topic.label(context.language)) for topic in topics],
        columns=[Column(_("Persons (cases opened)"), additive=False), Column(_("Short consultations"))],
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
    at_intake = _facet(context, "interpreting:")
    sessions = CounsellingSession.objects.filter(
        case__office=context.office, held_on__range=context.filters.period, interpreter_used=True
    )
    if context.filters.municipality:
        sessions = sessions.filter(case__municipality=context.filters.municipality)

    def persons(condition: Q) -> Count:
        # Distinct clients, plus each anonymous case as a person of its own.
        return Count("case__client_id", distinct=True, filter=condition) + Count(
            "case_id", distinct=True, filter=condition & Q(case__client__isnull=True)
        )

    # One pass over the interpreted sessions of the period: persons per language and in all.
    aggregates = {f"{pk}": persons(Q(language_id=pk)) for pk in context.languages}
    aggregates[""] = persons(Q(language__isnull=True))
    aggregates["total"] = persons(Q())
    in_sessions = sessions.aggregate(**aggregates)
    labels = context.languages
    used = [pk for pk in labels if at_intake.get(str(pk)) or in_sessions.get(str(pk))]
    # Alphabetical: an order by size would tell more than the cells show.
    used.sort(key=lambda pk: labels[pk].lower())
    rows = [(str(pk), labels[pk]) for pk in used] + [("none", _("Language not recorded"))]
    counts = [[at_intake[str(pk)], in_sessions[str(pk)]] for pk in used]
    counts.append([at_intake[""], in_sessions[""]])
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
        column_totals=[sum(at_intake.values()), in_sessions["total"]],
        total_label=_("Total persons"),
        note=_("Need recorded at intake, and sessions held with an interpreter in the period, by language."),
    )


def _permits(context: _Context) -> Table:
    counts = _facet(context, "permit:")
    counts[UNKNOWN] = counts.pop("")
    # Codes no longer in the office's list (the list was changed) are still counted, together.
    counts[OTHER] = context.profile["total"] - sum(counts.values())
    rows = [*context.permits, (UNKNOWN, _("Not recorded"))]
    if counts[OTHER]:
        rows.insert(-1, (OTHER, _("Other categories (no longer in the list)")))
    return _single_column_table(
        key="permits", title=_("Residence permits"), row_header=_("Permit"), rows=rows, counts=counts
    )


def _countries(context: _Context) -> Table:
    counts = _facet(context, "country:")
    unknown = counts.pop("")
    names = {code: str(name) for code, name in COUNTRIES}
    # Named: the most frequent countries that are not small anyway; all others go to "other countries".
    # Listed alphabetically: an order by size would tell more than the cells show.
    frequent = sorted(
        (code for code, n in counts.items() if n >= SUPPRESSION_THRESHOLD),
        key=lambda code: (-counts[code], code),
    )[:TOP_COUNTRIES]
    rows = sorted(((code, names[code]) for code in frequent), key=lambda row: row[1].lower())
    values = {code: counts[code] for code in frequent}
    values[UNKNOWN] = unknown
    values[OTHER] = context.profile["total"] - sum(values.values())
    rows += [(OTHER, _("Other countries")), (UNKNOWN, _("Not recorded"))]
    return _single_column_table(
        key="countries",
        title=_("Countries of origin"),
        row_header=_("Country"),
        rows=rows,
        counts=values,
        note=_("The %(n)s most frequent countries by name; all others together.") % {"n": TOP_COUNTRIES},
    )


def _municipalities(context: _Context) -> Table:
    counts = _facet(context, "municipality:")
    counts[UNKNOWN] = counts.pop("")
    # Persons living in a municipality the office does not serve (moved away) are still counted.
    counts[OTHER] = context.profile["total"] - sum(counts.values())
    rows = [(str(pk), name) for pk, name in context.served]
    if counts[OTHER]:
        rows.append((OTHER, _("Other municipalities")))
    rows.append((UNKNOWN, _("Not recorded")))
    return _single_column_table(
        key="municipalities",
        title=_("Municipalities"),
        row_header=_("Municipality"),
        rows=rows,
        counts=counts,
    )


# The sections counting every person of the period exactly once: their totals are the same number.
PERSON_TABLES = {"german", "education", "permits", "countries", "municipalities"}

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


def _hide_shared_total(tables: list[Table], context: _Context) -> None:
    """The person tables share one total (the persons of the period). If one of them had to hide it, a
    reader would take it from another and undo the protection: hide it in all of them then."""
    shared = [table for table in tables if table.key in PERSON_TABLES]
    if any(is_suppressed(table.total.cells[0]) for table in shared):
        for table in shared:
            if not is_suppressed(table.total.cells[0]):
                table.total.cells[0] = SECONDARY
        if "persons" in context.headline and not is_suppressed(context.headline["persons"]):
            context.headline["persons"] = SECONDARY


def needs_analysis(
    *, office: Office, filters: AnalysisFilters, sections: Iterable[str] | None = None
) -> NeedsAnalysis:
    """The protected tables of the needs analysis (all sections, or the named ones) and the headline
    figures (persons, cases opened, short consultations; set when their sections are computed)."""
    context = _Context(office=office, filters=filters)
    keys = list(SECTIONS) if sections is None else [key for key in SECTIONS if key in set(sections)]
    tables = [SECTIONS[key](context) for key in keys]
    _hide_shared_total(tables, context)
    return NeedsAnalysis(
        filters=filters,
        tables=tables,
        persons=context.headline.get("persons"),
        cases=context.headline.get("cases"),
        short_consultations=context.headline.get("short_consultations"),
    )
