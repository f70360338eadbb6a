"""Reads of the public directory: filter parsing, search with facet counts, detail pages."""

from dataclasses import dataclass, field
from itertools import islice

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from fachstelle.core.languages import SOURCE_LANGUAGE
from fachstelle.core.models import Office
from fachstelle.core.translation import Localized, localize
from fachstelle.network.models import Organisation

from . import search
from .directory_index import DIMENSIONS, FLAGS, Vocabulary, directory_index, public_offers, text_match
from .models import Location, Offer, OfferTranslation

__all__ = [
    "OfferFilters",
    "SearchResult",
    "Vocabulary",
    "offer_filters_parse",
    "offer_search",
    "vocabulary_load",
]

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


def vocabulary_load(*, office: Office | None, version: str | None = None) -> Vocabulary:
    """The filter terms of an office's directory (held by its in-process index); `version` if known."""
    return directory_index(office, version=version).vocabulary


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
        if raw.isdecimal() and int(raw) in vocabulary.municipalities:
            numbers.append(int(raw))
        else:
            filters.messages.append(_("Unknown municipality ignored: %(value)s") % {"value": raw[:40]})
    filters.municipalities = numbers
    filters.free = _as_bool(params.get("free"))
    filters.childcare = _as_bool(params.get("childcare"))
    filters.online = _as_bool(params.get("online"))
    filters.barrier_free = _as_bool(params.get("barrier_free"))
    raw_page = (params.get("page") or "1").strip()
    if raw_page.isdecimal() and 0 < int(raw_page) <= MAX_PAGE:
        filters.page = int(raw_page)
    else:
        filters.page = 1
        if raw_page and raw_page != "1":
            filters.messages.append(_("Invalid page number; showing the first page."))
    return filters


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
    vocabulary: Vocabulary | None = None,
    language: str,
    per_page: int = PER_PAGE,
) -> SearchResult:
    """Search the public directory of one office (or of all offices), with facet counts.

    Filters and counts are set operations on the office's in-process index (directory_index); the text
    match is one query, cached per directory version. Facet counts leave out their own dimension, so a
    visitor sees the alternatives. Queries: the text match (if any, when not cached), the page of offers
    and its 4 prefetches.
    """
    # The vocabulary of this request names the version it was loaded at: no second version lookup.
    index = directory_index(office, version=vocabulary.version if vocabulary else None)
    ordered: list[int] | None = None  # relevance order of a text search; else title order
    fuzzy = False
    candidates = index.everything
    if filters.q:
        ordered, fuzzy, candidates = text_match(office, index, filters.q)

    # Offers carrying any of the selected terms, per dimension (OR within, AND across dimensions).
    chosen: dict[str, int] = {}
    for dimension in DIMENSIONS:
        keys = getattr(filters, dimension)
        if keys:
            bitmap = 0
            for key in keys:
                bitmap |= index.terms[dimension].get(key, 0)
            chosen[dimension] = bitmap
    active_flags = [name for name in FLAGS if getattr(filters, name)]

    def narrowed(*, skip_dimension: str = "", skip_flag: str = "") -> int:
        result = candidates
        for dimension, bitmap in chosen.items():
            if dimension != skip_dimension:
                result &= bitmap
        for name in active_flags:
            if name != skip_flag:
                result &= index.flags[name]
        return result

    matching = narrowed()
    facets = {}
    for dimension in DIMENSIONS:
        scope = narrowed(skip_dimension=dimension) if dimension in chosen else matching
        terms = index.terms[dimension]
        facets[dimension] = {
            key: (scope & terms[key]).bit_count() if key in terms else 0
            for key in getattr(index.vocabulary, dimension)
        }
    flag_counts = {name: (narrowed(skip_flag=name) & index.flags[name]).bit_count() for name in FLAGS}

    total = matching.bit_count()
    num_pages = max(1, -(-total // per_page))
    page = min(filters.page, num_pages)
    skip = (page - 1) * per_page
    if ordered is None:
        page_ids = index.ids_in_order(matching, skip=skip, limit=per_page)
    else:
        bits = bin(matching)[:1:-1]
        position = index.position
        hits = (offer_id for offer_id in ordered if bits[position[offer_id] : position[offer_id] + 1] == "1")
        page_ids = list(islice(hits, skip, skip + per_page))
    offers: list[Offer] = []
    if page_ids:
        # The terms of each offer come from the index, already in memory: one query for the offers and,
        # in another language than German, one for their translations.
        rows = Offer.objects.filter(pk__in=page_ids).select_related("provider", "office")
        by_pk = {offer.pk: offer for offer in rows}
        offers = [by_pk[pk] for pk in page_ids if pk in by_pk]
        for offer in offers:
            for dimension in DIMENSIONS:
                setattr(offer, f"card_{dimension}", index.offer_terms[dimension].get(offer.pk, ()))
        _attach_translations(offers, language)
    return SearchResult(
        offers=offers,
        count=total,
        page=page,
        num_pages=num_pages,
        facets=facets,
        flag_counts=flag_counts,
        fuzzy=fuzzy,
    )


def _attach_translations(offers: list[Offer], language: str) -> None:
    """Set `active_translations` (what offer_localized reads) for many offers in one query."""
    found: dict[int, list] = {offer.pk: [] for offer in offers}
    if language != SOURCE_LANGUAGE and offers:
        for translation in OfferTranslation.objects.filter(offer_id__in=list(found), language=language):
            found[translation.offer_id].append(translation)
    for offer in offers:
        offer.active_translations = found[offer.pk]


def attach_card_terms(offers) -> list[Offer]:
    """The card_* attributes the result card reads, from prefetched relations (with_list_relations)."""
    for offer in offers:
        offer.card_areas = tuple(offer.fields_of_action.all())
        offer.card_languages = tuple(offer.languages.all())
        offer.card_municipalities = tuple(offer.municipalities.all())
    return list(offers)


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
    queryset = with_list_relations(public_offers(office), language).prefetch_related(
        "target_groups",
        "promotion_areas",
        Prefetch("locations", queryset=Location.objects.select_related("municipality")),
    )
    try:
        return attach_card_terms([queryset.get(pk=pk)])[0]
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
        return attach_card_terms([queryset.get(pk=pk)])[0]
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
    offers = with_list_relations(Offer.objects.public().filter(provider=provider), language)
    return attach_card_terms(offers.order_by("title", "pk"))


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


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    checked: bool
    html_id: str


@dataclass(frozen=True)
class FacetGroup:
    param: str  # the query parameter
    legend: str
    options: list[FacetOption]


def facet_groups(
    *, result: SearchResult, filters: OfferFilters, vocabulary: Vocabulary, language: str
) -> list:
    """The filter panel as data: each group lists the terms with offers (or checked), with counts.

    Built here rather than in the template: the panel has a few hundred terms and the template engine
    would spend most of the page's time resolving them one lookup at a time.
    """
    flags = [
        ("free", _("Free of charge")),
        ("childcare", _("Childcare available")),
        ("online", _("Online")),
        ("barrier_free", _("Barrier-free")),
    ]
    groups = [
        FacetGroup(
            "",
            _("Good to know"),
            [
                FacetOption(name, str(label), result.flag_counts[name], getattr(filters, name), f"f-{name}")
                for name, label in flags
            ],
        )
    ]
    dimensions = [
        ("areas", "area", _("Topic"), "f-area-"),
        ("target_groups", "target_group", _("For whom"), "f-target-"),
        ("municipalities", "municipality", _("Municipality"), "f-mun-"),
        ("languages", "language", _("Language of the offer"), "f-lang-"),
        ("kip", "kip", _("KIP promotion area"), "f-kip-"),
    ]
    for dimension, param, legend, id_prefix in dimensions:
        counts = result.facets[dimension]
        selected = set(getattr(filters, dimension))
        options = []
        for key, term in getattr(vocabulary, dimension).items():
            count, checked = counts.get(key, 0), key in selected
            if count or checked:
                label = term.name if dimension == "municipalities" else term.label(language)
                if dimension == "kip":
                    label = f"{key} {label}"
                html_id = id_prefix + str(key).replace(".", "-")
                options.append(FacetOption(str(key), label, count, checked, html_id))
        groups.append(FacetGroup(param, legend, options))
    return groups
