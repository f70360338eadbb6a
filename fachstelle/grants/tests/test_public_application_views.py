"""The applicant's journey through the public pages with the test client: programme list, start, the
five steps, coming back through the link, submission, the read-only view; bad input and query pins."""

import uuid

import pytest
from django.core import mail
from django.urls import reverse

from fachstelle.core.models import TargetGroup
from fachstelle.core.tests.factories import OfficeFactory, OrganisationFactory
from fachstelle.grants.models import Application, Attachment, FundingProgramme
from fachstelle.grants.services.applications import today_zurich

from .public_factories import (
    BUDGET,
    EXE_BYTES,
    SPONSOR,
    make_complete_draft,
    make_office_with_municipality,
    make_programme,
    pdf_upload,
)

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def world(vocab):
    office, brittnau = make_office_with_municipality()
    programme = make_programme(office)
    programme.promotion_areas.set([vocab["kip"]["2.1"]])
    return office, brittnau, programme


def url(name, application, **kwargs):
    return reverse(
        f"grants_public:{name}",
        kwargs={"office_slug": application.office.slug, "token": application.token, **kwargs},
    )


def step_url(application, step):
    return url("application_step", application, step=step)


def budget_post(lines, requested, action="continue"):
    data = {
        "lines-TOTAL_FORMS": str(len(lines) + 1),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "60",
        "requested_amount": requested,
        "action": action,
    }
    for index, line in enumerate(lines):
        for key, value in line.items():
            data[f"lines-{index}-{key}"] = value
    # One empty row, as the page sends it: ignored.
    data[f"lines-{len(lines)}-kind"] = "cost"
    data[f"lines-{len(lines)}-category"] = "other"
    return data


def test_programme_list_shows_open_and_upcoming_only(client, world, english, django_assert_num_queries):
    office, _brittnau, programme = world
    today = today_zurich()
    make_programme(
        office,
        slug="spaeter",
        name="Später",
        opens_on=today.replace(year=today.year + 1),
        closes_on=today.replace(year=today.year + 1),
    )
    make_programme(office, slug="entwurf", name="Entwurf", status=FundingProgramme.Status.DRAFT)
    make_programme(
        office,
        slug="vorbei",
        name="Vorbei",
        opens_on=today.replace(year=today.year - 1),
        closes_on=today.replace(year=today.year - 1),
    )
    make_programme(OfficeFactory(), slug="fremd", name="Fremd")
    list_url = reverse("grants_public:programme_list", kwargs={"office_slug": office.slug})
    # Office, programmes, their KIP areas.
    with django_assert_num_queries(3):
        response = client.get(list_url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kleinprojekte Integration" in html and "<strong>kleine</strong>" in html
    assert "Später" in html and "Opening soon" in html
    assert "Entwurf" not in html and "Vorbei" not in html and "Fremd" not in html
    assert "5,000.00" in html and "Statutes" in html
    assert (
        reverse(
            "grants_public:application_start",
            kwargs={"office_slug": office.slug, "programme_slug": programme.slug},
        )
        in html
    )


def test_the_whole_journey(
    client, world, english, django_assert_num_queries, django_capture_on_commit_callbacks
):
    office, brittnau, programme = world
    organisation = OrganisationFactory(office=office, name="Frauenverein Brittnau", street="Dorfstrasse 5")
    start_url = reverse(
        "grants_public:application_start",
        kwargs={"office_slug": office.slug, "programme_slug": programme.slug},
    )
    page = client.get(start_url)
    assert organisation.name in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            start_url,
            {
                "organisation": str(organisation.pk),
                "organisation_name": "",
                "contact_name": "Anna Muster",
                "contact_email": "anna@example.org",
                "submission_key": str(uuid.uuid4()),
                "website_url": "",
            },
        )
    application = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == url("application_detail", application)
    assert application.organisation == organisation and application.street == "Dorfstrasse 5"
    assert len(mail.outbox) == 1 and application.token in mail.outbox[0].body

    detail = client.get(response["Location"])
    assert application.token in detail.content.decode() and "Your personal link" in detail.content.decode()

    sponsor = {**SPONSOR, "action": "continue"}
    response = client.post(step_url(application, "sponsor"), sponsor)
    assert response.status_code == 302 and response["Location"] == step_url(application, "project")

    area = programme.promotion_areas.get()
    today = today_zurich()
    project = {
        "project_title": "Deutsch-Café für Frauen",
        "summary": "Gesprächscafé",
        "description": "Jede Woche",
        "goals": "Deutsch sprechen",
        "target_groups": [str(TargetGroup.objects.get(slug="frauen").pk)],
        "target_group_text": "",
        "expected_participants": "15",
        "promotion_area": str(area.pk),
        "municipalities": [str(brittnau.pk)],
        "starts_on": today.isoformat(),
        "ends_on": today.replace(year=today.year + 1).isoformat(),
        "schedule": "",
        "partners": "",
        "action": "draft",
    }
    response = client.post(step_url(application, "project"), project)
    assert response.status_code == 302 and response["Location"] == step_url(application, "project")

    response = client.post(step_url(application, "budget"), budget_post(BUDGET, "4500"))
    assert response.status_code == 302
    assert application.budget_lines.count() == len(BUDGET)

    response = client.post(step_url(application, "documents"), {"label": "Statutes", "file": pdf_upload()})
    assert response.status_code == 302
    documents_page = client.get(step_url(application, "documents")).content.decode()
    assert "present" in documents_page

    # Coming back later through the link, in another browser.
    client.logout()
    client.cookies.clear()
    review = url("application_step", application, step="review")
    # Office; the application with programme, office, KIP area, grant and final report (one join); then
    # one query each: programme KIP areas, target groups, municipalities, budget lines, attachments.
    with django_assert_num_queries(7):
        response = client.get(review)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your application is complete" in html and "Deutsch-Café für Frauen" in html
    assert "CH93 0076 2011 6238 5295 7" in html

    mail.outbox.clear()
    key = str(uuid.uuid4())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review, {"action": "submit", "submission_key": key, "publish_consent": "on"})
    assert response.status_code == 302 and response["Location"] == url("application_detail", application)
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED and application.publish_consent
    reference = f"KP-{programme.year}-0001"
    assert application.reference == reference
    receipt = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    assert reference in receipt.subject and reference in receipt.body

    # A double click: same page, no second reference, no second receipt.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review, {"action": "submit", "submission_key": key, "publish_consent": "on"})
    assert response.status_code == 302
    assert len([m for m in mail.outbox if m.to == ["anna@example.org"]]) == 1

    detail = client.get(url("application_detail", application)).content.decode()
    assert "Submitted" in detail and reference in detail and "Your personal link" not in detail

    # Editing after submission: refused, nothing changed.
    response = client.post(
        step_url(application, "sponsor"), {**SPONSOR, "city": "Zofingen", "action": "draft"}
    )
    assert response.status_code == 409
    application.refresh_from_db()
    assert application.city == "Brittnau"
    assert client.get(step_url(application, "budget")).status_code == 302


def test_start_form_honeypot_and_closed_programme(client, world, english):
    office, _brittnau, programme = world
    start_url = reverse(
        "grants_public:application_start",
        kwargs={"office_slug": office.slug, "programme_slug": programme.slug},
    )
    response = client.post(
        start_url,
        {
            "organisation_name": "Bot",
            "contact_name": "Bot",
            "contact_email": "b@x.ch",
            "submission_key": str(uuid.uuid4()),
            "website_url": "http://spam",
        },
    )
    assert response.status_code == 302 and not Application.objects.exists() and not mail.outbox
    programme.status = FundingProgramme.Status.CLOSED
    programme.save()
    response = client.get(start_url)
    assert (
        "not open for applications" in response.content.decode()
        and "<form" not in response.content.decode().split("<main")[1].split("</main>")[0]
    )


def test_start_form_keeps_input_on_errors(client, world, english):
    office, _brittnau, programme = world
    start_url = reverse(
        "grants_public:application_start",
        kwargs={"office_slug": office.slug, "programme_slug": programme.slug},
    )
    response = client.post(
        start_url,
        {
            "organisation_name": "Mein Verein",
            "contact_name": "",
            "contact_email": "kaputt",
            "submission_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 400
    assert 'value="Mein Verein"' in response.content.decode()
    assert not Application.objects.exists()


def test_start_form_is_rate_limited(client, world, english, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 1
    office, _brittnau, programme = world
    start_url = reverse(
        "grants_public:application_start",
        kwargs={"office_slug": office.slug, "programme_slug": programme.slug},
    )
    data = {"organisation_name": "V", "contact_name": "A", "contact_email": "a@x.ch"}
    assert client.post(start_url, {**data, "submission_key": str(uuid.uuid4())}).status_code == 302
    response = client.post(start_url, {**data, "submission_key": str(uuid.uuid4())})
    assert response.status_code == 429
    assert Application.objects.count() == 1


def test_unknown_token_and_other_office_are_404(client, world):
    office, brittnau, programme = world
    application = make_complete_draft(programme, brittnau)
    assert (
        client.get(
            reverse("grants_public:application_detail", kwargs={"office_slug": office.slug, "token": "nope"})
        ).status_code
        == 404
    )
    other = OfficeFactory()
    assert (
        client.get(
            reverse(
                "grants_public:application_detail",
                kwargs={"office_slug": other.slug, "token": application.token},
            )
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse(
                "grants_public:application_step",
                kwargs={"office_slug": office.slug, "token": "nope", "step": "budget"},
            )
        ).status_code
        == 404
    )


def test_budget_errors_keep_the_input_and_save_nothing(client, world, english):
    _office, brittnau, programme = world
    application = make_complete_draft(programme, brittnau)
    lines = [*BUDGET, {"kind": "cost", "category": "other", "description": "Minus", "amount": "-100"}]
    response = client.post(step_url(application, "budget"), budget_post(lines, "4400"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Amounts cannot be negative." in html and 'value="-100"' in html and 'value="Minus"' in html
    assert application.budget_lines.count() == len(BUDGET)

    too_much = [
        {"kind": "cost", "category": "other", "description": "Alles", "amount": "8000"},
        {"kind": "own", "category": "other", "description": "Eigen", "amount": "1000"},
    ]
    response = client.post(step_url(application, "budget"), budget_post(too_much, "7000"))
    assert response.status_code == 400 and "at most CHF 5,000.00" in response.content.decode()
    application.refresh_from_db()
    assert application.requested_amount == 4500


def test_budget_add_lines_and_live_totals(client, world, english):
    _office, brittnau, programme = world
    application = make_complete_draft(programme, brittnau)
    response = client.post(step_url(application, "budget"), budget_post(BUDGET[:2], "100", action="add"))
    html = response.content.decode()
    assert response.status_code == 200 and 'name="lines-5-description"' in html and 'value="Leitung"' in html
    response = client.post(
        url("application_budget_totals", application), budget_post(BUDGET, "4400", action="")
    )
    html = response.content.decode()
    assert "5,500.00" in html and "does not add up" in html and "-100.00" in html
    assert application.budget_lines.count() == len(BUDGET)


def test_documents_step_refuses_an_exe_renamed_pdf(client, world, english):
    _office, brittnau, programme = world
    application = make_complete_draft(programme, brittnau, with_document=False)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        step_url(application, "documents"),
        {"label": "Statutes", "file": SimpleUploadedFile("statuten.pdf", EXE_BYTES)},
    )
    assert response.status_code == 400 and "This file is not a PDF" in response.content.decode()
    assert not Attachment.objects.exists()
    review = client.get(step_url(application, "review")).content.decode()
    assert "The document “Statutes” is missing." in review
    assert step_url(application, "documents") in review


def test_download_and_delete_through_the_link(client, world):
    _office, brittnau, programme = world
    application = make_complete_draft(programme, brittnau)
    attachment = application.attachments.get()
    response = client.get(url("attachment_download", application, attachment_id=attachment.pk))
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    other = make_complete_draft(programme, brittnau)
    assert client.get(url("attachment_download", other, attachment_id=attachment.pk)).status_code == 404
    response = client.post(url("attachment_delete", application, attachment_id=attachment.pk))
    assert response.status_code == 302 and not application.attachments.exists()


def test_submit_refused_with_problems_listed(client, world, english):
    _office, brittnau, programme = world
    application = make_complete_draft(programme, brittnau, with_document=False)
    response = client.post(
        step_url(application, "review"), {"action": "submit", "submission_key": str(uuid.uuid4())}
    )
    assert response.status_code == 409
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT and not application.reference


def test_advice_request_through_the_link(client, world, english, django_capture_on_commit_callbacks):
    office, brittnau, programme = world
    application = make_complete_draft(programme, brittnau)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("application_message", application), {"message": "Dürfen wir Kinderbetreuung budgetieren?"}
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.advice_requested_at is not None
    assert [m.to for m in mail.outbox] == [[office.email]]
    page = client.get(url("application_detail", application)).content.decode()
    assert "Dürfen wir Kinderbetreuung budgetieren?" in page
    response = client.post(url("application_message", application), {"message": ""})
    assert response.status_code == 400


def test_withdraw_through_the_link(client, world, english):
    _office, brittnau, programme = world
    application = make_complete_draft(programme, brittnau)
    assert client.post(url("application_withdraw", application), {}).status_code == 400
    assert client.post(url("application_withdraw", application), {"confirm": "on"}).status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
