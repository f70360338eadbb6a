"""Versioned caching of the public directory pages.

A public page of the directory is a function of its URL, its language and the office's directory
version (bumped by every write through the services and by vocabulary edits). So the rendered page is
stored under exactly that key and served again until the version moves on: never stale, and correct with a
per-process or a shared cache. Pages carry no per-visitor data (the language switcher is a GET form and
the search form needs no token); visitors with pending messages or a session are served fresh pages.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from fachstelle.core.tenancy import office_get_public

from .directory_index import directory_version


def page_cache_key(*parts: str) -> str:
    return "page:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def versioned_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        slug = kwargs.get("office_slug")
        office = office_get_public(slug=slug) if slug else None
        request.office = office
        cacheable = (
            request.method == "GET"
            and settings.DIRECTORY_CACHE_SECONDS
            and "messages" not in request.COOKIES
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
        if not cacheable:
            return view(request, *args, **kwargs)
        # Kept on the request: the view's own reads of the directory need not look the version up again.
        request.directory_version = directory_version(office)
        key = page_cache_key(
            view.__name__,
            get_language() or "",
            request.get_full_path(),
            request.headers.get("HX-Request", ""),
            request.directory_version,
        )
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, (response.content, response["Content-Type"]), settings.DIRECTORY_CACHE_SECONDS)
        return response

    return wrapper
