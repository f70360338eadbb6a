"""KOMPAKT: population statistics import (upload → check report → confirm) and the office's column mapping.

The uploaded file waits on the server between the check and the confirmation (core.tabular's upload store,
token in the session). Every role of KOMPAKT may read; only admin, editor and counsellor may upload,
confirm or change the mapping (the statistics role gets 403 on POST).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fachstelle.core.forms import add_service_errors
from fachstelle.core.models import Membership
from fachstelle.core.staff import KOMPAKT_ROLES, staff_office_view
from fachstelle.core.tabular import upload_discard, upload_get, upload_stash

from ..forms import ColumnMappingForm, StatisticsUploadForm
from ..selectors.statistics_imports import (
    statistics_import_get,
    statistics_import_list,
    statistics_years_by_municipality,
)
from ..services.statistics_import import (
    COLUMNS,
    StatisticsRejected,
    column_mapping_save,
    errors_split,
    mapping_for,
    statistics_check,
    statistics_import,
)

# Who may write statistics (upload, confirm, mapping); the statistics role only reads.
WRITE_ROLES = (Membership.Role.ADMIN, Membership.Role.EDITOR, Membership.Role.COUNSELLOR)
ERRORS_SHOWN = 200


def _scope(request) -> str:
    return f"kompakt-statistics-{request.office.pk}"


def _require_write(request) -> None:
    if request.role not in WRITE_ROLES:
        raise PermissionDenied


def _list_context(request, form):
    return {
        "nav": "kompakt",
        "imports": statistics_import_list(office=request.office),
        "years": statistics_years_by_municipality(office=request.office),
        "form": form,
        "can_write": request.role in WRITE_ROLES,
        "columns": COLUMNS,
    }


@never_cache
@require_GET
@staff_office_view(roles=KOMPAKT_ROLES)
def statistics_list(request):
    return render(request, "kompakt/statistics/list.html", _list_context(request, StatisticsUploadForm()))


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def statistics_upload(request):
    _require_write(request)
    form = StatisticsUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "kompakt/statistics/list.html", _list_context(request, form))
    name = form.cleaned_data["file"].name
    report = statistics_check(
        office=request.office, data=form.cleaned_data["data"], file_name=name, by=request.user
    )
    if report.has_errors:
        upload_discard(request, scope=_scope(request))
    else:
        upload_stash(
            request,
            scope=_scope(request),
            data=form.cleaned_data["data"],
            name=name,
            file_type=form.cleaned_data["file_type"],
            options={"import_id": report.record.pk},
        )
    return redirect("kompakt:statistics_report", office_slug=request.office.slug, import_id=report.record.pk)


def _pending(request, record):
    """The stored upload of this checked import, if it still waits."""
    stored = upload_get(request, scope=_scope(request))
    if stored is None or stored.options.get("import_id") != record.pk:
        return None
    return stored


@never_cache
@require_GET
@staff_office_view(roles=KOMPAKT_ROLES)
def statistics_report(request, import_id: int):
    record = statistics_import_get(office=request.office, import_id=import_id)
    errors, error_count = errors_split(record.errors)
    pending = record.status == record.Status.CHECKED and _pending(request, record) is not None
    return render(
        request,
        "kompakt/statistics/report.html",
        {
            "nav": "kompakt",
            "record": record,
            "errors": errors[:ERRORS_SHOWN],
            "error_count": error_count,
            "errors_hidden": error_count - min(len(errors), ERRORS_SHOWN),
            "can_confirm": pending and request.role in WRITE_ROLES,
        },
    )


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def statistics_confirm(request, import_id: int):
    _require_write(request)
    record = statistics_import_get(office=request.office, import_id=import_id)
    stored = _pending(request, record) if record.status == record.Status.CHECKED else None
    data = stored.read() if stored else None
    if data is None:
        messages.warning(request, _("No file is waiting for import (it was imported, cancelled or expired)."))
        return redirect("kompakt:statistics_list", office_slug=request.office.slug)
    try:
        report = statistics_import(office=request.office, by=request.user, data=data, record=record)
    except StatisticsRejected:
        upload_discard(request, scope=_scope(request))
        messages.error(
            request, _("The file now has errors (the data changed since the check); nothing was imported.")
        )
        return redirect("kompakt:statistics_report", office_slug=request.office.slug, import_id=record.pk)
    upload_discard(request, scope=_scope(request))
    messages.success(
        request,
        _("Imported %(rows)s rows for %(years)s in %(municipalities)s municipalities.")
        % {
            "rows": report.record.rows_imported,
            "years": ", ".join(str(year) for year in report.years),
            "municipalities": len(report.municipality_ids),
        },
    )
    return redirect("kompakt:statistics_list", office_slug=request.office.slug)


@require_POST
@staff_office_view(roles=KOMPAKT_ROLES)
def statistics_cancel(request, import_id: int):
    _require_write(request)
    statistics_import_get(office=request.office, import_id=import_id)
    upload_discard(request, scope=_scope(request))
    messages.info(request, _("The import was cancelled; the file was deleted."))
    return redirect("kompakt:statistics_list", office_slug=request.office.slug)


@never_cache
@require_http_methods(["GET", "POST"])
@staff_office_view(roles=KOMPAKT_ROLES)
def statistics_mapping(request):
    mapping = mapping_for(request.office)
    if request.method == "POST":
        _require_write(request)
        form = ColumnMappingForm(request.POST, mapping=mapping)
        if form.is_valid():
            try:
                column_mapping_save(
                    office=request.office,
                    columns=form.columns(),
                    values=form.cleaned_data["values"],
                    by=request.user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The column mapping was saved."))
                return redirect("kompakt:statistics_list", office_slug=request.office.slug)
    else:
        form = ColumnMappingForm(mapping=mapping)
    return render(
        request,
        "kompakt/statistics/mapping.html",
        {"nav": "kompakt", "form": form, "can_write": request.role in WRITE_ROLES},
    )


urlpatterns = [
    path("statistics/", statistics_list, name="statistics_list"),
    path("statistics/upload/", statistics_upload, name="statistics_upload"),
    path("statistics/mapping/", statistics_mapping, name="statistics_mapping"),
    path("statistics/<int:import_id>/", statistics_report, name="statistics_report"),
    path("statistics/<int:import_id>/confirm/", statistics_confirm, name="statistics_confirm"),
    path("statistics/<int:import_id>/cancel/", statistics_cancel, name="statistics_cancel"),
]
