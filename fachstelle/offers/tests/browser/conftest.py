"""Fixtures of the directory's browser tests: a small directory (two offices) built in code against the live
server's database. `browser` and `page` come from the root conftest.py."""

from dataclasses import dataclass

import pytest

from fachstelle.core.models import Municipality, Office
from fachstelle.core.tests.factories import (
    MunicipalityFactory,
    OfficeFactory,
    OrganisationFactory,
    make_offer,
)
from fachstelle.network.models import Organisation
from fachstelle.offers.models import Offer


@dataclass
class Directory:
    office: Office
    other_office: Office
    course: Offer  # the newcomer's free German course with childcare in Aarburg
    provider: Organisation
    aarburg: Municipality
    oftringen: Municipality
    zofingen: Municipality


@pytest.fixture
def directory(vocab, live_server):
    """Region Zofingen (three municipalities, eight offers) and Allschwil, whose offers must stay apart."""
    from fachstelle.offers.services import offer_translation_save

    aarburg = MunicipalityFactory(bfs_number=4271, name="Aarburg")
    oftringen = MunicipalityFactory(bfs_number=4280, name="Oftringen")
    zofingen = MunicipalityFactory(bfs_number=4289, name="Zofingen")
    allschwil = MunicipalityFactory(bfs_number=2762, name="Allschwil", canton="BL")
    office = OfficeFactory(
        name="Fachstelle Integration Region Zofingen",
        short_name="Region Zofingen",
        slug="region-zofingen",
        municipalities=[aarburg, oftringen, zofingen],
        street="Kirchplatz 26",
        postcode="4800",
        city="Zofingen",
        phone="062 745 71 00",
        intro="Wir informieren über die Integrationsangebote in der Region Zofingen.",
    )
    other = OfficeFactory(
        name="Fachstelle Integration Allschwil",
        short_name="Allschwil",
        slug="allschwil",
        municipalities=[allschwil],
    )
    verein = OrganisationFactory(
        office=office,
        name="Verein Deutsch im Quartier",
        slug="verein-deutsch-im-quartier",
        description="Wir bieten Deutschkurse für Erwachsene an.",
        street="Bahnhofstrasse 2",
        postcode="4663",
        municipality=aarburg,
        website="https://example.org/diq",
        phone="062 791 00 00",
    )
    hek = OrganisationFactory(office=office, name="HEKS Regionalstelle", slug="heks")
    areas, targets, languages = vocab["areas"], vocab["targets"], vocab["languages"]

    course = make_offer(
        office=office,
        provider=verein,
        title="Deutschkurs für Mütter mit Kinderhüte",
        summary="Deutsch lernen in kleinen Gruppen, während die Kinder betreut werden.",
        description="Niveau A1 bis A2.\n\nDer Kurs findet im Gemeindehaus statt. Die Kinderhüte ist gratis.",
        cost_type=Offer.CostType.FREE,
        childcare=True,
        schedule_text="Dienstag und Donnerstag, 9–11 Uhr",
        registration_required=True,
        registration_email="kurs@example.org",
        registration_phone="062 791 00 01",
        contact_name="Anna Muster",
        m2m={
            "fields_of_action": [areas["sprache"]],
            "target_groups": [targets["frauen"], targets["familien"]],
            "languages": [languages["de"]],
            "municipalities": [aarburg],
        },
        locations=[
            {
                "name": "Gemeindehaus Aarburg",
                "street": "Städtchen 37",
                "postcode": "4663",
                "municipality": aarburg,
                "opening_hours": "Di und Do 9–11 Uhr",
            }
        ],
    )
    offer_translation_save(
        offer=course,
        language="fr",
        by=None,
        values={
            "title": "Cours d'allemand pour mères avec garde d'enfants",
            "summary": "Apprendre l'allemand en petits groupes pendant que les enfants sont gardés.",
            "description": "Niveaux A1 à A2.\n\nLe cours a lieu à la maison communale.",
            "schedule_text": "Mardi et jeudi, 9 h–11 h",
        },
    )
    offer_translation_save(
        offer=course,
        language="ar",
        by=None,
        values={
            "title": "دورة اللغة الألمانية للأمهات مع رعاية الأطفال",
            "summary": "تعلم اللغة الألمانية في مجموعات صغيرة أثناء رعاية الأطفال.",
            "description": "المستوى A1 إلى A2.",
        },
    )

    def offer(title, *, municipality, area="sprache", provider=hek, **fields):
        return make_offer(
            office=office,
            provider=provider,
            title=title,
            m2m={
                "fields_of_action": [areas[area]],
                "municipalities": [municipality],
                "languages": [languages["de"]],
            },
            **fields,
        )

    # Near misses of the journey's filters: each fails exactly one of free / childcare / Aarburg / text.
    offer(
        "Deutschkurs am Abend",
        municipality=aarburg,
        cost_type=Offer.CostType.FEE,
        cost_amount=120,
        childcare=True,
        summary="Für Berufstätige, Niveau B1.",
    )
    offer(
        "Deutschkurs Intensiv",
        municipality=aarburg,
        cost_type=Offer.CostType.FREE,
        childcare=False,
        summary="Vier Vormittage pro Woche.",
    )
    offer(
        "Deutschkurs für Eltern",
        municipality=oftringen,
        cost_type=Offer.CostType.FREE,
        childcare=True,
        summary="Mit Kinderhüte im Schulhaus.",
    )
    offer(
        "Elterncafé",
        municipality=zofingen,
        area="familie",
        cost_type=Offer.CostType.FREE,
        childcare=True,
        summary="Austausch für Mütter und Väter.",
    )
    offer(
        "Mittagstisch für alle", municipality=zofingen, area="freizeit", summary="Gemeinsam kochen und essen."
    )
    offer(
        "Bewerbungswerkstatt",
        municipality=oftringen,
        area="arbeit",
        cost_type=Offer.CostType.REDUCED,
        summary="Unterstützung beim Bewerben.",
        is_online=True,
    )
    offer(
        "Sozialberatung",
        municipality=zofingen,
        area="beratung",
        summary="Beratung in Alltagsfragen.",
        provider=verein,
    )
    # Another office's course matches every filter of the journey but must never show up here.
    make_offer(
        office=other,
        title="Deutschkurs für Mütter in Allschwil",
        cost_type=Offer.CostType.FREE,
        childcare=True,
        m2m={"fields_of_action": [areas["sprache"]], "municipalities": [allschwil]},
    )
    course.refresh_from_db()
    course.office = office
    return Directory(
        office=office,
        other_office=other,
        course=course,
        provider=verein,
        aarburg=aarburg,
        oftringen=oftringen,
        zofingen=zofingen,
    )
