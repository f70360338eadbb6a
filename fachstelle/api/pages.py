"""GET /pages, /pages/{id}: the published pages of the welcome guide, read-only (docs/api.md)."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import override
from ninja import Path, Router
from ninja.errors import HttpError

from fachstelle.core.languages import SOURCE_LANGUAGE

from . import content_params as params
from . import content_selectors as selectors
from . import content_serializers as serializers
from .content_schemas import PageDetail, PageList
from .offers import LANG_PARAMETER, OFFICE_PARAMETER, _content_language, _json, _office_param, _param
from .schemas import Error, ValidationError

router = Router()

PAGE_VIEW = "guide_public:page_detail"

LIST_PARAMETERS = [
    OFFICE_PARAMETER,
    _param(
        "municipality",
        params.MUNICIPALITY_PARAMETER_TEXT + ": the pages of the whole office plus that municipality's own "
        "pages. Without it, all pages (`municipality` null: for the whole office). Unknown: ignored with a "
        "warning.",
        {"type": "array", "items": {"type": "string"}},
    ),
    _param(
        "parent",
        "`root` for the top-level pages, or the id of a page for its sub-pages. Anything else: ignored "
        "with a warning.",
    ),
    params.PAGE_PARAMETER,
    LANG_PARAMETER,
]


def _parent(request: HttpRequest, warnings: list[str]) -> int | str | None:
    raw = (request.GET.get("parent") or "").strip()
    if not raw:
        return None
    if raw.lower() in {"root", "0", "null", "none"}:
        return "root"
    if raw.isdecimal():
        # Beyond any id (and int() of thousands of digits would fail): simply no such parent.
        return int(raw) if len(raw) <= 20 else selectors.MAX_ID + 1
    warnings.append(_("Invalid parent page ignored: %(value)s") % {"value": raw[:40]})
    return None


@router.get(
    "/pages",
    response={200: PageList, 400: Error},
    tags=["guide"],
    summary="Pages of the welcome guide",
    openapi_extra={"parameters": LIST_PARAMETERS},
)
def page_list(request: HttpRequest):
    """Published pages of the welcome guide (Willkommensinformation) of one office or of all active
    offices, by office and order, 20 a page; text, Markdown and sanitised HTML in `lang` with German as
    fallback, the easy-German version where there is one."""
    warnings: list[str] = []
    language = _content_language(request, warnings)
    with override(language):
        office = _office_param(request)
        result = selectors.page_list(
            office=office,
            municipality_ids=params.municipality_ids(request, office, warnings),
            parent=_parent(request, warnings),
            language=language,
            source_language=SOURCE_LANGUAGE,
            page=params.page_number(request, warnings),
        )
        urls = serializers.ContentUrls(
            PAGE_VIEW, build_absolute_uri=request.build_absolute_uri, language=language
        )
        results = []
        for page in result.items:
            text, info = serializers.localized_list_row(page, language)
            results.append(serializers.page_item(page, text=text, info=info, urls=urls))
    return params.list_response(request, result, results, warnings)


@router.get(
    "/pages/{page_id}",
    response={200: PageDetail, 400: Error, 404: Error, 422: ValidationError},
    tags=["guide"],
    summary="One page of the welcome guide",
    openapi_extra={"parameters": [OFFICE_PARAMETER, LANG_PARAMETER]},
)
def page_detail(request: HttpRequest, page_id: int = Path(..., description="Id of the guide page.")):
    """The fields of the list plus the state of every translation. Drafts, archived pages, pages under
    an unpublished parent and pages of inactive offices: 404."""
    language = _content_language(request, [])
    with override(language):
        page = selectors.page_get_public(pk=page_id, office=_office_param(request))
        if page is None:
            raise HttpError(404, _("No published guide page with this id."))
        text, info, translations = serializers.localized_detail(page, language)

        def urls_in(code: str) -> serializers.ContentUrls:
            return serializers.ContentUrls(
                PAGE_VIEW, build_absolute_uri=request.build_absolute_uri, language=code
            )

        data = serializers.page_item(page, text=text, info=info, urls=urls_in(language))
        data.update(serializers.detail_info(page, translations, urls_in=urls_in))
    return _json(data)
