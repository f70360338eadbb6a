"""Writes of cases and what hangs off them: sessions, referrals, follow-ups, sharing.

Every function validates its whole input first and raises one `ValidationError` whose keys name the form
fields (`NON_FIELD_ERRORS` for rules about the record as a whole), then writes in one transaction together
with its audit entry. Sub-records (sessions, referrals, follow-ups) are logged on the case, so the case's
access log shows them; the detail names fields and sub-records, never their values.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.models import Language, Membership, Municipality, Office
from fachstelle.core.validation import FieldErrors
from fachstelle.network.models import Organisation
from fachstelle.offers.models import Offer

from ..access import cases_visible_to, clients_visible_to, membership_role
from ..models import Case, Client, Consent, CounsellingSession, FollowUp, Referral, Topic
from .common import STAFF_ROLES, check_not_future, local_today, refuse
from .locking import save_versioned

# Fields `case_update` may change; status only between open and waiting (closing has its own rules).
CASE_UPDATE_FIELDS = ("topics", "municipality", "language", "summary", "status", "opened_on")

# Referral status changes a counsellor may make; rejected, revoked and done are final.
REFERRAL_TRANSITIONS = {
    Referral.Status.IN_PROGRESS: {
        Referral.Status.ACCEPTED,
        Referral.Status.REJECTED,
        Referral.Status.REVOKED,
    },
    Referral.Status.ACCEPTED: {Referral.Status.DONE, Referral.Status.REVOKED},
}


def _audit(*, by, case: Case, action: str, detail: str = "", request=None) -> None:
    audit_record(actor=by, action=action, office=case.office, target=case, detail=detail, request=request)


def _save_new_part(record, *, by, case: Case, label: str, request) -> None:
    """Save a new session or reminder with its audit entry on the case ("session #12"), in one transaction."""
    with transaction.atomic():
        record.save()
        _audit(by=by, case=case, action=Action.CREATE, detail=f"{label} #{record.pk}", request=request)


def _is_staff_member(user, office: Office) -> bool:
    return user is not None and membership_role(user=user, office=office) in STAFF_ROLES


def _ensure_writable(case: Case, *, by) -> None:
    """The writer may see the case, and the case still holds data (anonymised cases are frozen)."""
    if not cases_visible_to(user=by, office=case.office).filter(pk=case.pk).exists():
        refuse(_("You do not have access to this case."))
    if case.anonymised_at is not None:
        refuse(_("This case has been anonymised and can no longer be changed."))


def _ensure_open(case: Case, message) -> None:
    if case.status == Case.Status.CLOSED:
        refuse(message)


# --- Cases ---------------------------------------------------------------------------------------------


def case_open(
    *,
    office: Office,
    by,
    client: Client | None = None,
    counsellor,
    topics: Iterable[Topic],
    opened_on: datetime.date,
    municipality: Municipality | None = None,
    language: Language | None = None,
    summary: str = "",
    request=None,
) -> Case:
    """Open a case for `client` (None: an anonymous case). The municipality is copied from the client
    unless given, so that statistics keep it after the client is anonymised."""
    errors = FieldErrors()
    role = membership_role(user=by, office=office)
    if role not in STAFF_ROLES:
        refuse(_("Only counsellors and office administrators can open cases."))
    if client is not None:
        if (
            client.office_id != office.pk
            or not clients_visible_to(user=by, office=office).filter(pk=client.pk).exists()
        ):
            errors.add("client", _("This person is not one of your office's clients."))
        elif client.anonymised_at is not None:
            errors.add("client", _("This person's data has been anonymised; open an anonymous case instead."))
    if not _is_staff_member(counsellor, office):
        errors.add("counsellor", _("The counsellor must be a counsellor or administrator of this office."))
    elif role == Membership.Role.COUNSELLOR and counsellor.pk != by.pk:
        errors.add("counsellor", _("Only an office administrator can open a case for a colleague."))
    topics = list(topics or [])
    if not topics:
        errors.add("topics", _("Choose at least one topic."))
    if opened_on is None:
        errors.add("opened_on", _("Enter the date the case was opened."))
    check_not_future(errors, "opened_on", opened_on)
    if municipality is None and client is not None:
        municipality = client.municipality
    case = Case(
        office=office,
        client=client,
        counsellor=counsellor,
        municipality=municipality,
        language=language,
        opened_on=opened_on,
        summary=summary or "",
        status=Case.Status.OPEN,
    )
    errors.add_model_errors(case, exclude=["office", "client", "counsellor", "opened_on", "municipality"])
    errors.raise_if_any()
    with transaction.atomic():
        case.save()
        case.topics.set(topics)
        _audit(by=by, case=case, action=Action.CREATE, request=request)
    return case


def case_update(*, case: Case, by, expected_version: int, request=None, **fields) -> Case:
    """Change the case's topics, municipality, language, summary, opened date or open/waiting status.
    Raises `StaleEditError` when someone else saved the case since `expected_version` was loaded."""
    unknown = set(fields) - set(CASE_UPDATE_FIELDS)
    if unknown:
        raise TypeError(f"case_update() cannot change {', '.join(sorted(unknown))}")
    _ensure_writable(case, by=by)
    errors = FieldErrors()
    changed: list[str] = []
    new_topics = None
    if "topics" in fields:
        new_topics = list(fields.pop("topics") or [])
        if not new_topics:
            errors.add("topics", _("Choose at least one topic."))
        elif {t.pk for t in new_topics} != set(case.topics.values_list("pk", flat=True)):
            changed.append("topics")
    status_change = "status" in fields and fields["status"] != case.status
    if status_change and (
        case.status == Case.Status.CLOSED or fields["status"] not in (Case.Status.OPEN, Case.Status.WAITING)
    ):
        errors.add("status", _("Use “close case” and “reopen” to change whether a case is closed."))
    if "opened_on" in fields:
        opened_on = fields["opened_on"]
        if opened_on is None:
            errors.add("opened_on", _("Enter the date the case was opened."))
        else:
            check_not_future(errors, "opened_on", opened_on)
            first = case.sessions.order_by("held_on").values_list("held_on", flat=True).first()
            if first is not None and opened_on > first:
                errors.add(
                    "opened_on",
                    _("The case cannot open after its first session (%(date)s).") % {"date": first},
                )
            if case.closed_on is not None and opened_on > case.closed_on:
                errors.add("opened_on", _("The case cannot open after it was closed."))
    for name, value in fields.items():
        if getattr(case, name) != value:
            setattr(case, name, value)
            changed.append(name)
    errors.add_model_errors(case, exclude=["office", "client", "counsellor"])
    errors.raise_if_any()
    concrete = [name for name in changed if name != "topics"]
    with transaction.atomic():
        save_versioned(case, expected_version=expected_version, update_fields=concrete)
        if "topics" in changed:
            case.topics.set(new_topics)
        if changed:
            _audit(by=by, case=case, action=Action.UPDATE, detail=", ".join(changed), request=request)
    return case


def case_close(
    *, case: Case, by, reason: str, closed_on: datetime.date, expected_version: int, request=None
) -> Case:
    _ensure_writable(case, by=by)
    _ensure_open(case, _("This case is already closed."))
    errors = FieldErrors()
    if reason not in Case.CloseReason.values:
        errors.add("reason", _("Choose why the case is closed."))
    if closed_on is None:
        errors.add("closed_on", _("Enter the date the case was closed."))
    else:
        check_not_future(errors, "closed_on", closed_on)
        if closed_on < case.opened_on:
            errors.add(
                "closed_on",
                _("A case cannot close before it was opened (%(date)s).") % {"date": case.opened_on},
            )
    errors.raise_if_any()
    case.status = Case.Status.CLOSED
    case.close_reason = reason
    case.closed_on = closed_on
    return _save_closing(case, by=by, expected_version=expected_version, request=request)


def _save_closing(case: Case, *, by, expected_version: int, request) -> Case:
    """Save a close or a reopen (status, reason, date) against `expected_version`, with its audit entry."""
    fields = ["status", "close_reason", "closed_on"]
    with transaction.atomic():
        save_versioned(case, expected_version=expected_version, update_fields=fields)
        _audit(by=by, case=case, action=Action.UPDATE, detail=", ".join(fields), request=request)
    return case


def case_reopen(*, case: Case, by, expected_version: int, request=None) -> Case:
    _ensure_writable(case, by=by)
    if case.status != Case.Status.CLOSED:
        refuse(_("This case is not closed."))
    case.status = Case.Status.OPEN
    case.close_reason = ""
    case.closed_on = None
    return _save_closing(case, by=by, expected_version=expected_version, request=request)


def _ensure_may_manage_sharing(case: Case, *, by) -> None:
    role = membership_role(user=by, office=case.office)
    if not (
        role == Membership.Role.ADMIN or (role == Membership.Role.COUNSELLOR and case.counsellor_id == by.pk)
    ):
        refuse(_("Only the case's counsellor or an office administrator can share it."))


def _change_sharing(case: Case, *, by, with_user, add: bool, request) -> Case:
    """Add `with_user` to the case's `shared_with` (or remove them), with its audit entry."""
    with transaction.atomic():
        if add:
            case.shared_with.add(with_user)
        else:
            case.shared_with.remove(with_user)
        sign = "+" if add else "-"
        _audit(
            by=by,
            case=case,
            action=Action.UPDATE,
            detail=f"shared_with {sign}{with_user.get_username()}"[:300],
            request=request,
        )
    return case


def case_share(*, case: Case, by, with_user, request=None) -> Case:
    """Give a colleague of the same office access to the case."""
    _ensure_writable(case, by=by)
    _ensure_may_manage_sharing(case, by=by)
    if not _is_staff_member(with_user, case.office):
        raise ValidationError({"with_user": [_("Cases can only be shared with counsellors of this office.")]})
    if with_user.pk == case.counsellor_id:
        raise ValidationError({"with_user": [_("This is the case's own counsellor.")]})
    return _change_sharing(case, by=by, with_user=with_user, add=True, request=request)


def case_unshare(*, case: Case, by, with_user, request=None) -> Case:
    _ensure_writable(case, by=by)
    _ensure_may_manage_sharing(case, by=by)
    return _change_sharing(case, by=by, with_user=with_user, add=False, request=request)


def case_reassign(*, case: Case, by, counsellor, expected_version: int, request=None) -> Case:
    """Hand the case to another counsellor (office admins only). The new counsellor leaves the
    `shared_with` list, where they no longer need to be."""
    if membership_role(user=by, office=case.office) != Membership.Role.ADMIN:
        refuse(_("Only an office administrator can assign a case to another counsellor."))
    _ensure_writable(case, by=by)
    if not _is_staff_member(counsellor, case.office):
        raise ValidationError(
            {"counsellor": [_("The counsellor must be a counsellor or administrator of this office.")]}
        )
    if counsellor.pk == case.counsellor_id:
        return case
    case.counsellor = counsellor
    with transaction.atomic():
        save_versioned(case, expected_version=expected_version, update_fields=["counsellor"])
        case.shared_with.remove(counsellor)
        _audit(by=by, case=case, action=Action.UPDATE, detail="counsellor", request=request)
    return case


# --- Sessions ------------------------------------------------------------------------------------------


def session_add(
    *,
    case: Case,
    by,
    held_on: datetime.date,
    duration_minutes: int,
    channel: str,
    interpreter_used: bool = False,
    language: Language | None = None,
    notes: str = "",
    request=None,
) -> CounsellingSession:
    _ensure_writable(case, by=by)
    _ensure_open(case, _("This case is closed: reopen it before recording a session."))
    errors = FieldErrors()
    if held_on is None:
        errors.add("held_on", _("Enter the date of the session."))
    else:
        check_not_future(errors, "held_on", held_on)
        if held_on < case.opened_on:
            errors.add(
                "held_on",
                _("A session cannot be held before the case was opened (%(date)s).")
                % {"date": case.opened_on},
            )
    if duration_minutes is None or not 1 <= duration_minutes <= 600:
        errors.add("duration_minutes", _("The duration must be between 1 and 600 minutes."))
    session = CounsellingSession(
        case=case,
        held_on=held_on,
        duration_minutes=duration_minutes,
        channel=channel,
        interpreter_used=bool(interpreter_used),
        language=language,
        notes=notes or "",
        created_by=by,
    )
    errors.add_model_errors(session, exclude=["case", "held_on", "duration_minutes", "created_by"])
    errors.raise_if_any()
    _save_new_part(session, by=by, case=case, label="session", request=request)
    return session


# --- Referrals -----------------------------------------------------------------------------------------


def _sharing_consent(
    errors: FieldErrors, *, case: Case, partner: Organisation | None, consent: Consent | None
) -> Consent | None:
    """The active "sharing" consent of the case's client for `partner`, locked against a concurrent
    withdrawal; None (with an error) when there is none."""
    if case.client_id is None:
        errors.add("shares_data", _("An anonymous case cannot share personal data."))
        return None
    if partner is None:
        return None
    candidates = Consent.objects.select_for_update().filter(client_id=case.client_id)
    if consent is not None:
        consent = candidates.filter(pk=consent.pk).first()
        if consent is None:
            errors.add("consent", _("This consent belongs to another person."))
        elif consent.scope != Consent.Scope.SHARING:
            errors.add("consent", _("This consent does not cover sharing data with a partner."))
        elif consent.withdrawn_on is not None:
            errors.add(
                "consent",
                _("This consent was withdrawn on %(date)s; the data cannot be shared.")
                % {"date": consent.withdrawn_on},
            )
        elif consent.partner_id != partner.pk:
            errors.add(
                "consent",
                _("This consent covers another organisation, not %(partner)s.") % {"partner": partner.name},
            )
        else:
            return consent
        return None
    consent = (
        candidates.filter(scope=Consent.Scope.SHARING, partner=partner, withdrawn_on__isnull=True)
        .order_by("-given_on", "-pk")
        .first()
    )
    if consent is None:
        errors.add(
            "shares_data",
            _(
                "Sharing data with %(partner)s needs the person's active consent to share data with this "
                "organisation. Record the consent on the person's page first, or refer without sharing data."
            )
            % {"partner": partner.name},
        )
    return consent


def referral_create(
    *,
    case: Case,
    by,
    offer: Offer | None = None,
    organisation: Organisation | None = None,
    shares_data: bool = False,
    consent: Consent | None = None,
    note: str = "",
    request=None,
) -> Referral:
    """Refer the case to an offer of the directory or to an organisation (exactly one). Sharing personal
    data needs an active consent of the client to share with the target organisation (an offer's
    provider); without `consent`, the matching one is looked up."""
    _ensure_writable(case, by=by)
    _ensure_open(case, _("This case is closed: reopen it before adding a referral."))
    errors = FieldErrors()
    if (offer is None) == (organisation is None):
        errors.add(NON_FIELD_ERRORS, _("Choose either an offer or an organisation."))
    if offer is not None and offer.office_id != case.office_id:
        errors.add("offer", _("This offer is not in your office's directory."))
    if organisation is not None and organisation.office_id != case.office_id:
        errors.add("organisation", _("This organisation is not in your office's network."))
    partner = organisation if organisation is not None else (offer.provider if offer is not None else None)
    with transaction.atomic():
        if shares_data:
            consent = _sharing_consent(errors, case=case, partner=partner, consent=consent)
        else:
            consent = None
        referral = Referral(
            case=case,
            offer=offer,
            organisation=organisation,
            shares_data=bool(shares_data),
            consent=consent,
            note=note or "",
            created_by=by,
        )
        errors.add_model_errors(referral, exclude=["case", "offer", "organisation", "consent", "created_by"])
        errors.raise_if_any()
        referral.save()
        detail = f"referral #{referral.pk}" + (" shares_data" if shares_data else "")
        _audit(by=by, case=case, action=Action.CREATE, detail=detail, request=request)
    return referral


def referral_set_status(
    *,
    referral: Referral,
    by,
    status: str,
    outcome: str | None = None,
    failure_reason: str | None = None,
    request=None,
) -> Referral:
    """Move a referral along: in progress → accepted/rejected/revoked; accepted → done/revoked.
    "Done" records the outcome; an unsuccessful outcome records why."""
    case = referral.case
    _ensure_writable(case, by=by)
    errors = FieldErrors()
    with transaction.atomic():
        current = Referral.objects.select_for_update().get(pk=referral.pk)
        allowed = REFERRAL_TRANSITIONS.get(current.status, set())
        if status not in allowed:
            refuse(
                _("A referral that is “%(current)s” cannot become “%(new)s”.")
                % {
                    "current": current.get_status_display(),
                    "new": Referral.Status(status).label if status in Referral.Status.values else status,
                }
            )
        outcome = outcome or ""
        failure_reason = failure_reason or ""
        if status == Referral.Status.DONE:
            if outcome not in Referral.Outcome.values:
                errors.add("outcome", _("Record whether the referral was successful."))
            elif outcome == Referral.Outcome.FAILED and failure_reason not in Referral.FailureReason.values:
                errors.add("failure_reason", _("Record why the referral was not successful."))
            if outcome == Referral.Outcome.SUCCESS:
                failure_reason = ""
        else:
            # Only a finished referral has an outcome.
            outcome = failure_reason = ""
        errors.raise_if_any()
        current.status = status
        current.outcome = outcome
        current.failure_reason = failure_reason
        current.save(update_fields=["status", "outcome", "failure_reason", "updated_at"])
        _audit(
            by=by, case=case, action=Action.UPDATE, detail=f"referral #{current.pk}: status", request=request
        )
    return current


# --- Follow-ups ----------------------------------------------------------------------------------------


def follow_up_add(*, case: Case, by, due_on: datetime.date, note: str, request=None) -> FollowUp:
    _ensure_writable(case, by=by)
    _ensure_open(case, _("This case is closed: reopen it before adding a reminder."))
    errors = FieldErrors()
    if due_on is None:
        errors.add("due_on", _("Enter when the reminder is due."))
    elif due_on < local_today():
        errors.add("due_on", _("A reminder cannot be due in the past."))
    if not (note or "").strip():
        errors.add("note", _("Say what is to be done."))
    follow_up = FollowUp(case=case, due_on=due_on, note=(note or "").strip(), created_by=by)
    errors.add_model_errors(follow_up, exclude=["case", "due_on", "created_by"])
    errors.raise_if_any()
    _save_new_part(follow_up, by=by, case=case, label="follow-up", request=request)
    return follow_up


def follow_up_done(
    *, follow_up: FollowUp, by, done_on: datetime.date | None = None, request=None
) -> FollowUp:
    case = follow_up.case
    _ensure_writable(case, by=by)
    done_on = done_on or local_today()
    if done_on > local_today():
        raise ValidationError({"done_on": [_("The date cannot be in the future.")]})
    with transaction.atomic():
        updated = FollowUp.objects.filter(pk=follow_up.pk, done_on__isnull=True).update(done_on=done_on)
        if not updated:
            refuse(_("This reminder is already done."))
        follow_up.done_on = done_on
        _audit(
            by=by,
            case=case,
            action=Action.UPDATE,
            detail=f"follow-up #{follow_up.pk}: done_on",
            request=request,
        )
    return follow_up
