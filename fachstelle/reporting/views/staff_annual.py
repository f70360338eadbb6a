"""The annual report: pick a year, write its texts, build the report in the background (progress polled
by htmx every 2 s, or shown on reload), download the PDF and DOCX of the office's own builds.

Office admins and the statistics role (REPORTING_ROLES). What is printed is aggregates only
(`services.annual`); the pages list builds, never figures of a person.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.forms import add_service_errors
from fachstelle.core.staff import REPORTING_ROLES, staff_office_view

from ..filters import FIRST_YEAR
from ..models import AnnualReport
from ..services.annual import (
    IN_PROGRESS,
    LAST_YEAR,
    TEXT_MAX_LENGTH,
    annual_report_filename,
    annual_report_request,
    report_texts,
    report_texts_save,
    text_slots,
)

# The list of earlier builds shows this many (newest first).
BUILDS_SHOWN = 30
# htmx asks for the status this often while a build is queued or running.
POLL_SECONDS = 2
FILE_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class AnnualYearForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)


class ReportTextsForm(forms.Form):
    """One Markdown text per slot of the report (`services.annual.text_slots`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for slot in text_slots():
            self.fields[slot.key] = forms.CharField(
                label=slot.label,
                help_text=slot.help,
                required=False,
                max_length=TEXT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 6}),
            )


def _page_url(office, year: int) -> str:
    return reverse("reporting:annual_report", kwargs={"office_slug": office.slug}) + f"?year={year}"


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404


def _page(request, form: AnnualYearForm, *, status: int = 200, busy: str = ""):
    office = request.office
    context = {"nav": "reporting", "form": form, "busy": busy, "poll_seconds": POLL_SECONDS}
    if form.is_valid():
        year = form.cleaned_data["year"]
        builds = list(office.annual_reports.order_by("-requested_at", "-pk")[:BUILDS_SHOWN])
        texts = report_texts(office=office, year=year)
        context.update(
            year=year,
            builds=builds,
            current=next((build for build in builds if build.year == year), None),
            in_progress=any(build.status in IN_PROGRESS for build in builds if build.year == year),
            slots=[(slot, bool(texts.get(slot.key))) for slot in text_slots()],
        )
    else:
        status = 400
    return render(request, "reporting/annual/page.html", context, status=status)


@staff_office_view(roles=REPORTING_ROLES)
def annual_report(request):
    data = request.GET.copy()
    if not data.get("year"):
        data["year"] = str(timezone.localdate().year)
    return _page(request, AnnualYearForm(data))


@staff_office_view(roles=REPORTING_ROLES)
@require_POST
def annual_build(request, year: int):
    _check_year(year)
    try:
        annual_report_request(office=request.office, year=year, by=request.user)
    except ValidationError as exc:
        # Another build of the year is queued or running: the page says so (and shows its progress).
        return _page(request, AnnualYearForm({"year": year}), status=409, busy=" ".join(exc.messages))
    messages.success(request, _("The annual report is being built. This page shows its progress."))
    return redirect(_page_url(request.office, year))


@staff_office_view(roles=REPORTING_ROLES)
@require_http_methods(["GET", "POST"])
def annual_texts(request, year: int):
    _check_year(year)
    office = request.office
    status = 200
    if request.method == "POST":
        form = ReportTextsForm(request.POST)
        if form.is_valid():
            try:
                report_texts_save(office=office, year=year, texts=form.cleaned_data, by=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The texts of the annual report are saved."))
                return redirect(_page_url(office, year))
        status = 400
    else:
        form = ReportTextsForm(initial=report_texts(office=office, year=year))
    return render(
        request,
        "reporting/annual/texts.html",
        {"nav": "reporting", "form": form, "year": year},
        status=status,
    )


def _own_report(request, pk: int) -> AnnualReport:
    return get_object_or_404(request.office.annual_reports, pk=pk)


@staff_office_view(roles=REPORTING_ROLES)
def annual_status(request, pk: int):
    """The build's status: the fragment htmx swaps in (it polls itself again while the build runs); a
    plain request goes to the annual report page of the year."""
    report = _own_report(request, pk)
    if not request.headers.get("HX-Request"):
        return redirect(_page_url(request.office, report.year))
    return render(request, "reporting/annual/_status.html", {"build": report, "poll_seconds": POLL_SECONDS})


def _download(request, pk: int, kind: str):
    report = _own_report(request, pk)
    file = getattr(report, kind)
    if report.status != AnnualReport.Status.DONE or not file:
        raise Http404
    try:
        handle = file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        office=request.office,
        target_type="reporting.annual_report",
        target_id=report.pk,
        detail=kind,
        request=request,
    )
    return FileResponse(
        handle,
        as_attachment=True,
        filename=annual_report_filename(office=request.office, year=report.year, extension=kind),
        content_type=FILE_TYPES[kind],
    )


@staff_office_view(roles=REPORTING_ROLES)
def annual_pdf(request, pk: int):
    return _download(request, pk, "pdf")


@staff_office_view(roles=REPORTING_ROLES)
def annual_docx(request, pk: int):
    return _download(request, pk, "docx")


urlpatterns = [
    path("annual/", annual_report, name="annual_report"),
    path("annual/<int:year>/texts/", annual_texts, name="annual_texts"),
    path("annual/<int:year>/build/", annual_build, name="annual_build"),
    path("annual/report/<int:pk>/status/", annual_status, name="annual_status"),
    path("annual/report/<int:pk>/pdf", annual_pdf, name="annual_pdf"),
    path("annual/report/<int:pk>/docx", annual_docx, name="annual_docx"),
]
