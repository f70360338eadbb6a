"""Contact persons per field of action and inquiries from the public: submit, route, assign, reply, close.

Routing: an inquiry about a field of action goes to the office's responsible person for that field
(`FieldContact.person`); "don't know" or a field without a contact person leaves it unassigned, in the
triage inbox every staff member sees. The answer is due INQUIRY_ANSWER_WORKING_DAYS working days (Monday to
Friday; public holidays are not counted out) after it arrived; unanswered later it shows as overdue.

Every write is atomic with its audit entry; e-mails go out after commit (`network.inquiry_emails`).
"""

import uuid
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fachstelle.core.audit import audit_record
from fachstelle.core.models import AuditEvent, FieldOfAction, Language, Membership, Municipality, Office
from fachstelle.core.staff import NETWORK_ROLES

from .. import inquiry_emails
from ..models import FieldContact, Inquiry, InquiryMessage

Action = AuditEvent.Action
Status = Inquiry.Status

# Working days (Mon–Fri) the office has to answer an inquiry before it counts as overdue.
INQUIRY_ANSWER_WORKING_DAYS = 5
# Roles that work on inquiries and may be responsible for a field of action (statistics users may not).
INQUIRY_ROLES = NETWORK_ROLES
# Photos on the public contact page.
PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")
# Statuses in which an inquiry still waits for the office (the overdue filter looks at these).
OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS)


def add_working_days(start: date, days: int) -> date:
    """`start` plus `days` working days, Monday to Friday (an inquiry of Saturday counts from Monday)."""
    current = start
    added = 0
    while added < days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            added += 1
    return current


def inquiry_due_on(received: date) -> date:
    return add_working_days(received, INQUIRY_ANSWER_WORKING_DAYS)


def _is_inquiry_staff(*, office: Office, user) -> bool:
    return Membership.objects.filter(office=office, user=user, role__in=INQUIRY_ROLES).exists()


# --- Contact persons ------------------------------------------------------------------------------------


def field_contact_save(
    *,
    office: Office,
    by,
    field_of_action: FieldOfAction,
    person,
    deputy=None,
    public_title: str = "",
    public_phone: str = "",
    public_email: str = "",
    languages: list[Language] | tuple = (),
    photo=None,
    remove_photo: bool = False,
    contact: FieldContact | None = None,
    request=None,
) -> FieldContact:
    """Create (contact=None) or change the contact person of a field of action of `office`.

    The responsible person and the deputy are staff of the office working on inquiries; the deputy is
    another person. A new `photo` (an uploaded image, checked by type and size) replaces the old one.
    """
    if contact is not None and contact.office_id != office.pk:
        raise ValidationError(_("Unknown contact person."))
    errors = {}
    if not _is_inquiry_staff(office=office, user=person):
        errors["person"] = _("Choose a staff member of this office.")
    if deputy is not None:
        if deputy.pk == person.pk:
            errors["deputy"] = _("The deputy must be another person than the responsible person.")
        elif not _is_inquiry_staff(office=office, user=deputy):
            errors["deputy"] = _("Choose a staff member of this office.")
    duplicate = FieldContact.objects.filter(office=office, field_of_action=field_of_action)
    if contact is not None:
        duplicate = duplicate.exclude(pk=contact.pk)
    if duplicate.exists():
        errors["field_of_action"] = _("This field of action already has a contact person.")
    if photo is not None:
        if photo.size > PHOTO_MAX_BYTES:
            errors["photo"] = _("The photo is too large (at most 2 MB).")
        elif getattr(getattr(photo, "image", None), "format", None) not in PHOTO_FORMATS:
            errors["photo"] = _("Upload a photo in JPEG, PNG or WebP format.")
    if errors:
        raise ValidationError(errors)
    creating = contact is None
    contact = contact or FieldContact(office=office)
    contact.field_of_action = field_of_action
    contact.person = person
    contact.deputy = deputy
    contact.public_title = public_title.strip()
    contact.public_phone = public_phone.strip()
    contact.public_email = public_email.strip()
    old_photo = contact.photo.name if contact.photo else ""
    if photo is not None:
        contact.photo = photo
    elif remove_photo:
        contact.photo = None
    with transaction.atomic():
        contact.save()
        contact.languages.set(languages)
        audit_record(
            actor=by,
            action=Action.CREATE if creating else Action.UPDATE,
            office=office,
            target=contact,
            detail=str(field_of_action),
            request=request,
        )
        if old_photo and old_photo != (contact.photo.name if contact.photo else ""):
            storage = contact.photo.storage
            transaction.on_commit(lambda: storage.delete(old_photo))
    return contact


def field_contact_delete(*, contact: FieldContact, by, request=None) -> None:
    """Remove a field's contact person: its new inquiries go to the triage inbox (existing ones stay
    assigned as they are)."""
    photo = contact.photo.name if contact.photo else ""
    storage = contact.photo.storage
    with transaction.atomic():
        audit_record(
            actor=by,
            action=Action.DELETE,
            office=contact.office,
            target=contact,
            detail=str(contact.field_of_action),
            request=request,
        )
        contact.delete()
        if photo:
            transaction.on_commit(lambda: storage.delete(photo))


# --- Submitting (public) --------------------------------------------------------------------------------


def inquiry_submit(
    *,
    office: Office,
    submission_key: uuid.UUID | str,
    sender_type: str,
    field_of_action: FieldOfAction | None,
    municipality: Municipality | None,
    subject: str,
    message: str,
    preferred_language: str,
    name: str,
    email: str,
    phone: str = "",
    organisation_name: str = "",
    language: str = "",
) -> tuple[Inquiry, bool]:
    """Store an inquiry from the public form and route it. Returns (inquiry, created).

    The same submission key twice (a double click, a reload of the result page) returns the first
    inquiry and stores and sends nothing. `language` is the page language, used for the receipt.
    """
    key = str(submission_key or "")
    if key:
        existing = Inquiry.objects.filter(office=office, submission_key=key).first()
        if existing is not None:
            return existing, False
    if municipality is not None and not office.municipalities.filter(pk=municipality.pk).exists():
        raise ValidationError({"municipality": _("This municipality is not served by the office.")})
    contact = None
    if field_of_action is not None:
        contact = (
            FieldContact.objects.filter(office=office, field_of_action=field_of_action)
            .select_related("person")
            .first()
        )
    inquiry = Inquiry(
        office=office,
        field_of_action=field_of_action,
        municipality=municipality,
        sender_type=sender_type,
        name=name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        organisation_name=organisation_name.strip(),
        preferred_language=preferred_language,
        subject=subject.strip(),
        message=message.strip(),
        status=Status.NEW,
        # An inactive account receives nothing: the inquiry waits in the triage inbox instead.
        assigned_to=contact.person if contact is not None and contact.person.is_active else None,
        due_on=inquiry_due_on(timezone.localdate()),
        submission_key=key,
    )
    # Direct callers (tests, imports) get the model's checks; the form already made them. The address
    # is an encrypted column without an e-mail validator of its own.
    errors = {}
    try:
        inquiry.full_clean(exclude=["submission_key"])
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    try:
        validate_email(inquiry.email)
    except ValidationError:
        errors.setdefault("email", []).append(_("Enter a valid e-mail address."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        inquiry.save()
        InquiryMessage.objects.create(
            inquiry=inquiry, kind=InquiryMessage.Kind.INCOMING, body=inquiry.message, sent_at=timezone.now()
        )
        audit_record(actor=None, action=Action.CREATE, office=office, target=inquiry, detail="public form")
        transaction.on_commit(lambda: inquiry_emails.inquiry_notify_staff.enqueue(inquiry_id=inquiry.pk))
        transaction.on_commit(
            lambda: inquiry_emails.inquiry_send_receipt.enqueue(inquiry_id=inquiry.pk, language=language)
        )
    return inquiry, True


# --- Working on an inquiry (staff) ----------------------------------------------------------------------


def _lock(inquiry: Inquiry) -> Inquiry:
    return Inquiry.objects.select_for_update().get(pk=inquiry.pk)


def inquiry_assign(*, inquiry: Inquiry, to, by, request=None) -> Inquiry:
    """Give the inquiry to a staff member of its office (None: back to the triage inbox); the new
    assignee (if not the one assigning) is told by e-mail."""
    if to is not None and not _is_inquiry_staff(office=inquiry.office, user=to):
        raise ValidationError({"assigned_to": _("Choose a staff member of this office.")})
    with transaction.atomic():
        locked = _lock(inquiry)
        if locked.assigned_to_id == (to.pk if to else None):
            return inquiry
        locked.assigned_to = to
        if to is not None and locked.status == Status.NEW:
            locked.status = Status.IN_PROGRESS
        locked.save(update_fields=["assigned_to", "status", "updated_at"])
        audit_record(
            actor=by,
            action=Action.UPDATE,
            office=inquiry.office,
            target=locked,
            detail=f"assigned to {to.get_username()}" if to else "unassigned",
            request=request,
        )
        if to is not None and to.pk != by.pk:
            transaction.on_commit(
                lambda: inquiry_emails.inquiry_notify_assignee.enqueue(inquiry_id=locked.pk)
            )
    inquiry.assigned_to, inquiry.status = locked.assigned_to, locked.status
    return inquiry


def inquiry_reply(*, inquiry: Inquiry, body: str, by, request=None) -> InquiryMessage:
    """Answer the sender: the reply is kept in the thread and sent by e-mail after commit (its `sent_at`
    is set when the mail went out). The inquiry is answered; who replies to an unassigned inquiry takes it."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a reply.")})
    if inquiry.status == Status.CLOSED:
        raise ValidationError(_("This inquiry is closed. Reopen it to reply."))
    now = timezone.now()
    with transaction.atomic():
        locked = _lock(inquiry)
        reply = InquiryMessage.objects.create(
            inquiry=locked, kind=InquiryMessage.Kind.REPLY, body=body, author=by
        )
        locked.status = Status.ANSWERED
        locked.answered_at = locked.answered_at or now
        if locked.assigned_to_id is None:
            locked.assigned_to = by
        locked.save(update_fields=["status", "answered_at", "assigned_to", "updated_at"])
        audit_record(
            actor=by,
            action=Action.UPDATE,
            office=inquiry.office,
            target=locked,
            detail="reply sent",
            request=request,
        )
        transaction.on_commit(lambda: inquiry_emails.inquiry_send_reply.enqueue(message_id=reply.pk))
    inquiry.status, inquiry.answered_at, inquiry.assigned_to_id = (
        locked.status,
        locked.answered_at,
        locked.assigned_to_id,
    )
    return reply


def inquiry_add_note(*, inquiry: Inquiry, body: str, by, request=None) -> InquiryMessage:
    """An internal note in the thread (never sent to the sender)."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a note.")})
    with transaction.atomic():
        note = InquiryMessage.objects.create(
            inquiry=inquiry, kind=InquiryMessage.Kind.NOTE, body=body, author=by
        )
        audit_record(
            actor=by,
            action=Action.UPDATE,
            office=inquiry.office,
            target=inquiry,
            detail="note added",
            request=request,
        )
    return note


def inquiry_set_status(*, inquiry: Inquiry, status: str, by, request=None) -> Inquiry:
    """Change the status: closing records when, reopening (any other status) clears it."""
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    with transaction.atomic():
        locked = _lock(inquiry)
        if locked.status == status:
            return inquiry
        previous = locked.status
        locked.status = status
        locked.closed_at = timezone.now() if status == Status.CLOSED else None
        locked.save(update_fields=["status", "closed_at", "updated_at"])
        audit_record(
            actor=by,
            action=Action.UPDATE,
            office=inquiry.office,
            target=locked,
            detail=f"status {previous} → {status}",
            request=request,
        )
    inquiry.status, inquiry.closed_at = locked.status, locked.closed_at
    return inquiry


def inquiry_set_due(*, inquiry: Inquiry, due_on: date, by, request=None) -> Inquiry:
    if due_on is None:
        raise ValidationError({"due_on": _("Enter a date.")})
    with transaction.atomic():
        locked = _lock(inquiry)
        locked.due_on = due_on
        locked.save(update_fields=["due_on", "updated_at"])
        audit_record(
            actor=by,
            action=Action.UPDATE,
            office=inquiry.office,
            target=locked,
            detail=f"due on {due_on.isoformat()}",
            request=request,
        )
    inquiry.due_on = locked.due_on
    return inquiry
