"""Short consultations (Kurzberatung): the quick entry form, undo of an own entry, totals per topic.

The form remembers the last language, municipality, channel and duration in the session, so that the
next entry is two clicks: the topic, then save (Enter).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from fachstelle.core.forms import add_service_errors

from ..access import staff_office_view
from ..forms.short_consultations import PeriodForm, ShortConsultationForm
from ..models import Topic
from ..selectors.short_consultations import (
    short_consultation_counts_today,
    short_consultation_get_own,
    short_consultation_languages,
    short_consultation_totals,
    short_consultations_recent,
)
from ..services.short_consultations import (
    short_consultation_can_undo,
    short_consultation_delete,
    short_consultation_record,
)

# Session key of the remembered choices, per office (a user may work for two offices).
DEFAULTS_KEY = "short_consultation_defaults"


def _defaults(request) -> dict:
    return request.session.get(DEFAULTS_KEY, {}).get(str(request.office.pk), {})


def _remember(request, data: dict) -> None:
    stored = request.session.get(DEFAULTS_KEY, {})
    stored[str(request.office.pk)] = {
        "language": data["language"].pk if data["language"] else None,
        "municipality": data["municipality"].pk if data["municipality"] else None,
        "channel": data["channel"],
        "duration_minutes": data["duration_minutes"],
    }
    request.session[DEFAULTS_KEY] = stored


@never_cache
@staff_office_view()
@require_http_methods(["GET", "POST"])
def short_consultation_create(request):
    office = request.office
    frequent, others = short_consultation_languages(office=office)
    form = ShortConsultationForm(
        request.POST if request.method == "POST" else None,
        initial=ShortConsultationForm.initial_from(_defaults(request)),
        topics=list(Topic.objects.order_by("order", "name")),
        frequent_languages=frequent,
        other_languages=others,
        municipalities=list(office.municipalities.order_by("name")),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            short_consultation_record(
                office=office,
                by=request.user,
                held_on=data["held_on"],
                topic=data["topic"],
                duration_minutes=data["duration_minutes"],
                language=data["language"],
                municipality=data["municipality"],
                channel=data["channel"],
            )
        except ValidationError as error:
            add_service_errors(form, error, renamed={"duration_minutes": "duration"})
        else:
            _remember(request, data)
            messages.success(
                request,
                _("Saved: %(topic)s, %(minutes)s min.")
                % {"topic": data["topic"].label(request.LANGUAGE_CODE), "minutes": data["duration_minutes"]},
            )
            # Back to an empty form (post/redirect/get), with the remembered choices preselected.
            return redirect("counselling:short_consultation_create", office_slug=office.slug)
    now = timezone.now()
    recent = short_consultations_recent(office=office, user=request.user)
    for entry in recent:
        entry.can_undo = short_consultation_can_undo(entry, by=request.user, now=now)
    return render(
        request,
        "counselling/short_consultations/form.html",
        {
            "nav": "short",
            "form": form,
            "recent": recent,
            "today": short_consultation_counts_today(office=office, user=request.user),
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_office_view()
@require_POST
def short_consultation_undo(request, consultation_id: int):
    office = request.office
    consultation = short_consultation_get_own(
        office=office, user=request.user, consultation_id=consultation_id
    )
    if consultation is None:
        messages.info(request, _("This entry no longer exists."))
    else:
        try:
            short_consultation_delete(consultation=consultation, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The entry was deleted."))
    return redirect("counselling:short_consultation_create", office_slug=office.slug)


@never_cache
@staff_office_view()
def short_consultation_totals_view(request):
    today = timezone.localdate()
    default = {"date_from": today.replace(month=1, day=1).isoformat(), "date_to": today.isoformat()}
    form = PeriodForm(request.GET if {"date_from", "date_to"} & set(request.GET) else default)
    if form.is_valid():
        date_from, date_to = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    else:
        messages.error(request, _("The period was not understood; showing this year instead."))
        date_from, date_to = today.replace(month=1, day=1), today
    totals = short_consultation_totals(office=request.office, date_from=date_from, date_to=date_to)
    return render(
        request,
        "counselling/short_consultations/totals.html",
        {"nav": "short", "form": form, "totals": totals, "hours": round(totals.minutes / 60, 1)},
    )


urlpatterns = [
    path("short/", short_consultation_create, name="short_consultation_create"),
    path("short/<int:consultation_id>/undo/", short_consultation_undo, name="short_consultation_undo"),
    path("short/totals/", short_consultation_totals_view, name="short_consultation_totals"),
]
