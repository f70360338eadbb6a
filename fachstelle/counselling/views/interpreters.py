"""Interpreter pool and bookings: the pool (office admins edit, counsellors look up), booking requests and
their status changes, and the monthly totals of what interpreting cost."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.forms import add_service_errors
from fachstelle.core.models import Membership

from ..access import case_get_for_user, staff_office_view
from ..forms.interpreters import (
    BookingCancelForm,
    BookingCompleteForm,
    BookingConfirmForm,
    BookingFilterForm,
    BookingRequestForm,
    InterpreterFilterForm,
    InterpreterForm,
    TotalsYearForm,
    all_languages,
    language_entries,
    language_formset,
    parse_case_reference,
)
from ..models import InterpreterBooking
from ..selectors.interpreters import (
    booking_get_for_user,
    booking_list,
    booking_totals,
    interpreter_choices,
    interpreter_get,
    interpreter_list,
    interpreters_for_booking,
)
from ..services import interpreters as services
from ..services.exports import CSV_DIALECT

ADMIN_ONLY = (Membership.Role.ADMIN,)
Status = InterpreterBooking.Status
LIST_LIMIT = 200  # rows shown on the booking list; filters narrow it down


def _is_admin(request) -> bool:
    return request.role == Membership.Role.ADMIN


# --- The pool ------------------------------------------------------------------------------------------


@never_cache
@staff_office_view()
def interpreter_list_view(request):
    languages = all_languages()
    filter_form = InterpreterFilterForm(request.GET or None, languages=languages)
    if filter_form.is_bound and not filter_form.is_valid():
        messages.error(request, _("Some filters were not understood and are ignored; see the marked fields."))
    interpreters = list(interpreter_list(office=request.office, filters=filter_form.filters())[:500])
    return render(
        request,
        "counselling/interpreters/interpreter_list.html",
        {
            "nav": "interpreters",
            "filter_form": filter_form,
            "interpreters": interpreters,
            "can_edit": _is_admin(request),
        },
    )


def _interpreter_form_page(request, interpreter=None):
    languages = all_languages()
    data = request.POST if request.method == "POST" else None
    initial = InterpreterForm.initial_for(interpreter) if interpreter is not None else None
    form = InterpreterForm(data, initial=initial)
    formset = language_formset(data, interpreter=interpreter, languages=languages)
    language_errors = []  # the service's messages about the list of languages as a whole
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.INTERPRETER_FIELDS}
        try:
            if interpreter is None:
                interpreter = services.interpreter_create(
                    office=request.office,
                    by=request.user,
                    languages=language_entries(formset),
                    request=request,
                    **fields,
                )
                messages.success(request, _("%(name)s was added to the pool.") % {"name": interpreter.name})
            else:
                services.interpreter_update(
                    interpreter=interpreter,
                    by=request.user,
                    languages=language_entries(formset),
                    request=request,
                    **fields,
                )
                messages.success(request, _("The changes were saved."))
            return redirect("counselling:interpreter_list", office_slug=request.office.slug)
        except ValidationError as error:
            by_field = error.message_dict
            language_errors.extend(by_field.pop("languages", []))
            add_service_errors(form, ValidationError(by_field))
    return render(
        request,
        "counselling/interpreters/interpreter_form.html",
        {
            "nav": "interpreters",
            "form": form,
            "formset": formset,
            "language_errors": language_errors,
            "interpreter": interpreter,
        },
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@staff_office_view(roles=ADMIN_ONLY)
@require_http_methods(["GET", "POST"])
def interpreter_create(request):
    return _interpreter_form_page(request)


@never_cache
@staff_office_view(roles=ADMIN_ONLY)
@require_http_methods(["GET", "POST"])
def interpreter_edit(request, interpreter_id: int):
    interpreter = interpreter_get(office=request.office, interpreter_id=interpreter_id)
    return _interpreter_form_page(request, interpreter)


@staff_office_view(roles=ADMIN_ONLY)
@require_POST
def interpreter_set_active(request, interpreter_id: int):
    interpreter = interpreter_get(office=request.office, interpreter_id=interpreter_id)
    active = request.POST.get("active") == "1"
    services.interpreter_set_active(
        interpreter=interpreter, by=request.user, is_active=active, request=request
    )
    if active:
        messages.success(request, _("%(name)s is active again.") % {"name": interpreter.name})
    else:
        messages.success(
            request,
            _("%(name)s was deactivated: kept in past bookings, not offered for new ones.")
            % {"name": interpreter.name},
        )
    return redirect("counselling:interpreter_list", office_slug=request.office.slug)


# --- Bookings ------------------------------------------------------------------------------------------


@never_cache
@staff_office_view()
def booking_list_view(request):
    office = request.office
    languages = all_languages()
    interpreters = list(interpreter_choices(office=office))
    data = request.GET.copy()
    if _is_admin(request) and "scope" not in data:
        data["scope"] = "all"
    filter_form = BookingFilterForm(
        data, languages=languages, interpreters=interpreters, can_see_all=_is_admin(request)
    )
    if not filter_form.is_valid():
        messages.error(request, _("Some filters were not understood and are ignored; see the marked fields."))
    bookings = list(
        booking_list(user=request.user, office=office, filters=filter_form.filters())[:LIST_LIMIT]
    )
    return render(
        request,
        "counselling/interpreters/booking_list.html",
        {
            "nav": "interpreters",
            "filter_form": filter_form,
            "bookings": bookings,
            "limit": LIST_LIMIT,
            "is_admin": _is_admin(request),
        },
    )


@never_cache
@staff_office_view()
@require_http_methods(["GET", "POST"])
def booking_create(request):
    office = request.office
    initial = {}
    if request.method == "GET" and request.GET.get("case"):
        case_id = parse_case_reference(request.GET["case"]) or 0  # at most 9 digits: no overflow
        # 403 (audited as denied) for a colleague's case, 404 for anything else.
        case = case_get_for_user(
            user=request.user, office=office, case_id=case_id, request=request, audit=False
        )
        initial = {"case": case.reference, "language": case.language_id}
    form = BookingRequestForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        user=request.user,
        office=office,
        languages=all_languages(),
        interpreters=list(interpreters_for_booking(office=office, language=None)),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.booking_request(
                office=office,
                by=request.user,
                case=data["case"],
                session=data["session"],
                language=data["language"],
                dialect=data["dialect"],
                date=data["date"],
                start_time=data["start_time"],
                duration_minutes=data["duration_minutes"],
                mode=data["mode"],
                interpreter=data["interpreter"],
                note=data["note"],
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The interpreter was requested."))
            return redirect("counselling:booking_detail", office_slug=office.slug, booking_id=booking.pk)
    return render(
        request,
        "counselling/interpreters/booking_form.html",
        {"nav": "interpreters", "form": form, "case": form.case_object},
        status=400 if request.method == "POST" else 200,
    )


def _allowed_actions(booking) -> set[str]:
    return {
        Status.REQUESTED: {"confirm", "cancel"},
        Status.CONFIRMED: {"complete", "cancel"},
    }.get(booking.status, set())


def _booking_page(request, booking, *, forms=None, status=200):
    """The booking with the forms of the status changes it allows."""
    forms = forms or {}
    context = {"nav": "interpreters", "booking": booking}
    if booking.status == Status.REQUESTED:
        context["confirm_form"] = forms.get("confirm") or BookingConfirmForm(
            initial={"interpreter": booking.interpreter_id},
            interpreters=list(interpreters_for_booking(office=request.office, language=booking.language)),
        )
    if booking.status == Status.CONFIRMED:
        context["complete_form"] = forms.get("complete") or BookingCompleteForm(
            initial={"duration_minutes": booking.duration_minutes}
        )
    if booking.status in (Status.REQUESTED, Status.CONFIRMED):
        context["cancel_form"] = forms.get("cancel") or BookingCancelForm()
    return render(request, "counselling/interpreters/booking_detail.html", context, status=status)


@never_cache
@staff_office_view()
def booking_detail(request, booking_id: int):
    booking = booking_get_for_user(user=request.user, office=request.office, booking_id=booking_id)
    if booking.case_id is not None:
        # The note belongs to the case's record: its reads are logged like the case's.
        audit_record(
            actor=request.user, action=Action.VIEW, office=request.office, target=booking, request=request
        )
    return _booking_page(request, booking)


@staff_office_view()
@require_POST
def booking_change(request, booking_id: int, action: str):
    """confirm / complete / cancel: the form of the action, then the service; errors re-render the page."""
    office = request.office
    booking = booking_get_for_user(user=request.user, office=office, booking_id=booking_id)
    if action == "confirm":
        form = BookingConfirmForm(
            request.POST,
            interpreters=list(interpreters_for_booking(office=office, language=booking.language)),
        )
    elif action == "complete":
        form = BookingCompleteForm(request.POST)
    else:
        form = BookingCancelForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "confirm":
                services.booking_confirm(
                    booking=booking,
                    by=request.user,
                    interpreter=data["interpreter"],
                    cost=data["cost"],
                    request=request,
                )
                messages.success(request, _("The booking is confirmed."))
            elif action == "complete":
                services.booking_complete(
                    booking=booking,
                    by=request.user,
                    duration_minutes=data["duration_minutes"],
                    cost=data["cost"],
                    request=request,
                )
                messages.success(request, _("The booking is marked as done."))
            else:
                services.booking_cancel(
                    booking=booking,
                    by=request.user,
                    cancellation_fee=data["cancellation_fee"],
                    request=request,
                )
                messages.success(request, _("The booking is cancelled."))
            return redirect("counselling:booking_detail", office_slug=office.slug, booking_id=booking.pk)
        except ValidationError as error:
            add_service_errors(form, error)
    booking.refresh_from_db()
    if action not in _allowed_actions(booking):
        # The status changed meanwhile (or never allowed this): the action's form is not on the page,
        # so its message goes on top.
        for message in form.non_field_errors():
            messages.error(request, message)
    return _booking_page(request, booking, forms={action: form}, status=400)


# --- Monthly totals ------------------------------------------------------------------------------------


@never_cache
@staff_office_view()
def booking_totals_view(request):
    this_year = timezone.localdate().year
    form = TotalsYearForm(request.GET if "year" in request.GET else {"year": this_year})
    if form.is_valid():
        year = form.cleaned_data["year"]
    else:
        messages.error(request, _("Enter a year between 2000 and 2100."))
        year = this_year
    totals = booking_totals(office=request.office, year=year)
    if request.GET.get("format") == "csv":
        return _totals_csv(request, totals)
    return render(
        request,
        "counselling/interpreters/booking_totals.html",
        {"nav": "interpreters", "form": form, "totals": totals, "year": year},
    )


def _totals_csv(request, totals) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="interpreting-{request.office.slug}-{totals.year}.csv"'
    )
    response.write("\ufeff")  # byte-order mark: Excel opens UTF-8 without an import dialog
    writer = csv.writer(response, **CSV_DIALECT)
    writer.writerow(
        [
            _("Group"),
            _("Month / interpreter / language"),
            _("Done"),
            _("Hours"),
            _("Cost"),
            _("Cancellation fees"),
            _("Total"),
        ]
    )

    def write(group, label, row):
        writer.writerow([group, label, row.done, row.hours, row.cost, row.fees, row.total])

    for row in totals.months:
        write(_("Month"), row.label.strftime("%Y-%m"), row)
    write(_("Year"), str(totals.year), totals.total)
    for row in totals.interpreters:
        write(_("Interpreter"), row.label, row)
    for row in totals.languages:
        write(_("Language"), row.label, row)
    return response


urlpatterns = [
    path("interpreters/", interpreter_list_view, name="interpreter_list"),
    path("interpreters/new/", interpreter_create, name="interpreter_create"),
    path("interpreters/<int:interpreter_id>/edit/", interpreter_edit, name="interpreter_edit"),
    path("interpreters/<int:interpreter_id>/active/", interpreter_set_active, name="interpreter_set_active"),
    path("interpreters/bookings/", booking_list_view, name="booking_list"),
    path("interpreters/bookings/new/", booking_create, name="booking_create"),
    path("interpreters/bookings/totals/", booking_totals_view, name="booking_totals"),
    path("interpreters/bookings/<int:booking_id>/", booking_detail, name="booking_detail"),
    path(
        "interpreters/bookings/<int:booking_id>/confirm/",
        booking_change,
        {"action": "confirm"},
        name="booking_confirm",
    ),
    path(
        "interpreters/bookings/<int:booking_id>/complete/",
        booking_change,
        {"action": "complete"},
        name="booking_complete",
    ),
    path(
        "interpreters/bookings/<int:booking_id>/cancel/",
        booking_change,
        {"action": "cancel"},
        name="booking_cancel",
    ),
]
