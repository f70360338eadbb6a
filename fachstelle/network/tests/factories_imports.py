"""Test data for the organisation import: an office in the canton of Aargau with real municipality numbers,
and helpers that turn rows into CSV or XLSX bytes."""

import io

from openpyxl import Workbook

from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory
from fachstelle.network.services.imports import HEADERS

# (BFS number, name, canton); "Buchs" exists three times in Switzerland.
MUNICIPALITIES = [
    (4289, "Zofingen", "AG"),
    (4280, "Oftringen", "AG"),
    (4271, "Aarburg", "AG"),
    (4270, "Buchs", "AG"),
    (3273, "Buchs", "SG"),
    (83, "Buchs", "ZH"),
    (261, "Zürich", "ZH"),
]


def region_office(**kwargs):
    """An office serving Zofingen, Oftringen and Aarburg; every municipality above exists."""
    places = {
        number: MunicipalityFactory(bfs_number=number, name=name, canton=canton)
        for number, name, canton in MUNICIPALITIES
    }
    kwargs.setdefault("canton", "AG")
    return OfficeFactory(municipalities=[places[4289], places[4280], places[4271]], **kwargs)


def row(name="Verein A", **cells) -> dict:
    """One row of the import format by header; unnamed cells are empty."""
    return {"Name": name, **cells}


def csv_of(rows: list[dict], headers=HEADERS) -> bytes:
    lines = [";".join(headers)]
    for cells in rows:
        lines.append(";".join(_quote(cells.get(header, "")) for header in headers))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def xlsx_of(rows: list[dict], headers=HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for cells in rows:
        sheet.append([cells.get(header, "") or None for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _quote(value) -> str:
    text = str(value)
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ';"\n') else text
