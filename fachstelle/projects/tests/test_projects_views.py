"""Project pages: list with filters and query pin, create and edit with bad input, the project page with
milestones and documents, upcoming milestones and the timeline."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from fachstelle.core.tests.otp import login_verified
from fachstelle.projects import services
from fachstelle.projects.models import Milestone, Project, ProjectDocument

from .factories import make_application, make_event, make_partner, make_project, projects_world
from .test_projects_services import PDF

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world(vocab, client, english):
    world = projects_world()
    world.vocab = vocab
    login_verified(client, world.counsellor)
    return world


def url(world, name, **kwargs):
    return reverse(f"projects:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


# Every staff page: session, user, authenticator device, office, membership, and the session's
# activity stamp written at the end (savepoint, update, release).
STAFF_OVERHEAD = 8


def today():
    return timezone.localdate()


def project_form_data(**overrides):
    data = {
        "title": "Deutsch-Café für Frauen",
        "goal": "Frauen üben Deutsch im Alltag.",
        "description": "",
        "role": Project.Role.INITIATED,
        "status": Project.Status.PLANNED,
        "starts_on": "2026-03-01",
        "ends_on": "2026-11-30",
        "lead": "",
        "budget": "4000.00",
        "currency": "CHF",
    }
    data.update(overrides)
    return data


# --- List ------------------------------------------------------------------------------------------------


def test_the_list_shows_progress_next_due_and_overdue_in_a_fixed_number_of_queries(
    world, client, django_assert_num_queries
):
    kip = world.vocab["kip"]
    for number in range(6):
        project = make_project(
            office=world.office,
            title=f"Projekt {number}",
            lead=world.counsellor,
            starts_on=today() - datetime.timedelta(days=60),
            links={"promotion_areas": [kip["2.1"], kip["1.2"]]},
        )
        services.milestone_add(
            project=project, title="Erledigt", due_on=today() - datetime.timedelta(days=20), done_on=today()
        )
        services.milestone_add(
            project=project, title="Überfällig", due_on=today() - datetime.timedelta(days=3)
        )
        services.milestone_add(project=project, title="Später", due_on=today() + datetime.timedelta(days=9))
    make_project(office=world.other_office, title="Allschwiler Projekt")
    # COUNT, projects page (lead joined, counts and next milestone as subqueries), KIP areas prefetch, the
    # filter form's KIP areas.
    with django_assert_num_queries(STAFF_OVERHEAD + 4):
        response = client.get(url(world, "project_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("1 of 3 done") == 6
    assert "1 overdue" in html and "Überfällig" in html
    assert "Allschwiler Projekt" not in html
    assert "6 projects" in html


def test_the_list_filters_and_never_fails_on_forged_input(world, client):
    make_project(office=world.office, title="Läuft")
    make_project(office=world.office, title="Geplant", status=Project.Status.PLANNED)
    html = client.get(url(world, "project_list"), {"status": "planned"}).content.decode()
    assert "Geplant" in html and "Läuft" not in html
    response = client.get(
        url(world, "project_list"), {"year": "abc", "promotion_area": "999999", "page": "x"}
    )
    assert response.status_code == 200 and "Läuft" in response.content.decode()


# --- Create and edit ---------------------------------------------------------------------------------------


def test_a_project_is_created_with_partners_grants_and_events(world, client):
    partner = make_partner(office=world.office, name="Frauenverein Brittnau")
    application = make_application(office=world.office)
    event = make_event(office=world.office)
    data = project_form_data(
        lead=str(world.counsellor.pk),
        partners=[str(partner.pk)],
        grant_applications=[str(application.pk)],
        events=[str(event.pk)],
        promotion_areas=[str(world.vocab["kip"]["2.1"].pk)],
    )
    response = client.post(url(world, "project_create"), data)
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(world, "project_detail", project_id=project.pk)
    assert project.office == world.office and project.budget == Decimal("4000.00")
    assert list(project.partners.all()) == [partner]
    assert list(project.grant_applications.all()) == [application]
    assert list(project.events.all()) == [event]


def test_the_form_offers_only_the_office_records(world, client):
    make_partner(office=world.office, name="Unser Verein")
    make_partner(office=world.other_office, name="Fremder Verein")
    make_application(office=world.office, title="Unser Gesuch", reference="ZO-1")
    make_application(office=world.other_office, title="Fremdes Gesuch", reference="AL-1")
    html = client.get(url(world, "project_create")).content.decode()
    assert "Unser Verein" in html and "ZO-1 – Unser Gesuch" in html
    assert "Fremder Verein" not in html and "Fremdes Gesuch" not in html
    assert "fremd" not in html  # the other office's counsellor is no lead option


def test_end_before_start_is_refused_with_the_input_kept(world, client):
    response = client.post(url(world, "project_create"), project_form_data(ends_on="2026-02-01"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "The project cannot end before it starts." in html
    assert 'value="Deutsch-Café für Frauen"' in html and 'value="2026-02-01"' in html
    assert not Project.objects.exists()


def test_a_forged_partner_of_another_office_is_refused(world, client):
    foreign = make_partner(office=world.other_office)
    response = client.post(url(world, "project_create"), project_form_data(partners=[str(foreign.pk)]))
    assert response.status_code == 400
    assert not Project.objects.exists()


def test_a_negative_budget_is_refused(world, client):
    response = client.post(url(world, "project_create"), project_form_data(budget="-5"))
    assert response.status_code == 400 and not Project.objects.exists()


def test_a_project_is_edited(world, client):
    project = make_project(office=world.office, links={"partners": [make_partner(office=world.office)]})
    form = client.get(url(world, "project_edit", project_id=project.pk)).content.decode()
    assert "Deutsch-Café für Frauen" in form
    response = client.post(
        url(world, "project_edit", project_id=project.pk), project_form_data(title="Neu", status="running")
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Neu" and not project.partners.exists()


def test_another_office_project_is_not_found(world, client):
    theirs = make_project(office=world.other_office)
    assert client.get(url(world, "project_detail", project_id=theirs.pk)).status_code == 404
    assert client.get(url(world, "project_edit", project_id=theirs.pk)).status_code == 404
    response = client.post(
        url(world, "milestone_add", project_id=theirs.pk), {"title": "X", "due_on": "2026-01-01"}
    )
    assert response.status_code == 404 and not Milestone.objects.exists()


# --- Project page ------------------------------------------------------------------------------------------


def test_the_project_page_shows_everything_with_sanitised_markdown(world, client, django_assert_num_queries):
    partner = make_partner(office=world.office, name="Frauenverein Brittnau")
    application = make_application(office=world.office)
    event = make_event(office=world.office, title="Café-Eröffnung")
    project = make_project(
        office=world.office,
        description="**Wöchentlich** im Gemeindehaus.\n\n<script>alert(1)</script>",
        lead=world.counsellor,
        links={"partners": [partner], "grant_applications": [application], "events": [event]},
    )
    services.milestone_add(project=project, title="Raum gefunden", due_on=D(2026, 2, 1), owner=world.editor)
    services.document_add(project=project, title="Konzept", upload=SimpleUploadedFile("konzept.pdf", PDF))
    # project with lead, 7 prefetches (KIP areas, municipalities, partners, applications, events, milestones
    # with owners, documents with uploaders), office members for the milestone form.
    with django_assert_num_queries(STAFF_OVERHEAD + 9):
        response = client.get(url(world, "project_detail", project_id=project.pk))
    html = response.content.decode()
    assert "<strong>Wöchentlich</strong>" in html and "<script>alert(1)" not in html
    assert "Frauenverein Brittnau" in html and "Raum gefunden" in html and "Konzept" in html
    assert (
        reverse("events:event_edit", kwargs={"office_slug": world.office.slug, "event_id": event.pk}) in html
    )
    assert "GS-2026-001 – Gesprächscafé Brittnau" in html
    try:
        detail = reverse(
            "grants:application_detail", kwargs={"office_slug": world.office.slug, "pk": application.pk}
        )
    except NoReverseMatch:
        detail = None
    if detail:
        assert detail in html


def test_a_milestone_is_added_with_a_warning_outside_the_project(world, client):
    project = make_project(office=world.office, starts_on=D(2026, 3, 1), ends_on=D(2026, 6, 30))
    response = client.post(
        url(world, "milestone_add", project_id=project.pk),
        {"title": "Abschlussfest", "due_on": "2026-08-01", "owner": str(world.editor.pk), "note": ""},
        follow=True,
    )
    html = response.content.decode()
    assert "The milestone was added." in html and "due after the project ends" in html
    assert "outside the period" in html
    milestone = Milestone.objects.get()
    assert (milestone.title, milestone.owner) == ("Abschlussfest", world.editor)


def test_a_milestone_without_a_date_is_refused_with_the_input_kept(world, client):
    project = make_project(office=world.office)
    response = client.post(
        url(world, "milestone_add", project_id=project.pk), {"title": "Ohne Datum", "due_on": ""}
    )
    assert response.status_code == 400
    assert 'value="Ohne Datum"' in response.content.decode()
    assert not Milestone.objects.exists()


def test_a_milestone_is_edited_inline_ticked_off_and_deleted(world, client):
    project = make_project(office=world.office)
    milestone = services.milestone_add(project=project, title="Flyer", due_on=D(2026, 3, 1))
    page = client.get(
        url(world, "project_detail", project_id=project.pk), {"edit": milestone.pk}
    ).content.decode()
    assert 'name="edit-title"' in page and 'value="Flyer"' in page
    edit_url = url(world, "milestone_edit", project_id=project.pk, milestone_id=milestone.pk)
    bad = client.post(edit_url, {"edit-title": "", "edit-due_on": "2026-03-05"})
    assert bad.status_code == 400 and 'value="2026-03-05"' in bad.content.decode()
    response = client.post(edit_url, {"edit-title": "Flyer verteilt", "edit-due_on": "2026-03-05"})
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert (milestone.title, milestone.due_on) == ("Flyer verteilt", D(2026, 3, 5))

    client.post(url(world, "milestone_done", project_id=project.pk, milestone_id=milestone.pk), {"done": "1"})
    milestone.refresh_from_db()
    assert milestone.done_on == today()
    client.post(url(world, "milestone_done", project_id=project.pk, milestone_id=milestone.pk), {"done": "0"})
    milestone.refresh_from_db()
    assert milestone.done_on is None

    client.post(url(world, "milestone_delete", project_id=project.pk, milestone_id=milestone.pk))
    assert not Milestone.objects.exists()


def test_a_milestone_of_another_project_is_left_alone(world, client):
    mine = make_project(office=world.office)
    theirs = make_project(office=world.other_office)
    milestone = services.milestone_add(project=theirs, title="Fremd", due_on=D(2026, 3, 1))
    response = client.post(
        url(world, "milestone_done", project_id=mine.pk, milestone_id=milestone.pk),
        {"done": "1"},
        follow=True,
    )
    assert "does not exist" in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.done_on is None


# --- Documents -------------------------------------------------------------------------------------------


def test_a_document_is_uploaded_and_downloaded_as_an_attachment(world, client):
    project = make_project(office=world.office)
    response = client.post(
        url(world, "document_upload", project_id=project.pk),
        {
            "title": "Konzept",
            "file": SimpleUploadedFile("Konzept Café.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    document = ProjectDocument.objects.get()
    download = client.get(url(world, "document_download", project_id=project.pk, document_id=document.pk))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF


def test_a_document_over_20_mb_is_refused_with_a_clear_message(world, client):
    project = make_project(office=world.office)
    big = SimpleUploadedFile("gross.pdf", PDF + b"\x00" * services.MAX_DOCUMENT_BYTES)
    response = client.post(
        url(world, "document_upload", project_id=project.pk), {"title": "Gross", "file": big}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "This file is too large" in html and 'value="Gross"' in html
    assert not ProjectDocument.objects.exists()


def test_an_exe_renamed_pdf_is_refused(world, client):
    project = make_project(office=world.office)
    exe = SimpleUploadedFile("rechnung.pdf", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/pdf")
    response = client.post(
        url(world, "document_upload", project_id=project.pk), {"title": "Rechnung", "file": exe}
    )
    assert response.status_code == 400
    assert "This file is not a PDF: its content does not match the file name." in response.content.decode()
    assert not ProjectDocument.objects.exists()


def test_documents_of_another_office_cannot_be_downloaded_or_deleted(world, client):
    theirs = make_project(office=world.other_office)
    document = services.document_add(project=theirs, title="Fremd", upload=SimpleUploadedFile("f.pdf", PDF))
    mine = make_project(office=world.office)
    assert (
        client.get(url(world, "document_download", project_id=theirs.pk, document_id=document.pk)).status_code
        == 404
    )
    assert (
        client.get(url(world, "document_download", project_id=mine.pk, document_id=document.pk)).status_code
        == 404
    )
    client.post(url(world, "document_delete", project_id=mine.pk, document_id=document.pk))
    assert ProjectDocument.objects.filter(pk=document.pk).exists()


def test_a_document_is_deleted(world, client):
    project = make_project(office=world.office)
    document = services.document_add(project=project, title="Weg", upload=SimpleUploadedFile("w.pdf", PDF))
    response = client.post(url(world, "document_delete", project_id=project.pk, document_id=document.pk))
    assert response.status_code == 302 and not ProjectDocument.objects.exists()


# --- Upcoming and timeline -------------------------------------------------------------------------------


def test_upcoming_milestones_in_a_fixed_number_of_queries(world, client, django_assert_num_queries):
    for number in range(5):
        project = make_project(office=world.office, title=f"Projekt {number}")
        services.milestone_add(
            project=project,
            title=f"Bald {number}",
            due_on=today() + datetime.timedelta(days=number),
            owner=world.editor,
        )
        services.milestone_add(
            project=project, title=f"Überfällig {number}", due_on=today() - datetime.timedelta(days=1)
        )
        services.milestone_add(
            project=project, title=f"Fern {number}", due_on=today() + datetime.timedelta(days=40)
        )
    # milestones with project and owner.
    with django_assert_num_queries(STAFF_OVERHEAD + 1):
        response = client.get(url(world, "milestone_upcoming"))
    html = response.content.decode()
    assert "Bald 4" in html and "Überfällig 0" in html and "Fern" not in html
    assert html.count("milestone-overdue") == 5


def test_the_timeline_shows_bars_markers_today_and_a_table(world, client, django_assert_num_queries):
    year = today().year
    for number in range(4):
        project = make_project(
            office=world.office,
            title=f"Projekt {number}",
            starts_on=D(year - 1, 10, 1),
            ends_on=D(year, 3, 31),
        )
        services.milestone_add(project=project, title=f"Meilenstein {number}", due_on=D(year, 1, 15))
    # projects, milestones with owners (prefetch).
    with django_assert_num_queries(STAFF_OVERHEAD + 2):
        response = client.get(url(world, "timeline"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="timeline-bar') == 4 and "clipped-start" in html
    assert html.count("timeline-marker") >= 4 and 'class="timeline-today"' in html
    assert "The timeline as a table" in html and "Meilenstein 3" in html
    assert "inset-inline-start: 0.0%" in html  # no decimal comma in the style, whatever the language


def test_the_timeline_takes_a_date_range_and_refuses_a_bad_one(world, client):
    make_project(office=world.office, title="Sommer", starts_on=D(2026, 6, 1), ends_on=D(2026, 8, 31))
    make_project(office=world.office, title="Winter", starts_on=D(2026, 12, 1), ends_on=D(2027, 2, 28))
    html = client.get(url(world, "timeline"), {"start": "2026-05-01", "end": "2026-09-30"}).content.decode()
    assert "Sommer" in html and "Winter" not in html
    bad = client.get(url(world, "timeline"), {"start": "2026-09-30", "end": "2026-05-01"})
    assert bad.status_code == 400 and "The range cannot end before it starts." in bad.content.decode()
    long = client.get(url(world, "timeline"), {"start": "2020-01-01", "end": "2029-12-31"})
    assert long.status_code == 400
    assert client.get(url(world, "timeline"), {"year": "2026"}).status_code == 200
