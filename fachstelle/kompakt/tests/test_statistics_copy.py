"""The import's write path: COPY on PostgreSQL, bulk_create on SQLite – the same rows, the same atomicity
(nothing written on errors, a re-imported year replaced whole, the old year intact when writing fails)."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from fachstelle.kompakt.models import PopulationFigure, StatisticsImport
from fachstelle.kompakt.services.statistics_import import (
    StatisticsRejected,
    _bulk_create_cells,
    _copy_cells,
    _report,
    statistics_check,
    statistics_import,
)

from .factories_statistics import csv_of, grid, statistics_office

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY exists on PostgreSQL only")


@pytest.fixture
def office():
    return statistics_office()


def run(office, data):
    report = statistics_check(office=office, data=data, file_name="statpop.csv")
    return statistics_import(office=office, data=data, record=report.record)


def stored(year=None):
    rows = PopulationFigure.objects.order_by()
    if year:
        rows = rows.filter(year=year)
    return set(
        rows.values_list(
            "municipality__bfs_number", "year", "nationality", "permit", "age_group", "sex", "count"
        )
    )


def expected(rows):
    return {(b, y, n, p, a, s, c) for b, y, n, p, a, s, c in rows}


def test_every_cell_is_written_with_its_import(office):
    rows = grid(bfs=4289, nationalities=("CH", "IT", "DE")) + grid(bfs=4280, count=7)
    report = run(office, csv_of(rows))
    assert stored() == expected(rows)
    record = StatisticsImport.objects.get()
    assert record.status == StatisticsImport.Status.IMPORTED and record.rows_imported == len(rows)
    assert set(PopulationFigure.objects.values_list("source_import", flat=True)) == {report.record.pk}


def test_reimport_replaces_the_year_and_keeps_the_others(office):
    run(office, csv_of(grid(year=2023) + grid(year=2024, nationalities=("CH", "IT", "PT"))))
    new = grid(year=2024, nationalities=("CH", "XK"), count=9)
    run(office, csv_of(new))
    assert stored(2024) == expected(new)  # PT and IT of 2024 gone
    assert stored(2023) == expected(grid(year=2023))


def test_file_with_an_error_writes_nothing(office):
    old = grid(year=2024)
    run(office, csv_of(old))
    bad = grid(year=2024, count=5)
    bad[10] = (*bad[10][:6], "viele")
    with pytest.raises(StatisticsRejected):
        run(office, csv_of(bad))
    assert stored() == expected(old)
    assert StatisticsImport.objects.filter(status=StatisticsImport.Status.REJECTED).count() == 1


def test_failure_while_writing_keeps_the_old_year(office):
    """A row the database refuses (here a duplicate cell slipped past the check) rolls the whole import back:
    the deleted old figures are back, the record is not marked imported."""
    old = grid(year=2024)
    run(office, csv_of(old))
    data = csv_of(grid(year=2024, count=5))
    report = statistics_check(office=office, data=data, file_name="neu.csv")
    report.cells.append(report.cells[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        statistics_import(office=office, report=report, record=report.record)
    assert stored() == expected(old)
    report.record.refresh_from_db()
    assert report.record.status == StatisticsImport.Status.CHECKED


def test_one_statement_writes_all_rows(office):
    """PostgreSQL: one COPY (counted like a query), no INSERT into the figures; SQLite: INSERT batches."""
    data = csv_of(grid(nationalities=("CH", "IT", "DE", "PT", "ES", "FR")))
    report = statistics_check(office=office, data=data, file_name="a.csv")
    with CaptureQueriesContext(connection) as queries:
        statistics_import(office=office, data=data, record=report.record)
    sql = [q["sql"] for q in queries.captured_queries]
    figures_table = PopulationFigure._meta.db_table
    copies = [s for s in sql if s.startswith("COPY")]
    inserts = [s for s in sql if s.startswith("INSERT") and figures_table in s]
    if connection.vendor == "postgresql":
        assert len(copies) == 1 and "228 rows" in copies[0] and not inserts
    else:
        assert not copies and inserts
    assert PopulationFigure.objects.count() == 228


@postgres_only
def test_copy_and_bulk_create_store_the_same_rows(office):
    data = csv_of(grid(bfs=4289, nationalities=("CH", "IT", "TR")) + grid(bfs=4280, count=2))
    report = _report(office=office, data=data, file_name="a.csv")
    record = StatisticsImport.objects.create(office=office, file_name="a.csv")
    fields = (
        "municipality_id",
        "year",
        "nationality",
        "permit",
        "age_group",
        "sex",
        "count",
        "source_import_id",
    )
    with transaction.atomic():
        _copy_cells(report.cells, record.pk)
        by_copy = set(PopulationFigure.objects.values_list(*fields))
        transaction.set_rollback(True)
    assert len(by_copy) == len(report.cells)
    with transaction.atomic():
        _bulk_create_cells(report.cells, record)
        by_bulk = set(PopulationFigure.objects.values_list(*fields))
        transaction.set_rollback(True)
    assert by_copy == by_bulk


@postgres_only
def test_copy_error_is_a_django_integrity_error(office):
    report = _report(office=office, data=csv_of(grid()), file_name="a.csv")
    record = StatisticsImport.objects.create(office=office, file_name="a.csv")
    with pytest.raises(IntegrityError), transaction.atomic():
        _copy_cells([*report.cells, report.cells[0]], record.pk)
    assert not PopulationFigure.objects.exists()
