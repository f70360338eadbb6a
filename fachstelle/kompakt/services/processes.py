"""Writes of KOMPAKT processes: start a process with its six phases, edit it and its phases, the working
group, the dates the municipality blocks, and the school holidays the workshop planner avoids.

Every write runs in one transaction with its audit entry. Rules a user can break raise one ValidationError
keyed by form field (see `fachstelle.core.forms.add_service_errors`); the database constraints stay the last
line of defence and their IntegrityError is turned into the same message."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.models import Membership, Municipality, Office
from fachstelle.network.models import Contact, KeyPerson

from ..models import BlockedDate, Phase, Process, SchoolHoliday, WorkingGroupMember
from ..school_holidays import SCHOOL_HOLIDAYS
from ..selectors.processes import CLOSED_STATUSES


def _audit(*, by, action: str, office: Office, target, detail: str) -> None:
    audit_record(actor=by, action=action, office=office, target=target, detail=detail)


def _open_process_error() -> ValidationError:
    return ValidationError(
        {
            "municipality": _(
                "This municipality already has an open KOMPAKT process. Complete or cancel it first."
            )
        }
    )


def _check_lead(*, office: Office, lead) -> None:
    if lead is not None and not Membership.objects.filter(office=office, user=lead).exists():
        raise ValidationError({"lead": _("The lead must be a staff member of the office.")})


# --- Processes -----------------------------------------------------------------------------------------


def process_create(
    *,
    office: Office,
    municipality: Municipality,
    lead=None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    notes: str = "",
    by,
) -> Process:
    """A new process in status "planned" with its six phases (not started)."""
    if not office.municipalities.filter(pk=municipality.pk).exists():
        raise ValidationError({"municipality": _("The office does not serve this municipality.")})
    _check_lead(office=office, lead=lead)
    open_exists = (
        Process.objects.filter(office=office, municipality=municipality)
        .exclude(status__in=CLOSED_STATUSES)
        .exists()
    )
    if open_exists:
        raise _open_process_error()
    process = Process(
        office=office,
        municipality=municipality,
        lead=lead,
        municipal_contact_name=contact_name.strip(),
        municipal_contact_email=contact_email.strip(),
        municipal_contact_phone=contact_phone.strip(),
        notes=notes,
    )
    process.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            process.save()
            for kind in Phase.ORDER:
                Phase(process=process, kind=kind).save()
            _audit(
                by=by, action=Action.CREATE, office=office, target=process, detail="KOMPAKT process started"
            )
    except IntegrityError:
        # A concurrent start for the same municipality won the race.
        raise _open_process_error() from None
    return process


PROCESS_FIELDS = (
    "status",
    "lead",
    "municipal_contact_name",
    "municipal_contact_email",
    "municipal_contact_phone",
    "start_session_hours",
    "session_hours",
    "weeks_between_sessions",
    "programme_weeks_after_workshops",
    "programme_due_on",
    "notes",
)


def process_update(
    *,
    process: Process,
    by,
    status: str,
    lead=None,
    municipal_contact_name: str = "",
    municipal_contact_email: str = "",
    municipal_contact_phone: str = "",
    start_session_hours: Decimal = Decimal("1.5"),
    session_hours: Decimal = Decimal("4"),
    weeks_between_sessions: int = 2,
    programme_weeks_after_workshops: int = 6,
    programme_due_on: datetime.date | None = None,
    notes: str = "",
) -> Process:
    """Change status, lead, contact, workshop rhythm and notes. Re-opening a completed or cancelled process
    is refused while another process of the municipality is open."""
    _check_lead(office=process.office, lead=lead)
    previous_status = process.status
    reopening = previous_status in CLOSED_STATUSES and status not in CLOSED_STATUSES
    status_error = ValidationError(
        {
            "status": _(
                "Another KOMPAKT process of this municipality is open. Complete or cancel it before "
                "re-opening this one."
            )
        }
    )
    if reopening:
        other_open = (
            Process.objects.filter(office=process.office, municipality=process.municipality)
            .exclude(pk=process.pk)
            .exclude(status__in=CLOSED_STATUSES)
            .exists()
        )
        if other_open:
            raise status_error
    values = {
        "status": status,
        "lead": lead,
        "municipal_contact_name": municipal_contact_name.strip(),
        "municipal_contact_email": municipal_contact_email.strip(),
        "municipal_contact_phone": municipal_contact_phone.strip(),
        "start_session_hours": start_session_hours,
        "session_hours": session_hours,
        "weeks_between_sessions": weeks_between_sessions,
        "programme_weeks_after_workshops": programme_weeks_after_workshops,
        "programme_due_on": programme_due_on,
        "notes": notes,
    }
    changed = [name for name, value in values.items() if getattr(process, name) != value]
    for name, value in values.items():
        setattr(process, name, value)
    process.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            process.save()
            detail = "changed: " + ", ".join(changed) if changed else "saved without changes"
            if "status" in changed:
                detail += f" (status {previous_status} → {status})"
            _audit(by=by, action=Action.UPDATE, office=process.office, target=process, detail=detail)
    except IntegrityError:
        process.status = previous_status
        raise status_error from None
    return process


# --- Phases --------------------------------------------------------------------------------------------


@dataclass
class PhaseData:
    kind: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    status: str
    notes: str = ""


def phase_errors(rows: list[PhaseData]) -> dict[str, list[str]]:
    """Problems by `<kind>-starts_on` / `<kind>-ends_on` key: an end before the start, a phase starting
    before the previous (dated) phase starts."""
    errors: dict[str, list[str]] = {}
    previous: PhaseData | None = None
    labels = dict(Phase.Kind.choices)
    for row in sorted(rows, key=lambda r: Phase.ORDER.index(r.kind)):
        if row.starts_on and row.ends_on and row.ends_on < row.starts_on:
            errors.setdefault(f"{row.kind}-ends_on", []).append(_("The phase cannot end before it starts."))
        if row.starts_on and previous is not None and row.starts_on < previous.starts_on:
            errors.setdefault(f"{row.kind}-starts_on", []).append(
                _("A phase cannot start before the previous phase (%(phase)s, %(date)s) starts.")
                % {"phase": labels[previous.kind], "date": previous.starts_on.strftime("%d.%m.%Y")}
            )
        if row.starts_on:
            previous = row
    return errors


def phases_update(*, process: Process, rows: list[PhaseData], by) -> list[Phase]:
    """Save the dates, status and notes of all phases at once (missing phases are created)."""
    errors = phase_errors(rows)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        existing = {phase.kind: phase for phase in process.phases.select_for_update()}
        saved = []
        for row in rows:
            phase = existing.get(row.kind) or Phase(process=process, kind=row.kind)
            phase.starts_on, phase.ends_on = row.starts_on, row.ends_on
            phase.status, phase.notes = row.status, row.notes
            phase.save()
            saved.append(phase)
        _audit(by=by, action=Action.UPDATE, office=process.office, target=process, detail="phases changed")
    return sorted(saved, key=lambda phase: phase.position)


# --- Working group -------------------------------------------------------------------------------------


def _duplicate_check(*, process: Process, contact=None, key_person=None, email: str = "", exclude=None):
    members = process.members.all()
    if exclude is not None:
        members = members.exclude(pk=exclude.pk)
    if contact is not None and members.filter(contact=contact).exists():
        raise ValidationError({"person": _("This contact person is already a member of the working group.")})
    if key_person is not None and members.filter(key_person=key_person).exists():
        raise ValidationError({"person": _("This key person is already a member of the working group.")})
    if email and members.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("A member with this e-mail address is already in the working group.")}
        )


def member_add_from_network(
    *,
    process: Process,
    by,
    contact: Contact | None = None,
    key_person: KeyPerson | None = None,
    role: str = WorkingGroupMember.Role.MEMBER,
    department: str = "",
) -> WorkingGroupMember:
    """Add a contact person of the network or a key person, copying name, e-mail, phone, organisation."""
    if (contact is None) == (key_person is None):
        raise ValidationError({"person": _("Choose one person of the network.")})
    if contact is not None and contact.organisation.office_id != process.office_id:
        raise ValidationError({"person": _("Choose one person of the network.")})
    if key_person is not None and key_person.office_id != process.office_id:
        raise ValidationError({"person": _("Choose one person of the network.")})
    person = contact or key_person
    with transaction.atomic():
        Process.objects.select_for_update().filter(pk=process.pk).first()
        _duplicate_check(process=process, contact=contact, key_person=key_person)
        if person.email and process.members.filter(email__iexact=person.email).exists():
            raise ValidationError(
                {"person": _("A member with this e-mail address is already in the working group.")}
            )
        member = WorkingGroupMember(
            process=process,
            contact=contact,
            key_person=key_person,
            name=person.name,
            # A key person has no organisation: the communities reached say where they come from.
            organisation_name=(contact.organisation.name if contact else key_person.communities)[:200],
            department=(department.strip() or (contact.role if contact else ""))[:200],
            role=role,
            email=person.email,
            phone=person.phone,
        )
        member.full_clean()
        member.save()
        _audit(
            by=by,
            action=Action.CREATE,
            office=process.office,
            target=member,
            detail="working group member added",
        )
    return member


def member_add(
    *,
    process: Process,
    by,
    name: str,
    organisation_name: str = "",
    department: str = "",
    role: str = WorkingGroupMember.Role.MEMBER,
    email: str = "",
    phone: str = "",
) -> WorkingGroupMember:
    """Add a person by hand (not in the network)."""
    if not name.strip():
        raise ValidationError({"name": _("Enter the member's name.")})
    with transaction.atomic():
        Process.objects.select_for_update().filter(pk=process.pk).first()
        _duplicate_check(process=process, email=email.strip())
        member = WorkingGroupMember(
            process=process,
            name=name.strip(),
            organisation_name=organisation_name.strip(),
            department=department.strip(),
            role=role,
            email=email.strip(),
            phone=phone.strip(),
        )
        member.full_clean()
        member.save()
        _audit(
            by=by,
            action=Action.CREATE,
            office=process.office,
            target=member,
            detail="working group member added",
        )
    return member


def member_update(
    *,
    member: WorkingGroupMember,
    by,
    name: str,
    organisation_name: str = "",
    department: str = "",
    role: str = WorkingGroupMember.Role.MEMBER,
    email: str = "",
    phone: str = "",
) -> WorkingGroupMember:
    if not name.strip():
        raise ValidationError({"name": _("Enter the member's name.")})
    with transaction.atomic():
        _duplicate_check(process=member.process, email=email.strip(), exclude=member)
        member.name, member.organisation_name = name.strip(), organisation_name.strip()
        member.department, member.role = department.strip(), role
        member.email, member.phone = email.strip(), phone.strip()
        member.full_clean()
        member.save()
        _audit(
            by=by,
            action=Action.UPDATE,
            office=member.process.office,
            target=member,
            detail="working group member changed",
        )
    return member


def member_remove(*, member: WorkingGroupMember, by) -> None:
    office = member.process.office
    with transaction.atomic():
        _audit(
            by=by, action=Action.DELETE, office=office, target=member, detail="working group member removed"
        )
        member.delete()


# --- Blocked dates -------------------------------------------------------------------------------------


def _check_period(starts_on, ends_on) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})


def blocked_date_add(
    *, process: Process, starts_on: datetime.date, ends_on: datetime.date | None = None, reason: str = "", by
) -> BlockedDate:
    """A period the municipality cannot hold a workshop; one day when `ends_on` is empty."""
    ends_on = ends_on or starts_on
    _check_period(starts_on, ends_on)
    with transaction.atomic():
        blocked = BlockedDate(process=process, starts_on=starts_on, ends_on=ends_on, reason=reason.strip())
        blocked.full_clean()
        blocked.save()
        _audit(
            by=by, action=Action.CREATE, office=process.office, target=blocked, detail="blocked date added"
        )
    return blocked


def blocked_date_remove(*, blocked: BlockedDate, by) -> None:
    with transaction.atomic():
        _audit(
            by=by,
            action=Action.DELETE,
            office=blocked.process.office,
            target=blocked,
            detail="blocked date removed",
        )
        blocked.delete()


# --- School holidays -----------------------------------------------------------------------------------


def school_holiday_save(
    *,
    canton: str,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    by,
    office: Office | None = None,
    holiday: SchoolHoliday | None = None,
) -> SchoolHoliday:
    """Create (or with `holiday` change) one holiday of `canton`. Two holidays cannot start on one day."""
    _check_period(starts_on, ends_on)
    clash = SchoolHoliday.objects.filter(canton=canton, starts_on=starts_on)
    if holiday is not None:
        clash = clash.exclude(pk=holiday.pk)
    if clash.exists():
        raise ValidationError({"starts_on": _("Other holidays of this canton already start on this day.")})
    holiday = holiday or SchoolHoliday(canton=canton)
    created = holiday.pk is None
    holiday.name, holiday.starts_on, holiday.ends_on = name.strip(), starts_on, ends_on
    holiday.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            holiday.save()
            _audit(
                by=by,
                action=Action.CREATE if created else Action.UPDATE,
                office=office,
                target=holiday,
                detail=f"school holidays {canton} {starts_on.isoformat()}",
            )
    except IntegrityError:
        raise ValidationError(
            {"starts_on": _("Other holidays of this canton already start on this day.")}
        ) from None
    return holiday


def school_holiday_delete(*, holiday: SchoolHoliday, by, office: Office | None = None) -> None:
    with transaction.atomic():
        _audit(
            by=by,
            action=Action.DELETE,
            office=office,
            target=holiday,
            detail=f"school holidays {holiday.canton} {holiday.starts_on.isoformat()}",
        )
        holiday.delete()


@dataclass
class HolidayLoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def school_holidays_load(*, entries=None) -> HolidayLoadResult:
    """Update or create the seed holidays by canton and first day; unchanged rows are not written."""
    result = HolidayLoadResult()
    entries = SCHOOL_HOLIDAYS if entries is None else entries
    with transaction.atomic():
        existing = {
            (holiday.canton, holiday.starts_on): holiday
            for holiday in SchoolHoliday.objects.filter(canton__in={canton for canton, *_rest in entries})
        }
        for canton, name, starts_on, ends_on in entries:
            holiday = existing.get((canton, starts_on))
            if holiday is None:
                SchoolHoliday.objects.create(canton=canton, name=name, starts_on=starts_on, ends_on=ends_on)
                result.created += 1
            elif (holiday.name, holiday.ends_on) != (name, ends_on):
                holiday.name, holiday.ends_on = name, ends_on
                holiday.save(update_fields=["name", "ends_on"])
                result.updated += 1
            else:
                result.unchanged += 1
    return result
