from decimal import Decimal

import pytest

from fachstelle.core.tests.factories import (
    MunicipalityFactory,
    OfficeFactory,
    OrganisationFactory,
    make_offer,
)
from fachstelle.offers.services import offer_translation_save


@pytest.fixture
def directory(vocab):
    """Two offices with overlapping-looking content, so a scoping leak shows up in every test."""
    aarburg = MunicipalityFactory(bfs_number=4271, name="Aarburg", canton="AG")
    zofingen = MunicipalityFactory(bfs_number=4289, name="Zofingen", canton="AG")
    allschwil = MunicipalityFactory(bfs_number=2762, name="Allschwil", canton="BL")
    region = OfficeFactory(
        slug="region-zofingen",
        name="Fachstelle Integration Region Zofingen",
        municipalities=[aarburg, zofingen],
    )
    other = OfficeFactory(
        slug="allschwil", name="Fachstelle Integration Allschwil", municipalities=[allschwil]
    )
    provider = OrganisationFactory(office=region, name="Verein Deutsch für alle")
    course = make_offer(
        office=region,
        provider=provider,
        title="Deutschkurs mit Kinderhütedienst",
        summary="Deutsch lernen am Vormittag, Kinder werden betreut.",
        description="Kurs A1 bis A2.",
        childcare=True,
        cost_type="reduced",
        cost_amount=Decimal("45.00"),
        cost_note="Ermässigung möglich",
        schedule_text="Dienstag 9–11",
        registration_required=True,
        registration_email="kurs@example.org",
        contact_name="Frau Muster",
        m2m={
            "fields_of_action": [vocab["areas"]["sprache"]],
            "promotion_areas": [vocab["kip"]["2.1"], vocab["kip"]["1.1"]],
            "target_groups": [vocab["targets"]["familien"], vocab["targets"]["frauen"]],
            "languages": [vocab["languages"]["de"], vocab["languages"]["ti"]],
            "municipalities": [aarburg],
        },
        locations=[
            {
                "name": "Schulhaus Paradies",
                "street": "Bahnhofstrasse 1",
                "postcode": "4663",
                "municipality": aarburg,
                "opening_hours": "Di 9–11",
                "by_appointment": False,
            }
        ],
    )
    offer_translation_save(
        offer=course,
        language="fr",
        by=None,
        values={
            "title": "Cours d'allemand avec garde d'enfants",
            "summary": "Apprendre l'allemand le matin.",
            "cost_note": "Réduction possible",
        },
    )
    advice = make_offer(
        office=region,
        provider=provider,
        title="Beratung für Neuzugezogene",
        summary="Fragen zu Arbeit.",
        m2m={"fields_of_action": [vocab["areas"]["beratung"]], "municipalities": [zofingen]},
    )
    foreign = make_offer(
        office=other,
        title="Deutschkurs Allschwil",
        summary="Deutsch lernen in Allschwil.",
        m2m={"fields_of_action": [vocab["areas"]["sprache"]], "municipalities": [allschwil]},
    )
    return {
        "region": region,
        "other": other,
        "course": course,
        "advice": advice,
        "foreign": foreign,
        "aarburg": aarburg,
        "zofingen": zofingen,
        "allschwil": allschwil,
        "provider": provider,
    }
