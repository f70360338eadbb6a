"""Helpers shared by the sections "directory", "events", "grants" and "kompakt": the period as aware
datetimes and its months (from `reporting.selectors.dashboard`: local midnight, so DateTimeFields are
compared on their index, not through a per-row date cast), and tables of values that are *not* counts of
people (offers, events, applications, money), which need no suppression and are shown as they are."""

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from fachstelle.core.statistics import Table, TableRow

from ..selectors.dashboard import month_rows, period_bounds

# The report pages' shared helpers, so a period and its months mean the same in every section.
__all__ = ["month_rows", "municipality_ids", "period_bounds", "plain_table", "whole"]


def plain_table(
    *,
    key: str,
    title: str,
    row_header: str,
    columns: Sequence[str],
    rows: Sequence[tuple[str, str, Sequence]],
    total: Sequence | None = None,
    total_label: str = "",
    note: str = "",
    chart: str = "bar",
) -> Table:
    """A `Table` of values shown as they are: `rows` are (key, label, cells)."""
    return Table(
        key=key,
        title=title,
        row_header=row_header,
        columns=list(columns),
        rows=[TableRow(label=label, cells=list(cells), key=row_key) for row_key, label, cells in rows],
        total=TableRow(label=total_label, cells=list(total), key="total") if total is not None else None,
        note=note,
        chart=chart,
    )


def municipality_ids(municipalities) -> list[int]:
    return [municipality.pk for municipality in municipalities]


def whole(amount: Decimal | int | None) -> int:
    """An amount of money as a table cell: whole currency units (tables hold ints, which the charts draw;
    the headline figures keep the exact Decimal)."""
    return int(Decimal(amount or 0).quantize(Decimal(1), ROUND_HALF_UP))
