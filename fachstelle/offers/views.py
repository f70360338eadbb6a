"""Public pages of the directory. Thin: parse, call a selector, render."""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse

from fachstelle.core.languages import active_language
from fachstelle.core.tenancy import office_get_public, office_ids_for_user
from fachstelle.news.selectors import news_latest_public

from . import selectors
from .page_cache import versioned_page


def _search_context(request, office):
    language = active_language()
    vocabulary = selectors.vocabulary_load(office=office, version=getattr(request, "directory_version", None))
    filters = selectors.offer_filters_parse(params=request.GET, vocabulary=vocabulary)
    printing = request.GET.get("print") == "1"
    result = selectors.offer_search(
        office=office,
        filters=filters,
        vocabulary=vocabulary,
        language=language,
        per_page=selectors.PRINT_LIMIT if printing else selectors.PER_PAGE,
    )
    return {
        "office": office,
        "filters": filters,
        "vocabulary": vocabulary,
        "result": result,
        "cards": [(offer, selectors.offer_localized(offer, language)) for offer in result.offers],
        "facet_groups": selectors.facet_groups(
            result=result, filters=filters, vocabulary=vocabulary, language=language
        ),
        "printing": printing,
        "query_without_page": _query_without(request.GET, "page"),
    }


def _query_without(params, *names) -> str:
    query = params.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _office(request, office_slug):
    """The office the page cache already loaded, or load it."""
    office = getattr(request, "office", None)
    return office if office is not None else office_get_public(slug=office_slug)


@versioned_page
def start(request):
    """Pick an office, or search the offers of all of them."""
    return render(request, "offers/start.html", {"offices": selectors.offices_public()})


@versioned_page
def search_all(request):
    return render(request, "offers/offer_list.html", _search_context(request, office=None))


@versioned_page
def office_home(request, office_slug):
    office = _office(request, office_slug)
    vocabulary = selectors.vocabulary_load(office=office, version=getattr(request, "directory_version", None))
    return render(
        request,
        "offers/office_home.html",
        {
            "office": office,
            "vocabulary": vocabulary,
            "result": selectors.offer_search(
                office=office,
                filters=selectors.OfferFilters(),
                vocabulary=vocabulary,
                language=active_language(),
                per_page=6,
            ),
            # Only items visible now: the cached page changes when the news scheduler bumps the version.
            "news": news_latest_public(office=office, language=active_language()),
        },
    )


@versioned_page
def offer_list(request, office_slug):
    office = _office(request, office_slug)
    template = "offers/_results.html" if request.headers.get("HX-Request") else "offers/offer_list.html"
    return render(request, template, _search_context(request, office=office))


@versioned_page
def offer_detail(request, office_slug, pk, slug=None):
    office = _office(request, office_slug)
    language = active_language()
    offer = selectors.offer_get_public(office=office, pk=pk, language=language)
    offer.office = offer.provider.office = office  # already loaded: no query for their URLs
    if slug != offer.slug:
        return HttpResponsePermanentRedirect(offer.get_absolute_url())
    return render(
        request,
        "offers/offer_detail.html",
        {
            "office": office,
            "offer": offer,
            "text": selectors.offer_localized(offer, language),
        },
    )


@staff_member_required
def offer_preview(request, pk):
    """Staff see any offer of their offices as the public would, drafts included."""
    language = active_language()
    offer = selectors.offer_get_preview(
        office_ids=office_ids_for_user(user=request.user), pk=pk, language=language
    )
    return render(
        request,
        "offers/offer_detail.html",
        {
            "office": offer.office,
            "offer": offer,
            "text": selectors.offer_localized(offer, language),
            "preview": True,
            "admin_url": reverse("admin:offers_offer_change", args=[offer.pk]),
        },
    )


@versioned_page
def provider_detail(request, office_slug, slug):
    office = _office(request, office_slug)
    language = active_language()
    provider = selectors.provider_get_public(office=office, slug=slug)
    offers = selectors.provider_offers(provider=provider, language=language)
    return render(
        request,
        "offers/provider_detail.html",
        {
            "office": office,
            "provider": provider,
            "cards": [(offer, selectors.offer_localized(offer, language)) for offer in offers],
        },
    )
