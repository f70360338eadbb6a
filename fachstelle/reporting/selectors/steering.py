"""The steering group's comparison: every section's per-municipality figures (`municipality_rows`), the
chosen member municipalities side by side.

Suppression: the values come from the sections as they may be shown (counts of people below 5 are a
`SuppressedCount`, "< 5"; amounts that concern fewer than 5 people are None, "–"). The only figure added
here is the total over the chosen municipalities, and only for rows a section marks additive (each person
counted in one municipality: `row.additive`) — and only when every summed value is visible. A total over a
hidden value would give it away (total − visible = hidden), so then the total is "–" too.

The dashboard shows each figure's total over all municipalities, so a row with exactly one small hidden
value would still give it away (dashboard total − visible values, perhaps from two comparisons). Such a
row hides one more value — the smallest visible count ("–") — worked out over all the office's
municipalities, whichever are compared (`sections.protect_single_hidden`).
"""

from dataclasses import dataclass
from decimal import Decimal

from fachstelle.core.models import Municipality, Office
from fachstelle.core.statistics import PRIMARY_MARK, SECONDARY_MARK, is_suppressed
from fachstelle.reporting.filters import ReportFilters
from fachstelle.reporting.sections import municipality_rows, protect_single_hidden
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


def steering_comparison(
    *, office: Office, filters: ReportFilters, municipalities: list[Municipality]
) -> list[ComparisonTable]:
    """One table per section that has per-municipality figures (sections without any are left out), rows
    as the section gives them, one cell per municipality of `municipalities` (in that order). Queries: one
    `municipality_rows` per section (each constant in the data volume), nothing per municipality."""
    tables = []
    # The protection is worked out over every municipality of the office and then the chosen ones are shown:
    # otherwise two comparisons of different municipalities, set against the office-wide total, could give a
    # hidden value away.
    everyone = list(office.municipalities.all())
    chosen = [m.pk for m in municipalities]
    for key, rows in municipality_rows(office=office, filters=filters, municipalities=everyone):
        if not rows:
            continue
        comparison_rows = []
        for row in rows:
            protected = dict(
                zip(
                    [m.pk for m in everyone],
                    protect_single_hidden([row.values.get(m.pk) for m in everyone]),
                    strict=True,
                )
            )
            values = [protected.get(pk, row.values.get(pk)) for pk in chosen]
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
