"""Network meetings: the times, invitations (nobody twice, by group or one by one), e-mails with a calendar
file sent after commit, answers and attendance, overdue action items."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from fachstelle.network.models import MeetingInvitation, NetworkMeeting
from fachstelle.network.selectors.meetings import (
    PAST,
    meeting_action_items,
    meeting_list,
    overdue_action_items,
)
from fachstelle.network.services import meetings as services

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


def _at(day: int, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2031, 5, day, hour, 0))


def test_meeting_must_end_after_it_starts(world):
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            office=world.office,
            by=world.editor,
            title="Arbeitskreis",
            starts_at=_at(4, 18),
            ends_at=_at(4, 18),
        )
    assert list(error.value.message_dict) == ["ends_at"]
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            office=world.office, by=world.editor, title=" ", starts_at=_at(4, 18), ends_at=_at(4, 20)
        )
    assert "title" in error.value.message_dict
    assert not NetworkMeeting.objects.exists()


def test_update_keeps_the_meeting_when_refused(world):
    meeting = MeetingFactory(office=world.office, starts_at=_at(4, 18), ends_at=_at(4, 20))
    with pytest.raises(ValidationError):
        services.meeting_update(meeting=meeting, title="Neu", starts_at=_at(4, 18), ends_at=_at(3, 18))
    meeting.refresh_from_db()
    assert meeting.ends_at == _at(4, 20) and meeting.title != "Neu"


def test_invite_by_group_and_one_by_one_without_duplicates(world, vocab):
    meeting = MeetingFactory(office=world.office)
    contact = ContactFactory(organisation=world.seat_association)
    same_address = ContactFactory(organisation=world.church, email=world.serving_association.email)
    person = KeyPersonFactory(office=world.office, municipalities=[world.oftringen])
    KeyPersonFactory(office=world.office, municipalities=[world.oftringen], consent_contact=False)
    segment = {
        "kinds": ["association"],
        "municipalities": [4280],
        "include": ["organisations", "key_persons"],
    }

    added = services.meeting_invite(meeting=meeting, contacts=[contact], segment=segment)
    assert added == 4  # the contact, two associations, the key person who agreed to be contacted
    # Again, plus a contact sharing an invited address: nothing new.
    again = services.meeting_invite(
        meeting=meeting, organisations=[world.seat_association], contacts=[same_address], segment=segment
    )
    assert again == 0
    invited = set(meeting.invitations.values_list("organisation_id", "contact_id", "key_person_id"))
    assert invited == {
        (world.seat_association.pk, contact.pk, None),
        (world.seat_association.pk, None, None),
        (world.serving_association.pk, None, None),
        (None, None, person.pk),
    }


def test_invitations_are_sent_after_commit_with_a_calendar_file(world, django_capture_on_commit_callbacks):
    world.office.email = "integration@zofingen.example"
    world.office.save()
    meeting = MeetingFactory(
        office=world.office, title="Arbeitskreis Integration", starts_at=_at(4, 18), ends_at=_at(4, 20)
    )
    first = InvitationFactory(meeting=meeting, organisation=world.seat_association)
    InvitationFactory(meeting=meeting, organisation=world.church, email="")  # no address: not sent

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert services.meeting_send_invitations(meeting=meeting) == 1
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()

    [message] = mail.outbox
    assert message.to == [world.seat_association.email]
    assert message.reply_to == ["integration@zofingen.example"]
    part = message.attachments[0]
    assert part.get_content_type() == "text/calendar" and part.get_param("method") == "REQUEST"
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    assert calendar["METHOD"] == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Arbeitskreis Integration"
    assert str(event["LOCATION"]) == "Gemeindesaal Oftringen"
    assert "Begrüssung" in str(event["DESCRIPTION"])
    assert str(event["UID"]).startswith(f"network-meeting-{meeting.pk}@")
    # 18:00 in Zurich (summer time) is 16:00 UTC.
    assert event.decoded("DTSTART") == datetime.datetime(2031, 5, 4, 16, 0, tzinfo=datetime.UTC)
    assert event.decoded("DTEND") == datetime.datetime(2031, 5, 4, 18, 0, tzinfo=datetime.UTC)
    assert str(event["ORGANIZER"]) == "mailto:integration@zofingen.example"

    first.refresh_from_db(), meeting.refresh_from_db()
    assert first.sent_at is not None and meeting.invitations_sent_at is not None
    # Nobody left to invite, unless the invitations are sent again after a change.
    with pytest.raises(ValidationError):
        services.meeting_send_invitations(meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.meeting_send_invitations(meeting=meeting, resend=True) == 1
    assert len(mail.outbox) == 2


def test_record_responses_ignores_other_meetings(world):
    meeting = MeetingFactory(office=world.office)
    invitation = InvitationFactory(meeting=meeting)
    foreign = InvitationFactory()
    changed = services.meeting_record_responses(
        meeting=meeting,
        answers={invitation.pk: (Response.ACCEPTED, True), foreign.pk: (Response.DECLINED, False)},
    )
    assert changed == 1
    invitation.refresh_from_db(), foreign.refresh_from_db()
    assert (invitation.response, invitation.attended) == (Response.ACCEPTED, True)
    assert (foreign.response, foreign.attended) == (Response.PENDING, None)


def test_overdue_action_items_are_marked(world):
    meeting = MeetingFactory(office=world.office)
    today = datetime.date(2031, 6, 10)
    late = ActionItemFactory(meeting=meeting, due_on=today - datetime.timedelta(days=1))
    ActionItemFactory(meeting=meeting, due_on=today)
    done = ActionItemFactory(meeting=meeting, due_on=today - datetime.timedelta(days=5))
    services.action_item_set_done(meeting=meeting, item_id=done.pk, done=True, today=today)
    ActionItemFactory(meeting__office=world.other_office, due_on=today - datetime.timedelta(days=9))

    flags = {item.pk: item.is_overdue for item in meeting_action_items(meeting=meeting, today=today)}
    assert flags[late.pk] is True and flags[done.pk] is False
    assert sum(flags.values()) == 1
    assert [i.pk for i in overdue_action_items(office=world.office, today=today)] == [late.pk]


def test_action_item_needs_what_and_who(world):
    meeting = MeetingFactory(office=world.office)
    with pytest.raises(ValidationError) as error:
        services.action_item_add(meeting=meeting, description=" ", owner="", due_on=None)
    assert set(error.value.message_dict) == {"description", "owner"}


def test_meeting_list_splits_upcoming_and_past_with_counts(world):
    now = timezone.now()
    past = MeetingFactory(
        office=world.office,
        starts_at=now - datetime.timedelta(days=3),
        ends_at=now - datetime.timedelta(days=3, hours=-2),
    )
    upcoming = MeetingFactory(office=world.office)
    InvitationFactory(meeting=past, attended=True, response=Response.ACCEPTED)
    InvitationFactory(meeting=past, attended=False)
    ActionItemFactory(meeting=past, due_on=timezone.localdate() - datetime.timedelta(days=1))
    MeetingFactory(office=world.other_office)

    assert [m.pk for m in meeting_list(office=world.office)] == [upcoming.pk]
    [row] = meeting_list(office=world.office, when=PAST)
    assert row.pk == past.pk
    assert (row.invited, row.accepted, row.attended, row.open_actions, row.overdue_actions) == (2, 1, 1, 1, 1)
