"""Test data of the projects app: an office with its people (from the counselling world), projects made
through the service, and the records a project links to."""

import datetime
from decimal import Decimal

from fachstelle.core.tests.factories import OrganisationFactory
from fachstelle.counselling.tests.factories import counselling_world
from fachstelle.events.tests.factories_public import EventFactory
from fachstelle.grants.models import Application, FundingProgramme
from fachstelle.projects import services
from fachstelle.projects.models import Project


def projects_world():
    """counselling_world(): office "Region Zofingen" (admin leitung, counsellors, editor, statistics) and
    the other office "Allschwil" with its counsellor."""
    return counselling_world()


def make_project(*, office, links=None, **fields) -> Project:
    fields.setdefault("title", "Deutsch-Café für Frauen")
    fields.setdefault("goal", "Frauen üben Deutsch im Alltag.")
    fields.setdefault("role", Project.Role.INITIATED)
    fields.setdefault("status", Project.Status.RUNNING)
    return services.project_create(office=office, fields=fields, links=links or {})


def make_application(*, office, title="Gesprächscafé Brittnau", reference="GS-2026-001") -> Application:
    programme = FundingProgramme.objects.filter(office=office).first() or FundingProgramme.objects.create(
        office=office,
        year=2026,
        name="Kleinprojekte Integration 2026",
        slug="kleinprojekte-2026",
        budget=Decimal("30000.00"),
        opens_on=datetime.date(2026, 1, 1),
        closes_on=datetime.date(2026, 12, 31),
    )
    return Application.objects.create(
        programme=programme,
        office=office,
        reference=reference,
        status=Application.Status.SUBMITTED,
        organisation_name="Frauenverein Brittnau",
        project_title=title,
        requested_amount=Decimal("4500.00"),
    )


def make_partner(*, office, **kwargs):
    return OrganisationFactory(office=office, **kwargs)


def make_event(*, office, **kwargs):
    return EventFactory(office=office, **kwargs)
