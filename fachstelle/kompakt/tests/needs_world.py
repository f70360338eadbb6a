"""Test data of the needs and catalogue tests: a regional office with its Oftringen process, a foreign
office, two canton-level offices maintaining the catalogue, and helpers to build entries and needs."""

from datetime import datetime
from types import SimpleNamespace

from django.utils import timezone

from fachstelle.core.models import Membership, Office
from fachstelle.core.tests.factories import MembershipFactory, MunicipalityFactory, OfficeFactory
from fachstelle.kompakt.models import (
    CatalogueEntry,
    CatalogueExample,
    NeedForAction,
    Process,
    WorkingGroupMember,
    Workshop,
)

ROLES = ("admin", "editor", "counsellor", "statistics")


def make_entry(*, office, area, title="Elterncafé", targets=(), keywords=(), published=True, **fields):
    fields.setdefault("summary", "Ein Treffpunkt für Eltern.")
    fields.setdefault("effort", CatalogueEntry.Effort.MEDIUM)
    entry = CatalogueEntry.objects.create(
        office=office,
        title=title,
        promotion_area=area,
        keywords=list(keywords),
        is_published=published,
        **fields,
    )
    entry.target_groups.set(targets)
    return entry


def make_need(*, process, area, title="Eltern erreichen", priority="medium", targets=(), workshop=None):
    need = NeedForAction.objects.create(
        process=process, promotion_area=area, title=title, priority=priority, workshop=workshop
    )
    need.target_groups.set(targets)
    return need


def make_example(*, entry, municipality, offer=None, description=""):
    return CatalogueExample.objects.create(
        entry=entry, municipality=municipality, offer=offer, description=description
    )


def needs_world(vocab):
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen", canton="AG", district="Zofingen")
    zofingen = MunicipalityFactory(bfs_number=4289, name="Zofingen", canton="AG", district="Zofingen")
    uster = MunicipalityFactory(bfs_number=198, name="Uster", canton="ZH", district="Uster")
    office = OfficeFactory(short_name="Region Zofingen", municipalities=[oftringen, zofingen])
    other_office = OfficeFactory(short_name="Andere Stelle", municipalities=[oftringen])
    canton = OfficeFactory(short_name="Kanton Zuerich", kind=Office.Kind.CANTONAL, municipalities=[uster])
    other_canton = OfficeFactory(short_name="Kanton Bern", kind=Office.Kind.CANTONAL)
    roles = {role: MembershipFactory(office=office, role=role).user for role in ROLES}
    canton_roles = {f"canton_{role}": MembershipFactory(office=canton, role=role).user for role in ROLES}
    foreign_editor = MembershipFactory(office=other_office, role=Membership.Role.EDITOR).user
    other_canton_editor = MembershipFactory(office=other_canton, role=Membership.Role.EDITOR).user

    process = Process.objects.create(office=office, municipality=oftringen, status=Process.Status.ACTIVE)
    foreign_process = Process.objects.create(office=other_office, municipality=oftringen)
    chair = WorkingGroupMember.objects.create(
        process=process, name="Ruth Gerber", department="Gemeinderat", role=WorkingGroupMember.Role.CHAIR
    )
    teacher = WorkingGroupMember.objects.create(process=process, name="Marco Frei", department="Schule")
    stranger = WorkingGroupMember.objects.create(process=foreign_process, name="Fremde Person")
    workshop = Workshop.objects.create(
        process=process,
        kind=Workshop.Kind.FIRST,
        starts_at=timezone.make_aware(datetime(2026, 3, 12, 18, 0)),
        duration_minutes=240,
        location="Gemeindesaal Oftringen",
    )
    foreign_workshop = Workshop.objects.create(
        process=foreign_process,
        kind=Workshop.Kind.START,
        starts_at=timezone.make_aware(datetime(2026, 3, 1, 18, 0)),
        duration_minutes=90,
    )
    return SimpleNamespace(
        vocab=vocab,
        kip=vocab["kip"],
        targets=vocab["targets"],
        oftringen=oftringen,
        zofingen=zofingen,
        uster=uster,
        office=office,
        other_office=other_office,
        canton=canton,
        other_canton=other_canton,
        foreign_editor=foreign_editor,
        other_canton_editor=other_canton_editor,
        process=process,
        foreign_process=foreign_process,
        chair=chair,
        teacher=teacher,
        stranger=stranger,
        workshop=workshop,
        foreign_workshop=foreign_workshop,
        **roles,
        **canton_roles,
    )
