"""An in-process index of each office's public directory: filters and facet counts as bit operations.

The directory of one office is a few thousand offers. Counting facets in SQL re-ran the text match once
per dimension; here each worker keeps, per office, the ids of the public offers by title and, per filter
term, a bitmap (a Python int, bit i = the i-th offer by title) of the offers that carry it. A request
then costs one text-match query (cached too) and a few hundred AND/popcount operations on those ints.
Both are keyed by `Office.directory_version`, which every write through the services bumps and which
each request reads with the office row, so no worker ever answers from a stale index, whatever the
number of app servers.
"""

import threading
from array import array
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from fachstelle.core.models import FieldOfAction, Language, Municipality, Office, PromotionArea, TargetGroup

from . import search
from .models import Offer

FLAGS = ("free", "childcare", "online", "barrier_free")
# dimension: (link table, column of the term, vocabulary attribute, key of a term)
DIMENSIONS = {
    "areas": (Offer.fields_of_action.through, "fieldofaction_id", "slug"),
    "kip": (Offer.promotion_areas.through, "promotionarea_id", "code"),
    "target_groups": (Offer.target_groups.through, "targetgroup_id", "slug"),
    "languages": (Offer.languages.through, "language_id", "code"),
    "municipalities": (Offer.municipalities.through, "municipality_id", "bfs_number"),
}
# Text matches kept per worker, bounded by the number of ids they hold (8 bytes each).
TEXT_MATCH_BUDGET = 2_000_000


@dataclass
class Vocabulary:
    """The terms a filter can take, by the key used in URLs (slug, code or BFS number)."""

    areas: dict[str, FieldOfAction]
    kip: dict[str, PromotionArea]
    target_groups: dict[str, TargetGroup]
    languages: dict[str, Language]
    municipalities: dict[int, Municipality]
    version: str = ""  # the directory version it was loaded at


@dataclass
class DirectoryIndex:
    version: str
    vocabulary: Vocabulary
    order: list[int]  # public offer ids, by folded title: bit i of a bitmap is order[i]
    position: dict[int, int]  # offer id → bit
    everything: int  # bitmap of all public offers
    flags: dict[str, int]  # yes/no filter → bitmap
    terms: dict[str, dict[object, int]]  # dimension → term key → bitmap
    offer_terms: dict[str, dict[int, tuple]]  # dimension → offer id → its terms (vocabulary order)
    lexicon: dict[str, list[str]] = None  # trigram → words of titles and summaries (typo correction)

    def similar_word(self, term: str) -> str | None:
        """The word of the directory closest to a mistyped `term` (trigram similarity ≥ 0.45), if any."""
        wanted = _trigrams(term)
        shared: dict[str, int] = {}
        for gram in wanted:
            for word in self.lexicon.get(gram, ()):
                shared[word] = shared.get(word, 0) + 1
        best, best_score = None, 0.45
        for word, common in shared.items():
            score = common / (len(wanted) + len(_trigrams(word)) - common)
            if score > best_score or (score == best_score and best is not None and word < best):
                best, best_score = word, score
        return best

    def bitmap(self, offer_ids) -> int:
        buffer = bytearray((len(self.order) + 7) // 8)
        for offer_id in offer_ids:
            bit = self.position.get(offer_id)
            if bit is not None:
                buffer[bit >> 3] |= 1 << (bit & 7)
        return int.from_bytes(buffer, "little")

    def ids_in_order(self, bitmap: int, *, skip: int = 0, limit: int | None = None) -> list[int]:
        """The offers of `bitmap` in title order, after skipping `skip` of them."""
        bits = bin(bitmap)[:1:-1]  # bits[i] == "1" when offer order[i] is in
        found: list[int] = []
        at = bits.find("1")
        while at != -1 and (limit is None or len(found) < limit):
            if skip:
                skip -= 1
            else:
                found.append(self.order[at])
            at = bits.find("1", at + 1)
        return found


_lock = threading.Lock()
_indexes: dict[object, DirectoryIndex] = {}
_text_matches: "OrderedDict[tuple, tuple[array, bool, int]]" = OrderedDict()
_text_match_size = 0


def directory_version(office: Office | None) -> str:
    if office is not None:
        return f"{office.pk}.{office.directory_version}"
    versions = Office.objects.filter(is_active=True).order_by("pk").values_list("pk", "directory_version")
    return "all." + ".".join(f"{pk}-{v}" for pk, v in versions)


def public_offers(office: Office | None) -> QuerySet[Offer]:
    queryset = Offer.objects.public()
    if office is not None:
        return queryset.filter(office=office)
    return queryset.filter(office__is_active=True)


def directory_index(office: Office | None, version: str | None = None) -> DirectoryIndex:
    """The index of this office (None: all active offices) at its current directory version."""
    version = version or directory_version(office)
    key = office.pk if office is not None else "all"
    index = _indexes.get(key)
    if index is None or index.version != version:
        index = _build(office, version)
        with _lock:
            _indexes[key] = index
    return index


def _load_vocabulary(office: Office | None) -> Vocabulary:
    municipalities = (
        office.municipalities.all()
        if office
        else Municipality.objects.filter(offices__is_active=True).distinct()
    )
    return Vocabulary(
        areas={a.slug: a for a in FieldOfAction.objects.all()},
        kip={p.code: p for p in PromotionArea.objects.all()},
        target_groups={t.slug: t for t in TargetGroup.objects.all()},
        languages={lang.code: lang for lang in Language.objects.all()},
        municipalities={m.bfs_number: m for m in municipalities.order_by("name")},
    )


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _lexicon(texts) -> dict[str, list[str]]:
    words = {word for text in texts for word in search.query_terms(search.fold(text)) if len(word) >= 4}
    lexicon: dict[str, list[str]] = {}
    for word in words:
        for gram in _trigrams(word):
            lexicon.setdefault(gram, []).append(word)
    return lexicon


def _build(office: Office | None, version: str) -> DirectoryIndex:
    vocabulary = _load_vocabulary(office)
    vocabulary.version = version
    base = public_offers(office)
    rows = list(
        base.values_list("pk", "title", "cost_type", "childcare", "is_online", "barrier_free", "summary")
    )
    rows.sort(key=lambda row: (search.fold(row[1]), row[0]))
    order = [row[0] for row in rows]
    index = DirectoryIndex(version, vocabulary, order, {pk: i for i, pk in enumerate(order)}, 0, {}, {}, {})
    index.everything = (1 << len(order)) - 1
    index.lexicon = _lexicon(f"{row[1]} {row[6]}" for row in rows)
    index.flags = {
        "free": index.bitmap(r[0] for r in rows if r[2] == Offer.CostType.FREE),
        "childcare": index.bitmap(r[0] for r in rows if r[3]),
        "online": index.bitmap(r[0] for r in rows if r[4]),
        "barrier_free": index.bitmap(r[0] for r in rows if r[5]),
    }
    public_ids = base.values("pk")
    for dimension, (through, column, key_attr) in DIMENSIONS.items():
        terms = list(getattr(vocabulary, dimension).values())
        by_pk = {term.pk: term for term in terms}
        rank = {term.pk: i for i, term in enumerate(terms)}
        collected: dict[object, list[int]] = {}
        per_offer: dict[int, list] = {}
        links = through.objects.filter(offer_id__in=public_ids).values_list("offer_id", column)
        for offer_id, term_id in links:
            term = by_pk.get(term_id)
            if term is not None:
                collected.setdefault(getattr(term, key_attr), []).append(offer_id)
                per_offer.setdefault(offer_id, []).append(term)
        index.terms[dimension] = {term_key: index.bitmap(ids) for term_key, ids in collected.items()}
        index.offer_terms[dimension] = {
            offer_id: tuple(sorted(found, key=lambda term: rank[term.pk]))
            for offer_id, found in per_offer.items()
        }
    return index


def text_match(office: Office | None, index: DirectoryIndex, query: str) -> tuple[list[int], bool, int]:
    """Ids of the public offers matching `query`, best first, whether they come from the typo pass, and
    their bitmap.

    The typo-forgiving pass runs only when the text alone finds nothing (when filters empty the result,
    the visitor sees the facet counts instead): each word is replaced by the closest word of the
    directory's titles and summaries (trigram similarity, in memory) and the corrected text is searched.
    """
    global _text_match_size
    terms = search.query_terms(query)
    key = (office.pk if office is not None else "all", index.version, tuple(t.lower() for t in terms))
    cached = _text_matches.get(key)
    if cached is not None:
        with _lock:
            _text_matches.move_to_end(key)
        return list(cached[0]), cached[1], cached[2]
    base = public_offers(office)
    ids = list(
        search.order_by_relevance(search.filter_by_text(base, query), query).values_list("pk", flat=True)
    )
    fuzzy = False
    if not ids:
        corrected = [index.similar_word(search.fold(term)) or term for term in terms]
        if [c.lower() for c in corrected] != [t.lower() for t in terms]:
            query = " ".join(corrected)
            ids = list(
                search.order_by_relevance(search.filter_by_text(base, query), query).values_list(
                    "pk", flat=True
                )
            )
            fuzzy = bool(ids)
    bitmap = index.bitmap(ids)
    if not settings.DIRECTORY_CACHE_SECONDS:  # caching switched off (benchmark of the uncached path)
        return ids, fuzzy, bitmap
    with _lock:
        _text_matches[key] = (array("q", ids), fuzzy, bitmap)
        _text_match_size += len(ids) + 1
        while _text_match_size > TEXT_MATCH_BUDGET and _text_matches:
            _old_key, (old_ids, _fuzzy, _bitmap) = _text_matches.popitem(last=False)
            _text_match_size -= len(old_ids) + 1
    return ids, fuzzy, bitmap


def clear() -> None:
    """Forget every index and text match (tests; the version keys make it unnecessary elsewhere)."""
    global _text_match_size
    with _lock:
        _indexes.clear()
        _text_matches.clear()
        _text_match_size = 0
