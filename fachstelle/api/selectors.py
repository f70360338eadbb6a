"""Reads the API needs beyond the directory selectors (fachstelle.offers.selectors), which it reuses."""

from django.core.validators import slug_re
from django.db.models import Prefetch, QuerySet

from fachstelle.core.models import Municipality, Office
from fachstelle.offers.models import Offer, OfferTranslation

MAX_OFFER_ID = 2**63 - 1  # larger path ids would overflow PostgreSQL's bigint instead of being "not found"


def office_get_active(*, slug: str) -> Office | None:
    # Anything that cannot be a slug is unknown without asking the database (which refuses NUL bytes).
    if not slug or len(slug) > 50 or not slug_re.fullmatch(slug):
        return None
    return Office.objects.filter(slug=slug, is_active=True).first()


def offer_public_office(*, pk: int, office: Office | None) -> Office | None:
    """The office of a public offer (published, not hidden, office active), or None."""
    if not 0 < pk <= MAX_OFFER_ID:
        return None
    if office is not None:
        found = Offer.objects.public().filter(pk=pk, office=office).exists()
        return office if found else None
    return Office.objects.filter(
        is_active=True,
        offers__pk=pk,
        offers__status=Offer.Status.PUBLISHED,
        offers__hidden_unconfirmed_at__isnull=True,
    ).first()


def offer_translation_list(*, offer: Offer) -> list[OfferTranslation]:
    return list(OfferTranslation.objects.filter(offer=offer).order_by("language"))


def municipalities_public(*, office: Office | None) -> QuerySet[Municipality]:
    """The municipalities served by one office, or by any active office."""
    if office is not None:
        return office.municipalities.order_by("name", "bfs_number")
    return Municipality.objects.filter(offices__is_active=True).distinct().order_by("name", "bfs_number")


def offices_active() -> QuerySet[Office]:
    return (
        Office.objects.filter(is_active=True)
        .order_by("name")
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name", "bfs_number"))
        )
    )
