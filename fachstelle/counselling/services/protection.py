"""Anonymisation, retention and deletion on request.

What anonymisation keeps and what it wipes (the needs analysis and the annual statistics must survive):

- wiped: the client's name (→ "anonymisiert"), phone, e-mail, address, the blind indexes; every encrypted
  free text (case summary, session notes, referral and follow-up notes, intake work experience / goals /
  notes, qualification titles, plan note, goal titles, step descriptions, consent notes, interpreter
  booking notes); the plan steps' "responsible" text (it often names a person); stored versions
  (core.Revision) of the records, which are snapshots in clear; exports of the person's data.
- coarsened: year of birth → the first year of its five-year band (1993 → 1990), arrival date → 1 January
  of its year. Exact values together with municipality and country can single a person out; the bands
  are what the statistics use.
- kept: gender (a coarse category the statistics count, and alone not identifying), municipality,
  country of origin, permit category, household size, languages and levels, education, school years,
  goal categories, qualification kind/country/year/recognition, consent scopes and dates, plan goal
  categories/status/progress, case dates/status/topics/counsellor, session dates/durations/channels,
  referral targets/status/outcome, interpreter bookings without their note.

Each case is anonymised in its own transaction with its ANONYMISE audit entry (reference and reason only).
"""

import datetime
import logging
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.models import Membership, Office, Revision

from ..access import membership_role
from ..models import (
    Case,
    Client,
    Consent,
    CounsellingSession,
    CounsellingSettings,
    FollowUp,
    Intake,
    IntegrationPlan,
    InterpreterBooking,
    PlanGoal,
    PlanStep,
    Qualification,
    Referral,
)
from .exports import exports_discard_for_client

logger = logging.getLogger(__name__)

ANONYMISED_NAME = "anonymisiert"
DEFAULT_RETENTION_MONTHS = CounsellingSettings._meta.get_field("retention_months").default


class Reason:
    """Why a record was anonymised; goes into the audit detail (never personal data)."""

    RETENTION = "retention period expired"
    REQUEST = "deleted on request"
    MANUAL = "anonymised by office admin"


def _drop_revisions(model, ids) -> None:
    """Stored versions are snapshots in clear: they go with the personal data."""
    if ids:
        content_type = ContentType.objects.get_for_model(model)
        Revision.objects.filter(content_type=content_type, object_id__in=ids).delete()


def _coarse_year(year: int | None) -> int | None:
    return year - year % 5 if year else year


def case_anonymise(*, case: Case, by=None, reason: str, request=None) -> Case:
    """Wipe the free text of `case` and everything hanging off it; keep what the statistics count.
    Idempotent: an anonymised case is returned unchanged (no second audit entry)."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.anonymised_at is not None:
            return case
        sessions = CounsellingSession.objects.filter(case=case)
        referrals = Referral.objects.filter(case=case)
        follow_ups = FollowUp.objects.filter(case=case)
        _drop_revisions(CounsellingSession, list(sessions.values_list("pk", flat=True)))
        _drop_revisions(Referral, list(referrals.values_list("pk", flat=True)))
        _drop_revisions(FollowUp, list(follow_ups.values_list("pk", flat=True)))
        _drop_revisions(Case, [case.pk])
        sessions.update(notes="")
        referrals.update(note="")
        follow_ups.update(note="")
        InterpreterBooking.objects.filter(case=case).update(note="")
        now = timezone.now()
        Case.objects.filter(pk=case.pk).update(summary="", anonymised_at=now, version=F("version") + 1)
        audit_record(
            actor=by, action=Action.ANONYMISE, office=case.office, target=case, detail=reason, request=request
        )
        if case.client_id is not None:
            # A subject-access archive of the person would still hold the case's notes.
            exports_discard_for_client(client_id=case.client_id)
    case.refresh_from_db()
    return case


def client_anonymise(*, client: Client, by=None, reason: str, request=None) -> Client:
    """Wipe the personal data of `client` (not of their cases: `case_anonymise` does those).
    Idempotent."""
    with transaction.atomic():
        client = Client.objects.select_for_update().get(pk=client.pk)
        if client.anonymised_at is not None:
            return client
        Client.objects.filter(pk=client.pk).update(
            name=ANONYMISED_NAME,
            is_pseudonym=True,
            name_fingerprint="",
            name_tokens="",
            phone="",
            email="",
            address="",
            year_of_birth=_coarse_year(client.year_of_birth),
            arrival_date=client.arrival_date.replace(month=1, day=1) if client.arrival_date else None,
            anonymised_at=timezone.now(),
            version=F("version") + 1,
        )
        intakes = Intake.objects.filter(client=client)
        qualifications = Qualification.objects.filter(client=client)
        consents = Consent.objects.filter(client=client)
        plans = IntegrationPlan.objects.filter(client=client)
        goals = PlanGoal.objects.filter(plan__client=client)
        steps = PlanStep.objects.filter(goal__plan__client=client)
        for model, queryset in [
            (Intake, intakes),
            (Qualification, qualifications),
            (Consent, consents),
            (IntegrationPlan, plans),
            (PlanGoal, goals),
            (PlanStep, steps),
        ]:
            _drop_revisions(model, list(queryset.values_list("pk", flat=True)))
        _drop_revisions(Client, [client.pk])
        intakes.update(work_experience="", goals_text="", notes="")
        qualifications.update(title="")
        consents.update(note="")
        plans.update(note="", version=F("version") + 1)
        goals.update(title="")
        steps.update(description="", responsible="")
        audit_record(
            actor=by,
            action=Action.ANONYMISE,
            office=client.office,
            target=client,
            detail=reason,
            request=request,
        )
        exports_discard_for_client(client_id=client.pk)
    client.refresh_from_db()
    return client


def client_delete_on_request(*, client: Client, by, request=None) -> Client:
    """The person asked for their data to be deleted (Art. 17 GDPR / cantonal acts): every case is closed
    ("ended by the person") and anonymised, then the person. Office admins only. The audit entry names the
    reference and "deleted on request", nothing else."""
    if membership_role(user=by, office=client.office) != Membership.Role.ADMIN:
        raise PermissionDenied
    today = timezone.localdate()
    with transaction.atomic():
        client = Client.objects.select_for_update().get(pk=client.pk)
        for case in Case.objects.filter(client=client).exclude(status=Case.Status.CLOSED):
            Case.objects.filter(pk=case.pk).update(
                status=Case.Status.CLOSED,
                close_reason=Case.CloseReason.CLIENT_ENDED,
                closed_on=max(today, case.opened_on),
            )
            audit_record(
                actor=by,
                action=Action.UPDATE,
                office=case.office,
                target=case,
                detail="status, close_reason, closed_on",
                request=request,
            )
        for case in Case.objects.filter(client=client, anonymised_at__isnull=True):
            case_anonymise(case=case, by=by, reason=Reason.REQUEST, request=request)
        client = client_anonymise(client=client, by=by, reason=Reason.REQUEST, request=request)
        audit_record(
            actor=by,
            action=Action.DELETE,
            office=client.office,
            target=client,
            detail=Reason.REQUEST,
            request=request,
        )
    return client


# --- Retention ------------------------------------------------------------------------------------


@dataclass
class RetentionResult:
    """What the retention run did (or would do) in one office."""

    office: Office
    retention_months: int
    cutoff: datetime.date
    case_refs: list[str] = field(default_factory=list)
    client_refs: list[str] = field(default_factory=list)


def retention_cutoff(*, office: Office, today: datetime.date) -> tuple[int, datetime.date]:
    months = (
        CounsellingSettings.objects.filter(office=office).values_list("retention_months", flat=True).first()
        or DEFAULT_RETENTION_MONTHS
    )
    return months, today - relativedelta(months=months)


def retention_expired_cases(*, office: Office, cutoff: datetime.date):
    """Closed cases of `office`, closed before `cutoff`, not yet anonymised."""
    return Case.objects.filter(
        office=office, status=Case.Status.CLOSED, closed_on__lt=cutoff, anonymised_at__isnull=True
    ).order_by("closed_on", "pk")


def retention_expired_clients(*, office: Office, cutoff: datetime.date, about_to_go: set[int] = frozenset()):
    """Clients of `office` not yet anonymised whose every case is anonymised (or in `about_to_go`, the
    cases a dry run would anonymise) and who have at least one case. Clients without any case are left
    alone: nothing in the data says when their purpose ended."""
    pending = Case.objects.filter(client__office=office, anonymised_at__isnull=True).exclude(
        pk__in=list(about_to_go)
    )
    return (
        Client.objects.filter(office=office, anonymised_at__isnull=True, cases__isnull=False)
        .exclude(pk__in=pending.filter(client__isnull=False).values("client_id"))
        .distinct()
        .order_by("pk")
    )


def retention_run(
    *, office: Office, today: datetime.date | None = None, dry_run: bool = False
) -> RetentionResult:
    """Anonymise the closed cases of `office` past its retention period, then the clients left without
    a case that still holds personal data. `dry_run`: report only, change nothing."""
    today = today or timezone.localdate()
    months, cutoff = retention_cutoff(office=office, today=today)
    result = RetentionResult(office=office, retention_months=months, cutoff=cutoff)
    cases = list(retention_expired_cases(office=office, cutoff=cutoff).only("pk", "office_id", "client_id"))
    result.case_refs = [case.reference for case in cases]
    if not dry_run:
        for case in cases:
            case_anonymise(case=case, reason=Reason.RETENTION)
    about_to_go = {case.pk for case in cases} if dry_run else set()
    clients = retention_expired_clients(office=office, cutoff=cutoff, about_to_go=about_to_go)
    clients = list(clients.only("pk", "office_id"))
    result.client_refs = [client.reference for client in clients]
    if not dry_run:
        for client in clients:
            client_anonymise(client=client, reason=Reason.RETENTION)
    return result
