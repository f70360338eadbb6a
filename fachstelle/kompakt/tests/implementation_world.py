"""A small implementation world: the Oftringen process of an office with an adopted programme (2024–2027),
three measures, indicators, a working group, and a second office with its own process."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from fachstelle.core.models import Membership
from fachstelle.core.tests.factories import MembershipFactory, MunicipalityFactory, OfficeFactory
from fachstelle.kompakt.models import (
    Indicator,
    Measure,
    Process,
    Programme,
    WorkingGroupMember,
)


def make_process(*, office, municipality, **fields) -> Process:
    return Process.objects.create(office=office, municipality=municipality, status="implementation", **fields)


def make_programme(*, process, **fields) -> Programme:
    defaults = {
        "title": f"Integrationsprogramm {process.municipality.name}",
        "period_start": 2024,
        "period_end": 2027,
        "status": Programme.Status.ADOPTED,
        "adopted_on": datetime.date(2024, 3, 1),
        "adopted_by": "Gemeinderat",
    }
    defaults.update(fields)
    return Programme.objects.create(process=process, **defaults)


def make_measure(*, programme, area, title, **fields) -> Measure:
    defaults = {"responsible": "Gemeinderat", "funding_canton": Decimal("10000")}
    defaults.update(fields)
    return Measure.objects.create(programme=programme, promotion_area=area, title=title, **defaults)


def implementation_world(vocab):
    kip = vocab["kip"]
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen", canton="AG", district="Zofingen")
    aarburg = MunicipalityFactory(bfs_number=4271, name="Aarburg", canton="AG", district="Zofingen")
    office = OfficeFactory(short_name="Region Zofingen", municipalities=[oftringen, aarburg])
    other_office = OfficeFactory(short_name="Andere Stelle", municipalities=[oftringen])
    roles = {
        role: MembershipFactory(office=office, role=role).user
        for role in ("admin", "editor", "counsellor", "statistics")
    }
    foreign_editor = MembershipFactory(office=other_office, role=Membership.Role.EDITOR).user

    process = make_process(office=office, municipality=oftringen)
    programme = make_programme(process=process)
    german = make_measure(
        programme=programme, area=kip["2.1"], title="Deutschkurs mit Kinderbetreuung", position=1
    )
    welcome = make_measure(
        programme=programme,
        area=kip["1.1"],
        title="Begrüssungsanlass für Neuzuziehende",
        position=2,
        funding_canton=Decimal("3000"),
    )
    cafe = make_measure(programme=programme, area=kip["3.2"], title="Interkulturelles Café", position=3)
    participants = Indicator.objects.create(
        measure=german,
        name="Teilnehmende pro Jahr",
        unit="Personen",
        baseline=Decimal("10"),
        target=Decimal("40"),
    )
    completion = Indicator.objects.create(
        measure=german, name="Abschlussquote", unit="%", baseline=Decimal("50"), target=Decimal("75")
    )
    waiting = Indicator.objects.create(
        measure=welcome,
        name="Wartende auf Erstgespräch",
        unit="Personen",
        baseline=Decimal("30"),
        target=Decimal("5"),
    )
    chair = WorkingGroupMember.objects.create(process=process, name="Anna Keller", role="chair")
    member = WorkingGroupMember.objects.create(
        process=process, name="Luca Bianchi", organisation_name="Schule"
    )

    # The same municipality's process in another office, and a second process of the office without programme.
    other_process = make_process(office=other_office, municipality=oftringen)
    other_programme = make_programme(process=other_process)
    other_measure = make_measure(programme=other_programme, area=kip["2.1"], title="Fremde Massnahme")
    other_member = WorkingGroupMember.objects.create(process=other_process, name="Fremdes Mitglied")
    bare_process = make_process(office=office, municipality=aarburg)

    return SimpleNamespace(
        office=office,
        other_office=other_office,
        foreign_editor=foreign_editor,
        oftringen=oftringen,
        process=process,
        programme=programme,
        german=german,
        welcome=welcome,
        cafe=cafe,
        participants=participants,
        completion=completion,
        waiting=waiting,
        chair=chair,
        member=member,
        other_process=other_process,
        other_measure=other_measure,
        other_member=other_member,
        bare_process=bare_process,
        **roles,
    )
