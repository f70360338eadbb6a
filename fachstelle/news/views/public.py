"""Public news pages of an office: the list and one item, by the clock (never cached by version, so an
item appears and disappears on time). Thin: parse, call a selector, render."""

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import path

from fachstelle.core.languages import active_language
from fachstelle.core.richtext import render_markdown
from fachstelle.core.tenancy import office_get_public

from .. import selectors


def news_list(request, office_slug):
    office = office_get_public(slug=office_slug)
    result = selectors.news_page_public(
        office=office, language=active_language(), page=request.GET.get("page", 1)
    )
    return render(
        request,
        "news/public/list.html",
        {"office": office, "result": result, "public_nav": "news", "query_without_page": ""},
    )


def news_detail(request, office_slug, pk, slug=None):
    office = office_get_public(slug=office_slug)
    language = active_language()
    item = selectors.news_get_public(office=office, pk=pk, language=language)
    if slug != item.slug:
        return HttpResponsePermanentRedirect(item.get_absolute_url())
    text = selectors.news_localized(item, language)
    return render(
        request,
        "news/public/detail.html",
        {
            "office": office,
            "item": item,
            "text": text,
            "body_html": render_markdown(text.body),
            "public_nav": "news",
        },
    )


urlpatterns = [
    path("<slug:office_slug>/news/", news_list, name="news_list"),
    path("<slug:office_slug>/news/<int:pk>/", news_detail, name="news_short"),
    path("<slug:office_slug>/news/<int:pk>-<slug:slug>/", news_detail, name="news_detail"),
]
