"""GET /offers, /offers/{id}, /municipalities, /offices: the public directory, read-only.

The list filters exactly like the public search page: same parser, same search, same pagination
(fachstelle.offers.selectors). Malformed filter values are ignored and explained in `warnings`, as the
page does; only an unknown `office` is an error (400), because ignoring it would silently widen the
search to every office.
"""

import json

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import override
from ninja import Router
from ninja.errors import HttpError

from fachstelle.core.languages import NATIVE_NAMES, SOURCE_LANGUAGE, normalize_language
from fachstelle.core.models import Office
from fachstelle.offers import selectors as directory
from fachstelle.offers.directory_index import directory_index, directory_version
from fachstelle.offers.page_cache import page_cache_key

from . import selectors, serializers
from .schemas import Error, MunicipalityOut, OfferDetail, OfferList, OfficeOut, ValidationError

router = Router()


def _json(data, status: int = 200) -> HttpResponse:
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        content_type="application/json; charset=utf-8",
        status=status,
    )


def _content_language(request: HttpRequest, warnings: list[str]) -> str:
    """`lang` as a supported content language; unknown codes fall back to German with a warning."""
    raw = request.GET.get("lang")
    language = normalize_language(raw)
    if language is None:
        if raw:
            warnings.append(_("Unknown language %(code)s ignored; texts are in German.") % {"code": raw[:20]})
        return SOURCE_LANGUAGE
    return language


def _office_param(request: HttpRequest) -> Office | None:
    raw = (request.GET.get("office") or "").strip()
    if not raw:
        return None
    office = selectors.office_get_active(slug=raw)
    if office is None:
        raise HttpError(
            400,
            _("Unknown office: %(slug)s. GET /api/v1/offices lists the valid values.") % {"slug": raw[:60]},
        )
    return office


def _page_url(request: HttpRequest, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def _param(name: str, description: str, schema: dict | None = None) -> dict:
    return {
        "in": "query",
        "name": name,
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


_LIST = {"type": "array", "items": {"type": "string"}}
_BOOL = {"type": "boolean"}
LANG_PARAMETER = _param(
    "lang",
    "Content language (" + ", ".join(NATIVE_NAMES) + "). Texts without a translation are in German "
    "(`fallback: true`); an unknown code is ignored with a warning. Default: de.",
)
OFFICE_PARAMETER = _param("office", "Office slug (GET /offices). Unknown office: 400.")
# The filters are read from the query string by the page's own parser (which ignores bad values instead
# of rejecting the request), so they are documented here rather than declared as typed ninja parameters.
LIST_PARAMETERS = [
    _param(
        "q",
        "Search text (German stemming, compounds and typos forgiven); longer than 200 characters "
        "is shortened.",
    ),
    _param("area", "Field-of-action slug; repeat or comma-separate for several (any of them).", _LIST),
    _param("kip", "KIP promotion-area code, e.g. 2.1.", _LIST),
    _param("target_group", "Target-group slug.", _LIST),
    _param("language", "Code of a language the offer is held in, e.g. ti.", _LIST),
    _param("municipality", "BFS number of a municipality served.", _LIST),
    _param("free", "Only free offers (true/1).", _BOOL),
    _param("childcare", "Only offers with childcare.", _BOOL),
    _param("online", "Only online offers.", _BOOL),
    _param("barrier_free", "Only barrier-free offers.", _BOOL),
    _param(
        "page", "Page number, 20 offers a page; invalid numbers give the first page.", {"type": "integer"}
    ),
    OFFICE_PARAMETER,
    LANG_PARAMETER,
]


@router.get(
    "/offers",
    response={200: OfferList, 400: Error},
    tags=["offers"],
    summary="Search published offers",
    openapi_extra={"parameters": LIST_PARAMETERS},
)
def offer_list(request: HttpRequest):
    """The public search of one office (`office`) or of all offices, 20 a page, in the page's order."""
    warnings: list[str] = []
    language = _content_language(request, warnings)
    # Messages and public page URLs in the requested language.
    with override(language):
        office = _office_param(request)
        # The answer is a function of the URL and the directory version: cached like the public pages.
        version = directory_version(office)
        key = page_cache_key("api-offers", request.get_host(), language, request.get_full_path(), version)
        cached = cache.get(key) if settings.DIRECTORY_CACHE_SECONDS else None
        if cached is not None:
            return HttpResponse(cached, content_type="application/json; charset=utf-8")
        vocabulary = directory_index(office, version=version).vocabulary
        filters = directory.offer_filters_parse(params=request.GET, vocabulary=vocabulary)
        result = directory.offer_search(
            office=office, filters=filters, vocabulary=vocabulary, language=language
        )
        urls = serializers.OfferUrls(build_absolute_uri=request.build_absolute_uri, language=language)
        results = [
            serializers.offer_list_item(offer, language=language, urls=urls) for offer in result.offers
        ]
        warnings += [str(message) for message in filters.messages]
    response = _json(
        {
            "count": result.count,
            "next": _page_url(request, result.page + 1) if result.has_next else None,
            "previous": _page_url(request, result.page - 1) if result.has_previous else None,
            "warnings": warnings,
            "results": results,
        }
    )
    if settings.DIRECTORY_CACHE_SECONDS:
        cache.set(key, response.content, settings.DIRECTORY_CACHE_SECONDS)
    return response


@router.get(
    "/offers/{offer_id}",
    response={200: OfferDetail, 400: Error, 404: Error, 422: ValidationError},
    tags=["offers"],
    summary="One published offer",
    openapi_extra={"parameters": [OFFICE_PARAMETER, LANG_PARAMETER]},
)
def offer_detail(request: HttpRequest, offer_id: int):
    """Everything the offer's public page shows. Drafts, archived and hidden offers: 404."""
    language = _content_language(request, [])
    with override(language):
        office = selectors.offer_public_office(pk=offer_id, office=_office_param(request))
        if office is None:
            raise HttpError(404, _("No published offer with this id."))
        offer = directory.offer_get_public(office=office, pk=offer_id, language=language)
        offer.office = office
        data = serializers.offer_detail(
            offer,
            language=language,
            translations=selectors.offer_translation_list(offer=offer),
            build_absolute_uri=request.build_absolute_uri,
        )
    return _json(data)


@router.get(
    "/municipalities",
    response={200: list[MunicipalityOut], 400: Error},
    tags=["places"],
    summary="Municipalities served",
    openapi_extra={"parameters": [OFFICE_PARAMETER]},
)
def municipality_list(request: HttpRequest):
    """The municipalities served by the active offices (or by one `office`), by name."""
    office = _office_param(request)
    return [serializers.municipality(m) for m in selectors.municipalities_public(office=office)]


@router.get(
    "/offices",
    response=list[OfficeOut],
    tags=["places"],
    summary="Offices",
    openapi_extra={"parameters": [LANG_PARAMETER]},
)
def office_list(request: HttpRequest):
    """The active offices with the municipalities they serve; `url` is the office's public home in `lang`."""
    with override(_content_language(request, [])):
        return _office_list(request)


def _office_list(request: HttpRequest) -> list[dict]:
    return [
        {
            "slug": office.slug,
            "name": office.name,
            "short_name": office.short_name,
            "url": request.build_absolute_uri(office.get_absolute_url()),
            "municipalities": [serializers.municipality(m) for m in office.municipalities.all()],
        }
        for office in selectors.offices_active()
    ]
