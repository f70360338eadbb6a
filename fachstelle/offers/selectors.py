"""Reads of the public directory: filter parsing, search with facet counts, detail pages."""

import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from fachstelle.core.models import FieldOfAction, Language, Municipality, Office, PromotionArea, TargetGroup
from fachstelle.core.translation import Localized, localize
from fachstelle.network.models import Organisation

from . import search
from .models import Location, Offer, OfferTranslation

PER_PAGE = 20
PRINT_LIMIT = 500
MAX_PAGE = 10_000
MAX_VALUES_PER_FILTER = 20


@dataclass
class OfferFilters:
    """Validated search filters. Invalid input is dropped and explained in `messages`."""

    q: str = ""
    areas: list[str] = field(default_factory=list)  # field-of-action slugs
    kip: list[str] = field(default_factory=list)  # promotion-area codes
    target_groups: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    municipalities: list[int] = field(default_factory=list)  # BFS numbers
    free: bool = False
    childcare: bool = False
    online: bool = False
    barrier_free: bool = False
    page: int = 1
    messages: list[str] = field(default_factory=list)

    def cache_key_part(self) -> str:
        data = {k: v for k, v in self.__dict__.items() if k not in {"messages", "page"}}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:32]

    @property
    def is_empty(self) -> bool:
        return not (
            self.q
            or self.areas
            or self.kip
            or self.target_groups
            or self.languages
            or self.municipalities
            or self.free
            or self.childcare
            or self.online
            or self.barrier_free
        )


@dataclass
class Vocabulary:
    """The terms a filter can take, loaded once per request (small tables)."""

    areas: dict[str, FieldOfAction]
    kip: dict[str, PromotionArea]
    target_groups: dict[str, TargetGroup]
    languages: dict[str, Language]
    municipalities: dict[int, Municipality]


def _directory_version(office: Office | None) -> str:
    if office is not None:
        return f"{office.pk}.{office.directory_version}"
    versions = Office.objects.filter(is_active=True).values_list("pk", "directory_version")
    return "all." + ".".join(f"{pk}-{v}" for pk, v in versions)


def vocabulary_load(*, office: Office | None) -> Vocabulary:
    """Cached under the directory version: vocabulary edits bump it (see offers.signals)."""
    key = f"offers:vocabulary:{_directory_version(office)}"
    vocabulary = cache.get(key)
    if vocabulary is None:
        municipalities = (
            office.municipalities.all()
            if office
            else Municipality.objects.filter(offices__is_active=True).distinct()
        )
        vocabulary = Vocabulary(
            areas={a.slug: a for a in FieldOfAction.objects.all()},
            kip={p.code: p for p in PromotionArea.objects.all()},
            target_groups={t.slug: t for t in TargetGroup.objects.all()},
            languages={lang.code: lang for lang in Language.objects.all()},
            municipalities={m.bfs_number: m for m in municipalities.order_by("name")},
        )
        cache.set(key, vocabulary, settings.DIRECTORY_CACHE_SECONDS)
    return vocabulary


def _as_bool(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on", "ja"}


def _values(params: QueryDict, *names: str) -> list[str]:
    values: list[str] = []
    for name in names:
        for raw in params.getlist(name):
            values += [v.strip() for v in raw.split(",") if v.strip()]
    return list(dict.fromkeys(values))[:MAX_VALUES_PER_FILTER]


def offer_filters_parse(*, params: QueryDict, vocabulary: Vocabulary) -> OfferFilters:
    """Turn query parameters into filters; unknown values are ignored with a message, never an error."""
    filters = OfferFilters()
    raw_q = (params.get("q") or "").strip()
    if len(raw_q) > search.MAX_QUERY_LENGTH:
        filters.messages.append(
            _("Your search text was shortened to %(max)s characters.") % {"max": search.MAX_QUERY_LENGTH}
        )
    filters.q = raw_q[: search.MAX_QUERY_LENGTH]

    def known(values, vocab, label):
        good = [v for v in values if v in vocab]
        bad = [v for v in values if v not in vocab]
        if bad:
            filters.messages.append(
                _("Unknown %(filter)s ignored: %(values)s")
                % {"filter": label, "values": ", ".join(v[:40] for v in bad)}
            )
        return good

    filters.areas = known(_values(params, "area"), vocabulary.areas, _("topic"))
    filters.kip = known(_values(params, "kip"), vocabulary.kip, _("KIP promotion area"))
    filters.target_groups = known(
        _values(params, "target_group", "target"), vocabulary.target_groups, _("target group")
    )
    filters.languages = known(_values(params, "language"), vocabulary.languages, _("language"))
    numbers = []
    for raw in _values(params, "municipality"):
        if raw.isdigit() and int(raw) in vocabulary.municipalities:
            numbers.append(int(raw))
        else:
            filters.messages.append(_("Unknown municipality ignored: %(value)s") % {"value": raw[:40]})
    filters.municipalities = numbers
    filters.free = _as_bool(params.get("free"))
    filters.childcare = _as_bool(params.get("childcare"))
    filters.online = _as_bool(params.get("online"))
    filters.barrier_free = _as_bool(params.get("barrier_free"))
    raw_page = (params.get("page") or "1").strip()
    if raw_page.isdigit() and 0 < int(raw_page) <= MAX_PAGE:
        filters.page = int(raw_page)
    else:
        filters.page = 1
        if raw_page and raw_page != "1":
            filters.messages.append(_("Invalid page number; showing the first page."))
    return filters


def _base_queryset(office: Office | None) -> QuerySet[Offer]:
    queryset = Offer.objects.public()
    if office is not None:
        queryset = queryset.filter(office=office)
    else:
        queryset = queryset.filter(office__is_active=True)
    return queryset


def _apply(
    queryset: QuerySet[Offer], filters: OfferFilters, vocabulary: Vocabulary, skip: str = ""
) -> QuerySet:
    """Apply every filter except `skip` (facet counts leave out their own dimension)."""
    if filters.areas and skip != "areas":
        ids = [vocabulary.areas[s].pk for s in filters.areas]
        queryset = queryset.filter(
            pk__in=Offer.fields_of_action.through.objects.filter(fieldofaction_id__in=ids).values("offer_id")
        )
    if filters.kip and skip != "kip":
        ids = [vocabulary.kip[c].pk for c in filters.kip]
        queryset = queryset.filter(
            pk__in=Offer.promotion_areas.through.objects.filter(promotionarea_id__in=ids).values("offer_id")
        )
    if filters.target_groups and skip != "target_groups":
        ids = [vocabulary.target_groups[s].pk for s in filters.target_groups]
        queryset = queryset.filter(
            pk__in=Offer.target_groups.through.objects.filter(targetgroup_id__in=ids).values("offer_id")
        )
    if filters.languages and skip != "languages":
        ids = [vocabulary.languages[c].pk for c in filters.languages]
        queryset = queryset.filter(
            pk__in=Offer.languages.through.objects.filter(language_id__in=ids).values("offer_id")
        )
    if filters.municipalities and skip != "municipalities":
        ids = [vocabulary.municipalities[n].pk for n in filters.municipalities]
        queryset = queryset.filter(
            pk__in=Offer.municipalities.through.objects.filter(municipality_id__in=ids).values("offer_id")
        )
    if skip != "flags":
        queryset = queryset.filter(_flag_q(filters))
    return queryset


def _flag_q(filters: OfferFilters, leave_out: str = "") -> Q:
    condition = Q()
    if filters.free and leave_out != "free":
        condition &= Q(cost_type=Offer.CostType.FREE)
    if filters.childcare and leave_out != "childcare":
        condition &= Q(childcare=True)
    if filters.online and leave_out != "online":
        condition &= Q(is_online=True)
    if filters.barrier_free and leave_out != "barrier_free":
        condition &= Q(barrier_free=True)
    return condition


FLAG_CONDITIONS = {
    "free": Q(cost_type=Offer.CostType.FREE),
    "childcare": Q(childcare=True),
    "online": Q(is_online=True),
    "barrier_free": Q(barrier_free=True),
}

M2M_FACETS = {
    # dimension: (through-model column, vocabulary attribute, key of a term)
    "areas": (Offer.fields_of_action.through, "fieldofaction_id", "areas", "slug"),
    "kip": (Offer.promotion_areas.through, "promotionarea_id", "kip", "code"),
    "target_groups": (Offer.target_groups.through, "targetgroup_id", "target_groups", "slug"),
    "languages": (Offer.languages.through, "language_id", "languages", "code"),
    "municipalities": (Offer.municipalities.through, "municipality_id", "municipalities", "bfs_number"),
}


def _count_and_flags(matching: QuerySet, filters: OfferFilters) -> dict[str, int]:
    """One query: the result count and, per yes/no filter, the count if that filter were switched on."""
    # Aliases are prefixed: an aggregate may not share a name with a model field.
    aggregates = {"n_total": Count("pk", filter=_flag_q(filters) or None)}
    for name, condition in FLAG_CONDITIONS.items():
        aggregates[f"n_{name}"] = Count("pk", filter=(_flag_q(filters, leave_out=name) & condition))
    return {alias[2:]: value for alias, value in matching.aggregate(**aggregates).items()}


def _facet_counts(base: QuerySet, filters: OfferFilters, vocabulary: Vocabulary) -> dict[str, dict]:
    """One query per multi-valued dimension: counts with every other filter applied."""
    facets: dict[str, dict] = {}
    for dimension, (through, column, vocab_name, key_attr) in M2M_FACETS.items():
        scoped = _apply(base, filters, vocabulary, skip=dimension).values("pk")
        rows = through.objects.filter(offer_id__in=scoped).values(column).annotate(n=Count("offer_id"))
        by_pk = {row[column]: row["n"] for row in rows}
        facets[dimension] = {
            getattr(term, key_attr): by_pk.get(term.pk, 0)
            for term in getattr(vocabulary, vocab_name).values()
        }
    return facets


@dataclass
class SearchResult:
    offers: list[Offer]
    count: int
    page: int
    num_pages: int
    facets: dict[str, dict]
    flag_counts: dict[str, int]
    fuzzy: bool  # results come from the typo-forgiving pass

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def offer_search(
    *,
    office: Office | None,
    filters: OfferFilters,
    vocabulary: Vocabulary,
    language: str,
    per_page: int = PER_PAGE,
) -> SearchResult:
    """Search the public directory of one office (or of all offices).

    Counts, facets and the ids of each result page are cached under the office's directory version, which
    every offer write bumps, so a cached answer is never stale. Queries: counts and 5 facets when not
    cached; the page of offers plus 4 prefetches always.
    """
    base = _base_queryset(office)
    key = f"offers:facets:{_directory_version(office)}:{filters.cache_key_part()}"
    cached = cache.get(key)
    if cached is None:
        textual = search.filter_by_text(base, filters.q) if filters.q else base
        fuzzy = False
        counts = _count_and_flags(_apply(textual, filters, vocabulary, skip="flags"), filters)
        if filters.q and counts["total"] == 0:
            similar = search.filter_by_similar_text(base, filters.q)
            similar_counts = _count_and_flags(_apply(similar, filters, vocabulary, skip="flags"), filters)
            if similar_counts["total"]:
                textual, counts, fuzzy = similar, similar_counts, True
        facets = _facet_counts(textual, filters, vocabulary)
        cached = {"counts": counts, "facets": facets, "fuzzy": fuzzy}
        cache.set(key, cached, settings.DIRECTORY_CACHE_SECONDS)

    counts, fuzzy = cached["counts"], cached["fuzzy"]
    total = counts["total"]
    num_pages = max(1, -(-total // per_page))
    page = min(filters.page, num_pages)
    offers: list[Offer] = []
    page_key = f"{key}:page:{page}:{per_page}"
    ids = cache.get(page_key) if total else []
    if ids is None:
        matching = base
        if filters.q:
            matching = (search.filter_by_similar_text if fuzzy else search.filter_by_text)(base, filters.q)
        matching = search.order_by_relevance(_apply(matching, filters, vocabulary), filters.q)
        offers = list(with_list_relations(matching, language)[(page - 1) * per_page : page * per_page])
        cache.set(page_key, [offer.pk for offer in offers], settings.DIRECTORY_CACHE_SECONDS)
    elif ids:
        # The page's ids are cached: one indexed fetch instead of ranking the matches again.
        by_pk = {offer.pk: offer for offer in with_list_relations(Offer.objects.filter(pk__in=ids), language)}
        offers = [by_pk[pk] for pk in ids if pk in by_pk]
    return SearchResult(
        offers=offers,
        count=total,
        page=page,
        num_pages=num_pages,
        facets=cached["facets"],
        flag_counts={name: counts[name] for name in FLAG_CONDITIONS},
        fuzzy=fuzzy,
    )


def with_list_relations(queryset: QuerySet[Offer], language: str) -> QuerySet[Offer]:
    """What a result card shows: provider, office, topics, languages, places, the active translation."""
    return queryset.select_related("provider", "office").prefetch_related(
        "fields_of_action",
        "languages",
        "municipalities",
        Prefetch(
            "translations",
            queryset=OfferTranslation.objects.filter(language=language),
            to_attr="active_translations",
        ),
    )


def offer_localized(offer: Offer, language: str) -> Localized:
    """The offer's texts in `language`; needs `active_translations` (prefetched) or loads them."""
    translations = getattr(offer, "active_translations", None)
    if translations is None:
        translations = list(offer.translations.filter(language=language))
    return localize(offer, translations[0] if translations else None, language)


def offer_get_public(*, office: Office, pk: int, language: str) -> Offer:
    """A published offer of this office with everything its page shows, or 404."""
    queryset = with_list_relations(_base_queryset(office), language).prefetch_related(
        "target_groups",
        "promotion_areas",
        Prefetch("locations", queryset=Location.objects.select_related("municipality")),
    )
    try:
        return queryset.get(pk=pk)
    except Offer.DoesNotExist as exc:
        raise Http404("No such offer") from exc


def offer_get_preview(*, office_ids: list[int], pk: int, language: str) -> Offer:
    """Any offer (also drafts) of the staff user's offices, for the preview."""
    queryset = with_list_relations(Offer.objects.filter(office_id__in=office_ids), language).prefetch_related(
        "target_groups",
        "promotion_areas",
        Prefetch("locations", queryset=Location.objects.select_related("municipality")),
    )
    try:
        return queryset.get(pk=pk)
    except Offer.DoesNotExist as exc:
        raise Http404("No such offer") from exc


def provider_get_public(*, office: Office, slug: str) -> Organisation:
    try:
        return Organisation.objects.select_related("municipality").get(
            office=office, slug=slug, is_public=True
        )
    except Organisation.DoesNotExist as exc:
        raise Http404("No such provider") from exc


def provider_offers(*, provider: Organisation, language: str) -> list[Offer]:
    return list(
        with_list_relations(Offer.objects.public().filter(provider=provider), language).order_by(
            "title", "pk"
        )
    )


def offices_public() -> QuerySet[Office]:
    return (
        Office.objects.filter(is_active=True)
        .annotate(
            municipality_count=Count("municipalities", distinct=True),
            offer_count=Count(
                "offers",
                filter=Q(offers__status=Offer.Status.PUBLISHED, offers__hidden_unconfirmed_at__isnull=True),
                distinct=True,
            ),
        )
        .order_by("name")
    )
