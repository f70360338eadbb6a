"""Writes of the reporting point (Meldestelle): a report from the public form, its triage by staff and its
anonymisation when it is no longer needed.

Reports are personal data with the protection of counselling cases: every write is audited in the same
transaction (without any of the reporter's text in the log), e-mails go out after commit. Who may triage:

==================  =============================================================================
office admin        assign (to an admin or counsellor of the office), status and internal note
assigned counsellor status and internal note of their reports
other counsellors   read only (the report, not the reporter's contact data)
==================  =============================================================================
"""

import datetime
import re
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.models import Membership, Municipality, Office, User
from fachstelle.core.staff import PERSONAL_DATA_ROLES, membership_role

from .. import report_emails
from ..models import Report

Status = Report.Status
Role = Membership.Role

# Where a report may go from each status. Closing is possible at every step (an unfounded or duplicate
# report needs no review); a closed report can be taken up again.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.IN_REVIEW, Status.CLOSED}),
    Status.IN_REVIEW: frozenset({Status.ACTION, Status.REFERRED, Status.CLOSED}),
    Status.ACTION: frozenset({Status.REFERRED, Status.CLOSED}),
    Status.REFERRED: frozenset({Status.ACTION, Status.CLOSED}),
    Status.CLOSED: frozenset({Status.IN_REVIEW}),
}
# Dates before this are typing mistakes (a year 0202), not events someone reports.
EARLIEST_OCCURRED_ON = datetime.date(1900, 1, 1)
PHONE = re.compile(r"^\+?[0-9 ()/.\-]{5,40}$")
# What a report says about people: wiped by `report_anonymise`.
PERSONAL_FIELDS = ("place", "description", "contact_name", "contact_email", "contact_phone", "triage_note")
# "Leave the assignment as it is" for `report_triage` (None means "nobody").
UNCHANGED = object()


def _fields_clean(report: Report, *, exclude: tuple[str, ...] = ()) -> None:
    """Model validation (lengths, choices) with messages keyed by field."""
    report.full_clean(exclude=["office", "assigned_to", "municipality", *exclude], validate_unique=False)


def report_submit(
    *,
    office: Office,
    category: str,
    description: str,
    submission_key: uuid.UUID | str,
    language: str,
    municipality: Municipality | None = None,
    place: str = "",
    occurred_on: datetime.date | None = None,
    is_anonymous: bool = True,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> tuple[Report, bool]:
    """Store a report from the public form; `created` is False when the same form was sent twice (the
    first report is returned). A reporter who left an e-mail address gets a receipt after commit.
    Raises `ValidationError` keyed by field."""
    contact = {
        "contact_name": contact_name.strip(),
        "contact_email": contact_email.strip(),
        "contact_phone": contact_phone.strip(),
    }
    errors: dict[str, list[str]] = {}
    if occurred_on is not None and occurred_on > timezone.localdate():
        errors.setdefault("occurred_on", []).append(_("The date cannot be in the future."))
    if occurred_on is not None and occurred_on < EARLIEST_OCCURRED_ON:
        errors.setdefault("occurred_on", []).append(_("Please check the year of this date."))
    if municipality is not None and not office.municipalities.filter(pk=municipality.pk).exists():
        errors.setdefault("municipality", []).append(_("This municipality is not served by the office."))
    if is_anonymous and any(contact.values()):
        # An anonymous report keeps no trace of its author, even if the fields were filled in.
        errors.setdefault("is_anonymous", []).append(
            _(
                "You chose to report anonymously but entered contact details. Remove them or choose to "
                "leave your contact details."
            )
        )
    if not is_anonymous and not (contact["contact_email"] or contact["contact_phone"]):
        errors.setdefault("contact_email", []).append(
            _("Please give an e-mail address or a phone number, so that the office can contact you.")
        )
    if contact["contact_phone"] and not PHONE.match(contact["contact_phone"]):
        errors.setdefault("contact_phone", []).append(_("Please enter a valid phone number."))
    report = Report(
        office=office,
        category=category,
        municipality=municipality,
        place=place.strip(),
        occurred_on=occurred_on,
        description=description.strip(),
        is_anonymous=is_anonymous,
        submission_key=str(submission_key),
        **contact,
    )
    try:
        _fields_clean(report)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        # Serialises submissions of one office, so that a form sent twice at once stores one report.
        Office.objects.select_for_update().filter(pk=office.pk).first()
        existing = Report.objects.filter(office=office, submission_key=report.submission_key).first()
        if existing is not None:
            return existing, False
        report.save()
        # No personal data in the log: the reference is enough to find the report.
        audit_record(actor=None, action=Action.CREATE, office=office, target=report, detail="public form")
        if report.contact_email:
            report_id = report.pk
            transaction.on_commit(
                lambda: report_emails.report_send_receipt.enqueue(report_id=report_id, language=language)
            )
    return report, True


def _may_triage(*, user: User, role: str | None, report: Report) -> bool:
    return role == Role.ADMIN or (role == Role.COUNSELLOR and report.assigned_to_id == user.pk)


def report_may_triage(*, user: User, report: Report) -> bool:
    return _may_triage(user=user, role=membership_role(user=user, office=report.office), report=report)


def report_version(report: Report) -> str:
    """The token a triage form carries to notice a change made meanwhile by someone else."""
    return report.updated_at.isoformat() if report.updated_at else ""


class StaleReportError(ValidationError):
    """Someone else changed the report since the form was loaded."""


def report_triage(
    *,
    report: Report,
    by: User,
    status: str,
    triage_note: str,
    assigned_to=UNCHANGED,
    expected_version: str | None = None,
    request=None,
) -> Report:
    """Change status, internal note and (office admins only) the assignee of a report, audited.
    Raises `PermissionError` for users who may not triage it, `StaleReportError` when the report changed
    since `expected_version`, `ValidationError` (keyed by field) for an impossible change."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().select_related("office").get(pk=report.pk)
        role = membership_role(user=by, office=locked.office)
        if not _may_triage(user=by, role=role, report=locked):
            raise PermissionError("This user may not triage this report.")
        if locked.anonymised_at is not None:
            raise ValidationError(_("This report has been anonymised and can no longer be changed."))
        if expected_version is not None and expected_version != report_version(locked):
            raise StaleReportError(
                _("Someone else changed this report in the meantime. Please check it and try again.")
            )
        errors: dict[str, list[str]] = {}
        changes = []
        if status != locked.status:
            if status not in TRANSITIONS.get(locked.status, ()):
                errors["status"] = [
                    _("A report cannot go from “%(old)s” to “%(new)s”.")
                    % {"old": Status(locked.status).label, "new": dict(Status.choices).get(status, status)}
                ]
            else:
                changes.append(f"status {locked.status}->{status}")
                locked.status = status
        if assigned_to is not UNCHANGED and assigned_to != locked.assigned_to:
            if role != Role.ADMIN:
                errors["assigned_to"] = [_("Only office admins can assign a report.")]
            elif assigned_to is not None and (
                membership_role(user=assigned_to, office=locked.office) not in PERSONAL_DATA_ROLES
            ):
                errors["assigned_to"] = [
                    _("Reports can only be assigned to admins or counsellors of the office.")
                ]
            else:
                # The log names users by id only; their names are in the user table.
                changes.append(f"assigned {assigned_to.pk if assigned_to else '-'}")
                locked.assigned_to = assigned_to
        triage_note = triage_note.strip()
        if triage_note != locked.triage_note:
            changes.append("note")  # never the note itself
            locked.triage_note = triage_note
        if not errors:
            try:
                _fields_clean(locked)
            except ValidationError as exc:
                errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)
        if changes:
            locked.save()
            audit_record(
                actor=by,
                action=Action.UPDATE,
                office=locked.office,
                target=locked,
                detail=", ".join(changes),
                request=request,
            )
    return locked


def report_anonymise(*, report: Report, by: User | None = None, request=None) -> Report:
    """Wipe everything a report says about people (place, description, contact, internal note) and keep
    what the statistics need (category, municipality, dates, status). Idempotent; audited."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.anonymised_at is not None:
            return locked
        for field in PERSONAL_FIELDS:
            setattr(locked, field, "")
        locked.is_anonymous = True
        locked.anonymised_at = timezone.now()
        locked.save()
        audit_record(actor=by, action=Action.ANONYMISE, target=locked, request=request)
    return locked


def reports_retention_run(*, office, dry_run: bool = False, today=None) -> list[str]:
    """Anonymise the office's closed reports last changed before the retention cutoff (the same period as
    counselling cases: CounsellingSettings.retention_months, default 24). Returns the references."""
    from fachstelle.counselling.services.protection import retention_cutoff

    today = today or timezone.localdate()
    _months, cutoff = retention_cutoff(office=office, today=today)
    expired = Report.objects.filter(
        office=office, status=Report.Status.CLOSED, anonymised_at__isnull=True, updated_at__date__lt=cutoff
    ).order_by("pk")
    references = [report.reference for report in expired.only("pk")]
    if not dry_run:
        for report in expired:
            report_anonymise(report=report)
    return references
