"""'Report outdated or wrong information' on an offer: stored, e-mailed to the office, protected."""

import uuid

import pytest
from django.core import mail
from django.utils import timezone

from fachstelle.core.tests.factories import UserFactory
from fachstelle.offers import selfservice
from fachstelle.offers.models import Offer, OfferIssueReport

from .selfservice_world import build_world, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(vocab):
    return build_world()


def report_post(**overrides) -> dict:
    data = {
        "submission_key": str(uuid.uuid4()),
        "website_url": "",
        "kind": "outdated",
        "message": "Das Elterncafé findet neu am Donnerstag statt.",
        "reporter_email": "leser@example.org",
    }
    data.update(overrides)
    return data


def test_offer_page_links_to_the_report_form(client, world):
    html = client.get(world.offer.get_absolute_url()).content.decode()
    assert url("issue_report", office_slug=world.office.slug, pk=world.offer.pk) in html


def test_report_is_stored_emailed_to_the_office_and_confirmed_on_the_offer_page(
    client, world, django_capture_on_commit_callbacks
):
    form_url = url("issue_report", office_slug=world.office.slug, pk=world.offer.pk)
    page = client.get(form_url)
    assert page.status_code == 200
    assert 'class="hp-field" aria-hidden="true"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url, report_post(), follow=True)
    assert response.redirect_chain[-1][0].endswith(world.offer.get_absolute_url())
    assert len(list(response.context["messages"])) == 1
    report = OfferIssueReport.objects.get()
    assert (report.office, report.offer, report.kind) == (world.office, world.offer, "outdated")
    assert report.reporter_email == "leser@example.org"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["integration@zofingen.example.org"]
    assert message.reply_to == ["leser@example.org"]
    assert message.subject.startswith("[Region Zofingen] ")
    assert "Elterncafé Aarburg" in message.subject
    assert "neu am Donnerstag" in message.body
    assert f"/admin/offers/offerissuereport/{report.pk}/change/" in message.body


def test_honeypot_shows_success_but_stores_and_sends_nothing(
    client, world, django_capture_on_commit_callbacks
):
    form_url = url("issue_report", office_slug=world.office.slug, pk=world.offer.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url, report_post(website_url="buy now"))
    assert response.status_code == 302
    assert OfferIssueReport.objects.count() == 0
    assert mail.outbox == []


def test_double_submit_stores_one_report(client, world, django_capture_on_commit_callbacks):
    form_url = url("issue_report", office_slug=world.office.slug, pk=world.offer.pk)
    post = report_post()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_url, post)
        client.post(form_url, post)
    assert OfferIssueReport.objects.count() == 1
    assert len(mail.outbox) == 1


def test_rate_limit_answers_429_and_keeps_the_text(client, world, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 1
    form_url = url("issue_report", office_slug=world.office.slug, pk=world.offer.pk)
    client.post(form_url, report_post())
    response = client.post(form_url, report_post(message="Zweite Meldung"))
    assert response.status_code == 429
    assert "Zweite Meldung" in response.content.decode()
    assert OfferIssueReport.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"message": ""}, "message"),
        ({"message": "x" * 3001}, "message"),
        ({"reporter_email": "nicht gültig"}, "reporter_email"),
        ({"kind": "<script>"}, "kind"),
    ],
)
def test_bad_input_is_explained_and_kept(client, world, overrides, field):
    form_url = url("issue_report", "fr", office_slug=world.office.slug, pk=world.offer.pk)
    response = client.post(form_url, report_post(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert OfferIssueReport.objects.count() == 0
    if field != "message":
        assert "Das Elterncafé findet neu am Donnerstag statt." in response.content.decode()


def test_reports_only_for_public_offers_of_the_office(client, world):
    other = client.get(url("issue_report", office_slug=world.office.slug, pk=world.other_offer.pk))
    huge = client.get(
        url("issue_report", office_slug=world.office.slug, pk=world.offer.pk).replace(
            f"/{world.offer.pk}/", "/" + "9" * 30 + "/"
        )
    )
    assert huge.status_code == 404
    Offer.objects.filter(pk=world.offer.pk).update(hidden_unconfirmed_at=timezone.now())
    hidden = client.post(url("issue_report", office_slug=world.office.slug, pk=world.offer.pk), report_post())
    assert other.status_code == hidden.status_code == 404
    assert OfferIssueReport.objects.count() == 0


def test_resolve_and_open_counts_are_scoped(world):
    staff = UserFactory(username="resolver")
    for _n in range(2):
        selfservice.issue_report_submit(
            office=world.office,
            offer=world.offer,
            kind="wrong",
            message="x",
            submission_key=uuid.uuid4(),
            language="de",
        )
    selfservice.issue_report_submit(
        office=world.other_office,
        offer=world.other_offer,
        kind="wrong",
        message="y",
        submission_key=uuid.uuid4(),
        language="de",
    )
    assert selfservice.issue_reports_open_count_by_offer(office_ids=[world.office.pk]) == {world.offer.pk: 2}
    resolved = selfservice.issue_report_resolve(
        reports=OfferIssueReport.objects.filter(office=world.office), by=staff
    )
    assert resolved == 2
    assert selfservice.issue_reports_open_count_by_offer(office_ids=[world.office.pk]) == {}
    assert OfferIssueReport.objects.get(office=world.other_office).resolved_at is None
    with pytest.raises(selfservice.SelfServiceError):
        selfservice.issue_report_submit(
            office=world.office,
            offer=world.other_offer,
            kind="wrong",
            message="z",
            submission_key=uuid.uuid4(),
            language="de",
        )
