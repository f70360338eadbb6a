"""The computed portrait: exact figures on a hand-made data set, the offer inventory, the charts."""

import pytest

from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory, make_offer
from fachstelle.kompakt.nationalities import nationality_group, nationality_name
from fachstelle.kompakt.portrait_charts import CHART_KEYS, portrait_chart
from fachstelle.kompakt.selectors.portrait import offer_inventory, portrait_figures, statistics_years
from fachstelle.kompakt.tests.portrait_world import statistics_world
from fachstelle.offers.models import Offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(english):
    return statistics_world()


@pytest.fixture
def figures(world):
    return portrait_figures(municipality=world.oftringen, year=2024)


def test_nationality_groups(english):
    assert nationality_group("CH") == "swiss"
    assert nationality_group("de") == "eu_efta"
    assert nationality_group("NO") == "eu_efta"
    assert nationality_group("XK") == "other_europe"
    assert nationality_group("ER") == "africa"
    assert nationality_group("AF") == "asia"
    assert nationality_group("BR") == "americas"
    assert nationality_group("NZ") == "oceania"
    assert nationality_group("XX") == "unknown"
    assert nationality_name("SY") == "Syria"
    assert nationality_name("QQ") == "QQ"


def test_years_totals_and_shares(world, figures):
    assert statistics_years(municipality=world.oftringen) == [2024, 2023, 2019]
    series = [(row.year, row.population, row.foreign, row.swiss, row.foreign_share) for row in figures.years]
    assert series == [(2019, 340, 40, 300, 11.8), (2023, 450, 50, 400, 11.1), (2024, 510, 110, 400, 21.6)]
    assert figures.current.population == 510


def test_growth_over_one_and_five_years(figures):
    one, five = figures.growth_over(1), figures.growth_over(5)
    assert (one.from_year, one.absolute, one.percent) == (2023, 60, 13.3)
    assert (five.from_year, five.absolute, five.percent) == (2019, 170, 50.0)


def test_growth_missing_when_the_earlier_year_is_missing(world):
    figures = portrait_figures(municipality=world.oftringen, year=2023)
    assert figures.growth_over(1) is None and figures.growth_over(5) is None


def test_top_nationalities_without_swiss(figures):
    rows = [(row.key, row.count, row.share) for row in figures.nationalities]
    assert rows == [("DE", 50, 45.5), ("IT", 30, 27.3), ("SY", 20, 18.2), ("US", 10, 9.1)]


def test_top_ten_then_others(world):
    from fachstelle.kompakt.models import PopulationFigure
    from fachstelle.kompakt.tests.portrait_world import figure

    codes = ["AT", "BE", "BG", "CY", "CZ", "DK", "EE", "ES", "FI", "GR", "HR", "HU"]
    PopulationFigure.objects.bulk_create(
        [figure(world.aarau, 2023, code, "B", 30, "m", 20 + i) for i, code in enumerate(codes)]
    )
    rows = portrait_figures(municipality=world.aarau, year=2023).nationalities
    assert len(rows) == 11
    assert rows[0].key == "HU" and rows[0].count == 31
    assert rows[-1].key == "others" and rows[-1].count == 20 + 21  # AT and BE


def test_nationality_groups_of_the_whole_population(figures):
    groups = {row.key: (row.count, row.share) for row in figures.groups}
    assert groups["swiss"] == (400, 78.4)
    assert groups["eu_efta"] == (80, 15.7)
    assert groups["asia"] == (20, 3.9)
    assert groups["americas"] == (10, 2.0)
    assert groups["africa"] == (0, 0.0)
    assert "unknown" not in groups


def test_permits_of_the_foreign_population(figures):
    permits = {row.key: row.count for row in figures.permits}
    assert permits == {"C": 50, "B": 40, "L": 0, "F": 20, "N": 0}
    assert "CH" not in permits


def test_age_pyramid_cells(figures):
    rows = {row.age_group: row for row in figures.pyramid}
    assert figures.pyramid[0].label == "90+"  # oldest first, as drawn
    assert len(figures.pyramid) == 19
    assert (rows[0].swiss_male, rows[0].swiss_female, rows[0].foreign_male, rows[0].foreign_female) == (
        100,
        90,
        0,
        0,
    )
    assert (rows[20].foreign_male, rows[20].foreign_female) == (20, 30)
    assert (rows[40].swiss_female, rows[40].foreign_male, rows[40].foreign_female) == (210, 50, 10)
    assert sum(row.total for row in figures.pyramid) == 510


def test_comparison_district_canton_similar(figures):
    rows = {row.key: row for row in figures.comparisons}
    assert list(rows) == ["municipality", "district", "canton", "similar"]
    district = rows["district"]
    assert (district.municipalities, district.population, district.foreign, district.foreign_share) == (
        2,
        1210,
        210,
        17.4,
    )
    assert district.growth_5y == 22.2  # (1210 - 990) / 990, both municipalities have 2019
    assert "Zofingen" in district.label
    canton = rows["canton"]
    assert (canton.municipalities, canton.population, canton.foreign, canton.foreign_share) == (
        3,
        1810,
        310,
        17.1,
    )
    assert "AG" in canton.label  # Winterthur (ZH) is not counted
    similar = rows["similar"]
    assert (similar.municipalities, similar.population, similar.foreign_share, similar.growth_5y) == (
        1,
        600,
        16.7,
        None,
    )  # Aarau only: Zofingen (700) is more than 30 % larger than 510
    assert rows["municipality"].foreign_share == 21.6


def test_no_figures_for_a_year_without_statistics(world):
    assert portrait_figures(municipality=world.oftringen, year=2020) is None


def test_figures_take_few_queries(world, django_assert_num_queries):
    # years series, nationalities, permits, pyramid, comparison
    with django_assert_num_queries(5):
        portrait_figures(municipality=world.oftringen, year=2024)


def test_inventory_by_kip_area_highlights_empty_areas(world, vocab, django_assert_num_queries):
    office, oftringen = world.office, world.oftringen
    language_area, counselling_area = vocab["kip"]["2.1"], vocab["kip"]["1.2"]
    german = make_offer(
        office=office,
        title="Deutschkurs",
        m2m={"municipalities": [oftringen], "promotion_areas": [language_area]},
    )
    both = make_offer(
        office=office,
        title="Beratung und Kurs",
        m2m={"promotion_areas": [language_area, counselling_area]},
        locations=[{"name": "Gemeindehaus", "municipality": oftringen}],
    )
    loose = make_offer(office=office, title="Treffpunkt", m2m={"municipalities": [oftringen]})
    make_offer(office=office, title="Entwurf", status=Offer.Status.DRAFT, m2m={"municipalities": [oftringen]})
    make_offer(office=office, title="Anderswo", m2m={"municipalities": [MunicipalityFactory()]})
    make_offer(office=OfficeFactory(), title="Fremd", m2m={"municipalities": [oftringen]})

    # areas, offers, their promotion areas
    with django_assert_num_queries(3):
        inventory = offer_inventory(office=office, municipality=oftringen)
    assert inventory.offers_count == 3
    areas = {area.code: area for area in inventory.areas}
    assert [o.pk for o in areas["2.1"].offers] == [both.pk, german.pk]
    assert [o.pk for o in areas["1.2"].offers] == [both.pk]
    assert [o.pk for o in areas[""].offers] == [loose.pk]  # without KIP area, listed last
    assert inventory.areas[-1].code == ""
    empty_codes = {area.code for area in inventory.empty_areas}
    assert "2.1" not in empty_codes and "1.2" not in empty_codes
    assert "1.1" in empty_codes and "" not in empty_codes
    assert len(empty_codes) == len(vocab["kip"]) - 2
    assert areas["2.1"].offers[1].staff_url.endswith(f"/preview/offers/{german.pk}/")


@pytest.mark.parametrize("key", CHART_KEYS)
def test_charts_are_accessible_svg_and_png(figures, key):
    svg = portrait_chart(figures, key)
    assert svg.startswith("<svg ")
    assert 'role="img"' in svg and "<title " in svg and "<desc " in svg
    png = portrait_chart(figures, key, fmt="png")
    assert png.startswith(b"\x89PNG")


def test_pyramid_desc_lists_the_values(figures):
    svg = portrait_chart(figures, "pyramid")
    assert "Women, Swiss citizens" in svg
    assert "40–44: 210" in svg


def test_unknown_chart_is_refused(figures):
    with pytest.raises(ValueError):
        portrait_chart(figures, "pie")
