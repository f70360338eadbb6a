"""The synthetic population statistics of the KOMPAKT benchmark (issue 8): 2,100 municipalities × 15 years
in an office of its own (`bench-kompakt`), size-realistic and deterministic (seeded).

Shape – why not the full cross table. Issue 8 names 200 nationalities × 4 permits × 20 age groups × 2 sexes
per municipality and year: 32,000 cells, × 2,100 × 15 ≈ 1 billion cells. Even stored sparse (only non-zero
cells; small places with few nationalities – the top N, N growing with the foreign population – and every
further nationality pooled into the commonest kept nationality *of its continent group*, a real ISO code, no
"XX"; the long tail of ~190 codes only in municipalities with 10,000+ foreign residents; realistic permit
profiles per nationality; a younger age structure for foreign residents) it has ~840,000 rows per year, 12.5
million in total: a village's foreign residents fill almost one cell each. That shape is
`municipality_cells(shape="cross")`, used for the import benchmark's file (the realistic upload).

The data set stores what the federal office publishes per municipality and what the portrait draws – the
margins: Swiss residents by age group × sex (38 cells), foreign residents by nationality × permit and by age
group × sex – in the fewest cells that keep every margin exact (`_compact`). Every table and chart of the
portrait is exact with it; only "nationality × age" is not meaningful, and nothing shows it. Result with the
defaults: ~200,000 rows per year (2010: 199,773 … 2024: 208,607), 3,067,360 in total, ~38 % of them Swiss
cells.

Sizes are real Swiss orders of magnitude: 26 bench cantons with the real number of municipalities and
population of each canton (scaled to the wanted number of municipalities), the real big cities (427,000
down to ~20,000 residents), the other municipalities log-normal (median ~1,800: many villages under 2,000).
Canton "BAG" mirrors Aargau: ~200 municipalities, ~720,000 residents – the import benchmark's canton.

Municipalities: official numbers 100001…102100 (real BFS numbers end below 7,000; other benches use 9001…,
9701…, 9801…), cantons "B" + the real code (BZH, BAG, …), districts "bench-…". Users: `bench-kompakt-leitung`
(admin) and `bench-kompakt-statistik` (statistics role). Rows are written with COPY on PostgreSQL (executemany
on SQLite, for tests), one transaction per canton, no ORM per row.
"""

import math
import time
from dataclasses import dataclass, field

import numpy as np
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from fachstelle.core.models import Membership, Municipality, Office

from .models import PopulationFigure, Process, StatisticsImport
from .nationalities import NATIONALITY_GROUP, SWISS

OFFICE_SLUG = "bench-kompakt"
USER_PREFIX = "bench-kompakt-"
ADMIN_USERNAME = f"{USER_PREFIX}leitung"
STATISTICS_USERNAME = f"{USER_PREFIX}statistik"
NUMBER_START = 100_001
DISTRICT_PREFIX = "bench-"
DISTRICT_SIZE = 18  # municipalities per district (real cantons: 10–25)
LAST_YEAR = 2024
MUNICIPALITIES = 2_100
YEARS = 15
SEED = 8
IMPORT_CANTON = "BAG"
GENERATED_FILE = "bench-kompakt (generiert)"

# (canton, municipalities, residents, foreign share %, big cities [(name, residents)]) – 2024 orders of
# magnitude; the sum of municipalities is 2,131 (the real count), scaled to the wanted number.
CANTONS = [
    (
        "ZH",
        160,
        1_605_000,
        28.5,
        [("Limmatstadt", 427_000), ("Eulachstadt", 118_000), ("Glattbrugg", 38_000)],
    ),
    ("BE", 335, 1_060_000, 18.0, [("Aarestadt", 135_000), ("Seelandstadt", 56_000), ("Thunersee", 44_000)]),
    ("LU", 80, 425_000, 19.5, [("Reussstadt", 83_000), ("Emmenbrücke Nord", 31_000)]),
    ("UR", 19, 38_000, 12.5, []),
    ("SZ", 30, 166_000, 22.0, []),
    ("OW", 7, 39_000, 15.0, []),
    ("NW", 11, 45_000, 15.5, []),
    ("GL", 3, 42_000, 24.0, []),
    ("ZG", 11, 131_000, 30.5, [("Zugerstadt", 31_000)]),
    ("FR", 126, 335_000, 24.0, [("Saanestadt", 38_000)]),
    ("SO", 106, 285_000, 23.5, []),
    ("BS", 3, 201_000, 38.0, [("Rheinstadt", 175_000), ("Riehenwil", 21_000)]),
    ("BL", 86, 295_000, 24.0, []),
    ("SH", 26, 85_000, 27.0, [("Munotstadt", 37_000)]),
    ("AR", 20, 56_000, 17.0, []),
    ("AI", 6, 17_000, 11.5, []),
    ("SG", 75, 530_000, 25.5, [("Gallusstadt", 76_000)]),
    ("GR", 101, 203_000, 20.5, [("Churwalden Stadt", 38_000)]),
    ("AG", 197, 720_000, 26.5, [("Aarau Süd", 22_000), ("Limmatwil", 21_000)]),
    ("TG", 80, 290_000, 27.5, []),
    ("TI", 106, 356_000, 28.0, [("Ceresio", 63_000)]),
    ("VD", 300, 834_000, 33.5, [("Lemanstadt", 141_000), ("Yverdon Lac", 31_000)]),
    ("VS", 122, 360_000, 24.0, [("Rhonestadt", 35_000)]),
    ("NE", 27, 178_000, 25.5, [("Neuenstadt", 45_000)]),
    ("GE", 45, 518_000, 41.0, [("Genfersee", 204_000), ("Vernier Rive", 37_000)]),
    ("JU", 50, 74_000, 15.0, []),
]

# The commonest nationalities of Switzerland's foreign residents (thousands), in rank order.
TOP_NATIONALITIES = [
    ("IT", 335), ("DE", 325), ("PT", 255), ("FR", 165), ("XK", 120), ("ES", 92), ("TR", 70), ("UA", 65),
    ("MK", 60), ("RS", 58), ("AT", 46), ("GB", 45), ("RO", 42), ("ER", 40), ("PL", 38), ("AF", 34),
    ("HR", 30), ("SY", 27), ("US", 26), ("LK", 25), ("BA", 24), ("IN", 22), ("BR", 22), ("HU", 22),
    ("NL", 22), ("CN", 20), ("GR", 16), ("BG", 15), ("RU", 15), ("SK", 13), ("TH", 13), ("SO", 10),
    ("MA", 10), ("IQ", 10), ("BE", 10), ("TN", 8), ("IR", 8), ("CZ", 8), ("SE", 6), ("CA", 6),
    ("ET", 5), ("CM", 5), ("CO", 5), ("PH", 5), ("VN", 5), ("AU", 4), ("DZ", 4), ("LT", 4),
]  # fmt: skip
LONG_TAIL_WEIGHT = 0.6  # thousands, each further nationality (cities only)
LONG_TAIL_FROM = 10_000  # foreign residents
ASYLUM = {"ER", "AF", "SY", "SO", "IQ", "IR", "ET"}
# Permit profiles (shares); L = short-term, F = provisionally admitted, N = asylum seekers, other = status S.
PERMITS_EU = {"C": 0.62, "B": 0.34, "L": 0.04}
PERMITS_EUROPE = {"C": 0.72, "B": 0.25, "L": 0.01, "F": 0.01, "N": 0.01}
PERMITS_ASYLUM = {"B": 0.33, "F": 0.36, "C": 0.13, "N": 0.18}
PERMITS_UKRAINE = {"other": 0.78, "B": 0.14, "C": 0.08}
PERMITS_OTHER = {"B": 0.52, "C": 0.42, "L": 0.06}
PERMIT_CODES = ["C", "B", "L", "F", "N", "other"]
# Five-year age groups 0…90+ (shares, %).
AGE_SWISS = [4.8, 4.9, 5.0, 5.0, 5.2, 5.4, 5.7, 6.0, 6.4, 6.9, 7.4, 7.5, 7.0, 6.4, 5.8, 4.6, 3.4, 2.3, 1.7]
AGE_FOREIGN = [
    5.8,
    5.0,
    4.4,
    4.6,
    6.8,
    9.8,
    11.6,
    11.2,
    9.6,
    8.2,
    7.0,
    5.6,
    4.1,
    2.9,
    1.9,
    1.1,
    0.6,
    0.3,
    0.1,
]
FEMALE_SWISS = [0.49] * 13 + [0.51, 0.52, 0.54, 0.57, 0.62, 0.71]
FEMALE_FOREIGN = [0.48] * 13 + [0.47, 0.48, 0.50, 0.54, 0.60, 0.68]
AGES = list(range(0, 95, 5))


@dataclass(frozen=True)
class BenchMunicipality:
    number: int
    name: str
    canton: str
    district: str
    population: int  # last year
    foreign_share: float  # last year, 0–1
    growth: float  # per year, relative
    share_trend: float  # foreign share points per year


@dataclass
class BenchKompaktResult:
    """Like demo.load_kompakt_demo's result: what was created and how long it took."""

    counts: dict[str, int] = field(default_factory=dict)
    timings: list[tuple[str, float]] = field(default_factory=list)
    created: bool = False


def years_of(years: int = YEARS) -> list[int]:
    return list(range(LAST_YEAR - years + 1, LAST_YEAR + 1))


def _canton_sizes(total: int) -> list[int]:
    """Municipalities per canton, proportional to the real counts, summing to `total`, at least one each
    (with `total` below 26 the smallest cantons are left out)."""
    real = sum(c[1] for c in CANTONS)
    raw = [c[1] * total / real for c in CANTONS]
    sizes = [max(1, math.floor(x)) for x in raw]
    order = sorted(range(len(CANTONS)), key=lambda i: raw[i] - math.floor(raw[i]), reverse=True)
    while sum(sizes) < total:
        for i in order:
            if sum(sizes) >= total:
                break
            sizes[i] += 1
    largest = sorted(range(len(CANTONS)), key=lambda i: sizes[i], reverse=True)
    while sum(sizes) > total:
        for i in largest:
            if sum(sizes) <= total:
                break
            if sizes[i] > 0:
                sizes[i] -= 1
    return sizes


_STEMS = [
    "Erl", "Hol", "Mur", "Rain", "Brun", "Lind", "Eich", "Buch", "Tann", "Wald", "Stein", "Mett", "Rüti",
    "Horn", "Sulz", "Fahr", "Gries", "Kirch", "Mühl", "Sonn", "Hasl", "Rot", "Wei", "Ess", "Utz", "Gunt",
]  # fmt: skip
_SUFFIXES = ["wil", "dorf", "ikon", "au", "berg", "bach", "hausen", "ingen", "stetten", "egg", "matt", "heim"]
_PREFIXES = ["", "", "Ober", "Nieder", "Hinter"]


def _village_name(n: int) -> str:
    stem = _STEMS[n % len(_STEMS)]
    suffix = _SUFFIXES[(n // len(_STEMS)) % len(_SUFFIXES)]
    prefix = _PREFIXES[(n // (len(_STEMS) * len(_SUFFIXES))) % len(_PREFIXES)]
    name = f"{stem}{suffix}"
    return f"{prefix}{name.lower()}" if prefix else name


def bench_municipalities(
    *, municipalities: int = MUNICIPALITIES, seed: int = SEED
) -> list[BenchMunicipality]:
    """The municipalities of the data set (deterministic for the same arguments)."""
    rng = np.random.default_rng([seed, 0])
    result = []
    number = NUMBER_START
    for (code, _real, residents, share, cities), size in zip(
        CANTONS, _canton_sizes(municipalities), strict=True
    ):
        if size == 0:
            continue
        canton = f"B{code}"
        scale = size / _real
        cities = cities[: max(0, min(len(cities), size - 1 if size > 1 else 1))]
        rest = size - len(cities)
        draws = rng.lognormal(mean=math.log(1_800), sigma=1.05, size=rest)
        remaining = max(residents * scale - sum(p for _n, p in cities), 300 * rest)
        draws = draws * (remaining / draws.sum()) if rest else draws
        sizes = [p for _n, p in cities] + [max(25, int(p)) for p in draws]
        names = [n for n, _p in cities] + [None] * rest
        for k, (name, population) in enumerate(zip(names, sizes, strict=True)):
            big = population >= 20_000
            local_share = share / 100 * rng.lognormal(0, 0.28) * (1.25 if big else 1.0)
            result.append(
                BenchMunicipality(
                    number=number,
                    name=name or _village_name(number - NUMBER_START),
                    canton=canton,
                    district=f"{DISTRICT_PREFIX}{code}-{k // DISTRICT_SIZE + 1}",
                    population=int(population),
                    foreign_share=float(min(0.62, max(0.03, local_share))),
                    growth=float(rng.normal(0.009, 0.006)),
                    share_trend=float(rng.normal(0.0035, 0.0015)),
                )
            )
            number += 1
    return result


def _permits_of(code: str) -> dict[str, float]:
    group = NATIONALITY_GROUP.get(code, "unknown")
    if code == "UA":
        return PERMITS_UKRAINE
    if code in ASYLUM:
        return PERMITS_ASYLUM
    if group == "eu_efta":
        return PERMITS_EU
    if group == "other_europe":
        return PERMITS_EUROPE
    return PERMITS_OTHER


_TOP_CODES = [code for code, _w in TOP_NATIONALITIES]
_TAIL_CODES = sorted(code for code in NATIONALITY_GROUP if code != SWISS and code not in set(_TOP_CODES))
_ALL_CODES = _TOP_CODES + _TAIL_CODES
_BASE_WEIGHTS = np.array([w for _c, w in TOP_NATIONALITIES] + [LONG_TAIL_WEIGHT] * len(_TAIL_CODES))
_PERMIT_MATRIX = np.array([[_permits_of(code).get(p, 0.0) for p in PERMIT_CODES] for code in _ALL_CODES])
_AGE_SEX_SWISS = np.array(
    [[AGE_SWISS[a] / 100 * (1 - FEMALE_SWISS[a]), AGE_SWISS[a] / 100 * FEMALE_SWISS[a]] for a in range(19)]
)
_AGE_SEX_FOREIGN = np.array(
    [
        [AGE_FOREIGN[a] / 100 * (1 - FEMALE_FOREIGN[a]), AGE_FOREIGN[a] / 100 * FEMALE_FOREIGN[a]]
        for a in range(19)
    ]
)
_SEXES = ("m", "f")


def kept_nationalities(foreign: float) -> int:
    """How many nationalities a municipality with `foreign` foreign residents lists in full detail."""
    if foreign >= LONG_TAIL_FROM:
        return len(_ALL_CODES)
    return int(min(12, max(3, round(2.5 * math.log10(max(foreign, 1)) - 1))))


def _nationality_weights(spec: BenchMunicipality, seed: int, foreign: float) -> dict[int, float]:
    """{index into _ALL_CODES: weight}: the municipality's own mix (fixed over the years), top N kept, the
    rest pooled into the commonest kept nationality of the same continent group."""
    rng = np.random.default_rng([seed, spec.number, 1])
    weights = _BASE_WEIGHTS * rng.lognormal(0, 0.6, size=len(_ALL_CODES))
    keep = kept_nationalities(foreign)
    if keep >= len(_ALL_CODES):
        return dict(enumerate(weights.tolist()))
    order = np.argsort(-weights[: len(_TOP_CODES)], kind="stable")
    kept = {int(i): float(weights[i]) for i in order[:keep]}
    for i in range(len(_ALL_CODES)):
        if i in kept or i >= len(_TOP_CODES):
            continue  # the long tail exists only in the cities
        group = NATIONALITY_GROUP.get(_ALL_CODES[i], "unknown")
        target = next((k for k in kept if NATIONALITY_GROUP.get(_ALL_CODES[k]) == group), None)
        if target is None:
            target = next(j for j in range(len(_TOP_CODES)) if NATIONALITY_GROUP.get(_ALL_CODES[j]) == group)
            kept[target] = 0.0
        kept[target] += float(weights[i])
    return kept


def municipality_cells(
    spec: BenchMunicipality, year: int, *, seed: int = SEED, shape: str = "compact"
) -> list[tuple]:
    """The non-zero cells of one municipality-year: (nationality, permit, age_group, sex, count), drawn as
    Poisson counts around the expected values (deterministic per seed, municipality and year).

    shape "cross": the sparse full cross table of the foreign residents (nationality × permit × age × sex).
    shape "compact" (the data set): the same persons, stored in the fewest cells that keep every published
    margin exact – persons per nationality × permit and per age group × sex (see `_compact`)."""
    back = LAST_YEAR - year
    population = spec.population / (1 + spec.growth) ** back
    share = min(0.65, max(0.02, spec.foreign_share - spec.share_trend * back))
    foreign = population * share
    rng = np.random.default_rng([seed, spec.number, year])
    cells = []
    swiss = rng.poisson(_AGE_SEX_SWISS * (population - foreign))
    for a, s in zip(*np.nonzero(swiss), strict=True):
        cells.append((SWISS, SWISS, AGES[a], _SEXES[s], int(swiss[a, s])))
    weights = _nationality_weights(spec, seed, _foreign_last_year(spec))
    index = np.array(sorted(weights))
    shares = np.array([weights[i] for i in index])
    shares = shares / shares.sum()
    # expected[n, p, a, s] = foreign × nationality share × permit share × age-sex share
    expected = (
        foreign
        * shares[:, None, None, None]
        * _PERMIT_MATRIX[index][:, :, None, None]
        * _AGE_SEX_FOREIGN[None, None, :, :]
    )
    counts = rng.poisson(expected)
    if shape == "compact":
        for n, p, a, s, count in _compact(counts):
            cells.append((_ALL_CODES[index[n]], PERMIT_CODES[p], AGES[a], _SEXES[s], count))
        return cells
    for n, p, a, s in zip(*np.nonzero(counts), strict=True):
        cells.append((_ALL_CODES[index[n]], PERMIT_CODES[p], AGES[a], _SEXES[s], int(counts[n, p, a, s])))
    return cells


def _compact(counts) -> list[tuple[int, int, int, int, int]]:
    """The persons of counts[n, p, a, s] in at most (nationality-permit pairs + age-sex cells − 1) cells that
    keep both margins exact: persons per (nationality, permit) and per (age group, sex). The two margins
    are walked side by side (the "north-west corner" of a transport table), pairs in order of size, age-sex
    cells from the youngest."""
    by_pair = counts.sum(axis=(2, 3))
    by_age = counts.sum(axis=(0, 1))
    pairs = [(int(by_pair[n, p]), n, p) for n, p in zip(*np.nonzero(by_pair), strict=True)]
    pairs.sort(key=lambda item: (-item[0], item[1], item[2]))
    ages = [[int(by_age[a, s]), a, s] for a, s in zip(*np.nonzero(by_age), strict=True)]
    result = []
    j = 0
    for total, n, p in pairs:
        while total:
            take = min(total, ages[j][0])
            result.append((int(n), int(p), int(ages[j][1]), int(ages[j][2]), take))
            total -= take
            ages[j][0] -= take
            if ages[j][0] == 0:
                j += 1
    return result


def _foreign_last_year(spec: BenchMunicipality) -> float:
    """Foreign residents of the last year: decides the nationality detail for all years (a municipality
    keeps its list of nationalities over time)."""
    return spec.population * spec.foreign_share


# --- Database ---------------------------------------------------------------------------------------------


def bench_kompakt_office() -> Office | None:
    return Office.objects.filter(slug=OFFICE_SLUG).first()


def bench_kompakt_municipalities():
    return Municipality.objects.filter(
        country="CH", bfs_number__gte=NUMBER_START, district__startswith=DISTRICT_PREFIX
    )


def _figures_of_bench():
    return PopulationFigure.objects.filter(
        municipality__country="CH",
        municipality__bfs_number__gte=NUMBER_START,
        municipality__district__startswith=DISTRICT_PREFIX,
    )


def bench_kompakt_counts() -> dict[str, int]:
    """What the database holds: municipalities, years, figure rows (the generated years only)."""
    municipalities = bench_kompakt_municipalities()
    office = bench_kompakt_office()
    record = (
        StatisticsImport.objects.filter(office=office, file_name=GENERATED_FILE).first() if office else None
    )
    years = sorted(record.years) if record else []
    rows = _figures_of_bench().filter(year__in=years).count() if years else 0
    return {
        "municipalities": municipalities.count(),
        "served": office.municipalities.count() if office else 0,
        "years": len(years),
        "rows": rows,
        "rows_generated": record.rows_imported if record else 0,
    }


def bench_kompakt_complete(*, municipalities: int = MUNICIPALITIES, years: int = YEARS) -> bool:
    counts = bench_kompakt_counts()
    return (
        counts["municipalities"] == municipalities
        and counts["served"] == municipalities
        and counts["years"] == years
        and counts["rows"] > 0
        and counts["rows"] == counts["rows_generated"]
    )


def bench_kompakt_delete() -> int:
    """Delete the bench figures (a raw DELETE: the ORM would fetch millions of rows), the generated import
    records and the bench municipalities. The office and its users stay. Returns the rows deleted."""
    ids = list(bench_kompakt_municipalities().values_list("pk", flat=True))
    deleted = 0
    table = connection.ops.quote_name(PopulationFigure._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            chunk = ", ".join(str(int(pk)) for pk in ids[start : start + 500])
            cursor.execute(f"DELETE FROM {table} WHERE municipality_id IN ({chunk})")  # noqa: S608
            deleted += max(cursor.rowcount, 0)
        office = bench_kompakt_office()
        if office is not None:
            # The programme of the PDF benchmark (kompakt_tool.py) protects its municipality.
            Process.objects.filter(office=office).delete()
            StatisticsImport.objects.filter(office=office).delete()
            office.municipalities.clear()
        bench_kompakt_municipalities().delete()
    return deleted


def ensure_office() -> Office:
    office = bench_kompakt_office()
    if office is None:
        office = Office.objects.create(
            name="Bench KOMPAKT",
            short_name="Bench KOMPAKT",
            slug=OFFICE_SLUG,
            kind=Office.Kind.CANTONAL,
            intro="Synthetische Benchmark-Daten (Bevölkerungsstatistik).",
        )
    return office


def ensure_users(office: Office) -> dict[str, int]:
    """{username: id} of the admin and the statistics user; reused when they exist."""
    user_model = get_user_model()
    roles = {ADMIN_USERNAME: Membership.Role.ADMIN, STATISTICS_USERNAME: Membership.Role.STATISTICS}
    existing = set(user_model.objects.filter(username__in=roles).values_list("username", flat=True))
    unusable = make_password(None)  # bench users never log in with a password (bench_session)
    user_model.objects.bulk_create(
        [
            user_model(username=name, password=unusable, is_staff=True, email=f"{name}@example.ch")
            for name in roles
            if name not in existing
        ]
    )
    ids = dict(user_model.objects.filter(username__in=roles).values_list("username", "pk"))
    Membership.objects.bulk_create(
        [Membership(user_id=ids[name], office=office, role=role) for name, role in roles.items()],
        ignore_conflicts=True,
    )
    return ids


FIGURE_COLUMNS = [
    "municipality_id",
    "year",
    "nationality",
    "permit",
    "age_group",
    "sex",
    "count",
    "source_import_id",
]


def write_figures(rows: list[tuple]) -> None:
    """Rows in FIGURE_COLUMNS order into the figures table: COPY on PostgreSQL, executemany elsewhere."""
    if not rows:
        return
    table = connection.ops.quote_name(PopulationFigure._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in FIGURE_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(FIGURE_COLUMNS))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608


def bench_kompakt_generate(
    *, municipalities: int = MUNICIPALITIES, years: int = YEARS, seed: int = SEED, progress=None
) -> BenchKompaktResult:
    """Generate the data set (after bench_kompakt_delete when one exists). One transaction per canton."""
    result = BenchKompaktResult(created=True)
    started = time.perf_counter()
    office = ensure_office()
    ensure_users(office)
    specs = bench_municipalities(municipalities=municipalities, seed=seed)
    Municipality.objects.bulk_create(
        [
            Municipality(country="CH", bfs_number=s.number, name=s.name, canton=s.canton, district=s.district)
            for s in specs
        ]
    )
    pks = dict(bench_kompakt_municipalities().values_list("bfs_number", "pk"))
    office.municipalities.add(*pks.values())
    year_list = years_of(years)
    record = StatisticsImport.objects.create(
        office=office,
        file_name=GENERATED_FILE,
        file_format="statpop",
        years=year_list,
        municipalities=len(specs),
        status=StatisticsImport.Status.IMPORTED,
        is_demo=True,
    )
    result.timings.append(("municipalities", time.perf_counter() - started))
    total = 0
    by_year = dict.fromkeys(year_list, 0)
    cantons = sorted({s.canton for s in specs}, key=lambda c: [s.canton for s in specs].index(c))
    for canton in cantons:
        step = time.perf_counter()
        rows = []
        for spec in (s for s in specs if s.canton == canton):
            pk = pks[spec.number]
            for year in year_list:
                cells = municipality_cells(spec, year, seed=seed)
                by_year[year] += len(cells)
                rows.extend((pk, year, *cell, record.pk) for cell in cells)
        with transaction.atomic():
            write_figures(rows)
        total += len(rows)
        if progress:
            progress(f"{canton}: {len(rows)} rows ({time.perf_counter() - step:.1f} s)")
    record.rows_total = record.rows_imported = total
    record.save(update_fields=["rows_total", "rows_imported"])
    result.timings.append(("figures", time.perf_counter() - started))
    result.counts = {
        "municipalities": len(specs),
        "years": len(year_list),
        "rows": total,
        **{f"rows_{year}": n for year, n in by_year.items()},
    }
    return result


# --- Files for the import benchmark -----------------------------------------------------------------------


def canton_csv(
    *,
    canton: str = IMPORT_CANTON,
    year: int,
    shape: str = "cross",
    seed: int = SEED,
    municipalities: int = MUNICIPALITIES,
) -> tuple[bytes, int]:
    """One canton's year as a STATPOP CSV (the documented format) and its number of rows."""
    lines = ["GDENR;JAHR;NATIONALITY;PERMIT;AGE_GROUP;SEX;COUNT"]
    for spec in bench_municipalities(municipalities=municipalities, seed=seed):
        if spec.canton != canton:
            continue
        for nationality, permit, age, sex, count in municipality_cells(spec, year, seed=seed, shape=shape):
            lines.append(f"{spec.number};{year};{nationality};{permit};{age};{sex};{count}")
    return ("\r\n".join(lines) + "\r\n").encode(), len(lines) - 1
