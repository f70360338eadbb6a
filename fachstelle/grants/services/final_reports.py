"""The sponsor's final report through the personal link: texts, participants reached, the actual amount
of every budget line, photos and documents (attachments of stage final_report); submit → the office
reviews it (staff side: accept or return for changes)."""

from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fachstelle.core.validation import FieldErrors

from ..models import Application, FinalReport, Grant
from .applications import _money

REPORT_FIELDS = ("activities", "goals_reached", "participants_reached", "lessons")
# The report can be written while the grant runs (approved, report due) and again when it was returned.
GRANT_REPORTING = (Grant.Status.APPROVED, Grant.Status.REPORT_DUE, Grant.Status.REPORT_SUBMITTED)
EDITABLE = (FinalReport.Status.DRAFT, FinalReport.Status.RETURNED)


def _grant_of(application: Application) -> Grant | None:
    try:
        return application.grant
    except Grant.DoesNotExist:
        return None


def final_report_available(application: Application) -> bool:
    """The report page exists for the application (a grant, not cancelled)."""
    grant = _grant_of(application)
    return grant is not None and grant.status != Grant.Status.CANCELLED


def final_report_editable(application: Application) -> bool:
    grant = _grant_of(application)
    if grant is None or grant.status not in GRANT_REPORTING:
        return False
    try:
        report = grant.final_report
    except FinalReport.DoesNotExist:
        return grant.status != Grant.Status.REPORT_SUBMITTED
    return report.status in EDITABLE


def _ensure_editable(report: FinalReport) -> None:
    if report.status not in EDITABLE or report.grant.status not in GRANT_REPORTING:
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("The final report has been submitted and can no longer be changed.")]}
        )


def final_report_get_or_create(*, grant: Grant) -> FinalReport:
    report, _created = FinalReport.objects.get_or_create(grant=grant)
    return report


def final_report_save(*, report: FinalReport, fields: dict, actual_amounts: dict) -> FinalReport:
    """Save the texts and the actual amount per budget line (`actual_amounts`: line id → amount or
    None). Negative amounts and lines of another application are refused; errors on a line are keyed
    `actual_<line id>`."""
    errors = FieldErrors()
    with transaction.atomic():
        locked = FinalReport.objects.select_for_update().select_related("grant").get(pk=report.pk)
        _ensure_editable(locked)
        lines = {line.pk: line for line in locked.grant.application.budget_lines.all()}
        amounts: dict[int, Decimal | None] = {}
        for line_id, value in actual_amounts.items():
            key = f"actual_{line_id}"
            try:
                line_id = int(line_id)
            except (TypeError, ValueError):
                line_id = None
            if line_id not in lines:
                errors.add(
                    NON_FIELD_ERRORS, _("A budget line of the report does not belong to this project.")
                )
                continue
            amounts[line_id] = _money(value, errors, key)
        for key in REPORT_FIELDS:
            if key in fields:
                value = fields[key]
                setattr(locked, key, value.strip() if isinstance(value, str) else value)
        if locked.participants_reached is not None and locked.participants_reached < 0:
            errors.add("participants_reached", _("The number cannot be negative."))
        errors.add_model_errors(locked, exclude=["grant", "reviewed_by", *errors.by_field])
        errors.raise_if_any()
        locked.save()
        changed = []
        for line_id, amount in amounts.items():
            line = lines[line_id]
            if line.actual_amount != amount:
                line.actual_amount = amount
                changed.append(line)
        if changed:
            type(changed[0]).objects.bulk_update(changed, ["actual_amount"])
    for key in REPORT_FIELDS:
        setattr(report, key, getattr(locked, key))
    return report


def final_report_problems(report: FinalReport) -> list[str]:
    problems = []
    if not report.activities.strip():
        problems.append(_("Please describe what was done."))
    if not report.goals_reached.strip():
        problems.append(_("Please describe which goals were reached."))
    if report.participants_reached is None:
        problems.append(_("Please give the number of participants reached."))
    lines = list(report.grant.application.budget_lines.all())
    if any(line.actual_amount is None for line in lines):
        problems.append(_("Please enter the actual amount of every budget line (0 if nothing was spent)."))
    return problems


def final_report_submit(*, report: FinalReport) -> FinalReport:
    """DRAFT/RETURNED → SUBMITTED, the grant waits for the review; the office gets an e-mail."""
    with transaction.atomic():
        locked = (
            FinalReport.objects.select_for_update().select_related("grant__application").get(pk=report.pk)
        )
        if locked.status == FinalReport.Status.SUBMITTED:
            return locked  # sent twice: nothing more to do
        _ensure_editable(locked)
        problems = final_report_problems(locked)
        if problems:
            raise ValidationError({NON_FIELD_ERRORS: problems})
        locked.status = FinalReport.Status.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["status", "submitted_at"])
        grant = locked.grant
        grant.status = Grant.Status.REPORT_SUBMITTED
        grant.save(update_fields=["status"])
        application_id = grant.application_id
        language = get_language() or "de"

        from ..emails_public import application_mail_task

        transaction.on_commit(
            lambda: application_mail_task.enqueue(
                application_id=application_id, kind="office_report", language=language
            )
        )
    report.status, report.submitted_at = locked.status, locked.submitted_at
    return report
