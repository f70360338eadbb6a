"""The decision letter: a PDF on the office's letterhead with the amount, plan and report link; downloads
for staff and for the applicant through the personal link."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from fachstelle.core.tests.otp import login_verified
from fachstelle.grants.letters import letter_document, letter_html, letter_pdf
from fachstelle.grants.services.decisions import application_approve, application_reject

from .money_factories import Role, make_application, make_office, make_programme, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved():
    office = make_office(name="Fachstelle Integration Region Zofingen", primary_color="#aa3300")
    programme = make_programme(office)
    application = make_application(programme, ends_on=datetime.date(2026, 6, 30))
    admin = make_staff(office, Role.ADMIN, first_name="Petra", last_name="Leiterin")
    grant = application_approve(
        application=application,
        by=admin,
        amount="4000",
        conditions="Please mention the office on flyers.",
        payout_plan=[("2500", datetime.date(2026, 3, 1)), ("1500", datetime.date(2026, 8, 1))],
    )
    application.refresh_from_db()
    return office, application, grant, admin


def test_approval_letter_html_has_letterhead_recipient_amount_plan_and_signature(approved):
    _office, application, _grant, _admin = approved
    with translation.override("en"):
        html = letter_html(application)
    for expected in (
        "Fachstelle Integration Region Zofingen",
        "#aa3300",
        "Bahnhofstrasse 1",
        "Verein Frauentreff Brittnau",
        "Dorfstrasse 5",
        "CHF 4&#x27;000.00",
        "CHF 2&#x27;500.00",
        "01.03.2026",
        "Please mention the office on flyers.",
        application.reference,
        "Petra Leiterin",
        application.token,
    ):
        assert expected in html, expected


def _layout_text(document) -> str:
    """The text of every laid-out box (what the PDF prints)."""
    texts = []

    def walk(box):
        if getattr(box, "text", None):
            texts.append(box.text)
        for child in getattr(box, "children", None) or ():
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(texts)


def test_letter_pdf_is_a_pdf_whose_layout_prints_office_name_and_amount(approved):
    _office, application, _grant, _admin = approved
    assert letter_pdf(application).startswith(b"%PDF")
    text = _layout_text(letter_document(application))
    assert "Fachstelle Integration Region Zofingen" in text
    assert "CHF 4'000.00" in text


def test_rejection_letter_names_the_reason():
    office = make_office()
    programme = make_programme(office)
    application = make_application(programme)
    admin = make_staff(office, Role.ADMIN)
    application_reject(application=application, by=admin, reason="Outside the programme's region.")
    application.refresh_from_db()
    html = letter_html(application)  # in the office's language (German), whatever the request's language
    assert "Outside the programme&#x27;s region." in html
    assert 'lang="de"' in html
    with translation.override("de"):
        assert gettext("Payout plan") not in html
        sentence = gettext(
            "Thank you for your application to the programme “%(programme)s”. After careful review we "
            "regret to inform you that we cannot grant a contribution."
        ) % {"programme": programme.name}
    assert sentence[-40:] in html  # the rejection sentence, after the programme's name


def test_staff_download_and_public_download_by_token(client, approved):
    office, application, _grant, admin = approved
    login_verified(client, admin)
    response = client.get(
        reverse("grants:decision_letter", kwargs={"office_slug": office.slug, "pk": application.pk})
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.logout()
    url = reverse(
        "grants_public:letter_download", kwargs={"office_slug": office.slug, "token": application.token}
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert client.get(url.replace(application.token, "wrong-token")).status_code == 404


def test_no_letter_before_a_decision(client):
    office = make_office()
    application = make_application(make_programme(office))
    url = reverse(
        "grants_public:letter_download", kwargs={"office_slug": office.slug, "token": application.token}
    )
    assert client.get(url).status_code == 404
