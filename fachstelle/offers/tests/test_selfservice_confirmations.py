"""The periodic confirmation: the command, overdue flagging, auto-hide, the provider's personal page."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from fachstelle.core.models import Office
from fachstelle.core.tests.factories import OrganisationFactory, make_offer
from fachstelle.network.models import Organisation
from fachstelle.offers import selfservice
from fachstelle.offers.models import Offer, OfferProposal, ProviderConfirmation
from fachstelle.offers.selectors import OfferFilters, offer_search, vocabulary_load

from .selfservice_world import build_world, proposal_post, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]  # asserts English msgids

LONG_AGO = timedelta(days=400)


@pytest.fixture
def world(vocab):
    world = build_world()
    # Both providers were last asked more than a year ago.
    Organisation.objects.filter(pk__in=[world.provider.pk, world.other_offer.provider_id]).update(
        last_confirmed_at=timezone.now() - LONG_AGO
    )
    return world


def run(*args) -> str:
    out = StringIO()
    call_command("request_offer_confirmations", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def public_titles(office):
    office = Office.objects.get(pk=office.pk)  # fresh directory version, as every request loads it
    result = offer_search(
        office=office, filters=OfferFilters(), vocabulary=vocabulary_load(office=office), language="de"
    )
    return [offer.title for offer in result.offers]


def make_overdue(confirmation: ProviderConfirmation) -> None:
    ProviderConfirmation.objects.filter(pk=confirmation.pk).update(
        sent_at=timezone.now() - timedelta(weeks=8), due_at=timezone.now() - timedelta(days=1)
    )


def test_dry_run_changes_and_sends_nothing(world):
    output = run("--dry-run")
    assert "would ask: Verein Begegnung Aarburg <info@begegnung.example.org>" in output
    assert "[dry run]" in output
    assert ProviderConfirmation.objects.count() == 0
    assert mail.outbox == []


def test_real_run_sends_personal_links_and_a_second_run_sends_none(world):
    output = run()
    assert "asked: Verein Begegnung Aarburg" in output
    assert ProviderConfirmation.objects.count() == 2  # one provider in each office
    confirmation = ProviderConfirmation.objects.get(office=world.office)
    assert confirmation.organisation == world.provider
    assert confirmation.email == "info@begegnung.example.org"
    grace = timedelta(weeks=world.office.confirmation_grace_weeks)
    assert abs(confirmation.due_at - confirmation.sent_at - grace) < timedelta(seconds=1)
    message = next(m for m in mail.outbox if m.to == ["info@begegnung.example.org"])
    assert message.subject.startswith("[Region Zofingen] ")
    assert message.reply_to == ["integration@zofingen.example.org"]
    assert f"http://testserver/de/region-zofingen/confirm/{confirmation.token}/" in message.body
    assert "Elterncafé Aarburg" in message.body

    sent = len(mail.outbox)
    second = run()
    assert "asked:" not in second
    assert len(mail.outbox) == sent
    assert ProviderConfirmation.objects.count() == 2


def test_office_option_limits_the_run_and_unknown_office_is_an_error(world):
    run("--office", world.office.slug)
    assert list(ProviderConfirmation.objects.values_list("office__slug", flat=True)) == [world.office.slug]
    with pytest.raises(CommandError):
        run("--office", "no-such-office")


def test_providers_confirmed_recently_or_without_published_offers_are_not_asked(world):
    Organisation.objects.filter(pk=world.provider.pk).update(
        last_confirmed_at=timezone.now() - timedelta(days=30)
    )
    OrganisationFactory(office=world.office, name="Ohne Angebote")  # no offers
    draft_only = OrganisationFactory(office=world.office, name="Nur Entwurf")
    Organisation.objects.filter(pk=draft_only.pk).update(created_at=timezone.now() - LONG_AGO)
    make_offer(office=world.office, provider=draft_only, title="Entwurf", status=Offer.Status.DRAFT)
    assert selfservice.confirmation_candidates(office=world.office) == []


def test_providers_without_email_are_skipped_and_reported(world):
    Organisation.objects.filter(pk=world.provider.pk).update(email="", confirmation_email="")
    output = run("--office", world.office.slug)
    assert "skipped, no e-mail address: Verein Begegnung Aarburg" in output
    assert not ProviderConfirmation.objects.filter(office=world.office).exists()


def test_confirmation_email_takes_precedence(world):
    Organisation.objects.filter(pk=world.provider.pk).update(
        confirmation_email="angebote@begegnung.example.org"
    )
    run("--office", world.office.slug)
    assert ProviderConfirmation.objects.get(office=world.office).email == "angebote@begegnung.example.org"


def test_overdue_offers_are_flagged_once_and_hidden_only_when_the_office_wants(world):
    run("--office", world.office.slug)
    confirmation = ProviderConfirmation.objects.get(office=world.office)
    make_overdue(confirmation)
    Offer.objects.filter(pk=world.offer.pk).update(created_at=timezone.now() - LONG_AGO)

    dry = run("--office", world.office.slug, "--dry-run")
    assert "overdue: Verein Begegnung Aarburg – 1 offers flagged, 0 hidden" in dry
    world.offer.refresh_from_db()
    assert world.offer.confirmation_overdue_since is None

    output = run("--office", world.office.slug)
    assert "overdue: Verein Begegnung Aarburg – 1 offers flagged, 0 hidden" in output
    world.offer.refresh_from_db()
    confirmation.refresh_from_db()
    assert world.offer.confirmation_overdue_since is not None
    assert world.offer.hidden_unconfirmed_at is None  # auto-hide is off by default
    assert confirmation.overdue_flagged_at is not None
    assert "Elterncafé Aarburg" in public_titles(world.office)
    assert "overdue:" not in run("--office", world.office.slug)  # nothing new the second time
    assert (
        Offer.objects.filter(office=world.other_office, confirmation_overdue_since__isnull=False).count() == 0
    )


def test_auto_hide_removes_from_search_and_confirmation_brings_back(client, world):
    Office.objects.filter(pk=world.office.pk).update(auto_hide_unconfirmed=True)
    run("--office", world.office.slug)
    confirmation = ProviderConfirmation.objects.get(office=world.office)
    make_overdue(confirmation)
    Offer.objects.filter(pk=world.offer.pk).update(created_at=timezone.now() - LONG_AGO)
    assert "Elterncafé Aarburg" in public_titles(world.office)  # cached facets/counts now …
    version = Office.objects.get(pk=world.office.pk).directory_version

    output = run("--office", world.office.slug)
    assert "1 offers flagged, 1 hidden" in output
    world.office.refresh_from_db()
    assert world.office.directory_version > version  # … are refreshed
    assert "Elterncafé Aarburg" not in public_titles(world.office)
    assert client.get(world.offer.get_absolute_url()).status_code == 404

    # The provider's page still lists the hidden offer and confirms it back into the directory.
    page = client.get(url("provider_confirmation", office_slug=world.office.slug, token=confirmation.token))
    assert page.status_code == 200
    assert "Elterncafé Aarburg" in page.content.decode()
    response = client.post(
        url("provider_confirmation", office_slug=world.office.slug, token=confirmation.token), follow=True
    )
    assert response.redirect_chain[0][1] == 302
    assert len(list(response.context["messages"])) == 1  # "Thank you! … confirmed"
    world.offer.refresh_from_db()
    confirmation.refresh_from_db()
    assert world.offer.hidden_unconfirmed_at is None and world.offer.confirmation_overdue_since is None
    assert world.offer.last_confirmed_at is not None
    assert confirmation.confirmed_at is not None
    assert Organisation.objects.get(pk=world.provider.pk).last_confirmed_at > timezone.now() - timedelta(
        minutes=1
    )
    assert "Elterncafé Aarburg" in public_titles(world.office)


def test_offers_created_or_confirmed_after_the_request_are_not_flagged(world):
    run("--office", world.office.slug)
    confirmation = ProviderConfirmation.objects.get(office=world.office)
    make_overdue(confirmation)
    newer = make_offer(
        office=world.office, provider=world.provider, title="Ganz neu"
    )  # created after sending
    confirmed = make_offer(office=world.office, provider=world.provider, title="Einzeln bestätigt")
    Offer.objects.filter(pk__in=[world.offer.pk, confirmed.pk]).update(created_at=timezone.now() - LONG_AGO)
    Offer.objects.filter(pk=confirmed.pk).update(last_confirmed_at=timezone.now())
    selfservice.confirmations_flag_overdue(office=world.office)
    flagged = set(
        Offer.objects.filter(confirmation_overdue_since__isnull=False).values_list("title", flat=True)
    )
    assert flagged == {"Elterncafé Aarburg"}
    assert newer.title not in flagged


def test_personal_page_shows_the_provider_offers_with_change_links(client, world, django_assert_num_queries):
    run("--office", world.office.slug)
    confirmation = ProviderConfirmation.objects.get(office=world.office)
    page_url = url("provider_confirmation", office_slug=world.office.slug, token=confirmation.token)
    # office, confirmation (+organisation), newer request?, offers, 4 prefetches (topics, languages,
    # municipalities, active translation)
    with django_assert_num_queries(8):
        response = client.get(page_url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Elterncafé Aarburg" in html
    assert "Mittagstisch Allschwil" not in html
    assert f"?offer={world.offer.pk}&amp;confirmation={confirmation.token}" in html
    # The query count does not grow with the number of offers.
    for n in range(3):
        make_offer(office=world.office, provider=world.provider, title=f"Weiteres Angebot {n}")
    with django_assert_num_queries(8):
        client.get(page_url)


def test_tokens_of_another_office_unknown_or_superseded_do_not_work(client, world):
    run()
    confirmation = ProviderConfirmation.objects.get(office=world.office)
    foreign = client.get(
        url("provider_confirmation", office_slug=world.other_office.slug, token=confirmation.token)
    )
    unknown = client.get(url("provider_confirmation", office_slug=world.office.slug, token="nope"))
    foreign_post = client.post(
        url("provider_confirmation", office_slug=world.other_office.slug, token=confirmation.token)
    )
    for response in (foreign, unknown, foreign_post):
        assert response.status_code == 404
    assert ProviderConfirmation.objects.get(pk=confirmation.pk).confirmed_at is None
    newer = ProviderConfirmation.objects.create(
        office=world.office,
        organisation=world.provider,
        email="x@example.org",
        sent_at=timezone.now() + timedelta(seconds=1),
        due_at=timezone.now() + timedelta(weeks=6),
    )
    old = client.get(url("provider_confirmation", office_slug=world.office.slug, token=confirmation.token))
    assert old.status_code == 404
    assert (
        client.get(url("provider_confirmation", office_slug=world.office.slug, token=newer.token)).status_code
        == 200
    )


def test_change_through_the_personal_link_skips_the_email_step(
    client, world, django_capture_on_commit_callbacks
):
    run("--office", world.office.slug)
    confirmation = ProviderConfirmation.objects.get(office=world.office)
    form_url = (
        url("proposal_create", office_slug=world.office.slug)
        + f"?offer={world.offer.pk}&confirmation={confirmation.token}"
    )
    page = client.get(form_url)
    assert 'value="info@begegnung.example.org"' in page.content.decode()  # e-mail prefilled
    mail.outbox.clear()
    post = proposal_post(
        submitter_email="info@begegnung.example.org",
        title="Elterncafé Aarburg, neu",
        organisation=None,
        organisation_name=None,
        organisation_website=None,
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url, post)
    assert response.status_code == 200
    assert response.context["verified"] is True
    proposal = OfferProposal.objects.get()
    assert proposal.status == OfferProposal.Status.PENDING  # straight into the review queue
    assert [m.to for m in mail.outbox] == [["integration@zofingen.example.org"]]

    # Another address through the same link still has to be confirmed.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            form_url,
            {
                **post,
                "submission_key": proposal_post()["submission_key"],
                "submitter_email": "someone@example.org",
            },
        )
    assert OfferProposal.objects.filter(status=OfferProposal.Status.UNCONFIRMED).count() == 1
    assert [m.to for m in mail.outbox] == [["someone@example.org"]]


def test_change_of_a_hidden_offer_is_possible_through_the_personal_link_only(client, world):
    run("--office", world.office.slug)
    confirmation = ProviderConfirmation.objects.get(office=world.office)
    Offer.objects.filter(pk=world.offer.pk).update(hidden_unconfirmed_at=timezone.now())
    base = url("proposal_create", office_slug=world.office.slug) + f"?offer={world.offer.pk}"
    assert 'value="Elterncafé Aarburg"' not in client.get(base).content.decode()
    with_token = client.get(base + f"&confirmation={confirmation.token}").content.decode()
    assert 'value="Elterncafé Aarburg"' in with_token


def test_failed_email_removes_the_request_so_the_next_run_retries(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens on the discard port
    with pytest.raises(CommandError):
        call_command(
            "request_offer_confirmations", "--office", world.office.slug, stdout=StringIO(), stderr=StringIO()
        )
    assert ProviderConfirmation.objects.count() == 0
