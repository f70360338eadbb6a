"""Provider self-service: proposing an offer or a change, the e-mail link, staff decisions, bad input."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from fachstelle.core.services import revisions_for
from fachstelle.core.tests.factories import UserFactory
from fachstelle.offers import selfservice
from fachstelle.offers.models import Offer, OfferProposal
from fachstelle.offers.selectors import OfferFilters, offer_search, vocabulary_load

from .selfservice_world import build_world, proposal_post, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]  # asserts English msgids


@pytest.fixture
def world(vocab):
    return build_world()


@pytest.fixture
def staff(world):
    return UserFactory(username="reviewer")


def confirmation_link(message) -> str:
    return next(line.strip() for line in message.body.splitlines() if "/propose/confirm/" in line)


def public_titles(office, q=""):
    office.refresh_from_db()  # fresh directory version, as every request loads it
    result = offer_search(
        office=office, filters=OfferFilters(q=q), vocabulary=vocabulary_load(office=office), language="de"
    )
    return [offer.title for offer in result.offers]


def test_form_lists_the_office_vocabulary_and_protection(client, world):
    response = client.get(url("proposal_create", office_slug=world.office.slug))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="hp-field" aria-hidden="true"' in html
    assert 'name="website_url"' in html and 'tabindex="-1"' in html and 'autocomplete="off"' in html
    assert 'name="submission_key"' in html
    assert "Aarburg" in html and "Zofingen" in html
    assert "Allschwil" not in html  # municipalities of the other office are not offered
    assert 'form method="post"' in html and 'class="stacked"' in html


def test_whole_flow_propose_confirm_approve_publishes_a_findable_offer(
    client, world, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("proposal_create", office_slug=world.office.slug), proposal_post())
    assert response.status_code == 200
    assert response.context["verified"] is False  # the "check your e-mail" page
    proposal = OfferProposal.objects.get()
    assert proposal.office == world.office
    assert proposal.status == OfferProposal.Status.UNCONFIRMED
    assert proposal.kind == OfferProposal.Kind.NEW
    assert proposal.data["municipalities"] == [4271]
    assert proposal.data["fields_of_action"] == ["sprache"]
    assert proposal.data["languages"] == ["ar", "de"]
    assert proposal.data["cost_amount"] == "120.50"
    assert proposal.data["locations"][0]["municipality"] == 4271
    assert proposal.data["submitter_language"] == "de"
    # Only the confirmation link went out; the office hears of it after the confirmation.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert message.subject.startswith("[Region Zofingen] ")
    assert message.reply_to == ["integration@zofingen.example.org"]
    link = confirmation_link(message)
    assert link.startswith("http://testserver/de/region-zofingen/propose/confirm/")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(link.removeprefix("http://testserver"))
    assert response.status_code == 200
    proposal.refresh_from_db()
    assert proposal.status == OfferProposal.Status.PENDING
    assert proposal.confirmed_at is not None
    assert mail.outbox[-1].to == ["integration@zofingen.example.org"]
    assert mail.outbox[-1].reply_to == ["anna@example.org"]
    assert "Deutschkurs mit Kinderhüte" in mail.outbox[-1].subject

    assert "Deutschkurs mit Kinderhüte" not in public_titles(world.office)
    with django_capture_on_commit_callbacks(execute=True):
        offer = selfservice.proposal_approve(proposal=proposal, by=staff, publish=True, message="Willkommen!")
    proposal.refresh_from_db()
    assert proposal.status == OfferProposal.Status.APPROVED
    assert proposal.resulting_offer == offer
    assert proposal.reviewed_by == staff and proposal.reviewed_at is not None
    assert offer.status == Offer.Status.PUBLISHED
    assert offer.provider.name == "Frauentreff Rothrist"
    assert offer.provider.office == world.office
    assert offer.provider.confirmation_email == "anna@example.org"
    assert offer.cost_amount == Decimal("120.50") and offer.childcare and offer.registration_required
    assert sorted(offer.languages.values_list("code", flat=True)) == ["ar", "de"]
    assert [loc.municipality.bfs_number for loc in offer.locations.all()] == [4271]
    assert revisions_for(offer).count() == 1
    assert public_titles(world.office, "Deutschkurse") == ["Deutschkurs mit Kinderhüte"]
    assert "Deutschkurs mit Kinderhüte" not in public_titles(world.other_office)
    outcome = mail.outbox[-1]
    assert outcome.to == ["anna@example.org"]
    assert "Willkommen!" in outcome.body
    assert offer.get_absolute_url() in outcome.body


def test_confirming_twice_is_harmless_and_notifies_once(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("proposal_create", office_slug=world.office.slug), proposal_post())
    proposal = OfferProposal.objects.get()
    link = url("proposal_confirm", office_slug=world.office.slug, token=proposal.token)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.get(link)
        second = client.get(link)
    assert first.status_code == second.status_code == 200
    assert len(mail.outbox) == 2  # the link, then one notice to the office
    proposal.refresh_from_db()
    assert proposal.status == OfferProposal.Status.PENDING


def test_unknown_expired_or_foreign_tokens_show_a_friendly_404(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("proposal_create", office_slug=world.office.slug), proposal_post())
    proposal = OfferProposal.objects.get()
    foreign = client.get(url("proposal_confirm", office_slug=world.other_office.slug, token=proposal.token))
    unknown = client.get(url("proposal_confirm", office_slug=world.office.slug, token="nope"))
    huge = client.get(url("proposal_confirm", office_slug=world.office.slug, token="x" * 5000))
    for response in (foreign, unknown, huge):
        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode() or "Link" in response.content.decode()
    OfferProposal.objects.filter(pk=proposal.pk).update(
        created_at=timezone.now() - timedelta(days=selfservice.PROPOSAL_CONFIRMATION_DAYS + 1)
    )
    expired = client.get(url("proposal_confirm", office_slug=world.office.slug, token=proposal.token))
    assert expired.status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == OfferProposal.Status.UNCONFIRMED


def test_change_proposal_is_prefilled_and_approval_updates_the_offer_with_a_new_version(
    client, world, staff, django_capture_on_commit_callbacks
):
    offer = world.offer
    page = client.get(url("proposal_create", office_slug=world.office.slug) + f"?offer={offer.pk}")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="Elterncafé Aarburg"' in html
    assert 'value="Familienzentrum"' in html
    assert 'name="organisation_name"' not in html  # the provider of a change is fixed

    versions_before = revisions_for(offer).count()
    post = proposal_post(
        title="Elterncafé Aarburg (neu am Donnerstag)",
        organisation=None,
        organisation_name=None,
        organisation_website=None,
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("proposal_create", office_slug=world.office.slug) + f"?offer={offer.pk}", post
        )
    assert response.status_code == 200
    proposal = OfferProposal.objects.get()
    assert proposal.kind == OfferProposal.Kind.CHANGE
    assert proposal.offer == offer and proposal.organisation == world.provider
    selfservice.proposal_confirm_email(office=world.office, token=proposal.token)

    diff = {row.name: row for row in selfservice.proposal_diff(proposal=proposal, language="de")}
    assert diff["title"].changed and diff["title"].current == "Elterncafé Aarburg"
    assert diff["childcare"].changed
    assert not diff["contact_email"].changed

    with django_capture_on_commit_callbacks(execute=True):
        selfservice.proposal_approve(proposal=proposal, by=staff, publish=True)
    offer.refresh_from_db()
    assert offer.title == "Elterncafé Aarburg (neu am Donnerstag)"
    assert offer.provider == world.provider  # no new organisation for a change
    assert offer.last_confirmed_at is not None
    versions = revisions_for(offer)
    assert versions.count() == versions_before + 1
    assert "title" in versions.first().changed_fields
    assert versions.first().created_by == staff
    assert Offer.objects.filter(office=world.office).count() == 1  # updated, not duplicated


def test_change_proposal_keeps_further_locations(world, staff):
    offer = world.offer
    from fachstelle.offers.services import offer_update

    aarburg = offer.locations.get().municipality
    offer_update(
        offer=offer,
        by=None,
        fields={},
        locations=[
            {"name": "Familienzentrum", "municipality": aarburg},
            {"name": "Bibliothek", "municipality": aarburg},
        ],
    )
    data = selfservice.offer_proposal_data(offer)
    proposal, _created = selfservice.proposal_submit(
        office=world.office,
        submission_key=uuid.uuid4(),
        submitter_name="A",
        submitter_email="a@example.org",
        organisation=None,
        data={**data, "title": "Neu"},
        offer=offer,
        language="de",
    )
    OfferProposal.objects.filter(pk=proposal.pk).update(status=OfferProposal.Status.PENDING)
    selfservice.proposal_approve(proposal=proposal, by=staff, publish=True)
    assert list(offer.locations.values_list("name", flat=True)) == ["Familienzentrum", "Bibliothek"]


def test_change_of_an_offer_of_another_office_or_a_draft_is_not_possible(client, world):
    draft = Offer.objects.create(
        office=world.office, provider=world.provider, title="Entwurf", summary="x", status=Offer.Status.DRAFT
    )
    for offer_id in (world.other_offer.pk, draft.pk, "abc", "99999999", "9" * 30, "-1", "1" * 5000):
        response = client.get(url("proposal_create", office_slug=world.office.slug) + f"?offer={offer_id}")
        html = response.content.decode()
        assert response.status_code == 200
        assert "Mittagstisch Allschwil" not in html and 'value="Entwurf"' not in html
        assert "message-warning" in html  # told that the offer was not found


def test_approve_as_draft_creates_a_draft_offer(world, staff, django_capture_on_commit_callbacks):
    proposal, _created = selfservice.proposal_submit(
        office=world.office,
        submission_key=uuid.uuid4(),
        submitter_name="Anna",
        submitter_email="a@example.org",
        organisation=world.provider,
        data={"title": "Sprachtreff", "summary": "Reden üben."},
        language="de",
    )
    selfservice.proposal_confirm_email(office=world.office, token=proposal.token)
    with django_capture_on_commit_callbacks(execute=True):
        offer = selfservice.proposal_approve(proposal=proposal, by=staff, publish=False)
    assert offer.status == Offer.Status.DRAFT
    assert offer.provider == world.provider
    assert "Sprachtreff" not in public_titles(world.office)
    assert "final check" in mail.outbox[-1].body or "Prüfung" in mail.outbox[-1].body


def test_reject_sends_the_message_and_creates_nothing(world, staff, django_capture_on_commit_callbacks):
    proposal, _created = selfservice.proposal_submit(
        office=world.office,
        submission_key=uuid.uuid4(),
        submitter_name="Anna",
        submitter_email="a@example.org",
        organisation=None,
        organisation_name="Neu",
        data={"title": "Werbung", "summary": "x"},
        language="fr",
    )
    selfservice.proposal_confirm_email(office=world.office, token=proposal.token)
    offers_before = Offer.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        selfservice.proposal_reject(proposal=proposal, by=staff, message="Kein Integrationsangebot.")
    proposal.refresh_from_db()
    assert proposal.status == OfferProposal.Status.REJECTED
    assert proposal.review_message == "Kein Integrationsangebot."
    assert Offer.objects.count() == offers_before
    assert mail.outbox[-1].to == ["a@example.org"]
    assert "Kein Integrationsangebot." in mail.outbox[-1].body


def test_a_reviewed_proposal_cannot_be_approved_again(world, staff, django_capture_on_commit_callbacks):
    proposal, _created = selfservice.proposal_submit(
        office=world.office,
        submission_key=uuid.uuid4(),
        submitter_name="Anna",
        submitter_email="a@example.org",
        organisation=world.provider,
        data={"title": "Sprachtreff", "summary": "Reden üben."},
        language="de",
    )
    with pytest.raises(selfservice.ProposalNotPending):  # not yet confirmed by e-mail
        selfservice.proposal_approve(proposal=proposal, by=staff, publish=True)
    selfservice.proposal_confirm_email(office=world.office, token=proposal.token)
    selfservice.proposal_approve(proposal=proposal, by=staff, publish=True)
    with pytest.raises(selfservice.ProposalNotPending):
        selfservice.proposal_approve(proposal=proposal, by=staff, publish=True)
    with pytest.raises(selfservice.ProposalNotPending):
        selfservice.proposal_reject(proposal=proposal, by=staff, message="x")
    assert Offer.objects.filter(title="Sprachtreff").count() == 1


def test_failed_approval_writes_nothing(world, staff):
    proposal, _created = selfservice.proposal_submit(
        office=world.office,
        submission_key=uuid.uuid4(),
        submitter_name="Anna",
        submitter_email="a@example.org",
        organisation=None,
        organisation_name="Brandneu",
        language="de",
        data={"title": "Kurs", "summary": "x", "locations": [{"name": "Halle", "municipality": 4271}]},
    )
    selfservice.proposal_confirm_email(office=world.office, token=proposal.token)
    world.office.municipalities.remove(world.office.municipalities.get(bfs_number=4271))
    with pytest.raises(selfservice.SelfServiceError):
        selfservice.proposal_approve(proposal=proposal, by=staff, publish=True)
    proposal.refresh_from_db()
    assert proposal.status == OfferProposal.Status.PENDING
    assert not Offer.objects.filter(title="Kurs").exists()
    assert not world.office.organisations.filter(name="Brandneu").exists()


def test_emails_follow_the_language_of_the_page(client, world, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("proposal_create", "fr", office_slug=world.office.slug), proposal_post())
    proposal = OfferProposal.objects.get()
    assert proposal.data["submitter_language"] == "fr"
    assert "/fr/region-zofingen/propose/confirm/" in mail.outbox[0].body


# --- Protection -----------------------------------------------------------------------------------------


def test_honeypot_gets_the_success_page_and_stores_nothing(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("proposal_create", office_slug=world.office.slug),
            proposal_post(website_url="http://spam.example"),
        )
    assert response.status_code == 200
    assert "proposal_sent" in [t.name.split("/")[-1].removesuffix(".html") for t in response.templates]
    assert OfferProposal.objects.count() == 0
    assert mail.outbox == []


def test_double_submit_stores_one_proposal_and_sends_one_email(
    client, world, django_capture_on_commit_callbacks
):
    post = proposal_post()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url("proposal_create", office_slug=world.office.slug), post)
        second = client.post(url("proposal_create", office_slug=world.office.slug), post)
    assert first.status_code == second.status_code == 200
    assert [t.name for t in first.templates] == [t.name for t in second.templates]
    assert "proposal_sent.html" in first.templates[0].name
    assert OfferProposal.objects.count() == 1
    assert len(mail.outbox) == 1


def test_same_key_twice_in_the_service_hits_the_unique_constraint_and_returns_the_first(world):
    key = uuid.uuid4()
    arguments = {
        "office": world.office,
        "submission_key": key,
        "submitter_name": "A",
        "submitter_email": "a@example.org",
        "organisation": world.provider,
        "data": {"title": "T", "summary": "S"},
        "language": "de",
    }
    first, created_first = selfservice.proposal_submit(**arguments)
    second, created_second = selfservice.proposal_submit(**{**arguments, "data": {"title": "Other"}})
    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert OfferProposal.objects.get().data["title"] == "T"


def test_rate_limit_answers_429_with_message_and_keeps_input(client, world, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 1
    # The limit counts per client, whatever the page language (the second page is English to read it).
    client.post(url("proposal_create", office_slug=world.office.slug), proposal_post())
    response = client.post(
        url("proposal_create", "en", office_slug=world.office.slug), proposal_post(title="Zweiter Versuch")
    )
    html = response.content.decode()
    assert response.status_code == 429
    assert 'role="alert"' in html and "too often" in html
    assert 'value="Zweiter Versuch"' in html
    assert OfferProposal.objects.count() == 1


def test_missing_or_mangled_submission_key_asks_to_send_again_with_a_fresh_key(client, world):
    response = client.post(
        url("proposal_create", "en", office_slug=world.office.slug),
        proposal_post(submission_key="not-a-uuid"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "could not be processed" in html
    assert 'value="not-a-uuid"' not in html
    assert OfferProposal.objects.count() == 0


# --- Bad input -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"submitter_email": "not-an-email"}, "submitter_email", "valid email"),
        ({"title": ""}, "title", "required"),
        ({"cost_amount": "-5"}, "cost_amount", "greater than or equal to 0"),
        ({"cost_amount": "abc"}, "cost_amount", "number"),
        ({"municipalities": ["2762"]}, "municipalities", "municipalities this office serves"),
        ({"location_municipality": "9999"}, "location_municipality", "municipalities this office serves"),
        ({"title": "x" * 201}, "title", "at most 200 characters"),
        ({"message": "x" * 3001}, "message", "at most 3000 characters"),
        ({"fields_of_action": ["unknown-topic"]}, "fields_of_action", "valid choice"),
        ({"organisation": "", "organisation_name": ""}, "organisation_name", "enter its name"),
        ({"organisation": "no-such-provider"}, "organisation", "valid choice"),
        ({"start_date": "2026-05-01", "end_date": "2026-04-01"}, "end_date", "before the start"),
        ({"cost_type": "free", "cost_amount": "10"}, "cost_amount", "free of charge"),
        ({"location_municipality": ""}, "location_municipality", "municipality of the place"),
        ({"registration_url": "javascript:alert(1)"}, "registration_url", "valid URL"),
    ],
)
def test_bad_input_is_explained_and_what_was_typed_is_kept(client, world, overrides, field, message):
    response = client.post(
        url("proposal_create", "en", office_slug=world.office.slug),
        proposal_post(summary="<b>Mein Text</b> bleibt", **overrides),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message.lower() in " ".join(response.context["form"].errors[field]).lower()
    assert f'aria-describedby="id_{field}' in html or f"id_{field}_error" in html
    assert "&lt;b&gt;Mein Text&lt;/b&gt; bleibt" in html  # kept, and escaped
    assert OfferProposal.objects.count() == 0


def test_bad_input_messages_are_in_the_page_language(client, world):
    response = client.post(
        url("proposal_create", "de", office_slug=world.office.slug), proposal_post(submitter_email="kaputt")
    )
    assert "gültige E-Mail-Adresse" in " ".join(response.context["form"].errors["submitter_email"])


def test_unknown_office_is_404(client, world):
    assert client.get(url("proposal_create", office_slug="no-such-office")).status_code == 404
