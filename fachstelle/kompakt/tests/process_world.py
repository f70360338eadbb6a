"""A small world for the KOMPAKT process tests: the Region Zofingen office (AG) with Oftringen, Zofingen and
Aarburg, its staff in every role, a network (two organisations with contact persons, a key person), and an
other office with its own process, contact and key person that must never show up."""

from types import SimpleNamespace

from fachstelle.core.models import Membership
from fachstelle.core.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
    OrganisationFactory,
    UserFactory,
)
from fachstelle.kompakt.services.processes import process_create
from fachstelle.network.models import Contact, KeyPerson


def process_world():
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen", canton="AG", district="Zofingen")
    zofingen = MunicipalityFactory(bfs_number=4289, name="Zofingen", canton="AG", district="Zofingen")
    aarburg = MunicipalityFactory(bfs_number=4271, name="Aarburg", canton="AG", district="Zofingen")
    allschwil = MunicipalityFactory(bfs_number=2762, name="Allschwil", canton="BL", district="Arlesheim")
    office = OfficeFactory(
        short_name="Region Zofingen", canton="AG", municipalities=[oftringen, zofingen, aarburg]
    )
    other_office = OfficeFactory(short_name="Allschwil", canton="BL", municipalities=[allschwil, oftringen])
    roles = {
        role: MembershipFactory(
            office=office, role=role, user=UserFactory(first_name=role.title(), last_name="Muster")
        ).user
        for role in ("admin", "editor", "counsellor", "statistics")
    }
    foreign_editor = MembershipFactory(office=other_office, role=Membership.Role.EDITOR).user
    foreign_admin = MembershipFactory(office=other_office, role=Membership.Role.ADMIN).user

    school = OrganisationFactory(office=office, name="Schule Oftringen", slug="schule-oftringen")
    social = OrganisationFactory(office=office, name="Sozialdienst Oftringen", slug="sozialdienst-oftringen")
    teacher = Contact.objects.create(
        organisation=school, name="Daniela Bühler", role="Schulleitung", email="d.buehler@schule.example.ch"
    )
    social_worker = Contact.objects.create(
        organisation=social, name="Thomas Gerber", role="Leitung Sozialdienst", email="t.gerber@sd.example.ch"
    )
    key_person = KeyPerson.objects.create(
        office=office,
        name="Blerta Krasniqi",
        email="blerta@example.ch",
        communities="Albanischer Kulturverein",
    )
    foreign_org = OrganisationFactory(office=other_office, name="Primarschule Allschwil", slug="ps-allschwil")
    foreign_contact = Contact.objects.create(
        organisation=foreign_org, name="Fremde Person", email="f@example.ch"
    )
    foreign_key_person = KeyPerson.objects.create(office=other_office, name="Fremde Schlüsselperson")

    process = process_create(
        office=office, municipality=oftringen, lead=roles["counsellor"], contact_name="Sandra Wyss", by=None
    )
    foreign_process = process_create(office=other_office, municipality=allschwil, by=None)
    return SimpleNamespace(
        oftringen=oftringen,
        zofingen=zofingen,
        aarburg=aarburg,
        allschwil=allschwil,
        office=office,
        other_office=other_office,
        foreign_editor=foreign_editor,
        foreign_admin=foreign_admin,
        teacher=teacher,
        social_worker=social_worker,
        key_person=key_person,
        foreign_contact=foreign_contact,
        foreign_key_person=foreign_key_person,
        process=process,
        foreign_process=foreign_process,
        **roles,
    )
