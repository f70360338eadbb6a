"""The event page and the registration form: registering, errors keep the input, full → waitlist, deadline,
double submit, honeypot, the personal registration page with ICS and cancellation (with a confirm step)."""

import datetime
import re
import uuid

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from fachstelle.core.tests.factories import OfficeFactory
from fachstelle.events.models import Event, EventTranslation, Registration

from .factories_public import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db
S = Registration.Status


@pytest.fixture
def office():
    return OfficeFactory(slug="zofingen", content_languages=["ti", "ar"])


def _form_data(**overrides):
    data = {
        "name": "Amina Tesfay",
        "email": "amina@example.org",
        "phone": "",
        "people": "2",
        "language": "ti",
        "needs": "Dolmetschen Tigrinya",
        "submission_key": str(uuid.uuid4()),
        "website_url": "",
    }
    data.update(overrides)
    return data


def _post(client, event, data, prefix="/de"):
    url = event.get_absolute_url().replace("/de/", f"{prefix}/")
    return client.post(url, data)


def test_done_when_a_newcomer_registers_for_the_next_information_evening_and_gets_the_ics(
    client, office, django_capture_on_commit_callbacks
):
    event = EventFactory(office=office, title="Informationsabend für Neuzugezogene", capacity=30)
    EventTranslation.objects.create(event=event, language="ti", title="ሓበሬታ ምሸት ንሓደስቲ")
    page = client.get(f"/ti/zofingen/events/{event.pk}/", follow=True)
    assert page.status_code == 200
    assert "ሓበሬታ ምሸት ንሓደስቲ" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, event, _form_data(), prefix="/ti")
    registration = Registration.objects.get(event=event)
    assert response.status_code == 302
    assert response["Location"] == f"/ti/zofingen/events/registration/{registration.token}/"
    assert (registration.status, registration.people, registration.language) == (S.CONFIRMED, 2, "ti")
    assert registration.needs == "Dolmetschen Tigrinya"
    # The confirmation e-mail carries the event as a calendar file.
    [message] = mail.outbox
    assert message.to == ["amina@example.org"]
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    vevent = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == "ሓበሬታ ምሸት ንሓደስቲ"
    # The personal page shows the status and offers the ICS and cancellation.
    page = client.get(response["Location"]).content.decode()
    assert f"/ti/zofingen/events/registration/{registration.token}.ics" in page
    ics = client.get(f"/ti/zofingen/events/registration/{registration.token}.ics")
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    assert Calendar.from_ical(ics.content).walk("VEVENT")[0]["UID"] == vevent["UID"]


def test_form_errors_keep_the_input_and_write_nothing(client, office, english):
    event = EventFactory(office=office)
    response = _post(client, event, _form_data(email="", phone="", people="9", name="Keep Me"), prefix="/en")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Keep Me"' in html
    assert "Please enter an e-mail address or a phone number." in html
    assert "less than or equal to 6" in html
    assert not Registration.objects.exists()


def test_full_event_offers_the_waitlist(client, office, english, django_capture_on_commit_callbacks):
    event = EventFactory(office=office, capacity=1)
    RegistrationFactory(event=event)
    html = client.get(event.get_absolute_url().replace("/de/", "/en/")).content.decode()
    assert "Full – waitlist" in html
    assert "Join the waitlist" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, event, _form_data(people="1"), prefix="/en")
    registration = Registration.objects.get(email="amina@example.org")
    assert registration.status == S.WAITLISTED
    page = client.get(response["Location"]).content.decode()
    assert "You are on the waitlist" in page
    assert ".ics" not in page  # no calendar file without a place


def test_full_event_without_waitlist_has_no_form(client, office, english):
    event = EventFactory(office=office, capacity=1, waitlist_enabled=False)
    RegistrationFactory(event=event)
    html = client.get(event.get_absolute_url().replace("/de/", "/en/")).content.decode()
    assert "registration is no longer possible" in html
    assert 'name="submission_key"' not in html
    response = _post(client, event, _form_data(people="1"), prefix="/en")
    assert response.status_code == 409
    assert "fully booked" in response.content.decode()
    assert Registration.objects.count() == 1


def test_deadline_passed_is_explained_and_refused(client, office, english):
    event = EventFactory(office=office, registration_deadline=timezone.now() - datetime.timedelta(hours=1))
    html = client.get(event.get_absolute_url().replace("/de/", "/en/")).content.decode()
    assert "The registration deadline has passed." in html
    assert 'name="submission_key"' not in html
    response = _post(client, event, _form_data(), prefix="/en")
    assert response.status_code == 409
    assert not Registration.objects.exists()


def test_cancelled_event_shows_the_banner(client, office, english):
    event = EventFactory(office=office, status=Event.Status.CANCELLED, cancellation_note="Krankheit")
    html = client.get(event.get_absolute_url().replace("/de/", "/en/")).content.decode()
    assert "This event has been cancelled." in html and "Krankheit" in html
    assert 'name="submission_key"' not in html


def test_double_submit_gives_one_registration(client, office):
    event = EventFactory(office=office)
    data = _form_data()
    first = _post(client, event, data)
    second = _post(client, event, data)
    assert first["Location"] == second["Location"]
    assert Registration.objects.count() == 1


def test_honeypot_registers_nothing(client, office):
    event = EventFactory(office=office)
    response = _post(client, event, _form_data(website_url="http://spam.example"))
    assert response.status_code == 302
    assert not Registration.objects.exists()


def test_rate_limit_keeps_the_input(client, office, settings, english):
    settings.PUBLIC_FORM_RATE_LIMIT = 1
    event = EventFactory(office=office, capacity=None)
    _post(client, event, _form_data(), prefix="/en")
    response = _post(client, event, _form_data(name="Second Try"), prefix="/en")
    assert response.status_code == 429
    assert 'value="Second Try"' in response.content.decode()
    assert Registration.objects.count() == 1


def test_detail_details_swiss_dates_and_facts(client, office, english):
    event = EventFactory(
        office=office,
        starts_at=datetime.datetime(2031, 11, 25, 18, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2031, 11, 25, 20, tzinfo=datetime.UTC),
        interpreter_provided=True,
        childcare=True,
        is_online=True,
    )
    html = client.get(event.get_absolute_url().replace("/de/", "/en/")).content.decode()
    assert "25.11.2031, 19:00–21:00" in html
    assert "Interpreters present" in html
    assert "Online" in html
    assert f'href="/en/zofingen/events/{event.pk}.ics"' in html


def test_short_url_and_wrong_slug_redirect(client, office):
    event = EventFactory(office=office)
    assert client.get(f"/de/zofingen/events/{event.pk}/")["Location"] == event.get_absolute_url()
    response = client.get(f"/de/zofingen/events/{event.pk}-wrong/")
    assert response.status_code == 301 and response["Location"] == event.get_absolute_url()


def test_event_of_another_office_or_draft_is_404(client, office):
    other = EventFactory()
    draft = EventFactory(office=office, status=Event.Status.DRAFT)
    assert client.get(f"/de/zofingen/events/{other.pk}/").status_code == 404
    assert client.get(f"/de/zofingen/events/{draft.pk}/").status_code == 404


def test_cancel_needs_confirmation_then_promotes(client, office, english, django_capture_on_commit_callbacks):
    event = EventFactory(office=office, capacity=1)
    holder = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=S.WAITLISTED, email="next@example.org")
    cancel_url = f"/en/zofingen/events/registration/{holder.token}/cancel/"
    page = client.get(cancel_url)
    assert "Do you really want to cancel" in page.content.decode()
    holder.refresh_from_db()
    assert holder.status == S.CONFIRMED  # a GET (link preview) never cancels
    client.post(cancel_url, {})  # without the confirmation: nothing
    holder.refresh_from_db()
    assert holder.status == S.CONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url, {"confirm": "yes"}, follow=True)
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == S.CANCELLED and waiting.status == S.CONFIRMED
    assert "Your registration has been cancelled." in response.content.decode()
    assert "next@example.org" in [m.to[0] for m in mail.outbox]
    # Cancelling again is harmless.
    assert client.post(cancel_url, {"confirm": "yes"}).status_code == 302


def test_registration_page_is_private_and_scoped(client, office):
    registration = RegistrationFactory(event=EventFactory(office=office))
    response = client.get(f"/de/zofingen/events/registration/{registration.token}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    OfficeFactory(slug="aarau")
    assert client.get(f"/de/aarau/events/registration/{registration.token}/").status_code == 404
    assert client.get("/de/zofingen/events/registration/wrong-token/").status_code == 404


def test_language_choices_are_german_and_the_office_languages(client, office):
    html = client.get(EventFactory(office=office).get_absolute_url()).content.decode()
    select = re.search(r'<select name="language".*?</select>', html, re.S).group(0)
    assert re.findall(r'value="(\w+)"', select) == ["de", "ti", "ar"]


def test_rtl_page_for_arabic(client, office):
    html = client.get(
        EventFactory(office=office, starts_at=in_days(3)).get_absolute_url().replace("/de/", "/ar/")
    )
    assert 'dir="rtl"' in html.content.decode()
