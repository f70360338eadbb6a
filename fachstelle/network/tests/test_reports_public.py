"""The public reporting point form: a report in two steps, bad input with messages and input kept,
honeypot, rate limit, double submit, the receipt e-mail."""

import datetime
import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.factories import MunicipalityFactory
from fachstelle.network.models import Report
from fachstelle.network.tests.factories_reports import report_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = timezone.localdate()


@pytest.fixture
def world():
    return report_world()


def form_url(office):
    return reverse("network_public:report_create", kwargs={"office_slug": office.slug})


def post_data(world, **overrides):
    data = {
        "category": Report.Category.DISCRIMINATION_RACISM,
        "municipality": world.municipality.pk,
        "place": "Bahnhof",
        "occurred_on": (TODAY - datetime.timedelta(days=2)).isoformat(),
        "description": "Ein Mann hat mich am Bahnhof rassistisch beleidigt.",
        "anonymity": "anonymous",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "website_url": "",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_the_form_shows_the_categories_the_municipalities_and_the_data_protection_note(client, world):
    response = client.get(form_url(world.office))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Data protection" in content
    assert "You can report anonymously" in content
    assert "Housing" in content and "Zofingen" in content and "Oftringen" in content
    # Municipalities of other offices are not offered.
    assert "Aarau" not in content
    # Anonymous is preselected.
    assert response.context["form"]["anonymity"].value() == "anonymous"


def test_an_unknown_office_is_404(client):
    assert client.get(form_url(type("O", (), {"slug": "nowhere"}))).status_code == 404


def test_an_anonymous_report_gives_a_reference_and_sends_no_email(client, world):
    response = client.post(form_url(world.office), post_data(world))
    assert response.status_code == 200
    report = Report.objects.get()
    assert report.office == world.office and report.is_anonymous
    assert report.contact_name == report.contact_email == ""
    assert report.municipality == world.municipality
    assert report.reference in response.content.decode()
    assert "cannot contact you" in response.content.decode()
    assert mail.outbox == []
    assert AuditEvent.objects.filter(action="create", target_id=report.pk, actor=None).count() == 1


def test_a_report_with_contact_gets_a_receipt(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            form_url(world.office),
            post_data(world, anonymity="contact", contact_name="Amina", contact_email="amina@example.org"),
        )
    assert response.status_code == 200
    report = Report.objects.get()
    assert not report.is_anonymous and report.contact_email == "amina@example.org"
    assert "sent you a receipt" in response.content.decode()
    assert len(mail.outbox) == 1 and report.reference in mail.outbox[0].body


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"description": ""}, "description", "This field is required."),
        ({"description": "x" * 8001}, "description", "at most 8000 characters"),
        ({"category": ""}, "category", "This field is required."),
        ({"category": "aliens"}, "category", "Select a valid choice"),
        ({"occurred_on": (TODAY + datetime.timedelta(days=1)).isoformat()}, "occurred_on", "in the future"),
        ({"occurred_on": "31.02.2024"}, "occurred_on", "Enter a valid date."),
        ({"occurred_on": "0202-01-01"}, "occurred_on", "check the year"),
        ({"municipality": "999999"}, "municipality", "Select a valid choice"),
        ({"municipality": "Zofingen"}, "municipality", "Select a valid choice"),
        ({"contact_email": "amina@example.org"}, "anonymity", "chose to report anonymously"),
        ({"anonymity": "contact"}, "contact_email", "e-mail address or a phone number"),
        ({"anonymity": "contact", "contact_email": "not-an-address"}, "contact_email", "valid email"),
        ({"anonymity": "contact", "contact_phone": "ring me"}, "contact_phone", "valid phone number"),
        ({"anonymity": "maybe"}, "anonymity", "Select a valid choice"),
        ({"place": "\x00"}, "place", "Null characters are not allowed."),
    ],
)
def test_bad_input_is_explained_and_kept(client, world, overrides, field, message):
    data = post_data(world, **overrides)
    response = client.post(form_url(world.office), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert not Report.objects.exists()
    content = response.content.decode()
    assert "Please check your input" in content
    # What the person typed is still in the form.
    assert "rassistisch beleidigt" in content or field == "description"


def test_a_municipality_of_another_office_is_refused(client, world):
    response = client.post(
        form_url(world.office), post_data(world, municipality=MunicipalityFactory(name="Bern").pk)
    )
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert not Report.objects.exists()


def test_a_bot_filling_the_honeypot_sees_a_confirmation_but_nothing_is_stored(client, world):
    response = client.post(form_url(world.office), post_data(world, website_url="http://spam.example"))
    assert response.status_code == 200
    assert "Thank you for your report" in response.content.decode()
    assert response.context["report"] is None
    assert not Report.objects.exists()


def test_sending_the_form_twice_stores_one_report_with_one_reference(client, world):
    data = post_data(world)
    first = client.post(form_url(world.office), data)
    second = client.post(form_url(world.office), data)
    assert Report.objects.count() == 1
    reference = Report.objects.get().reference
    assert reference in first.content.decode() and reference in second.content.decode()


def test_a_mangled_submission_key_is_explained_and_a_fresh_one_given(client, world):
    response = client.post(form_url(world.office), post_data(world, submission_key="garbage"))
    assert response.status_code == 200
    assert "could not be processed" in response.content.decode()
    assert not Report.objects.exists()
    fresh = response.context["form"]["submission_key"].value()
    assert uuid.UUID(str(fresh))
    assert client.post(form_url(world.office), post_data(world, submission_key=fresh)).status_code == 200
    assert Report.objects.count() == 1


def test_a_flood_from_one_address_is_stopped_with_429_and_the_input_kept(client, world, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 3
    for _number in range(3):
        assert client.post(form_url(world.office), post_data(world)).status_code == 200
    response = client.post(form_url(world.office), post_data(world, description="Noch eine Meldung"))
    assert response.status_code == 429
    assert "too often" in response.content.decode()
    assert "Noch eine Meldung" in response.content.decode()
    assert Report.objects.count() == 3
    # Another address is not affected.
    other = client.post(form_url(world.office), post_data(world), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200
    assert Report.objects.count() == 4


def test_get_and_post_only(client, world):
    assert client.put(form_url(world.office)).status_code == 405
