"""Reports of visitors on offers ("outdated or wrong information") and their resolution by staff."""

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from fachstelle.core.models import Office

from ..models import Offer, OfferIssueReport
from . import emails
from .errors import SelfServiceError


def issue_report_submit(
    *,
    office: Office,
    offer: Offer,
    kind: str,
    message: str,
    reporter_email: str = "",
    submission_key: uuid.UUID,
    language: str,
) -> tuple[OfferIssueReport, bool]:
    """Store a visitor's report on an offer and tell the office (after commit). Idempotent per key."""
    if offer.office_id != office.pk:
        raise SelfServiceError(_("Unknown offer."))
    report = OfferIssueReport(
        office=office,
        offer=offer,
        kind=kind,
        message=message.strip(),
        reporter_email=reporter_email.strip(),
        submission_key=submission_key,
    )
    try:
        report.full_clean(validate_unique=False)
    except ValidationError as exc:
        raise SelfServiceError(" ".join(exc.messages)) from exc
    with transaction.atomic():
        try:
            with transaction.atomic():
                report.save()
        except IntegrityError:
            existing = OfferIssueReport.objects.filter(submission_key=submission_key).first()
            if existing is None:
                raise
            return existing, False
        transaction.on_commit(
            lambda: emails.issue_report_notify_office.enqueue(report_id=report.pk, language=language)
        )
    return report, True


def issue_report_resolve(*, reports: QuerySet[OfferIssueReport], by) -> int:
    """Mark reports as dealt with; `reports` must already be scoped to the user's offices."""
    return reports.filter(resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=by if getattr(by, "is_authenticated", False) else None
    )


def issue_reports_open_count_by_offer(*, office_ids: list[int]) -> dict[int, int]:
    """{offer id: number of unresolved reports} for the offers admin (one query)."""
    rows = (
        OfferIssueReport.objects.filter(office_id__in=office_ids, resolved_at__isnull=True)
        .values("offer_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["offer_id"]: row["n"] for row in rows}
