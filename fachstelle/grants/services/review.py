"""The staff's work on an application before the decision: assignment, starting the review, the
completeness checklist, the reviewers' assessments, the recommendation, advice messages and the link to
the sponsor's organisation in the network.

Each write locks the application row, checks the status and the actor's role in the application's office,
and refuses bad input with one `ValidationError` keyed by form field. The decision itself (approve, reject)
lives in services/decisions.py.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.staff import GRANT_ROLES, membership_role
from fachstelle.core.validation import FieldErrors
from fachstelle.network.models import Organisation

from ..budget_math import budget_totals
from ..models import ZERO, Application, ApplicationMessage, Assessment, AssessmentCriterion, AssessmentScore

Status = Application.Status
# Review work (checklist, assessments, recommendation) happens between submission and decision.
REVIEW_STATUSES = (Status.SUBMITTED, Status.IN_REVIEW)
MAX_SCORE = AssessmentCriterion.MAX_SCORE


def weighted_score(pairs) -> Decimal | None:
    """Σ(score × weight) / (MAX_SCORE × Σ weight) × 100, one decimal; `pairs` = [(score, weight), …].
    None when nothing was scored."""
    pairs = list(pairs)
    total_weight = sum(weight for _score, weight in pairs)
    if not total_weight:
        return None
    points = sum(score * weight for score, weight in pairs)
    return (Decimal(points * 100) / Decimal(MAX_SCORE * total_weight)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def _require_grant_role(user, application: Application) -> None:
    if membership_role(user=user, office=application.office) not in GRANT_ROLES:
        raise PermissionDenied(_("Only the office's grant staff may do this."))


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update().select_related("office", "programme").get(pk=application.pk)
    )


def _require_review_status(application: Application, *, key: str = "__all__") -> None:
    if application.status not in REVIEW_STATUSES:
        raise ValidationError(
            {
                key: _(
                    "This is only possible while the application is submitted or in review (now: %(status)s)."
                )
                % {"status": application.get_status_display()}
            }
        )


# --- Assignment and status -----------------------------------------------------------------------------


@transaction.atomic
def application_assign(*, application: Application, by, assignee) -> Application:
    """Make `assignee` (a member of the office with a grant role; None: nobody) responsible."""
    application = _locked(application)
    _require_grant_role(by, application)
    if assignee is not None and membership_role(user=assignee, office=application.office) not in GRANT_ROLES:
        raise ValidationError({"assigned_to": _("This person does not work on grants in this office.")})
    application.assigned_to = assignee
    application.save(update_fields=["assigned_to", "updated_at"])
    return application


@transaction.atomic
def application_start_review(*, application: Application, by) -> Application:
    """submitted → in review; the person starting it becomes responsible unless someone already is."""
    application = _locked(application)
    _require_grant_role(by, application)
    if application.status != Status.SUBMITTED:
        raise ValidationError(
            {
                "__all__": _("Only a submitted application can be taken into review (now: %(status)s).")
                % {"status": application.get_status_display()}
            }
        )
    application.status = Status.IN_REVIEW
    if application.assigned_to_id is None:
        application.assigned_to = by
    application.save(update_fields=["status", "assigned_to", "updated_at"])
    return application


# --- Completeness checklist ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    hint: bool | None  # what the data suggests (None: no automatic hint)
    checked: bool


def _sponsor_complete(application: Application) -> bool:
    required = (
        application.organisation_name,
        application.street,
        application.postcode,
        application.city,
        application.contact_name,
        application.contact_email,
        application.iban,
        application.account_holder,
    )
    return all(value.strip() for value in required)


def checklist_items(
    application: Application, *, lines, attachment_labels, programme_area_ids
) -> list[ChecklistItem]:
    """The items staff tick: the programme's required documents, then the standard checks. `lines`,
    `attachment_labels` and `programme_area_ids` are passed in (already loaded by the page)."""
    stored = application.checklist if isinstance(application.checklist, dict) else {}
    labels = {label.casefold() for label in attachment_labels}
    items = [
        ChecklistItem(
            key=f"doc:{label}",
            label=_("Document: %(label)s") % {"label": label},
            hint=label.casefold() in labels,
            checked=bool(stored.get(f"doc:{label}")),
        )
        for label in application.programme.required_documents or []
    ]
    totals = budget_totals(lines, application.requested_amount)
    programme = application.programme
    within_max = programme.max_amount is None or application.requested_amount <= programme.max_amount
    own_share_ok = totals.own_share_percent >= programme.min_own_share_percent
    area_ok = application.promotion_area_id is not None and (
        not programme_area_ids or application.promotion_area_id in programme_area_ids
    )
    standard = [
        ("budget_balanced", _("Budget adds up (requested = costs − other income)"), totals.balanced),
        ("within_maximum", _("Requested amount within the programme's maximum"), within_max),
        ("own_share", _("Own contribution reaches the programme's minimum"), own_share_ok),
        (
            "sponsor_complete",
            _("Sponsor data complete (address, contact, IBAN)"),
            _sponsor_complete(application),
        ),
        ("eligible_area", _("Eligible KIP promotion area"), area_ok),
        ("eligible_sponsor", _("Sponsor is eligible"), None),
        (
            "project_period",
            _("Project period plausible"),
            bool(application.starts_on and application.ends_on),
        ),
    ]
    items.extend(
        ChecklistItem(key=key, label=label, hint=hint, checked=bool(stored.get(key)))
        for key, label, hint in standard
    )
    return items


def checklist_keys(application: Application) -> list[str]:
    return [f"doc:{label}" for label in application.programme.required_documents or []] + [
        "budget_balanced",
        "within_maximum",
        "own_share",
        "sponsor_complete",
        "eligible_area",
        "eligible_sponsor",
        "project_period",
    ]


@transaction.atomic
def checklist_save(*, application: Application, by, checked: set[str] | list[str]) -> Application:
    """Store which items are ticked (every known item; unknown keys are refused)."""
    application = _locked(application)
    _require_grant_role(by, application)
    _require_review_status(application)
    keys = checklist_keys(application)
    unknown = set(checked) - set(keys)
    if unknown:
        raise ValidationError({"__all__": _("The checklist has changed meanwhile; reload the page.")})
    application.checklist = {key: key in set(checked) for key in keys}
    application.save(update_fields=["checklist", "updated_at"])
    return application


def checklist_complete(application: Application) -> bool:
    stored = application.checklist if isinstance(application.checklist, dict) else {}
    return all(stored.get(key) for key in checklist_keys(application))


# --- Assessments ---------------------------------------------------------------------------------------


@transaction.atomic
def assessment_save(
    *,
    application: Application,
    reviewer,
    recommendation: str,
    proposed_amount: Decimal | None,
    comment: str,
    scores: dict[int, tuple[int, str]],
) -> Assessment:
    """The reviewer's one assessment of `application` (created or replaced): a score 0–5 with comment per
    criterion of the programme (all required), the recommendation and a proposed amount. A submitted
    application moves into review with its first assessment."""
    application = _locked(application)
    _require_grant_role(reviewer, application)
    _require_review_status(application)
    criteria = list(application.programme.criteria.all())
    errors = FieldErrors()
    if recommendation not in Assessment.Recommendation.values:
        errors.add("recommendation", _("Choose a recommendation."))
    if proposed_amount is not None:
        if proposed_amount < ZERO:
            errors.add("proposed_amount", _("The amount cannot be negative."))
        elif proposed_amount > application.requested_amount:
            errors.add("proposed_amount", _("The proposed amount cannot exceed the requested amount."))
    if recommendation == Assessment.Recommendation.REDUCE:
        if proposed_amount is None:
            errors.add("proposed_amount", _("Propose the lower amount."))
        elif proposed_amount >= application.requested_amount and "proposed_amount" not in errors.by_field:
            errors.add("proposed_amount", _("A reduced amount must be lower than the requested amount."))
    known = {criterion.pk for criterion in criteria}
    if set(scores) - known:
        errors.add("__all__", _("The criteria have changed meanwhile; reload the page."))
    for criterion in criteria:
        score, score_comment = scores.get(criterion.pk, (None, ""))
        key = f"score_{criterion.pk}"
        if score is None:
            errors.add(key, _("Score “%(name)s”.") % {"name": criterion.name})
        elif not isinstance(score, int) or not 0 <= score <= MAX_SCORE:
            errors.add(key, _("A score is a whole number from 0 to %(max)s.") % {"max": MAX_SCORE})
        if len(score_comment or "") > 500:
            errors.add(f"comment_{criterion.pk}", _("At most 500 characters."))
    errors.raise_if_any()

    assessment = Assessment.objects.filter(application=application, reviewer=reviewer).first()
    if assessment is None:
        assessment = Assessment(application=application, reviewer=reviewer)
    assessment.recommendation = recommendation
    assessment.proposed_amount = proposed_amount
    assessment.comment = (comment or "").strip()
    assessment.weighted_score = weighted_score(
        (scores[criterion.pk][0], criterion.weight) for criterion in criteria
    )
    assessment.full_clean(exclude=["application", "reviewer"], validate_unique=False)
    assessment.save()
    assessment.scores.all().delete()
    AssessmentScore.objects.bulk_create(
        AssessmentScore(
            assessment=assessment,
            criterion=criterion,
            score=scores[criterion.pk][0],
            comment=(scores[criterion.pk][1] or "").strip(),
        )
        for criterion in criteria
    )
    if application.status == Status.SUBMITTED:
        application.status = Status.IN_REVIEW
        application.save(update_fields=["status", "updated_at"])
    return assessment


@transaction.atomic
def recommendation_save(
    *, application: Application, by, recommendation: str, recommended_amount: Decimal | None
) -> Application:
    """The review's summary for the person deciding: a text and an amount (anyone with a grant role)."""
    application = _locked(application)
    _require_grant_role(by, application)
    _require_review_status(application)
    errors = FieldErrors()
    if recommended_amount is not None:
        if recommended_amount < ZERO:
            errors.add("recommended_amount", _("The amount cannot be negative."))
        elif recommended_amount > application.requested_amount:
            errors.add("recommended_amount", _("The recommended amount cannot exceed the requested amount."))
        elif (
            application.programme.max_amount is not None
            and recommended_amount > application.programme.max_amount
        ):
            errors.add(
                "recommended_amount",
                _("The programme's maximum per project is %(currency)s %(max)s.")
                % {"currency": application.programme.currency, "max": application.programme.max_amount},
            )
    if len(recommendation or "") > 10000:
        errors.add("recommendation", _("At most 10,000 characters."))
    errors.raise_if_any()
    before = application.recommended_amount
    application.recommendation = (recommendation or "").strip()
    application.recommended_amount = recommended_amount
    application.save(update_fields=["recommendation", "recommended_amount", "updated_at"])
    if before != recommended_amount:
        audit_record(
            actor=by,
            action=Action.UPDATE,
            target=application,
            detail=f"recommended amount: {before if before is not None else '–'} → "
            f"{recommended_amount if recommended_amount is not None else '–'}",
        )
    return application


# --- Messages ------------------------------------------------------------------------------------------


@transaction.atomic
def staff_message_add(*, application: Application, by, text: str, internal: bool) -> ApplicationMessage:
    """An internal note, or advice visible to the applicant (e-mailed to them with their link)."""
    application = _locked(application)
    _require_grant_role(by, application)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write a message.")})
    if len(text) > 5000:
        raise ValidationError({"text": _("At most 5,000 characters.")})
    if not internal and not application.contact_email:
        raise ValidationError(
            {"internal": _("The applicant has no e-mail address: only an internal note is possible.")}
        )
    message = ApplicationMessage(application=application, author=by, text=text, internal=internal)
    message.full_clean()
    message.save()
    if not internal:
        from ..emails_staff import advice_reply_send

        transaction.on_commit(lambda: advice_reply_send.enqueue(message_id=message.pk))
    return message


# --- The sponsor in the network ------------------------------------------------------------------------


@transaction.atomic
def application_link_organisation(
    *, application: Application, by, organisation: Organisation | None
) -> Application:
    """Link the application to an organisation of the office's network (None: unlink). An empty sponsor
    name is filled from the organisation."""
    application = _locked(application)
    _require_grant_role(by, application)
    if organisation is not None and organisation.office_id != application.office_id:
        raise ValidationError({"organisation": _("Choose an organisation of this office's network.")})
    application.organisation = organisation
    fields = ["organisation", "updated_at"]
    if organisation is not None and not application.organisation_name.strip():
        application.organisation_name = organisation.name
        fields.append("organisation_name")
    application.save(update_fields=fields)
    return application
