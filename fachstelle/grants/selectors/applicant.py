"""Reads of the applicant's side: the public programme list and an application by its personal link."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404

from ..models import Application, ApplicationMessage, Attachment, BudgetLine, FundingProgramme, Payout


@dataclass(frozen=True)
class PublicProgrammes:
    open: list
    upcoming: list


def programmes_public(*, office, today: datetime.date) -> PublicProgrammes:
    """Programmes of `office` that are open now or open later this year (status open, window not over).
    Two queries: the programmes, their KIP areas."""
    programmes = list(
        FundingProgramme.objects.filter(
            office=office, status=FundingProgramme.Status.OPEN, closes_on__gte=today
        )
        .prefetch_related("promotion_areas")
        .order_by("closes_on", "name")
    )
    return PublicProgrammes(
        open=[p for p in programmes if p.opens_on <= today],
        upcoming=[p for p in programmes if p.opens_on > today],
    )


def programme_get_public(*, office, slug: str) -> FundingProgramme:
    programme = (
        FundingProgramme.objects.filter(office=office, slug=slug)
        .exclude(status=FundingProgramme.Status.DRAFT)
        .first()
    )
    if programme is None:
        raise Http404("No such programme")
    return programme


def application_get_by_token(*, office, token: str, full: bool = False) -> Application:
    """The application behind a personal link (404 for an unknown token or another office's). With
    `full` everything the review page shows is loaded up front (one query per relation)."""
    queryset = Application.objects.select_related("programme", "office", "promotion_area")
    if full:
        queryset = queryset.select_related("grant__final_report").prefetch_related(
            "programme__promotion_areas",
            "target_groups",
            "municipalities",
            Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("order", "pk")),
            Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at", "pk")),
        )
    if not token or len(token) > 64:
        raise Http404("No such application")
    application = queryset.filter(office=office, token=token).first()
    if application is None:
        raise Http404("No such application")
    return application


def application_public_messages(*, application: Application) -> list[ApplicationMessage]:
    """The thread the applicant sees: their own messages and the office's advice (no internal notes)."""
    return list(application.messages.filter(internal=False).order_by("created_at", "pk"))


def grant_payouts_public(*, grant) -> list[Payout]:
    return list(grant.payouts.exclude(status=Payout.Status.CANCELLED).order_by("number"))
