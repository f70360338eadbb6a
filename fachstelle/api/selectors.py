"""Reads the API needs beyond the directory selectors (fachstelle.offers.selectors), which it reuses."""

from collections import defaultdict

from django.core.validators import slug_re
from django.db import connection
from django.db.models import Prefetch, QuerySet

from fachstelle.core.models import Municipality, Office, PromotionArea, TargetGroup
from fachstelle.offers.models import Offer, OfferTranslation
from fachstelle.offers.selectors import Vocabulary

KIP, TARGET_GROUP = 1, 2  # which link table a row of offer_terms() comes from
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


def offer_terms(
    *, offer_ids: list[int], vocabulary: Vocabulary
) -> tuple[dict[int, list[PromotionArea]], dict[int, list[TargetGroup]]]:
    """KIP promotion areas and target groups of many offers: one query on the two link tables.

    The terms themselves are already loaded in the request's vocabulary, so no join is needed; each list
    keeps the vocabulary's order.
    """
    if not offer_ids:
        return {}, {}
    by_kind = {
        KIP: {term.pk: (i, term) for i, term in enumerate(vocabulary.kip.values())},
        TARGET_GROUP: {term.pk: (i, term) for i, term in enumerate(vocabulary.target_groups.values())},
    }
    # Plain SQL: the ORM would spend longer compiling this UNION than the database spends answering it.
    # Only table names from the models and one placeholder per id go into the text.
    marks = ", ".join(["%s"] * len(offer_ids))
    kip_table = Offer.promotion_areas.through._meta.db_table
    group_table = Offer.target_groups.through._meta.db_table
    sql = (
        f"SELECT offer_id, promotionarea_id, {KIP} FROM {kip_table} WHERE offer_id IN ({marks}) "  # noqa: S608
        f"UNION ALL SELECT offer_id, targetgroup_id, {TARGET_GROUP} FROM {group_table} "
        f"WHERE offer_id IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*offer_ids, *offer_ids])
        links = cursor.fetchall()
    found: dict[int, dict[int, list]] = {KIP: defaultdict(list), TARGET_GROUP: defaultdict(list)}
    for offer_id, term_id, kind in links:
        term = by_kind[kind].get(term_id)
        if term is not None:
            found[kind][offer_id].append(term)
    kip, groups = (
        {
            offer_id: [term for _i, term in sorted(terms, key=lambda t: t[0])]
            for offer_id, terms in found[k].items()
        }
        for k in (KIP, TARGET_GROUP)
    )
    return kip, groups


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
