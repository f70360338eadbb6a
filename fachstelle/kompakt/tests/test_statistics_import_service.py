"""statistics_check / statistics_import: every row validated, nothing half-written, a year replaced whole."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fachstelle.core.tests.factories import UserFactory
from fachstelle.kompakt.models import ColumnMapping, PopulationFigure, StatisticsImport
from fachstelle.kompakt.services.statistics_import import (
    MAX_ERRORS_LISTED,
    StatisticsRejected,
    column_mapping_save,
    errors_split,
    statistics_check,
    statistics_import,
)

from .factories_statistics import HEADERS, csv_of, grid, statistics_office, xlsx_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return statistics_office()


def run(office, data, name="statpop.csv", by=None):
    """Check, then import when the check passed (as the two pages do)."""
    report = statistics_check(office=office, data=data, file_name=name, by=by)
    if report.has_errors:
        return report
    return statistics_import(office=office, data=data, record=report.record, by=by)


def messages_of(report):
    return [(error["row"], error["column"], error["message"]) for error in report.errors]


# --- Good files ------------------------------------------------------------------------------------------


def test_comma_csv_imports_every_cell(office):
    user = UserFactory()
    report = run(office, csv_of(grid()), by=user)
    record = StatisticsImport.objects.get()
    assert record.status == StatisticsImport.Status.IMPORTED
    assert (record.rows_total, record.rows_imported, record.years, record.municipalities) == (
        76,
        76,
        [2024],
        1,
    )
    assert record.created_by == user and record.file_format == "statpop"
    assert PopulationFigure.objects.count() == 76
    assert sum(PopulationFigure.objects.values_list("count", flat=True)) == 76 * 3
    assert set(PopulationFigure.objects.values_list("source_import", flat=True)) == {record.pk}
    assert report.years == [2024]


def test_semicolon_windows_1252_with_umlauts_and_other_codes(office):
    """Excel on Swiss Windows: ; separator, cp1252, a German header with umlaut, ranges, 1/2 for sex."""
    headers = [
        "GDENR",
        "Jahr",
        "Staatsangehörigkeit",
        "PERMIT",
        "AGE_GROUP",
        "Geschlecht",
        "Anzahl",
        "Bemerkung",
    ]
    rows = [
        (4289, 2023, "ch", "CH", "0-4", "1", "1'234", "Zürich-Zuzug"),
        (4289, 2023, "it", "c", "90+", "2", "7", "Grüsse"),
        (4280, 2023, "IT", "other", "85–89", "M", "0", ""),
    ]
    data = csv_of(rows, headers=headers, delimiter=";", encoding="cp1252")
    report = run(office, data)
    assert not report.has_errors, report.errors
    assert report.unknown_columns == ["Bemerkung"]
    figures = {
        (f.municipality.bfs_number, f.nationality, f.permit, f.age_group, f.sex): f.count
        for f in PopulationFigure.objects.select_related("municipality")
    }
    assert figures == {
        (4289, "CH", "CH", 0, "m"): 1234,
        (4289, "IT", "C", 90, "f"): 7,
        (4280, "IT", "other", 85, "m"): 0,
    }


def test_xlsx(office):
    report = run(office, xlsx_of(grid(year=2022, nationalities=("DE",))), name="statpop.xlsx")
    assert not report.has_errors
    assert PopulationFigure.objects.filter(year=2022, nationality="DE").count() == 38


# --- Bad input: a report, nothing written ----------------------------------------------------------------


def assert_nothing_written():
    assert not PopulationFigure.objects.exists()
    assert not StatisticsImport.objects.exclude(status=StatisticsImport.Status.REJECTED).exists()


@pytest.mark.parametrize(
    ("row", "column", "fragment"),
    [
        ((9999, 2024, "IT", "C", 0, "f", 1), "municipality", "No municipality has the number 9999"),
        ((4271, 2024, "IT", "C", 0, "f", 1), "municipality", "not served by this office"),
        ((4289, 2024, "IT", "C", 0, "f", -3), "count", "must not be negative"),
        ((4289, 2024, "IT", "C", 0, "f", "viele"), "count", "not a whole number"),
        ((4289, 1989, "IT", "C", 0, "f", 1), "year", "outside 1990"),
        ((4289, 2024, "ITA", "C", 0, "f", 1), "nationality", "two-letter"),
        ((4289, 2024, "IT", "Z", 0, "f", 1), "permit", "not a residence status"),
        ((4289, 2024, "IT", "C", 7, "f", 1), "age_group", "five-year age group"),
        ((4289, 2024, "IT", "C", "0-9", "f", 1), "age_group", "five-year age group"),
        ((4289, 2024, "IT", "C", 0, "x", 1), "sex", "not a sex code"),
        ((4289, 2024, "", "C", 0, "f", 1), "nationality", "missing"),
    ],
)
def test_bad_cell_is_reported_with_row_and_column(english, office, row, column, fragment):
    rows = [*grid(nationalities=("CH",)), row]
    report = run(office, csv_of(rows))
    assert report.has_errors and report.error_count == 1
    [(number, col, message)] = messages_of(report)
    assert (number, col) == (len(rows) + 1, column)
    assert fragment in message
    assert_nothing_written()
    assert StatisticsImport.objects.get().status == StatisticsImport.Status.REJECTED


def test_future_year_is_refused(english, office):
    next_year = timezone.localdate().year + 1
    report = run(office, csv_of([(4289, next_year, "CH", "CH", 0, "f", 5)]))
    assert [e["column"] for e in report.errors] == ["year"]
    assert_nothing_written()


def test_duplicate_cell_names_both_rows(english, office):
    rows = [
        (4289, 2024, "IT", "C", 0, "f", 5),
        (4289, 2024, "CH", "CH", 0, "f", 5),
        (4289, 2024, "it", "C", "0-4", "F", 6),
    ]
    report = run(office, csv_of(rows))
    [(number, _column, message)] = messages_of(report)
    assert number == 4 and "as row 2" in message
    assert_nothing_written()


def test_every_bad_row_is_counted_but_at_most_1000_listed(english, office):
    rows = [(9999, 2024, "IT", "C", age, sex, 1) for age in range(0, 95, 5) for sex in "fm"] * 30
    report = run(office, csv_of(rows))
    assert report.error_count == 1140
    assert len(report.errors) == MAX_ERRORS_LISTED
    listed, total = errors_split(StatisticsImport.objects.get().errors)
    assert (len(listed), total) == (MAX_ERRORS_LISTED, 1140)
    assert_nothing_written()


def test_mixed_encoding_is_reported_not_guessed(english, office):
    """A file with a UTF-8 header and Windows-1252 rows: the header no longer reads as “Staatsangehörigkeit”
    once decoded as Windows-1252, so the required column is missing; nothing is imported."""
    header = "GDENR;JAHR;Staatsangehörigkeit;PERMIT;AGE_GROUP;SEX;COUNT\r\n".encode()
    body = "4289;2024;CH;CH;0;f;5\r\n4289;2024;IT;C;0;f;2 Zürich\r\n".encode("cp1252")
    report = run(office, header + body)
    assert report.has_errors
    assert report.errors[0]["row"] is None and "NATIONALITY" in report.errors[0]["message"]
    assert_nothing_written()


def test_rows_with_another_separator_than_the_header_are_reported(english, office):
    data = csv_of([(4289, 2024, "CH", "CH", 0, "f", 5)], delimiter=";") + b"4289,2024,IT,C,0,f,5\r\n"
    report = run(office, data)
    assert report.error_count >= 1 and {e["row"] for e in report.errors} == {3}
    assert_nothing_written()


def test_missing_column_and_non_tabular_file_are_file_level_problems(english, office):
    report = run(office, csv_of([(4289, 2024, 5)], headers=["GDENR", "JAHR", "COUNT"]))
    assert report.errors[0]["row"] is None and "lacks the required column" in report.errors[0]["message"]
    report = run(office, b"PK\x03\x04garbage", name="x.xlsx")
    assert "could not be read" in report.errors[0]["message"]
    report = run(office, csv_of([]))
    assert "no figures" in report.errors[0]["message"]
    assert_nothing_written()


def test_municipality_of_another_country_is_unknown(english, office):
    from fachstelle.core.tests.factories import MunicipalityFactory

    MunicipalityFactory(bfs_number=8336050, name="Lörrach", country="DE", canton="BW")
    report = run(office, csv_of([(8336050, 2024, "DE", "C", 0, "f", 5)]))
    assert "No municipality has the number" in report.errors[0]["message"]


# --- Re-import replaces a year atomically ----------------------------------------------------------------


def test_reimport_replaces_that_year_only(office):
    run(office, csv_of(grid(year=2023) + grid(year=2024) + grid(bfs=4280, year=2024)))
    assert PopulationFigure.objects.count() == 3 * 76
    # The new 2024 file for Zofingen has fewer nationalities and other counts.
    run(office, csv_of(grid(year=2024, nationalities=("CH",), count=9)))
    zofingen_2024 = PopulationFigure.objects.filter(municipality__bfs_number=4289, year=2024)
    assert zofingen_2024.count() == 38
    assert set(zofingen_2024.values_list("count", flat=True)) == {9}
    # Other years and other municipalities of the same year are untouched.
    assert PopulationFigure.objects.filter(municipality__bfs_number=4289, year=2023).count() == 76
    assert PopulationFigure.objects.filter(municipality__bfs_number=4280, year=2024).count() == 76


def test_rejected_reimport_leaves_the_year_as_it_was(office):
    run(office, csv_of(grid(year=2024)))
    before = list(PopulationFigure.objects.order_by("pk").values_list("pk", "count"))
    report = run(office, csv_of([*grid(year=2024, count=9), (4289, 2024, "IT", "C", 0, "f", -1)]))
    assert report.has_errors
    assert list(PopulationFigure.objects.order_by("pk").values_list("pk", "count")) == before


def test_import_checks_again_and_refuses_when_the_office_changed(office):
    """Between check and confirmation a municipality left the office: the confirmation writes nothing."""
    data = csv_of(grid(bfs=4280))
    report = statistics_check(office=office, data=data, file_name="a.csv")
    assert not report.has_errors
    office.municipalities.remove(*office.municipalities.filter(bfs_number=4280))
    with pytest.raises(StatisticsRejected):
        statistics_import(office=office, data=data, record=report.record)
    assert not PopulationFigure.objects.exists()
    report.record.refresh_from_db()
    assert report.record.status == StatisticsImport.Status.REJECTED


def test_query_count_does_not_grow_with_rows(office):
    """Check: mapping, municipalities, served ones, the record. Import: again the three reads, savepoint
    and record update, one delete per year, one insert per 5,000 rows (SQLite splits by its variable
    limit)."""
    data = csv_of(
        grid(
            nationalities=("CH", "IT", "DE", "XK", "PT", "TR", "MK", "RS", "ER", "SY", "AF", "UA", "LK", "ES")
        )
    )
    assert data.count(b"\n") > 500
    with CaptureQueriesContext(connection) as checking:
        report = statistics_check(office=office, data=data, file_name="a.csv")
    assert len(checking) == 4
    with CaptureQueriesContext(connection) as importing:
        statistics_import(office=office, data=data, record=report.record)
    inserts = [q for q in importing.captured_queries if q["sql"].startswith(("INSERT", "COPY"))]
    assert len(importing) - len(inserts) <= 8
    # PostgreSQL takes the 5,000-row batch in one INSERT; SQLite's variable limit splits it.
    per_insert = min(5_000, connection.ops.bulk_batch_size(["f"] * 8, [None] * 5_000))
    assert len(inserts) == -(-532 // per_insert)
    assert PopulationFigure.objects.count() == 14 * 38


# --- Column mapping --------------------------------------------------------------------------------------


def test_german_district_file_with_mapping(office):
    from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory

    loerrach = MunicipalityFactory(bfs_number=8336050, name="Lörrach", country="DE", canton="BW")
    district = OfficeFactory(country="DE", municipalities=[loerrach])
    column_mapping_save(
        office=district,
        columns={
            "municipality": "Gemeindeschlüssel AGS",
            "year": "Stichtag Jahr",
            "nationality": "Staatsangehörigkeit",
            "permit": "Aufenthaltsstatus",
            "age_group": "Altersgruppe",
            "sex": "Geschlecht",
            "count": "Anzahl",
        },
        values={
            "sex": {"männlich": "m", "weiblich": "f"},
            "permit": {"Deutsche": "CH", "Niederlassungserlaubnis": "C", "Aufenthaltserlaubnis": "B"},
            "nationality": {"Deutschland": "DE", "Türkei": "TR"},
        },
    )
    headers = [
        "Gemeindeschlüssel AGS",
        "Stichtag Jahr",
        "Staatsangehörigkeit",
        "Aufenthaltsstatus",
        "Altersgruppe",
        "Geschlecht",
        "Anzahl",
    ]
    rows = [
        ("08336050", 2024, "Deutschland", "Deutsche", "20-24", "weiblich", 812),
        ("08336050", 2024, "Türkei", "Niederlassungserlaubnis", "20-24", "männlich", 40),
    ]
    report = run(district, csv_of(rows, headers=headers, delimiter=";", encoding="cp1252"))
    assert not report.has_errors, report.errors
    assert report.record.file_format == "mapped"
    assert set(PopulationFigure.objects.values_list("nationality", "permit", "sex", "count")) == {
        ("DE", "CH", "f", 812),
        ("TR", "C", "m", 40),
    }
    # The documented STATPOP headers remain accepted for that office.
    assert not run(district, csv_of([(8336050, 2023, "DE", "CH", 0, "f", 1)])).has_errors


def test_mapping_refuses_unknown_keys_and_bad_tables(office):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        column_mapping_save(office=office, columns={"bogus": "X"}, values={"count": {"a": "b"}})
    assert set(exc.value.message_dict) == {"columns", "values"}
    with pytest.raises(ValidationError):
        column_mapping_save(office=office, columns={"year": "Jahr", "count": "jahr"}, values={})
    with pytest.raises(ValidationError):
        column_mapping_save(office=office, columns={}, values={"sex": ["m"]})
    assert not ColumnMapping.objects.exists()


def test_headers_constant_is_the_documented_format():
    assert HEADERS == ["GDENR", "JAHR", "NATIONALITY", "PERMIT", "AGE_GROUP", "SEX", "COUNT"]
