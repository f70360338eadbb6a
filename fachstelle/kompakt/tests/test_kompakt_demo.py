"""The population demo: plausible figures for Region Zofingen, imported through the service, idempotent."""

import pytest
from django.db.models import Sum

from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory
from fachstelle.kompakt import demo_data
from fachstelle.kompakt.demo import demo_statistics_csv, load_kompakt_demo
from fachstelle.kompakt.models import PopulationFigure, StatisticsImport

pytestmark = pytest.mark.django_db


def test_csv_is_deterministic():
    assert demo_statistics_csv() == demo_statistics_csv()


def test_demo_loads_once_with_plausible_figures():
    municipalities = [
        MunicipalityFactory(bfs_number=number, name=str(number)) for number in demo_data.MUNICIPALITIES
    ]
    office = OfficeFactory(slug=demo_data.OFFICE_SLUG, municipalities=municipalities)
    result = load_kompakt_demo()
    record = StatisticsImport.objects.get(office=office)
    assert record.is_demo and record.status == StatisticsImport.Status.IMPORTED
    assert record.file_name == "Demo – fiktive Zahlen.csv"
    assert record.years == list(range(2019, 2026)) and record.municipalities == 12
    assert result.created["population_figures"] == record.rows_imported == PopulationFigure.objects.count()
    zofingen = PopulationFigure.objects.filter(municipality__bfs_number=4289, year=2025)
    total = zofingen.aggregate(n=Sum("count"))["n"]
    foreign = zofingen.exclude(nationality="CH").aggregate(n=Sum("count"))["n"]
    assert total == 12_400 and 0.20 <= foreign / total <= 0.35
    assert not PopulationFigure.objects.filter(nationality="UA", year__lt=2022).exists()
    assert (
        zofingen.filter(nationality="IT").aggregate(n=Sum("count"))["n"]
        > zofingen.filter(nationality="BR").aggregate(n=Sum("count"))["n"]
    )
    # Second run: nothing new.
    again = load_kompakt_demo()
    assert not again.created and again.existing["statistics_imports"] == 1
    assert StatisticsImport.objects.count() == 1


def test_without_the_office_nothing_happens():
    assert not load_kompakt_demo().created
    assert not StatisticsImport.objects.exists()
