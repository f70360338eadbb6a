"""The audit-log page: office admins only, filters (bad input → message), pagination, CSV export."""

import datetime
from urllib.parse import urlencode

import pytest
import pyzipper
from django.urls import reverse
from django.utils import timezone

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.otp import login_verified
from fachstelle.counselling.models import PersonalDataExport
from fachstelle.counselling.services.exports import export_path

from .factories import CaseFactory, ClientFactory, counselling_world

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


@pytest.fixture
def world(vocab):
    return counselling_world()


@pytest.fixture
def log(world):
    """A few entries: a view, a denied attempt, a change, one entry of the other office."""
    person = ClientFactory(office=world.office, counsellor=world.counsellor)
    case = CaseFactory(office=world.office, client=person, counsellor=world.counsellor)
    view = audit_record(actor=world.counsellor, action=Action.VIEW, target=case)
    denied = audit_record(actor=world.colleague, action=Action.DENIED, office=world.office, target=case)
    update = audit_record(actor=world.counsellor, action=Action.UPDATE, target=person, detail="phone")
    foreign = audit_record(actor=world.foreign_counsellor, action=Action.VIEW, office=world.other_office)
    return {
        "case": case,
        "person": person,
        "view": view,
        "denied": denied,
        "update": update,
        "foreign": foreign,
    }


def page_url(world, **query):
    url = reverse("counselling:audit_log", kwargs={"office_slug": world.office.slug})
    if query:
        url += "?" + urlencode(query)
    return url


def shown(response) -> list[int]:
    return [event.pk for event in response.context["events"]]


@pytest.mark.parametrize("who", ["counsellor", "editor", "statistics", "foreign_counsellor"])
def test_only_office_admins(world, client, who):
    login_verified(client, getattr(world, who))
    assert client.get(page_url(world)).status_code == 403


def test_lists_the_office_entries_newest_first(world, client, log):
    login_verified(client, world.admin)

    response = client.get(page_url(world))

    assert response.status_code == 200
    assert shown(response) == [log["update"].pk, log["denied"].pk, log["view"].pk]
    assert log["foreign"].pk not in shown(response)


@pytest.mark.parametrize(
    "query,expected",
    [
        ({"action": "denied"}, ["denied"]),
        ({"target_type": "counselling.client"}, ["update"]),
        ({"reference": "f-{case_pk}"}, ["denied", "view"]),  # "f-12" finds F-000012
    ],
)
def test_filters(world, client, log, query, expected):
    query = {key: value.format(case_pk=log["case"].pk) for key, value in query.items()}
    login_verified(client, world.admin)

    response = client.get(page_url(world, **query))

    assert shown(response) == [log[name].pk for name in expected]


def test_filter_by_user(world, client, log):
    login_verified(client, world.admin)

    response = client.get(page_url(world, actor=world.colleague.pk))

    assert shown(response) == [log["denied"].pk]


def test_date_range(world, client, log):
    login_verified(client, world.admin)
    today = timezone.localdate()

    assert len(shown(client.get(page_url(world, date_from=today, date_to=today)))) == 3
    yesterday = today - datetime.timedelta(days=1)
    assert shown(client.get(page_url(world, date_to=yesterday))) == []


def test_bad_filters_give_a_message_and_keep_the_input(world, client, log, english):
    login_verified(client, world.admin)
    today = timezone.localdate()

    response = client.get(
        page_url(
            world,
            reference="Müller",
            date_from=today,
            date_to=today - datetime.timedelta(days=3),
            action="explode",
            actor="abc",
        )
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Some filters were not understood" in html
    assert "Enter a reference like F-000123" in html
    assert "The end date must not be before the start date." in html
    assert 'value="Müller"' in html
    # The valid filter (from) still applies, the wrong ones are ignored.
    assert len(shown(response)) == 3


def test_pagination(world, client):
    person = ClientFactory(office=world.office, counsellor=world.counsellor)
    for _ in range(55):
        audit_record(actor=world.counsellor, action=Action.VIEW, target=person)
    login_verified(client, world.admin)

    first = client.get(page_url(world))
    second = client.get(page_url(world, page=2))
    beyond = client.get(page_url(world, page=99))
    junk = client.get(page_url(world, page="x"))

    assert len(shown(first)) == 50
    assert len(shown(second)) == 5
    assert shown(beyond) == shown(second)
    assert shown(junk) == shown(first)
    assert 'rel="next"' in first.content.decode()


def test_query_count(world, client, django_assert_num_queries):
    person = ClientFactory(office=world.office, counsellor=world.counsellor)
    for _ in range(60):
        audit_record(actor=world.counsellor, action=Action.VIEW, target=person)
    login_verified(client, world.admin)
    client.get(page_url(world))

    # session, user, OTP device, office, membership role, user choices of the filter, COUNT, the page;
    # the session saved on every request (idle timeout): savepoint, update, release
    with django_assert_num_queries(11):
        response = client.get(page_url(world, action="view"))

    assert len(shown(response)) == 50


def test_csv_export_with_the_filters(
    world, client, log, english, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PRIVATE_EXPORT_ROOT = tmp_path
    login_verified(client, world.admin)

    short = client.post(page_url(world, action="denied"), {"password": "x", "password_confirm": "x"})
    assert short.status_code == 400
    assert not PersonalDataExport.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page_url(world, action="denied"), {"password": PASSWORD, "password_confirm": PASSWORD}
        )

    assert response.status_code == 302
    export = PersonalDataExport.objects.get()
    assert (export.kind, export.status) == ("audit_log", "ready")
    with pyzipper.AESZipFile(export_path(export)) as archive:
        archive.setpassword(PASSWORD.encode())
        rows = archive.read("audit-log.csv").decode("utf-8-sig").strip().split("\r\n")
    assert len(rows) == 2 and "berater2" in rows[1]
    assert AuditEvent.objects.filter(action=Action.EXPORT, detail="requested audit_log").exists()
