"""Reads of the data-protection machinery: the audit log, a person's complete record (subject access),
exports of personal data."""

import datetime
import math
from dataclasses import asdict, dataclass

from django.apps import apps
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone, translation

from fachstelle.core.audit import audit_events_for_office, audit_events_for_target
from fachstelle.core.models import AuditEvent, Membership, Office

from ..access import membership_role
from ..models import (
    Case,
    Client,
    ClientLanguage,
    Consent,
    InterpreterBooking,
    PersonalDataExport,
    PlanGoal,
)

AUDIT_PAGE_SIZE = 50
# Record types offered in the audit-log filter (target_type values written by `audit_record`).
AUDIT_RECORD_TYPES = [
    "counselling.client",
    "counselling.case",
    "counselling.counsellingsession",
    "counselling.referral",
    "counselling.followup",
    "counselling.intake",
    "counselling.consent",
    "counselling.integrationplan",
    "counselling.interpreterbooking",
    "counselling.personaldataexport",
    "core.user",
]


def audit_record_type_choices() -> list[tuple[str, str]]:
    choices = []
    for label in AUDIT_RECORD_TYPES:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        choices.append((label, str(model._meta.verbose_name).capitalize()))
    return choices


# --- Audit log -----------------------------------------------------------------------------------


@dataclass
class AuditFilters:
    """The audit-log filters; JSON-able, so that a CSV export built in the background applies the same."""

    actor_id: int | None = None
    action: str = ""
    target_type: str = ""
    reference: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def to_json(self) -> dict:
        data = asdict(self)
        for key in ("date_from", "date_to"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    @classmethod
    def from_json(cls, data: dict) -> "AuditFilters":
        dates = {
            key: datetime.date.fromisoformat(data[key]) if data.get(key) else None
            for key in ("date_from", "date_to")
        }
        return cls(
            actor_id=data.get("actor_id"),
            action=data.get("action") or "",
            target_type=data.get("target_type") or "",
            reference=data.get("reference") or "",
            **dates,
        )


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_events_filtered(*, office: Office, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """The office's audit entries matching `filters`, newest first (index audit_office_at)."""
    events = audit_events_for_office(office=office).order_by("-at", "-pk")
    if filters.actor_id:
        events = events.filter(actor_id=filters.actor_id)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.target_type:
        events = events.filter(target_type=filters.target_type)
    if filters.reference:
        events = events.filter(target_ref=filters.reference)
    # Day bounds in local time, as half-open ranges (index friendly, no __date cast).
    if filters.date_from:
        events = events.filter(at__gte=_day_start(filters.date_from))
    if filters.date_to:
        events = events.filter(at__lt=_day_start(filters.date_to + datetime.timedelta(days=1)))
    return events


@dataclass
class AuditPage:
    """One page of the audit log, in the shape components/pagination.html expects."""

    events: list[AuditEvent]
    page: int
    num_pages: int
    count: int

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


def audit_log_page(*, office: Office, filters: AuditFilters, page: int = 1) -> AuditPage:
    """Queries: a COUNT and the page (actors joined)."""
    events = audit_events_filtered(office=office, filters=filters)
    count = events.count()
    num_pages = max(1, math.ceil(count / AUDIT_PAGE_SIZE))
    page = min(max(1, page), num_pages)
    start = (page - 1) * AUDIT_PAGE_SIZE
    return AuditPage(
        events=list(events[start : start + AUDIT_PAGE_SIZE]), page=page, num_pages=num_pages, count=count
    )


def audit_actor_choices(*, office: Office) -> list[tuple[int, str]]:
    """Members of the office (current ones; a former member can still be found by reference/date)."""
    rows = (
        Membership.objects.filter(office=office)
        .select_related("user")
        .order_by("user__username")
        .values_list("user_id", "user__username")
    )
    return list(rows)


def access_log_for(*, target, limit: int = 20) -> list[AuditEvent]:
    """Who looked at or changed `target`, newest first (for `_access_log.html`)."""
    return list(audit_events_for_target(target=target).order_by("-at", "-pk")[:limit])


# --- Subject access ------------------------------------------------------------------------------


def _label(instance, name: str) -> str:
    """The display value of a choice field ('' when empty)."""
    value = getattr(instance, name)
    return str(getattr(instance, f"get_{name}_display")()) if value else ""


def _user(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def subject_access_collect(*, client: Client) -> dict:
    """Everything stored about one person, for a subject-access request (JSON and PDF): the person,
    languages, intake with goals, qualifications, consents, integration plan with goals and steps, cases
    with sessions, referrals, follow-ups and interpreter bookings, and who accessed these records.

    Display values are in the active language. Staff names (counsellors, users in the access log) are
    included: the person has the right to know who processed their data."""
    language = translation.get_language() or "de"
    client = (
        Client.objects.select_related("office", "counsellor", "municipality")
        .prefetch_related(
            Prefetch("languages", queryset=ClientLanguage.objects.select_related("language")),
            "qualifications",
            Prefetch("consents", queryset=Consent.objects.select_related("partner")),
        )
        .get(pk=client.pk)
    )
    data: dict = {
        "generated_at": timezone.now(),
        "office": {
            "name": client.office.name,
            "street": client.office.street,
            "postcode": client.office.postcode,
            "city": client.office.city,
            "email": client.office.email,
            "phone": client.office.phone,
        },
        "client": {
            "reference": client.reference,
            "name": client.name,
            "is_pseudonym": client.is_pseudonym,
            "year_of_birth": client.year_of_birth,
            "gender": _label(client, "gender"),
            "municipality": client.municipality.name if client.municipality else "",
            "country_of_origin": _label(client, "country_of_origin"),
            "permit_category": client.permit_category,
            "arrival_date": client.arrival_date,
            "household_adults": client.household_adults,
            "household_children": client.household_children,
            "phone": client.phone,
            "email": client.email,
            "address": client.address,
            "counsellor": _user(client.counsellor),
            "created_at": client.created_at,
            "anonymised_at": client.anonymised_at,
        },
        "languages": [
            {"language": entry.language.label(language), "level": _label(entry, "level")}
            for entry in client.languages.all()
        ],
        "intake": None,
        "qualifications": [
            {
                "kind": _label(q, "kind"),
                "title": q.title,
                "country": _label(q, "country"),
                "year": q.year,
                "recognition": _label(q, "recognition"),
            }
            for q in client.qualifications.all()
        ],
        "consents": [
            {
                "scope": _label(c, "scope"),
                "partner": c.partner.name if c.partner else "",
                "given_on": c.given_on,
                "method": _label(c, "method"),
                "note": c.note,
                "withdrawn_on": c.withdrawn_on,
            }
            for c in client.consents.all()
        ],
        "integration_plan": None,
        "cases": [],
        "access_log": [],
    }
    intake = getattr(client, "intake", None)  # reverse one-to-one: None when there is none
    if intake is not None:
        data["intake"] = {
            "held_on": intake.held_on,
            "education": _label(intake, "education"),
            "school_years": intake.school_years,
            "work_experience": intake.work_experience,
            "goals_text": intake.goals_text,
            "goals": [_label(goal, "category") for goal in intake.goals.all()],
            "needs_interpreter": intake.needs_interpreter,
            "interpreter_language": (
                intake.interpreter_language.label(language) if intake.interpreter_language else ""
            ),
            "notes": intake.notes,
            "informed_about_data_protection": intake.informed_about_data_protection,
        }
    plan = getattr(client, "integration_plan", None)
    if plan is not None:
        goals = PlanGoal.objects.filter(plan=plan).prefetch_related("steps")
        data["integration_plan"] = {
            "agreed_on": plan.agreed_on,
            "review_on": plan.review_on,
            "note": plan.note,
            "goals": [
                {
                    "category": _label(goal, "category"),
                    "title": goal.title,
                    "status": _label(goal, "status"),
                    "progress": goal.progress,
                    "steps": [
                        {
                            "description": step.description,
                            "responsible": step.responsible,
                            "due_on": step.due_on,
                            "status": _label(step, "status"),
                            "done_on": step.done_on,
                        }
                        for step in goal.steps.all()
                    ],
                }
                for goal in goals
            ],
        }
    cases = (
        Case.objects.filter(client=client)
        .select_related("counsellor", "municipality", "language")
        .prefetch_related(
            "topics",
            "sessions__language",
            "referrals__offer",
            "referrals__organisation",
            "follow_ups",
            Prefetch(
                "interpreter_bookings",
                queryset=InterpreterBooking.objects.select_related("interpreter", "language"),
            ),
        )
        .order_by("opened_on", "pk")
    )
    for case in cases:
        data["cases"].append(
            {
                "reference": case.reference,
                "status": _label(case, "status"),
                "close_reason": _label(case, "close_reason"),
                "opened_on": case.opened_on,
                "closed_on": case.closed_on,
                "counsellor": _user(case.counsellor),
                "topics": [topic.label(language) for topic in case.topics.all()],
                "municipality": case.municipality.name if case.municipality else "",
                "language": case.language.label(language) if case.language else "",
                "summary": case.summary,
                "sessions": [
                    {
                        "held_on": s.held_on,
                        "duration_minutes": s.duration_minutes,
                        "channel": _label(s, "channel"),
                        "interpreter_used": s.interpreter_used,
                        "language": s.language.label(language) if s.language else "",
                        "notes": s.notes,
                    }
                    for s in case.sessions.all()
                ],
                "referrals": [
                    {
                        "offer": str(r.offer) if r.offer else "",
                        "organisation": r.organisation.name if r.organisation else "",
                        "status": _label(r, "status"),
                        "outcome": _label(r, "outcome"),
                        "failure_reason": _label(r, "failure_reason"),
                        "shares_data": r.shares_data,
                        "note": r.note,
                        "created_at": r.created_at,
                    }
                    for r in case.referrals.all()
                ],
                "follow_ups": [
                    {"due_on": f.due_on, "note": f.note, "done_on": f.done_on} for f in case.follow_ups.all()
                ],
                "interpreter_bookings": [
                    {
                        "date": b.date,
                        "start_time": b.start_time,
                        "duration_minutes": b.duration_minutes,
                        "language": b.language.label(language),
                        "dialect": b.dialect,
                        "mode": _label(b, "mode"),
                        "status": _label(b, "status"),
                        "interpreter": b.interpreter.name if b.interpreter else "",
                        "note": b.note,
                    }
                    for b in case.interpreter_bookings.all()
                ],
            }
        )
    case_ids = [case.pk for case in cases]
    events = AuditEvent.objects.filter(
        Q(target_type="counselling.client", target_id=client.pk)
        | Q(target_type="counselling.case", target_id__in=case_ids)
    ).order_by("at", "pk")
    data["access_log"] = [
        {
            "at": event.at,
            "user": event.actor_name,
            "action": _label(event, "action"),
            "record": event.target_ref,
        }
        for event in events
    ]
    return data


# --- Exports ---------------------------------------------------------------------------------------


def exports_for_user(*, user, office: Office) -> QuerySet[PersonalDataExport]:
    """The exports a user may see: their own; office admins see every export of the office."""
    exports = PersonalDataExport.objects.filter(office=office).select_related("requested_by", "client")
    if membership_role(user=user, office=office) == Membership.Role.ADMIN:
        return exports
    return exports.filter(requested_by=user)


def export_downloadable(export: PersonalDataExport) -> bool:
    return export.status == PersonalDataExport.Status.READY and export.expires_at > timezone.now()
