"""Small-cell suppression: the one rule every statistic of fachstelle goes through before it is shown.

A count of people is published only if it is 0 or at least ``SUPPRESSION_THRESHOLD`` (5). Counts of 1–4
are replaced by a `SuppressedCount`, which does not hold the real number, so no template, CSV writer or
chart can leak it by accident. That is the *primary* suppression (k-anonymity with k = 5).

A total can give a hidden cell away (total 12, visible cells 5 + 6 → the hidden one is 1), so tables are
protected line by line (*secondary* or complementary suppression, `protect`). A line is a total and the
cells it covers (a row with its row total, a column with its column total, the totals with the grand
total). For every line with hidden cells we work out what a reader can derive about each hidden cell:

- a primary-hidden cell lies in 1–4 (zeros are shown), a secondary-hidden cell is at least 5 (it was
  visible, so it is not small) and has no upper bound;
- in an *additive* line (every person counted in exactly one cell) the hidden cells sum to
  ``total − visible``; each cell's range follows from the other cells' bounds. The line discloses a
  cell when that range shrinks to a single value (the classic case: only one hidden cell; also e.g. two
  hidden cells summing to 8 → both are 4). This applies to secondary cells too: a complementary cell
  that one line pins down could be used by the crossing line against a small cell;
- in a *non-additive* line (a person can be in several cells: goals, topics) the cells only sum to *at
  least* the total, which gives a lower bound; the line discloses a cell when that lower bound reaches 4.

While a line discloses a cell, the smallest visible non-zero cell of that line is hidden as well (the
least information lost); if the line has none, its total is hidden. Hiding a cell can make another line
disclose, so the pass repeats until no line does. Each round hides one more value, so it ends.

For one equation with bounded unknowns these ranges are exact, so a table whose lines do not share cells
(one column with its total, several columns each with its total, rows each with a row total) is fully
protected. A two-way table with both row and column totals is not: chains of crossing lines can pin a
cell down that no single line does. There `protected_table` hides the total of every line with a hidden
cell (and the grand total if any margin is hidden), leaving no equation with a visible total over a hidden
value. Brute-force tests in core/tests/test_statistics.py try every combination to prove both.

Secondary-hidden values render as "–", primary ones as "< 5". Limits: a table is protected against its
own totals; tables sharing a total must hide it together (the needs analysis does); differencing between
two requests with overlapping filters (two periods one day apart) is not prevented.
"""

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

# Counts of people below this are never shown (k-anonymity with k = 5).
SUPPRESSION_THRESHOLD = 5

PRIMARY_MARK = "< %d" % SUPPRESSION_THRESHOLD
SECONDARY_MARK = "–"


@dataclass(frozen=True, slots=True)
class SuppressedCount:
    """A count that must not be shown. It deliberately carries no number: only whether it is small
    (primary) or hidden to protect another cell (secondary)."""

    secondary: bool = False
    # Templates test `{% if cell.suppressed %}` (a plain int has no such attribute).
    suppressed: ClassVar[bool] = True

    def __str__(self) -> str:
        return SECONDARY_MARK if self.secondary else PRIMARY_MARK

    @property
    def csv(self) -> str:
        return SECONDARY_MARK if self.secondary else "<%d" % SUPPRESSION_THRESHOLD

    # Arithmetic on a hidden value is a bug waiting to leak it; fail loudly instead.
    def __int__(self):
        raise TypeError("A suppressed count has no value.")

    __index__ = __int__
    __float__ = __int__


Count = int | SuppressedCount
PRIMARY = SuppressedCount()
SECONDARY = SuppressedCount(secondary=True)


def suppress(count: int | None) -> Count:
    """The count as it may be shown: 0 and counts ≥ 5 as they are, 1–4 as `SuppressedCount`."""
    count = count or 0
    if 0 < count < SUPPRESSION_THRESHOLD:
        return PRIMARY
    return count


def is_suppressed(value) -> bool:
    return isinstance(value, SuppressedCount)


def csv_value(value: Count | str) -> str:
    """A cell for a CSV file: hidden counts as "<5" / "–", numbers as digits."""
    if isinstance(value, SuppressedCount):
        return value.csv
    return str(value)


@dataclass(frozen=True)
class Line:
    """A total and the cells it covers. `additive`: every person is in exactly one of the cells, so the
    cells sum to the total (otherwise they sum to at least the total)."""

    total: Hashable
    cells: Sequence[Hashable]
    additive: bool = True


def _bounds(value: SuppressedCount) -> tuple[float, float]:
    # What a reader knows of a hidden cell: small ones are 1–4, complementary ones were not small.
    if value.secondary:
        return SUPPRESSION_THRESHOLD, math.inf
    return 1, SUPPRESSION_THRESHOLD - 1


def _discloses(line: Line, values: Mapping, shown: Mapping) -> bool:
    """Whether the visible cells and the visible total of `line` pin down a hidden cell: a small one to
    its exact value or to 4, or a complementary one to its exact value (which another line could then
    use against a small cell — the chain through rows and columns of a two-way table)."""
    if is_suppressed(shown[line.total]):
        return False
    hidden = [key for key in line.cells if is_suppressed(shown[key])]
    if not hidden:
        return False
    rest = values[line.total] - sum(values[key] for key in line.cells if not is_suppressed(shown[key]))
    bounds = {key: _bounds(shown[key]) for key in hidden}
    for key in hidden:
        low, high = bounds[key]
        others_high = sum(bounds[other][1] for other in hidden if other != key)
        others_low = sum(bounds[other][0] for other in hidden if other != key)
        least = max(low, rest - others_high)
        if not line.additive:
            # The cells cover the total at least once: only a lower bound can be derived.
            if least >= high:
                return True
            continue
        most = min(high, rest - others_low)
        if least >= most:
            return True
    return False


def _hide_complement(line: Line, values: Mapping, shown: dict) -> None:
    candidates = [key for key in line.cells if not is_suppressed(shown[key]) and values[key] > 0]
    if candidates:
        # The smallest visible cell costs the least information; ties by position keep it deterministic.
        smallest = min(candidates, key=lambda key: values[key])
        shown[smallest] = SECONDARY
    else:
        shown[line.total] = SECONDARY


def protect(values: Mapping[Hashable, int], lines: Iterable[Line]) -> dict[Hashable, Count]:
    """Primary and secondary suppression of a table given as `values` (cell and total keys → counts) and
    the `lines` that tie cells to totals. Returns the values as they may be shown."""
    lines = list(lines)
    shown: dict[Hashable, Count] = {key: suppress(value) for key, value in values.items()}
    changed = True
    while changed:
        changed = False
        for line in lines:
            if _discloses(line, values, shown):
                _hide_complement(line, values, shown)
                changed = True
    return shown


def _protect_two_way(values: dict[Hashable, int], lines: list[Line]) -> dict[Hashable, Count]:
    """Two-way tables: hide the total of every line that has a hidden cell, and the grand total as soon as
    any margin is hidden. Then no equation with a visible total contains a hidden value, so nothing hidden
    can be derived, whatever combination of rows and columns a reader uses."""
    shown: dict[Hashable, Count] = {key: suppress(value) for key, value in values.items()}
    for line in lines:
        if any(is_suppressed(shown[key]) for key in line.cells) and not is_suppressed(shown[line.total]):
            shown[line.total] = SECONDARY
    margins = [line.total for line in lines]
    if any(is_suppressed(shown[key]) for key in margins) and not is_suppressed(shown["grand_total"]):
        shown["grand_total"] = SECONDARY
    return shown


# --- Tables ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of counts. `additive`: each person is counted in exactly one row of it."""

    label: str
    additive: bool = True


@dataclass
class TableRow:
    label: str
    cells: list[Count]
    key: str = ""  # a stable key of the row (category code), for tests and CSV consumers


@dataclass
class Table:
    """A protected table: every cell is an int ≥ 5, 0, or a `SuppressedCount`."""

    key: str
    title: str
    row_header: str
    columns: list[str]
    rows: list[TableRow]
    total: TableRow | None = None
    note: str = ""
    chart: str = "bar"  # "bar" (one bar per row and column) or "stacked" (columns stacked per row)
    has_row_totals: bool = False

    @property
    def all_rows(self) -> list[TableRow]:
        return [*self.rows, self.total] if self.total else list(self.rows)

    @property
    def has_suppressed(self) -> bool:
        return any(is_suppressed(cell) for row in self.all_rows for cell in row.cells)

    def row(self, key: str) -> TableRow:
        return next(row for row in self.rows if row.key == key)

    def fingerprint(self) -> str:
        """What the table shows, as one string (for cache keys of its chart): no hidden value in it."""
        parts = [self.key, self.title, self.row_header, *self.columns]
        for row in self.all_rows:
            parts.append(row.label)
            parts.extend(str(cell) for cell in row.cells)
        return "\x1f".join(parts)


def protected_table(
    *,
    key: str,
    title: str,
    row_header: str,
    rows: Sequence[tuple[str, str]],
    columns: Sequence[Column],
    counts: Sequence[Sequence[int]],
    column_totals: Sequence[int] | None = None,
    total_label: str = "",
    row_totals: Sequence[int] | None = None,
    row_total_label: str = "",
    rows_additive: bool = True,
    grand_total: int | None = None,
    note: str = "",
    chart: str = "bar",
) -> Table:
    """Build a `Table` from raw counts and protect it.

    `rows` are (key, label) pairs, `counts[i][j]` the count of row i in column j. `column_totals` adds a
    total row (each column's line); `row_totals` adds a total column (each row's line, additive when
    `rows_additive`: each person of a row is in exactly one of its columns). With both (a two-way table,
    `grand_total` in the corner) lines cross, and chains of rows and columns can pin a cell down that no
    single line does; there every total of a line with a hidden cell is hidden (`_protect_two_way`), which
    is safe but costly — prefer margins in one direction."""
    values: dict[Hashable, int] = {}
    lines: list[Line] = []
    for i, row_counts in enumerate(counts):
        for j, value in enumerate(row_counts):
            values[("cell", i, j)] = int(value or 0)
    if column_totals is not None:
        for j, column in enumerate(columns):
            values[("column_total", j)] = int(column_totals[j] or 0)
            lines.append(
                Line(("column_total", j), [("cell", i, j) for i in range(len(rows))], column.additive)
            )
    if row_totals is not None:
        for i in range(len(rows)):
            values[("row_total", i)] = int(row_totals[i] or 0)
            lines.append(Line(("row_total", i), [("cell", i, j) for j in range(len(columns))], rows_additive))
    if row_totals is not None and column_totals is not None:
        values["grand_total"] = int(grand_total or 0)
        shown = _protect_two_way(values, lines)
    else:
        # Margins in one direction: every cell is in exactly one line, so the line-by-line audit is exact.
        shown = protect(values, lines)

    table_rows = []
    for i, (row_key, label) in enumerate(rows):
        cells = [shown[("cell", i, j)] for j in range(len(columns))]
        if row_totals is not None:
            cells.append(shown[("row_total", i)])
        table_rows.append(TableRow(label=label, cells=cells, key=row_key))
    total = None
    if column_totals is not None:
        cells = [shown[("column_total", j)] for j in range(len(columns))]
        if row_totals is not None:
            cells.append(shown["grand_total"])
        total = TableRow(label=total_label, cells=cells, key="total")
    headings = [column.label for column in columns]
    if row_totals is not None:
        headings.append(row_total_label)
    return Table(
        key=key,
        title=title,
        row_header=row_header,
        columns=headings,
        rows=table_rows,
        total=total,
        note=note,
        chart=chart,
        has_row_totals=row_totals is not None,
    )
