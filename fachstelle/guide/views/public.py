"""Welcome guide, public side: the start page with its tiles, the pages (translated, easy German, read
aloud, live lists), "was this page helpful?" and the page-view counter.

Views are thin: selectors read, services write. Views are counted on our own server, per page, language
and day, without cookies or addresses; HEAD requests, obvious bots and staff are not counted.
"""

import hashlib
import re

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from fachstelle.core.content_cache import cached_fragment, public_page_cache
from fachstelle.core.languages import SOURCE_LANGUAGE, active_language, text_direction
from fachstelle.core.public_forms import client_ip, rate_limited
from fachstelle.core.richtext import render_markdown
from fachstelle.core.tenancy import office_get_public

from .. import selectors, services
from ..embeds import embeds_html_for
from ..forms import FeedbackForm
from ..models import GuidePage

# User agents that announce themselves as machines (search engines, link previews, monitors, scripts).
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|preview|monitor|uptime|curl|wget|python|httpclient|java/|go-http|headless|"
    r"facebookexternalhit|lighthouse",
    re.IGNORECASE,
)
# A feedback form sent twice (double click, reload) is stored once: its one-time key is remembered this long.
SUBMISSION_KEY_SECONDS = 24 * 3600


def is_countable(request) -> bool:
    if request.method != "GET":
        return False
    agent = request.META.get("HTTP_USER_AGENT", "")
    if not agent or BOT_USER_AGENT.search(agent):
        return False
    # Staff looking at their own pages would inflate the statistic.
    return not (request.user.is_authenticated and request.user.is_staff)


def _municipality(request, office):
    """The reader's municipality (`?municipality=<number>`) and the query string that keeps it in links."""
    municipality = selectors.municipality_by_bfs(office=office, bfs=request.GET.get("municipality"))
    query = "?" + urlencode({"municipality": municipality.bfs_number}) if municipality else ""
    return municipality, query


@require_GET
def guide_index(request, office_slug):
    office = office_get_public(slug=office_slug)
    language = active_language()
    municipality, query = _municipality(request, office)
    if request.GET.get("municipality") and municipality is None:
        messages.warning(request, _("This municipality is not part of the guide; showing the whole region."))
    return render(
        request,
        "guide/index.html",
        {
            "office": office,
            "public_nav": "guide",
            "cards": selectors.guide_index(office=office, language=language, municipality=municipality),
            "municipalities": list(office.municipalities.order_by("name")),
            "municipality": municipality,
            "mq": query,
        },
    )


def page_context(request, *, office, detail, language, municipality, query, form=None, preview=False) -> dict:
    """What guide/page_detail.html shows; shared by the public page and the staff preview."""
    page, text = detail.page, detail.text
    easy = language == SOURCE_LANGUAGE and page.has_easy_version and request.GET.get("easy") == "1"
    title, body = (page.easy_title or text.title, page.easy_body) if easy else (text.title, text.body)
    content_language = text.shown  # German when shown as fallback
    base_url = request.path
    params = {"municipality": municipality.bfs_number} if municipality else {}
    if preview:
        params["language"] = language
    return {
        "office": office,
        "public_nav": "guide",
        "page": page,
        "text": text,
        "title": title,
        # Rendered and sanitised by render_markdown (cached briefly: embeds list live offers and events).
        "body_html": mark_safe(
            cached_fragment(
                lambda: str(
                    render_markdown(
                        body,
                        embeds_html=embeds_html_for(
                            body, office=office, language=language, municipality=municipality
                        ),
                    )
                ),
                "guide-body",
                page.pk,
                page.updated_at.isoformat(),
                language,
                easy,
                getattr(selectors._wanted(page), "updated_at", None),
                municipality.pk if municipality else None,
                office.directory_version,
                preview,
            )
        ),
        "easy": easy,
        "easy_available": language == SOURCE_LANGUAGE and page.has_easy_version,
        "easy_url": f"{base_url}?{urlencode({**params, 'easy': '1'})}",
        "standard_url": base_url + (f"?{urlencode(params)}" if params else ""),
        "content_language": content_language,
        "content_direction": text_direction(content_language),
        "breadcrumbs": detail.breadcrumbs,
        "children": detail.children,
        "municipality": municipality,
        "mq": query,
        "form": form or FeedbackForm(),
        "preview": preview,
    }


def _count_cached_view(request, office_slug, pk, slug=None):
    """A view of a page served from the cache is counted too (only the page id and language are needed)."""
    if is_countable(request):
        services.page_view_record(page=GuidePage(pk=pk), language=active_language())


@require_GET
@public_page_cache(on_hit=_count_cached_view)
def page_detail(request, office_slug, pk, slug=None):
    office = office_get_public(slug=office_slug)
    language = active_language()
    municipality, query = _municipality(request, office)
    detail = selectors.guide_page_public(office=office, pk=pk, language=language, municipality=municipality)
    if slug != detail.page.slug:
        target = detail.page.get_absolute_url()
        if request.META.get("QUERY_STRING"):
            target += "?" + request.META["QUERY_STRING"]
        return HttpResponsePermanentRedirect(target)
    if is_countable(request):
        services.page_view_record(page=detail.page, language=language)
    context = page_context(
        request, office=office, detail=detail, language=language, municipality=municipality, query=query
    )
    return render(request, "guide/page_detail.html", context)


# The feedback form sits on pages served from a short-lived cache, so it carries no CSRF token: it is
# anonymous (no session or account a forged post could act for), and has a honeypot and a rate limit.
@csrf_exempt
@require_POST
def page_feedback(request, office_slug, pk):
    office = office_get_public(slug=office_slug)
    language = active_language()
    municipality, query = _municipality(request, office)
    detail = selectors.guide_page_public(office=office, pk=pk, language=language, municipality=municipality)
    page_url = detail.page.get_absolute_url() + query + "#feedback"
    thanks = _("Thank you for your feedback! It helps us improve this page.")
    form = FeedbackForm(request.POST)
    if form.is_spam():
        # Bots get the normal thanks and nothing is stored.
        messages.success(request, thanks)
        return redirect(page_url)
    status = 200
    if rate_limited(request, "guide-feedback"):
        form.is_valid()  # show the input again, with the message on top
        form.add_error(
            None,
            _(
                "You have sent this form too often in a short time. Please wait a while and try again; "
                "what you typed is kept below."
            ),
        )
        status = 429
    elif form.is_valid():
        # The form's one-time key is shared by everyone served the same cached page: a double click is
        # recognised per key and client address.
        client = hashlib.sha256(client_ip(request).encode()).hexdigest()[:16]
        key = f"guide-feedback:{form.cleaned_data['submission_key']}:{client}"
        if cache.add(key, 1, timeout=SUBMISSION_KEY_SECONDS):
            services.page_feedback_create(
                page=detail.page,
                language=language,
                helpful=form.cleaned_data["helpful"],
                comment=form.cleaned_data["comment"],
            )
        messages.success(request, thanks)
        return redirect(page_url)
    else:
        status = 400
    context = page_context(
        request,
        office=office,
        detail=detail,
        language=language,
        municipality=municipality,
        query=query,
        form=form,
    )
    return render(request, "guide/page_detail.html", context, status=status)


@require_GET
def page_detail_short(request, office_slug, pk):
    office = office_get_public(slug=office_slug)
    page = selectors.guide_page_public_stub(office=office, pk=pk)
    target = page.get_absolute_url()
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(target)


urlpatterns = [
    path("<slug:office_slug>/guide/", guide_index, name="guide_index"),
    path("<slug:office_slug>/guide/<int:pk>-<slug:slug>/", page_detail, name="page_detail"),
    path("<slug:office_slug>/guide/<int:pk>/", page_detail_short, name="page_detail_short"),
    path("<slug:office_slug>/guide/<int:pk>/feedback/", page_feedback, name="page_feedback"),
]
