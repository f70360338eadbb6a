"""Server-side charts: valid, accessible, deterministic SVG (and PNG), and never a hidden value."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from fachstelle.core.charts import Series, bar_chart, stacked_bar_chart, table_chart
from fachstelle.core.statistics import PRIMARY, SECONDARY, Column, protected_table

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def german_table(counts):
    return protected_table(
        key="german",
        title="Knowledge of German & more",
        row_header="Level",
        rows=[("A1", "A1"), ("A2", "A2"), ("B1", "B1"), ("unknown", "Not recorded")],
        columns=[Column("Persons")],
        counts=[[n] for n in counts],
        column_totals=[sum(counts)],
        total_label="Total",
    )


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 — our own output, parsed to prove it is well-formed


def texts(svg: str) -> list[str]:
    root = parse(svg)
    return ["".join(element.itertext()).strip() for element in root.iter(f"{SVG}text")]


def test_bar_chart_is_valid_accessible_svg():
    svg = table_chart(german_table([17, 3, 0, 2]))
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "Knowledge of German & more"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    # The description lists the values in words, hidden ones by their mark.
    assert desc.text == "A1: 17; A2: < 5; B1: 0; Not recorded: < 5"
    assert "DejaVu Sans" in svg
    assert "<metadata" not in svg and "<?xml" not in svg
    labels = texts(svg)
    assert "17" in labels and "< 5" in labels and "A1" in labels


def test_hidden_values_never_reach_the_chart():
    # Same shown cells, different hidden values (3 + 2 vs 4 + 1): the charts are byte-identical.
    first = german_table([9, 3, 0, 2])
    second = german_table([9, 4, 0, 1])
    assert [row.cells for row in first.rows] == [[9], [PRIMARY], [0], [PRIMARY]]
    assert table_chart(first) == table_chart(second)
    assert table_chart(first, fmt="png") == table_chart(second, fmt="png")
    svg = table_chart(first)
    bar_labels = [text for text in texts(svg) if text not in {"0", "2", "4", "6", "8", "10"}]
    assert "3" not in bar_labels and "2" not in bar_labels
    assert "Values of fewer than 5 persons are not shown" in " ".join(texts(svg))


def test_output_is_deterministic():
    table = german_table([12, 0, 7, 5])
    assert table_chart(table) == table_chart(table)
    assert table_chart(table, fmt="png") == table_chart(table, fmt="png")


def test_png_on_request():
    png = table_chart(german_table([12, 0, 7, 5]), fmt="png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(ValueError):
        table_chart(german_table([12, 0, 7, 5]), fmt="gif")


def test_stacked_bar_chart_leaves_hidden_parts_out_and_marks_them():
    svg = stacked_bar_chart(
        title="Qualifications",
        labels=["School", "Vocational"],
        series=[
            Series("Recognised", [6, 9]),
            Series("In progress", [PRIMARY, 8]),
            Series("Refused", [0, SECONDARY]),
        ],
    )
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "Qualifications"
    labels = texts(svg)
    assert "+ < 5" in labels and "+ –" in labels
    assert "Recognised" in labels and "In progress" in labels  # the legend


def test_multi_series_bar_chart_and_special_characters_in_labels():
    svg = bar_chart(
        title="Topics",
        labels=["Wohnen $ & <Miete>", "Arbeit"],
        series=[Series("Persons", [6, 12]), Series("Short consultations", [SECONDARY, 30])],
    )
    root = parse(svg)
    assert "Wohnen $ & <Miete>" in texts(svg)  # no maths mode, escaped properly
    assert "Persons – Wohnen $ & <Miete>: 6; Arbeit: 12" in root.find(f"{SVG}desc").text
