"""Staff pages of the partners' calendar feeds: list with the last result, create, edit, delete, and
import now."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from fachstelle.core.forms import add_service_errors
from fachstelle.core.staff import CONTENT_ROLES, staff_office_view

from ..forms import FeedForm
from ..selectors import staff as selectors
from ..services import feeds as services

TEMPLATES = "events/staff/"


def _to_list(request):
    return redirect("events:feed_list", office_slug=request.office.slug)


@never_cache
@staff_office_view(roles=CONTENT_ROLES)
def feed_list(request):
    feeds = list(selectors.feed_list(office=request.office))
    return render(request, TEMPLATES + "feed_list.html", {"nav": "events", "feeds": feeds})


def _form_page(request, feed=None):
    choices = selectors.form_choices(office=request.office, current=feed)
    data = request.POST if request.method == "POST" else None
    form = FeedForm(
        data, choices=choices, initial=FeedForm.initial_for(feed) if feed and data is None else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            if feed is None:
                feed = services.feed_create(
                    office=request.office,
                    by=request.user,
                    fields=form.feed_fields(),
                    fields_of_action=form.cleaned_data["fields_of_action"],
                )
                messages.success(request, _("The feed was added. Its events are imported tonight, or now."))
            else:
                services.feed_update(
                    feed=feed,
                    by=request.user,
                    fields=form.feed_fields(),
                    fields_of_action=form.cleaned_data["fields_of_action"],
                )
                messages.success(request, _("The changes were saved."))
            return _to_list(request)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(
        request,
        TEMPLATES + "feed_form.html",
        {"nav": "events", "form": form, "feed": feed},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@staff_office_view(roles=CONTENT_ROLES)
@require_http_methods(["GET", "POST"])
def feed_create(request):
    return _form_page(request)


@never_cache
@staff_office_view(roles=CONTENT_ROLES)
@require_http_methods(["GET", "POST"])
def feed_edit(request, feed_id: int):
    return _form_page(request, selectors.feed_get(office=request.office, feed_id=feed_id))


@never_cache
@staff_office_view(roles=CONTENT_ROLES)
@require_http_methods(["GET", "POST"])
def feed_delete(request, feed_id: int):
    feed = selectors.feed_get(office=request.office, feed_id=feed_id)
    if request.method == "POST":
        removed = services.feed_delete(feed=feed, by=request.user)
        text = ngettext(
            "The feed was deleted with %(count)s upcoming event.",
            "The feed was deleted with %(count)s upcoming events.",
            removed,
        )
        messages.success(request, text % {"count": removed})
        return _to_list(request)
    return render(request, TEMPLATES + "feed_delete.html", {"nav": "events", "feed": feed})


@staff_office_view(roles=CONTENT_ROLES)
@require_POST
def feed_import_now(request, feed_id: int):
    feed = selectors.feed_get(office=request.office, feed_id=feed_id)
    result = services.feed_import(feed=feed, force=True)
    if result.ok:
        messages.success(request, result.summary())
    else:
        messages.error(request, result.summary())
    return _to_list(request)


urlpatterns = [
    path("feeds/", feed_list, name="feed_list"),
    path("feeds/new/", feed_create, name="feed_create"),
    path("feeds/<int:feed_id>/", feed_edit, name="feed_edit"),
    path("feeds/<int:feed_id>/delete/", feed_delete, name="feed_delete"),
    path("feeds/<int:feed_id>/import/", feed_import_now, name="feed_import_now"),
]
