"""Participants page: registrations by status with counts, approve / decline, check-in with htmx, the
print view, CSV/XLSX exports (audited), the query count; the statistics page and its CSV."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fachstelle.core.models import AuditEvent
from fachstelle.core.tests.otp import login_verified
from fachstelle.events.models import Event, Registration
from fachstelle.events.selectors.staff import event_statistics

from .factories_staff import make_event, make_registration, staff_world

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def world():
    return staff_world()


def url(world, name, **kwargs):
    return reverse(f"events:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


@pytest.fixture
def event(world):
    event = make_event(world.office, capacity=10, registration_enabled=True, requires_approval=True)
    make_registration(event, name="Amina Yusuf", people=2)
    make_registration(event, name="Bekele Tesfaye", people=1, status=Status.PENDING, email="b@example.org")
    make_registration(event, name="Carla Rossi", people=3, status=Status.WAITLISTED, needs="Kinderbetreuung")
    make_registration(event, name="Dara Nouri", people=1, status=Status.CANCELLED)
    return event


def test_participants_by_status_with_counts_and_query_count(
    world, client, event, django_assert_num_queries, english
):
    login_verified(client, world.counsellor)
    # Staff request (5); the event with organiser, feed, municipality, office; its registrations; the place
    # sums (registrations service); the session saved (3).
    with django_assert_num_queries(11):
        response = client.get(url(world, "participants", event_id=event.pk))
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("Amina Yusuf", "Bekele Tesfaye", "Carla Rossi", "Dara Nouri", "Kinderbetreuung"):
        assert name in html
    assert html.index("Waiting for approval") < html.index("Amina Yusuf")
    data = response.context["participants"]
    assert (data.registered_people, data.pending_people, data.waitlisted_people) == (2, 1, 3)


def test_approve_and_decline(world, client, event, django_capture_on_commit_callbacks):
    login_verified(client, world.editor)
    pending = Registration.objects.get(status=Status.PENDING)
    decide = url(world, "registration_decide", event_id=event.pk, registration_id=pending.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide, {"decision": "approve"})
    assert response.status_code == 302
    assert Registration.objects.get(pk=pending.pk).status == Status.CONFIRMED
    waiting = Registration.objects.get(status=Status.WAITLISTED)
    client.post(
        url(world, "registration_decide", event_id=event.pk, registration_id=waiting.pk),
        {"decision": "cancel"},
    )
    assert Registration.objects.get(pk=waiting.pk).status == Status.CANCELLED
    other = make_registration(event, name="Eli", status=Status.PENDING)
    client.post(
        url(world, "registration_decide", event_id=event.pk, registration_id=other.pk),
        {"decision": "reject", "reason": "Ausgebucht"},
    )
    assert Registration.objects.get(pk=other.pk).status == Status.REJECTED


def test_check_in_with_htmx_returns_the_row(world, client, event, english):
    login_verified(client, world.editor)
    confirmed = Registration.objects.get(name="Amina Yusuf")
    check_in = url(world, "registration_check_in", event_id=event.pk, registration_id=confirmed.pk)
    response = client.post(check_in, {"people": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith(f'<tr id="registration-{confirmed.pk}"') and "<html" not in html
    assert "1 present" in html and "Undo" in html
    confirmed.refresh_from_db()
    assert confirmed.checked_in_at is not None and confirmed.attended_people == 1
    # Bad number: the row again with the message, nothing changed.
    response = client.post(check_in, {"people": "0"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    assert Registration.objects.get(pk=confirmed.pk).attended_people == 1
    response = client.post(check_in, {"undo": "1"}, HTTP_HX_REQUEST="true")
    assert "Check in" in response.content.decode()
    assert Registration.objects.get(pk=confirmed.pk).checked_in_at is None
    # Without htmx: back to the page.
    response = client.post(check_in, {"people": "2"})
    assert response.status_code == 302
    assert Registration.objects.get(pk=confirmed.pk).attended_people == 2
    # A waitlisted registration cannot be checked in.
    waiting = Registration.objects.get(status=Status.WAITLISTED)
    response = client.post(
        url(world, "registration_check_in", event_id=event.pk, registration_id=waiting.pk),
        {"people": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert Registration.objects.get(pk=waiting.pk).checked_in_at is None


def test_print_view(world, client, event):
    login_verified(client, world.editor)
    html = client.get(url(world, "participants", event_id=event.pk) + "?print=1").content.decode()
    assert "print-table" in html and "Amina Yusuf" in html and "Carla Rossi" in html
    # Cancelled registrations are not on the sheet; no staff navigation.
    assert "Dara Nouri" not in html and "staff-nav" not in html


def test_csv_and_xlsx_exports_are_complete_and_audited(world, client, event):
    make_registration(event, name="=HYPERLINK(evil)", people=1)
    login_verified(client, world.editor)
    response = client.get(url(world, "participants_export", event_id=event.pk, file_type="csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.strip().split("\r\n")
    assert len(lines) == 6  # header + 5 registrations
    assert any(line.startswith("Amina Yusuf;2;") for line in lines)
    assert "'=HYPERLINK(evil)" in text  # no formula in a spreadsheet
    response = client.get(url(world, "participants_export", event_id=event.pk, file_type="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 6 and {"Carla Rossi", "Bekele Tesfaye"} <= {row[0] for row in rows}
    assert next(row for row in rows if row[0] == "Carla Rossi")[6] == "Kinderbetreuung"
    exports = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, office=world.office)
    assert exports.count() == 2 and exports.first().actor == world.editor
    assert (
        client.get(url(world, "participants_export", event_id=event.pk, file_type="pdf")).status_code == 404
    )


def test_statistics_counts_a_year(world, vocab):
    language = vocab["areas"]["sprache"]
    year = 2031
    day = datetime.date(year, 3, 4)
    own = make_event(world.office, day=day)
    own.fields_of_action.set([language])
    make_registration(own, people=4).__class__.objects.filter(event=own).update(
        checked_in_at=datetime.datetime(year, 3, 4, 18, tzinfo=datetime.UTC), attended_people=3
    )
    make_registration(own, people=1, status=Status.CANCELLED)
    second = make_event(world.office, day=datetime.date(year, 5, 6), source=Event.Source.IMPORTED)
    make_registration(second, people=2)  # no check-in recorded: not in the rate
    make_event(world.office, day=datetime.date(year, 5, 7), status=Event.Status.CANCELLED)
    make_event(world.office, day=datetime.date(year, 5, 8), status=Event.Status.DRAFT)
    make_event(world.office, day=datetime.date(year + 1, 1, 8))
    make_event(world.other_office, day=day)
    stats = event_statistics(office=world.office, year=year)
    assert (stats.total.events, stats.own, stats.imported, stats.cancelled) == (3, 2, 1, 1)
    assert (stats.total.registrations, stats.total.people, stats.total.attended) == (2, 6, 3)
    assert stats.total.attendance_rate == 75.0
    assert [(row.label, row.events, row.people) for row in stats.by_field] == [(language.name, 1, 4)]
    assert stats.by_month[2].events == 1 and stats.by_month[4].events == 2 and stats.by_month[0].events == 0


def test_statistics_page_and_csv(world, client, event, english):
    login_verified(client, world.statistics)
    response = client.get(url(world, "statistics") + f"?year={event.starts_at.year}")
    assert response.status_code == 200 and "By month" in response.content.decode()
    response = client.get(url(world, "statistics_export") + f"?year={event.starts_at.year}")
    text = response.content.decode("utf-8-sig")
    assert text.startswith("Group;Events;") and f"Year: {event.starts_at.year};1;1;2;0;" in text
    # Nonsense years fall back to this year instead of failing.
    assert client.get(url(world, "statistics") + "?year=abc").status_code == 200
