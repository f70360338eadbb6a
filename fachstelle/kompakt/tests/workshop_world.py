"""A small world for the workshop and effort tests: the Oftringen process of one office with a working group
(two members with e-mail, one without), the office's staff in every role, and another office with its own
process (for scoping)."""

import datetime
from types import SimpleNamespace

from fachstelle.core.models import Membership
from fachstelle.core.tests.factories import MembershipFactory, MunicipalityFactory, OfficeFactory
from fachstelle.kompakt.models import BlockedDate, Process, SchoolHoliday, WorkingGroupMember

# A Tuesday in early 2027, far enough from any "today" the tests pass.
EARLIEST = datetime.date(2027, 1, 12)
TODAY = datetime.date(2026, 6, 1)


def workshop_world(*, members: bool = True) -> SimpleNamespace:
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen", canton="AG", district="Zofingen")
    winterthur = MunicipalityFactory(bfs_number=230, name="Winterthur", canton="ZH", district="Winterthur")
    office = OfficeFactory(
        name="Fachstelle Integration Region Zofingen",
        short_name="Region Zofingen",
        municipalities=[oftringen],
    )
    other_office = OfficeFactory(short_name="Andere Stelle", municipalities=[winterthur])
    process = Process.objects.create(office=office, municipality=oftringen, status=Process.Status.ACTIVE)
    other_process = Process.objects.create(office=other_office, municipality=winterthur)
    roles = {
        role: MembershipFactory(office=office, role=role).user
        for role in ("admin", "editor", "counsellor", "statistics")
    }
    foreign_editor = MembershipFactory(office=other_office, role=Membership.Role.EDITOR).user
    group = []
    if members:
        group = [
            WorkingGroupMember.objects.create(
                process=process,
                name="Anna Muster",
                department="Schule",
                role=WorkingGroupMember.Role.CHAIR,
                email="anna.muster@example.org",
            ),
            WorkingGroupMember.objects.create(
                process=process, name="Beat Beispiel", department="Sozialdienst", email="beat@example.org"
            ),
            WorkingGroupMember.objects.create(
                process=process, name="Carla Ohnemail", department="Einwohnerkontrolle"
            ),
        ]
    return SimpleNamespace(
        oftringen=oftringen,
        winterthur=winterthur,
        office=office,
        other_office=other_office,
        process=process,
        other_process=other_process,
        foreign_editor=foreign_editor,
        members=group,
        **roles,
    )


def school_holiday(
    name: str, starts: datetime.date, ends: datetime.date, canton: str = "AG"
) -> SchoolHoliday:
    return SchoolHoliday.objects.create(canton=canton, name=name, starts_on=starts, ends_on=ends)


def blocked(
    process: Process, starts: datetime.date, ends: datetime.date | None = None, reason: str = ""
) -> BlockedDate:
    return BlockedDate.objects.create(
        process=process, starts_on=starts, ends_on=ends or starts, reason=reason
    )
