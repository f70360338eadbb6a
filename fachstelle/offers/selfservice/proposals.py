"""Proposals of providers: submit (no account), confirm the e-mail, review (approve or reject).

Offers are only written through `offers.services` (versions, search index, directory caches); e-mails go
out after commit.
"""

import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from fachstelle.core.models import FieldOfAction, Language, Office, TargetGroup
from fachstelle.network.models import Organisation

from ..models import Offer, OfferProposal, ProviderConfirmation
from ..services import offer_create, offer_update
from . import emails
from .content import BOOLEAN_FIELDS, DATE_FIELDS, SCALAR_FIELDS, proposal_data_normalize
from .errors import TOKEN_MAX_LENGTH, ProposalNotPending, SelfServiceError

# An unconfirmed proposal's e-mail link works this long; afterwards the proposal is never reviewed.
PROPOSAL_CONFIRMATION_DAYS = 14


def proposal_submit(
    *,
    office: Office,
    submission_key: uuid.UUID,
    submitter_name: str,
    submitter_email: str,
    submitter_phone: str = "",
    organisation: Organisation | None,
    organisation_name: str = "",
    organisation_website: str = "",
    data: dict,
    message: str = "",
    offer: Offer | None = None,
    language: str,
    confirmation: ProviderConfirmation | None = None,
) -> tuple[OfferProposal, bool]:
    """Store a proposal of a new offer (offer=None) or of a change to `offer`.

    Returns (proposal, created). The same submission key twice (a double click) gives the first
    proposal back and stores nothing. Coming through a provider's valid confirmation link with the
    address that link was sent to, the e-mail is already proven: the proposal goes straight to review.
    """
    if organisation is not None and organisation.office_id != office.pk:
        raise SelfServiceError(_("Unknown organisation."))
    if offer is not None:
        if offer.office_id != office.pk:
            raise SelfServiceError(_("Unknown offer."))
        organisation = offer.provider
    if organisation is not None:
        organisation_name, organisation_website = organisation.name, organisation.website
    verified = (
        confirmation is not None
        and confirmation.office_id == office.pk
        and confirmation.email.strip().lower() == submitter_email.strip().lower()
        and (organisation is None or organisation.pk == confirmation.organisation_id)
    )
    if verified and organisation is None:
        organisation = confirmation.organisation
        organisation_name, organisation_website = organisation.name, organisation.website
    now = timezone.now()
    proposal = OfferProposal(
        office=office,
        kind=OfferProposal.Kind.CHANGE if offer else OfferProposal.Kind.NEW,
        status=OfferProposal.Status.PENDING if verified else OfferProposal.Status.UNCONFIRMED,
        confirmed_at=now if verified else None,
        offer=offer,
        organisation=organisation,
        organisation_name=organisation_name.strip(),
        organisation_website=organisation_website.strip(),
        submitter_name=submitter_name.strip(),
        submitter_email=submitter_email.strip(),
        submitter_phone=submitter_phone.strip(),
        data={**proposal_data_normalize(data), "submitter_language": language},
        message=message.strip(),
        submission_key=submission_key,
    )
    try:
        proposal.full_clean(validate_unique=False)
    except ValidationError as exc:  # the form checks all of this; a direct caller may not
        raise SelfServiceError(_validation_text(exc, OfferProposal)) from exc
    with transaction.atomic():
        try:
            # The unique submission key is the guard: the second insert of a double click fails here
            # (also when both requests run at the same time), inside its own savepoint.
            with transaction.atomic():
                proposal.save()
        except IntegrityError:
            existing = OfferProposal.objects.filter(submission_key=submission_key).first()
            if existing is None:
                raise
            return existing, False
        if verified:
            transaction.on_commit(lambda: emails.proposal_notify_office.enqueue(proposal_id=proposal.pk))
        else:
            transaction.on_commit(
                lambda: emails.proposal_send_confirmation_link.enqueue(proposal_id=proposal.pk)
            )
    return proposal, True


def proposal_confirm_email(*, office: Office, token: str) -> OfferProposal:
    """The submitter opened the e-mail link: the proposal enters the review queue (once)."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        raise OfferProposal.DoesNotExist
    with transaction.atomic():
        proposal = OfferProposal.objects.select_for_update().get(office=office, token=token)
        if proposal.status != OfferProposal.Status.UNCONFIRMED:
            return proposal  # confirming twice is harmless
        if proposal.created_at < timezone.now() - timedelta(days=PROPOSAL_CONFIRMATION_DAYS):
            raise OfferProposal.DoesNotExist("expired")
        proposal.status = OfferProposal.Status.PENDING
        proposal.confirmed_at = timezone.now()
        proposal.save(update_fields=["status", "confirmed_at"])
        transaction.on_commit(lambda: emails.proposal_notify_office.enqueue(proposal_id=proposal.pk))
    return proposal


def _terms(model, key: str, values: list) -> list[int]:
    return list(model.objects.filter(**{f"{key}__in": values}).values_list("pk", flat=True)) if values else []


def _offer_values(*, office: Office, data: dict) -> tuple[dict, dict, list[dict]]:
    """Stored proposal data → (fields, m2m ids, locations) for offer_create/offer_update.

    Vocabulary terms removed since the submission are dropped; a location in a municipality the office
    no longer serves refuses the approval (staff must decide where it takes place).
    """
    fields = {}
    for name in SCALAR_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name == "cost_amount":
            try:
                value = Decimal(value) if value not in (None, "") else None
            except InvalidOperation as exc:
                raise SelfServiceError(_("The proposed amount is not a number.")) from exc
        elif name in DATE_FIELDS:
            value = date.fromisoformat(value) if value else None
        elif name in BOOLEAN_FIELDS:
            value = bool(value)
        else:
            value = value or ""
        fields[name] = value
    served = {m.bfs_number: m for m in office.municipalities.all()}
    m2m = {
        "fields_of_action": _terms(FieldOfAction, "slug", data.get("fields_of_action") or []),
        "target_groups": _terms(TargetGroup, "slug", data.get("target_groups") or []),
        "languages": _terms(Language, "code", data.get("languages") or []),
        "municipalities": [served[n].pk for n in data.get("municipalities") or [] if n in served],
    }
    locations = []
    for loc in data.get("locations") or []:
        municipality = served.get(loc.get("municipality"))
        if municipality is None:
            raise SelfServiceError(_("The location's municipality is not served by this office."))
        locations.append(
            {
                "name": loc.get("name") or "",
                "street": loc.get("street") or "",
                "postcode": loc.get("postcode") or "",
                "municipality": municipality,
                "opening_hours": loc.get("opening_hours") or "",
                "by_appointment": bool(loc.get("by_appointment")),
            }
        )
    return fields, m2m, locations


def _organisation_slug(office: Office, name: str) -> str:
    base = slugify(name)[:100] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(office=office, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _organisation_for(proposal: OfferProposal, now: datetime) -> Organisation:
    """The proposal's provider, or a new organisation from the name the submitter gave."""
    if proposal.organisation_id and proposal.organisation.office_id == proposal.office_id:
        return proposal.organisation
    organisation = Organisation(
        office=proposal.office,
        name=proposal.organisation_name,
        slug=_organisation_slug(proposal.office, proposal.organisation_name),
        kind=Organisation.Kind.OTHER,
        website=proposal.organisation_website,
        # The submitter proved this address; the yearly confirmation goes there (not shown publicly).
        confirmation_email=proposal.submitter_email,
        last_confirmed_at=now,
    )
    organisation.full_clean()
    organisation.save()
    return organisation


def _lock_pending(proposal: OfferProposal) -> OfferProposal:
    proposal = (
        OfferProposal.objects.select_for_update(of=("self",))
        .select_related("office", "organisation")
        .get(pk=proposal.pk)
    )
    if proposal.status != OfferProposal.Status.PENDING:
        raise ProposalNotPending(
            _("This proposal has already been reviewed or its e-mail is not confirmed (status: %(status)s).")
            % {"status": proposal.get_status_display()}
        )
    return proposal


def proposal_approve(*, proposal: OfferProposal, by, publish: bool, message: str = "") -> Offer:
    """Create the proposed offer, or apply the proposed change, as published or as draft.

    One transaction: the offer (through offer_create/offer_update, so a version is recorded), a new
    organisation if needed, the proposal's review; the submitter is told after commit.
    """
    try:
        with transaction.atomic():
            proposal = _lock_pending(proposal)
            office = proposal.office
            fields, m2m, locations = _offer_values(office=office, data=proposal.data)
            now = timezone.now()
            status = Offer.Status.PUBLISHED if publish else Offer.Status.DRAFT
            comment = _("Proposal by %(name)s <%(email)s>") % {
                "name": proposal.submitter_name,
                "email": proposal.submitter_email,
            }
            if proposal.kind == OfferProposal.Kind.CHANGE:
                offer = Offer.objects.select_for_update().get(pk=proposal.offer_id, office=office)
                # The provider just checked this offer: it counts as confirmed.
                fields.update(
                    status=status,
                    last_confirmed_at=now,
                    confirmation_overdue_since=None,
                    hidden_unconfirmed_at=None,
                )
                offer = offer_update(
                    offer=offer, by=by, fields=fields, m2m=m2m, locations=locations, comment=comment
                )
            else:
                organisation = _organisation_for(proposal, now)
                proposal.organisation = organisation
                fields.update(provider=organisation, status=status, last_confirmed_at=now)
                offer = offer_create(
                    office=office, by=by, fields=fields, m2m=m2m, locations=locations, comment=comment
                )
            proposal.status = OfferProposal.Status.APPROVED
            proposal.reviewed_at = now
            proposal.reviewed_by = by if getattr(by, "is_authenticated", False) else None
            proposal.review_message = message.strip()
            proposal.resulting_offer = offer
            proposal.save(
                update_fields=[
                    "status",
                    "reviewed_at",
                    "reviewed_by",
                    "review_message",
                    "resulting_offer",
                    "organisation",
                ]
            )
            transaction.on_commit(lambda: emails.proposal_send_outcome.enqueue(proposal_id=proposal.pk))
    except ValidationError as exc:
        raise SelfServiceError(_validation_text(exc)) from exc
    except IntegrityError as exc:  # e.g. the same organisation created at the same moment by a colleague
        raise SelfServiceError(_("The proposal could not be saved; please try again.")) from exc
    return offer


def _validation_text(exc: ValidationError, model=Offer) -> str:
    """A model validation error as one line naming the fields (verbose names)."""
    if not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    labels = {f.name: str(f.verbose_name) for f in model._meta.fields}
    return " ".join(
        f"{labels.get(name, name)}: {' '.join(errors)}" for name, errors in exc.message_dict.items()
    )


def proposal_reject(*, proposal: OfferProposal, by, message: str) -> OfferProposal:
    with transaction.atomic():
        proposal = _lock_pending(proposal)
        proposal.status = OfferProposal.Status.REJECTED
        proposal.reviewed_at = timezone.now()
        proposal.reviewed_by = by if getattr(by, "is_authenticated", False) else None
        proposal.review_message = message.strip()
        proposal.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_message"])
        transaction.on_commit(lambda: emails.proposal_send_outcome.enqueue(proposal_id=proposal.pk))
    return proposal


def proposal_offer_for_change(
    *, office: Office, offer_id, confirmation: ProviderConfirmation | None = None
) -> Offer | None:
    """The offer a change may be proposed for: a public offer of this office, or, through a provider's
    confirmation link, any published offer of that provider (also one hidden for lack of confirmation)."""
    try:
        pk = int(str(offer_id))
    except (TypeError, ValueError):
        return None
    queryset = Offer.objects.public().filter(office=office)
    if confirmation is not None:
        queryset = queryset | Offer.objects.filter(
            office=office, provider_id=confirmation.organisation_id, status=Offer.Status.PUBLISHED
        )
    return (
        queryset.select_related("provider", "office")
        .prefetch_related("fields_of_action", "target_groups", "languages", "municipalities")
        .filter(pk=pk)
        .first()
    )


def providers_for_proposals(*, office: Office) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(office=office, is_public=True).order_by("name").only("pk", "name", "slug")
    )
