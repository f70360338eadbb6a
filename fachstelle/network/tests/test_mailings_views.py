"""Mailing pages: who may use them, bad input, the preview, sending (the view only enqueues), the list's
query count, and the public unsubscribe page."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from fachstelle.core.tests.factories import MembershipFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.network.models import Mailing, MailingOptOut, MailingRecipient
from fachstelle.network.services import mailings as services

from .factories_mailings import ContactFactory, MailingFactory, network_world

pytestmark = pytest.mark.django_db

OFTRINGEN_ASSOCIATIONS = {"kinds": ["association"], "municipalities": [4280], "include": ["organisations"]}


@pytest.fixture
def world():
    return network_world()


def url(world, name, **kwargs):
    return reverse(f"network:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


def _login(client, user):
    login_verified(client, user)


@pytest.mark.parametrize(("role", "status"), [("admin", 200), ("editor", 200), ("counsellor", 200)])
def test_network_roles_may_use_mailings(world, client, role, status):
    _login(client, getattr(world, role))
    mailing = MailingFactory(office=world.office)
    assert client.get(url(world, "mailing_list")).status_code == status
    assert client.get(url(world, "mailing_create")).status_code == status
    assert client.get(url(world, "mailing_detail", mailing_id=mailing.pk)).status_code == status


def test_statistics_users_are_refused(world, client):
    _login(client, world.statistician)
    mailing = MailingFactory(office=world.office)
    assert client.get(url(world, "mailing_list")).status_code == 403
    assert client.get(url(world, "mailing_detail", mailing_id=mailing.pk)).status_code == 403
    assert client.post(url(world, "mailing_send", mailing_id=mailing.pk)).status_code == 403
    assert not mailing.recipients.exists()


def test_mailing_of_another_office_is_not_found(world, client):
    _login(client, world.editor)
    foreign = MailingFactory(office=world.other_office)
    assert client.get(url(world, "mailing_detail", mailing_id=foreign.pk)).status_code == 404
    assert client.post(url(world, "mailing_send", mailing_id=foreign.pk)).status_code == 404
    # A member of the other office as well is still refused here: the mailing belongs to the other office.
    MembershipFactory(office=world.other_office, user=world.editor)
    assert client.get(url(world, "mailing_detail", mailing_id=foreign.pk)).status_code == 404


def test_bad_input_keeps_what_was_typed(world, client, english):
    _login(client, world.editor)
    response = client.post(
        url(world, "mailing_create"), {"subject": "", "body": "Mein Text", "kinds": ["association"]}
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "This field is required." in content
    assert "Choose who receives it" in content
    assert "Mein Text" in content
    assert re.search(r'name="kinds" value="association"[^>]*checked', content)
    assert not Mailing.objects.exists()


def test_unknown_choices_are_refused_not_a_500(world, client, english):
    _login(client, world.editor)
    response = client.post(
        url(world, "mailing_create"),
        {"subject": "S", "body": "B", "include": ["everyone"], "municipalities": ["abc"]},
    )
    assert response.status_code == 400
    assert not Mailing.objects.exists()


def test_languages_without_key_persons_are_refused(world, client, english, vocab):
    _login(client, world.editor)
    response = client.post(
        url(world, "mailing_create"),
        {"subject": "S", "body": "B", "include": ["organisations"], "key_person_languages": ["ti"]},
    )
    assert response.status_code == 400
    assert "Languages only select key persons" in response.content.decode()


def test_compose_preview_send(world, client, english, django_capture_on_commit_callbacks):
    _login(client, world.editor)
    response = client.post(
        url(world, "mailing_create"),
        {
            "subject": "Begegnungsfest",
            "body": "Liebe Vereine",
            "include": ["organisations"],
            "kinds": ["association"],
            "municipalities": ["4280"],
        },
    )
    mailing = Mailing.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        world, "mailing_detail", mailing_id=mailing.pk
    )
    assert mailing.segment["municipalities"] == [4280] and mailing.created_by == world.editor

    preview = client.get(response["Location"]).content.decode()
    assert "2 recipients" in preview
    assert world.seat_association.email in preview and world.serving_association.email in preview
    assert world.church.email not in preview
    assert "/unsubscribe/" in preview  # the rendered e-mail with its link

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url(world, "mailing_send", mailing_id=mailing.pk))
    assert response.status_code == 302
    # The request only froze the recipients and enqueued the delivery.
    assert mail.outbox == [] and len(callbacks) == 1
    assert mailing.recipients.filter(status=MailingRecipient.Status.QUEUED).count() == 2
    callbacks[0]()
    assert len(mail.outbox) == 2
    page = client.get(url(world, "mailing_detail", mailing_id=mailing.pk)).content.decode()
    assert "Sent" in page and world.seat_association.email in page


def test_preview_shows_the_first_twenty_addresses(world, client, english):
    _login(client, world.editor)
    ContactFactory.create_batch(25, organisation=world.seat_association)
    mailing = MailingFactory(office=world.office, segment={"include": ["contacts"]})
    content = client.get(url(world, "mailing_detail", mailing_id=mailing.pk)).content.decode()
    assert "25 recipients" in content
    assert "The first 20 addresses" in content
    assert len(re.findall(r"<li>[^<]*&lt;kontakt\d+@example.org&gt;</li>", content)) == 20


def test_mailing_list_query_count(
    world, client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    _login(client, world.editor)
    for _ in range(3):
        mailing = MailingFactory(office=world.office, segment=OFTRINGEN_ASSOCIATIONS, created_by=world.admin)
        with django_capture_on_commit_callbacks(execute=True):
            services.mailing_send(mailing=mailing, by=world.editor)
    MailingFactory(office=world.office)
    MailingFactory(office=world.other_office)
    # Staff request: session, user, 2FA device, office, membership; the mailings with their recipient
    # counts and authors (one query, however many mailings); the session saved (idle timeout: savepoint,
    # update, release).
    with django_assert_num_queries(9):
        response = client.get(url(world, "mailing_list"))
    assert response.status_code == 200
    assert len(response.context["mailings"]) == 4


def test_sent_mailing_detail_query_count(
    world, client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    _login(client, world.editor)
    ContactFactory.create_batch(30, organisation=world.seat_association)
    mailing = MailingFactory(office=world.office, segment={"include": ["contacts"]})
    with django_capture_on_commit_callbacks(execute=True):
        services.mailing_send(mailing=mailing, by=world.editor)
    # Staff request (session, user, 2FA device, office, membership); the mailing with its counts; its
    # recipients (one query for 30 or 500); the session saved (savepoint, update, release).
    with django_assert_num_queries(10):
        response = client.get(url(world, "mailing_detail", mailing_id=mailing.pk))
    assert len(response.context["recipients"]) == 30


def test_sent_mailing_cannot_be_edited(world, client, english, django_capture_on_commit_callbacks):
    _login(client, world.editor)
    mailing = MailingFactory(office=world.office, segment=OFTRINGEN_ASSOCIATIONS)
    with django_capture_on_commit_callbacks(execute=True):
        services.mailing_send(mailing=mailing, by=world.editor)
    response = client.post(
        url(world, "mailing_edit", mailing_id=mailing.pk),
        {"subject": "Neu", "body": "x", "include": ["contacts"]},
    )
    assert response.status_code == 302
    mailing.refresh_from_db()
    assert mailing.subject != "Neu"
    assert client.post(url(world, "mailing_delete", mailing_id=mailing.pk)).status_code == 302
    assert Mailing.objects.filter(pk=mailing.pk).exists()


# --- Public unsubscribe page ---------------------------------------------------------------------------


def _unsubscribe_url(world, email, office=None):
    return services.unsubscribe_url(office=office or world.office, email=email).replace(
        "http://testserver", ""
    )


def test_unsubscribe_get_only_asks_post_records(world, client, english):
    link = _unsubscribe_url(world, world.seat_association.email)
    response = client.get(link)
    assert response.status_code == 200
    assert world.seat_association.email in response.content.decode()
    assert not MailingOptOut.objects.exists()  # link scanners open links: GET changes nothing

    # A CSRF-checking client, as a mail program's one-click POST arrives without a cookie.
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert MailingOptOut.objects.filter(office=world.office, email=world.seat_association.email).exists()
    world.seat_association.refresh_from_db()
    assert world.seat_association.mailing_opt_out


def test_unsubscribe_with_a_bad_or_foreign_token(world, client, english):
    assert client.get(f"/en/{world.office.slug}/unsubscribe/nonsense/").status_code == 404
    foreign = _unsubscribe_url(world, "x@example.org", office=world.other_office)
    token = foreign.rstrip("/").rsplit("/", 1)[1]
    response = client.post(f"/en/{world.office.slug}/unsubscribe/{token}/")
    assert response.status_code == 404
    assert not MailingOptOut.objects.exists()


def test_preview_query_count(world, client, django_assert_num_queries, vocab):
    login_verified(client, world.editor)
    ContactFactory.create_batch(30, organisation=world.seat_association)
    mailing = MailingFactory(
        office=world.office,
        segment={**OFTRINGEN_ASSOCIATIONS, "include": ["organisations", "contacts", "key_persons"]},
    )
    # Staff request (session, user, 2FA device, office, membership); the mailing (office joined); the
    # office's opt-outs; the municipality numbers resolved once; organisations; contacts (the organisations
    # as a subquery); key persons; the session saved (savepoint, update, release).
    with django_assert_num_queries(14):
        response = client.get(url(world, "mailing_detail", mailing_id=mailing.pk))
    assert response.context["plan"].count == 32
