"""The report sections: one per area of the office's work, each computed for an office and `ReportFilters`
and returned as headline figures plus protected tables (`core.statistics.Table`: counts of people below 5
suppressed). The dashboard, the steering group's view, the annual report and the canton's view all read
them from here, so a figure means the same everywhere.

A section module exports
    section(*, office, filters) -> Section
    municipality_rows(*, office, filters, municipalities) -> list[MunicipalityRow]
The second gives one comparable figure per municipality (the steering group's side-by-side view). A module
may also export `sections_for_offices(*, offices, filters) -> {office id: Section}`, computing the section
of many offices in the same number of queries as one (the canton's view), built by the same code.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module

from fachstelle.core.statistics import SECONDARY, Count, Table, is_suppressed

# key → module (in the order of the dashboard and the annual report).
SECTION_MODULES = {
    "counselling": "fachstelle.reporting.sections.counselling",
    "directory": "fachstelle.reporting.sections.directory",
    "network": "fachstelle.reporting.sections.network",
    "events": "fachstelle.reporting.sections.events",
    "grants": "fachstelle.reporting.sections.grants",
    "kompakt": "fachstelle.reporting.sections.kompakt",
}


@dataclass
class Figure:
    """A headline figure: a (suppressed) count, an amount of money or hours (Decimal), or a text."""

    key: str
    label: str
    value: Count | Decimal | str | None
    unit: str = ""  # "CHF", "h", "%" …


@dataclass
class Section:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    note: str = ""


@dataclass
class MunicipalityRow:
    """One figure for each municipality (by municipality id), e.g. "cases opened". `additive`: each person or
    item is counted in one municipality only, so the values may be summed (the steering view's total)."""

    key: str
    label: str
    values: dict[int, Count | Decimal | str | None]
    unit: str = ""
    additive: bool = False


def protect_single_hidden(values: list) -> list:
    """Values of all of an office's municipalities, shown next to the office-wide total: with exactly one
    hidden count, the total minus the visible values would give it away — so the smallest visible non-zero
    count is hidden as well ("–"), as the tables of core.statistics do."""
    if sum(1 for value in values if is_suppressed(value)) != 1:
        return values
    counts = [
        (value, i)
        for i, value in enumerate(values)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0
    ]
    if not counts:
        return values
    _smallest, index = min(counts)
    return [SECONDARY if i == index else value for i, value in enumerate(values)]


def section_module(key: str):
    return import_module(SECTION_MODULES[key])


def sections(*, office, filters, keys=None) -> list[Section]:
    """The sections of `keys` (all by default), in the registry's order."""
    wanted = list(SECTION_MODULES) if keys is None else [key for key in SECTION_MODULES if key in set(keys)]
    return [section_module(key).section(office=office, filters=filters) for key in wanted]


def sections_for_offices(*, offices, filters, keys=None) -> dict[int, list[Section]]:
    """The sections of `keys` (all by default) of each office, by office id; a module that can compute many
    offices at once does so, the others are asked office by office."""
    wanted = list(SECTION_MODULES) if keys is None else [key for key in SECTION_MODULES if key in set(keys)]
    result: dict[int, list[Section]] = {office.pk: [] for office in offices}
    for key in wanted:
        module = section_module(key)
        if hasattr(module, "sections_for_offices"):
            computed = module.sections_for_offices(offices=offices, filters=filters)
        else:
            computed = {office.pk: module.section(office=office, filters=filters) for office in offices}
        for office in offices:
            result[office.pk].append(computed[office.pk])
    return result


def municipality_rows(
    *, office, filters, municipalities, keys=None
) -> list[tuple[str, list[MunicipalityRow]]]:
    """(section key, rows) for the steering group's comparison of `municipalities`."""
    wanted = list(SECTION_MODULES) if keys is None else [key for key in SECTION_MODULES if key in set(keys)]
    return [
        (
            key,
            section_module(key).municipality_rows(
                office=office, filters=filters, municipalities=municipalities
            ),
        )
        for key in wanted
    ]
