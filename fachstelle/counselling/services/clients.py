"""Writes of clients: the intake, later edits, consents and the integration plan.

Every function validates the whole input first (raising one `ValidationError` whose keys name the fields,
so a form can show each message next to its field), then writes in one transaction together with its audit
entry. The audit detail names fields and sub-records, never their values.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.crypto import name_fingerprint, name_search_tokens
from fachstelle.core.models import Language, Membership, Office
from fachstelle.core.validation import FieldErrors
from fachstelle.network.models import Organisation

from ..models import (
    Client,
    ClientLanguage,
    Consent,
    GoalCategory,
    Intake,
    IntakeGoal,
    IntegrationPlan,
    PlanGoal,
    PlanStep,
    Qualification,
)
from ..models.office import permit_choices
from ..selectors.clients import client_find_duplicates
from .common import STAFF_ROLES, check_not_future, local_today
from .locking import save_versioned

# The person's fields a form may set (the rest is bookkeeping: office, indexes, version…).
PERSON_FIELDS = (
    "name",
    "is_pseudonym",
    "year_of_birth",
    "gender",
    "municipality",
    "country_of_origin",
    "permit_category",
    "arrival_date",
    "household_adults",
    "household_children",
    "phone",
    "email",
    "address",
)
INTAKE_FIELDS = (
    "held_on",
    "education",
    "school_years",
    "work_experience",
    "goals_text",
    "needs_interpreter",
    "interpreter_language",
    "notes",
    "informed_about_data_protection",
)
PLAN_GOAL_FIELDS = ("category", "title", "status", "progress")
PLAN_STEP_FIELDS = ("description", "responsible", "due_on", "status")
MIN_YEAR_OF_BIRTH = 1900


@dataclass
class LanguageLevel:
    language: Language
    level: str


@dataclass
class QualificationData:
    kind: str
    title: str = ""
    country: str = ""
    year: int | None = None
    recognition: str = Qualification.Recognition.NOT_STARTED


@dataclass
class IntakeData:
    held_on: datetime.date
    education: str = Intake.Education.UNKNOWN
    school_years: int | None = None
    work_experience: str = ""
    goals_text: str = ""
    goals: Sequence[str] = field(default_factory=list)
    needs_interpreter: bool = False
    interpreter_language: Language | None = None
    notes: str = ""
    informed_about_data_protection: bool = False

    def fields(self) -> dict:
        return {name: getattr(self, name) for name in INTAKE_FIELDS}


@dataclass
class ConsentData:
    scope: str
    given_on: datetime.date
    method: str
    partner: Organisation | None = None
    note: str = ""


class DuplicateClientError(Exception):
    """The office already has a person with this name and year of birth; nothing was saved."""

    def __init__(self, matches: list[Client]):
        super().__init__("possible duplicate client")
        self.matches = matches


def _audit(*, by, client: Client, action: str, detail: str, request=None) -> None:
    # Sub-records (consents, plan, steps) are logged on the client, so the client's access log shows them.
    audit_record(actor=by, action=action, office=client.office, target=client, detail=detail, request=request)


def _ensure_not_anonymised(client: Client) -> None:
    if client.anonymised_at is not None:
        raise ValidationError(_("This person's data has been anonymised and can no longer be changed."))


# --- Validation ---------------------------------------------------------------------------------------


def _validate_person(errors: FieldErrors, *, office: Office, data: dict) -> None:
    today = local_today()
    year = data.get("year_of_birth")
    if year is not None and not MIN_YEAR_OF_BIRTH <= year <= today.year:
        errors.add(
            "year_of_birth",
            _("Enter a year of birth between %(min)s and %(max)s.")
            % {"min": MIN_YEAR_OF_BIRTH, "max": today.year},
        )
    arrival = data.get("arrival_date")
    if arrival is not None:
        if arrival > today:
            errors.add("arrival_date", _("The arrival date cannot be in the future."))
        elif year is not None and arrival.year < year:
            errors.add("arrival_date", _("The arrival date lies before the year of birth."))
    permit = data.get("permit_category") or ""
    if permit and permit not in {code for code, _label in permit_choices(office)}:
        errors.add("permit_category", _("Unknown permit category: choose one of the office's list."))
    municipality = data.get("municipality")
    if municipality is not None and not office.municipalities.filter(pk=municipality.pk).exists():
        errors.add("municipality", _("Choose one of the municipalities the office serves."))
    if "name" in data and not (data.get("name") or "").strip():
        errors.add("name", _("Enter a name or a pseudonym."))


def _validate_counsellor(errors: FieldErrors, *, office: Office, counsellor) -> None:
    allowed = Membership.objects.filter(user=counsellor, office=office, role__in=STAFF_ROLES).exists()
    if not allowed or not counsellor.is_active:
        errors.add("counsellor", _("The responsible person must be a counsellor of the office."))


def _validate_languages(errors: FieldErrors, languages: Sequence[LanguageLevel]) -> None:
    seen = set()
    for entry in languages:
        if entry.language.pk in seen:
            errors.add(
                "languages",
                _("Each language can be listed only once (%(language)s appears twice).")
                % {"language": entry.language.name},
            )
        seen.add(entry.language.pk)
        if entry.level not in ClientLanguage.Level.values:
            errors.add("languages", _("Unknown language level."))


def _validate_qualifications(
    errors: FieldErrors, items: Sequence[QualificationData], *, year_of_birth
) -> None:
    this_year = local_today().year
    for item in items:
        instance = Qualification(
            kind=item.kind,
            title=item.title,
            country=item.country,
            year=item.year,
            recognition=item.recognition,
        )
        try:
            instance.full_clean(exclude=["client"])
        except ValidationError as error:
            errors.add_validation_error(error, prefix="qualifications")
        if item.year is not None and item.year > this_year:
            errors.add("qualifications", _("The year of a qualification cannot be in the future."))
        elif item.year is not None and year_of_birth is not None and item.year < year_of_birth:
            errors.add("qualifications", _("A qualification cannot be earlier than the year of birth."))


def _validate_intake(errors: FieldErrors, data: IntakeData) -> None:
    check_not_future(errors, "held_on", data.held_on, _("The intake date cannot be in the future."))
    if data.needs_interpreter and data.interpreter_language is None:
        errors.add("interpreter_language", _("Choose the language an interpreter is needed for."))
    unknown = set(data.goals) - set(GoalCategory.values)
    if unknown:
        errors.add("goals", _("Unknown goal category."))
    instance = Intake(**data.fields())
    try:
        instance.full_clean(exclude=["client", "recorded_by"])
    except ValidationError as error:
        errors.add_validation_error(error)


def _validate_consent(
    errors: FieldErrors, *, office: Office, data: ConsentData, key: str | None = None
) -> None:
    """`key` files every message under one name (the intake's consent section); without it, under the
    field it concerns."""
    if data.given_on is None:
        errors.add(key or "given_on", _("Enter the date the consent was given."))
    else:
        check_not_future(
            errors, key or "given_on", data.given_on, _("A consent cannot be dated in the future.")
        )
    if data.scope == Consent.Scope.SHARING:
        if data.partner is None:
            errors.add(key or "partner", _("Choose the partner organisation the data may be shared with."))
        elif data.partner.office_id != office.pk:
            errors.add(key or "partner", _("Choose one of the office's partner organisations."))
    instance = Consent(scope=data.scope, given_on=data.given_on, method=data.method, note=data.note)
    try:
        instance.full_clean(
            exclude=["client", "recorded_by", "withdrawn_by", "partner", "given_on"],
            validate_constraints=False,
        )
    except ValidationError as error:
        errors.add_validation_error(error, prefix=key or "")


def _person_instance_errors(errors: FieldErrors, client: Client) -> None:
    """The model's own checks (length of the encrypted fields, choices, ranges) as a backstop."""
    try:
        client.full_clean(
            exclude=["office", "counsellor", "created_by", "municipality"], validate_unique=False
        )
    except ValidationError as error:
        errors.add_validation_error(error, unless_present=True)


def _set_name_indexes(client: Client) -> None:
    client.name = client.name.strip()
    client.name_fingerprint = name_fingerprint(client.name)
    client.name_tokens = name_search_tokens(client.name)


# --- Intake ---------------------------------------------------------------------------------------------


def client_create(
    *,
    office: Office,
    by,
    person: dict,
    languages: Sequence[LanguageLevel],
    qualifications: Sequence[QualificationData],
    intake: IntakeData,
    consents: Sequence[ConsentData],
    storage_consent_given: bool,
    counsellor=None,
    request=None,
    confirm_duplicate: bool = False,
) -> Client:
    """Record an intake in one go: the person, languages, intake profile, goals, qualifications and consents.

    `storage_consent_given` must be decided explicitly: True needs a storage consent in `consents`, False
    records that none was given. A likely duplicate (same name and year of birth in the office) raises
    `DuplicateClientError` unless `confirm_duplicate`; nothing is saved then.
    """
    counsellor = counsellor or by
    unknown = set(person) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"Unknown person fields: {sorted(unknown)}")
    errors = FieldErrors()
    _validate_person(errors, office=office, data=person)
    _validate_counsellor(errors, office=office, counsellor=counsellor)
    _validate_languages(errors, languages)
    _validate_qualifications(errors, qualifications, year_of_birth=person.get("year_of_birth"))
    _validate_intake(errors, intake)
    storage = [c for c in consents if c.scope == Consent.Scope.STORAGE]
    if storage_consent_given and not storage:
        errors.add("consents", _("Record how and when the consent to store the data was given."))
    if not storage_consent_given and storage:
        errors.add("consents", _("Consent to storing the data was marked as not given."))
    for consent in consents:
        _validate_consent(errors, office=office, data=consent, key="consents")
    client = Client(office=office, counsellor=counsellor, created_by=by, **person)
    _set_name_indexes(client)
    _person_instance_errors(errors, client)
    errors.raise_if_any()

    if not confirm_duplicate:
        matches = client_find_duplicates(
            office=office, name=client.name, year_of_birth=person.get("year_of_birth")
        )
        if matches:
            raise DuplicateClientError(matches)

    with transaction.atomic():
        client.save()
        ClientLanguage.objects.bulk_create(
            ClientLanguage(client=client, language=entry.language, level=entry.level) for entry in languages
        )
        intake_record = Intake.objects.create(client=client, recorded_by=by, **intake.fields())
        IntakeGoal.objects.bulk_create(
            IntakeGoal(intake=intake_record, category=category) for category in dict.fromkeys(intake.goals)
        )
        Qualification.objects.bulk_create(
            Qualification(client=client, **item.__dict__) for item in qualifications
        )
        Consent.objects.bulk_create(
            Consent(
                client=client,
                recorded_by=by,
                **(consent.__dict__ | {"partner": consent.partner if consent.scope == "sharing" else None}),
            )
            for consent in consents
        )
        parts = ["client", "intake"]
        parts += [
            name
            for name, items in [
                ("languages", languages),
                ("goals", intake.goals),
                ("qualifications", qualifications),
            ]
            if items
        ]
        parts += [f"consent:{scope}" for scope in dict.fromkeys(c.scope for c in consents)]
        if not storage_consent_given:
            parts.append("consent:storage not given")
        _audit(by=by, client=client, action=Action.CREATE, detail=", ".join(parts), request=request)
    return client


def client_update(
    *,
    client: Client,
    by,
    data: dict,
    expected_version: int,
    languages: Sequence[LanguageLevel] | None = None,
    request=None,
) -> Client:
    """Change the person's data (and, if given, replace their languages). `data` may hold PERSON_FIELDS and
    `counsellor`. Raises `StaleEditError` when someone saved the client since `expected_version`."""
    _ensure_not_anonymised(client)
    allowed = {*PERSON_FIELDS, "counsellor"}
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"Unknown person fields: {sorted(unknown)}")
    errors = FieldErrors()
    merged = {name: getattr(client, name) for name in PERSON_FIELDS} | data
    _validate_person(errors, office=client.office, data=merged)
    if "counsellor" in data and data["counsellor"].pk != client.counsellor_id:
        _validate_counsellor(errors, office=client.office, counsellor=data["counsellor"])
    if languages is not None:
        _validate_languages(errors, languages)
    changed = [name for name, value in data.items() if getattr(client, name) != value]
    for name in changed:
        setattr(client, name, data[name])
    update_fields = list(changed)
    if "name" in changed:
        _set_name_indexes(client)
        update_fields += ["name_fingerprint", "name_tokens"]
    _person_instance_errors(errors, client)
    errors.raise_if_any()

    languages_changed = False
    if languages is not None:
        before = set(client.languages.values_list("language_id", "level"))
        languages_changed = before != {(entry.language.pk, entry.level) for entry in languages}
    if not changed and not languages_changed:
        return client
    with transaction.atomic():
        save_versioned(client, expected_version=expected_version, update_fields=update_fields)
        if languages_changed:
            client.languages.all().delete()
            ClientLanguage.objects.bulk_create(
                ClientLanguage(client=client, language=entry.language, level=entry.level)
                for entry in languages
            )
            changed.append("languages")
        _audit(
            by=by,
            client=client,
            action=Action.UPDATE,
            detail="changed: " + ", ".join(changed),
            request=request,
        )
    return client


def intake_update(
    *,
    client: Client,
    by,
    intake: IntakeData,
    qualifications: Sequence[QualificationData] | None,
    expected_version: int,
    request=None,
) -> Intake:
    """Change the intake profile, its goals and (if given) replace the qualifications. The client's version
    guards the whole person record, so this edit conflicts with a concurrent edit of the person too."""
    _ensure_not_anonymised(client)
    errors = FieldErrors()
    _validate_intake(errors, intake)
    if qualifications is not None:
        _validate_qualifications(errors, qualifications, year_of_birth=client.year_of_birth)
    errors.raise_if_any()

    # What changed, read before writing: an unchanged form neither bumps the version nor logs an update.
    record = Intake.objects.filter(client=client).first()
    changed_fields = (
        ["intake"]
        if record is None
        else [name for name, value in intake.fields().items() if getattr(record, name) != value]
    )
    goals_changed = record is None or set(record.goals.values_list("category", flat=True)) != set(
        intake.goals
    )
    qualifications_changed = qualifications is not None and [
        (q.kind, q.title, q.country, q.year, q.recognition) for q in client.qualifications.order_by("pk")
    ] != [(q.kind, q.title, q.country, q.year, q.recognition) for q in qualifications]
    if not (changed_fields or goals_changed or qualifications_changed):
        return record
    changed = list(changed_fields)
    with transaction.atomic():
        # Bumps the client's version under a row lock (StaleEditError if someone else saved meanwhile).
        save_versioned(client, expected_version=expected_version, update_fields=[])
        if record is None:
            record = Intake.objects.create(client=client, recorded_by=by, **intake.fields())
        elif changed_fields:
            for name in changed_fields:
                setattr(record, name, getattr(intake, name))
            record.save()
        if goals_changed:
            record.goals.all().delete()
            IntakeGoal.objects.bulk_create(
                IntakeGoal(intake=record, category=category) for category in dict.fromkeys(intake.goals)
            )
            changed.append("goals")
        if qualifications_changed:
            client.qualifications.all().delete()
            Qualification.objects.bulk_create(
                Qualification(client=client, **item.__dict__) for item in qualifications
            )
            changed.append("qualifications")
        _audit(
            by=by,
            client=client,
            action=Action.UPDATE,
            detail="intake changed: " + ", ".join(changed),
            request=request,
        )
    return record


# --- Consents -------------------------------------------------------------------------------------------


def consent_record(*, client: Client, by, data: ConsentData, request=None) -> Consent:
    _ensure_not_anonymised(client)
    errors = FieldErrors()
    _validate_consent(errors, office=client.office, data=data)
    errors.raise_if_any()
    partner = data.partner if data.scope == Consent.Scope.SHARING else None
    with transaction.atomic():
        consent = Consent.objects.create(
            client=client,
            recorded_by=by,
            scope=data.scope,
            partner=partner,
            given_on=data.given_on,
            method=data.method,
            note=data.note,
        )
        _audit(
            by=by, client=client, action=Action.UPDATE, detail=f"consent added: {data.scope}", request=request
        )
    return consent


def consent_withdraw(*, consent: Consent, by, on: datetime.date, request=None) -> Consent:
    """Mark a consent withdrawn on `on` (kept, so that what was allowed when stays visible)."""
    if consent.withdrawn_on is not None:
        raise ValidationError({"withdrawn_on": [_("This consent has already been withdrawn.")]})
    if on > local_today():
        raise ValidationError({"withdrawn_on": [_("The withdrawal cannot be dated in the future.")]})
    if on < consent.given_on:
        raise ValidationError(
            {"withdrawn_on": [_("The withdrawal cannot be earlier than the day the consent was given.")]}
        )
    with transaction.atomic():
        # Re-read under a lock: two people withdrawing at once leave one consistent record.
        locked = Consent.objects.select_for_update().select_related("client__office").get(pk=consent.pk)
        if locked.withdrawn_on is not None:
            raise ValidationError({"withdrawn_on": [_("This consent has already been withdrawn.")]})
        locked.withdrawn_on = on
        locked.withdrawn_by = by
        locked.save(update_fields=["withdrawn_on", "withdrawn_by"])
        _audit(
            by=by,
            client=locked.client,
            action=Action.UPDATE,
            detail=f"consent withdrawn: {locked.scope}",
            request=request,
        )
    consent.withdrawn_on, consent.withdrawn_by = locked.withdrawn_on, by
    return consent


# --- Integration plan -----------------------------------------------------------------------------------


def _validate_plan_dates(
    errors: FieldErrors, *, agreed_on: datetime.date, review_on: datetime.date | None
) -> None:
    check_not_future(errors, "agreed_on", agreed_on, _("The plan cannot be agreed in the future."))
    if review_on is not None and review_on < agreed_on:
        errors.add("review_on", _("The review cannot be before the day the plan was agreed."))


def _full_clean(errors: FieldErrors, instance, *, exclude: list[str]) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as error:
        errors.add_validation_error(error, unless_present=True)


def _save_plan_record(record, *, by, client: Client, detail: str, request, update_fields=None) -> None:
    """Save a plan, goal or step with its audit entry on the client, in one transaction: every part of the
    integration plan is logged the same way, so the client's access log shows it."""
    with transaction.atomic():
        record.save(update_fields=update_fields)
        _audit(by=by, client=client, action=Action.UPDATE, detail=detail, request=request)


def plan_create(
    *,
    client: Client,
    by,
    agreed_on: datetime.date,
    review_on: datetime.date | None = None,
    note: str = "",
    request=None,
) -> IntegrationPlan:
    _ensure_not_anonymised(client)
    errors = FieldErrors()
    _validate_plan_dates(errors, agreed_on=agreed_on, review_on=review_on)
    if IntegrationPlan.objects.filter(client=client).exists():
        errors.add("agreed_on", _("This person already has an integration plan."))
    plan = IntegrationPlan(client=client, agreed_on=agreed_on, review_on=review_on, note=note)
    _full_clean(errors, plan, exclude=["client"])
    errors.raise_if_any()
    _save_plan_record(plan, by=by, client=client, detail="integration plan created", request=request)
    return plan


def plan_update(
    *, plan: IntegrationPlan, by, data: dict, expected_version: int, request=None
) -> IntegrationPlan:
    """`data` may hold agreed_on, review_on, note. StaleEditError if the plan was saved meanwhile."""
    client = plan.client
    _ensure_not_anonymised(client)
    unknown = set(data) - {"agreed_on", "review_on", "note"}
    if unknown:
        raise ValueError(f"Unknown plan fields: {sorted(unknown)}")
    errors = FieldErrors()
    merged = {"agreed_on": plan.agreed_on, "review_on": plan.review_on} | data
    _validate_plan_dates(errors, agreed_on=merged["agreed_on"], review_on=merged["review_on"])
    changed = [name for name, value in data.items() if getattr(plan, name) != value]
    for name in changed:
        setattr(plan, name, data[name])
    _full_clean(errors, plan, exclude=["client"])
    errors.raise_if_any()
    if not changed:
        return plan
    with transaction.atomic():
        save_versioned(plan, expected_version=expected_version, update_fields=changed)
        _audit(
            by=by,
            client=client,
            action=Action.UPDATE,
            detail="integration plan changed: " + ", ".join(changed),
            request=request,
        )
    return plan


def _goal_rules(goal: PlanGoal) -> None:
    # An achieved goal is complete by definition.
    if goal.status == PlanGoal.Status.ACHIEVED:
        goal.progress = 100


def plan_goal_add(
    *,
    plan: IntegrationPlan,
    by,
    category: str,
    title: str,
    status: str = PlanGoal.Status.OPEN,
    progress: int = 0,
    request=None,
) -> PlanGoal:
    _ensure_not_anonymised(plan.client)
    errors = FieldErrors()
    order = (plan.goals.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    goal = PlanGoal(plan=plan, category=category, title=title, status=status, progress=progress, order=order)
    _goal_rules(goal)
    _full_clean(errors, goal, exclude=["plan"])
    errors.raise_if_any()
    _save_plan_record(goal, by=by, client=plan.client, detail="integration plan: goal added", request=request)
    return goal


def plan_goal_update(*, goal: PlanGoal, by, data: dict, request=None) -> PlanGoal:
    client = goal.plan.client
    _ensure_not_anonymised(client)
    unknown = set(data) - set(PLAN_GOAL_FIELDS)
    if unknown:
        raise ValueError(f"Unknown goal fields: {sorted(unknown)}")
    changed = [name for name, value in data.items() if getattr(goal, name) != value]
    for name in changed:
        setattr(goal, name, data[name])
    _goal_rules(goal)
    errors = FieldErrors()
    _full_clean(errors, goal, exclude=["plan"])
    errors.raise_if_any()
    if not changed:
        return goal
    _save_plan_record(
        goal,
        by=by,
        client=client,
        detail="integration plan: goal changed: " + ", ".join(changed),
        request=request,
    )
    return goal


def _validate_step_dates(errors: FieldErrors, *, plan: IntegrationPlan, due_on, done_on=None) -> None:
    if due_on is not None and due_on < plan.agreed_on:
        errors.add("due_on", _("The due date cannot be before the day the plan was agreed."))
    if done_on is not None:
        if done_on > local_today():
            errors.add("done_on", _("A step cannot be done in the future."))
        elif done_on < plan.agreed_on:
            errors.add("done_on", _("A step cannot be done before the plan was agreed."))


def plan_step_add(
    *,
    goal: PlanGoal,
    by,
    description: str,
    responsible: str,
    due_on: datetime.date | None = None,
    request=None,
) -> PlanStep:
    plan = goal.plan
    _ensure_not_anonymised(plan.client)
    errors = FieldErrors()
    _validate_step_dates(errors, plan=plan, due_on=due_on)
    step = PlanStep(goal=goal, description=description, responsible=responsible, due_on=due_on)
    _full_clean(errors, step, exclude=["goal"])
    errors.raise_if_any()
    _save_plan_record(step, by=by, client=plan.client, detail="integration plan: step added", request=request)
    return step


def plan_step_update(*, step: PlanStep, by, data: dict, request=None) -> PlanStep:
    plan = step.goal.plan
    _ensure_not_anonymised(plan.client)
    unknown = set(data) - set(PLAN_STEP_FIELDS)
    if unknown:
        raise ValueError(f"Unknown step fields: {sorted(unknown)}")
    changed = [name for name, value in data.items() if getattr(step, name) != value]
    for name in changed:
        setattr(step, name, data[name])
    # Reopening a step forgets when it was done; marking it done without a date means today.
    if step.status == PlanStep.Status.DONE and step.done_on is None:
        step.done_on = local_today()
    elif step.status != PlanStep.Status.DONE:
        step.done_on = None
    errors = FieldErrors()
    _validate_step_dates(errors, plan=plan, due_on=step.due_on)
    _full_clean(errors, step, exclude=["goal"])
    errors.raise_if_any()
    if not changed:
        return step
    _save_plan_record(
        step,
        by=by,
        client=plan.client,
        detail="integration plan: step changed: " + ", ".join(changed),
        request=request,
    )
    return step


def plan_step_complete(*, step: PlanStep, by, on: datetime.date | None = None, request=None) -> PlanStep:
    plan = step.goal.plan
    _ensure_not_anonymised(plan.client)
    on = on or local_today()
    errors = FieldErrors()
    if step.status == PlanStep.Status.DONE:
        errors.add("done_on", _("This step is already done."))
    _validate_step_dates(errors, plan=plan, due_on=None, done_on=on)
    errors.raise_if_any()
    step.status = PlanStep.Status.DONE
    step.done_on = on
    _save_plan_record(
        step,
        by=by,
        client=plan.client,
        detail="integration plan: step done",
        request=request,
        update_fields=["status", "done_on"],
    )
    return step
