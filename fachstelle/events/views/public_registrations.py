"""A registrant's own page behind the personal link: status, calendar file, cancellation (with a confirm
step, so a link preview or a stray click never cancels)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from fachstelle.core.languages import active_language
from fachstelle.core.tenancy import office_get_public

from .. import ics
from ..models import EventTranslation, Registration
from ..selectors import public as selectors
from ..services.registrations import registration_cancel
from .public import calendar_response

TEMPLATES = "events/public/"
STILL_IN = (Registration.Status.CONFIRMED, Registration.Status.PENDING, Registration.Status.WAITLISTED)


def _context(office, registration, language) -> dict:
    event = registration.event
    translation = EventTranslation.objects.filter(event=event, language=language).first()
    event.wanted = [translation] if translation else []
    return {
        "office": office,
        "public_nav": "events",
        "registration": registration,
        "event": event,
        "text": selectors.event_text(event, language),
        "when": selectors.event_when(event),
        "where": selectors.event_where(event),
        "can_cancel": registration.status in STILL_IN,
        "has_place": registration.status == Registration.Status.CONFIRMED,
    }


@require_GET
def registration_detail(request, office_slug, token):
    office = office_get_public(slug=office_slug)
    registration = selectors.registration_get_public(office=office, token=token)
    response = render(
        request, TEMPLATES + "registration_detail.html", _context(office, registration, active_language())
    )
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"  # the token must not leak to linked sites
    return response


@require_http_methods(["GET", "POST"])
def registration_cancel_view(request, office_slug, token):
    office = office_get_public(slug=office_slug)
    registration = selectors.registration_get_public(office=office, token=token)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        registration_cancel(registration=registration)
        messages.success(request, _("Your registration has been cancelled."))
        return redirect("events_public:registration_detail", office_slug=office.slug, token=token)
    context = _context(office, registration, active_language())
    response = render(request, TEMPLATES + "registration_cancel.html", context)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def registration_ics(request, office_slug, token):
    office = office_get_public(slug=office_slug)
    registration = selectors.registration_get_public(office=office, token=token)
    language = active_language()
    context = _context(office, registration, language)
    content = ics.ics_calendar(
        entries=[(registration.event, context["text"])],
        office_slug=office.slug,
        name=context["text"].title,
        language=language,
    )
    response = calendar_response(content, filename=ics.ics_filename(registration.event))
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path(
        "<slug:office_slug>/events/registration/<str:token>/", registration_detail, name="registration_detail"
    ),
    path(
        "<slug:office_slug>/events/registration/<str:token>/cancel/",
        registration_cancel_view,
        name="registration_cancel",
    ),
    path("<slug:office_slug>/events/registration/<str:token>.ics", registration_ics, name="registration_ics"),
]
