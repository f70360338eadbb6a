"""The applicant's side of an application: start (personal link by e-mail), the steps saved as drafts,
the completeness check, submission with a reference, advice requests and messages, withdrawal.

Applicants have no account: whoever holds the link (`Application.token`) may edit the draft. Editing is
possible only while the application is a DRAFT; every write locks the application row so that a save in
one tab cannot slip in after the submission in another. E-mails leave after commit (emails_public.py).
"""

import datetime
import uuid
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from fachstelle.core.validation import FieldErrors

from ..budget_math import budget_totals
from ..iban import iban_is_valid, iban_normalize
from ..models import ZERO, Application, ApplicationMessage, Attachment, BudgetLine, FundingProgramme

Status = Application.Status
ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")

# The steps of the form, in order, with their names in the progress navigation.
STEPS = (
    ("sponsor", gettext_lazy("Sponsor")),
    ("project", gettext_lazy("Project")),
    ("budget", gettext_lazy("Budget")),
    ("documents", gettext_lazy("Documents")),
    ("review", gettext_lazy("Review and submit")),
)
STEP_SLUGS = tuple(slug for slug, _label in STEPS)

SPONSOR_FIELDS = (
    "organisation_name",
    "legal_form",
    "street",
    "postcode",
    "city",
    "website",
    "contact_name",
    "contact_email",
    "contact_phone",
    "iban",
    "account_holder",
)
PROJECT_FIELDS = (
    "project_title",
    "summary",
    "description",
    "goals",
    "target_group_text",
    "expected_participants",
    "promotion_area",
    "starts_on",
    "ends_on",
    "schedule",
    "partners",
)
PROJECT_M2M = ("target_groups", "municipalities")
# Applicants may ask for advice and write to the office until the application is decided.
MESSAGE_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW)
WITHDRAW_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW)
MAX_BUDGET_LINES = 60


@dataclass(frozen=True)
class Problem:
    """Something that prevents the submission, and the step where it is fixed."""

    step: str
    message: str


def today_zurich() -> datetime.date:
    # The window is published in Swiss dates: "until 31 March" means until midnight in Zurich.
    return timezone.now().astimezone(ZURICH).date()


def programme_is_open(programme: FundingProgramme, *, today: datetime.date | None = None) -> bool:
    today = today or today_zurich()
    return (
        programme.status == FundingProgramme.Status.OPEN
        and programme.opens_on <= today <= programme.closes_on
    )


def programme_closed_message(programme: FundingProgramme, *, today: datetime.date | None = None) -> str:
    """Why no application can be started or submitted now ("" while the window is open)."""
    today = today or today_zurich()
    if programme.status != FundingProgramme.Status.OPEN:
        return _("This programme is not open for applications.")
    if today < programme.opens_on:
        return _("Applications are possible from %(date)s.") % {
            "date": date_format(programme.opens_on, "DATE_FORMAT")
        }
    if today > programme.closes_on:
        return _("The application window closed on %(date)s; applications can no longer be submitted.") % {
            "date": date_format(programme.closes_on, "DATE_FORMAT")
        }
    return ""


def _lock(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("programme", "office")
        .get(pk=application.pk)
    )


def _ensure_draft(application: Application) -> None:
    if application.status != Status.DRAFT:
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("This application has been submitted and can no longer be changed.")]}
        )


def _copy_back(target: Application, source: Application) -> None:
    """The caller's object shows the saved state (views keep using it after the service)."""
    for field in source._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def _mail(kind: str, application: Application, **extra) -> None:
    from ..emails_public import application_mail_task

    application_id = application.pk
    language = get_language() or "de"
    transaction.on_commit(
        lambda: application_mail_task.enqueue(
            application_id=application_id, kind=kind, language=language, **extra
        )
    )


# --- Start --------------------------------------------------------------------------------------------


def application_start(
    *,
    programme: FundingProgramme,
    organisation_name: str,
    contact_name: str,
    contact_email: str,
    organisation=None,
    submission_key: uuid.UUID | str | None = None,
) -> Application:
    """A new DRAFT for `programme`; the personal link goes to `contact_email` after commit. With
    `organisation` (a public, active organisation of the office) its address pre-fills the sponsor step.
    The same `submission_key` twice (a reload of the start form) returns the first draft."""
    organisation_name, contact_name = organisation_name.strip(), contact_name.strip()
    contact_email = contact_email.strip()
    with transaction.atomic():
        programme = FundingProgramme.objects.select_for_update().select_related("office").get(pk=programme.pk)
        if submission_key:
            existing = Application.objects.filter(
                programme=programme, submission_key=submission_key, status=Status.DRAFT
            ).first()
            if existing is not None:
                return existing
        errors = FieldErrors()
        closed = programme_closed_message(programme)
        if closed:
            errors.add(NON_FIELD_ERRORS, closed)
        errors.raise_if_any()
        if organisation is not None and (
            organisation.office_id != programme.office_id
            or not organisation.is_public
            or not organisation.is_active
        ):
            errors.add("organisation", _("Please choose an organisation from the list."))
        if not organisation_name and organisation is not None:
            organisation_name = organisation.name
        if not organisation_name:
            errors.add("organisation_name", _("Please enter the name of the sponsor."))
        if not contact_name:
            errors.add("contact_name", _("Please enter a contact person."))
        if not contact_email:
            errors.add("contact_email", _("Please enter an e-mail address: we send you the link to it."))
        errors.raise_if_any()
        application = Application(
            programme=programme,
            office=programme.office,
            status=Status.DRAFT,
            organisation_name=organisation_name,
            contact_name=contact_name,
            contact_email=contact_email,
        )
        if submission_key:
            application.submission_key = submission_key
        if organisation is not None:
            application.organisation = organisation
            application.street = organisation.street
            application.postcode = organisation.postcode
            application.website = organisation.website
            application.contact_phone = organisation.phone
            if organisation.municipality_id:
                application.city = organisation.municipality.name
            if organisation.kind != organisation.Kind.ASSOCIATION:
                application.legal_form = Application.LegalForm.OTHER
        errors.add_model_errors(application, exclude=["programme", "office", "organisation"])
        errors.raise_if_any()
        application.save()
        _mail("link", application)
    return application


# --- Steps --------------------------------------------------------------------------------------------


def _clean_sponsor(fields: dict, errors: FieldErrors) -> dict:
    data = {key: fields[key] for key in SPONSOR_FIELDS if key in fields}
    for key, value in data.items():
        if isinstance(value, str):
            data[key] = value.strip()
    if "iban" in data:
        data["iban"] = iban_normalize(data["iban"])
        if data["iban"] and not iban_is_valid(data["iban"]):
            errors.add(
                "iban",
                _("This IBAN is not valid: please check it against your bank statement (e.g. CH93 0076 …)."),
            )
    return data


def application_save_sponsor(
    *, application: Application, fields: dict, m2m: dict | None = None
) -> Application:
    """Save the sponsor step of a draft. Gaps are allowed (it is a draft); wrong values are not."""
    with transaction.atomic():
        locked = _lock(application)
        _ensure_draft(locked)
        errors = FieldErrors()
        data = _clean_sponsor(fields, errors)
        for key, value in data.items():
            setattr(locked, key, value)
        errors.add_model_errors(locked, exclude=["programme", "office", "organisation"])
        errors.raise_if_any()
        locked.save()
    _copy_back(application, locked)
    return application


def application_save_project(
    *, application: Application, fields: dict, m2m: dict | None = None
) -> Application:
    """Save the project step. The KIP area must be one of the programme's (if it names any), the
    municipalities the office's; the end not before the start."""
    m2m = m2m or {}
    with transaction.atomic():
        locked = _lock(application)
        _ensure_draft(locked)
        programme = locked.programme
        errors = FieldErrors()
        data = {key: fields[key] for key in PROJECT_FIELDS if key in fields}
        for key, value in data.items():
            if isinstance(value, str):
                data[key] = value.strip()
        area = data.get("promotion_area")
        if area is not None:
            allowed = list(programme.promotion_areas.values_list("pk", flat=True))
            if allowed and area.pk not in allowed:
                errors.add("promotion_area", _("Please choose one of the programme's KIP promotion areas."))
        participants = data.get("expected_participants")
        if participants is not None and participants < 0:
            errors.add("expected_participants", _("The number cannot be negative."))
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            errors.add("ends_on", _("The project cannot end before it starts."))
        municipalities = m2m.get("municipalities")
        if municipalities is not None:
            served = set(locked.office.municipalities.values_list("pk", flat=True))
            if any(m.pk not in served for m in municipalities):
                errors.add("municipalities", _("Please choose municipalities of the office's region."))
        for key, value in data.items():
            setattr(locked, key, value)
        errors.add_model_errors(locked, exclude=["programme", "office", "organisation", *errors.by_field])
        errors.raise_if_any()
        locked.save()
        if "target_groups" in m2m:
            locked.target_groups.set(m2m["target_groups"])
        if municipalities is not None:
            locked.municipalities.set(municipalities)
    _copy_back(application, locked)
    return application


def _money(value, errors: FieldErrors, key: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).replace("'", "").replace("’", "").strip())
    except (InvalidOperation, ValueError):
        errors.add(key, _("Please enter an amount such as 1200 or 1200.50."))
        return None
    if not amount.is_finite():
        errors.add(key, _("Please enter an amount such as 1200 or 1200.50."))
        return None
    if amount < ZERO:
        errors.add(key, _("Amounts cannot be negative."))
        return None
    if amount != amount.quantize(Decimal("0.01")):
        errors.add(key, _("Amounts have at most two decimal places."))
        return None
    if amount >= Decimal("10000000000"):
        errors.add(key, _("This amount is too large."))
        return None
    return amount


def budget_rule_errors(*, programme: FundingProgramme, totals) -> dict[str, list[str]]:
    """The programme's limits on a budget: maximum per project, minimum own contribution."""
    found: dict[str, list[str]] = {}
    if programme.max_amount is not None and totals.requested > programme.max_amount:
        found.setdefault("requested_amount", []).append(
            _("The programme grants at most %(currency)s %(amount)s per project.")
            % {
                "currency": programme.currency,
                "amount": number_format(programme.max_amount, 2, force_grouping=True),
            }
        )
    minimum = programme.min_own_share_percent
    if minimum and totals.costs > ZERO and totals.own_share_percent < minimum:
        found.setdefault(NON_FIELD_ERRORS, []).append(
            _(
                "The own contribution is %(share)s %% of the costs; the programme requires at least "
                "%(minimum)s %%."
            )
            % {"share": number_format(totals.own_share_percent, 1), "minimum": minimum}
        )
    return found


def application_save_budget(*, application: Application, lines: list[dict], requested_amount) -> Application:
    """Replace the budget lines of a draft (atomically: all or none) and set the requested amount.

    `lines`: dicts with kind, category, description, amount. Refused: negative or malformed amounts,
    a line without description, an amount above the programme's maximum, an own contribution below its
    minimum. A budget that does not add up is saved (it is a draft) and reported by `application_problems`.
    Errors on a line are keyed `lines-<index>-<field>`."""
    errors = FieldErrors()
    if len(lines) > MAX_BUDGET_LINES:
        errors.add(NON_FIELD_ERRORS, _("At most %(count)s budget lines.") % {"count": MAX_BUDGET_LINES})
    clean_lines = []
    for index, line in enumerate(lines):
        description = (line.get("description") or "").strip()
        amount = _money(line.get("amount"), errors, f"lines-{index}-amount")
        kind = line.get("kind") or BudgetLine.Kind.COST
        category = line.get("category") or BudgetLine.Category.OTHER
        if kind not in BudgetLine.Kind.values:
            errors.add(f"lines-{index}-kind", _("Please choose a kind."))
        if category not in BudgetLine.Category.values:
            errors.add(f"lines-{index}-category", _("Please choose a category."))
        if not description:
            errors.add(f"lines-{index}-description", _("Please describe this line."))
        clean_lines.append(
            {"kind": kind, "category": category, "description": description, "amount": amount or ZERO}
        )
    requested = _money(requested_amount, errors, "requested_amount")
    errors.raise_if_any()
    requested = requested if requested is not None else ZERO
    with transaction.atomic():
        locked = _lock(application)
        _ensure_draft(locked)
        totals = budget_totals(clean_lines, requested)
        for key, messages in budget_rule_errors(programme=locked.programme, totals=totals).items():
            for message in messages:
                errors.add(key, message)
        new_lines = []
        for index, line in enumerate(clean_lines):
            budget_line = BudgetLine(application=locked, order=index, **line)
            try:
                budget_line.full_clean(exclude=["application"])
            except ValidationError as error:
                errors.add_validation_error(error, prefix=f"lines-{index}-amount", only=["amount"])
                errors.add_validation_error(error, prefix=f"lines-{index}-description", only=["description"])
            new_lines.append(budget_line)
        errors.raise_if_any()
        locked.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(new_lines)
        locked.requested_amount = requested
        locked.save(update_fields=["requested_amount", "updated_at"])
    _copy_back(application, locked)
    return application


def application_save_consent(*, application: Application, publish_consent: bool) -> Application:
    with transaction.atomic():
        locked = _lock(application)
        _ensure_draft(locked)
        locked.publish_consent = bool(publish_consent)
        locked.save(update_fields=["publish_consent", "updated_at"])
    _copy_back(application, locked)
    return application


# --- Completeness and submission ----------------------------------------------------------------------


def required_documents_status(application: Application) -> list[tuple[str, bool]]:
    """Each required document of the programme and whether an attachment with that label is present
    (labels compared without case and surrounding spaces)."""
    present = {
        attachment.label.strip().casefold()
        for attachment in application.attachments.all()
        if attachment.stage == Attachment.Stage.APPLICATION
    }
    return [
        (label, label.strip().casefold() in present)
        for label in application.programme.required_documents or []
        if isinstance(label, str) and label.strip()
    ]


def application_problems(application: Application, *, today: datetime.date | None = None) -> list[Problem]:
    """Everything that prevents submitting `application`, with the step to fix it. Uses prefetched
    budget_lines, attachments, municipalities, target_groups and programme.promotion_areas when present."""
    problems: list[Problem] = []

    def need(step: str, value, message: str) -> None:
        if value in (None, "") or value == []:
            problems.append(Problem(step, message))

    a = application
    need("sponsor", a.organisation_name, _("The name of the sponsor is missing."))
    need("sponsor", a.street, _("The sponsor's street is missing."))
    need("sponsor", a.postcode and a.city, _("The sponsor's postcode and city are missing."))
    need("sponsor", a.contact_name, _("The contact person is missing."))
    need("sponsor", a.contact_email, _("The contact e-mail address is missing."))
    if not a.iban:
        problems.append(Problem("sponsor", _("The IBAN for payouts is missing.")))
    elif not iban_is_valid(a.iban):
        problems.append(Problem("sponsor", _("The IBAN for payouts is not valid.")))
    need("sponsor", a.account_holder, _("The account holder is missing."))

    need("project", a.project_title, _("The project title is missing."))
    need("project", a.summary, _("The short description is missing."))
    need("project", a.description, _("The project description is missing."))
    need("project", a.goals, _("The goals are missing."))
    if not a.target_group_text and not list(a.target_groups.all()):
        problems.append(Problem("project", _("Please name the target groups.")))
    need("project", a.expected_participants, _("The expected number of participants is missing."))
    if a.promotion_area_id is None and list(a.programme.promotion_areas.all()):
        problems.append(Problem("project", _("Please choose a KIP promotion area.")))
    if not list(a.municipalities.all()):
        problems.append(Problem("project", _("Please choose where the project takes place.")))
    if not a.starts_on or not a.ends_on:
        problems.append(Problem("project", _("The project's start and end are missing.")))

    lines = list(a.budget_lines.all())
    totals = budget_totals(lines, a.requested_amount)
    if totals.costs == ZERO:
        problems.append(Problem("budget", _("The budget has no costs.")))
    if totals.requested <= ZERO:
        problems.append(Problem("budget", _("The requested amount is missing.")))
    elif not totals.balanced:
        problems.append(
            Problem(
                "budget",
                _(
                    "The budget does not add up: the requested amount must equal the costs minus the other "
                    "income (%(gap)s); the difference is %(difference)s."
                )
                % {"gap": number_format(totals.gap, 2), "difference": number_format(totals.difference, 2)},
            )
        )
    for messages in budget_rule_errors(programme=a.programme, totals=totals).values():
        problems.extend(Problem("budget", message) for message in messages)

    for label, present in required_documents_status(a):
        if not present:
            problems.append(
                Problem("documents", _("The document “%(label)s” is missing.") % {"label": label})
            )

    closed = programme_closed_message(a.programme, today=today)
    if closed:
        problems.append(Problem("review", closed))
    return problems


def reference_prefix(programme: FundingProgramme) -> str:
    """The initials of the slug's words ("klein-projekte-2026" → "KP"), or "FG" (Fördergesuch) when the
    slug gives fewer than two letters."""
    words = [word for word in programme.slug.split("-") if word and not word.isdigit() and word[0].isalpha()]
    prefix = "".join(word[0] for word in words[:3]).upper()
    return prefix if len(prefix) >= 2 else "FG"


def _next_reference(programme: FundingProgramme) -> str:
    stem = f"{reference_prefix(programme)}-{programme.year}-"
    taken = Application.objects.filter(office_id=programme.office_id, reference__startswith=stem).values_list(
        "reference", flat=True
    )
    numbers = [int(ref[len(stem) :]) for ref in taken if ref[len(stem) :].isdigit()]
    return f"{stem}{max(numbers, default=0) + 1:04d}"


def application_submit(
    *,
    application: Application,
    submission_key: uuid.UUID | str,
    publish_consent: bool | None = None,
) -> Application:
    """DRAFT → SUBMITTED when the window is open (Zurich date, closing day included) and nothing is
    missing; allocates the reference (unique per office) and sends the receipt after commit.

    The same `submission_key` again (a double click, a reload) returns the submitted application
    unchanged: no second reference, no second receipt."""
    submission_key = str(submission_key)
    with transaction.atomic():
        # The programme row serialises reference allocation; lock it before the application (same order
        # as staff decisions, which lock the programme for the budget).
        programme = FundingProgramme.objects.select_for_update().get(pk=application.programme_id)
        locked = _lock(application)
        if locked.status != Status.DRAFT:
            if str(locked.submission_key) == submission_key and locked.submitted_at:
                _copy_back(application, locked)
                return application
            _ensure_draft(locked)
        if publish_consent is not None:
            locked.publish_consent = bool(publish_consent)
        locked.programme = programme
        problems = application_problems(locked)
        if problems:
            raise ValidationError({NON_FIELD_ERRORS: [problem.message for problem in problems]})
        locked.reference = _next_reference(programme)
        locked.status = Status.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.submission_key = submission_key
        locked.full_clean(exclude=["programme", "office", "organisation"])
        locked.save()
        _mail("receipt", locked)
        _mail("office_submitted", locked)
    _copy_back(application, locked)
    return application


# --- Advice, messages, withdrawal ---------------------------------------------------------------------


def _message_create(application: Application, text: str) -> ApplicationMessage:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"message": [_("Please write your question or message.")]})
    message = ApplicationMessage(application=application, author=None, text=text, internal=False)
    try:
        message.full_clean(exclude=["application", "author"])
    except ValidationError as error:
        raise ValidationError(
            {"message": error.message_dict.get("text", [_("Please check the message.")])}
        ) from None
    message.save()
    return message


def _ensure_can_write(application: Application) -> None:
    if application.status not in MESSAGE_STATUSES:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: [
                    _("Messages are no longer possible for this application; please write by e-mail.")
                ]
            }
        )


def application_request_advice(*, application: Application, message: str) -> ApplicationMessage:
    """The applicant asks the office for advice (Fachberatung): a message in the thread, the time of the
    request on the application, an e-mail to the responsible staff member or the office."""
    with transaction.atomic():
        locked = _lock(application)
        _ensure_can_write(locked)
        created = _message_create(locked, message)
        locked.advice_requested_at = timezone.now()
        locked.save(update_fields=["advice_requested_at", "updated_at"])
        _mail("office_advice", locked, message_id=created.pk)
    _copy_back(application, locked)
    return created


def application_message_from_applicant(*, application: Application, text: str) -> ApplicationMessage:
    with transaction.atomic():
        locked = _lock(application)
        _ensure_can_write(locked)
        created = _message_create(locked, text)
        _mail("office_message", locked, message_id=created.pk)
    return created


def application_withdraw(*, application: Application) -> Application:
    """The applicant withdraws (possible until the decision)."""
    with transaction.atomic():
        locked = _lock(application)
        if locked.status == Status.WITHDRAWN:
            _copy_back(application, locked)
            return application
        if locked.status not in WITHDRAW_STATUSES:
            raise ValidationError(
                {NON_FIELD_ERRORS: [_("This application has been decided and can no longer be withdrawn.")]}
            )
        was_submitted = locked.status != Status.DRAFT
        locked.status = Status.WITHDRAWN
        locked.save(update_fields=["status", "updated_at"])
        if was_submitted:
            _mail("office_withdrawn", locked)
    _copy_back(application, locked)
    return application
