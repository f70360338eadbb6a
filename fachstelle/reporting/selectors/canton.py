"""The canton's view: the active offices of a canton compared side by side, and the canton's
municipalities (who serves them, offers available, KOMPAKT status, population). Aggregates only: no
person, no single case.

What is suppressed and why:
- the office comparison shows the headline figures of the report sections as the sections give them
  (every count of people there is already suppressed by its section, through `core.statistics`);
- offers per municipality are counts of offers (no person behind them) and shown as they are;
- population figures are public STATPOP totals; they still go through `suppress`, so a municipality with
  1–4 residents of a kind would show "< 5" like any other count of people.
"""

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.utils import timezone, translation

from fachstelle.core.models import Municipality, Office
from fachstelle.core.statistics import Count as ShownCount
from fachstelle.core.statistics import suppress
from fachstelle.kompakt.models import PopulationFigure, Process
from fachstelle.offers.models import Offer

from ..filters import ReportFilters
from ..sections import sections_for_offices


def canton_offices(*, office: Office) -> list[Office]:
    """Every active office of `office`'s canton (and country), the cantonal office first (one query)."""
    if not office.canton:
        return []
    offices = Office.objects.filter(is_active=True, canton=office.canton, country=office.country)
    return sorted(offices, key=lambda o: (o.kind != Office.Kind.CANTONAL, o.name.lower(), o.pk))


# --- Offices compared --------------------------------------------------------------------------------------


@dataclass
class ComparisonRow:
    key: str  # "<section key>.<figure key>"
    section: str  # the section's title
    label: str
    unit: str
    values: list  # one per office of the comparison, None where the office has no such figure


@dataclass
class OfficeComparison:
    offices: list[Office]
    rows: list[ComparisonRow] = field(default_factory=list)


def _has_data(value) -> bool:
    """A count or amount other than zero (a hidden count is at least 1); texts say nothing about data."""
    if getattr(value, "suppressed", False):
        return True
    return isinstance(value, int | Decimal) and value != 0


def office_comparison(*, offices: list[Office], filters: ReportFilters) -> OfficeComparison:
    """The headline figures of every office's report sections, one row per figure key found in any office
    (the same key in several offices is one row), in the order the sections give them. The cantonal
    office keeps its column only if it has a figure other than zero.

    Queries: the sections' own — once for all offices where a section can compute many at once
    (`sections_for_offices`), else once per office."""
    per_office: list[tuple[Office, dict[str, object]]] = []
    rows: dict[str, ComparisonRow] = {}
    computed = sections_for_offices(offices=offices, filters=filters)
    for office in offices:
        figures: dict[str, object] = {}
        for section in computed[office.pk]:
            for figure in section.figures:
                key = f"{section.key}.{figure.key}"
                figures[key] = figure.value
                if key not in rows:
                    rows[key] = ComparisonRow(
                        key=key,
                        section=str(section.title),
                        label=str(figure.label),
                        unit=figure.unit,
                        values=[],
                    )
        if office.kind == Office.Kind.CANTONAL and not any(_has_data(value) for value in figures.values()):
            continue
        per_office.append((office, figures))
    for row in rows.values():
        row.values = [figures.get(row.key) for _office, figures in per_office]
    return OfficeComparison(offices=[office for office, _figures in per_office], rows=list(rows.values()))


@dataclass
class ComputedComparison:
    comparison: OfficeComparison
    computed_at: datetime.datetime


def _comparison_cache_key(*, offices: list[Office], filters: ReportFilters) -> str:
    parts = [
        ",".join(str(office.pk) for office in sorted(offices, key=lambda o: o.pk)),
        filters.start.isoformat(),
        filters.end.isoformat(),
        str(filters.municipality.pk if filters.municipality else ""),
        translation.get_language() or "",
    ]
    return "reporting:canton-comparison:" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def office_comparison_computed(
    *, offices: list[Office], filters: ReportFilters, refresh: bool = False
) -> ComputedComparison:
    """The comparison as last computed (at most `CANTON_COMPARISON_CACHE_SECONDS` ago) or computed now.

    Every office's every section over a canton's data takes seconds (all cases, sessions, inquiries,
    applications of the year), more than a page may: the scheduled job `warm_canton_reports` computes it
    for the current and the last year in every UI language, the page says when its figures were computed
    and can recompute them on request. Aggregates only, so nothing personal is kept in the cache."""
    key = _comparison_cache_key(offices=offices, filters=filters)
    if not refresh:
        hit = cache.get(key)
        if isinstance(hit, ComputedComparison):
            return hit
    computed = ComputedComparison(
        comparison=office_comparison(offices=offices, filters=filters), computed_at=timezone.now()
    )
    cache.set(key, computed, settings.CANTON_COMPARISON_CACHE_SECONDS)
    return computed


def warm_canton_comparisons(*, today: datetime.date | None = None) -> int:
    """Compute the comparison of every cantonal office for the current and the last year in every UI
    language (the scheduled job). Returns the number of comparisons computed."""
    today = today or timezone.localdate()
    computed = 0
    for office in Office.objects.filter(is_active=True, kind=Office.Kind.CANTONAL).exclude(canton=""):
        offices = canton_offices(office=office)
        for year in (today.year, today.year - 1):
            for language in settings.UI_LANGUAGES:
                with translation.override(language):
                    office_comparison_computed(
                        offices=offices, filters=ReportFilters.year(year), refresh=True
                    )
                computed += 1
    return computed


# --- Municipalities of the canton ------------------------------------------------------------------------


@dataclass
class MunicipalityLine:
    pk: int
    name: str
    bfs_number: int
    offices: list[str]  # short names of the canton's offices that serve it
    offers: int  # published offers of the canton's offices for the municipality
    kompakt_status: str  # label of the latest KOMPAKT process's status, "" if none
    population_year: int | None = None
    population: ShownCount | None = None
    foreign: ShownCount | None = None  # residents without Swiss citizenship


def canton_municipalities(
    *, canton: str, country: str, offices: list[Office], filters: ReportFilters
) -> list[MunicipalityLine]:
    """Every municipality of the canton with the offices that serve it, the offers available there, the
    status of its latest KOMPAKT process (of the canton's offices) and its population of the latest
    year up to the end of the period. Five queries whatever the number of offices or municipalities."""
    office_ids = [office.pk for office in offices]
    short_names = {office.pk: office.short_name for office in offices}
    municipalities = list(
        Municipality.objects.filter(canton=canton, country=country)
        .order_by("name", "pk")
        .values_list("pk", "name", "bfs_number")
    )
    served: dict[int, list[str]] = {}
    for municipality_id, office_id in (
        Office.municipalities.through.objects.filter(office_id__in=office_ids)
        .order_by("office__short_name", "office_id")
        .values_list("municipality_id", "office_id")
    ):
        served.setdefault(municipality_id, []).append(short_names[office_id])
    offers = dict(
        Offer.objects.public()
        .filter(office_id__in=office_ids, municipalities__canton=canton, municipalities__country=country)
        .values("municipalities")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
        .values_list("municipalities", "n")
    )
    statuses = dict(Process.Status.choices)
    latest_process: dict[int, str] = {}
    for municipality_id, status in (
        Process.objects.filter(office_id__in=office_ids, municipality__canton=canton)
        .order_by("municipality_id", "-created_at", "-pk")
        .values_list("municipality_id", "status")
    ):
        latest_process.setdefault(municipality_id, str(statuses.get(status, status)))
    population: dict[int, dict] = {}
    for row in (
        PopulationFigure.objects.filter(
            municipality__canton=canton, municipality__country=country, year__lte=filters.end.year
        )
        .values("municipality_id", "year")
        .annotate(total=Sum("count"), foreign=Sum("count", filter=~Q(permit="CH")))
        .order_by("municipality_id", "-year")
    ):
        population.setdefault(row["municipality_id"], row)
    lines = []
    for pk, name, bfs_number in municipalities:
        figures = population.get(pk)
        lines.append(
            MunicipalityLine(
                pk=pk,
                name=name,
                bfs_number=bfs_number,
                offices=served.get(pk, []),
                offers=int(offers.get(pk, 0)),
                kompakt_status=latest_process.get(pk, ""),
                population_year=figures["year"] if figures else None,
                population=suppress(figures["total"]) if figures else None,
                foreign=suppress(figures["foreign"]) if figures else None,
            )
        )
    return lines
