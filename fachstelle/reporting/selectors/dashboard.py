"""What the report pages share beyond the sections: the period as aware datetimes, protection of totals
that several tables (and headline figures) show, and the page's presentation blocks (a section with its
figures as display text, each table with the URLs of its chart) used by `reporting/_section.html`.

No hidden value ever reaches a block: the figures' texts come from `SuppressedCount.__str__` ("< 5", "–").
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from fachstelle.core.statistics import (
    SECONDARY,
    SUPPRESSION_THRESHOLD,
    Table,
    TableRow,
    csv_value,
    is_suppressed,
)

from ..filters import ReportFilters
from ..sections import Figure, Section

# Shown for an amount that is withheld (fewer than 5 people or cases behind it) or not known.
WITHHELD = "–"


def period_bounds(filters: ReportFilters) -> tuple[datetime.datetime, datetime.datetime]:
    """The period as aware datetimes [first day 00:00, day after the last 00:00) in the current time zone,
    for timestamps (`created_at`): a range on the column keeps its index usable, unlike `__date`."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(filters.start, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(filters.end_exclusive, datetime.time.min, tzinfo=zone)
    return start, end


def hide_shared_total(cells: Iterable[tuple[TableRow, int]], figures: Iterable[Figure] = ()) -> None:
    """Several tables show the same total (and a headline figure repeats it). If one table had to hide it,
    a reader would take it from another and undo the protection: hide it everywhere then."""
    cells = list(cells)
    figures = list(figures)
    hidden = any(is_suppressed(row.cells[index]) for row, index in cells) or any(
        is_suppressed(figure.value) for figure in figures
    )
    if not hidden:
        return
    for row, index in cells:
        if not is_suppressed(row.cells[index]):
            row.cells[index] = SECONDARY
    for figure in figures:
        if not is_suppressed(figure.value):
            figure.value = SECONDARY


def month_rows(filters: ReportFilters) -> list[tuple[int, int]]:
    """(year, month) of every month the period touches, in order."""
    months = []
    year, month = filters.start.year, filters.start.month
    while (year, month) <= (filters.end.year, filters.end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def currency(office) -> str:
    return "EUR" if getattr(office, "country", "CH") == "DE" else "CHF"


def amount(value: Decimal | int | float | None, *, people: int, places: int = 2) -> Decimal | None:
    """An amount of money or hours as it may be shown: only when at least 5 people or cases are behind it
    (a smaller group's amount could point to a person); None means withheld."""
    if people < SUPPRESSION_THRESHOLD:
        return None
    return Decimal(value or 0).quantize(Decimal(1).scaleb(-places))


# --- Presentation -----------------------------------------------------------------------------------------


@dataclass
class FigureBlock:
    key: str
    label: str
    text: str
    unit: str = ""
    suppressed: bool = False
    secondary: bool = False
    withheld: bool = False  # an amount not shown (None)


@dataclass
class TableBlock:
    table: Table
    chart_url: str = ""
    png_url: str = ""


@dataclass
class SectionBlock:
    section: Section
    figures: list[FigureBlock] = field(default_factory=list)
    tables: list[TableBlock] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.section.key


def figure_text(value) -> str:
    """A figure's value as text: hidden counts by their mark, amounts with two decimals, None as "–"."""
    if value is None:
        return WITHHELD
    if is_suppressed(value):
        return str(value)
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=True)
    if isinstance(value, int):
        return number_format(value, use_l10n=True, force_grouping=True)
    return str(value)


def figure_block(figure: Figure) -> FigureBlock:
    value = figure.value
    return FigureBlock(
        key=figure.key,
        label=figure.label,
        text=figure_text(value),
        unit=figure.unit if value is not None and not is_suppressed(value) else "",
        suppressed=is_suppressed(value),
        secondary=bool(is_suppressed(value) and value.secondary),
        withheld=value is None,
    )


def section_blocks(
    sections: Iterable[Section], *, chart_url: Callable[[Section, Table, str], str] | None = None
) -> list[SectionBlock]:
    """The sections as the page renders them; `chart_url(section, table, fmt)` names each chart ("svg",
    "png"), None: tables without charts (e.g. the PDF)."""
    blocks = []
    for section in sections:
        tables = [
            TableBlock(
                table=table,
                chart_url=chart_url(section, table, "svg") if chart_url else "",
                png_url=chart_url(section, table, "png") if chart_url else "",
            )
            for table in section.tables
        ]
        blocks.append(
            SectionBlock(section=section, figures=[figure_block(f) for f in section.figures], tables=tables)
        )
    return blocks


def csv_rows(*, sections: Iterable[Section], csv_text: Callable[[str], str]) -> list[list[str]]:
    """Every figure and table of `sections` as CSV rows (hidden counts as "<5" / "–", withheld amounts as
    "–"); `csv_text` neutralises spreadsheet formulas in labels."""
    rows: list[list[str]] = []
    for section in sections:
        rows.append([])
        rows.append([csv_text(section.title)])
        for figure in section.figures:
            value = figure.value
            if value is None:
                text = WITHHELD
            elif is_suppressed(value):
                text = value.csv
            else:
                text = str(value)
            rows.append([csv_text(figure.label), text, figure.unit if value is not None else ""])
        if section.note:
            rows.append([csv_text(section.note)])
        for table in section.tables:
            rows.append([])
            rows.append([csv_text(table.title)])
            rows.append([csv_text(table.row_header), *(csv_text(column) for column in table.columns)])
            for row in table.all_rows:
                rows.append([csv_text(row.label), *(csv_value(cell) for cell in row.cells)])
            if table.note:
                rows.append([csv_text(table.note)])
    return rows


def suppression_note() -> str:
    return _(
        "Counts of fewer than %(n)s persons are not shown (<%(n)s); values marked – are hidden so that a "
        "hidden count cannot be worked out from a total, or withheld because fewer than %(n)s persons or "
        "cases are behind an amount."
    ) % {"n": SUPPRESSION_THRESHOLD}
