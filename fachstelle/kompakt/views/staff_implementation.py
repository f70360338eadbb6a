"""Implementation tracking: measure status, yearly indicators, QA meetings, canton contributions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.forms import add_service_errors
from fachstelle.core.richtext import render_markdown
from fachstelle.core.staff import KOMPAKT_ROLES, staff_office_view
from fachstelle.core.tabular import download_response

from ..forms_implementation import (
    CantonContributionForm,
    IndicatorValueForm,
    MeasureStatusForm,
    QualityMeetingForm,
)
from ..models import CantonContribution, Measure, QualityMeeting
from ..selectors import implementation as selectors
from ..services import implementation as services
from ..services.implementation import DECISION_ROLES, WRITER_ROLES

T = "kompakt/implementation/"


def _process(request, pk):
    return get_object_or_404(selectors.process_queryset(office=request.office), pk=pk)


def _require_writer(request):
    if request.role not in WRITER_ROLES:
        raise PermissionDenied


def _url(request, name, process, **kwargs):
    return reverse(f"kompakt:{name}", kwargs={"office_slug": request.office.slug, "pk": process.pk, **kwargs})


def _context(request, process, section, **extra):
    return {
        "nav": "kompakt",
        "process": process,
        "programme": selectors.programme_of(process),
        "section": section,
        "can_write": request.role in WRITER_ROLES,
        "can_decide": request.role in DECISION_ROLES,
        **extra,
    }


def _no_programme(request, process, section):
    return render(request, T + "no_programme.html", _context(request, process, section))


# --- Overview and measure status --------------------------------------------------------------------------


def _overview_page(request, process, *, failed_form=None, failed_measure_id=None, status=400):
    wanted_status = request.GET.get("status", "")
    if wanted_status not in Measure.Status.values:
        wanted_status = ""
    area_code = request.GET.get("area", "")[:8]
    overview = selectors.implementation_overview(
        process=process, status=wanted_status, area_code=area_code, today=timezone.localdate()
    )
    if overview.programme is None:
        return _no_programme(request, process, "overview")
    for row in overview.rows:
        if row.measure.pk == failed_measure_id:
            row.form = failed_form
        else:
            row.form = MeasureStatusForm(
                prefix=f"m{row.measure.pk}",
                initial={"status": row.measure.status, "note": row.measure.status_note},
            )
    context = _context(
        request,
        process,
        "overview",
        overview=overview,
        status_choices=Measure.Status.choices,
        wanted_status=wanted_status,
        area_code=area_code,
        filtered=bool(wanted_status or area_code),
    )
    return render(request, T + "overview.html", context, status=status if failed_form else 200)


@staff_office_view(roles=KOMPAKT_ROLES)
def implementation(request, pk):
    """Queries: process with programme; measures, indicators, values, contributions; meetings."""
    return _overview_page(request, _process(request, pk))


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def measure_status(request, pk, measure_pk):
    _require_writer(request)
    process = _process(request, pk)
    programme = selectors.programme_of(process)
    if programme is None:
        raise Http404
    measure = get_object_or_404(programme.measures, pk=measure_pk)
    form = MeasureStatusForm(request.POST, prefix=f"m{measure.pk}")
    if form.is_valid():
        try:
            services.measure_status_set(
                measure=measure,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("“%(measure)s” is now: %(status)s.")
                % {"measure": measure.title, "status": measure.get_status_display()},
            )
            return redirect(_url(request, "implementation", process) + f"#measure-{measure.pk}")
    return _overview_page(request, process, failed_form=form, failed_measure_id=measure.pk)


# --- Indicator values -------------------------------------------------------------------------------------


@staff_office_view(roles=KOMPAKT_ROLES)
def indicator_values(request, pk):
    """Indicators × years, and the form to record a year's value.
    Queries: process with programme; indicators, values (+ the value being corrected, when asked for)."""
    process = _process(request, pk)
    programme = selectors.programme_of(process)
    if programme is None:
        return _no_programme(request, process, "indicators")
    table = selectors.indicator_table(programme=programme)
    form = None
    if request.role in WRITER_ROLES:
        initial = {}
        if request.method == "GET" and request.GET.get("indicator"):
            initial = _value_initial(request, table)
        form = IndicatorValueForm(request.POST or None, initial=initial, indicators=table.indicators)
    elif request.method == "POST":
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.indicator_value_save(
                indicator=data["indicator"],
                year=data["year"],
                value=data["value"],
                note=data["note"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The value of “%(indicator)s” for %(year)s has been saved.")
                % {"indicator": data["indicator"].name, "year": data["year"]},
            )
            return redirect(_url(request, "indicator_values", process))
    years = selectors.allowed_years(programme)
    return render(
        request,
        T + "indicators.html",
        _context(
            request, process, "indicators", table=table, form=form, first_year=years[0], last_year=years[-1]
        ),
        status=400 if form is not None and form.errors else 200,
    )


def _value_initial(request, table) -> dict:
    """Prefill the form from a table cell's link (?indicator=…&year=…), with the recorded value if any."""
    by_pk = {str(row.indicator.pk): row for row in table.rows}
    row = by_pk.get(request.GET.get("indicator", ""))
    if row is None:
        return {}
    initial = {"indicator": str(row.indicator.pk)}
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return initial
    initial["year"] = year
    for cell_year, value in row.cells:
        if cell_year == year and value is not None:
            initial.update(value=str(value.value), note=value.note)
    return initial


@staff_office_view(roles=KOMPAKT_ROLES)
def indicator_values_export(request, pk):
    process = _process(request, pk)
    programme = selectors.programme_of(process)
    if programme is None:
        raise Http404
    file_type = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    headers = [
        _("Measure"),
        _("Indicator"),
        _("Unit"),
        _("Baseline"),
        _("Target"),
        _("Target year"),
        _("Year"),
        _("Value"),
        _("Note"),
        _("Reported by"),
        _("Reported on"),
    ]
    rows = selectors.indicator_value_export_rows(programme=programme)
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        office=request.office,
        target=programme,
        detail=f"indicator values ({file_type}, {len(rows)} rows)",
        request=request,
    )
    return download_response(
        file_type=file_type,
        filename=f"indicators-{slugify(process.municipality.name)}",
        headers=headers,
        rows=rows,
        sheet_title=_("Indicator values"),
    )


# --- Quality-assurance meetings ---------------------------------------------------------------------------


@staff_office_view(roles=KOMPAKT_ROLES)
def quality_meeting_list(request, pk):
    """Queries: process with programme; meetings, attendees, measures."""
    process = _process(request, pk)
    meetings = selectors.quality_meetings(process=process)
    for meeting in meetings:
        meeting.minutes_html = render_markdown(meeting.minutes) if meeting.minutes else ""
        meeting.decisions_html = render_markdown(meeting.decisions) if meeting.decisions else ""
    quality = selectors.quality_state(
        process=process,
        programme=selectors.programme_of(process),
        meetings=meetings,
        today=timezone.localdate(),
    )
    return render(
        request,
        T + "meetings.html",
        _context(request, process, "meetings", meetings=meetings, quality=quality),
    )


def _meeting_form_page(request, process, meeting=None):
    _require_writer(request)
    members = selectors.working_group_members(process=process)
    measures = selectors.programme_measures(process=process)
    initial = {}
    if meeting is not None:
        initial = {
            "held_on": meeting.held_on,
            "attendees": list(meeting.attendees.all()),
            "measures_reviewed": list(meeting.measures_reviewed.all()),
            "minutes": meeting.minutes,
            "decisions": meeting.decisions,
        }
    form = QualityMeetingForm(request.POST or None, initial=initial, members=members, measures=measures)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.quality_meeting_save(
                process=process,
                meeting=meeting,
                held_on=data["held_on"],
                attendees=data["attendees"],
                measures_reviewed=data["measures_reviewed"],
                minutes=data["minutes"],
                decisions=data["decisions"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The quality-assurance meeting has been saved."))
            return redirect(_url(request, "quality_meeting_list", process))
    return render(
        request,
        T + "meeting_form.html",
        _context(request, process, "meetings", form=form, meeting=meeting, members=members),
        status=400 if form.errors else 200,
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def quality_meeting_create(request, pk):
    return _meeting_form_page(request, _process(request, pk))


@staff_office_view(roles=KOMPAKT_ROLES)
def quality_meeting_edit(request, pk, meeting_pk):
    _require_writer(request)
    process = _process(request, pk)
    meeting = get_object_or_404(QualityMeeting.objects.filter(process=process), pk=meeting_pk)
    return _meeting_form_page(request, process, meeting)


@staff_office_view(roles=KOMPAKT_ROLES)
def quality_meeting_delete(request, pk, meeting_pk):
    _require_writer(request)
    process = _process(request, pk)
    meeting = get_object_or_404(QualityMeeting.objects.filter(process=process), pk=meeting_pk)
    if request.method == "POST":
        services.quality_meeting_delete(meeting=meeting, by=request.user)
        messages.success(request, _("The quality-assurance meeting has been deleted."))
        return redirect(_url(request, "quality_meeting_list", process))
    return render(request, T + "meeting_delete.html", _context(request, process, "meetings", meeting=meeting))


# --- Canton contributions ---------------------------------------------------------------------------------


def _contribution_save(request, form, *, contribution=None):
    data = form.cleaned_data
    return services.canton_contribution_save(
        measure=data["measure"],
        contribution=contribution,
        year=data["year"],
        amount=data["amount"],
        status=data["status"],
        decided_on=data["decided_on"],
        paid_on=data["paid_on"],
        note=data["note"],
        exceeds_plan_justified=data["exceeds_plan"],
        by=request.user,
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def canton_contributions(request, pk):
    """Contributions per measure and year with totals, and the form to record one.
    Queries: process with programme; measures, contributions."""
    process = _process(request, pk)
    programme = selectors.programme_of(process)
    if programme is None:
        return _no_programme(request, process, "contributions")
    if request.method == "POST":
        _require_writer(request)
    contributions = selectors.canton_contribution_overview(programme=programme)
    measures = [row.measure for row in contributions.measures]
    form = None
    if request.role in WRITER_ROLES:
        form = CantonContributionForm(
            request.POST or None,
            initial={"status": CantonContribution.Status.REQUESTED, "year": timezone.localdate().year},
            measures=measures,
            can_decide=request.role in DECISION_ROLES,
        )
    if request.method == "POST" and form.is_valid():
        try:
            _contribution_save(request, form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The canton contribution has been recorded."))
            return redirect(_url(request, "canton_contributions", process))
    return render(
        request,
        T + "contributions.html",
        _context(request, process, "contributions", contributions=contributions, form=form),
        status=400 if form is not None and form.errors else 200,
    )


def _contribution(request, process, contribution_pk):
    programme = selectors.programme_of(process)
    if programme is None:
        raise Http404
    return get_object_or_404(
        CantonContribution.objects.filter(measure__programme=programme).select_related("measure"),
        pk=contribution_pk,
    )


@staff_office_view(roles=KOMPAKT_ROLES)
def canton_contribution_edit(request, pk, contribution_pk):
    _require_writer(request)
    process = _process(request, pk)
    contribution = _contribution(request, process, contribution_pk)
    can_decide = request.role in DECISION_ROLES
    if not can_decide and contribution.status != CantonContribution.Status.REQUESTED:
        raise PermissionDenied
    initial = {
        "measure": str(contribution.measure_id),
        "year": contribution.year,
        "amount": str(contribution.amount),
        "status": contribution.status,
        "decided_on": contribution.decided_on,
        "paid_on": contribution.paid_on,
        "note": contribution.note,
    }
    form = CantonContributionForm(
        request.POST or None,
        initial=initial,
        measures=[contribution.measure],
        can_decide=can_decide,
        fixed_measure=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            _contribution_save(request, form, contribution=contribution)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The canton contribution has been saved."))
            return redirect(_url(request, "canton_contributions", process))
    return render(
        request,
        T + "contribution_form.html",
        _context(request, process, "contributions", form=form, contribution=contribution),
        status=400 if form.errors else 200,
    )


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def canton_contribution_delete(request, pk, contribution_pk):
    _require_writer(request)
    process = _process(request, pk)
    contribution = _contribution(request, process, contribution_pk)
    services.canton_contribution_delete(contribution=contribution, by=request.user)
    messages.success(request, _("The canton contribution has been deleted."))
    return redirect(_url(request, "canton_contributions", process))


urlpatterns = [
    path("processes/<int:pk>/implementation/", implementation, name="implementation"),
    path(
        "processes/<int:pk>/implementation/measures/<int:measure_pk>/status/",
        measure_status,
        name="measure_status",
    ),
    path("processes/<int:pk>/implementation/indicators/", indicator_values, name="indicator_values"),
    path(
        "processes/<int:pk>/implementation/indicators/export/",
        indicator_values_export,
        name="indicator_values_export",
    ),
    path("processes/<int:pk>/implementation/meetings/", quality_meeting_list, name="quality_meeting_list"),
    path(
        "processes/<int:pk>/implementation/meetings/new/",
        quality_meeting_create,
        name="quality_meeting_create",
    ),
    path(
        "processes/<int:pk>/implementation/meetings/<int:meeting_pk>/",
        quality_meeting_edit,
        name="quality_meeting_edit",
    ),
    path(
        "processes/<int:pk>/implementation/meetings/<int:meeting_pk>/delete/",
        quality_meeting_delete,
        name="quality_meeting_delete",
    ),
    path(
        "processes/<int:pk>/implementation/contributions/", canton_contributions, name="canton_contributions"
    ),
    path(
        "processes/<int:pk>/implementation/contributions/<int:contribution_pk>/",
        canton_contribution_edit,
        name="canton_contribution_edit",
    ),
    path(
        "processes/<int:pk>/implementation/contributions/<int:contribution_pk>/delete/",
        canton_contribution_delete,
        name="canton_contribution_delete",
    ),
]
