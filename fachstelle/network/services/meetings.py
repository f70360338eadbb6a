"""Network meetings: plan, invite (e-mail with a calendar file, sent in the background), record answers
and attendance, minutes, decisions and action items."""

import datetime
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from icalendar import Calendar, Event, vCalAddress, vText

from fachstelle.core.models import Office

from ..models import ActionItem, Contact, MeetingInvitation, NetworkMeeting
from ..selectors.mailings import (
    INCLUDE_CONTACTS,
    INCLUDE_KEY_PERSONS,
    INCLUDE_ORGANISATIONS,
    normalise_email,
    segment_key_persons,
    segment_municipality_ids,
    segment_organisations,
)

logger = logging.getLogger(__name__)

MEETING_FIELDS = ("title", "starts_at", "ends_at", "place", "agenda")
BATCH_SIZE = 50
Response = MeetingInvitation.Response


# --- The meeting ---------------------------------------------------------------------------------------


def _meeting_save(meeting: NetworkMeeting, **fields) -> NetworkMeeting:
    for name in MEETING_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(meeting, name, value.strip() if isinstance(value, str) else value)
    errors = {}
    if meeting.starts_at and meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        errors["ends_at"] = [_("The meeting must end after it starts.")]
    try:
        meeting.full_clean()
    except ValidationError as error:
        for key, messages in error.message_dict.items():
            # The database check repeats the message above in other words; show ours once.
            if key != "__all__" or "ends_at" not in errors:
                errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    meeting.save()
    return meeting


def meeting_create(*, office: Office, by, **fields) -> NetworkMeeting:
    with transaction.atomic():
        return _meeting_save(NetworkMeeting(office=office, created_by=by), **fields)


def meeting_update(*, meeting: NetworkMeeting, **fields) -> NetworkMeeting:
    with transaction.atomic():
        return _meeting_save(meeting, **fields)


def meeting_record_minutes(*, meeting: NetworkMeeting, minutes: str, decisions: str) -> NetworkMeeting:
    meeting.minutes = minutes.strip()
    meeting.decisions = decisions.strip()
    meeting.save(update_fields=["minutes", "decisions"])
    return meeting


# --- Invitations ---------------------------------------------------------------------------------------


def meeting_invite(
    *,
    meeting: NetworkMeeting,
    organisations=(),
    contacts=(),
    key_persons=(),
    segment: dict | None = None,
) -> int:
    """Add invitations for the people picked one by one and for those a segment reaches (same rules as a
    mailing: active organisations, key persons who agreed to be contacted). Nobody is invited twice —
    neither the same record nor the same address. Returns the number of new invitations."""
    office = meeting.office
    candidates: list[MeetingInvitation] = []
    for organisation in organisations:
        candidates.append(MeetingInvitation(organisation=organisation, email=organisation.email))
    for contact in contacts:
        candidates.append(
            MeetingInvitation(contact=contact, organisation_id=contact.organisation_id, email=contact.email)
        )
    for person in key_persons:
        candidates.append(MeetingInvitation(key_person=person, email=person.email))
    if segment:
        include = set(segment.get("include") or ())
        ids = segment_municipality_ids(office=office, numbers=segment.get("municipalities"))
        matching = segment_organisations(office=office, segment=segment, municipality_ids=ids)
        if INCLUDE_ORGANISATIONS in include:
            for organisation in matching.exclude(email="").order_by("name").only("pk", "email"):
                candidates.append(MeetingInvitation(organisation=organisation, email=organisation.email))
        if INCLUDE_CONTACTS in include:
            found = Contact.objects.filter(organisation__in=matching.values("pk")).exclude(email="")
            for contact in found.order_by("organisation__name", "name").only(
                "pk", "organisation_id", "email"
            ):
                candidates.append(
                    MeetingInvitation(
                        contact=contact, organisation_id=contact.organisation_id, email=contact.email
                    )
                )
        if INCLUDE_KEY_PERSONS in include:
            people = segment_key_persons(office=office, segment=segment, municipality_ids=ids).exclude(
                email=""
            )
            for person in people.order_by("name").only("pk", "email"):
                candidates.append(MeetingInvitation(key_person=person, email=person.email))

    with transaction.atomic():
        existing = list(
            MeetingInvitation.objects.select_for_update()
            .filter(meeting=meeting)
            .values_list("organisation_id", "contact_id", "key_person_id", "email")
        )
        seen_records = {_record_key(o, c, k) for o, c, k, _email in existing}
        seen_emails = {normalise_email(email) for *_ids, email in existing if email}
        new = []
        for invitation in candidates:
            record = _record_key(invitation.organisation_id, invitation.contact_id, invitation.key_person_id)
            email = normalise_email(invitation.email)
            if record in seen_records or (email and email in seen_emails):
                continue
            seen_records.add(record)
            if email:
                seen_emails.add(email)
            invitation.meeting = meeting
            invitation.email = invitation.email.strip()
            new.append(invitation)
        MeetingInvitation.objects.bulk_create(new)
    return len(new)


def _record_key(organisation_id, contact_id, key_person_id) -> tuple:
    # A contact's invitation names its organisation too; the contact is what identifies it.
    if contact_id:
        return ("contact", contact_id)
    if key_person_id:
        return ("key_person", key_person_id)
    return ("organisation", organisation_id)


def invitation_remove(*, meeting: NetworkMeeting, invitation_id: int) -> None:
    deleted, _rows = MeetingInvitation.objects.filter(meeting=meeting, pk=invitation_id).delete()
    if not deleted:
        raise ValidationError(_("This invitation no longer exists."))


def meeting_record_responses(*, meeting: NetworkMeeting, answers: dict[int, tuple[str, bool | None]]) -> int:
    """Set answer and attendance of the meeting's invitations ({invitation id: (response, attended)}); ids
    of other meetings are ignored. Returns how many invitations changed."""
    with transaction.atomic():
        changed = []
        for invitation in MeetingInvitation.objects.select_for_update().filter(
            meeting=meeting, pk__in=answers
        ):
            response, attended = answers[invitation.pk]
            if response not in Response.values:
                raise ValidationError(_("Unknown answer."))
            if (invitation.response, invitation.attended) != (response, attended):
                invitation.response, invitation.attended = response, attended
                changed.append(invitation)
        MeetingInvitation.objects.bulk_update(changed, ["response", "attended"])
    return len(changed)


def meeting_send_invitations(*, meeting: NetworkMeeting, resend: bool = False) -> int:
    """Enqueue the invitation e-mails after commit: to everyone not yet invited by e-mail, or to everyone
    (`resend`, after the date or place changed). Returns how many e-mails will be sent."""
    from ..mailing_tasks import meeting_invitations_task

    with transaction.atomic():
        meeting = NetworkMeeting.objects.select_for_update().get(pk=meeting.pk)
        invitations = MeetingInvitation.objects.filter(meeting=meeting).exclude(email="")
        if not resend:
            invitations = invitations.filter(sent_at__isnull=True)
        ids = list(invitations.order_by("pk").values_list("pk", flat=True))
        if not ids:
            raise ValidationError(
                _("There is nobody to send an invitation to: add people with an e-mail address.")
            )
        meeting_id = meeting.pk
        transaction.on_commit(
            lambda: meeting_invitations_task.enqueue(meeting_id=meeting_id, invitation_ids=ids)
        )
    return len(ids)


def _organizer_email(office: Office) -> str:
    return office.email or settings.DEFAULT_FROM_EMAIL


def meeting_ics(*, meeting: NetworkMeeting, attendee: str | None = None) -> bytes:
    """The meeting as an iCalendar REQUEST (RFC 5545/5546) with times in UTC, so no VTIMEZONE is needed."""
    office = meeting.office
    calendar = Calendar()
    calendar.add("prodid", "-//fachstelle//network meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    host = urlsplit(settings.SITE_URL).hostname or "fachstelle"
    # Stable per meeting: a re-sent invitation updates the entry in the calendar instead of adding one.
    event.add("uid", f"network-meeting-{meeting.pk}@{host}")
    now = timezone.now()
    event.add("dtstamp", now.astimezone(datetime.UTC))
    # Calendars take the copy with the highest sequence; seconds since creation grow with every sending.
    event.add("sequence", max(0, int((now - meeting.created_at).total_seconds())))
    event.add("dtstart", meeting.starts_at.astimezone(datetime.UTC))
    event.add("dtend", meeting.ends_at.astimezone(datetime.UTC))
    event.add("summary", meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    if meeting.agenda:
        event.add("description", meeting.agenda)
    organizer = vCalAddress(f"mailto:{_organizer_email(office)}")
    organizer.params["cn"] = vText(office.name)
    event["organizer"] = organizer
    if attendee:
        guest = vCalAddress(f"mailto:{attendee}")
        guest.params["role"] = vText("REQ-PARTICIPANT")
        guest.params["partstat"] = vText("NEEDS-ACTION")
        guest.params["rsvp"] = vText("TRUE")
        event.add("attendee", guest, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()


def meeting_invitation_message(
    *, meeting: NetworkMeeting, invitation: MeetingInvitation, connection=None
) -> EmailMessage:
    from email.mime.text import MIMEText

    office = meeting.office
    context = {
        "meeting": meeting,
        "office": office,
        "starts_at": timezone.localtime(meeting.starts_at),
        "ends_at": timezone.localtime(meeting.ends_at),
    }
    # Invitations go out in the office's working language.
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("network/meetings/email/invitation_subject.txt", context).split())
        body = render_to_string("network/meetings/email/invitation.txt", context)
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
        reply_to=[_organizer_email(office)],
        connection=connection,
    )
    # Django's attach() cannot carry the "method" parameter calendar programs look for; a MIME part can.
    part = MIMEText(meeting_ics(meeting=meeting, attendee=invitation.email).decode(), "calendar", "utf-8")
    part.set_param("method", "REQUEST")
    part.add_header("Content-Disposition", "attachment", filename="invitation.ics")
    message.attach(part)
    return message


def meeting_invitations_deliver(*, meeting_id: int, invitation_ids: list[int]) -> int:
    """Send the invitations (run by the task queue) over one connection in batches; set `sent_at` on each
    one that went out. An address the server refuses keeps no `sent_at` and can be sent again."""
    meeting = NetworkMeeting.objects.select_related("office").get(pk=meeting_id)
    invitations = list(
        MeetingInvitation.objects.filter(meeting=meeting, pk__in=invitation_ids)
        .exclude(email="")
        .order_by("pk")
    )
    sent = 0
    connection = get_connection()
    connection.open()
    try:
        for start in range(0, len(invitations), BATCH_SIZE):
            batch = invitations[start : start + BATCH_SIZE]
            messages = [
                meeting_invitation_message(meeting=meeting, invitation=i, connection=connection)
                for i in batch
            ]
            now = timezone.now()
            done = []
            try:
                connection.send_messages(messages)
                done = batch
            except Exception:
                logger.warning("Meeting %s: batch refused, sending one by one", meeting.pk, exc_info=True)
                for invitation, message in zip(batch, messages, strict=True):
                    try:
                        connection.send_messages([message])
                    except Exception:
                        logger.warning(
                            "Meeting %s: invitation %s refused", meeting.pk, invitation.pk, exc_info=True
                        )
                    else:
                        done.append(invitation)
            for invitation in done:
                invitation.sent_at = now
            MeetingInvitation.objects.bulk_update(done, ["sent_at"])
            sent += len(done)
    finally:
        connection.close()
    if sent:
        NetworkMeeting.objects.filter(pk=meeting.pk).update(invitations_sent_at=timezone.now())
    return sent


# --- Action items --------------------------------------------------------------------------------------


def action_item_add(
    *, meeting: NetworkMeeting, description: str, owner: str, due_on: datetime.date | None
) -> ActionItem:
    item = ActionItem(meeting=meeting, description=description.strip(), owner=owner.strip(), due_on=due_on)
    item.full_clean()
    item.save()
    return item


def action_item_set_done(
    *, meeting: NetworkMeeting, item_id: int, done: bool, today: datetime.date | None = None
) -> ActionItem:
    item = ActionItem.objects.filter(meeting=meeting, pk=item_id).first()
    if item is None:
        raise ValidationError(_("This action item no longer exists."))
    item.done_on = (today or timezone.localdate()) if done else None
    item.save(update_fields=["done_on"])
    return item


def action_item_delete(*, meeting: NetworkMeeting, item_id: int) -> None:
    ActionItem.objects.filter(meeting=meeting, pk=item_id).delete()
