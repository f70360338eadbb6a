"""Test data of the staff side of events: an office with its people, events and registrations."""

import datetime
from dataclasses import dataclass

from fachstelle.core.models import Membership
from fachstelle.core.tests.factories import MembershipFactory, OfficeFactory, OrganisationFactory, UserFactory
from fachstelle.events.models import Event, Registration
from fachstelle.events.services.events import make_local


@dataclass
class StaffWorld:
    office: object
    other_office: object
    admin: object
    editor: object
    counsellor: object
    statistics: object
    foreign_editor: object
    organisation: object


def staff_world() -> StaffWorld:
    office = OfficeFactory(name="Fachstelle Integration Region Zofingen", short_name="Zofingen")
    other = OfficeFactory(name="Fachstelle Integration Allschwil", short_name="Allschwil")
    users = {}
    for role, username in [
        (Membership.Role.ADMIN, "ev-leitung"),
        (Membership.Role.EDITOR, "ev-redaktion"),
        (Membership.Role.COUNSELLOR, "ev-beratung"),
        (Membership.Role.STATISTICS, "ev-statistik"),
    ]:
        users[role] = MembershipFactory(user=UserFactory(username=username), office=office, role=role).user
    foreign = MembershipFactory(
        user=UserFactory(username="ev-fremd"), office=other, role=Membership.Role.EDITOR
    ).user
    return StaffWorld(
        office=office,
        other_office=other,
        admin=users[Membership.Role.ADMIN],
        editor=users[Membership.Role.EDITOR],
        counsellor=users[Membership.Role.COUNSELLOR],
        statistics=users[Membership.Role.STATISTICS],
        foreign_editor=foreign,
        organisation=OrganisationFactory(office=office, name="Verein Miteinander"),
    )


def make_event(
    office, *, day: datetime.date | None = None, hour: int = 19, hours: int = 2, **fields
) -> Event:
    """An event saved directly (tests of the services build theirs through the services)."""
    day = day or (datetime.date.today() + datetime.timedelta(days=14))
    starts_at = make_local(day, datetime.time(hour, 0))
    values = {
        "title": "Deutschtreff",
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=hours),
        "status": Event.Status.PUBLISHED,
        **fields,
    }
    return Event.objects.create(office=office, **values)


def make_registration(event, *, name="Amina Yusuf", people=1, status=Registration.Status.CONFIRMED, **fields):
    fields.setdefault("email", "amina@example.org")
    return Registration.objects.create(event=event, name=name, people=people, status=status, **fields)
