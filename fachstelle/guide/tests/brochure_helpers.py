"""Shared data for the brochure tests: an office serving Zofingen, with pages and a contact person."""

from django.core.files.base import ContentFile

from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory, UserFactory
from fachstelle.guide.brochure import brochure_content_key
from fachstelle.guide.models import Brochure, GuidePage, GuidePageTranslation
from fachstelle.network.models import FieldContact


def make_world():
    zofingen = MunicipalityFactory(name="Zofingen", bfs_number=4289)
    aarburg = MunicipalityFactory(name="Aarburg", bfs_number=4271)
    office = OfficeFactory(
        name="Fachstelle Integration Region Zofingen",
        short_name="Region Zofingen",
        slug="region-zofingen",
        content_languages=["ar", "ti"],
        street="Kirchplatz 26",
        postcode="4800",
        city="Zofingen",
        phone="062 745 71 11",
        municipalities=[zofingen, aarburg],
    )
    return office, zofingen, aarburg


def make_page(office, title, *, body="Text.", parent=None, municipality=None, order=0, **fields):
    fields.setdefault("status", GuidePage.Status.PUBLISHED)
    return GuidePage.objects.create(
        office=office, title=title, body=body, parent=parent, municipality=municipality, order=order, **fields
    )


def translate(page, language="ar", **fields):
    fields.setdefault("title", f"{page.title} ({language})")
    fields.setdefault("body", f"نص {page.pk}")
    return GuidePageTranslation.objects.create(
        page=page, language=language, source_revision=page.source_revision, **fields
    )


def make_contact(office, field_of_action, **fields):
    person = UserFactory(first_name="Lea", last_name="Muster")
    fields.setdefault("public_phone", "062 745 71 20")
    fields.setdefault("public_email", "lea.muster@example.org")
    return FieldContact.objects.create(
        office=office, field_of_action=field_of_action, person=person, **fields
    )


def make_ready(office, *, municipality=None, language="de", content=b"%PDF-1.7 test"):
    """A READY brochure of the current content, without rendering a PDF."""
    key = brochure_content_key(office=office, municipality=municipality, language=language)
    brochure = Brochure(
        office=office,
        municipality=municipality,
        language=language,
        content_key=key,
        status="ready",
        page_count=3,
    )
    brochure.file.save("test.pdf", ContentFile(content), save=False)
    brochure.save()
    return brochure
