"""Staff pages of events: the list (tabs upcoming / past / drafts / imported), create (with recurrence),
edit, translations, cancel, delete, duplicate, make own. Thin views: forms parse, services write,
selectors read."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from fachstelle.core.forms import add_service_errors
from fachstelle.core.languages import NATIVE_NAMES, SOURCE_LANGUAGE, text_direction
from fachstelle.core.models import FieldOfAction
from fachstelle.core.richtext import render_markdown
from fachstelle.core.staff import CONTENT_ROLES, staff_office_view
from fachstelle.core.translation import translation_status

from ..forms import SERVICE_FIELDS, CancelForm, EventForm, TranslationForm
from ..models import Event
from ..selectors import staff as selectors
from ..services import events as services

TEMPLATES = "events/staff/"
LIST_LIMIT = 300


def error_text(error: ValidationError) -> str:
    return " ".join(str(text) for text in error.messages)


def _to_list(request):
    return redirect("events:event_list", office_slug=request.office.slug)


def _to_edit(request, event):
    return redirect("events:event_edit", office_slug=request.office.slug, event_id=event.pk)


@never_cache
@staff_office_view(roles=CONTENT_ROLES)
def event_list(request):
    tab = request.GET.get("tab", selectors.UPCOMING)
    tab = tab if tab in selectors.TABS else selectors.UPCOMING
    query = request.GET.get("q", "").strip()[:100]
    fields = list(FieldOfAction.objects.all())
    field = next((f for f in fields if f.slug == request.GET.get("field")), None)
    events = list(
        selectors.event_list_for_staff(office=request.office, tab=tab, query=query, field_of_action=field)[
            :LIST_LIMIT
        ]
    )
    return render(
        request,
        TEMPLATES + "event_list.html",
        {
            "nav": "events",
            "tab": tab,
            "events": events,
            "limited": len(events) == LIST_LIMIT,
            "counts": selectors.event_tab_counts(office=request.office),
            "query": query,
            "fields": fields,
            "field": field,
        },
    )


def _form_page(request, *, event=None):
    series_size = selectors.event_series_size(event=event) if event else 1
    choices = selectors.form_choices(office=request.office, current=event)
    data = request.POST if request.method == "POST" else None
    form = EventForm(
        data,
        choices=choices,
        event=event,
        series_size=series_size,
        initial=EventForm.initial_for(event) if event and data is None else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if event is None:
                created = services.event_create(
                    office=request.office,
                    by=request.user,
                    fields=form.event_fields(),
                    m2m=form.m2m(),
                    recurrence=form.recurrence(),
                )
                text = ngettext(
                    "The event was saved.", "The series of %(count)s dates was saved.", len(created)
                ) % {"count": len(created)}
                messages.success(request, text)
                return _to_edit(request, created[0])
            services.event_update(
                event=event,
                by=request.user,
                fields=form.event_fields(),
                m2m=form.m2m(),
                minor_change=form.cleaned_data.get("minor_change", False),
                apply_to_series=form.cleaned_data.get("apply_to_series", False),
            )
            messages.success(request, _("The changes were saved."))
            return _to_edit(request, event)
        except ValidationError as error:
            add_service_errors(form, error, renamed=SERVICE_FIELDS)
    return render(
        request,
        TEMPLATES + "event_form.html",
        {
            "nav": "events",
            "form": form,
            "event": event,
            "series_size": series_size,
            "preview": render_markdown(event.description) if event else "",
        },
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@staff_office_view(roles=CONTENT_ROLES)
@require_http_methods(["GET", "POST"])
def event_create(request):
    return _form_page(request)


@never_cache
@staff_office_view(roles=CONTENT_ROLES)
@require_http_methods(["GET", "POST"])
def event_edit(request, event_id: int):
    return _form_page(request, event=selectors.event_get(office=request.office, event_id=event_id))


def _office_languages(office) -> list[str]:
    """The languages the office translates into (its setting, reduced to known content languages)."""
    return [
        code for code in office.content_languages or [] if code in NATIVE_NAMES and code != SOURCE_LANGUAGE
    ]


@never_cache
@staff_office_view(roles=CONTENT_ROLES)
def event_translations(request, event_id: int):
    event = selectors.event_get(office=request.office, event_id=event_id)
    translations = selectors.event_translations(event=event)
    rows = [
        (code, NATIVE_NAMES[code], translation_status(event, translations.get(code)))
        for code in _office_languages(request.office)
    ]
    return render(request, TEMPLATES + "translations.html", {"nav": "events", "event": event, "rows": rows})


@never_cache
@staff_office_view(roles=CONTENT_ROLES)
@require_http_methods(["GET", "POST"])
def event_translation_edit(request, event_id: int, language: str):
    event = selectors.event_get(office=request.office, event_id=event_id)
    if language not in _office_languages(request.office):
        raise Http404
    translation = selectors.event_translations(event=event).get(language)
    initial = None
    if translation is not None:
        initial = {name: getattr(translation, name) for name in (*Event.TRANSLATED_FIELDS, "state")}
    form = TranslationForm(
        request.POST if request.method == "POST" else None, initial=initial, language=language
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_translation_save(
                event=event,
                language=language,
                by=request.user,
                fields=form.values(),
                state=form.cleaned_data["state"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The translation was saved."))
            return redirect("events:event_translations", office_slug=request.office.slug, event_id=event.pk)
    return render(
        request,
        TEMPLATES + "translation_form.html",
        {
            "nav": "events",
            "event": event,
            "form": form,
            "language": language,
            "language_name": NATIVE_NAMES[language],
            "direction": text_direction(language),
            "status": translation_status(event, translation),
            "german": event.source_values(),
            "german_html": render_markdown(event.description),
            "source_language": settings.LANGUAGE_CODE,
        },
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@staff_office_view(roles=CONTENT_ROLES)
@require_http_methods(["GET", "POST"])
def event_cancel(request, event_id: int):
    event = selectors.event_get(office=request.office, event_id=event_id)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(event=event, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event was cancelled. Everyone registered is being told."))
            return _to_edit(request, event)
    places = _places(event)
    return render(
        request,
        TEMPLATES + "event_cancel.html",
        {"nav": "events", "event": event, "form": form, "places": places},
        status=400 if request.method == "POST" else 200,
    )


def _places(event):
    from ..services.registrations import event_places

    return event_places(event)


@never_cache
@staff_office_view(roles=CONTENT_ROLES)
@require_http_methods(["GET", "POST"])
def event_delete(request, event_id: int):
    event = selectors.event_get(office=request.office, event_id=event_id)
    if request.method == "POST":
        try:
            services.event_delete(event=event, by=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect("events:event_cancel", office_slug=request.office.slug, event_id=event.pk)
        messages.success(request, _("The event was deleted."))
        return _to_list(request)
    has_registrations = event.registrations.exists()
    return render(
        request,
        TEMPLATES + "event_delete.html",
        {"nav": "events", "event": event, "has_registrations": has_registrations},
    )


@staff_office_view(roles=CONTENT_ROLES)
@require_POST
def event_duplicate(request, event_id: int):
    event = selectors.event_get(office=request.office, event_id=event_id)
    copy = services.event_duplicate(event=event, by=request.user)
    messages.success(request, _("A copy was made as a draft. Change the date and publish it."))
    return _to_edit(request, copy)


@staff_office_view(roles=CONTENT_ROLES)
@require_POST
def event_make_own(request, event_id: int):
    event = selectors.event_get(office=request.office, event_id=event_id)
    try:
        services.event_make_own(event=event, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The event is now your own; the feed will no longer change it."))
    return _to_edit(request, event)


urlpatterns = [
    path("", event_list, name="event_list"),
    path("new/", event_create, name="event_create"),
    path("<int:event_id>/", event_edit, name="event_edit"),
    path("<int:event_id>/translations/", event_translations, name="event_translations"),
    path(
        "<int:event_id>/translations/<str:language>/", event_translation_edit, name="event_translation_edit"
    ),
    path("<int:event_id>/cancel/", event_cancel, name="event_cancel"),
    path("<int:event_id>/delete/", event_delete, name="event_delete"),
    path("<int:event_id>/duplicate/", event_duplicate, name="event_duplicate"),
    path("<int:event_id>/make-own/", event_make_own, name="event_make_own"),
]
