"""GET /news, /news/{id}: the news (Aktuelles) of the offices, read-only (docs/api.md)."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import override
from ninja import Path, Router
from ninja.errors import HttpError

from fachstelle.core.languages import SOURCE_LANGUAGE
from fachstelle.core.richtext import render_markdown

from . import content_params as params
from . import content_selectors as selectors
from . import content_serializers as serializers
from .content_schemas import NewsDetail, NewsList
from .offers import LANG_PARAMETER, OFFICE_PARAMETER, _content_language, _json, _office_param
from .schemas import Error, ValidationError

router = Router()

NEWS_VIEW = "news_public:news_detail"


def _urls(request: HttpRequest, language: str) -> serializers.ContentUrls:
    return serializers.ContentUrls(
        NEWS_VIEW, build_absolute_uri=request.build_absolute_uri, language=language
    )


@router.get(
    "/news",
    response={200: NewsList, 400: Error},
    tags=["news"],
    summary="Current news",
    openapi_extra={"parameters": [OFFICE_PARAMETER, params.PAGE_PARAMETER, LANG_PARAMETER]},
)
def news_list(request: HttpRequest):
    """The news visible now (publication time reached, not yet unpublished) of one office or of all
    active offices, newest first, 20 a page: title, teaser, image with thumbnail and alt text."""
    warnings: list[str] = []
    language = _content_language(request, warnings)
    with override(language):
        office = _office_param(request)
        result = selectors.news_list(
            office=office,
            language=language,
            source_language=SOURCE_LANGUAGE,
            page=params.page_number(request, warnings),
        )
        urls = _urls(request, language)
        results = []
        for item in result.items:
            text, info = serializers.localized_list_row(item, language)
            results.append(
                serializers.news_item(
                    item, text=text, info=info, urls=urls, build_absolute_uri=request.build_absolute_uri
                )
            )
    return params.list_response(request, result, results, warnings)


@router.get(
    "/news/{news_id}",
    response={200: NewsDetail, 400: Error, 404: Error, 422: ValidationError},
    tags=["news"],
    summary="One news item",
    openapi_extra={"parameters": [OFFICE_PARAMETER, LANG_PARAMETER]},
)
def news_detail(request: HttpRequest, news_id: int = Path(..., description="Id of the news item.")):
    """The fields of the list plus the text (Markdown and sanitised HTML) and the state of every
    translation. Drafts, scheduled, unpublished and archived items: 404."""
    language = _content_language(request, [])
    with override(language):
        item = selectors.news_get_public(pk=news_id, office=_office_param(request))
        if item is None:
            raise HttpError(404, _("No published news item with this id."))
        text, info, translations = serializers.localized_detail(item, language)
        data = serializers.news_item(
            item,
            text=text,
            info=info,
            urls=_urls(request, language),
            build_absolute_uri=request.build_absolute_uri,
        )
        data.update({"body_markdown": text.body, "body_html": str(render_markdown(text.body))})
        data.update(serializers.detail_info(item, translations, urls_in=lambda code: _urls(request, code)))
    return _json(data)
