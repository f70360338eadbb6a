"""Population statistics demo for `make run`: fictitious but plausible STATPOP-like figures 2019–2025 for
the twelve municipalities of the Region Zofingen office.

The figures are generated deterministically (fixed seeds) into a CSV in the documented format and imported
through the import service, so the demo exercises the same check and atomic replacement as an upload.
Idempotent: when the office already has an imported demo file, nothing is done.
"""

import csv
import io
import random
from collections import Counter
from dataclasses import dataclass, field

from fachstelle.core.models import Office

from . import demo_data as D
from .models import AGE_GROUPS, PopulationFigure, StatisticsImport
from .services.statistics_import import statistics_check, statistics_import

HEADERS = ["GDENR", "JAHR", "NATIONALITY", "PERMIT", "AGE_GROUP", "SEX", "COUNT"]


@dataclass
class KompaktDemoResult:
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)


def _distribute(total: int, weights: dict) -> dict:
    """Split `total` by `weights` into whole numbers that add up to it (largest remainder)."""
    weight_sum = sum(weights.values())
    if total <= 0 or weight_sum <= 0:
        return dict.fromkeys(weights, 0)
    exact = {key: total * weight / weight_sum for key, weight in weights.items()}
    result = {key: int(value) for key, value in exact.items()}
    rest = total - sum(result.values())
    for key in sorted(exact, key=lambda k: (result[k] - exact[k], str(k)))[:rest]:
        result[key] += 1
    return result


def _cells(bfs: int, year: int):
    """(nationality, permit, age group, sex, count) of one municipality and year, zero cells left out."""
    residents_2025, foreign_2025 = D.MUNICIPALITIES[bfs]
    years_back = D.LAST_YEAR - year
    residents = round(residents_2025 / (1 + D.ANNUAL_GROWTH) ** years_back)
    foreign = round(residents * max(0.05, foreign_2025 - D.FOREIGN_SHARE_STEP * years_back))
    rng = random.Random(f"{bfs}-{year}")
    present = {code: spec for code, spec in D.NATIONALITIES.items() if year >= spec[2]}
    by_nationality = _distribute(
        foreign, {code: share * rng.uniform(0.8, 1.2) for code, (share, _p, _y) in present.items()}
    )
    groups = [lower for lower, _label in AGE_GROUPS]
    plans = [("CH", "swiss", {"CH": 1.0}, D.AGE_SWISS, residents - foreign)]
    plans += [
        (code, present[code][1], D.PERMITS[present[code][1]], D.AGE_FOREIGN, count)
        for code, count in by_nationality.items()
    ]
    for nationality, profile, permits, ages, total in plans:
        male = D.MALE_SHARE[profile]
        weights = {
            (permit, lower, sex): permit_share
            * ages[index]
            * (male if sex == "m" else 1 - male)
            * rng.uniform(0.85, 1.15)
            for permit, permit_share in permits.items()
            for index, lower in enumerate(groups)
            for sex in ("f", "m")
        }
        for (permit, lower, sex), count in sorted(_distribute(total, weights).items()):
            if count:
                yield nationality, permit, lower, sex, count


def demo_statistics_csv() -> bytes:
    """The demo file: semicolon CSV in UTF-8 with the documented STATPOP headers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for bfs in sorted(D.MUNICIPALITIES):
        for year in D.YEARS:
            for nationality, permit, lower, sex, count in _cells(bfs, year):
                writer.writerow([bfs, year, nationality, permit, lower, sex, count])
    return buffer.getvalue().encode("utf-8")


def load_kompakt_demo() -> KompaktDemoResult:
    """Import the demo figures for the Region Zofingen office once (skipped when the office is missing)."""
    result = KompaktDemoResult()
    office = Office.objects.filter(slug=D.OFFICE_SLUG).first()
    if office is None:
        return result
    done = StatisticsImport.objects.filter(
        office=office, is_demo=True, status=StatisticsImport.Status.IMPORTED
    ).first()
    if done is not None:
        result.existing["statistics_imports"] += 1
        result.existing["population_figures"] += PopulationFigure.objects.filter(source_import=done).count()
        return result
    data = demo_statistics_csv()
    report = statistics_check(office=office, data=data, file_name=D.DEMO_FILE_NAME, by=None)
    # Raises StatisticsRejected when the office lacks one of the municipalities: a demo must not half-load.
    report = statistics_import(office=office, report=report, is_demo=True)
    result.created["statistics_imports"] += 1
    result.created["population_figures"] += report.record.rows_imported
    return result
