"""iCalendar (RFC 5545/5546) for the working group's sessions: the invitation attached to the e-mail
(METHOD REQUEST, one session per file as iTIP wants) and the downloads (METHOD PUBLISH, one or all sessions).

The UID is stable per session and SEQUENCE is `Workshop.sequence` (bumped on every change of date or place),
so a calendar replaces its copy when an update arrives. Times carry TZID=Europe/Zurich with the VTIMEZONE of
the events app.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as VEvent

from fachstelle.events.ics import CONTENT_TYPE, TZID, ics_host, zurich_vtimezone

from .models import Workshop

__all__ = ["CONTENT_TYPE", "workshop_calendar", "workshop_filename", "workshop_summary", "workshop_uid"]


def workshop_uid(workshop: Workshop) -> str:
    return f"kompakt-workshop-{workshop.pk}@{ics_host()}"


def workshop_summary(workshop: Workshop) -> str:
    """ "Startsitzung KOMPAKT Oftringen" in the active language."""
    return _("%(session)s KOMPAKT %(municipality)s") % {
        "session": workshop.get_kind_display(),
        "municipality": workshop.process.municipality.name,
    }


def organizer_email(office) -> str:
    return office.email or settings.DEFAULT_FROM_EMAIL


def workshop_vevent(
    workshop: Workshop, *, stamp: datetime.datetime, attendees: list[tuple[str, str]] = ()
) -> VEvent:
    zone = zoneinfo.ZoneInfo(TZID)
    office = workshop.process.office
    vevent = VEvent()
    vevent.add("uid", workshop_uid(workshop))
    vevent.add("dtstamp", stamp.astimezone(datetime.UTC))
    starts = workshop.starts_at.astimezone(zone)
    vevent.add("dtstart", starts)
    vevent.add("dtend", starts + datetime.timedelta(minutes=workshop.duration_minutes))
    summary = workshop_summary(workshop)
    if workshop.status == Workshop.Status.CANCELLED:
        summary = _("Cancelled: %(title)s") % {"title": summary}
    vevent.add("summary", summary)
    if workshop.location:
        vevent.add("location", workshop.location)
    if workshop.agenda:
        vevent.add("description", workshop.agenda)
    vevent.add("sequence", workshop.sequence)
    status = {Workshop.Status.CANCELLED: "CANCELLED", Workshop.Status.PROPOSED: "TENTATIVE"}
    vevent.add("status", status.get(workshop.status, "CONFIRMED"))
    organizer = vCalAddress(f"mailto:{organizer_email(office)}")
    organizer.params["cn"] = vText(office.name)
    vevent["organizer"] = organizer
    for email, name in attendees:
        guest = vCalAddress(f"mailto:{email}")
        guest.params["cn"] = vText(name)
        guest.params["role"] = vText("REQ-PARTICIPANT")
        guest.params["partstat"] = vText("NEEDS-ACTION")
        guest.params["rsvp"] = vText("TRUE")
        vevent.add("attendee", guest, encode=0)
    return vevent


def workshop_calendar(
    *,
    workshops: list[Workshop],
    method: str = "PUBLISH",
    attendees: list[tuple[str, str]] = (),
    name: str = "",
    now: datetime.datetime | None = None,
) -> bytes:
    """A VCALENDAR with one VEVENT per session, texts in the office's working language. `method` REQUEST is
    for the e-mail invitation (one session, with its attendees); PUBLISH for downloads."""
    stamp = now or timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        calendar = Calendar()
        calendar.add("prodid", "-//fachstelle//kompakt workshops//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", method)
        if name:
            calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", TZID)
        calendar.add_component(zurich_vtimezone())
        for workshop in workshops:
            calendar.add_component(workshop_vevent(workshop, stamp=stamp, attendees=attendees))
    return calendar.to_ical()


def workshop_filename(workshop: Workshop) -> str:
    return f"kompakt-{slugify(workshop.process.municipality.name)}-{workshop.kind}-{workshop.pk}.ics"
