"""Reporting point (Meldestelle), staff side: the triage inbox, the report page with its triage form, the
statistics and their CSV.

Office admins and counsellors only (reports are personal data, protected like counselling cases). Views
are thin: forms parse, `services/reports.py` decides and writes (audited), `selectors/reports.py` reads.
Every report is fetched through the office (404 for another office's id); opening one is logged.
"""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fachstelle.core.audit import Action, audit_record
from fachstelle.core.models import Membership
from fachstelle.core.staff import PERSONAL_DATA_ROLES, staff_office_view
from fachstelle.core.statistics import SUPPRESSION_THRESHOLD, csv_value

from ..forms.reports import ReportFilterForm, ReportTriageForm
from ..models import Report
from ..selectors import reports as selectors
from ..services import reports as services

ADMIN = Membership.Role.ADMIN
# Same dialect as the other CSV downloads (Excel in German-speaking offices opens ";" directly).
CSV_DIALECT = {"delimiter": ";", "lineterminator": "\r\n"}


def _url(request, name: str, **kwargs) -> str:
    return reverse(f"network:{name}", kwargs={"office_slug": request.office.slug, **kwargs})


# --- Inbox -----------------------------------------------------------------------------------------------


@staff_office_view(PERSONAL_DATA_ROLES)
def report_list(request):
    form = ReportFilterForm(
        request.GET,
        municipalities=selectors.report_municipality_choices(office=request.office),
        years=selectors.report_years(office=request.office),
    )
    filters = form.to_filters(page=request.GET.get("page"))
    result = selectors.report_list(office=request.office, filters=filters)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "network/reports/list.html",
        {"nav": "reports", "form": form, "result": result, "query_without_page": query.urlencode()},
    )


# --- One report ----------------------------------------------------------------------------------------


def _detail(request, report: Report, *, form: ReportTriageForm | None = None, status: int = 200):
    may_triage = services.report_may_triage(user=request.user, report=report)
    is_admin = request.role == ADMIN
    assignees = selectors.report_assignee_choices(office=request.office) if is_admin else None
    if form is None and may_triage and report.anonymised_at is None:
        version = services.report_version(report)
        form = ReportTriageForm(
            initial=ReportTriageForm.initial_for(report, version=version), report=report, assignees=assignees
        )
    return render(
        request,
        "network/reports/detail.html",
        {
            "nav": "reports",
            "report": report,
            "form": form,
            "shows_contact": selectors.report_shows_contact(user=request.user, report=report),
            "access_log": selectors.report_access_log(report=report) if is_admin else None,
        },
        status=status,
    )


@staff_office_view(PERSONAL_DATA_ROLES)
def report_detail(request, report_id: int):
    report = selectors.report_get_for_user(
        user=request.user, office=request.office, report_id=report_id, request=request
    )
    return _detail(request, report)


@require_POST
@staff_office_view(PERSONAL_DATA_ROLES)
def report_triage(request, report_id: int):
    # Not logged as a view: the write is audited itself.
    report = selectors.report_get_for_user(
        user=request.user, office=request.office, report_id=report_id, request=request, audit=False
    )
    if not services.report_may_triage(user=request.user, report=report):
        raise PermissionDenied
    is_admin = request.role == ADMIN
    assignees = selectors.report_assignee_choices(office=request.office) if is_admin else None
    form = ReportTriageForm(request.POST, report=report, assignees=assignees)
    if not form.is_valid():
        return _detail(request, report, form=form)
    data = form.cleaned_data
    extra = {"assigned_to": data.get("assigned_to")} if is_admin else {}
    try:
        services.report_triage(
            report=report,
            by=request.user,
            status=data["status"],
            triage_note=data["triage_note"],
            expected_version=data["version"],
            request=request,
            **extra,
        )
    except PermissionError as exc:
        raise PermissionDenied from exc
    except ValidationError as error:
        conflict = isinstance(error, services.StaleReportError)
        if conflict:
            # The page shows the report as it is now; sending the form again applies it over that.
            form.data = form.data.copy()
            form.data["version"] = services.report_version(report)
        if hasattr(error, "error_dict"):
            for key, messages_ in error.message_dict.items():
                form.add_error(key if key in form.fields else None, messages_)
        else:
            form.add_error(None, error)
        return _detail(request, report, form=form, status=409 if conflict else 200)
    messages.success(request, _("Report %(reference)s saved.") % {"reference": report.reference})
    return redirect(_url(request, "report_detail", report_id=report.pk))


# --- Statistics ----------------------------------------------------------------------------------------


@staff_office_view(PERSONAL_DATA_ROLES)
def report_statistics(request):
    statistics = selectors.report_statistics(office=request.office)
    return render(
        request,
        "network/reports/statistics.html",
        {"nav": "reports", "statistics": statistics, "threshold": SUPPRESSION_THRESHOLD},
    )


def _csv_text(text: str) -> str:
    # A leading = + - @ would run as a spreadsheet formula (municipality names come from a list, still).
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@staff_office_view(PERSONAL_DATA_ROLES)
def report_statistics_csv(request):
    statistics = selectors.report_statistics(office=request.office)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="reports-statistics-{request.office.slug}.csv"'
    response.write("\ufeff")  # byte-order mark: Excel opens UTF-8 without an import dialog
    writer = csv.writer(response, **CSV_DIALECT)
    writer.writerow([_("Reporting point: statistics"), _csv_text(request.office.name)])
    writer.writerow(
        [
            _(
                "Cells with fewer than %(n)s reports are not shown (<%(n)s); cells marked – are hidden so "
                "that a hidden cell cannot be worked out from a total."
            )
            % {"n": SUPPRESSION_THRESHOLD}
        ]
    )
    for table in statistics.tables:
        writer.writerow([])
        writer.writerow([_csv_text(table.title)])
        writer.writerow([_csv_text(table.row_header), *table.columns])
        for row in table.all_rows:
            writer.writerow([_csv_text(row.label), *(csv_value(cell) for cell in row.cells)])
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        office=request.office,
        target_type="network.report_statistics",
        detail="csv",
        request=request,
    )
    return response


urlpatterns = [
    path("reports/", report_list, name="report_list"),
    path("reports/<int:report_id>/", report_detail, name="report_detail"),
    path("reports/<int:report_id>/triage/", report_triage, name="report_triage"),
    path("reports/statistics/", report_statistics, name="report_statistics"),
    path("reports/statistics.csv", report_statistics_csv, name="report_statistics_csv"),
]
