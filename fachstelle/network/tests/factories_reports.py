"""Factories and a small office for the reporting point's tests (no hard-coded primary keys)."""

import uuid
from dataclasses import dataclass

import factory

from fachstelle.core.models import Membership, Municipality, Office, User
from fachstelle.core.tests.factories import MembershipFactory, MunicipalityFactory, OfficeFactory, UserFactory
from fachstelle.network.models import Report

Role = Membership.Role


class ReportFactory(factory.django.DjangoModelFactory):
    """A report stored directly (no audit entry, no e-mail): for lists, triage and statistics."""

    class Meta:
        model = Report

    office = factory.SubFactory(OfficeFactory)
    category = Report.Category.DISCRIMINATION_RACISM
    description = "Im Bus wurde ich wegen meiner Herkunft beschimpft."
    place = "Bus Linie 1"
    submission_key = factory.LazyFunction(lambda: str(uuid.uuid4()))


@dataclass
class ReportWorld:
    office: Office
    municipality: Municipality
    other_municipality: Municipality
    admin: User
    counsellor: User
    colleague: User
    editor: User
    statistics: User
    other_office: Office
    other_admin: User


def report_world() -> ReportWorld:
    """An office serving two municipalities with one member per role, and a second office with its admin."""
    municipality = MunicipalityFactory(name="Zofingen")
    other_municipality = MunicipalityFactory(name="Oftringen")
    office = OfficeFactory(municipalities=[municipality, other_municipality])
    other_office = OfficeFactory(municipalities=[MunicipalityFactory(name="Aarau")])

    def member(role, target=office, **fields):
        return MembershipFactory(office=target, role=role, user=UserFactory(**fields)).user

    return ReportWorld(
        office=office,
        municipality=municipality,
        other_municipality=other_municipality,
        admin=member(Role.ADMIN, first_name="Ada", last_name="Admin"),
        counsellor=member(Role.COUNSELLOR, first_name="Cem", last_name="Berater"),
        colleague=member(Role.COUNSELLOR, first_name="Cora", last_name="Kollegin"),
        editor=member(Role.EDITOR),
        statistics=member(Role.STATISTICS),
        other_office=other_office,
        other_admin=member(Role.ADMIN, other_office),
    )
