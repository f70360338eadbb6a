"""Meeting pages: roles, bad input, inviting, sending (enqueued after commit), answers, minutes, action
items, and the query counts of the list and the meeting page."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from fachstelle.core.tests.otp import login_verified
from fachstelle.network.models import ActionItem, MeetingInvitation, NetworkMeeting

from .factories_mailings import (
    ActionItemFactory,
    ContactFactory,
    InvitationFactory,
    KeyPersonFactory,
    MeetingFactory,
    network_world,
)

pytestmark = pytest.mark.django_db
Response = MeetingInvitation.Response


@pytest.fixture
def world():
    return network_world()


def url(world, name, **kwargs):
    return reverse(f"network:{name}", kwargs={"office_slug": world.office.slug, **kwargs})


@pytest.mark.parametrize("role", ["admin", "editor", "counsellor"])
def test_network_roles_may_use_meetings(world, client, role):
    login_verified(client, getattr(world, role))
    meeting = MeetingFactory(office=world.office)
    for name, kwargs in [
        ("meeting_list", {}),
        ("meeting_create", {}),
        ("meeting_detail", {"meeting_id": meeting.pk}),
        ("meeting_invite", {"meeting_id": meeting.pk}),
        ("meeting_minutes", {"meeting_id": meeting.pk}),
        ("meeting_ics", {"meeting_id": meeting.pk}),
    ]:
        assert client.get(url(world, name, **kwargs)).status_code == 200, name


def test_statistics_users_are_refused(world, client):
    login_verified(client, world.statistician)
    meeting = MeetingFactory(office=world.office)
    InvitationFactory(meeting=meeting)
    assert client.get(url(world, "meeting_list")).status_code == 403
    assert client.get(url(world, "meeting_detail", meeting_id=meeting.pk)).status_code == 403
    assert client.post(url(world, "meeting_send_invitations", meeting_id=meeting.pk)).status_code == 403


def test_meeting_of_another_office_is_not_found(world, client):
    login_verified(client, world.editor)
    foreign = MeetingFactory(office=world.other_office)
    for name in ("meeting_detail", "meeting_edit", "meeting_invite", "meeting_ics"):
        assert client.get(url(world, name, meeting_id=foreign.pk)).status_code == 404, name
    response = client.post(
        url(world, "meeting_action_add", meeting_id=foreign.pk), {"description": "x", "owner": "y"}
    )
    assert response.status_code == 404
    assert not ActionItem.objects.exists()


def test_end_before_start_is_refused_and_input_kept(world, client, english):
    login_verified(client, world.editor)
    response = client.post(
        url(world, "meeting_create"),
        {"title": "Arbeitskreis Sprache", "starts_at": "2031-05-04T18:00", "ends_at": "2031-05-04T17:00"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "The meeting must end after it starts." in content
    assert 'value="Arbeitskreis Sprache"' in content and 'value="2031-05-04T18:00"' in content
    assert not NetworkMeeting.objects.exists()


def test_garbage_dates_are_refused(world, client, english):
    login_verified(client, world.editor)
    response = client.post(url(world, "meeting_create"), {"title": "A", "starts_at": "morgen", "ends_at": ""})
    assert response.status_code == 400
    assert "Enter a valid date/time." in response.content.decode()


def test_plan_invite_send_and_record(world, client, english, django_capture_on_commit_callbacks):
    login_verified(client, world.editor)
    response = client.post(
        url(world, "meeting_create"),
        {
            "title": "Arbeitskreis Integration",
            "starts_at": "2031-05-04T18:00",
            "ends_at": "2031-05-04T20:00",
            "place": "Gemeindesaal",
        },
    )
    meeting = NetworkMeeting.objects.get()
    assert response.status_code == 302 and meeting.created_by == world.editor
    assert timezone.localtime(meeting.starts_at).hour == 18

    contact = ContactFactory(organisation=world.church)
    response = client.post(
        url(world, "meeting_invite", meeting_id=meeting.pk),
        {
            "contacts": [contact.pk],
            "include": ["organisations"],
            "kinds": ["association"],
            "municipalities": [4280],
        },
    )
    assert response.status_code == 302
    assert meeting.invitations.count() == 3

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(url(world, "meeting_send_invitations", meeting_id=meeting.pk))
    assert mail.outbox == [] and len(callbacks) == 1  # the view only enqueued the sending
    callbacks[0]()
    assert len(mail.outbox) == 3
    assert all(m.attachments and m.attachments[0].get_content_type() == "text/calendar" for m in mail.outbox)

    invitation = meeting.invitations.get(contact=contact)
    data = {}
    for other in meeting.invitations.all():
        data[f"response_{other.pk}"] = Response.PENDING
        data[f"attended_{other.pk}"] = ""
    data[f"response_{invitation.pk}"] = Response.ACCEPTED
    data[f"attended_{invitation.pk}"] = "yes"
    assert client.post(url(world, "meeting_responses", meeting_id=meeting.pk), data).status_code == 302
    invitation.refresh_from_db()
    assert (invitation.response, invitation.attended) == (Response.ACCEPTED, True)

    client.post(
        url(world, "meeting_minutes", meeting_id=meeting.pk), {"minutes": "Protokoll", "decisions": "Fest"}
    )
    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.decisions) == ("Protokoll", "Fest")


def test_bad_answers_change_nothing(world, client, english):
    login_verified(client, world.editor)
    meeting = MeetingFactory(office=world.office)
    invitation = InvitationFactory(meeting=meeting)
    response = client.post(
        url(world, "meeting_responses", meeting_id=meeting.pk),
        {f"response_{invitation.pk}": "maybe", f"attended_{invitation.pk}": "yes"},
    )
    assert response.status_code == 400
    invitation.refresh_from_db()
    assert (invitation.response, invitation.attended) == (Response.PENDING, None)


def test_invite_with_nothing_chosen_is_refused(world, client, english):
    login_verified(client, world.editor)
    meeting = MeetingFactory(office=world.office)
    response = client.post(url(world, "meeting_invite", meeting_id=meeting.pk), {})
    assert response.status_code == 400
    assert "Pick the people to invite, or a group of them." in response.content.decode()
    response = client.post(url(world, "meeting_invite", meeting_id=meeting.pk), {"kinds": ["church"]})
    assert response.status_code == 400
    assert "Choose whom to invite" in response.content.decode()
    # A key person of another office cannot be picked.
    foreign = KeyPersonFactory(office=world.other_office)
    response = client.post(url(world, "meeting_invite", meeting_id=meeting.pk), {"key_persons": [foreign.pk]})
    assert response.status_code == 400
    assert not meeting.invitations.exists()


def test_action_items_and_overdue_highlight(world, client, english):
    login_verified(client, world.editor)
    meeting = MeetingFactory(office=world.office)
    response = client.post(
        url(world, "meeting_action_add", meeting_id=meeting.pk), {"description": "", "owner": ""}
    )
    assert response.status_code == 400
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        url(world, "meeting_action_add", meeting_id=meeting.pk),
        {"description": "Flyer drucken", "owner": "Kulturverein", "due_on": yesterday.isoformat()},
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    page = client.get(url(world, "meeting_detail", meeting_id=meeting.pk)).content.decode()
    assert "overdue" in page
    listing = client.get(url(world, "meeting_list")).content.decode()
    assert "Overdue action items" in listing and "Flyer drucken" in listing

    client.post(url(world, "meeting_action_update", meeting_id=meeting.pk, item_id=item.pk), {"done": "1"})
    item.refresh_from_db()
    assert item.done_on == timezone.localdate()
    assert "Overdue action items" not in client.get(url(world, "meeting_list")).content.decode()


def test_meeting_list_query_count(world, client, django_assert_num_queries):
    login_verified(client, world.editor)
    for _ in range(4):
        meeting = MeetingFactory(office=world.office)
        InvitationFactory.create_batch(3, meeting=meeting)
        ActionItemFactory(meeting=meeting, due_on=timezone.localdate() - datetime.timedelta(days=2))
    MeetingFactory(office=world.other_office)
    # Staff request (session, user, 2FA device, office, membership); the meetings with their invitation
    # and action counts (one query); the overdue action items with their meetings (one query); the session
    # saved (savepoint, update, release).
    with django_assert_num_queries(10):
        response = client.get(url(world, "meeting_list"))
    assert len(response.context["meetings"]) == 4
    assert len(response.context["overdue"]) == 4


def test_meeting_page_query_count(world, client, django_assert_num_queries):
    login_verified(client, world.editor)
    meeting = MeetingFactory(office=world.office)
    InvitationFactory.create_batch(5, meeting=meeting)
    for _ in range(3):
        InvitationFactory(
            meeting=meeting, organisation=world.church, contact=ContactFactory(organisation=world.church)
        )
    InvitationFactory(meeting=meeting, organisation=None, key_person=KeyPersonFactory(office=world.office))
    ActionItemFactory.create_batch(3, meeting=meeting)
    # Staff request (5); the meeting; its invitations with organisation, contact and key person joined;
    # its action items; the session saved (3).
    with django_assert_num_queries(11):
        response = client.get(url(world, "meeting_detail", meeting_id=meeting.pk))
    assert response.status_code == 200
