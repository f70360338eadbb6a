"""The computed municipality portrait: population figures, comparisons and the offer inventory.

Population figures are aggregates of the whole resident population as published by the federal office
(STATPOP), not counts of the office's clients: they need no small-cell suppression, and the portrait shows
every cell. All sums are computed in SQL (GROUP BY); Python only handles the few grouped rows.
"""

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Q, Sum, When
from django.urls import reverse
from django.utils.translation import gettext as _

from fachstelle.core.models import Municipality, Office, PromotionArea
from fachstelle.offers.models import Offer

from ..models import AGE_GROUPS, Permit, PopulationFigure, Sex
from ..nationalities import GROUPS, SWISS, nationality_group, nationality_name

TOP_NATIONALITIES = 10
GROWTH_SPANS = (1, 5)
# "Similar municipalities": same canton, population within this fraction of the municipality's own.
SIMILAR_TOLERANCE = 0.3

_FOREIGN = ~Q(nationality=SWISS)


def _sum_if(condition: Q):
    return Sum(Case(When(condition, then="count"), default=0, output_field=IntegerField()))


def share(part: int, whole: int) -> float | None:
    """Percentage with one decimal (None without a whole)."""
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class YearFigures:
    year: int
    population: int
    foreign: int

    @property
    def swiss(self) -> int:
        return self.population - self.foreign

    @property
    def foreign_share(self) -> float | None:
        return share(self.foreign, self.population)


@dataclass(frozen=True)
class Growth:
    years: int
    from_year: int
    absolute: int
    percent: float | None


@dataclass(frozen=True)
class CountRow:
    key: str
    label: str
    count: int
    share: float | None


@dataclass(frozen=True)
class PyramidRow:
    age_group: int
    label: str
    swiss_male: int
    foreign_male: int
    swiss_female: int
    foreign_female: int

    @property
    def total(self) -> int:
        return self.swiss_male + self.foreign_male + self.swiss_female + self.foreign_female


@dataclass(frozen=True)
class Comparison:
    key: str
    label: str
    municipalities: int
    population: int
    foreign: int
    growth_5y: float | None

    @property
    def foreign_share(self) -> float | None:
        return share(self.foreign, self.population)


@dataclass
class PortraitFigures:
    municipality: Municipality
    year: int
    years: list[YearFigures]
    current: YearFigures
    growth: list[Growth]
    nationalities: list[CountRow]  # top nationalities of the foreign population, then "others"
    groups: list[CountRow]  # whole population by nationality group
    permits: list[CountRow]  # foreign population by permit
    pyramid: list[PyramidRow]  # oldest group first, as drawn
    comparisons: list[Comparison] = field(default_factory=list)

    def growth_over(self, years: int) -> Growth | None:
        return next((g for g in self.growth if g.years == years), None)


def statistics_years(*, municipality: Municipality) -> list[int]:
    """Years with figures for the municipality, newest first."""
    return list(
        PopulationFigure.objects.filter(municipality=municipality)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def statistics_years_by_municipality(*, municipality_ids) -> dict[int, list[int]]:
    """{municipality id: [years, newest first]} in one query (portrait list)."""
    result: dict[int, list[int]] = {}
    rows = (
        PopulationFigure.objects.filter(municipality_id__in=municipality_ids)
        .values_list("municipality_id", "year")
        .distinct()
        .order_by("municipality_id", "-year")
    )
    for municipality_id, year in rows:
        result.setdefault(municipality_id, []).append(year)
    return result


def _year_series(municipality) -> list[YearFigures]:
    rows = (
        PopulationFigure.objects.filter(municipality=municipality)
        .values("year")
        .annotate(population=Sum("count"), foreign=_sum_if(_FOREIGN))
        .order_by("year")
    )
    return [YearFigures(year=r["year"], population=r["population"], foreign=r["foreign"]) for r in rows]


def _growth(series: dict[int, YearFigures], year: int) -> list[Growth]:
    result = []
    for span in GROWTH_SPANS:
        before, now = series.get(year - span), series[year]
        if before is None:
            continue
        absolute = now.population - before.population
        result.append(
            Growth(
                years=span,
                from_year=before.year,
                absolute=absolute,
                percent=share(absolute, before.population),
            )
        )
    return result


def _nationalities(municipality, year, current: YearFigures) -> tuple[list[CountRow], list[CountRow]]:
    rows = list(
        PopulationFigure.objects.filter(municipality=municipality, year=year)
        .values("nationality")
        .annotate(total=Sum("count"))
        .order_by("-total", "nationality")
    )
    foreign = [r for r in rows if r["nationality"] != SWISS and r["total"]]
    top = [
        CountRow(
            key=r["nationality"],
            label=nationality_name(r["nationality"]),
            count=r["total"],
            share=share(r["total"], current.foreign),
        )
        for r in foreign[:TOP_NATIONALITIES]
    ]
    rest = sum(r["total"] for r in foreign[TOP_NATIONALITIES:])
    if rest:
        top.append(
            CountRow(
                key="others", label=_("Other nationalities"), count=rest, share=share(rest, current.foreign)
            )
        )
    by_group = dict.fromkeys((key for key, _label in GROUPS), 0)
    for r in rows:
        by_group[nationality_group(r["nationality"])] += r["total"]
    groups = [
        CountRow(
            key=key, label=str(label), count=by_group[key], share=share(by_group[key], current.population)
        )
        for key, label in GROUPS
        if by_group[key] or key != "unknown"
    ]
    return top, groups


def _permits(municipality, year, current: YearFigures) -> list[CountRow]:
    totals = dict(
        PopulationFigure.objects.filter(_FOREIGN, municipality=municipality, year=year)
        .values("permit")
        .annotate(total=Sum("count"))
        .values_list("permit", "total")
    )
    return [
        CountRow(
            key=value,
            label=str(label),
            count=totals.get(value, 0),
            share=share(totals.get(value, 0), current.foreign),
        )
        for value, label in Permit.choices
        if value != Permit.SWISS and (totals.get(value) or value != Permit.OTHER)
    ]


def _pyramid(municipality, year) -> list[PyramidRow]:
    cells = {
        (r["age_group"], r["sex"]): r
        for r in PopulationFigure.objects.filter(municipality=municipality, year=year)
        .values("age_group", "sex")
        .annotate(swiss=_sum_if(Q(nationality=SWISS)), foreign=_sum_if(_FOREIGN))
    }
    empty = {"swiss": 0, "foreign": 0}
    rows = []
    for lower, label in reversed(AGE_GROUPS):
        male, female = cells.get((lower, Sex.MALE), empty), cells.get((lower, Sex.FEMALE), empty)
        rows.append(
            PyramidRow(
                age_group=lower,
                label=label,
                swiss_male=male["swiss"],
                foreign_male=male["foreign"],
                swiss_female=female["swiss"],
                foreign_female=female["foreign"],
            )
        )
    return rows


def _comparisons(municipality, year, current: YearFigures) -> list[Comparison]:
    """District, canton and similar municipalities, from one query grouped by municipality and year."""
    earlier = year - 5
    rows = (
        PopulationFigure.objects.filter(
            municipality__country=municipality.country,
            municipality__canton=municipality.canton,
            year__in=(year, earlier),
        )
        .values("municipality_id", "municipality__district", "year")
        .annotate(population=Sum("count"), foreign=_sum_if(_FOREIGN))
    )
    now: dict[int, dict] = {}
    before: dict[int, int] = {}
    for r in rows:
        if r["year"] == year:
            now[r["municipality_id"]] = r
        else:
            before[r["municipality_id"]] = r["population"]

    def compare(key, label, ids) -> Comparison | None:
        ids = [pk for pk in ids if pk in now]
        if not ids:
            return None
        both = [pk for pk in ids if pk in before]
        past = sum(before[pk] for pk in both)
        growth = share(sum(now[pk]["population"] for pk in both) - past, past) if both else None
        return Comparison(
            key=key,
            label=label,
            municipalities=len(ids),
            population=sum(now[pk]["population"] for pk in ids),
            foreign=sum(now[pk]["foreign"] for pk in ids),
            growth_5y=growth,
        )

    low, high = current.population * (1 - SIMILAR_TOLERANCE), current.population * (1 + SIMILAR_TOLERANCE)
    candidates = [
        compare("municipality", municipality.name, [municipality.pk]),
        compare(
            "district",
            _("District %(name)s") % {"name": municipality.district},
            [
                pk
                for pk, r in now.items()
                if municipality.district and r["municipality__district"] == municipality.district
            ],
        ),
        compare("canton", _("Canton %(name)s") % {"name": municipality.canton}, list(now)),
        compare(
            "similar",
            _("Similar municipalities (same canton, population ±%(percent)s %%)")
            % {"percent": int(SIMILAR_TOLERANCE * 100)},
            [pk for pk, r in now.items() if pk != municipality.pk and low <= r["population"] <= high],
        ),
    ]
    return [c for c in candidates if c is not None]


def portrait_figures(*, municipality: Municipality, year: int) -> PortraitFigures | None:
    """Everything the portrait computes for `year`; None when the municipality has no figures for it.
    Queries: years series, nationalities, permits, pyramid, comparison (5)."""
    series = _year_series(municipality)
    by_year = {row.year: row for row in series}
    current = by_year.get(year)
    if current is None:
        return None
    nationalities, groups = _nationalities(municipality, year, current)
    return PortraitFigures(
        municipality=municipality,
        year=year,
        years=series,
        current=current,
        growth=_growth(by_year, year),
        nationalities=nationalities,
        groups=groups,
        permits=_permits(municipality, year, current),
        pyramid=_pyramid(municipality, year),
        comparisons=_comparisons(municipality, year, current),
    )


# --- Offer inventory ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InventoryOffer:
    pk: int
    title: str
    provider: str
    staff_url: str
    public_url: str


@dataclass
class InventoryArea:
    code: str
    label: str
    offers: list[InventoryOffer]

    @property
    def is_empty(self) -> bool:
        return not self.offers


@dataclass
class Inventory:
    areas: list[InventoryArea]  # every KIP area, in code order; then offers without area (if any)
    offers_count: int

    @property
    def empty_areas(self) -> list[InventoryArea]:
        return [area for area in self.areas if area.is_empty and area.code]


def offer_inventory(*, office: Office, municipality: Municipality) -> Inventory:
    """The office's running (published, public) offers that serve the municipality (listed for it or held
    there), by KIP promotion area. Queries: areas, offers, their areas (3)."""
    areas = list(PromotionArea.objects.order_by("code"))
    offers = list(
        Offer.objects.public()
        .filter(office=office)
        .filter(Q(municipalities=municipality) | Q(locations__municipality=municipality))
        .distinct()
        .select_related("provider")
        .prefetch_related("promotion_areas")
        .order_by("title", "pk")
    )
    by_area: dict[int | None, list[InventoryOffer]] = {}
    for offer in offers:
        item = InventoryOffer(
            pk=offer.pk,
            title=offer.title,
            provider=offer.provider.name,
            staff_url=reverse("offers:offer_preview", kwargs={"pk": offer.pk}),
            public_url=reverse(
                "offers:offer_detail", kwargs={"office_slug": office.slug, "pk": offer.pk, "slug": offer.slug}
            ),
        )
        area_ids = [area.pk for area in offer.promotion_areas.all()] or [None]
        for area_id in area_ids:
            by_area.setdefault(area_id, []).append(item)
    result = [
        InventoryArea(code=area.code, label=str(area), offers=by_area.get(area.pk, [])) for area in areas
    ]
    if by_area.get(None):
        result.append(InventoryArea(code="", label=_("Without KIP promotion area"), offers=by_area[None]))
    return Inventory(areas=result, offers_count=len(offers))
