"""Participants of an event (by status, approve / reject, check-in with htmx, print view, CSV/XLSX export)
and the events statistics of a year (page and CSV). Registrations are written by
`services/registrations.py`; nothing here re-implements its rules."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.languages import NATIVE_NAMES, active_language
from fachstelle.core.staff import ALL_STAFF_ROLES, CONTENT_ROLES, staff_office_view
from fachstelle.core.tabular import download_response

from ..forms import CheckInForm, RejectForm
from ..selectors import staff as selectors
from ..services import registrations as registration_services
from ..services.events import local

TEMPLATES = "events/staff/"


def error_text(error: ValidationError) -> str:
    return " ".join(str(text) for text in error.messages)


def _to_participants(request, event):
    return redirect("events:participants", office_slug=request.office.slug, event_id=event.pk)


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


@never_cache
@staff_office_view(roles=CONTENT_ROLES)
def participants(request, event_id: int):
    event = selectors.event_get(office=request.office, event_id=event_id)
    data = selectors.event_participants(event=event)
    printing = request.GET.get("print") == "1"
    return render(
        request,
        TEMPLATES + ("participants_print.html" if printing else "participants.html"),
        {
            "nav": "events",
            "event": event,
            "participants": data,
            "places": registration_services.event_places(event),
            "now": timezone.now(),
        },
    )


@staff_office_view(roles=CONTENT_ROLES)
@require_POST
def registration_decide(request, event_id: int, registration_id: int):
    """Approve or decline a registration waiting for approval."""
    event = selectors.event_get(office=request.office, event_id=event_id)
    registration = selectors.registration_get(event=event, registration_id=registration_id)
    decision = request.POST.get("decision")
    try:
        if decision == "approve":
            registration_services.registration_approve(registration=registration, by=request.user)
            messages.success(
                request, _("The registration of %(name)s was confirmed.") % {"name": registration.name}
            )
        elif decision == "reject":
            form = RejectForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            registration_services.registration_reject(
                registration=registration, by=request.user, reason=reason
            )
            messages.success(
                request, _("The registration of %(name)s was declined.") % {"name": registration.name}
            )
        elif decision == "cancel":
            registration_services.registration_cancel(registration=registration, by=request.user)
            messages.success(
                request, _("The registration of %(name)s was cancelled.") % {"name": registration.name}
            )
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as error:
        messages.error(request, error_text(error))
    return _to_participants(request, event)


@staff_office_view(roles=CONTENT_ROLES)
@require_POST
def registration_check_in(request, event_id: int, registration_id: int):
    """Check a registration in (or undo it). With htmx the answer is the table row alone."""
    event = selectors.event_get(office=request.office, event_id=event_id)
    registration = selectors.registration_get(event=event, registration_id=registration_id)
    error = ""
    try:
        if request.POST.get("undo") == "1":
            registration = registration_services.registration_check_in_undo(
                registration=registration, by=request.user
            )
        else:
            form = CheckInForm(request.POST)
            if not form.is_valid():
                raise ValidationError({"people": form.errors.get("people", [_("Enter a number.")])})
            registration = registration_services.registration_check_in(
                registration=registration, by=request.user, people=form.cleaned_data["people"]
            )
    except ValidationError as exc:
        error = error_text(exc)
        registration = selectors.registration_get(event=event, registration_id=registration_id)
    if _is_htmx(request):
        registration.event = event
        return render(
            request,
            TEMPLATES + "_participant_row.html",
            {"event": event, "registration": registration, "row_error": error},
            status=400 if error else 200,
        )
    if error:
        messages.error(request, error)
    return _to_participants(request, event)


def _participant_rows(event, registrations):
    for registration in registrations:
        yield [
            registration.name,
            registration.people,
            registration.get_status_display(),
            registration.email,
            registration.phone,
            NATIVE_NAMES.get(registration.language, registration.language),
            registration.needs,
            local(registration.created_at).strftime("%d.%m.%Y %H:%M"),
            local(registration.checked_in_at).strftime("%d.%m.%Y %H:%M")
            if registration.checked_in_at
            else "",
            registration.attended_people if registration.attended_people is not None else "",
            registration.staff_note,
        ]


@never_cache
@staff_office_view(roles=CONTENT_ROLES)
def participants_export(request, event_id: int, file_type: str):
    if file_type not in ("csv", "xlsx"):
        raise Http404
    event = selectors.event_get(office=request.office, event_id=event_id)
    data = selectors.event_participants(event=event)
    headers = [
        _("Name"),
        _("People"),
        _("Status"),
        _("E-mail"),
        _("Phone"),
        _("Preferred language"),
        _("Needs"),
        _("Registered"),
        _("Checked in"),
        _("People present"),
        _("Internal note"),
    ]
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        office=request.office,
        target=event,
        target_ref=f"event-{event.pk}",
        detail=f"participant list ({file_type}, {len(data.registrations)} registrations)",
        request=request,
    )
    return download_response(
        file_type=file_type,
        filename=f"participants-{event.pk}-{local(event.starts_at):%Y-%m-%d}",
        headers=headers,
        rows=_participant_rows(event, data.registrations),
        sheet_title=_("Participants"),
    )


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _statistics(request):
    language = active_language()
    return selectors.event_statistics(
        office=request.office, year=_year(request), field_labels=lambda field: field.label(language)
    )


@never_cache
@staff_office_view(roles=ALL_STAFF_ROLES)
def statistics(request):
    """Counts of a year for the annual report; statistics-only users may see them (no personal data)."""
    stats = _statistics(request)
    return render(
        request,
        TEMPLATES + "statistics.html",
        {"nav": "events", "stats": stats, "years": selectors.statistics_years(office=request.office)},
    )


@never_cache
@staff_office_view(roles=ALL_STAFF_ROLES)
def statistics_export(request):
    stats = _statistics(request)
    headers = [
        _("Group"),
        _("Events"),
        _("Registrations"),
        _("People registered"),
        _("People present"),
        _("Attendance rate (%)"),
    ]

    def row(kind, item):
        rate = item.attendance_rate
        return [
            f"{kind}: {item.label}",
            item.events,
            item.registrations,
            item.people,
            item.attended,
            "" if rate is None else rate,
        ]

    rows = [row(_("Year"), stats.total)]
    rows += [
        [_("Own events"), stats.own, "", "", "", ""],
        [_("Imported events"), stats.imported, "", "", "", ""],
    ]
    rows += [[_("Cancelled events"), stats.cancelled, "", "", "", ""]]
    rows += [row(_("Field of action"), item) for item in stats.by_field]
    rows += [row(_("Month"), item) for item in stats.by_month]
    return download_response(
        file_type="csv", filename=f"events-statistics-{stats.year}", headers=headers, rows=rows
    )


urlpatterns = [
    path("<int:event_id>/participants/", participants, name="participants"),
    path(
        "<int:event_id>/participants/<int:registration_id>/decide/",
        registration_decide,
        name="registration_decide",
    ),
    path(
        "<int:event_id>/participants/<int:registration_id>/check-in/",
        registration_check_in,
        name="registration_check_in",
    ),
    path("<int:event_id>/participants.<str:file_type>", participants_export, name="participants_export"),
    path("statistics/", statistics, name="statistics"),
    path("statistics.csv", statistics_export, name="statistics_export"),
]
