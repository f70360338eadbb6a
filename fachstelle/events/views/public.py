"""The public calendar: list by day, month grid, event page with the registration form, one event as ICS.

Thin views: parse the filters, call a selector or service, render. The calendar's filters travel to the
event page in `back` (the calendar address they were set on), so "Back to the calendar" returns to
the same filtered view.
"""

import datetime
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from fachstelle.core.content_cache import public_page_cache
from fachstelle.core.forms import add_service_errors
from fachstelle.core.languages import active_language
from fachstelle.core.public_forms import rate_limited
from fachstelle.core.richtext import render_markdown
from fachstelle.core.tenancy import office_get_public

from .. import ics
from ..forms_public import RegistrationForm
from ..selectors import public as selectors
from ..services.registrations import event_places, registration_create, registration_open_errors

TEMPLATES = "events/public/"
RATE_LIMIT_SCOPE = "event-registration"


def _feed_url(office, filters) -> str:
    if filters.field:
        return reverse(
            "events_public:feed_field", kwargs={"office_slug": office.slug, "field_slug": filters.field.slug}
        )
    return reverse("events_public:feed_all", kwargs={"office_slug": office.slug})


def _calendar_context(request, office, filters, vocabulary) -> dict:
    return {
        "office": office,
        "public_nav": "events",
        "filters": filters,
        "vocabulary": vocabulary,
        "language": active_language(),
        "feed_url": _feed_url(office, filters),
        # The page the visitor is on, to come back to from an event.
        "back": request.get_full_path(),
        "back_query": urlencode({"back": request.get_full_path()}),
        "month_url": reverse(
            "events_public:event_month",
            kwargs={"office_slug": office.slug, **_this_month()},
        ),
        "list_url": reverse("events_public:event_list", kwargs={"office_slug": office.slug}),
    }


def _this_month() -> dict:
    today = timezone.localdate()
    return {"year": today.year, "month": today.month}


@require_GET
@public_page_cache
def event_list(request, office_slug):
    office = office_get_public(slug=office_slug)
    vocabulary = selectors.calendar_vocabulary(office=office)
    filters = selectors.calendar_filters_parse(params=request.GET, vocabulary=vocabulary)
    language = active_language()
    result = selectors.calendar_list(
        office=office, filters=filters, language=language, page_number=request.GET.get("page") or 1
    )
    context = _calendar_context(request, office, filters, vocabulary)
    context.update(result=result, page=result.page, query_without_page=filters.query)
    return render(request, TEMPLATES + "event_list.html", context)


@require_GET
@public_page_cache
def event_month(request, office_slug, year, month):
    office = office_get_public(slug=office_slug)
    vocabulary = selectors.calendar_vocabulary(office=office)
    filters = selectors.calendar_filters_parse(params=request.GET, vocabulary=vocabulary)
    language = active_language()
    grid = selectors.calendar_month(office=office, filters=filters, language=language, year=year, month=month)
    # The month shows its own range: from/to do not travel to the neighbouring months.
    keep = {k: v for k, v in filters.params().items() if k not in ("from", "to")}
    query = urlencode(keep)

    def month_link(day: datetime.date) -> str:
        url = reverse(
            "events_public:event_month",
            kwargs={"office_slug": office.slug, "year": day.year, "month": day.month},
        )
        return f"{url}?{query}" if query else url

    list_url = reverse("events_public:event_list", kwargs={"office_slug": office.slug})
    context = _calendar_context(request, office, filters, vocabulary)
    context.update(
        grid=grid,
        month_label=formats.date_format(grid.first, "F Y"),
        weekday_names=[formats.date_format(datetime.date(2024, 1, day), "D") for day in range(1, 8)],
        previous_url=month_link(grid.previous),
        next_url=month_link(grid.next),
        list_query=query,
        day_list_base=list_url + "?" + (query + "&" if query else ""),
    )
    return render(request, TEMPLATES + "event_month.html", context)


def _safe_back(request, office) -> str:
    """The calendar page to return to: only this office's calendar, never another site."""
    back = request.GET.get("back") or ""
    prefix = reverse("events_public:event_list", kwargs={"office_slug": office.slug})
    if back.startswith(prefix) and "//" not in back and "\\" not in back:
        return back
    return prefix


def _detail_context(request, office, event, language) -> dict:
    places = event_places(event)
    text = selectors.event_text(event, language)
    back = _safe_back(request, office)
    return {
        "office": office,
        "public_nav": "events",
        "event": event,
        "text": text,
        "description_html": render_markdown(text.description) if text.description else "",
        "when": selectors.event_when(event),
        "where": selectors.event_where(event),
        "places": places,
        "closed_reasons": registration_open_errors(event),
        "offers_waitlist": places.is_full and event.waitlist_enabled,
        "back": back,
        "back_query": urlencode({"back": back}),
        "feed_url": reverse("events_public:event_ics", kwargs={"office_slug": office.slug, "pk": event.pk}),
    }


@require_http_methods(["GET", "POST"])
def event_detail(request, office_slug, pk, slug=None):
    office = office_get_public(slug=office_slug)
    language = active_language()
    event = selectors.event_get_public(office=office, pk=pk, language=language)
    if slug != event.slug:
        url = event.get_absolute_url()
        if request.GET.get("back"):
            url += "?" + urlencode({"back": _safe_back(request, office)})
        return HttpResponsePermanentRedirect(url)
    context = _detail_context(request, office, event, language)
    can_register = event.registration_enabled and not context["closed_reasons"]
    if request.method != "POST":
        if can_register:
            context["form"] = RegistrationForm(event=event, office=office, initial={"language": language})
        return render(request, TEMPLATES + "event_detail.html", context)

    form = RegistrationForm(request.POST, event=event, office=office)
    context["form"] = form
    if not can_register:
        # Closed between showing and sending the form (deadline, cancelled): say why, keep nothing.
        context["form"] = None
        return render(request, TEMPLATES + "event_detail.html", context, status=409)
    if form.is_spam():
        return redirect(event.get_absolute_url())
    if rate_limited(request, RATE_LIMIT_SCOPE):
        context["rate_limited"] = _(
            "You have sent this form too often in a short time. Please wait a while and try again; "
            "what you typed is kept below."
        )
        return render(request, TEMPLATES + "event_detail.html", context, status=429)
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration = registration_create(
                event=event,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                people=data["people"],
                language=data["language"] or language,
                needs=data["needs"],
                submission_key=data["submission_key"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            # Places or the deadline may have changed meanwhile: show the current state.
            context.update(_detail_context(request, office, event, language))
            context["form"] = form
            return render(request, TEMPLATES + "event_detail.html", context, status=409)
        return redirect(
            "events_public:registration_detail", office_slug=office.slug, token=registration.token
        )
    return render(request, TEMPLATES + "event_detail.html", context, status=400)


@require_GET
def event_detail_short(request, office_slug, pk):
    office = office_get_public(slug=office_slug)
    event = selectors.event_get_public(office=office, pk=pk, language=active_language())
    return redirect(event.get_absolute_url())


def calendar_response(content: bytes, *, filename: str, max_age: int = 900) -> HttpResponse:
    response = HttpResponse(content, content_type=ics.CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


@require_GET
def event_ics(request, office_slug, pk):
    office = office_get_public(slug=office_slug)
    language = active_language()
    event = selectors.event_get_public(office=office, pk=pk, language=language)
    text = selectors.event_text(event, language)
    content = ics.ics_calendar(
        entries=[(event, text)], office_slug=office.slug, name=text.title, language=language
    )
    return calendar_response(content, filename=ics.ics_filename(event))


urlpatterns = [
    path("<slug:office_slug>/events/", event_list, name="event_list"),
    path("<slug:office_slug>/events/month/<int:year>/<int:month>/", event_month, name="event_month"),
    path("<slug:office_slug>/events/<int:pk>-<slug:slug>/", event_detail, name="event_detail"),
    path("<slug:office_slug>/events/<int:pk>/", event_detail_short, name="event_detail_short"),
    path("<slug:office_slug>/events/<int:pk>.ics", event_ics, name="event_ics"),
]
