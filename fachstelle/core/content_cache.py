"""Short-lived caching of public content pages (calendar) and of rendered rich text (guide pages).

Unlike the directory (offers/page_cache.py, exact thanks to its version counter), these pages also depend
on the clock (an event ends, "places left" change with every registration), so they are cached for a short
time only: PUBLIC_PAGE_CACHE_SECONDS (60 by default; 0 turns it off, as in the tests). Staff and visitors with
a session or pending messages always get fresh pages; the event page and the registration itself are never
cached, so the places a registrant gets are always decided on the live data.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language


def _key(*parts) -> str:
    return "content:" + hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()


def _seconds() -> int:
    return int(getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 0) or 0)


def public_page_cache(view=None, *, on_hit=None):
    """Serve a public GET page from the cache for PUBLIC_PAGE_CACHE_SECONDS (per URL, language, htmx).
    `on_hit(request, *args, **kwargs)` runs when the cached page is served (e.g. to count the view). A page
    that sets a cookie (a CSRF token) is never stored: cached pages carry no per-visitor data."""
    if view is None:
        return lambda function: public_page_cache(function, on_hit=on_hit)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = _seconds()
        cacheable = (
            seconds
            and request.method == "GET"
            and "messages" not in request.COOKIES
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
        if not cacheable:
            return view(request, *args, **kwargs)
        key = _key(
            view.__module__,
            view.__name__,
            get_language(),
            request.get_full_path(),
            request.headers.get("HX-Request", ""),
        )
        cached = cache.get(key)
        if cached is not None:
            if on_hit is not None:
                on_hit(request, *args, **kwargs)
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, (response.content, response["Content-Type"]), seconds)
        return response

    return wrapper


def cached_fragment(build, *parts) -> str:
    """`build()` (an HTML string) cached for PUBLIC_PAGE_CACHE_SECONDS under `parts` (which must name every
    input that changes the result, e.g. a record's id and its updated_at)."""
    seconds = _seconds()
    if not seconds:
        return build()
    key = _key("fragment", *parts)
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, seconds)
    return html
