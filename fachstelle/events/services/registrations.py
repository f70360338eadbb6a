"""Registrations for events: places counted in people, approval, waitlist, cancellation, check-in, reminders.

Every write that gives out or frees places locks the event row first (`select_for_update`), so concurrent
registrations are serialised per event and an event is never overbooked. E-mails leave after commit.
"""

import datetime
import logging
import uuid
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.validation import FieldErrors

from ..models import Event, Registration

logger = logging.getLogger(__name__)

Status = Registration.Status
# Registrations that are still "in": they get the news when the event is cancelled.
ACTIVE = (Status.CONFIRMED, Status.PENDING, Status.WAITLISTED)


@dataclass(frozen=True)
class EventPlaces:
    """People counts of one event; `capacity` and `free` are None when the event has no limit."""

    capacity: int | None
    confirmed: int
    pending: int
    waitlisted: int
    free: int | None

    @property
    def is_full(self) -> bool:
        return self.free is not None and self.free <= 0


def event_places(event: Event) -> EventPlaces:
    """One aggregate query over the event's registrations."""
    sums = Registration.objects.filter(event_id=event.pk).aggregate(
        confirmed=Sum("people", filter=Q(status=Status.CONFIRMED), default=0),
        pending=Sum("people", filter=Q(status=Status.PENDING), default=0),
        waitlisted=Sum("people", filter=Q(status=Status.WAITLISTED), default=0),
    )
    return _places(event, **sums)


def _places(event: Event, *, confirmed: int, pending: int, waitlisted: int) -> EventPlaces:
    free = None if event.capacity is None else max(0, event.capacity - confirmed - pending)
    return EventPlaces(event.capacity, confirmed, pending, waitlisted, free)


def _taken(event: Event) -> int:
    return Registration.objects.filter(event_id=event.pk, status__in=Registration.HOLDS_PLACE).aggregate(
        taken=Sum("people", default=0)
    )["taken"]


def _lock_event(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _notify(registration: Registration, kind: str, **extra) -> None:
    """Send one of the registrant's e-mails after commit (nothing when they left no address)."""
    if not registration.email:
        return
    from ..emails import registration_mail_task

    registration_id = registration.pk
    transaction.on_commit(
        lambda: registration_mail_task.enqueue(registration_id=registration_id, kind=kind, **extra)
    )


def registration_open_errors(event: Event, *, now: datetime.datetime | None = None) -> list[str]:
    """Why nobody can register for `event` right now (empty: registration is open). Also used by the
    event page to explain a closed form."""
    now = now or timezone.now()
    if event.status == Event.Status.CANCELLED:
        return [_("This event has been cancelled.")]
    if event.status != Event.Status.PUBLISHED:
        return [_("This event is not published.")]
    if not event.registration_enabled:
        return [_("Registration for this event is not possible on this site.")]
    if event.starts_at <= now:
        return [_("This event has already started; registration is closed.")]
    if event.registration_deadline and event.registration_deadline < now:
        return [_("The registration deadline has passed.")]
    return []


def registration_create(
    *,
    event: Event,
    name: str,
    email: str = "",
    phone: str = "",
    people: int = 1,
    language: str = "",
    needs: str = "",
    submission_key: uuid.UUID | str | None = None,
) -> Registration:
    """Register `people` for `event`: CONFIRMED (PENDING when the event needs approval) while places are
    left, WAITLISTED when full and the waitlist is on, otherwise refused. The same `submission_key` twice
    (a double click) returns the first registration."""
    name, email, phone, needs = name.strip(), email.strip(), phone.strip(), needs.strip()
    with transaction.atomic():
        # Serialises everyone registering for this event until commit.
        event = _lock_event(event)
        if submission_key:
            existing = Registration.objects.filter(submission_key=submission_key).first()
            if existing is not None:
                return existing

        errors = FieldErrors()
        for message in registration_open_errors(event):
            errors.add(NON_FIELD_ERRORS, message)
        errors.raise_if_any()
        if not name:
            errors.add("name", _("Please enter your name."))
        if not email and not phone:
            errors.add("email", _("Please enter an e-mail address or a phone number."))
        if people is None or people < 1:
            errors.add("people", _("At least one person must be registered."))
        elif people > event.max_people_per_registration:
            errors.add(
                "people",
                _("At most %(count)s people can be registered at once.")
                % {"count": event.max_people_per_registration},
            )
        errors.raise_if_any()

        # Waitlisted people come first when places became free (e.g. staff raised the capacity).
        promoted = _promote_locked(event)
        if event.capacity is None or event.capacity - _taken(event) >= people:
            status = Status.PENDING if event.requires_approval else Status.CONFIRMED
        elif event.waitlist_enabled:
            status = Status.WAITLISTED
        else:
            raise ValidationError(
                {NON_FIELD_ERRORS: [_("This event is fully booked; there are not enough places left.")]}
            )
        registration = Registration(
            event=event,
            name=name,
            email=email,
            phone=phone,
            people=people,
            language=language or "",
            needs=needs,
            status=status,
            status_changed_at=timezone.now(),
        )
        if submission_key:
            registration.submission_key = submission_key
        errors.add_model_errors(registration, exclude=["event"])
        errors.raise_if_any()
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            # The same key committed by a parallel request for another event (never for this one: locked).
            existing = Registration.objects.filter(submission_key=submission_key).first()
            if existing is None:
                raise
            return existing
        _notify(
            registration, {Status.CONFIRMED: "confirmed", Status.PENDING: "pending"}.get(status, "waitlisted")
        )
        for other in promoted:
            _notify(other, "promoted")
    return registration


def _promote_locked(event: Event) -> list[Registration]:
    """Move waitlisted registrations up in the order they came (first in, first out) while the head of
    the list fits into the free places. The caller holds the lock on the event."""
    waiting = list(
        Registration.objects.filter(event_id=event.pk, status=Status.WAITLISTED).order_by("created_at", "pk")
    )
    if not waiting:
        return []
    free = None if event.capacity is None else event.capacity - _taken(event)
    promoted = []
    now = timezone.now()
    new_status = Status.PENDING if event.requires_approval else Status.CONFIRMED
    for registration in waiting:
        if free is not None and registration.people > free:
            break  # strictly first come, first served: nobody overtakes the head of the list
        registration.status = new_status
        registration.status_changed_at = now
        registration.save(update_fields=["status", "status_changed_at"])
        if free is not None:
            free -= registration.people
        promoted.append(registration)
    return promoted


def event_waitlist_promote(*, event: Event) -> list[Registration]:
    """Give free places to the waitlist (e.g. after staff raised the capacity); e-mails the promoted."""
    with transaction.atomic():
        event = _lock_event(event)
        promoted = _promote_locked(event)
        for registration in promoted:
            _notify(registration, "promoted")
    return promoted


def _lock_registration(registration: Registration) -> tuple[Event, Registration]:
    event = _lock_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.event = event
    return event, registration


def _audit(*, by, registration: Registration, detail: str) -> None:
    if by is not None:
        audit_record(
            actor=by,
            action=Action.UPDATE,
            office=registration.event.office,
            target=registration,
            detail=detail,
        )


def registration_cancel(*, registration: Registration, by=None) -> list[Registration]:
    """Cancel (`by` None: the registrant through their link; otherwise a member of staff). Frees the
    places and moves the waitlist up; returns the promoted registrations. Cancelling twice does nothing."""
    with transaction.atomic():
        event, registration = _lock_registration(registration)
        if registration.status in (Status.CANCELLED, Status.REJECTED):
            return []
        registration.status = Status.CANCELLED
        registration.status_changed_at = timezone.now()
        registration.save(update_fields=["status", "status_changed_at"])
        _audit(by=by, registration=registration, detail="registration cancelled")
        _notify(registration, "cancelled")
        promoted = _promote_locked(event) if event.starts_at > timezone.now() else []
        for other in promoted:
            _notify(other, "promoted")
    return promoted


def registration_approve(*, registration: Registration, by) -> Registration:
    """Confirm a registration waiting for approval (its place is already held)."""
    with transaction.atomic():
        _event, registration = _lock_registration(registration)
        if registration.status == Status.CONFIRMED:
            return registration
        if registration.status != Status.PENDING:
            raise ValidationError(
                {NON_FIELD_ERRORS: [_("Only a registration waiting for approval can be confirmed.")]}
            )
        registration.status = Status.CONFIRMED
        registration.status_changed_at = timezone.now()
        registration.save(update_fields=["status", "status_changed_at"])
        _audit(by=by, registration=registration, detail="registration approved")
        _notify(registration, "confirmed")
    return registration


def registration_reject(*, registration: Registration, by, reason: str = "") -> list[Registration]:
    """Decline a registration (pending, confirmed or waitlisted); `reason` goes into the e-mail. Frees
    its place: returns the registrations promoted from the waitlist. Rejecting twice does nothing."""
    reason = (reason or "").strip()[:300]
    with transaction.atomic():
        event, registration = _lock_registration(registration)
        if registration.status in (Status.CANCELLED, Status.REJECTED):
            return []
        registration.status = Status.REJECTED
        registration.status_changed_at = timezone.now()
        fields = ["status", "status_changed_at"]
        if reason:
            registration.staff_note = reason
            fields.append("staff_note")
        registration.save(update_fields=fields)
        _audit(by=by, registration=registration, detail="registration declined")
        _notify(registration, "rejected", reason=reason)
        promoted = _promote_locked(event) if event.starts_at > timezone.now() else []
        for other in promoted:
            _notify(other, "promoted")
    return promoted


def registration_check_in(*, registration: Registration, by, people: int | None = None) -> Registration:
    """Record that the registrant came, with `people` present (default: as many as registered)."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update().select_related("event__office").get(pk=registration.pk)
        )
        if registration.status not in (Status.CONFIRMED, Status.PENDING):
            raise ValidationError({NON_FIELD_ERRORS: [_("Only a confirmed registration can be checked in.")]})
        people = registration.people if people is None else people
        limit = max(registration.people, registration.event.max_people_per_registration)
        if people < 1 or people > limit:
            raise ValidationError({"people": [_("Enter between 1 and %(count)s people.") % {"count": limit}]})
        registration.checked_in_at = registration.checked_in_at or timezone.now()
        registration.attended_people = people
        registration.save(update_fields=["checked_in_at", "attended_people"])
        _audit(by=by, registration=registration, detail="checked in")
    return registration


def registration_check_in_undo(*, registration: Registration, by) -> Registration:
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update().select_related("event__office").get(pk=registration.pk)
        )
        if registration.checked_in_at is None:
            return registration
        registration.checked_in_at = None
        registration.attended_people = None
        registration.save(update_fields=["checked_in_at", "attended_people"])
        _audit(by=by, registration=registration, detail="check-in undone")
    return registration


def event_cancel_notify(*, event: Event) -> int:
    """E-mail every registrant still in (confirmed, pending, waitlisted) that `event` is cancelled.
    Returns the number of e-mails queued."""
    registrations = list(
        Registration.objects.filter(event_id=event.pk, status__in=ACTIVE)
        .exclude(email="")
        .only("pk", "email")
    )
    for registration in registrations:
        _notify(registration, "event_cancelled")
    return len(registrations)


def _tomorrow_bounds(now: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """Start and end of the next calendar day in Zurich (23 or 25 hours long on DST change days)."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    tomorrow = now.astimezone(zone).date() + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(tomorrow + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return start, end


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """One reminder to every confirmed registrant (with an e-mail address) of a published event starting
    the next calendar day. Each registration is claimed with a conditional UPDATE before its mail is sent,
    so two overlapping runs never remind anyone twice. Returns the number of reminders sent."""
    from ..emails import registration_mail

    now = now or timezone.now()
    start, end = _tomorrow_bounds(now)
    candidates = (
        Registration.objects.filter(
            event__status=Event.Status.PUBLISHED,
            event__starts_at__gte=start,
            event__starts_at__lt=end,
            status=Status.CONFIRMED,
            reminder_sent_at__isnull=True,
        )
        .exclude(email="")
        .select_related("event__office")
        .order_by("event_id", "pk")
    )
    sent = 0
    event_ids = set()
    for registration in candidates:
        claimed = Registration.objects.filter(
            pk=registration.pk, reminder_sent_at__isnull=True, status=Status.CONFIRMED
        ).update(reminder_sent_at=now)
        if not claimed:
            continue  # another run got it first
        event_ids.add(registration.event_id)
        try:
            registration_mail(registration=registration, kind="reminder")
        except Exception:  # one broken address must not stop the others
            logger.exception("Reminder for registration %s failed", registration.pk)
            continue
        sent += 1
    if event_ids:
        Event.objects.filter(pk__in=event_ids, reminders_sent_at__isnull=True).update(reminders_sent_at=now)
    return sent
