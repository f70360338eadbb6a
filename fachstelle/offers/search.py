"""Full-text search of the directory.

PostgreSQL: a weighted German tsvector (stemming: "Deutschkurse" finds "Deutschkurs") OR a substring match
on a folded text column backed by a trigram index (compounds: "kurs deutsch" finds "Deutschkurs"), every
term required. SQLite: the same substring match with a light German suffix stripping; correct, simpler.
When nothing matches, directory_index.text_match corrects typos word by word (trigram similarity against
the words of the directory's titles and summaries) and searches again, on both databases.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
_WORD = re.compile(r"[\w]+", re.UNICODE)
_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l"})
# Longest first; a light stemmer for the SQLite fallback and for the substring path.
_GERMAN_SUFFIXES = ("ern", "en", "er", "es", "e", "n", "s")


def fold(text: str) -> str:
    """Lower-case, without accents and umlaut dots: "Mütter-Café" → "mutter-cafe"."""
    text = unicodedata.normalize("NFKD", (text or "").lower().translate(_FOLD))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def query_terms(query: str) -> list[str]:
    """The words of a user query (raw case kept for the stemmer), bounded in number and length."""
    words = _WORD.findall((query or "")[:MAX_QUERY_LENGTH])
    terms: list[str] = []
    for word in words:
        word = word[:40]
        if word.lower() not in {t.lower() for t in terms}:
            terms.append(word)
    return terms[:MAX_TERMS]


def stem_for_substring(term: str) -> str:
    folded = fold(term)
    if len(folded) > 5:
        for suffix in _GERMAN_SUFFIXES:
            if folded.endswith(suffix) and len(folded) - len(suffix) >= 4:
                return folded[: -len(suffix)]
    return folded


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def filter_by_text(queryset: QuerySet, query: str) -> QuerySet:
    """Every term must match (AND); each term matches by stem or as a substring (compounds)."""
    for term in query_terms(query):
        substring = Q(search_document__contains=stem_for_substring(term))
        if is_postgres():
            stemmed = Q(search_vector=SearchQuery(term, config="german", search_type="plain"))
            queryset = queryset.filter(stemmed | substring if len(term) >= 3 else stemmed)
        else:
            queryset = queryset.filter(substring)
    return queryset


def order_by_relevance(queryset: QuerySet, query: str) -> QuerySet:
    terms = query_terms(query)
    if not terms:
        return queryset.order_by("title", "pk")
    if is_postgres():
        search_query = SearchQuery(terms[0], config="german")
        for term in terms[1:]:
            search_query |= SearchQuery(term, config="german")
        rank = SearchRank(F("search_vector"), search_query)
        return queryset.annotate(rank=rank).order_by("-rank", "title", "pk")
    title_hit = Case(
        When(title__icontains=terms[0], then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    return queryset.annotate(rank=title_hit).order_by("-rank", "title", "pk")


def build_search_document(offer) -> str:
    """Folded text of everything a visitor may search for, in every language the offer is written in.

    The names of the languages an offer is held in stay out: nearly every offer is held in German, so
    "deutsch" would match them all; the language filter answers that question.
    """
    parts = [offer.title, offer.summary, offer.description, offer.schedule_text, offer.provider.name]
    parts += [area.name for area in offer.fields_of_action.all()]
    parts += [group.name for group in offer.target_groups.all()]
    parts += [f"{loc.name} {loc.municipality.name}" for loc in offer.locations.all()]
    parts += [m.name for m in offer.municipalities.all()]
    for translation in offer.translations.all():
        if translation.is_public:
            parts += [translation.title, translation.summary]
    return fold(" ".join(p for p in parts if p))


def offer_refresh_search_index(*, offer_ids: list[int]) -> None:
    """Recompute the search columns of the given offers (called by every offer write)."""
    from .models import Offer

    offers = (
        Offer.objects.filter(pk__in=offer_ids)
        .select_related("provider")
        .prefetch_related(
            "fields_of_action",
            "target_groups",
            "languages",
            "locations__municipality",
            "municipalities",
            "translations",
        )
    )
    for offer in offers:
        Offer.objects.filter(pk=offer.pk).update(search_document=build_search_document(offer))
    if is_postgres():
        Offer.objects.filter(pk__in=offer_ids).update(search_vector=search_vector_expression())


def search_vector_expression():
    return (
        SearchVector("title", weight="A", config="german")
        + SearchVector("summary", weight="B", config="german")
        + SearchVector("search_document", weight="C", config="german")
    )
