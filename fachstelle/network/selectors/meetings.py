"""Reads of network meetings: upcoming and past meetings with their counts, one meeting's invitations and
action items, and what the invitation form offers to pick."""

import datetime

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from fachstelle.core.models import Office

from ..models import ActionItem, Contact, KeyPerson, MeetingInvitation, NetworkMeeting, Organisation

UPCOMING = "upcoming"
PAST = "past"


def meeting_list(*, office: Office, when: str = UPCOMING, now: datetime.datetime | None = None) -> QuerySet:
    """Upcoming meetings (not yet over; soonest first) or past ones (latest first), each with its counts of
    invitations, acceptances, attendance and open/overdue action items (one query)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    meetings = NetworkMeeting.objects.filter(office=office)
    if when == PAST:
        meetings = meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    else:
        meetings = meetings.filter(ends_at__gte=now).order_by("starts_at", "pk")
    # Two to-many joins in one query multiply rows: count distinct ids.
    return meetings.annotate(
        invited=Count("invitations", distinct=True),
        accepted=Count(
            "invitations", filter=Q(invitations__response=MeetingInvitation.Response.ACCEPTED), distinct=True
        ),
        attended=Count("invitations", filter=Q(invitations__attended=True), distinct=True),
        open_actions=Count("action_items", filter=Q(action_items__done_on__isnull=True), distinct=True),
        overdue_actions=Count(
            "action_items",
            filter=Q(action_items__done_on__isnull=True, action_items__due_on__lt=today),
            distinct=True,
        ),
    )


def meeting_get(*, office: Office, meeting_id: int) -> NetworkMeeting:
    return get_object_or_404(NetworkMeeting.objects.select_related("office"), office=office, pk=meeting_id)


def meeting_invitations(*, meeting: NetworkMeeting) -> QuerySet[MeetingInvitation]:
    return (
        MeetingInvitation.objects.filter(meeting=meeting)
        .select_related("organisation", "contact", "key_person")
        .order_by("organisation__name", "contact__name", "key_person__name", "email", "pk")
    )


def meeting_action_items(
    *, meeting: NetworkMeeting, today: datetime.date | None = None
) -> QuerySet[ActionItem]:
    """The meeting's action items, open ones first by due date; `is_overdue` marks the late ones."""
    today = today or timezone.localdate()
    return (
        ActionItem.objects.filter(meeting=meeting)
        .annotate(
            is_overdue=ExpressionWrapper(
                Q(done_on__isnull=True, due_on__lt=today), output_field=BooleanField()
            )
        )
        # Open ones (no done date) first on every database; then by due date, undated last.
        .order_by(F("done_on").asc(nulls_first=True), F("due_on").asc(nulls_last=True), "pk")
    )


def overdue_action_items(*, office: Office, today: datetime.date | None = None) -> QuerySet[ActionItem]:
    """Open action items of every meeting of the office whose due date has passed, oldest first."""
    today = today or timezone.localdate()
    return (
        ActionItem.objects.filter(meeting__office=office, done_on__isnull=True, due_on__lt=today)
        .select_related("meeting")
        .order_by("due_on", "pk")
    )


# --- What the invitation form offers -------------------------------------------------------------------


def invitable_organisations(*, office: Office) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(office=office, is_active=True)
        .only("pk", "name", "email")
        .order_by("name")
    )


def invitable_contacts(*, office: Office) -> QuerySet[Contact]:
    return (
        Contact.objects.filter(organisation__office=office, organisation__is_active=True)
        .select_related("organisation")
        .only("pk", "name", "email", "organisation_id", "organisation__name")
        .order_by("organisation__name", "name")
    )


def invitable_key_persons(*, office: Office) -> QuerySet[KeyPerson]:
    # Only people who agreed to be contacted are offered.
    return (
        KeyPerson.objects.filter(office=office, is_active=True, consent_contact=True)
        .only("pk", "name", "email")
        .order_by("name")
    )
