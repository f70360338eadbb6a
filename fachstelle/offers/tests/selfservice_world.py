"""Shared setup of the self-service tests: two offices, a provider with a published offer, form data."""

import uuid
from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation

from fachstelle.core.models import Office
from fachstelle.core.tests.factories import (
    MunicipalityFactory,
    OfficeFactory,
    OrganisationFactory,
    make_offer,
)
from fachstelle.network.models import Organisation
from fachstelle.offers.models import Offer


@dataclass
class World:
    office: Office
    other_office: Office
    provider: Organisation
    offer: Offer
    other_offer: Offer


def build_world() -> World:
    aarburg = MunicipalityFactory(bfs_number=4271, name="Aarburg")
    zofingen = MunicipalityFactory(bfs_number=4289, name="Zofingen")
    allschwil = MunicipalityFactory(bfs_number=2762, name="Allschwil", canton="BL")
    office = OfficeFactory(
        name="Fachstelle Integration Region Zofingen",
        short_name="Region Zofingen",
        slug="region-zofingen",
        email="integration@zofingen.example.org",
        municipalities=[aarburg, zofingen],
    )
    other_office = OfficeFactory(
        name="Fachstelle Integration Allschwil",
        short_name="Allschwil",
        slug="allschwil",
        email="integration@allschwil.example.org",
        municipalities=[allschwil],
    )
    provider = OrganisationFactory(
        office=office, name="Verein Begegnung Aarburg", email="info@begegnung.example.org"
    )
    offer = make_offer(
        office=office,
        provider=provider,
        title="Elterncafé Aarburg",
        summary="Treffpunkt für Eltern mit kleinen Kindern.",
        m2m={"municipalities": [aarburg.pk]},
        locations=[
            {
                "name": "Familienzentrum",
                "street": "Stadtgässli 3",
                "postcode": "4663",
                "municipality": aarburg,
                "opening_hours": "Mi 9–11",
            }
        ],
    )
    other_offer = make_offer(
        office=other_office, title="Mittagstisch Allschwil", m2m={"municipalities": [allschwil.pk]}
    )
    return World(
        office=office, other_office=other_office, provider=provider, offer=offer, other_offer=other_offer
    )


def url(name: str, language: str = "de", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"offers:{name}", kwargs=kwargs)


def proposal_post(**overrides) -> dict:
    """A complete, valid submission of the proposal form (a new offer of a new organisation)."""
    data = {
        "submission_key": str(uuid.uuid4()),
        "website_url": "",
        "organisation": "",
        "organisation_name": "Frauentreff Rothrist",
        "organisation_website": "https://frauentreff.example.org",
        "submitter_name": "Anna Muster",
        "submitter_email": "anna@example.org",
        "submitter_phone": "062 000 00 00",
        "title": "Deutschkurs mit Kinderhüte",
        "summary": "Deutsch lernen, während die Kinder betreut werden.",
        "description": "Niveau A1 bis A2, kleine Gruppen.",
        "fields_of_action": ["sprache"],
        "target_groups": ["frauen", "familien"],
        "languages": ["de", "ar"],
        "municipalities": ["4271"],
        "cost_type": "reduced",
        "cost_amount": "120,50",
        "cost_note": "Reduktion mit KulturLegi",
        "childcare": "on",
        "schedule_text": "Dienstag 9–11 Uhr",
        "start_date": "",
        "end_date": "",
        "location_name": "Schulhaus Paradies",
        "location_street": "Bahnhofstrasse 1",
        "location_postcode": "4663",
        "location_municipality": "4271",
        "location_opening_hours": "",
        "registration_required": "on",
        "registration_url": "https://frauentreff.example.org/anmeldung",
        "registration_email": "",
        "registration_phone": "",
        "contact_name": "Anna Muster",
        "contact_email": "",
        "contact_phone": "",
        "message": "Wir freuen uns auf Ihre Rückmeldung.",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
