"""Uploads: size before reading, type from the content, extension must match, file count, virus hook,
download headers, deletion only while editable."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from fachstelle.grants.models import Attachment
from fachstelle.grants.services import attachments as service
from fachstelle.grants.services.applications import application_start, application_submit

from .public_factories import (
    EXE_BYTES,
    PDF_BYTES,
    make_complete_draft,
    make_office_with_municipality,
    make_programme,
    pdf_upload,
    zip_upload,
)

pytestmark = [pytest.mark.django_db]


class ExplodingUpload(SimpleUploadedFile):
    """Claims 200 MB without allocating them; reading it fails the test."""

    def __init__(self, name):
        super().__init__(name, b"", content_type="application/pdf")
        self.size = 200 * 1024 * 1024

    def read(self, *args, **kwargs):
        raise AssertionError("an oversize upload must be refused before it is read")


@pytest.fixture
def draft(vocab):
    office, _brittnau = make_office_with_municipality()
    programme = make_programme(office)
    return application_start(
        programme=programme, organisation_name="V", contact_name="A", contact_email="a@x.ch"
    )


def _file_error(caught) -> str:
    return " ".join(caught.value.message_dict["file"])


def test_a_pdf_is_stored_under_a_random_name(draft):
    attachment = service.attachment_add(
        application=draft, upload=pdf_upload("Statuten 2024.pdf"), label="Statutes"
    )
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "Statuten 2024.pdf"
    assert attachment.size == len(PDF_BYTES)
    assert "Statuten" not in attachment.file.name and attachment.file.name.endswith(".pdf")
    assert attachment.file.read() == PDF_BYTES


def test_an_exe_renamed_pdf_is_refused(draft):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        service.attachment_add(
            application=draft, upload=SimpleUploadedFile("budget.pdf", EXE_BYTES), label="X"
        )
    assert "This file is not a PDF" in _file_error(caught)
    assert not Attachment.objects.exists()


def test_an_exe_is_refused_by_its_extension(draft):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        service.attachment_add(
            application=draft, upload=SimpleUploadedFile("setup.exe", EXE_BYTES), label="X"
        )
    assert "not accepted" in _file_error(caught)


def test_a_200_mb_upload_is_refused_by_size_before_reading(draft):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        service.attachment_add(application=draft, upload=ExplodingUpload("huge.pdf"), label="Big")
    assert "too large" in _file_error(caught) and "20 MB" in _file_error(caught)
    assert not Attachment.objects.exists()


def test_the_size_limit_comes_from_the_settings(draft, settings):
    settings.GRANTS_ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError):
        service.attachment_add(application=draft, upload=pdf_upload(), label="Statutes")


@pytest.mark.parametrize(
    ("name", "members", "content_type"),
    [
        ("antrag.docx", {"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"}, "wordprocessingml"),
        ("budget.xlsx", {"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<w/>"}, "spreadsheetml"),
        (
            "antrag.odt",
            {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"},
            "opendocument.text",
        ),
    ],
)
def test_office_documents_are_recognised_inside_the_zip(draft, name, members, content_type):
    attachment = service.attachment_add(application=draft, upload=zip_upload(name, members), label="Doc")
    assert content_type in attachment.content_type


def test_a_plain_zip_named_docx_is_refused(draft):
    with pytest.raises(ValidationError):
        service.attachment_add(application=draft, upload=zip_upload("x.docx", {"a.txt": b"hi"}), label="X")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),
        ("foto.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 20),
        ("alt.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20),
        ("liste.csv", "Name;Betrag\nMiete;1500\nKäse;20\n".encode()),
    ],
)
def test_images_legacy_office_and_text_are_accepted(draft, name, content):
    service.attachment_add(application=draft, upload=SimpleUploadedFile(name, content), label="X")
    assert Attachment.objects.count() == 1


def test_at_most_twenty_files(draft):
    for number in range(service.MAX_FILES):
        service.attachment_add(application=draft, upload=pdf_upload(f"d{number}.pdf"), label=f"D{number}")
    with pytest.raises(ValidationError):
        service.attachment_add(application=draft, upload=pdf_upload(), label="One too many")
    assert Attachment.objects.count() == service.MAX_FILES


def refuse_everything(upload):
    raise ValidationError("Virus found: EICAR-Test")


def test_the_virus_scanner_hook_refuses(draft, settings):
    settings.GRANTS_VIRUS_SCANNER = "fachstelle.grants.tests.test_attachments_services.refuse_everything"
    with pytest.raises(ValidationError) as caught:
        service.attachment_add(application=draft, upload=pdf_upload(), label="Statutes")
    assert "EICAR" in _file_error(caught)
    assert not Attachment.objects.exists()


def test_download_headers(draft):
    attachment = service.attachment_add(
        application=draft, upload=pdf_upload("Statuten.pdf"), label="Statutes"
    )
    response = service.attachment_response(attachment)
    assert response["Content-Disposition"].startswith("attachment")
    assert "Statuten.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_documents_cannot_be_added_or_deleted_after_submission(vocab):
    office, brittnau = make_office_with_municipality()
    application = make_complete_draft(make_programme(office), brittnau)
    application_submit(application=application, submission_key=uuid.uuid4())
    with pytest.raises(ValidationError):
        service.attachment_add(application=application, upload=pdf_upload(), label="Late")
    attachment = application.attachments.get()
    with pytest.raises(ValidationError):
        service.attachment_delete(application=application, attachment_id=attachment.pk)
    assert application.attachments.count() == 1


def test_delete_while_draft(draft, django_capture_on_commit_callbacks):
    attachment = service.attachment_add(application=draft, upload=pdf_upload(), label="Statutes")
    storage, name = attachment.file.storage, attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        service.attachment_delete(application=draft, attachment_id=attachment.pk)
    assert not Attachment.objects.exists()
    assert not storage.exists(name)
