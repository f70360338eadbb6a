"""The KOMPAKT bench data set: deterministic, size-realistic, sparse, real nationality codes; the command is
idempotent; a generated canton file passes the real import."""

from collections import Counter
from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command

from fachstelle.kompakt import bench
from fachstelle.kompakt.models import PopulationFigure, StatisticsImport
from fachstelle.kompakt.nationalities import NATIONALITY_GROUP
from fachstelle.kompakt.services.statistics_import import statistics_check, statistics_import


def test_municipalities_are_deterministic_and_size_realistic():
    first = bench.bench_municipalities()
    assert first == bench.bench_municipalities()
    assert len(first) == 2_100
    assert len({m.number for m in first}) == 2_100 and min(m.number for m in first) == bench.NUMBER_START
    sizes = sorted(m.population for m in first)
    assert 1_200 <= sizes[len(sizes) // 2] <= 2_500  # median: a village
    assert sum(size < 2_000 for size in sizes) > 900
    assert sizes[-1] >= 400_000 and sum(size >= 100_000 for size in sizes) >= 5
    assert 8_000_000 <= sum(sizes) <= 9_500_000
    aargau = [m for m in first if m.canton == bench.IMPORT_CANTON]
    assert 180 <= len(aargau) <= 200
    assert 650_000 <= sum(m.population for m in aargau) <= 760_000


def test_canton_sizes_add_up():
    for total in (1, 26, 30, 2_100, 2_500):
        assert sum(bench._canton_sizes(total)) == total


def test_cells_are_sparse_deterministic_and_real_codes():
    spec = next(m for m in bench.bench_municipalities() if 900 <= m.population <= 1_500)
    cells = bench.municipality_cells(spec, 2024)
    assert cells == bench.municipality_cells(spec, 2024)
    assert all(count > 0 for *_key, count in cells)
    nationalities = {cell[0] for cell in cells}
    assert nationalities <= set(NATIONALITY_GROUP) and "XX" not in nationalities
    foreign = nationalities - {"CH"}
    assert 1 <= len(foreign) <= bench.kept_nationalities(spec.population) + 6  # top N + group pools
    assert len(cells) < spec.population / 4
    assert len({cell[:4] for cell in cells}) == len(cells)  # unique keys


def test_long_tail_only_in_cities():
    specs = bench.bench_municipalities()
    city = max(specs, key=lambda m: m.population)
    village = min((m for m in specs if m.population > 500), key=lambda m: m.population)
    city_codes = {c[0] for c in bench.municipality_cells(city, 2024)}
    village_codes = {c[0] for c in bench.municipality_cells(village, 2024)}
    assert len(city_codes) > 100
    assert len(village_codes) < 15


def test_compact_shape_keeps_every_margin_of_the_cross_table():
    spec = next(m for m in bench.bench_municipalities() if m.population > 20_000)
    cross = bench.municipality_cells(spec, 2020, shape="cross")
    compact = bench.municipality_cells(spec, 2020)
    assert len(compact) < len(cross) / 2

    def margins(cells):
        return (
            _sum(cells, lambda c: (c[0], c[1])),
            _sum(cells, lambda c: (c[0] == "CH", c[2], c[3])),
            _sum(cells, lambda c: c[1]),
        )

    assert margins(compact) == margins(cross)


def _sum(cells, key):
    totals = Counter()
    for cell in cells:
        totals[key(cell)] += cell[4]
    return totals


def test_compact_of_an_empty_table():
    assert bench._compact(np.zeros((2, 6, 19, 2), dtype=int)) == []


@pytest.mark.django_db
def test_command_generates_once_and_deletes():
    out = StringIO()
    call_command("generate_bench_statistics", "--municipalities", "30", "--years", "2", stdout=out)
    counts = bench.bench_kompakt_counts()
    assert counts["municipalities"] == counts["served"] == 30 and counts["years"] == 2
    assert counts["rows"] == counts["rows_generated"] == PopulationFigure.objects.count() > 30 * 2 * 30
    assert set(PopulationFigure.objects.values_list("year", flat=True)) == {2023, 2024}
    assert bench.bench_kompakt_complete(municipalities=30, years=2)
    call_command("generate_bench_statistics", "--municipalities", "30", "--years", "2", stdout=out)
    assert "nothing to do" in out.getvalue()
    assert PopulationFigure.objects.count() == counts["rows"]
    # The same seed gives the same figures after a reset.
    before = sorted(
        PopulationFigure.objects.values_list(
            "municipality__bfs_number", "year", "nationality", "permit", "age_group", "sex", "count"
        )
    )
    call_command("generate_bench_statistics", "--municipalities", "30", "--years", "2", "--reset", stdout=out)
    after = sorted(
        PopulationFigure.objects.values_list(
            "municipality__bfs_number", "year", "nationality", "permit", "age_group", "sex", "count"
        )
    )
    assert before == after
    call_command("generate_bench_statistics", "--delete", stdout=out)
    assert not PopulationFigure.objects.exists()
    assert not bench.bench_kompakt_municipalities().exists()


@pytest.mark.django_db
def test_generated_canton_file_passes_the_real_import():
    bench.bench_kompakt_generate(municipalities=40, years=1)
    office = bench.bench_kompakt_office()
    data, rows = bench.canton_csv(canton=bench.IMPORT_CANTON, year=2009, municipalities=40)
    assert rows > 0
    report = statistics_check(office=office, data=data, file_name="bench-BAG.csv")
    assert not report.has_errors, report.errors[:3]
    statistics_import(office=office, data=data, record=report.record)
    assert PopulationFigure.objects.filter(year=2009).count() == rows
    assert StatisticsImport.objects.filter(status="imported", file_name="bench-BAG.csv").exists()
