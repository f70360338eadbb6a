"""The small-cell rule: counts of 1–4 are hidden, and so is every cell a total would give away."""

import itertools
import random

import pytest

from fachstelle.core.statistics import (
    PRIMARY,
    SECONDARY,
    SUPPRESSION_THRESHOLD,
    Column,
    Line,
    SuppressedCount,
    csv_value,
    is_suppressed,
    protect,
    protected_table,
    suppress,
)


def test_threshold_is_five():
    assert SUPPRESSION_THRESHOLD == 5


@pytest.mark.parametrize(
    ("count", "shown"), [(0, 0), (None, 0), (1, PRIMARY), (4, PRIMARY), (5, 5), (17, 17)]
)
def test_suppress_hides_one_to_four(count, shown):
    assert suppress(count) == shown


def test_a_suppressed_count_holds_no_value_and_refuses_arithmetic():
    hidden = suppress(3)
    assert isinstance(hidden, SuppressedCount)
    assert str(hidden) == "< 5"
    assert hidden.csv == "<5"
    assert str(SECONDARY) == "–"
    assert "3" not in repr(hidden)
    with pytest.raises(TypeError):
        int(hidden)
    with pytest.raises(TypeError):
        range(hidden)
    assert csv_value(hidden) == "<5" and csv_value(12) == "12"


def test_a_single_hidden_cell_in_a_line_is_protected_by_hiding_the_smallest_other_cell():
    # 12 = 7 + 3 + 2 — hiding 3 and 2 leaves 5 for the two, each could be 1–4: safe.
    values = {"a": 7, "b": 3, "c": 2, "total": 12}
    shown = protect(values, [Line("total", ["a", "b", "c"])])
    assert shown == {"a": 7, "b": PRIMARY, "c": PRIMARY, "total": 12}

    # 15 = 7 + 6 + 2: the 2 alone would be 15 − 13; the smallest visible cell (6) is hidden with it.
    values = {"a": 7, "b": 6, "c": 2, "total": 15}
    shown = protect(values, [Line("total", ["a", "b", "c"])])
    assert shown == {"a": 7, "b": SECONDARY, "c": PRIMARY, "total": 15}


def test_complement_is_widened_while_the_hidden_cell_can_still_be_derived():
    # 12 = 6 + 5 + 1: hiding 1 and 5 leaves 6 = x + y with x ≤ 4 and y ≥ 5 → x = 1. Hide the 6 as well.
    values = {"a": 6, "b": 5, "c": 1, "total": 12}
    shown = protect(values, [Line("total", ["a", "b", "c"])])
    assert shown == {"a": SECONDARY, "b": SECONDARY, "c": PRIMARY, "total": 12}


def test_two_hidden_cells_at_their_maximum_are_protected_too():
    # 18 = 10 + 4 + 4: the hidden cells sum to 8 and are at most 4 each → both 4. Hide the 10 too.
    values = {"a": 10, "b": 4, "c": 4, "total": 18}
    shown = protect(values, [Line("total", ["a", "b", "c"])])
    assert shown["a"] == SECONDARY and shown["total"] == 18


def test_without_another_cell_the_total_is_hidden():
    values = {"a": 3, "b": 0, "total": 3}
    assert protect(values, [Line("total", ["a", "b"])]) == {"a": PRIMARY, "b": 0, "total": PRIMARY}
    values = {"a": 2, "b": 0, "total": 7}  # inconsistent on purpose: the total is still not shown
    assert protect(values, [Line("total", ["a", "b"])])["total"] == SECONDARY


def test_zeros_are_shown_and_never_used_as_complement():
    values = {"a": 9, "b": 0, "c": 2, "total": 11}
    shown = protect(values, [Line("total", ["a", "b", "c"])])
    assert shown["b"] == 0
    assert shown["a"] == SECONDARY


def test_non_additive_line_only_protects_against_the_lower_bound():
    # Several goals per person: cells sum to at least the total. 10 persons, 9 in "work", 3 "housing":
    # housing ≥ 1 is all a reader learns → safe.
    values = {"work": 9, "housing": 3, "total": 10}
    assert protect(values, [Line("total", ["work", "housing"], additive=False)])["work"] == 9
    # 13 persons, 9 in work: housing ≥ 4, and it is at most 4 → disclosed; hide work as well.
    values = {"work": 9, "housing": 4, "total": 13}
    assert protect(values, [Line("total", ["work", "housing"], additive=False)])["work"] == SECONDARY


def test_two_way_table_hides_the_margins_of_lines_with_hidden_cells():
    # Rows and columns cross: line by line would show 7 and let row Y, then column A give the 2 away.
    table = protected_table(
        key="t",
        title="T",
        row_header="R",
        rows=[("x", "X"), ("y", "Y"), ("z", "Z")],
        columns=[Column("A"), Column("B")],
        counts=[[2, 8], [9, 7], [6, 5]],
        column_totals=[17, 20],
        total_label="Total",
        row_totals=[10, 16, 11],
        row_total_label="All",
        grand_total=37,
    )
    x, y, z = table.rows
    assert x.cells == [PRIMARY, 8, SECONDARY]
    assert y.cells == [9, 7, 16] and z.cells == [6, 5, 11]
    assert table.total.cells == [SECONDARY, 20, SECONDARY]
    assert table.columns == ["A", "B", "All"]


def test_one_way_margins_keep_the_totals_when_safe():
    # Rows with their totals only (persons per kind): each cell in one line, the audit is exact.
    table = protected_table(
        key="t",
        title="T",
        row_header="R",
        rows=[("x", "X"), ("y", "Y")],
        columns=[Column("A", additive=False), Column("B", additive=False)],
        counts=[[2, 8], [9, 7]],
        row_totals=[9, 16],
        row_total_label="All",
        rows_additive=False,
    )
    assert table.rows[0].cells == [PRIMARY, 8, 9]  # 2 ≥ 9 − 8 = 1: nothing learnt
    assert table.rows[1].cells == [9, 7, 16]
    assert table.total is None


def test_table_fingerprint_never_contains_hidden_values():
    table = protected_table(
        key="t",
        title="T",
        row_header="R",
        rows=[("x", "X"), ("y", "Y"), ("z", "Z")],
        columns=[Column("Persons")],
        counts=[[3], [0], [123]],
        column_totals=[126],
        total_label="Total",
    )
    shown = [row.cells[0] for row in table.all_rows]
    # 126 = 3 + 123: the 123 is hidden with the 3; the total alone gives neither away.
    assert shown == [PRIMARY, 0, SECONDARY, 126]
    assert "123" not in table.fingerprint()
    assert "3" not in table.fingerprint()
    assert not any(is_suppressed(cell) for cell in shown[1::2])


# --- Brute force: no hidden small cell can be worked out from what a table shows -------------------------


def _possible_values(shown: dict, cells: list, equations: list) -> dict:
    """Every value each hidden cell can take, given the shown values and what a reader knows of hidden
    ones (small: 1–4, complementary: ≥ 5) — by trying every combination."""
    hidden = [key for key in cells if is_suppressed(shown[key])]

    def candidates(key):
        return range(1, 5) if not shown[key].secondary else range(5, 40)

    def total_fits(total, value):
        known = shown[total]
        if not is_suppressed(known):
            return known == value
        return value >= 5 if known.secondary else 1 <= value <= 4

    possible = {key: set() for key in hidden}
    visible = {key: shown[key] for key in cells if not is_suppressed(shown[key])}
    for combination in itertools.product(*(candidates(key) for key in hidden)):
        value = {**visible, **dict(zip(hidden, combination, strict=True))}
        if all(total_fits(total, sum(value[key] for key in keys)) for total, keys in equations):
            for key, number in zip(hidden, combination, strict=True):
                possible[key].add(number)
    return possible


def test_brute_force_one_way_tables_never_disclose_a_small_cell():
    rng = random.Random(4)
    for _ in range(150):
        counts = [rng.choice([0, 1, 2, 3, 4, 5, 6, 8]) for _ in range(rng.randint(1, 4))]
        table = protected_table(
            key="t",
            title="T",
            row_header="R",
            rows=[(str(i), str(i)) for i in range(len(counts))],
            columns=[Column("n")],
            counts=[[n] for n in counts],
            column_totals=[sum(counts)],
            total_label="Total",
        )
        shown = {i: row.cells[0] for i, row in enumerate(table.rows)} | {"total": table.total.cells[0]}
        cells = list(range(len(counts)))
        possible = _possible_values(shown, cells, [("total", cells)])
        for key, values in possible.items():
            if not shown[key].secondary:
                assert len(values) > 1, (counts, shown)


def test_brute_force_two_way_tables_never_disclose_a_small_cell():
    rng = random.Random(7)
    for _ in range(150):
        n_rows, n_columns = rng.choice([(2, 2), (2, 3), (3, 3)])
        counts = [[rng.choice([0, 1, 2, 3, 4, 5, 7, 9]) for _ in range(n_columns)] for _ in range(n_rows)]
        row_totals = [sum(row) for row in counts]
        column_totals = [sum(column) for column in zip(*counts, strict=True)]
        table = protected_table(
            key="t",
            title="T",
            row_header="R",
            rows=[(str(i), str(i)) for i in range(n_rows)],
            columns=[Column(str(j)) for j in range(n_columns)],
            counts=counts,
            column_totals=column_totals,
            total_label="Total",
            row_totals=row_totals,
            row_total_label="All",
            grand_total=sum(row_totals),
        )
        shown = {}
        for i, row in enumerate(table.rows):
            shown.update({(i, j): row.cells[j] for j in range(n_columns)})
            shown[("row", i)] = row.cells[n_columns]
        shown.update({("column", j): table.total.cells[j] for j in range(n_columns)})
        shown["grand"] = table.total.cells[n_columns]
        cells = [(i, j) for i in range(n_rows) for j in range(n_columns)]
        equations = [(("row", i), [(i, j) for j in range(n_columns)]) for i in range(n_rows)]
        equations += [(("column", j), [(i, j) for i in range(n_rows)]) for j in range(n_columns)]
        equations.append(("grand", cells))
        for key, values in _possible_values(shown, cells, equations).items():
            if not shown[key].secondary:
                assert len(values) > 1, (counts, key)
