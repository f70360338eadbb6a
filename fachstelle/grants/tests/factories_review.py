"""Programmes and applications for the staff review tests, built in code (no hard-coded primary keys).

Applications are created directly in their target state (submitted, in review, a draft with an advice
request): the public application journey is tested by the public side's own tests.
"""

import datetime
import itertools
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from fachstelle.core.tests.factories import MunicipalityFactory, OrganisationFactory
from fachstelle.counselling.tests.factories import CounsellingWorld, counselling_world

from ..models import Application, AssessmentCriterion, BudgetLine, FundingProgramme

_numbers = itertools.count(1)


def programme_make(*, office, criteria=(("Relevance", 2), ("Feasibility", 1)), **fields) -> FundingProgramme:
    fields = {
        "year": 2026,
        "name": "Kleinprojekte Integration 2026",
        "slug": f"kleinprojekte-{next(_numbers)}",
        "budget": Decimal("30000.00"),
        "max_amount": Decimal("5000.00"),
        "min_own_share_percent": 10,
        "opens_on": datetime.date(2026, 1, 1),
        "closes_on": datetime.date(2026, 12, 31),
        "required_documents": ["Statutes", "Annual accounts"],
        "status": FundingProgramme.Status.OPEN,
        **fields,
    }
    programme = FundingProgramme.objects.create(office=office, **fields)
    for order, (name, weight) in enumerate(criteria):
        AssessmentCriterion.objects.create(programme=programme, name=name, weight=weight, order=order)
    return programme


def application_make(
    *,
    programme: FundingProgramme,
    status: str = Application.Status.SUBMITTED,
    requested: str = "4500.00",
    lines=(("cost", "6000.00"), ("own", "1000.00"), ("third_party", "500.00")),
    **fields,
) -> Application:
    number = next(_numbers)
    submitted = status != Application.Status.DRAFT
    fields = {
        "reference": f"KP-2026-{number:04d}" if submitted else "",
        "organisation_name": f"Verein Frauentreff {number}",
        "street": "Dorfstrasse 1",
        "postcode": "4856",
        "city": "Brittnau",
        "contact_name": "Ayla Demir",
        "contact_email": f"ayla{number}@example.org",
        "iban": "CH9300762011623852957",
        "account_holder": "Verein Frauentreff",
        "project_title": "Deutsch-Konversationscafé für Frauen",
        "summary": "Wöchentliches Konversationscafé.",
        "submitted_at": timezone.now() if submitted else None,
        **fields,
    }
    application = Application.objects.create(
        programme=programme,
        office=programme.office,
        status=status,
        requested_amount=Decimal(requested),
        **fields,
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(
            application=application, kind=kind, description=f"{kind} {i}", amount=Decimal(amount), order=i
        )
        for i, (kind, amount) in enumerate(lines)
    )
    return application


@dataclass
class ReviewWorld:
    people: CounsellingWorld
    programme: FundingProgramme
    application: Application
    municipality: object
    organisation: object

    def __getattr__(self, name):
        return getattr(self.people, name)


def review_world(vocab) -> ReviewWorld:
    """An office with staff of every role, another office, a programme with two criteria and one
    submitted application for CHF 4,500 in Brittnau."""
    people = counselling_world()
    brittnau = MunicipalityFactory(bfs_number=4271, name="Brittnau")
    people.office.municipalities.add(brittnau)
    area = vocab["kip"][sorted(vocab["kip"])[0]]
    programme = programme_make(office=people.office)
    programme.promotion_areas.set([area])
    application = application_make(programme=programme, promotion_area=area)
    application.municipalities.set([brittnau])
    organisation = OrganisationFactory(office=people.office, name="Verein Frauentreff Brittnau")
    return ReviewWorld(
        people=people,
        programme=programme,
        application=application,
        municipality=brittnau,
        organisation=organisation,
    )
