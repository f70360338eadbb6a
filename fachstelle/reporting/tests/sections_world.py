"""Small hand-built worlds for the tests of the report sections directory, events, grants and KOMPAKT.

Every world is the office "Region Zofingen" serving Oftringen, Rothrist and Aarburg, and a second office
that also serves Oftringen: whatever the second office has must never be counted. The period is the
calendar year 2025 (the tests run later, so "today" never cuts into it)."""

import datetime
import zoneinfo
from types import SimpleNamespace

from fachstelle.core.models import Membership
from fachstelle.core.tests.factories import MembershipFactory, MunicipalityFactory, OfficeFactory, UserFactory
from fachstelle.reporting.filters import ReportFilters

ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")
YEAR = 2025


def local(year, month, day, hour=0, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZURICH)


def base_world() -> SimpleNamespace:
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen", canton="AG")
    rothrist = MunicipalityFactory(bfs_number=4282, name="Rothrist", canton="AG")
    aarburg = MunicipalityFactory(bfs_number=4271, name="Aarburg", canton="AG")
    office = OfficeFactory(
        short_name="Region Zofingen", canton="AG", municipalities=[oftringen, rothrist, aarburg]
    )
    other_office = OfficeFactory(short_name="Andere Stelle", canton="AG", municipalities=[oftringen])
    admin = MembershipFactory(office=office, role=Membership.Role.ADMIN, user=UserFactory()).user
    return SimpleNamespace(
        oftringen=oftringen,
        rothrist=rothrist,
        aarburg=aarburg,
        office=office,
        other_office=other_office,
        admin=admin,
        year=ReportFilters.year(YEAR),
        municipalities=[oftringen, rothrist, aarburg],
    )


def year(municipality=None) -> ReportFilters:
    return ReportFilters.year(YEAR, municipality)


def cells(table, row_key) -> list[str]:
    """A table row as shown (hidden counts as their marks)."""
    return [str(cell) for cell in table.row(row_key).cells]


def figure(section, key):
    return next(f for f in section.figures if f.key == key).value


def table(section, key):
    return next(t for t in section.tables if t.key == key)


def row(rows, key):
    return next(r for r in rows if r.key == key)
