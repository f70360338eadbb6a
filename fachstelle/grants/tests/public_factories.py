"""Test data for the applicant's side: an open programme, a complete draft built through the services,
uploads with real magic bytes (no hard-coded primary keys)."""

import datetime
import io
import zipfile
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fachstelle.core.models import PromotionArea, TargetGroup
from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory, UserFactory
from fachstelle.grants.models import Application, FundingProgramme, Grant
from fachstelle.grants.services.applications import (
    application_save_budget,
    application_save_project,
    application_save_sponsor,
    application_start,
    today_zurich,
)
from fachstelle.grants.services.attachments import attachment_add

VALID_IBAN = "CH93 0076 2011 6238 5295 7"
PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def make_office_with_municipality():
    brittnau = MunicipalityFactory(name="Brittnau")
    office = OfficeFactory(municipalities=[brittnau])
    return office, brittnau


def make_programme(office, **fields) -> FundingProgramme:
    today = today_zurich()
    defaults = {
        "year": today.year,
        "name": "Kleinprojekte Integration",
        "slug": "klein-projekte",
        "description": "Für **kleine** Projekte.",
        "eligibility": "Vereine und Gruppen.",
        "budget": Decimal("30000"),
        "max_amount": Decimal("5000"),
        "min_own_share_percent": 10,
        "opens_on": today - datetime.timedelta(days=10),
        "closes_on": today + datetime.timedelta(days=20),
        "required_documents": ["Statutes"],
        "status": FundingProgramme.Status.OPEN,
    }
    defaults.update(fields)
    return FundingProgramme.objects.create(office=office, **defaults)


def pdf_upload(name="statutes.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def zip_upload(name: str, members: dict[str, bytes]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return SimpleUploadedFile(name, buffer.getvalue())


SPONSOR = {
    "organisation_name": "Frauenverein Brittnau",
    "legal_form": Application.LegalForm.ASSOCIATION,
    "street": "Dorfstrasse 5",
    "postcode": "4805",
    "city": "Brittnau",
    "website": "",
    "contact_name": "Anna Muster",
    "contact_email": "anna@example.org",
    "contact_phone": "062 000 00 00",
    "iban": VALID_IBAN,
    "account_holder": "Frauenverein Brittnau",
}

# CHF 4,500 requested: costs 5,500 − own 600 − third-party 400.
BUDGET = [
    {"kind": "cost", "category": "personnel", "description": "Leitung", "amount": "3000"},
    {"kind": "cost", "category": "rooms", "description": "Raummiete", "amount": "1500"},
    {"kind": "cost", "category": "childcare", "description": "Kinderbetreuung", "amount": "1000"},
    {"kind": "own", "category": "volunteers", "description": "Freiwilligenarbeit", "amount": "600"},
    {"kind": "third_party", "category": "other", "description": "Gemeinde", "amount": "400"},
]


def project_fields(programme, **overrides) -> dict:
    today = today_zurich()
    fields = {
        "project_title": "Deutsch-Café für Frauen",
        "summary": "Ein Gesprächscafé auf Deutsch für Frauen in Brittnau.",
        "description": "Wöchentliches Treffen mit Kinderbetreuung.",
        "goals": "Deutsch sprechen, Kontakte knüpfen.",
        "target_group_text": "Frauen mit wenig Deutschkenntnissen",
        "expected_participants": 15,
        "promotion_area": programme.promotion_areas.first() or PromotionArea.objects.order_by("code").first(),
        "starts_on": today + datetime.timedelta(days=40),
        "ends_on": today + datetime.timedelta(days=200),
        "schedule": "",
        "partners": "",
    }
    fields.update(overrides)
    return fields


def make_complete_draft(programme, municipality, *, with_document=True) -> Application:
    application = application_start(
        programme=programme,
        organisation_name="Frauenverein Brittnau",
        contact_name="Anna Muster",
        contact_email="anna@example.org",
    )
    application_save_sponsor(application=application, fields=SPONSOR)
    application_save_project(
        application=application,
        fields=project_fields(programme),
        m2m={"municipalities": [municipality], "target_groups": list(TargetGroup.objects.all()[:1])},
    )
    application_save_budget(application=application, lines=BUDGET, requested_amount="4500")
    if with_document:
        attachment_add(application=application, upload=pdf_upload(), label="Statutes", stage="application")
    application.refresh_from_db()
    return application


def make_grant(application, *, amount="4000", status=Grant.Status.APPROVED) -> Grant:
    """A decision as the staff side records it (helper R's services are not needed here)."""
    Application.objects.filter(pk=application.pk).update(status=Application.Status.APPROVED)
    application.refresh_from_db()
    return Grant.objects.create(
        application=application,
        programme=application.programme,
        amount=Decimal(amount),
        status=status,
        decided_at=timezone.now(),
        decided_by=UserFactory(),
    )
