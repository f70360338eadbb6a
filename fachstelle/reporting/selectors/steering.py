"""The steering group's comparison: every section's per-municipality figures (`municipality_rows`), the
chosen member municipalities side by side.

Suppression: the values come from the sections as they may be shown (counts of people below 5 are a
`SuppressedCount`, "< 5"; amounts that concern fewer than 5 people are None, "–"). The only figure added
here is the total over the chosen municipalities, and only for rows a section marks additive (each person
counted in one municipality: `row.additive`) — and only when every summed value is visible. A total over a
hidden value would give it away (total − visible = hidden), so then the total is "–" too.

The dashboard shows each figure's total over all municipalities, so when every municipality is compared, a
row with exactly one small hidden value would still give it away (dashboard total − visible values). Such a
row hides one more value: the smallest visible count ("–"), as the tables of core.statistics do.
"""

from dataclasses import dataclass
from decimal import Decimal

from fachstelle.core.models import Municipality, Office
from fachstelle.core.statistics import PRIMARY_MARK, SECONDARY, SECONDARY_MARK, is_suppressed
from fachstelle.reporting.filters import ReportFilters
from fachstelle.reporting.sections import municipality_rows
from fachstelle.reporting.services.annual import area_title, display_value


@dataclass(frozen=True)
class Cell:
    text: str
    hidden: bool = False  # shown by its mark ("< 5" or "–")
    primary: bool = False  # a small count ("< 5"), not a complementary or withheld value
    raw: object = None  # the value as the section gave it (for CSV and tests; never a hidden number)


@dataclass
class ComparisonRow:
    key: str
    label: str
    unit: str
    cells: list[Cell]
    total: Cell | None  # None: the row is not additive (no total column value)


@dataclass
class ComparisonTable:
    key: str
    title: str
    rows: list[ComparisonRow]

    @property
    def has_totals(self) -> bool:
        return any(row.total is not None for row in self.rows)


def _cell(value, unit: str) -> Cell:
    if value is None:
        return Cell(SECONDARY_MARK, hidden=True)
    if is_suppressed(value):
        return Cell(str(value), hidden=True, primary=str(value) == PRIMARY_MARK, raw=value)
    return Cell(display_value(value, unit), raw=value)


def _total(values: list, unit: str) -> Cell:
    if any(value is None or is_suppressed(value) for value in values):
        return Cell(SECONDARY_MARK, hidden=True)
    total = sum(values, Decimal(0)) if any(isinstance(v, Decimal) for v in values) else sum(values)
    return Cell(display_value(total, unit), raw=total)


def _protect_single_hidden(values: list) -> list:
    """With exactly one hidden count in the row, hide the smallest visible non-zero count as well."""
    if sum(1 for value in values if is_suppressed(value)) != 1:
        return values
    counts = [
        (value, i)
        for i, value in enumerate(values)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0
    ]
    if not counts:
        return values
    _smallest, index = min(counts)
    return [SECONDARY if i == index else value for i, value in enumerate(values)]


def steering_comparison(
    *, office: Office, filters: ReportFilters, municipalities: list[Municipality]
) -> list[ComparisonTable]:
    """One table per section that has per-municipality figures (sections without any are left out), rows
    as the section gives them, one cell per municipality of `municipalities` (in that order). Queries: one
    `municipality_rows` per section (each constant in the data volume), nothing per municipality."""
    tables = []
    # Only a comparison of every municipality can be set against the office-wide totals.
    all_compared = {m.pk for m in municipalities} >= set(office.municipalities.values_list("pk", flat=True))
    for key, rows in municipality_rows(office=office, filters=filters, municipalities=municipalities):
        if not rows:
            continue
        comparison_rows = []
        for row in rows:
            values = [row.values.get(municipality.pk) for municipality in municipalities]
            if all_compared:
                values = _protect_single_hidden(values)
            comparison_rows.append(
                ComparisonRow(
                    key=row.key,
                    label=row.label,
                    unit=row.unit,
                    cells=[_cell(value, row.unit) for value in values],
                    total=_total(values, row.unit) if row.additive else None,
                )
            )
        tables.append(ComparisonTable(key=key, title=area_title(key), rows=comparison_rows))
    return tables
