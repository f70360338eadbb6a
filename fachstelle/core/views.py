from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from .models import Membership


@never_cache
def health(request):
    """Liveness and readiness: the process answers and the database is reachable."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "error", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})


def switch_language(request):
    """The language switcher: GET, so pages carry no per-visitor token and can be cached.

    Redirects to the same page in the chosen language; an unknown language or an outside `next` is
    ignored (the visitor lands on the page, or the start page), never an error.
    """
    language = (request.GET.get("language") or "").strip().lower()
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = "/"
    if language not in dict(settings.LANGUAGES):
        return HttpResponseRedirect(target)
    translated = translate_url(target, language)
    if translated == target:
        # Not resolvable in the new language (e.g. a page that no longer exists): swap the prefix.
        path, _sep, query = target.partition("?")
        parts = path.split("/", 2)
        if len(parts) > 1 and parts[1] in dict(settings.LANGUAGES):
            parts[1] = language
            translated = "/".join(parts) + (f"?{query}" if query else "")
        else:
            translated = f"/{language}/"
    response = HttpResponseRedirect(translated)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax")
    return response


@login_required
def staff_home(request):
    """The staff area's start: the offices the user works in and what they may do there."""
    memberships = (
        Membership.objects.filter(user=request.user).select_related("office").order_by("office__name")
    )
    return render(request, "staff/home.html", {"memberships": memberships})
