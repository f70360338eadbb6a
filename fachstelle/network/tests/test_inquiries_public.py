"""The public inquiry form: routing on submit, bad input, honeypot, rate limit, double submit, a flood."""

import time
import uuid

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from fachstelle.core.models import Membership
from fachstelle.core.tests.factories import MunicipalityFactory, OfficeFactory
from fachstelle.core.tests.otp import login_verified
from fachstelle.network.models import Inquiry

from .factories_inquiries import FieldContactFactory, staff_member

Role = Membership.Role


@pytest.fixture
def office(vocab):
    town = MunicipalityFactory(name="Zofingen")
    office = OfficeFactory(municipalities=[town, MunicipalityFactory(name="Oftringen")])
    person = staff_member(office, Role.COUNSELLOR, email="wohnen@example.org")
    FieldContactFactory(office=office, field_of_action=vocab["areas"]["wohnen"], person=person)
    office.town = town
    office.person = person
    return office


def form_url(office):
    return reverse("network_public:inquiry_create", kwargs={"office_slug": office.slug})


def valid_data(office, **overrides):
    data = {
        "sender_type": "resident",
        "topic": "wohnen",
        "municipality": office.town.pk,
        "subject": "Wohnungssuche",
        "message": "Wir suchen eine Wohnung.",
        "preferred_language": "ti",
        "name": "Amina Yusuf",
        "email": "amina@example.org",
        "phone": "",
        "organisation_name": "",
        "submission_key": str(uuid.uuid4()),
        "website_url": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_form_offers_the_offices_topics_and_municipalities(
    client, office, english, django_assert_num_queries
):
    # office, topics (fields with a contact person), municipalities
    with django_assert_num_queries(3):
        response = client.get(form_url(office) + "?topic=wohnen")
    assert response.status_code == 200
    form = response.context["form"]
    assert [value for value, _label in form.fields["topic"].choices] == ["", "wohnen", "triage"]
    assert {label for _value, label in form.fields["municipality"].choices} >= {"Zofingen", "Oftringen"}
    assert form.initial["topic"] == "wohnen"
    assert form.fields["preferred_language"].initial == "en"


@pytest.mark.django_db
def test_submit_routes_and_confirms_with_reference(
    client, office, english, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url(office), valid_data(office))
    assert response.status_code == 200
    inquiry = Inquiry.objects.get()
    assert inquiry.reference in response.content.decode()
    assert inquiry.assigned_to == office.person
    assert inquiry.municipality == office.town
    assert inquiry.preferred_language == "ti"
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["amina@example.org", "wohnen@example.org"]


@pytest.mark.django_db
def test_dont_know_goes_to_triage(client, office, english):
    client.post(form_url(office), valid_data(office, topic="triage", municipality=""))
    inquiry = Inquiry.objects.get()
    assert inquiry.field_of_action is None and inquiry.assigned_to is None and inquiry.municipality is None


@pytest.mark.django_db
def test_bad_input_says_why_and_keeps_the_input(client, office, english):
    elsewhere = MunicipalityFactory(name="Elsewhere")
    data = valid_data(
        office, email="amina(at)example", topic="astrology", message="   ", municipality=elsewhere.pk
    )
    response = client.post(form_url(office), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter a valid e-mail address" in body
    assert "Choose one of the topics in the list." in body
    assert "Write your message." in body
    assert "Choose one of the municipalities in the list." in body
    assert 'value="amina(at)example"' in body
    assert 'value="Wohnungssuche"' in body
    assert 'value="Amina Yusuf"' in body
    assert not Inquiry.objects.exists()
    assert not mail.outbox


@pytest.mark.django_db
def test_size_limits(client, office, english):
    response = client.post(form_url(office), valid_data(office, message="x" * 5001, subject="s" * 201))
    assert response.status_code == 400
    assert "at most 5000 characters" in response.content.decode()
    assert not Inquiry.objects.exists()


@pytest.mark.django_db
def test_honeypot_pretends_success_and_stores_nothing(client, office, english):
    response = client.post(form_url(office), valid_data(office, website_url="http://spam.example"))
    assert response.status_code == 200
    assert "Thank you for your inquiry" in response.content.decode()
    assert not Inquiry.objects.exists()
    assert not mail.outbox


@pytest.mark.django_db
def test_double_submit_stores_once(client, office, english, django_capture_on_commit_callbacks):
    data = valid_data(office)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(form_url(office), data)
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(form_url(office), data)
    inquiry = Inquiry.objects.get()
    assert inquiry.reference in first.content.decode()
    assert inquiry.reference in second.content.decode()
    assert len(mail.outbox) == 2


@pytest.mark.django_db
@override_settings(PUBLIC_FORM_RATE_LIMIT=3)
def test_rate_limit_gives_429_with_input_kept(client, office, english):
    for _number in range(3):
        assert client.post(form_url(office), valid_data(office)).status_code == 200
    response = client.post(form_url(office), valid_data(office, subject="Noch eine Frage"))
    assert response.status_code == 429
    body = response.content.decode()
    assert "too often" in body
    assert 'value="Noch eine Frage"' in body
    assert Inquiry.objects.count() == 3
    # Another address is not affected.
    other = client.post(form_url(office), valid_data(office), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200


@pytest.mark.django_db
def test_a_flood_of_1000_from_one_address_leaves_the_inbox_usable(
    client, office, english, settings, django_assert_num_queries
):
    """1,000 submissions from one address (half of them filling the honeypot): at most the rate limit
    arrives in the inbox, the rest is refused, almost all of it by the cheap flood page, and the inbox
    stays one page with pinned queries."""
    started = time.monotonic()
    statuses = []
    for number in range(1000):
        data = valid_data(office, subject=f"Spam {number}")
        if number % 2:
            data["website_url"] = "http://spam.example"
        statuses.append(client.post(form_url(office), data, REMOTE_ADDR="203.0.113.9").status_code)
    elapsed = time.monotonic() - started

    limit = settings.PUBLIC_FORM_RATE_LIMIT
    stored = Inquiry.objects.filter(office=office).count()
    assert 0 < stored <= limit
    assert statuses.count(429) == 1000 - limit
    assert elapsed < 30  # a generous bound for a loaded machine; typically a few seconds
    # Staff mails: one notification per stored inquiry at most, not a thousand.
    assert len(mail.outbox) <= 2 * settings.PUBLIC_FORM_RATE_LIMIT

    login_verified(client, office.person)
    url = reverse("network:inquiry_inbox", kwargs={"office_slug": office.slug})
    client.get(url)
    # session, user, OTP device, office, membership, topics, count, page; session saved (3)
    with django_assert_num_queries(11):
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["result"].count == stored


@pytest.mark.django_db
def test_unknown_or_inactive_office_is_404(client, office):
    assert (
        client.get(reverse("network_public:inquiry_create", kwargs={"office_slug": "nope"})).status_code
        == 404
    )
    inactive = OfficeFactory(is_active=False)
    assert client.get(form_url(inactive)).status_code == 404
