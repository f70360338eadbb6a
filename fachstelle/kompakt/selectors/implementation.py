"""Reading the implementation of an adopted programme: the measures with their status, the latest indicator
values against their targets, the canton's contributions per measure and year, and the quality-assurance
rhythm of the working group (one meeting a year).

Every function loads its data in a fixed number of queries (the pages pin them); grouping, filtering and
the "reached / below target" judgement happen in Python on rows already loaded."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from fachstelle.core.models import Office

from ..models import (
    CantonContribution,
    Indicator,
    IndicatorValue,
    Measure,
    Process,
    Programme,
    QualityMeeting,
    WorkingGroupMember,
)

ZERO = Decimal("0")

# Indicator judgement (badge on the overview).
REACHED = "reached"
BELOW = "below"
NO_VALUE = "none"
NO_TARGET = "no_target"

# Quality-assurance state of a process.
QA_NOT_ADOPTED = "not_adopted"
QA_DUE = "due"
QA_OK = "ok"


def process_queryset(*, office: Office) -> QuerySet[Process]:
    """The office's processes with municipality and programme (one query for a page's header)."""
    return office.kompakt_processes.select_related("municipality", "programme")


def programme_of(process: Process) -> Programme | None:
    """The process's programme, None when none has been written yet (no query after `process_queryset`)."""
    return getattr(process, "programme", None)


def allowed_years(programme: Programme) -> range:
    """Years for which values and contributions may be recorded: the programme period and one year either
    side (a baseline survey the year before, a late final report the year after)."""
    return range(programme.period_start - 1, programme.period_end + 2)


def one_year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def one_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


# --- Indicators -------------------------------------------------------------------------------------------


def indicator_judgement(indicator: Indicator, latest: IndicatorValue | None) -> str:
    """reached / below / none / no_target for the latest value of an indicator.

    Most indicators count something that should grow (participants, courses); when the baseline lies above
    the target the indicator should fall (e.g. a waiting list), and reaching means at or below the target."""
    if latest is None:
        return NO_VALUE
    if indicator.target is None:
        return NO_TARGET
    falling = indicator.baseline is not None and indicator.baseline > indicator.target
    reached = latest.value <= indicator.target if falling else latest.value >= indicator.target
    return REACHED if reached else BELOW


@dataclass
class IndicatorRow:
    indicator: Indicator
    latest: IndicatorValue | None
    judgement: str


@dataclass
class MeasureRow:
    measure: Measure
    indicators: list[IndicatorRow]
    contributions: list[CantonContribution]
    contributions_total: Decimal  # not rejected


@dataclass
class QualityState:
    state: str
    last: QualityMeeting | None = None
    next_planned: QualityMeeting | None = None
    next_due: datetime.date | None = None
    count: int = 0


@dataclass
class ImplementationOverview:
    process: Process
    programme: Programme | None
    rows: list[MeasureRow] = field(default_factory=list)
    counts: list[tuple[str, str, int]] = field(default_factory=list)  # (status, label, count), all measures
    measures_total: int = 0
    areas: list = field(default_factory=list)  # promotion areas of the programme's measures
    quality: QualityState | None = None
    badge_counts: Counter = field(default_factory=Counter)


def _measures(programme: Programme) -> list[Measure]:
    """The programme's measures with area, indicators (with their values, newest first) and contributions.
    Queries: measures, indicators, values, contributions (4)."""
    return list(
        programme.measures.select_related("promotion_area").prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(
                    Prefetch("values", queryset=IndicatorValue.objects.order_by("-year"))
                ),
            ),
            Prefetch("canton_contributions", queryset=CantonContribution.objects.order_by("year")),
        )
    )


def quality_state(
    *, process: Process, programme: Programme | None, meetings: list[QualityMeeting], today: datetime.date
) -> QualityState:
    """The working group meets once a year after adoption: due when the last meeting is more than twelve
    months ago, or when there has been none since the adoption."""
    past = [m for m in meetings if m.held_on <= today]
    future = [m for m in meetings if m.held_on > today]
    last = max(past, key=lambda m: m.held_on, default=None)
    next_planned = min(future, key=lambda m: m.held_on, default=None)
    state = QualityState(state=QA_NOT_ADOPTED, last=last, next_planned=next_planned, count=len(meetings))
    if programme is None or programme.status != Programme.Status.ADOPTED or programme.adopted_on is None:
        return state
    since_adoption = last is not None and last.held_on >= programme.adopted_on
    if not since_adoption:
        state.state = QA_DUE
        return state
    state.next_due = one_year_after(last.held_on)
    state.state = QA_DUE if last.held_on < one_year_before(today) else QA_OK
    return state


def implementation_overview(
    *,
    process: Process,
    status: str = "",
    area_code: str = "",
    today: datetime.date,
) -> ImplementationOverview:
    """Measures grouped by status with counts, each with its latest indicator values and contributions, and
    the quality-assurance state. `status`/`area_code` filter the rows, not the counts.
    Queries (with a programme): measures, indicators, values, contributions, meetings (5)."""
    programme = programme_of(process)
    overview = ImplementationOverview(process=process, programme=programme)
    meetings = list(process.quality_meetings.all())
    overview.quality = quality_state(process=process, programme=programme, meetings=meetings, today=today)
    if programme is None:
        return overview
    measures = _measures(programme)
    overview.measures_total = len(measures)
    by_status = Counter(m.status for m in measures)
    overview.counts = [(key, label, by_status[key]) for key, label in Measure.Status.choices]
    areas = {m.promotion_area_id: m.promotion_area for m in measures}
    overview.areas = sorted(areas.values(), key=lambda a: a.code)
    order = {key: index for index, (key, _label) in enumerate(Measure.Status.choices)}
    for measure in sorted(measures, key=lambda m: (order.get(m.status, 99), m.position, m.pk)):
        if status and measure.status != status:
            continue
        if area_code and measure.promotion_area.code != area_code:
            continue
        indicators = []
        for indicator in measure.indicators.all():
            values = list(indicator.values.all())
            latest = values[0] if values else None
            judgement = indicator_judgement(indicator, latest)
            overview.badge_counts[judgement] += 1
            indicators.append(IndicatorRow(indicator=indicator, latest=latest, judgement=judgement))
        contributions = list(measure.canton_contributions.all())
        total = sum((c.amount for c in contributions if c.status != CantonContribution.Status.REJECTED), ZERO)
        overview.rows.append(
            MeasureRow(
                measure=measure, indicators=indicators, contributions=contributions, contributions_total=total
            )
        )
    return overview


@dataclass
class IndicatorTableRow:
    indicator: Indicator
    cells: list[tuple[int, IndicatorValue | None]]


@dataclass
class IndicatorTable:
    years: list[int]
    rows: list[IndicatorTableRow]
    indicators: list[Indicator]


def indicator_table(*, programme: Programme) -> IndicatorTable:
    """Indicators × years of the programme period (plus the year before or after where values exist).
    Queries: indicators with their measure, values (2)."""
    indicators = list(
        Indicator.objects.filter(measure__programme=programme)
        .select_related("measure")
        .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.select_related("reported_by")))
        .order_by("measure__position", "measure_id", "pk")
    )
    years = set(range(programme.period_start, programme.period_end + 1))
    for indicator in indicators:
        years.update(value.year for value in indicator.values.all())
    years = sorted(years)
    rows = []
    for indicator in indicators:
        by_year = {value.year: value for value in indicator.values.all()}
        rows.append(
            IndicatorTableRow(indicator=indicator, cells=[(year, by_year.get(year)) for year in years])
        )
    return IndicatorTable(years=years, rows=rows, indicators=indicators)


def indicator_value_export_rows(*, programme: Programme) -> list[list]:
    """One row per recorded value, for the CSV/XLSX export (one query)."""
    values = (
        IndicatorValue.objects.filter(indicator__measure__programme=programme)
        .select_related("indicator__measure", "reported_by")
        .order_by("indicator__measure__position", "indicator__measure_id", "indicator_id", "year")
    )
    rows = []
    for value in values:
        indicator = value.indicator
        rows.append(
            [
                indicator.measure.title,
                indicator.name,
                indicator.unit,
                "" if indicator.baseline is None else indicator.baseline,
                "" if indicator.target is None else indicator.target,
                indicator.target_year or "",
                value.year,
                value.value,
                value.note,
                value.reported_by.get_username() if value.reported_by else "",
                value.reported_at.date().isoformat() if value.reported_at else "",
            ]
        )
    return rows


# --- Quality-assurance meetings ---------------------------------------------------------------------------


def quality_meetings(*, process: Process) -> list[QualityMeeting]:
    """Newest first, with attendees and reviewed measures. Queries: meetings, attendees, measures (3)."""
    return list(
        process.quality_meetings.prefetch_related("attendees", "measures_reviewed").order_by(
            "-held_on", "-pk"
        )
    )


def working_group_members(*, process: Process) -> list[WorkingGroupMember]:
    return list(process.members.all())


def programme_measures(*, process: Process) -> list[Measure]:
    programme = programme_of(process)
    if programme is None:
        return []
    return list(programme.measures.select_related("promotion_area"))


# --- Canton contributions ---------------------------------------------------------------------------------


@dataclass
class ContributionMeasure:
    measure: Measure
    contributions: list[CantonContribution]
    planned: Decimal
    requested: Decimal
    approved: Decimal  # approved or paid
    paid: Decimal
    committed: Decimal  # everything not rejected: what counts against the plan

    @property
    def over_plan(self) -> bool:
        return self.committed > self.planned


@dataclass
class ContributionYear:
    year: int
    requested: Decimal = ZERO
    approved: Decimal = ZERO
    paid: Decimal = ZERO


@dataclass
class ContributionOverview:
    measures: list[ContributionMeasure]
    years: list[ContributionYear]
    planned: Decimal
    requested: Decimal
    approved: Decimal
    paid: Decimal


def _add(year_row: ContributionYear, contribution: CantonContribution) -> None:
    status = contribution.status
    if status == CantonContribution.Status.REQUESTED:
        year_row.requested += contribution.amount
    elif status in (CantonContribution.Status.APPROVED, CantonContribution.Status.PAID):
        year_row.approved += contribution.amount
        if status == CantonContribution.Status.PAID:
            year_row.paid += contribution.amount


def canton_contribution_overview(*, programme: Programme) -> ContributionOverview:
    """Per measure: planned canton share, contributions by year, sums; per year and overall: requested,
    approved (incl. paid) and paid. Queries: measures, contributions (2)."""
    measures = list(
        programme.measures.prefetch_related(
            Prefetch("canton_contributions", queryset=CantonContribution.objects.order_by("year"))
        )
    )
    years: dict[int, ContributionYear] = {}
    total = ContributionYear(year=0)
    rows = []
    for measure in measures:
        contributions = list(measure.canton_contributions.all())
        sums = ContributionYear(year=0)
        for contribution in contributions:
            _add(sums, contribution)
            _add(years.setdefault(contribution.year, ContributionYear(year=contribution.year)), contribution)
            _add(total, contribution)
        rows.append(
            ContributionMeasure(
                measure=measure,
                contributions=contributions,
                planned=measure.funding_canton,
                requested=sums.requested,
                approved=sums.approved,
                paid=sums.paid,
                committed=sums.requested + sums.approved,
            )
        )
    return ContributionOverview(
        measures=rows,
        years=[years[year] for year in sorted(years)],
        planned=sum((m.funding_canton for m in measures), ZERO),
        requested=total.requested,
        approved=total.approved,
        paid=total.paid,
    )
