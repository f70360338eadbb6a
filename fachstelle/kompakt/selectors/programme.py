"""Reading the municipal integration programme.

Everything the programme page, a saved version, the PDF and the DOCX show is built from one shape: the
programme's snapshot (`programme_snapshot`, plain JSON as stored in `ProgrammeVersion`), turned into a
`ProgrammeDocument` with dates, Decimals, the budget and the implementation grid. So a saved version is
rendered exactly like the current state, and the budget rules live in one place.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from fachstelle.core.models import Office

from ..models import Goal, Indicator, Measure, NeedForAction, Process, Programme, ProgrammeVersion
from .portrait import statistics_years

SNAPSHOT_SCHEMA = 1
CENT = Decimal("0.01")
ZERO = Decimal("0")
PRIORITY_ORDER = {"high": 0, "medium": 1, "low": 2}
TEXT_FIELDS = ("title", "summary", "starting_point", "challenges")
FUNDING_FIELDS = ("funding_municipality", "funding_canton", "funding_third_party")
# Fields of a measure the version comparison reports, in this order.
MEASURE_COMPARED = (
    "title",
    "description",
    "area",
    "goal",
    "responsible",
    "partners",
    "starts_on",
    "ends_on",
    "cost_once",
    "cost_yearly",
    "funding_municipality",
    "funding_canton",
    "funding_third_party",
    "funding_note",
    "priority",
    "status",
    "indicators",
)


def process_for_office(*, office: Office, pk: int) -> Process:
    """The office's process (404 for another office's)."""
    return get_object_or_404(Process.objects.select_related("municipality", "office"), office=office, pk=pk)


def programme_for_process(*, process: Process) -> Programme | None:
    return Programme.objects.filter(process=process).select_related("updated_by").first()


def needs_for_process(*, process: Process) -> list[NeedForAction]:
    """The process's needs for action by KIP area and priority (high first)."""
    needs = list(NeedForAction.objects.filter(process=process).select_related("promotion_area"))
    needs.sort(key=lambda n: (n.promotion_area.code, PRIORITY_ORDER.get(n.priority, 9), n.pk))
    return needs


def programme_goals(*, programme: Programme) -> list[Goal]:
    return list(
        programme.goals.select_related("promotion_area").prefetch_related(
            Prefetch("needs", queryset=NeedForAction.objects.order_by("pk"))
        )
    )


def programme_measures(*, programme: Programme) -> list[Measure]:
    return list(
        programme.measures.select_related(
            "goal", "need", "catalogue_entry", "promotion_area"
        ).prefetch_related("target_groups", Prefetch("indicators", queryset=Indicator.objects.order_by("pk")))
    )


def programme_versions(*, programme: Programme) -> list[ProgrammeVersion]:
    """Newest first, without the snapshots (the history lists who, when and why)."""
    return list(programme.versions.select_related("created_by").defer("snapshot"))


def programme_version(*, programme: Programme, number: int) -> ProgrammeVersion:
    return get_object_or_404(programme.versions.select_related("created_by"), number=number)


# --- Snapshot -------------------------------------------------------------------------------------------


def _money(value) -> str:
    return str(Decimal(value or 0).quantize(CENT))


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _number(value) -> str | None:
    return str(value) if value is not None else None


def programme_snapshot(programme: Programme) -> dict:
    """The programme's whole content as JSON-able data (what a version stores), with the statistics year
    its starting point refers to. Queries: statistics years, needs, goals, their needs, measures, target
    groups, indicators (7)."""
    process = programme.process
    years = statistics_years(municipality=process.municipality)
    needs = needs_for_process(process=process)
    goals = programme_goals(programme=programme)
    measures = programme_measures(programme=programme)
    return {
        "schema": SNAPSHOT_SCHEMA,
        "title": programme.title,
        "summary": programme.summary,
        "starting_point": programme.starting_point,
        "challenges": programme.challenges,
        "period_start": programme.period_start,
        "period_end": programme.period_end,
        "status": programme.status,
        "adopted_on": _date(programme.adopted_on),
        "adopted_by": programme.adopted_by,
        "statistics_year": years[0] if years else None,
        "needs": [
            {
                "id": need.pk,
                "area_code": need.promotion_area.code,
                "area": str(need.promotion_area),
                "title": need.title,
                "rationale": need.rationale,
                "priority": need.priority,
            }
            for need in needs
        ],
        "goals": [
            {
                "id": goal.pk,
                "position": goal.position,
                "area_code": goal.promotion_area.code if goal.promotion_area else "",
                "area": str(goal.promotion_area) if goal.promotion_area else "",
                "title": goal.title,
                "description": goal.description,
                "need_ids": [need.pk for need in goal.needs.all()],
            }
            for goal in goals
        ],
        "measures": [
            {
                "id": m.pk,
                "position": m.position,
                "goal_id": m.goal_id,
                "goal": m.goal.title if m.goal else "",
                "need_id": m.need_id,
                "need": m.need.title if m.need else "",
                "catalogue_entry_id": m.catalogue_entry_id,
                "catalogue_entry": m.catalogue_entry.title if m.catalogue_entry else "",
                "area_code": m.promotion_area.code,
                "area": str(m.promotion_area),
                "title": m.title,
                "description": m.description,
                "target_groups": [str(group) for group in m.target_groups.all()],
                "responsible": m.responsible,
                "partners": m.partners,
                "starts_on": _date(m.starts_on),
                "ends_on": _date(m.ends_on),
                "cost_once": _money(m.cost_once),
                "cost_yearly": _money(m.cost_yearly),
                "funding_municipality": _money(m.funding_municipality),
                "funding_canton": _money(m.funding_canton),
                "funding_third_party": _money(m.funding_third_party),
                "funding_note": m.funding_note,
                "priority": m.priority,
                "status": m.status,
                "indicators": [
                    {
                        "id": indicator.pk,
                        "name": indicator.name,
                        "unit": indicator.unit,
                        "baseline": _number(indicator.baseline),
                        "target": _number(indicator.target),
                        "target_year": indicator.target_year,
                    }
                    for indicator in m.indicators.all()
                ],
            }
            for m in measures
        ],
    }


# --- Budget ---------------------------------------------------------------------------------------------


def measure_years(measure, period_start: int, period_end: int) -> list[int]:
    """The programme years in which the measure runs: from its start to its end year (an open start or
    end means the programme's), clipped to the period; [] when it lies wholly outside."""
    first = measure.starts_on.year if measure.starts_on else period_start
    last = measure.ends_on.year if measure.ends_on else max(period_end, first)
    return list(range(max(first, period_start), min(last, period_end) + 1))


def measure_total_cost(measure, period_start: int, period_end: int) -> Decimal:
    """One-off cost plus the yearly cost for each year the measure runs in the period (for a measure wholly
    outside the period: for each of its own years, so that its funding can still be checked)."""
    years = len(measure_years(measure, period_start, period_end))
    if not years:
        first = measure.starts_on.year if measure.starts_on else period_start
        last = measure.ends_on.year if measure.ends_on else first
        years = max(1, last - first + 1)
    return Decimal(measure.cost_once or 0) + Decimal(measure.cost_yearly or 0) * years


def measure_cost_by_year(measure, period_start: int, period_end: int) -> dict[int, Decimal]:
    """The one-off cost falls in the measure's first programme year, the yearly cost in each year."""
    years = measure_years(measure, period_start, period_end)
    costs = {year: Decimal(measure.cost_yearly or 0) for year in years}
    if years:
        costs[years[0]] += Decimal(measure.cost_once or 0)
    return costs


@dataclass
class BudgetRow:
    year: int | None  # None: the totals row
    cost: Decimal = ZERO
    municipality: Decimal = ZERO
    canton: Decimal = ZERO
    third_party: Decimal = ZERO

    @property
    def open(self) -> Decimal:
        """Cost not covered by any funding source yet."""
        return self.cost - self.municipality - self.canton - self.third_party


@dataclass
class Budget:
    rows: list[BudgetRow]
    total: BudgetRow

    SOURCES = ("municipality", "canton", "third_party")


def budget_for(measures, period_start: int, period_end: int) -> Budget:
    """Cost and funding per programme year. A measure's funding (a sum over its whole run) is spread over
    its years in proportion to the year's cost; rounding rests fall into its last year, so every source's
    yearly amounts add up to exactly its share in the period."""
    rows = {year: BudgetRow(year=year) for year in range(period_start, period_end + 1)}
    for measure in measures:
        costs = measure_cost_by_year(measure, period_start, period_end)
        if not costs:
            continue
        total = measure_total_cost(measure, period_start, period_end)
        in_period = sum(costs.values(), ZERO)
        for year, cost in costs.items():
            rows[year].cost += cost
        for name, attribute in zip(Budget.SOURCES, FUNDING_FIELDS, strict=True):
            funding = Decimal(getattr(measure, attribute) or 0)
            if not funding or not total:
                continue
            share_in_period = (funding * in_period / total).quantize(CENT, ROUND_HALF_UP)
            allocated = ZERO
            years = list(costs)
            for index, year in enumerate(years):
                if index == len(years) - 1:
                    amount = share_in_period - allocated
                else:
                    amount = (funding * costs[year] / total).quantize(CENT, ROUND_HALF_UP)
                allocated += amount
                setattr(rows[year], name, getattr(rows[year], name) + amount)
    ordered = list(rows.values())
    total_row = BudgetRow(
        year=None,
        cost=sum((r.cost for r in ordered), ZERO),
        municipality=sum((r.municipality for r in ordered), ZERO),
        canton=sum((r.canton for r in ordered), ZERO),
        third_party=sum((r.third_party for r in ordered), ZERO),
    )
    return Budget(rows=ordered, total=total_row)


def programme_budget(programme: Programme, measures=None) -> Budget:
    """Rows per programme year × funding source, plus totals. Query: the measures (1) unless given."""
    if measures is None:
        measures = list(programme.measures.all())
    return budget_for(measures, programme.period_start, programme.period_end)


# --- Implementation grid --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int
    starts_on: datetime.date
    ends_on: datetime.date

    @property
    def label(self) -> str:
        return f"Q{self.number} {self.year}"


def period_quarters(period_start: int, period_end: int) -> list[Quarter]:
    quarters = []
    for year in range(period_start, period_end + 1):
        for number in range(1, 5):
            first_month = 3 * (number - 1) + 1
            end = datetime.date(year, first_month + 2, 1) + datetime.timedelta(days=31)
            quarters.append(
                Quarter(
                    year=year,
                    number=number,
                    starts_on=datetime.date(year, first_month, 1),
                    ends_on=end.replace(day=1) - datetime.timedelta(days=1),
                )
            )
    return quarters


def measure_quarters(measure, quarters: list[Quarter]) -> list[bool]:
    """Whether the measure runs in each quarter (an open start or end: the programme's)."""
    if not quarters:
        return []
    start = measure.starts_on or quarters[0].starts_on
    end = measure.ends_on or quarters[-1].ends_on
    return [q.starts_on <= end and q.ends_on >= start for q in quarters]


# --- The document shape ---------------------------------------------------------------------------------


def _decimal(value) -> Decimal:
    return Decimal(value) if value not in (None, "") else ZERO


def _optional_decimal(value) -> Decimal | None:
    return Decimal(value) if value not in (None, "") else None


def _parse_date(value) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@dataclass
class ProgrammeDocument:
    """A programme (current or saved) ready to show: plain attributes, no queries."""

    title: str
    summary: str
    starting_point: str
    challenges: str
    period_start: int
    period_end: int
    status: str
    status_label: str
    adopted_on: datetime.date | None
    adopted_by: str
    statistics_year: int | None
    needs: list
    goals: list
    measures: list
    needs_by_area: list = field(default_factory=list)
    budget: Budget | None = None
    quarters: list[Quarter] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    unassigned_measures: list = field(default_factory=list)

    @property
    def indicators(self) -> list:
        return [(m, indicator) for m in self.measures for indicator in m.indicators]


def programme_document(snapshot: dict) -> ProgrammeDocument:
    """The snapshot as objects: measures numbered, with dates, Decimals, total cost, quarters and labels;
    goals with their measures; needs grouped by area; the budget."""
    period_start, period_end = int(snapshot["period_start"]), int(snapshot["period_end"])
    priorities = dict(NeedForAction.Priority.choices)
    statuses = dict(Measure.Status.choices)
    quarters = period_quarters(period_start, period_end)
    needs = [
        SimpleNamespace(**{**need, "priority_label": str(priorities.get(need["priority"], need["priority"]))})
        for need in snapshot.get("needs", [])
    ]
    measures = []
    for number, data in enumerate(snapshot.get("measures", []), start=1):
        measure = SimpleNamespace(**data)
        measure.number = number
        for name in ("cost_once", "cost_yearly", *FUNDING_FIELDS):
            setattr(measure, name, _decimal(data.get(name)))
        measure.starts_on, measure.ends_on = (
            _parse_date(data.get("starts_on")),
            _parse_date(data.get("ends_on")),
        )
        measure.total_cost = measure_total_cost(measure, period_start, period_end)
        measure.funding_total = sum((getattr(measure, name) for name in FUNDING_FIELDS), ZERO)
        measure.priority_label = str(priorities.get(data.get("priority"), data.get("priority", "")))
        measure.status_label = str(statuses.get(data.get("status"), data.get("status", "")))
        measure.quarters = measure_quarters(measure, quarters)
        measure.outside_period = not measure_years(measure, period_start, period_end)
        measure.indicators = [
            SimpleNamespace(
                **{
                    **indicator,
                    "baseline": _optional_decimal(indicator.get("baseline")),
                    "target": _optional_decimal(indicator.get("target")),
                }
            )
            for indicator in data.get("indicators", [])
        ]
        measures.append(measure)
    goals = []
    for data in snapshot.get("goals", []):
        goal = SimpleNamespace(**data)
        goal.measures = [m for m in measures if m.goal_id == goal.id]
        goal.needs = [need for need in needs if need.id in set(data.get("need_ids", []))]
        goals.append(goal)
    goal_ids = {goal.id for goal in goals}
    by_area: dict[str, SimpleNamespace] = {}
    for need in needs:
        by_area.setdefault(need.area_code, SimpleNamespace(code=need.area_code, label=need.area, needs=[]))
        by_area[need.area_code].needs.append(need)
    status = snapshot.get("status", Programme.Status.DRAFT)
    return ProgrammeDocument(
        title=snapshot.get("title", ""),
        summary=snapshot.get("summary", ""),
        starting_point=snapshot.get("starting_point", ""),
        challenges=snapshot.get("challenges", ""),
        period_start=period_start,
        period_end=period_end,
        status=status,
        status_label=str(dict(Programme.Status.choices).get(status, status)),
        adopted_on=_parse_date(snapshot.get("adopted_on")),
        adopted_by=snapshot.get("adopted_by", ""),
        statistics_year=snapshot.get("statistics_year"),
        needs=needs,
        goals=goals,
        measures=measures,
        needs_by_area=list(by_area.values()),
        budget=budget_for(measures, period_start, period_end),
        quarters=quarters,
        years=list(range(period_start, period_end + 1)),
        unassigned_measures=[m for m in measures if m.goal_id not in goal_ids],
    )


# --- Comparing versions ---------------------------------------------------------------------------------


@dataclass
class TextChange:
    key: str
    label: str
    changed: bool
    html: str


@dataclass
class ItemChange:
    title: str
    fields: list[tuple[str, str, str]]  # (label, before, after)


@dataclass
class VersionComparison:
    texts: list[TextChange]
    period: tuple[str, str] | None
    goals_added: list[str]
    goals_removed: list[str]
    goals_changed: list[ItemChange]
    measures_added: list[str]
    measures_removed: list[str]
    measures_changed: list[ItemChange]

    @property
    def changed(self) -> bool:
        return bool(
            any(t.changed for t in self.texts)
            or self.period
            or self.goals_added
            or self.goals_removed
            or self.goals_changed
            or self.measures_added
            or self.measures_removed
            or self.measures_changed
        )


def _indicator_text(indicators) -> str:
    return "; ".join(
        f"{i.get('name', '')} ({i.get('baseline') or '–'} → {i.get('target') or '–'}"
        f"{' ' + str(i['target_year']) if i.get('target_year') else ''})"
        for i in indicators or []
    )


def _measure_labels() -> dict[str, str]:
    meta = Measure._meta
    labels = {
        name: str(meta.get_field(name).verbose_name)
        for name in MEASURE_COMPARED
        if name not in ("area", "indicators")
    }
    labels["area"] = str(meta.get_field("promotion_area").verbose_name)
    labels["indicators"] = _("Indicators")
    return labels


def version_compare(before: dict, after: dict) -> VersionComparison:
    """What changed from `before` to `after` (two snapshots): texts word by word, the period, goals and
    measures added, removed or changed (matched by their id)."""
    from fachstelle.guide.selectors import diff_html  # the guide's word diff, escaped

    text_labels = {name: str(Programme._meta.get_field(name).verbose_name) for name in TEXT_FIELDS}
    texts = [
        TextChange(
            key=name,
            label=text_labels[name],
            changed=(before.get(name) or "") != (after.get(name) or ""),
            html=diff_html(before.get(name) or "", after.get(name) or ""),
        )
        for name in TEXT_FIELDS
    ]
    period_before = f"{before.get('period_start')}–{before.get('period_end')}"
    period_after = f"{after.get('period_start')}–{after.get('period_end')}"

    def compare(items_before, items_after, names, labels, render):
        old = {item["id"]: item for item in items_before}
        new = {item["id"]: item for item in items_after}
        added = [item["title"] for key, item in new.items() if key not in old]
        removed = [item["title"] for key, item in old.items() if key not in new]
        changed = []
        for key, item in new.items():
            if key not in old:
                continue
            fields = [
                (labels[name], render(name, old[key].get(name)), render(name, item.get(name)))
                for name in names
                if old[key].get(name) != item.get(name)
            ]
            if fields:
                changed.append(ItemChange(title=item["title"], fields=fields))
        return added, removed, changed

    def render(name, value):
        if name == "indicators":
            return _indicator_text(value)
        return "" if value is None else str(value)

    goal_labels = {
        "title": str(Goal._meta.get_field("title").verbose_name),
        "description": str(Goal._meta.get_field("description").verbose_name),
        "area": str(Goal._meta.get_field("promotion_area").verbose_name),
    }
    goals = compare(before.get("goals", []), after.get("goals", []), list(goal_labels), goal_labels, render)
    measures = compare(
        before.get("measures", []), after.get("measures", []), MEASURE_COMPARED, _measure_labels(), render
    )
    return VersionComparison(
        texts=texts,
        period=(period_before, period_after) if period_before != period_after else None,
        goals_added=goals[0],
        goals_removed=goals[1],
        goals_changed=goals[2],
        measures_added=measures[0],
        measures_removed=measures[1],
        measures_changed=measures[2],
    )


# --- What the page, the PDF and the DOCX show -----------------------------------------------------------


@dataclass
class ProgrammeView:
    programme: Programme
    document: ProgrammeDocument
    version: ProgrammeVersion | None
    country: str
    figures: object | None  # PortraitFigures of the statistics year, if any
    key_figures: list[tuple[str, str]]
    starting_point: str  # Markdown with the portrait's placeholders filled in


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    from ..services.portraits import PLACEHOLDER

    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text or "")


def programme_view(programme: Programme, *, version: ProgrammeVersion | int | None = None) -> ProgrammeView:
    """The current programme, or the saved `version` (object or number), with the portrait's figures of
    the statistics year the snapshot names. Queries: the snapshot (7, or the version 1), the figures (5)
    and the offer inventory (3) when statistics exist."""
    from ..services.portraits import portrait_placeholder_values
    from .portrait import offer_inventory, portrait_figures

    if isinstance(version, int):
        version = get_object_or_404(programme.versions, number=version)
    snapshot = version.snapshot if version is not None else programme_snapshot(programme)
    document = programme_document(snapshot)
    process = programme.process
    municipality = process.municipality
    figures = (
        portrait_figures(municipality=municipality, year=document.statistics_year)
        if document.statistics_year
        else None
    )
    key_figures: list[tuple[str, str]] = []
    values = {"municipality": municipality.name}
    if figures is not None:
        inventory = offer_inventory(office=process.office, municipality=municipality)
        values = portrait_placeholder_values(figures=figures, inventory=inventory)
        key_figures = [
            (_("Statistics year"), values["year"]),
            (_("Population"), values["population"]),
            (_("Swiss citizens"), values["swiss"]),
            (_("Foreign nationals"), values["foreign"]),
            (_("Share of foreign nationals"), values["foreign_share"]),
            (_("Population growth over 5 years"), values["growth_5y"]),
            (_("Most frequent foreign nationalities"), values["top_nationalities"]),
            (_("Share of foreign nationals in the canton"), values["canton_foreign_share"]),
            (_("Running integration offers"), values["offers_count"]),
            (_("KIP promotion areas without offers"), values["areas_without_offers"]),
        ]
    return ProgrammeView(
        programme=programme,
        document=document,
        version=version,
        country=process.office.country,
        figures=figures,
        key_figures=key_figures,
        starting_point=fill_placeholders(document.starting_point, values),
    )
