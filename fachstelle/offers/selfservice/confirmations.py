"""The periodic confirmation of offers by their providers (run by `manage.py request_offer_confirmations`).

A provider is due when its last confirmation (Organisation.last_confirmed_at or its latest answered
request; never confirmed counts from its creation) is older than Office.confirmation_interval_days and no
request is open. It gets a personal link, due after Office.confirmation_grace_weeks; past that date its
offers are flagged to staff and, with Office.auto_hide_unconfirmed, hidden until it confirms.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from fachstelle.core.models import Office
from fachstelle.network.models import Organisation

from ..models import Offer, ProviderConfirmation
from ..selectors import with_list_relations
from ..services import offers_confirm
from . import emails
from .errors import TOKEN_MAX_LENGTH


@dataclass
class ConfirmationSendResult:
    office: Office
    sent: list[tuple[Organisation, str]] = field(default_factory=list)  # (organisation, e-mail)
    skipped_no_email: list[Organisation] = field(default_factory=list)
    failed: list[tuple[Organisation, str]] = field(default_factory=list)  # (organisation, error)


@dataclass
class OverdueResult:
    confirmation: ProviderConfirmation
    flagged: int  # offers newly flagged as overdue
    hidden: int  # offers newly hidden from the public directory


def _open_requests(office: Office, now: datetime) -> QuerySet[ProviderConfirmation]:
    """Requests still waiting for an answer; after one interval a request is superseded by a new one."""
    cutoff = now - timedelta(days=office.confirmation_interval_days)
    return ProviderConfirmation.objects.filter(office=office, confirmed_at__isnull=True, sent_at__gt=cutoff)


def confirmation_candidates(*, office: Office, now: datetime | None = None) -> list[Organisation]:
    """Providers of this office with published offers, not confirmed within the office's interval and
    without an open request. Never confirmed counts from the organisation's creation."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=office.confirmation_interval_days)
    published = Offer.objects.filter(office=office, provider=OuterRef("pk"), status=Offer.Status.PUBLISHED)
    latest = (
        ProviderConfirmation.objects.filter(organisation=OuterRef("pk"), confirmed_at__isnull=False)
        .order_by("-confirmed_at")
        .values("confirmed_at")[:1]
    )
    organisations = (
        Organisation.objects.filter(office=office)
        .filter(Exists(published))
        .exclude(Exists(_open_requests(office, now).filter(organisation=OuterRef("pk"))))
        .annotate(latest_request_confirmed=Subquery(latest))
        .order_by("name", "pk")
    )
    due = []
    for organisation in organisations:
        confirmed = [d for d in (organisation.last_confirmed_at, organisation.latest_request_confirmed) if d]
        if (max(confirmed) if confirmed else organisation.created_at) < cutoff:
            due.append(organisation)
    return due


def confirmation_requests_send(
    *, office: Office, now: datetime | None = None, dry_run: bool = False
) -> ConfirmationSendResult:
    """Ask every due provider of the office to confirm its offers through a personal link.

    The request row is committed first and the e-mail sent right after; if sending fails, the row is
    removed again so the next run retries (a request without its e-mail would block the next one).
    """
    now = now or timezone.now()
    result = ConfirmationSendResult(office=office)
    for organisation in confirmation_candidates(office=office, now=now):
        email = organisation.confirmation_recipient
        if not email:
            result.skipped_no_email.append(organisation)
            continue
        if dry_run:
            result.sent.append((organisation, email))
            continue
        with transaction.atomic():
            # Two runs at once: the second waits for the lock and then sees the first one's request.
            Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
            if _open_requests(office, now).filter(organisation=organisation).exists():
                continue
            confirmation = ProviderConfirmation.objects.create(
                office=office,
                organisation=organisation,
                email=email,
                sent_at=now,
                due_at=now + timedelta(weeks=office.confirmation_grace_weeks),
            )
        try:
            emails.confirmation_send_request(confirmation_id=confirmation.pk)
        except Exception as exc:  # any mail failure: undo, report, go on with the next provider
            confirmation.delete()
            result.failed.append((organisation, str(exc)[:200]))
            continue
        result.sent.append((organisation, email))
    return result


def confirmations_flag_overdue(
    *, office: Office, now: datetime | None = None, dry_run: bool = False
) -> list[OverdueResult]:
    """Flag the offers of providers who let their request's due date pass; hide them if the office wants.

    Only offers that existed when the request was sent and were not confirmed since count. Idempotent:
    a second run finds nothing new (and hides what a later switched-on `auto_hide_unconfirmed` asks for).
    """
    now = now or timezone.now()
    results = []
    requests = (
        ProviderConfirmation.objects.filter(office=office, confirmed_at__isnull=True, due_at__lt=now)
        .select_related("organisation")
        .order_by("due_at", "pk")
    )
    for confirmation in requests:
        offers = Offer.objects.filter(
            office=office,
            provider=confirmation.organisation_id,
            status=Offer.Status.PUBLISHED,
            created_at__lte=confirmation.sent_at,
        ).exclude(last_confirmed_at__gte=confirmation.sent_at)
        to_flag = offers.filter(confirmation_overdue_since__isnull=True)
        to_hide = offers.filter(hidden_unconfirmed_at__isnull=True) if office.auto_hide_unconfirmed else None
        if dry_run:
            flagged, hidden = to_flag.count(), to_hide.count() if to_hide is not None else 0
        else:
            with transaction.atomic():
                flagged = to_flag.update(confirmation_overdue_since=now)
                hidden = to_hide.update(hidden_unconfirmed_at=now) if to_hide is not None else 0
                if confirmation.overdue_flagged_at is None:
                    confirmation.overdue_flagged_at = now
                    confirmation.save(update_fields=["overdue_flagged_at"])
                if hidden:
                    office.bump_directory_version()  # hidden offers leave cached search results
        if flagged or hidden:
            results.append(OverdueResult(confirmation=confirmation, flagged=flagged, hidden=hidden))
    return results


def confirmation_get_valid(
    *, office: Office, token: str, now: datetime | None = None
) -> ProviderConfirmation:
    """A provider's personal link: this office's latest request of that provider, not older than one
    interval. Raises ProviderConfirmation.DoesNotExist otherwise (unknown, other office, superseded)."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        raise ProviderConfirmation.DoesNotExist
    now = now or timezone.now()
    confirmation = ProviderConfirmation.objects.select_related("organisation", "office").get(
        office=office, token=token
    )
    superseded = ProviderConfirmation.objects.filter(
        organisation_id=confirmation.organisation_id, sent_at__gt=confirmation.sent_at
    ).exists()
    if superseded or confirmation.sent_at < now - timedelta(days=office.confirmation_interval_days):
        raise ProviderConfirmation.DoesNotExist("expired")
    return confirmation


def confirmation_offers(*, confirmation: ProviderConfirmation, language: str) -> list[Offer]:
    """The provider's offers on its confirmation page: published ones, also those hidden as unconfirmed."""
    return list(
        with_list_relations(
            Offer.objects.filter(
                office_id=confirmation.office_id,
                provider_id=confirmation.organisation_id,
                status=Offer.Status.PUBLISHED,
            ),
            language,
        ).order_by("title", "pk")
    )


def provider_confirm_offers(*, confirmation: ProviderConfirmation, by=None) -> int:
    """The provider answered "all still correct": confirm its published offers, un-hide hidden ones."""
    with transaction.atomic():
        confirmation = ProviderConfirmation.objects.select_for_update().get(pk=confirmation.pk)
        offers = list(
            Offer.objects.filter(
                office_id=confirmation.office_id,
                provider_id=confirmation.organisation_id,
                status=Offer.Status.PUBLISHED,
            )
        )
        count = offers_confirm(offers=offers, by=by)
        now = timezone.now()
        Organisation.objects.filter(pk=confirmation.organisation_id).update(last_confirmed_at=now)
        # This answer also closes older requests of the provider still waiting.
        ProviderConfirmation.objects.filter(
            Q(pk=confirmation.pk) | Q(organisation_id=confirmation.organisation_id), confirmed_at__isnull=True
        ).update(confirmed_at=now)
    return count
