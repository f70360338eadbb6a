"""Building blocks of the statistics import tests: an office with municipalities and files in the format."""

import io

from openpyxl import Workbook

from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory

HEADERS = ["GDENR", "JAHR", "NATIONALITY", "PERMIT", "AGE_GROUP", "SEX", "COUNT"]


def statistics_office():
    """An office serving Zofingen and Oftringen; Aarburg exists but is served by nobody."""
    zofingen = MunicipalityFactory(bfs_number=4289, name="Zofingen")
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen")
    MunicipalityFactory(bfs_number=4271, name="Aarburg")
    return OfficeFactory(municipalities=[zofingen, oftringen])


def csv_of(rows, *, headers=HEADERS, delimiter=",", encoding="utf-8") -> bytes:
    lines = [delimiter.join(headers), *(delimiter.join(str(value) for value in row) for row in rows)]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_of(rows, *, headers=HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def grid(bfs=4289, year=2024, nationalities=("CH", "IT"), count=3):
    """Every cell of one municipality-year for the given nationalities (38 rows each)."""
    permits = {"CH": "CH"}
    return [
        (bfs, year, nationality, permits.get(nationality, "C"), age, sex, count)
        for nationality in nationalities
        for age in range(0, 95, 5)
        for sex in ("f", "m")
    ]
