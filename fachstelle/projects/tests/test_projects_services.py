"""Writes of projects, milestones and documents: the rules, the office boundary, nothing half-written."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from fachstelle.core.tests.factories import MunicipalityFactory
from fachstelle.projects import services
from fachstelle.projects.models import Milestone, Project, ProjectDocument

from .factories import make_application, make_event, make_partner, make_project, projects_world

pytestmark = pytest.mark.django_db
D = datetime.date
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def stored_files(folder: str = "projects") -> set[str]:
    """Every file under `folder` of the (in-memory, shared between tests) storage."""
    if not default_storage.exists(folder):
        return set()
    dirs, files = default_storage.listdir(folder)
    found = {f"{folder}/{name}" for name in files}
    for sub in dirs:
        found |= stored_files(f"{folder}/{sub}")
    return found


DOCX = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


@pytest.fixture
def world(vocab):
    world = projects_world()
    world.vocab = vocab
    return world


def test_a_project_is_created_with_its_links(world):
    office = world.office
    partner = make_partner(office=office)
    application = make_application(office=office)
    event = make_event(office=office)
    rothrist = office.municipalities.get()
    project = make_project(
        office=office,
        starts_on=D(2026, 3, 1),
        ends_on=D(2026, 11, 30),
        lead=world.counsellor,
        budget=Decimal("4000.00"),
        links={
            "partners": [partner],
            "grant_applications": [application],
            "events": [event],
            "municipalities": [rothrist],
            "promotion_areas": [world.vocab["kip"]["2.1"]],
        },
    )
    project.refresh_from_db()
    assert project.office == office and project.lead == world.counsellor
    assert list(project.partners.all()) == [partner]
    assert list(project.grant_applications.all()) == [application]
    assert list(project.events.all()) == [event]
    assert list(project.municipalities.all()) == [rothrist]
    assert list(project.promotion_areas.all()) == [world.vocab["kip"]["2.1"]]


def test_a_project_cannot_end_before_it_starts(world):
    with pytest.raises(ValidationError) as caught:
        make_project(office=world.office, starts_on=D(2026, 5, 1), ends_on=D(2026, 4, 30))
    assert set(caught.value.message_dict) == {"ends_on"}
    assert not Project.objects.exists()


def test_records_of_another_office_are_never_linked(world):
    other = world.other_office
    foreign_partner = make_partner(office=other)
    foreign_application = make_application(office=other, reference="AL-1")
    foreign_event = make_event(office=other)
    foreign_municipality = MunicipalityFactory(name="Allschwil")
    with pytest.raises(ValidationError) as caught:
        make_project(
            office=world.office,
            lead=world.foreign_counsellor,
            links={
                "partners": [foreign_partner],
                "grant_applications": [foreign_application],
                "events": [foreign_event],
                "municipalities": [foreign_municipality],
            },
        )
    assert set(caught.value.message_dict) == {
        "lead",
        "partners",
        "grant_applications",
        "events",
        "municipalities",
    }
    assert not Project.objects.exists()


def test_a_negative_budget_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        make_project(office=world.office, budget=Decimal("-1.00"))
    assert "budget" in caught.value.message_dict


def test_an_update_replaces_the_links_and_keeps_the_others(world):
    office = world.office
    first, second = make_partner(office=office), make_partner(office=office)
    event = make_event(office=office)
    project = make_project(office=office, links={"partners": [first], "events": [event]})
    services.project_update(
        project=project,
        fields={"title": "  Neuer Titel  ", "status": Project.Status.COMPLETED},
        links={"partners": [second]},
    )
    project.refresh_from_db()
    assert project.title == "Neuer Titel" and project.status == Project.Status.COMPLETED
    assert list(project.partners.all()) == [second]
    assert list(project.events.all()) == [event]  # not named: unchanged


def test_a_failed_update_changes_nothing(world):
    project = make_project(office=world.office, starts_on=D(2026, 1, 1), ends_on=D(2026, 6, 30))
    partner = make_partner(office=world.office)
    with pytest.raises(ValidationError):
        services.project_update(
            project=project,
            fields={"title": "Anders", "ends_on": D(2025, 12, 31)},
            links={"partners": [partner]},
        )
    project.refresh_from_db()
    assert project.title == "Deutsch-Café für Frauen" and project.ends_on == D(2026, 6, 30)
    assert not project.partners.exists()


# --- Milestones ----------------------------------------------------------------------------------------


def test_milestones_are_added_ticked_off_reopened_and_deleted(world):
    project = make_project(office=world.office, starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31))
    milestone = services.milestone_add(
        project=project, title=" Flyer gedruckt ", due_on=D(2026, 3, 1), owner=world.editor
    )
    assert milestone.title == "Flyer gedruckt" and milestone.done_on is None
    services.milestone_set_done(project=project, milestone_id=milestone.pk, done=True, today=D(2026, 2, 27))
    milestone.refresh_from_db()
    assert milestone.done_on == D(2026, 2, 27)
    # Ticking twice keeps the first date.
    services.milestone_set_done(project=project, milestone_id=milestone.pk, done=True, today=D(2026, 3, 5))
    milestone.refresh_from_db()
    assert milestone.done_on == D(2026, 2, 27)
    services.milestone_set_done(project=project, milestone_id=milestone.pk, done=False)
    milestone.refresh_from_db()
    assert milestone.done_on is None
    services.milestone_update(
        project=project, milestone_id=milestone.pk, title="Flyer verteilt", due_on=D(2026, 4, 1)
    )
    milestone.refresh_from_db()
    assert (milestone.title, milestone.due_on, milestone.owner) == (
        "Flyer verteilt",
        D(2026, 4, 1),
        world.editor,
    )
    services.milestone_delete(project=project, milestone_id=milestone.pk)
    assert not Milestone.objects.exists()


def test_a_milestone_of_another_project_cannot_be_touched(world):
    mine = make_project(office=world.office)
    theirs = make_project(office=world.other_office)
    milestone = services.milestone_add(project=theirs, title="Fremd", due_on=D(2026, 5, 1))
    for call in (
        lambda: services.milestone_set_done(project=mine, milestone_id=milestone.pk, done=True),
        lambda: services.milestone_update(project=mine, milestone_id=milestone.pk, title="Meins"),
        lambda: services.milestone_delete(project=mine, milestone_id=milestone.pk),
    ):
        with pytest.raises(ValidationError):
            call()
    milestone.refresh_from_db()
    assert milestone.title == "Fremd" and milestone.done_on is None


def test_a_milestone_owner_must_work_in_the_office(world):
    project = make_project(office=world.office)
    with pytest.raises(ValidationError) as caught:
        services.milestone_add(
            project=project, title="X", due_on=D(2026, 5, 1), owner=world.foreign_counsellor
        )
    assert set(caught.value.message_dict) == {"owner"}
    assert not Milestone.objects.exists()


def test_a_milestone_outside_the_project_is_saved_with_a_warning(world):
    project = make_project(office=world.office, starts_on=D(2026, 3, 1), ends_on=D(2026, 6, 30))
    assert services.milestone_date_warning(project=project, due_on=D(2026, 2, 28)) is not None
    assert services.milestone_date_warning(project=project, due_on=D(2026, 7, 1)) is not None
    assert services.milestone_date_warning(project=project, due_on=D(2026, 3, 1)) is None
    assert services.milestone_date_warning(project=project, due_on=D(2026, 6, 30)) is None
    services.milestone_add(project=project, title="Später", due_on=D(2026, 9, 1))
    assert Milestone.objects.filter(project=project).count() == 1


# --- Documents -----------------------------------------------------------------------------------------


def test_a_pdf_is_stored_under_a_random_name_and_the_original_name_kept(world):
    project = make_project(office=world.office)
    upload = SimpleUploadedFile("Konzept Café.pdf", PDF, content_type="application/pdf")
    document = services.document_add(project=project, title="", upload=upload, by=world.editor)
    assert document.title == "Konzept Café" and document.original_name == "Konzept Café.pdf"
    assert document.size == len(PDF) and document.uploaded_by == world.editor
    assert "Konzept" not in document.file.name and document.file.name.endswith(".pdf")
    assert default_storage.open(document.file.name).read() == PDF


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bericht.docx", DOCX),
        ("protokoll.odt", ODT),
        ("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),
        ("foto.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 20),
        ("alt.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20),
        ("liste.csv", "Name;Ort\nAyşe;Brittnau\n".encode()),
    ],
)
def test_office_documents_and_images_are_accepted(world, name, content):
    project = make_project(office=world.office)
    services.document_add(project=project, title="Dok", upload=SimpleUploadedFile(name, content))
    assert ProjectDocument.objects.filter(project=project).count() == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rechnung.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 60),  # an .exe renamed .pdf
        ("bericht.docx", PDF),  # a PDF renamed .docx
        ("archiv.docx", zip_bytes({"a.txt": b"hello"})),  # a plain zip renamed .docx
        ("programm.exe", b"MZ\x90\x00"),
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n"),  # text, but not with a PDF name
        ("bild.png", b"\x00\x01\x02\x03" * 10),
    ],
)
def test_a_file_whose_content_does_not_fit_is_refused_and_nothing_stored(world, name, content):
    project = make_project(office=world.office)
    before = stored_files()
    with pytest.raises(ValidationError) as caught:
        services.document_add(project=project, title="X", upload=SimpleUploadedFile(name, content))
    assert set(caught.value.message_dict) == {"file"}
    assert not ProjectDocument.objects.exists()
    assert stored_files() == before


def test_a_file_over_20_mb_is_refused_before_reading_it(world, english):
    project = make_project(office=world.office)
    upload = SimpleUploadedFile("gross.pdf", PDF)
    upload.size = services.MAX_DOCUMENT_BYTES + 1
    with pytest.raises(ValidationError) as caught:
        services.document_add(project=project, title="Gross", upload=upload)
    assert "too large" in str(caught.value.message_dict["file"][0])
    assert not ProjectDocument.objects.exists()


def test_an_empty_file_is_refused(world):
    project = make_project(office=world.office)
    with pytest.raises(ValidationError):
        services.document_add(project=project, title="Leer", upload=SimpleUploadedFile("leer.pdf", b""))


def test_deleting_a_document_removes_the_file_after_commit(world, django_capture_on_commit_callbacks):
    project = make_project(office=world.office)
    document = services.document_add(project=project, title="Weg", upload=SimpleUploadedFile("weg.pdf", PDF))
    name = document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.document_delete(project=project, document_id=document.pk)
    assert not ProjectDocument.objects.exists()
    assert not default_storage.exists(name)


def test_a_document_of_another_project_cannot_be_deleted(world):
    theirs = make_project(office=world.other_office)
    document = services.document_add(project=theirs, title="Fremd", upload=SimpleUploadedFile("f.pdf", PDF))
    with pytest.raises(ValidationError):
        services.document_delete(project=make_project(office=world.office), document_id=document.pk)
    assert ProjectDocument.objects.filter(pk=document.pk).exists()
