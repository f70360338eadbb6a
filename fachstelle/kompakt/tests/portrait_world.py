"""A small hand-made statistics world for the portrait tests (exact numbers worked out by hand)."""

from types import SimpleNamespace

from fachstelle.core.models import Membership
from fachstelle.core.tests.factories import MembershipFactory, MunicipalityFactory, OfficeFactory
from fachstelle.kompakt.models import PopulationFigure


def figure(municipality, year, nationality, permit, age_group, sex, count):
    return PopulationFigure(
        municipality=municipality,
        year=year,
        nationality=nationality,
        permit=permit,
        age_group=age_group,
        sex=sex,
        count=count,
    )


def statistics_world():
    """Oftringen (district Zofingen, AG): 2019 340, 2023 450, 2024 510 (110 foreign).
    Zofingen (same district): 2019 650, 2024 700 (100 foreign). Aarau (district Aarau, AG): 2024 600
    (100 foreign, the only "similar" municipality). Winterthur (ZH): 520, never compared."""
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen", canton="AG", district="Zofingen")
    zofingen = MunicipalityFactory(bfs_number=4289, name="Zofingen", canton="AG", district="Zofingen")
    aarau = MunicipalityFactory(bfs_number=4001, name="Aarau", canton="AG", district="Aarau")
    winterthur = MunicipalityFactory(bfs_number=230, name="Winterthur", canton="ZH", district="Winterthur")
    rows = [
        # Oftringen 2024
        figure(oftringen, 2024, "CH", "CH", 0, "m", 100),
        figure(oftringen, 2024, "CH", "CH", 0, "f", 90),
        figure(oftringen, 2024, "CH", "CH", 40, "f", 210),
        figure(oftringen, 2024, "DE", "C", 40, "m", 50),
        figure(oftringen, 2024, "IT", "B", 20, "f", 30),
        figure(oftringen, 2024, "SY", "F", 20, "m", 20),
        figure(oftringen, 2024, "US", "B", 40, "f", 10),
        # Oftringen 2023 and 2019
        figure(oftringen, 2023, "CH", "CH", 0, "m", 400),
        figure(oftringen, 2023, "DE", "C", 40, "m", 50),
        figure(oftringen, 2019, "CH", "CH", 0, "m", 300),
        figure(oftringen, 2019, "DE", "C", 40, "m", 40),
        # Zofingen
        figure(zofingen, 2024, "CH", "CH", 30, "f", 600),
        figure(zofingen, 2024, "FR", "B", 30, "m", 100),
        figure(zofingen, 2019, "CH", "CH", 30, "f", 650),
        # Aarau
        figure(aarau, 2024, "CH", "CH", 30, "f", 500),
        figure(aarau, 2024, "TR", "C", 30, "m", 100),
        # Winterthur
        figure(winterthur, 2024, "CH", "CH", 30, "f", 520),
    ]
    PopulationFigure.objects.bulk_create(rows)
    office = OfficeFactory(short_name="Region Zofingen", municipalities=[oftringen, zofingen, winterthur])
    other_office = OfficeFactory(short_name="Andere Stelle", municipalities=[oftringen])
    roles = {
        role: MembershipFactory(office=office, role=role).user
        for role in ("admin", "editor", "counsellor", "statistics")
    }
    foreign_editor = MembershipFactory(office=other_office, role=Membership.Role.EDITOR).user
    return SimpleNamespace(
        oftringen=oftringen,
        zofingen=zofingen,
        aarau=aarau,
        winterthur=winterthur,
        office=office,
        other_office=other_office,
        foreign_editor=foreign_editor,
        **roles,
    )
